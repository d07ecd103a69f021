// The faulty site of the soak run as a program: serves until SIGINT/SIGTERM, prints its
// origin first. Usage: soak_server PAGES [SEED] [MAX_DELAY_MS]
#include <csignal>
#include <cstdlib>
#include <iostream>
#include <thread>

#include "faulty_site.hpp"

namespace {
volatile std::sig_atomic_t g_stop = 0;
extern "C" void on_signal(int) { g_stop = 1; }
}  // namespace

int main(int argc, char** argv) {
  sitegraph::testing::FaultySite::Options options;
  if (argc > 1) options.pages = std::strtoull(argv[1], nullptr, 10);
  if (argc > 2) options.seed = std::strtoull(argv[2], nullptr, 10);
  if (argc > 3) options.max_delay_ms = std::atoi(argv[3]);
  std::signal(SIGINT, on_signal);
  std::signal(SIGTERM, on_signal);
  sitegraph::testing::FaultySite site(options);
  std::cout << site.origin() << std::endl;
  while (!g_stop) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  std::cerr << "soak_server: " << site.requests() << " requests, " << site.faults() << " faults\n";
  return 0;
}
