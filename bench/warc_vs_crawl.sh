#!/usr/bin/env bash
# WARC import checked against a live crawl: a generated site served by nginx on 127.0.0.1 is
# crawled once by sitegraph and once by `wget --recursive --warc-file`; `sitegraph import` of
# wget's archive must give the same pages, statuses and links as sitegraph's own crawl, for
# every page wget could reach (wget reads no sitemap, so pages only a sitemap lists are left
# out of the comparison and counted). Then sitegraph's own recording of its crawl (--warc),
# imported, must equal the crawl on every URL. Also times the import (MB/s). Run by hand.
#
#   bench/warc_vs_crawl.sh [PAGES] [PORT]      (default 2000 pages, port 8093)
#
# Needs ../shared/sitegen, nginx, wget and python3, and a Release build in build/.
set -euo pipefail
pages=${1:-2000}
port=${2:-8093}
root=$(cd "$(dirname "$0")/.." && pwd)
shared=${SHARED:-$root/../shared}
bin=$root/build/sitegraph
source "$root/bench/generated_site.sh"
serve_generated_site warc

"$bin" -q audit "$url" --per-host 16 --concurrency 16 -f json -o "$work/crawl.json" --warc "$work/own.warc.gz" || true
"$bin" -q import "$work/own.warc.gz" --start "$url" -f json -o "$work/own.json" || true
(cd "$work" && wget --recursive --level inf --no-verbose --no-directories --delete-after \
   --warc-file=site --no-warc-keep-log "$url" >/dev/null 2>&1) || true  # wget exits 8 on any 404
start=$(date +%s.%N)
"$bin" -q import "$work/site.warc.gz" --start "$url" -f json -o "$work/warc.json" || true
end=$(date +%s.%N)
size=$(stat -c %s "$work/site.warc.gz")

/usr/bin/python3 - "$work/crawl.json" "$work/warc.json" "$size" "$start" "$end" "$work/own.json" <<'PY'
import json, sys
crawl, warc, own = (json.load(open(p)) for p in (sys.argv[1], sys.argv[2], sys.argv[6]))
size, start, end = int(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5])
def pages(r):
    return {p["url"]: p for p in r["pages"] if p["internal"]}
cp, wp = pages(crawl), pages(warc)
fetched = {u for u, p in wp.items() if p["status"] != "not-fetched"}
only_sitemap = {u for u, p in cp.items() if p.get("in_sitemap") and u not in fetched}
compared = sorted(u for u in fetched if u in cp)
status_diff = [u for u in compared if cp[u]["status"] != wp[u]["status"] or cp[u]["http_status"] != wp[u]["http_status"]]
out_diff = [u for u in compared if (cp[u]["outlinks"], cp[u]["outlinks_external"]) != (wp[u]["outlinks"], wp[u]["outlinks_external"])]
missing = sorted(set(cp) - set(wp) - only_sitemap)
print(f"sitegraph crawl: {len(cp)} internal URLs; wget's WARC replayed: {len(wp)} internal URLs, {len(fetched)} answered from the archive")
print(f"left out: {len(only_sitemap)} URLs wget never fetched (sitemap-only or reached only through them)")
print(f"compared: {len(compared)} URLs; status differs on {len(status_diff)}, outlink counts differ on {len(out_diff)}; "
      f"in the crawl but not the import (not sitemap-only): {len(missing)}")
for u in (status_diff + out_diff + missing)[:10]:
    print("  differs:", u, cp.get(u, {}).get("status"), wp.get(u, {}).get("status"))
print(f"import: {size / 1e6:.1f} MB archive in {end - start:.2f} s = {size / 1e6 / (end - start):.1f} MB/s (gzip WARC)")
op = pages(own)
own_diff = [u for u in set(cp) | set(op) if (cp.get(u, {}).get("status"), cp.get(u, {}).get("outlinks"), cp.get(u, {}).get("inlinks"))
            != (op.get(u, {}).get("status"), op.get(u, {}).get("outlinks"), op.get(u, {}).get("inlinks"))]
print(f"sitegraph's own --warc of the crawl, imported: {len(op)} internal URLs; status, outlinks or inlinks differ on {len(own_diff)}")
sys.exit(1 if status_diff or out_diff or missing or own_diff else 0)
PY
