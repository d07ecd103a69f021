#!/usr/bin/env bash
# Compares every report format of two sitegraph binaries on the same sites: the example site
# (folder mode), and a generated site served by nginx over HTTP. For refactors that must not
# change what users read.
#
#   tools/compare_reports.sh OLD_BINARY NEW_BINARY [PAGES]
#
# PAGES (default 2000) is the size of the generated site (../shared/sitegen/gen_site.py, or
# $SITEGEN); it is skipped with a note when the generator or nginx is missing. Each binary
# audits each site once live (the crawl's seconds masked, floats cut at 10 decimals, graph
# exports skipped: their node ids follow the order pages were parsed in), and once from a
# snapshot the old binary saved (no masking: those reports must be equal byte for byte), and
# once more live with --since that snapshot (masked like the first).
# Graph exports whose line order follows the crawl's (edges.csv) are compared sorted.
# Exits 0 when all reports are equal, 1 otherwise (the differences are printed).
set -euo pipefail
old=$(realpath "${1:?usage: compare_reports.sh OLD_BINARY NEW_BINARY [PAGES]}")
new=$(realpath "${2:?usage: compare_reports.sh OLD_BINARY NEW_BINARY [PAGES]}")
pages=${3:-2000}
here=$(cd "$(dirname "$0")/.." && pwd)
sitegen=${SITEGEN:-$here/../shared/sitegen}
work=$(mktemp -d)
chmod 755 "$work"  # nginx workers read the generated site from here
server_dir=""
cleanup() {
  if [ -n "$server_dir" ] && [ -s "$server_dir/nginx/nginx.pid" ]; then kill "$(cat "$server_dir/nginx/nginx.pid")" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

formats=text,json,csv,html,sarif,markdown,junit,github,dot,graphml,gexf,edges,webgraph,graphframes
failures=0

# What two live crawls of one site never share: the crawl's duration, and the last digits of
# sums whose order follows the URL ids (numbered as parser threads finish): cut at 10 decimals.
mask() {
  sed -E -e 's/("seconds": )[0-9.e+-]+/\1X/' -e 's/( time=")[0-9.e+-]+"/\1X"/' \
         -e 's/(requests in )[0-9.]+ s/\1X s/' -e 's/(<td>|: )[0-9]+\.[0-9]+ s</\1X s</g' \
         -e 's/([0-9]\.[0-9]{10})[0-9]+/\1/g' "$1"
}

compare_dirs() {  # LABEL DIR_A DIR_B MASK(yes|no)
  local label=$1 a=$2 b=$3 masked=$4 f
  if [ ! -d "$a" ] || [ ! -d "$b" ]; then echo "$label: no reports to compare"; failures=$((failures + 1)); return; fi
  while IFS= read -r f; do
    if [ ! -f "$b/$f" ]; then echo "$label: $f missing from the new run"; failures=$((failures + 1)); continue; fi
    case $f in
      ./graph.* | ./graphframes/* | ./webgraph/*)
        # Node ids follow the URL ids: equal only from one snapshot.
        [ "$masked" = yes ] && continue
        cmp -s "$a/$f" "$b/$f" && continue ;;
      *edges.csv | *graph.arcs | *edges.csv.gz) cmp -s <(sort "$a/$f") <(sort "$b/$f") && continue ;;
      *) if [ "$masked" = yes ]; then cmp -s <(mask "$a/$f") <(mask "$b/$f") && continue
         else cmp -s "$a/$f" "$b/$f" && continue; fi ;;
    esac
    echo "$label: $f differs"; diff <(mask "$a/$f") <(mask "$b/$f") | head -10 || true
    failures=$((failures + 1))
  done < <(cd "$a" && find . -type f | sort)
  [ "$(cd "$a" && find . -type f | wc -l)" = "$(cd "$b" && find . -type f | wc -l)" ] || {
    echo "$label: the runs wrote different numbers of files"; failures=$((failures + 1)); }
  echo "$label: $(cd "$a" && find . -type f | wc -l) files compared"
}

audit_both() {  # LABEL TARGET ARGS...
  local label=$1; shift
  "$old" audit "$@" -f "$formats" -o "$work/$label-old/" >"$work/$label-old.log" 2>&1 || { echo "$label: old binary failed:"; tail -3 "$work/$label-old.log"; }
  "$new" audit "$@" -f "$formats" -o "$work/$label-new/" >"$work/$label-new.log" 2>&1 || { echo "$label: new binary failed:"; tail -3 "$work/$label-new.log"; }
}

site_pair() {  # LABEL TARGET ARGS...
  local label=$1; shift
  audit_both "$label" "$@" --save-snapshot "$work/$label.jsonl.gz"
  compare_dirs "$label (live)" "$work/$label-old" "$work/$label-new" yes
  "$old" audit "$work/$label.jsonl.gz" -f "$formats" -o "$work/$label-snap-old/" >/dev/null 2>&1 || true
  "$new" audit "$work/$label.jsonl.gz" -f "$formats" -o "$work/$label-snap-new/" >/dev/null 2>&1 || true
  compare_dirs "$label (snapshot)" "$work/$label-snap-old" "$work/$label-snap-new" no
  # A recrawl that revalidates against the snapshot (304s reuse its links).
  audit_both "$label-since" "$@" --since "$work/$label.jsonl.gz"
  compare_dirs "$label (--since)" "$work/$label-since-old" "$work/$label-since-new" yes
}

site_pair example "$here/examples/site" --base-url https://coffee.example/ --suggest-links 3

if [ -f "$sitegen/gen_site.py" ] && command -v nginx >/dev/null; then
  server_dir=$work/gen
  python3 "$sitegen/gen_site.py" --pages "$pages" --out "$server_dir" >/dev/null
  port=$((20000 + RANDOM % 20000))
  bash "$sitegen/serve.sh" start "$server_dir" "$port" >/dev/null
  site_pair "sitegen-$pages" "http://127.0.0.1:$port/" --per-host 8
else
  echo "note: no $sitegen/gen_site.py or no nginx; the served site was not compared"
fi

if [ "$failures" -eq 0 ]; then echo "all reports equal"; else echo "$failures files differ"; exit 1; fi
