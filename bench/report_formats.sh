#!/usr/bin/env bash
# Time and peak memory of each report format on one saved crawl.
# Usage: bench/report_formats.sh SNAPSHOT [SITEGRAPH]
# Each run re-reads and re-audits the snapshot; the `none` row (no report, -o /dev/null of
# the smallest format, markdown) is that shared cost, so a format costs its row minus it.
set -euo pipefail
snapshot=$1
bin=${2:-build/sitegraph}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
printf '%-9s %8s %10s %10s\n' format seconds peak_MB size_MB
for f in none text json csv junit markdown github sarif html dot graphml gexf edges; do
  fmt=$f; [ "$f" = none ] && fmt=markdown
  target=$out/$f; [ "$f" = none ] && target=/dev/null
  /usr/bin/time -f '%e %M' -o "$out/time" "$bin" -q audit "$snapshot" -f "$fmt" -o "$target" >/dev/null
  read -r secs kb <"$out/time"
  size=0; [ "$f" != none ] && size=$(du -sm "$target" | cut -f1)
  printf '%-9s %8s %10d %10s\n' "$f" "$secs" $((kb / 1024)) "$size"
done
