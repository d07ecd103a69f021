#!/usr/bin/env bash
# Crawling a slow server (issue 24): a generated site served by bench/slow_server.py, which
# answers every request after DELAY_MS, as a server 20-200 ms away does. A crawler that keeps N
# requests in flight gets N / delay pages a second at best. sitegraph at --per-host 4, 8 and 16,
# then wget (one connection) and LinkChecker (its default 10 threads, if installed), each
# against a fresh server that counts requests, connections and the most in flight at once.
#
#   bench/slow_bench.sh [PAGES] [DELAY_MS] [PORT]      (default 1000 pages, 50 ms, port 8097)
#
# Needs ../shared/sitegen, python3, GNU time and a Release build in build/.
set -euo pipefail
pages=${1:-1000}
delay=${2:-50}
port=${3:-8097}
root=$(cd "$(dirname "$0")/.." && pwd)
shared=${SHARED:-$root/../shared}
bin=$root/build/sitegraph
# shellcheck source=bench/slow_site.sh
source "$root/bench/slow_site.sh"
slow_site slow

# name, N (requests it may keep in flight), command...: one row of the table.
run() {
  local name=$1 n=$2
  shift 2
  rm -f "$work/stats.json"
  start_server
  /usr/bin/time -f '%e' -o "$work/time" "$@" >"$work/out" 2>&1 || true
  stop_server
  local wall requests connections in_flight
  wall=$(tail -n 1 "$work/time")
  read -r requests connections in_flight < <(python3 -c "import json; s = json.load(open('$work/stats.json')); print(s['requests'] - 1, s['connections'] - 1, s['max_in_flight'])")
  local rate best
  rate=$(echo "$requests / $wall" | bc -l)
  best=$(echo "$n * 1000 / $delay" | bc -l)
  printf '%-22s %4s %8s %9s %12s %10s %9.1f %9.0f %6.0f %%\n' "$name" "$n" "$wall" "$requests" "$connections" "$in_flight" "$rate" "$best" \
    "$(echo "100 * $rate / $best" | bc -l)"
}

echo "site: $(find "$work/gen/site" -name '*.html' | wc -l) HTML files; every answer after $delay ms; $(nproc) cores"
echo "(requests and connections leave out the readiness check's one)"
printf '%-22s %4s %8s %9s %12s %10s %9s %9s %8s\n' tool N wall_s requests connections max_flight pages/s "N/delay" share
for n in 4 8 16; do
  run "sitegraph --per-host $n" "$n" "$bin" -q audit "$url" --per-host "$n" --concurrency "$n" -f json -o "$work/report.json"
done
run "wget" 1 wget --spider -r -l inf -nv --no-parent -e robots=on -P "$work/wget" "$url"
if command -v linkchecker >/dev/null; then
  run "linkchecker (10)" 10 linkchecker --no-warnings --no-status -r -1 "$url"
else
  echo "linkchecker: not installed"
fi
