#!/usr/bin/env bash
# HTTP/2 against HTTP/1.1 over TLS (issue 24): one nginx on 127.0.0.1 serving a generated site
# with a self-signed certificate on two ports, PORT with `http2` (ALPN offers h2) and PORT+1
# without (HTTP/1.1 only). sitegraph crawls each at the same --per-host, with --insecure; the
# access log records each request's protocol and connection serial number, so the connections
# a crawl opened are counted on the server. Runs alternate h2 / h1.1, ROUNDS times.
#
#   bench/h2_bench.sh [PAGES] [PER_HOST] [ROUNDS] [PORT]   (default 20000 pages, 8, 3, 8443)
#
# Needs ../shared/sitegen, nginx, openssl, python3, GNU time and a Release build in build/.
set -euo pipefail
pages=${1:-20000}
per_host=${2:-8}
rounds=${3:-3}
port=${4:-8443}
root=$(cd "$(dirname "$0")/.." && pwd)
shared=${SHARED:-$root/../shared}
bin=$root/build/sitegraph
work=$(mktemp -d /tmp/sitegraph-h2.XXXXXX)
chmod 755 "$work"
nginx_pid=
stop_nginx() { if [ -n "$nginx_pid" ]; then kill "$nginx_pid" 2>/dev/null || true; nginx_pid=; fi; }
trap 'stop_nginx; rm -rf "$work"' EXIT

/usr/bin/python3 "$shared/sitegen/gen_site.py" --out "$work/gen" --pages "$pages" --base-url "https://127.0.0.1:$port" --no-truth >/dev/null
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$work/key.pem" -out "$work/cert.pem" -days 2 \
  -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 2>/dev/null
mkdir -p "$work/nginx/tmp"
cat >"$work/nginx/nginx.conf" <<CONF
worker_processes 1;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log warn;
events { worker_connections 1024; }
http {
  log_format counts '\$server_port \$server_protocol \$connection';
  access_log $work/nginx/access.log counts;
  default_type application/octet-stream;
  types { text/html html; application/xml xml; text/plain txt; }
  client_body_temp_path $work/nginx/tmp; proxy_temp_path $work/nginx/tmp;
  fastcgi_temp_path $work/nginx/tmp; uwsgi_temp_path $work/nginx/tmp; scgi_temp_path $work/nginx/tmp;
  keepalive_requests 100000;
  ssl_certificate $work/cert.pem;
  ssl_certificate_key $work/key.pem;
  server {
    listen 127.0.0.1:$port ssl http2;
    listen 127.0.0.1:$((port + 1)) ssl;
    root $work/gen/site;
    index index.html;
    include $work/gen/nginx-redirects.conf;
  }
}
CONF
nginx -c "$work/nginx/nginx.conf" -p "$work/nginx"
for _ in $(seq 50); do [ -s "$work/nginx/nginx.pid" ] && break; sleep 0.1; done
nginx_pid=$(cat "$work/nginx/nginx.pid")

# label, port: one crawl; prints wall, requests, pages/s, protocols and connections seen.
crawl() {
  local label=$1 p=$2
  : >"$work/nginx/access.log"
  /usr/bin/time -f '%e %M' -o "$work/time" "$bin" -q crawl "https://127.0.0.1:$p/" --insecure --per-host "$per_host" \
    --concurrency "$per_host" -o "$work/snap.jsonl.gz" 2>"$work/err" || { cat "$work/err" >&2; exit 1; }
  read -r wall rss <"$work/time"
  python3 - "$label" "$wall" "$rss" "$work/nginx/access.log" <<'EOF'
import sys, collections
label, wall, rss, log = sys.argv[1], float(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
protocols, connections, requests = collections.Counter(), set(), 0
for line in open(log):
    port, protocol, connection = line.split()
    protocols[protocol] += 1
    connections.add(connection)
    requests += 1
print(f"{label:10} {wall:8.2f} {requests:9} {requests / wall:9.0f} {len(connections):12} {rss / 1024:8.0f}  "
      + ", ".join(f"{p} {n}" for p, n in protocols.most_common()))
EOF
}

echo "site: $(find "$work/gen/site" -name '*.html' | wc -l) HTML files; nginx over TLS on 127.0.0.1; --per-host $per_host; $(nproc) cores"
printf '%-10s %8s %9s %9s %12s %8s  %s\n' run wall_s requests req/s connections peak_MB protocols
for _ in $(seq "$rounds"); do
  crawl "h2" "$port"
  crawl "http/1.1" "$((port + 1))"
done
