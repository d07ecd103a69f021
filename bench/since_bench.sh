#!/usr/bin/env bash
# Incremental recrawls (--since) of an unchanged generated site, against the cold crawl of the
# same site in the same run, from two nginx servers on the same folder: one as nginx is set up
# by default (ETag and Last-Modified: the recrawl is answered 304) and one with
# `etag off; if_modified_since off;` (always 200: the recrawl revalidates by body hash).
# Runs alternate cold and --since three times per server; prints each run and the medians.
#
#   bench/since_bench.sh [PAGES] [PORT]      (default 20000 pages, ports 8093 and 8094)
#
# Needs ../shared/sitegen, nginx, curl and GNU time, and a Release build in build/.
set -euo pipefail
pages=${1:-20000}
port=${2:-8093}
root=$(cd "$(dirname "$0")/.." && pwd)
shared=${SHARED:-$root/../shared}
bin=$root/build/sitegraph
source "$root/bench/generated_site.sh"
serve_generated_site since
with_validators=$url

# The same site again, without validators: serve.sh's configuration on the next port.
plain_port=$((port + 1))
sed -e "s/listen 127.0.0.1:$port;/listen 127.0.0.1:$plain_port; etag off; if_modified_since off;/" \
    -e "s|pid $work/nginx/nginx.pid;|pid $work/nginx/plain.pid;|" "$work/nginx/nginx.conf" > "$work/nginx/plain.conf"
nginx -c "$work/nginx/plain.conf" -p "$work/nginx"
for _ in $(seq 50); do [ -s "$work/nginx/plain.pid" ] && break; sleep 0.1; done
trap 'kill "$(cat "$work/nginx/plain.pid")" 2>/dev/null || true; bash "$shared/sitegen/serve.sh" stop "$work" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
without_validators="http://127.0.0.1:$plain_port/"
for _ in $(seq 100); do curl -fs -o /dev/null "$without_validators" && break; sleep 0.1; done
if curl -fsI "$without_validators" | grep -qi '^etag:'; then echo "the second server still sends ETag" >&2; exit 1; fi

timed() {  # command...: prints the wall seconds and the peak RSS in MiB
  /usr/bin/time -f '%e %M' -o "$work/time" "$@" >"$work/out" 2>"$work/err" || { cat "$work/err" >&2; exit 1; }
  read -r wall rss < <(tail -n 1 "$work/time")
  echo "$wall $((rss / 1024))"
}

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

echo "site: $(find "$work/site" -name '*.html' | wc -l) HTML files; $(nproc) cores"
printf '%-20s %-7s %7s %8s %s\n' server run wall_s rss_mib revalidated
for server in with_validators without_validators; do
  site=${!server}
  "$bin" -q audit "$site" --save-snapshot "$work/$server.jsonl.gz" -f json -o "$work/first.json"
  : > "$work/cold.$server"
  : > "$work/since.$server"
  for _ in 1 2 3; do
    read -r wall rss < <(timed "$bin" -q audit "$site" -f json -o "$work/cold.json")
    echo "$wall" >> "$work/cold.$server"
    printf '%-20s %-7s %7s %8s\n' "$server" cold "$wall" "$rss"
    read -r wall rss < <(timed "$bin" -q audit "$site" --since "$work/$server.jsonl.gz" -f json -o "$work/since.json")
    echo "$wall" >> "$work/since.$server"
    counts=$(python3 -c "import json; s = json.load(open('$work/since.json'))['summary']; print(s['revalidated'], 'of which by hash', s['revalidated_by_hash'])")
    printf '%-20s %-7s %7s %8s %s\n' "$server" since "$wall" "$rss" "$counts"
  done
  cold=$(median < "$work/cold.$server")
  since=$(median < "$work/since.$server")
  echo "$server: cold $cold s, --since $since s (medians): $(echo "scale=2; $cold / $since" | bc -l)x"
done
