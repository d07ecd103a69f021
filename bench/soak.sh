#!/usr/bin/env bash
# Soak run: one long crawl of a site that misbehaves on purpose (build/tests/soak_server:
# delays, dropped and truncated answers, 503 bursts, malformed HTML). Checks that the crawl
# ends, every page is accounted for as 200, and memory stays flat; prints the figures.
# Usage: bench/soak.sh [PAGES] [RATE] [BUILD_DIR]
#   PAGES pages at RATE requests/s (per host) sets the length: 3600 pages at 2/s is 30 minutes.
set -euo pipefail
pages=${1:-3600}
rate=${2:-2}
build=${3:-build}
work=$(mktemp -d)
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

"$build/tests/soak_server" "$pages" 11 300 >"$work/origin" 2>"$work/server.log" &
server_pid=$!
for _ in $(seq 50); do [ -s "$work/origin" ] && break; sleep 0.1; done
origin=$(head -1 "$work/origin")
echo "soak: $pages pages at $rate/s from $origin"

start=$(date +%s)
SITEGRAPH_NO_HUGE_PAGES=1 "$build/sitegraph" -q audit "$origin/" --rate "$rate" --retries 2 --timeout 10 \
  -f json -o "$work/report.json" &
crawler=$!
# Resident memory of the crawler every 10 s.
: >"$work/rss"
while kill -0 "$crawler" 2>/dev/null; do
  awk '/VmRSS/ {print $2}' "/proc/$crawler/status" 2>/dev/null >>"$work/rss" || true
  sleep 10
done
code=0
wait "$crawler" || code=$?
end=$(date +%s)

status=0
if /usr/bin/python3 - "$work/report.json" "$origin" "$pages" "$work/rss" "$code" $((end - start)) <<'PY'
import json, sys
report, origin, pages, rss_file, code, secs = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], int(sys.argv[5]), int(sys.argv[6])
r = json.load(open(report))
ok = {p["url"] for p in r["pages"] if p["status"] == 200}
missing = [i for i in range(pages) if f"{origin}/p/{i}.html" not in ok]
rss = [int(x) for x in open(rss_file).read().split()]
half = rss[len(rss) // 2:] or [0]
print(f"exit code {code}, {secs} s, crawl complete: {r['crawl']['complete']}, requests {r['crawl']['requests']}")
print(f"pages 200: {len(ok)} of {pages} expected; missing or not 200: {len(missing)} {missing[:10]}")
if rss:
    print(f"RSS KiB: first {rss[0]}, peak {max(rss)}, second half min {min(half)} max {max(half)} ({len(rss)} samples)")
good = code == 0 and r["crawl"]["complete"] and not missing
print("soak: PASS" if good else "soak: FAIL")
sys.exit(0 if good else 1)
PY
then :; else status=$?; fi
cat "$work/server.log"
exit $status
