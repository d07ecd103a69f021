# Sourced by the bench scripts that crawl a generated site: serve_generated_site NAME makes a
# ../shared/sitegen site of $pages pages in a fresh folder $work (/tmp/sitegraph-NAME.*),
# serves it with nginx on 127.0.0.1:$port and waits until $url answers. nginx is stopped and
# the folder removed when the script exits. Needs $shared, $pages and $port set.
serve_generated_site() {
  work=$(mktemp -d "/tmp/sitegraph-$1.XXXXXX")
  chmod 755 "$work"  # nginx workers (www-data) must read the site
  trap 'bash "$shared/sitegen/serve.sh" stop "$work" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
  /usr/bin/python3 "$shared/sitegen/gen_site.py" --out "$work" --pages "$pages" --base-url "http://127.0.0.1:$port" --no-truth >/dev/null
  bash "$shared/sitegen/serve.sh" start "$work" "$port" >/dev/null
  url="http://127.0.0.1:$port/"
  for _ in $(seq 100); do curl -fs -o /dev/null "$url" && break; sleep 0.1; done
}
