#!/usr/bin/env bash
# Real documentation sites nobody here wrote, crawled by sitegraph and by wget --spider -r on
# the same nginx on 127.0.0.1, and read by sitegraph as folders. Prints per site the URLs each
# tool requested, the broken URLs each reported, sitegraph's pages and depths over HTTP against
# the folder, and every difference with the reason sitegraph recorded. Run by hand, not in CI.
#
#   bench/real_sites.sh [PORT]        (default 8095; the second site on PORT+1)
#
# Needs: apt-get install -y nginx-light wget cppreference-doc-en-html python3-doc, and a
# Release build in build/. nginx is started with its own config and stopped by its pid.
set -euo pipefail
port=${1:-8095}
root=$(cd "$(dirname "$0")/.." && pwd)
bin=$root/build/sitegraph
work=$(mktemp -d /tmp/sitegraph-real.XXXXXX)
chmod 755 "$work"

cppref=/usr/share/cppreference/doc/html
pydoc=$(readlink -f /usr/share/doc/python3/html)
for need in "$cppref/en/index.html" "$pydoc/index.html" /usr/sbin/nginx /usr/bin/wget "$bin"; do
  [[ -e $need ]] || { echo "missing $need (see the header of $0)" >&2; exit 2; }
done

cat >"$work/nginx.conf" <<EOF
worker_processes 1;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 512; }
http {
  access_log off;
  include /etc/nginx/mime.types;
  server { listen 127.0.0.1:$port; root $cppref; }
  server { listen 127.0.0.1:$((port + 1)); root $pydoc; }
}
EOF
/usr/sbin/nginx -c "$work/nginx.conf"
trap 'kill "$(cat "$work/nginx.pid")" 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 50); do curl -fs -o /dev/null "http://127.0.0.1:$port/en/index.html" && break; sleep 0.1; done

