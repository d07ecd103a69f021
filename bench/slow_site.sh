# Sourced by bench/slow_bench.sh and bench/pace_bench.sh: a generated site of $pages pages in a
# fresh folder $work (/tmp/sitegraph-NAME.*), and start_server [EXTRA...] / stop_server for
# bench/slow_server.py serving it on 127.0.0.1:$port with $delay ms per answer (EXTRA: its
# slow-down arguments). The server is stopped and the folder removed when the script exits.
# Needs $root, $shared, $pages, $port and $delay set; sets $work, $url and $server_pid.
slow_site() {
  work=$(mktemp -d "/tmp/sitegraph-$1.XXXXXX")
  server_pid=
  trap 'stop_server; rm -rf "$work"' EXIT
  /usr/bin/python3 "$shared/sitegen/gen_site.py" --out "$work/gen" --pages "$pages" --base-url "http://127.0.0.1:$port" --no-truth >/dev/null
  url="http://127.0.0.1:$port/"
}

stop_server() {
  if [ -n "$server_pid" ]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=
  fi
}

start_server() {
  /usr/bin/python3 "$root/bench/slow_server.py" "$work/gen/site" "$port" "$delay" "$work/stats.json" "$@" &
  server_pid=$!
  for _ in $(seq 100); do curl -fs -o /dev/null "$url" 2>/dev/null && return; sleep 0.1; done
  echo "the slow server did not come up" >&2
  exit 1
}
