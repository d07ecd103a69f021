#!/usr/bin/env bash
# Adaptive politeness on a server that struggles mid-crawl (issue 24): bench/slow_server.py
# answers after DELAY_MS, except requests SLOW_FROM..SLOW_TO-1 (in arrival order), which take
# SLOW_MS. sitegraph at --per-host N, adaptive (the default) and with --fixed-per-host, each
# against a fresh server that records how many requests were in flight as each one arrived.
# Printed per run: wall time, and the most requests in flight at the server before, during
# (its last quarter, once the crawl had time to react) and after the slow stretch (its last
# quarter likewise); then the adaptive run's "server pace" line.
#
#   bench/pace_bench.sh [PAGES] [N] [DELAY_MS] [SLOW_FROM] [SLOW_TO] [SLOW_MS] [PORT]
#   (defaults: 2000 pages, --per-host 8, 20 ms, requests 400-800 at 400 ms, port 8098)
#
# Needs ../shared/sitegen, python3, GNU time and a Release build in build/.
set -euo pipefail
pages=${1:-2000}
n=${2:-8}
delay=${3:-20}
slow_from=${4:-400}
slow_to=${5:-800}
slow_ms=${6:-400}
port=${7:-8098}
root=$(cd "$(dirname "$0")/.." && pwd)
shared=${SHARED:-$root/../shared}
bin=$root/build/sitegraph
# shellcheck source=bench/slow_site.sh
source "$root/bench/slow_site.sh"
slow_site pace

run() {
  local name=$1
  shift
  rm -f "$work/stats.json"
  # The readiness check is request 0: the crawl's requests are numbered from 1.
  start_server "$((slow_from + 1))" "$((slow_to + 1))" "$slow_ms"
  /usr/bin/time -f '%e' -o "$work/time" "$@" >"$work/out" 2>&1 || true
  stop_server
  python3 - "$name" "$(tail -n 1 "$work/time")" "$work/stats.json" "$slow_from" "$slow_to" <<'EOF'
import json, sys
name, wall, stats, lo, hi = sys.argv[1], float(sys.argv[2]), json.load(open(sys.argv[3])), int(sys.argv[4]), int(sys.argv[5])
trace = stats["trace"][1:]  # the readiness check left out
quarter = (hi - lo) // 4
after = trace[hi:]
print(f"{name:34} {wall:7.2f} {len(trace):9} {max(trace[:lo]):10} {max(trace[hi - quarter:hi]):16} "
      f"{max(after[len(after) - len(after) // 4:]) if after else 0:15}")
EOF
}

echo "site: $(find "$work/gen/site" -name '*.html' | wc -l) HTML files; answers after $delay ms, requests $slow_from-$((slow_to - 1)) after $slow_ms ms; $(nproc) cores"
printf '%-34s %7s %9s %10s %16s %15s\n' run wall_s requests before slow_last_qtr after_last_qtr
run "sitegraph --per-host $n" "$bin" -q audit "$url" --per-host "$n" --concurrency "$n" -f json -o "$work/adaptive.json"
run "sitegraph --per-host $n --fixed-per-host" "$bin" -q audit "$url" --per-host "$n" --concurrency "$n" --fixed-per-host -f json -o "$work/fixed.json"
echo
echo "the adaptive run's crawl.throttle:"
python3 -c "
import json
for e in json.load(open('$work/adaptive.json'))['crawl']['throttle']:
    print(f\"  {e['seconds']:6.2f} s  {e['reason']:9} {e['from']:2} -> {e['to']:2}  recent {e['recent_ms'] or 0:6.0f} ms  usual {e['usual_ms'] or 0:5.0f} ms\")
"