# site name, folder, start path
compare() {
  local name=$1 folder=$2 start=$3
  local base="http://127.0.0.1:$4/"
  local url="$base$start"
  echo "== $name: $url (folder $folder)"
  local t0 t1 t2 t3
  t0=$(date +%s.%N)
  "$bin" -q audit "$url" --check-resources --per-host 8 -f json,text -o "$work/$name-http" || true
  t1=$(date +%s.%N)
  "$bin" -q audit "$folder" --base-url "$base" --start "$start" --check-resources -f json -o "$work/$name-folder.json" || true
  t2=$(date +%s.%N)
  (cd "$work" && wget --spider -r -l inf -nv -e robots=on --no-parent -P "$work/wget-$name" "$url" >"$work/$name-wget.log" 2>&1) || true
  t3=$(date +%s.%N)
  printf 'seconds: sitegraph http %.1f, folder %.1f; wget --spider %.1f\n' \
    "$(echo "$t1 - $t0" | bc)" "$(echo "$t2 - $t1" | bc)" "$(echo "$t3 - $t2" | bc)"
  python3 - "$work/$name-http/report.json" "$work/$name-folder.json" "$work/$name-wget.log" "$base" <<'EOF'
import json, re, sys
from urllib.parse import unquote, urlsplit

http_report, folder_report, wget_log, base = sys.argv[1:]
http = json.load(open(http_report))
folder = json.load(open(folder_report))

def key(url):
    # Compared decoded and without a fragment: wget logs URLs as it requested them, sitegraph
    # normalises percent-encoding (RFC 3986 6.2.2) before it requests.
    return unquote(url.split('#', 1)[0])

def requested(report):
    # URLs sitegraph asked the server (or folder) for: pages and checked resources.
    return {key(p['url']): p for p in report['pages'] if p['internal'] and p['http_status'] is not None}

def broken(report):
    return {key(t['target']) for t in report.get('broken_targets', []) if t['target'].startswith(base)}

# wget -nv: "URL:http://... [n/n] -> file" for a GET, "URL: http://... 200 OK" for a spider HEAD,
# then "Found N broken links." and one URL per line.
wget_urls, wget_broken = set(), set()
lines = open(wget_log, errors='replace').read().splitlines()
for i, line in enumerate(lines):
    m = re.search(r' URL: ?(\S+)', line)
    if m and m.group(1).startswith(base) and not m.group(1).endswith('/robots.txt'):
        wget_urls.add(key(m.group(1)))
    if re.match(r'Found \d+ broken links?\.', line):
        for rest in lines[i + 1:]:
            if rest.startswith('FINISHED'):
                break
            if rest.startswith(base):
                wget_broken.add(key(rest.strip()))
wget_urls |= wget_broken

ours = requested(http)
ours_broken = broken(http)
print(f"sitegraph over HTTP: {len(ours)} URLs requested ({http['summary']['html_pages']} HTML pages), "
      f"{len(ours_broken)} broken URLs, max depth {http['summary']['max_depth']}; "
      f"findings {sum(http['summary']['findings'].values())}")
print(f"wget --spider -r:    {len(wget_urls)} URLs requested, {len(wget_broken)} broken URLs")

def show(title, urls, why):
    urls = sorted(urls)
    print(f"  {title}: {len(urls)}")
    for u in urls[:12]:
        print(f"    {u}  ({why(u)})")
    if len(urls) > 12:
        print(f"    ... and {len(urls) - 12} more")

seen = {key(p['url']): p for p in http['pages']}
def sitegraph_status(u):
    p = seen.get(u)
    return f"sitegraph: {p['status']}" if p else "sitegraph: never linked as it reads the pages"
# wget --no-parent stays under the start URL's folder for everything, page requisites included;
# sitegraph's --check-resources checks a page's images, style sheets and fonts wherever they are.
start_folder = key(http['crawl']['start_url']).rsplit('/', 1)[0] + '/'
def only_ours(u):
    p = ours[u]
    what = f"status {p['status']}, {p['content_type'] or 'no type'}"
    if not u.startswith(start_folder):
        return f"{what}: outside {start_folder[len(base) - 1:]}, where wget --no-parent does not go"
    return f"{what}: a reference wget --spider does not follow"
show("requested by wget only", wget_urls - set(ours), sitegraph_status)
show("requested by sitegraph only", set(ours) - wget_urls, only_ours)
show("broken for wget only", wget_broken - ours_broken, sitegraph_status)
show("broken for sitegraph only", ours_broken - wget_broken, lambda u: only_ours(u) if u in ours else "not requested")

# The folder must give the site the server gives.
fpages = requested(folder)
depth_http = {k: p['depth'] for k, p in ours.items() if p['depth'] is not None}
depth_folder = {k: p['depth'] for k, p in fpages.items() if p['depth'] is not None}
status_diff = {u for u in set(ours) & set(fpages) if str(ours[u]['status']) != str(fpages[u]['status'])}
depth_diff = {u for u in set(depth_http) & set(depth_folder) if depth_http[u] != depth_folder[u]}
print(f"sitegraph as a folder: {len(fpages)} URLs, {len(broken(folder))} broken URLs, "
      f"max depth {folder['summary']['max_depth']}")
folder_seen = {key(p['url']): p for p in folder['pages']}
show("over HTTP only", set(ours) - set(fpages),
     lambda u: f"http {ours[u]['status']}, folder {folder_seen[u]['status'] if u in folder_seen else 'never linked'}"
               + (" (a symlink out of the folder is not read)" if folder_seen.get(u, {}).get('status') == 'not-fetched' else ""))
show("in the folder only", set(fpages) - set(ours),
     lambda u: f"status {fpages[u]['status']}" + (": an HTML file of the folder no page links to (orphan-page)"
                                                  if fpages[u].get('in_folder') and fpages[u].get('inlinks', 0) == 0 else ""))
show("status differs", status_diff, lambda u: f"http {ours[u]['status']}, folder {fpages[u]['status']}")
show("depth differs", depth_diff, lambda u: f"http {depth_http[u]}, folder {depth_folder[u]}")
EOF
  echo "text report: $(wc -l <"$work/$name-http/report.txt") lines; its findings by rule:"
  python3 -c "import json,sys; [print(f'  {k:28} {v}') for k,v in sorted(json.load(open(sys.argv[1]))['summary']['findings'].items())]" \
    "$work/$name-http/report.json"
  echo
}

compare cppreference "$cppref" en/index.html "$port"
compare python3-doc "$pydoc" index.html "$((port + 1))"
