#!/usr/bin/env bash
# nightly-audit.sh: audit a site with sitegraph from cron, keep a history of crawls, and mail the
# plain-text report, which ends with what changed since the previous night.
#
# Crontab line (every night at 02:30; `crontab -e` as the user that owns the directories):
#
#   MAILTO=webmaster@example.com
#   PATH=/usr/local/bin:/usr/bin:/bin
#   30 2 * * *  SITE_URL=https://www.example.com/ /usr/local/bin/nightly-audit.sh
#
# (cron's own PATH is /usr/bin:/bin: without the PATH line, set SITEGRAPH to the binary's path.)
#
# cron exports MAILTO to the job, so this script mails the report itself (with `mail -s`) and
# prints nothing when all went well; cron then only mails what the script writes on stderr:
# errors. Without MAILTO the reports stay on disk, in $REPORT_DIR/YYYY-MM-DD/.
#
# Settings (environment variables):
#   SITE_URL          required: the site to audit, an http(s) URL, or a folder holding a built
#                     static site (then set BASE_URL, or let sitegraph read it from the folder's
#                     robots.txt / sitemap.xml)
#   BASE_URL          folder mode: the URL the folder is served at (passed as --base-url)
#   HISTORY_DIR       crawl snapshots for "Since the previous run"   [/var/lib/sitegraph/history]
#   HISTORY_KEEP      snapshots kept in HISTORY_DIR                  [30]
#   REPORT_DIR        one folder per day: report.txt, report.json, sitegraph.log
#                                                                    [/var/lib/sitegraph/reports]
#   REPORT_KEEP_DAYS  day folders older than this are deleted        [90]
#   MAILTO            mail the report there (only if a `mail` command exists); optional
#   MAX_TIME          stop crawling after this many seconds; the report says so   [3600]
#                     Give it room: an incomplete crawl (max-time, Ctrl-C) is not kept in
#                     HISTORY_DIR, so a site that never finishes in time never gets a
#                     "Since the previous run" section.
#   LOG_EVERY         a progress line in sitegraph.log every N responses          [500]
#   SITEGRAPH         the sitegraph binary                           [sitegraph, from PATH]
#   SITEGRAPH_CONFIG  a sitegraph.toml to read (rate, per-host, ignore, severity, fail-on...;
#                     see sitegraph.toml beside this script). Without it sitegraph reads
#                     ./sitegraph.toml when there is one (cron starts jobs in $HOME).
#                     MAX_TIME and LOG_EVERY above win over the same keys in the file.
#
# Exit code: sitegraph's. 0 = audit done; 1 = audit done and a fail-on condition was met (from
# sitegraph.toml; the mail subject says GATE MET); both are normal nights. 2 (usage or config
# error), 3 (site unreachable, report not writable, or the previous run still holding the
# lock) and anything else are errors, logged on stderr with the end of sitegraph's log.
# 130 (interrupted) still mails the partial report.
set -euo pipefail

SITE_URL=${SITE_URL:-}
BASE_URL=${BASE_URL:-}
HISTORY_DIR=${HISTORY_DIR:-/var/lib/sitegraph/history}
HISTORY_KEEP=${HISTORY_KEEP:-30}
REPORT_DIR=${REPORT_DIR:-/var/lib/sitegraph/reports}
REPORT_KEEP_DAYS=${REPORT_KEEP_DAYS:-90}
MAILTO=${MAILTO:-}
MAX_TIME=${MAX_TIME:-3600}
LOG_EVERY=${LOG_EVERY:-500}
SITEGRAPH=${SITEGRAPH:-sitegraph}
SITEGRAPH_CONFIG=${SITEGRAPH_CONFIG:-}

me=$(basename "$0")
err() { printf '%s: %s\n' "$me" "$*" >&2; }

if [ -z "$SITE_URL" ]; then
  err "set SITE_URL to the site's URL (or to a built site folder, with BASE_URL)"
  exit 2
