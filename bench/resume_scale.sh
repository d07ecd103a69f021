#!/usr/bin/env bash
# A resumable crawl at scale: a generated site served by nginx on 127.0.0.1 is crawled once
# without interruption (`sitegraph crawl`), and once with --resume, killed with SIGKILL after
# KILL_AFTER seconds and run again to the end. Prints wall time and peak RSS of each run, the
# snapshot's write time, the time to read the snapshot back and audit it, and whether the two
# snapshots hold the same links (edge exports, sorted, compared by checksum). Run by hand.
#
#   bench/resume_scale.sh [PAGES] [PORT] [KILL_AFTER]   (default 20000 pages, port 8094, 2 s)
#
# A million pages: bench/resume_scale.sh 1000000 8094 120 (about 25 minutes and 9 GB of disk
# for the site; the generated hubs need the raised limits passed below).
set -euo pipefail
pages=${1:-20000}
port=${2:-8094}
kill_after=${3:-2}
root=$(cd "$(dirname "$0")/.." && pwd)
shared=${SHARED:-$root/../shared}
bin=$root/build/sitegraph
source "$root/bench/generated_site.sh"
serve_generated_site resume
flags=(--per-host 32 --concurrency 32 --max-body-size 20M --max-links-per-page 60000)

measure() {  # label, then the command; prints wall seconds and peak RSS
  local label=$1
  shift
  /usr/bin/time -f "%e %M" -o "$work/time" "$@" 2>"$work/$label.log" || true
  read -r secs kb <"$work/time"
  printf '%-28s %8.1f s %8d MB\n' "$label" "$secs" $((kb / 1024))
}

measure "crawl, uninterrupted" "$bin" -v crawl "$url" -o "$work/whole.jsonl.gz" "${flags[@]}"
grep -o 'snapshot .* written in [0-9.]* s' "$work/crawl, uninterrupted.log" || true
# Checkpoints four times before the kill, so there is a journal to resume from.
checkpoint=$(awk -v k="$kill_after" 'BEGIN { print (k / 4 < 30 ? k / 4 : 30) }')
"$bin" -v crawl "$url" -o "$work/resumed.jsonl.gz" --resume "$work/state" --checkpoint-every "$checkpoint" "${flags[@]}" 2>"$work/killed.log" &
pid=$!
sleep "$kill_after"
if ! kill -9 "$pid" 2>/dev/null; then
  echo "the crawl finished in under $kill_after s: nothing to resume; give more PAGES or a smaller KILL_AFTER" >&2
  exit 1
fi
wait "$pid" || true
echo "killed after $kill_after s; journal $(du -h "$work/state/crawl.journal" | cut -f1)"
measure "crawl --resume, after kill" "$bin" -v crawl "$url" -o "$work/resumed.jsonl.gz" --resume "$work/state" "${flags[@]}"
grep -o -- '--resume: [0-9]* pages taken.*' "$work/crawl --resume, after kill.log" || true
measure "audit SNAPSHOT" "$bin" -v audit "$work/whole.jsonl.gz" -f text -o /dev/null
grep -o 'whole.jsonl.gz read in [0-9.]* s' "$work/audit SNAPSHOT.log" || true
for f in whole resumed; do
  "$bin" -q export "$work/$f.jsonl.gz" -f edges -o "$work/$f.edges" || true
  echo "$f: $(wc -l <"$work/$f.edges") edge lines, sorted md5 $(LC_ALL=C sort "$work/$f.edges" | md5sum | cut -d' ' -f1)"
done
