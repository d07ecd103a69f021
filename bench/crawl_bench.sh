#!/usr/bin/env bash
# End-to-end crawl benchmark: sitegraph and wget --spider on the same generated site, served
# by nginx on 127.0.0.1, in one run, so the speed figure is a ratio. Run by hand, not in CI.
#
#   bench/crawl_bench.sh [PAGES] [PORT]      (default 20000 pages, port 8091)
#
# Needs ../shared/sitegen (gen_site.py, serve.sh), nginx, wget and GNU time
# (apt-get install -y nginx wget time), and a Release build in build/.
set -euo pipefail
pages=${1:-20000}
port=${2:-8091}
root=$(cd "$(dirname "$0")/.." && pwd)
shared=${SHARED:-$root/../shared}
bin=$root/build/sitegraph
source "$root/bench/generated_site.sh"
serve_generated_site bench
html_mb=$(du -sm "$work/site" | cut -f1)
echo "site: $pages pages requested, $(find "$work/site" -name '*.html' | wc -l) HTML files, ${html_mb} MB; $(nproc) cores"

run() {  # name, command...: prints wall seconds and peak RSS
  local name=$1; shift
  /usr/bin/time -f '%e %M' -o "$work/time.$name" "$@" >"$work/out.$name" 2>"$work/err.$name" || true
  read -r wall rss < <(tail -n 1 "$work/time.$name")  # GNU time may add a first line
  echo "$name $wall $rss"
}

printf '%-10s %8s %8s %10s %9s\n' tool wall_s rss_mib requests pages/s
for i in 1 2; do
  read -r _ wall rss < <(run sitegraph "$bin" -q audit "$url" --concurrency 32 --format json -o "$work/report.json")
  requests=$(python3 -c "import json;print(json.load(open('$work/report.json'))['crawl']['requests'])")
  printf '%-10s %8s %8s %10s %9.0f\n' "sitegraph" "$wall" "$((rss / 1024))" "$requests" "$(echo "$requests / $wall" | bc -l)"
  read -r _ wall rss < <(run wget wget --spider -r -l inf -nv --no-parent -e robots=on -P "$work/wget" "$url")
  requests=$(grep -c ' URL:' "$work/err.wget" || true)
  printf '%-10s %8s %8s %10s %9.0f\n' "wget" "$wall" "$((rss / 1024))" "$requests" "$(echo "$requests / $wall" | bc -l)"
done