fi
if ! command -v "$SITEGRAPH" >/dev/null 2>&1; then
  err "sitegraph not found (SITEGRAPH=$SITEGRAPH); cron's PATH is short: give the full path"
  exit 2
fi

day=$(date +%F)
out="$REPORT_DIR/$day"
log="$out/sitegraph.log"
mkdir -p "$HISTORY_DIR" "$out"

# One run at a time: a slow crawl must not overlap the next night's (flock is in util-linux).
if command -v flock >/dev/null 2>&1; then
  exec 9>"$REPORT_DIR/.nightly-audit.lock"
  if ! flock -n 9; then
    err "another run still holds $REPORT_DIR/.nightly-audit.lock; not starting"
    exit 3
  fi
fi

global=()
[ -n "$SITEGRAPH_CONFIG" ] && global+=(--config "$SITEGRAPH_CONFIG")
args=(
  --history "$HISTORY_DIR" --history-keep "$HISTORY_KEEP"
  -f "text,json" -o "$out"
  --color never
  --log-every "$LOG_EVERY" --max-time "$MAX_TIME"
)
[ -n "$BASE_URL" ] && args+=(--base-url "$BASE_URL")

log_start=$(($(wc -l 2>/dev/null <"$log" || echo 0) + 1))   # this run's first line in the day's log
{
  printf '# %s  %s' "$(date '+%F %T %z')" "$SITEGRAPH"
  printf ' %q' "${global[@]}" audit "$SITE_URL" "${args[@]}"
  printf '\n'
} >>"$log"

rc=0
"$SITEGRAPH" "${global[@]}" audit "$SITE_URL" "${args[@]}" >>"$log" 2>&1 || rc=$?
echo "# exit code $rc" >>"$log"

report="$out/report.txt"

mail_report() {  # $1: what to say in the subject after the site
  local subject="sitegraph ${BASE_URL:-$SITE_URL}: $1"
  if [ -z "$MAILTO" ]; then
    return 0
  fi
  if ! command -v mail >/dev/null 2>&1; then
    err "MAILTO is set but there is no 'mail' command (install bsd-mailx or mailutils); report in $report"
    return 0
  fi
  mail -s "$subject" "$MAILTO" <"$report"
}

# The text report ends, from the second run on, with
#   Since the previous run (--history)
#     findings   2 new, 1 fixed, 19 unchanged
changes=$(sed -n 's/^  findings  *\([0-9][0-9]* new, .*\)$/\1/p' "$report" 2>/dev/null | tail -n 1 || true)
[ -n "$changes" ] || changes="first run in $HISTORY_DIR"
incomplete=""
grep -q 'CRAWL INCOMPLETE' "$report" 2>/dev/null && incomplete=" (crawl incomplete)"

case "$rc" in
  0)
    mail_report "$changes$incomplete"
    ;;
  1)
    mail_report "GATE MET: $changes$incomplete"
    ;;
  130)
    err "sitegraph was interrupted; the partial report is in $report"
    mail_report "INTERRUPTED: $changes (crawl incomplete)"
    ;;
  2)
    err "sitegraph: usage or configuration error (exit 2); from $log:"
    tail -n +"$log_start" "$log" | tail -n 20 >&2
    ;;
  3)
    err "sitegraph: the run failed (exit 3: site unreachable or report not writable); from $log:"
    tail -n +"$log_start" "$log" | tail -n 20 >&2
    ;;
  *)
    err "sitegraph exited with $rc; from $log:"
    tail -n +"$log_start" "$log" | tail -n 20 >&2
    ;;
esac

# Old day folders go; --history-keep already prunes the snapshots.
find "$REPORT_DIR" -mindepth 1 -maxdepth 1 -type d -name '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' \
  -mtime +"$REPORT_KEEP_DAYS" -exec rm -rf -- {} + 2>/dev/null || true

exit "$rc"
