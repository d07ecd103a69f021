#!/usr/bin/env bash
# Fetcher benchmark (issue: a fetcher a site owner trusts). Run by hand, not in CI.
#
#   bench/fetch_bench.sh [PAGES]        (default 20000)
#
# In one run, on two sites served by nginx on 127.0.0.1:
#   1. a ../shared/sitegen site of PAGES pages;
#   2. Debian's cppreference-doc-en-html (apt-get install -y cppreference-doc-en-html);
# it measures: the bare gumbo parse rate of the site's HTML files (build/parse_rate, both cores);
# sitegraph's crawl (politeness lifted for loopback); wget --spider and LinkChecker through
# ../shared/bench/peers.sh. pages/s = the site's HTML files / wall seconds, the same numerator
# for every tool. Needs: nginx wget linkchecker time, and a build with -DSITEGRAPH_BUILD_BENCH=ON.
set -euo pipefail
pages=${1:-20000}
root=$(cd "$(dirname "$0")/.." && pwd)
shared=${SHARED:-$root/../shared}
bin=$root/build/sitegraph
parse_rate=$root/build/parse_rate
[ -x "$parse_rate" ] || { echo "build parse_rate first: cmake -S . -B build -DSITEGRAPH_BUILD_BENCH=ON && cmake --build build" >&2; exit 2; }
work=$(mktemp -d /tmp/sitegraph-fetch-bench.XXXXXX)
chmod 755 "$work"
stop_all() { for d in "$work"/sitegen "$work"/cppref; do bash "$shared/sitegen/serve.sh" stop "$d" >/dev/null 2>&1 || true; done; rm -rf "$work"; }
trap stop_all EXIT

serve() {  # DIR PORT: serve DIR/site, wait until it answers
  bash "$shared/sitegen/serve.sh" start "$1" "$2" >/dev/null
  for _ in $(seq 100); do [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$2/")" != 000 ] && return; sleep 0.1; done
  echo "nginx on $2 did not come up" >&2; exit 1
}

measure() {  # NAME URL HTML_PAGES
  local name=$1 url=$2 n=$3
  echo "== $name: $n HTML pages at $url"
  "$parse_rate" "$4" 2 bare extract | sed 's/^/   parse: /'
  for i in 1 2; do
    /usr/bin/time -f '%e %M' -o "$work/time" "$bin" -q audit "$url" --per-host 32 --concurrency 32 --format json -o "$work/report.json" || true
    read -r wall rss < <(tail -n 1 "$work/time")
    req=$(python3 -c "import json;print(json.load(open('$work/report.json'))['crawl']['requests'])")
    printf '   %-12s %8s s %6s MiB %7s requests %7.0f pages/s\n' sitegraph "$wall" "$((rss / 1024))" "$req" "$(echo "$n / $wall" | bc -l)"
  done
  # The peers, with the command lines of ../shared/bench/peers.sh (which cannot be used as it
  # is: when a tool exits non-zero, as wget does on a broken link, GNU time adds a line that
  # its parsing trips on).
  printf '[checking]\nmaxrequestspersecond=1000000\n' >"$work/linkcheckerrc"
  for tool in ${PEERS:-wget linkchecker}; do
    case $tool in
      wget) cmd=(wget --spider -r -l inf -nv --no-parent -e robots=on -P "$work/wget" "$url") ;;
      linkchecker) cmd=(linkchecker --no-warnings --no-status -r -1 -f "$work/linkcheckerrc" --threads 50 "$url") ;;
    esac
    command -v "${cmd[0]}" >/dev/null || { echo "   $tool: not installed"; continue; }
    rc=0
    (cd "$work" && /usr/bin/time -f '%e %M' -o "$work/time" timeout "${PEER_CAP:-300}" "${cmd[@]}" >"$work/$tool.out" 2>&1) || rc=$?
    read -r wall rss < <(tail -n 1 "$work/time")
    printf '   %-12s %8s s %6s MiB %7s rc       %7.0f pages/s\n' "$tool" "$wall" "$((rss / 1024))" "$rc" "$(echo "$n / $wall" | bc -l)"
  done
}

mkdir -p "$work/sitegen" "$work/cppref"
sites=${SITES:-sitegen cppreference}
if [[ " $sites " == *" sitegen "* ]]; then
python3 "$shared/sitegen/gen_site.py" --out "$work/sitegen" --pages "$pages" --base-url http://127.0.0.1:8095 --no-truth >/dev/null
serve "$work/sitegen" 8095
measure "sitegen $pages" http://127.0.0.1:8095/ "$(find "$work/sitegen/site" -name '*.html' | wc -l)" "$work/sitegen/site"
fi

cppref=/usr/share/cppreference/doc/html
if [[ " $sites " != *" cppreference "* ]]; then
  :
elif [ -d "$cppref" ]; then
  ln -s "$cppref" "$work/cppref/site"
  : >"$work/cppref/nginx-redirects.conf"
  serve "$work/cppref" 8096
  start=$(cd "$cppref" && ls -d en/index.html 2>/dev/null || ls index.html)
  measure "cppreference" "http://127.0.0.1:8096/$start" "$(find -L "$cppref" -name '*.html' | wc -l)" "$cppref"
else
  echo "== cppreference: not installed (apt-get install -y cppreference-doc-en-html)"
fi
