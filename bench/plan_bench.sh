#!/usr/bin/env bash
# The link planner's speed and memory (issue 22): a plan of K links for T targets on a
# ../shared/sitegen site, from a snapshot of its folder crawl (so only the audit is timed).
#   bench/plan_bench.sh [PAGES] [K] [T] [BINARY]      default 100000 50 20 build/sitegraph
# The generated pages' text is drawn from one small vocabulary for every topic, so relevance
# separates nothing there: the plan runs with --min-relevance 0, every indexable page a
# candidate source. Prints the run's wall time and peak RSS, the plan step's own time (from
# the debug log), and the evaluations run against those plain greedy would have run.
# PLAN_BENCH_DIR=DIR keeps the generated site and its snapshot in DIR and reuses them on the
# next run (a 1M-page site takes half an hour to generate and seven minutes to crawl).
set -euo pipefail
pages=${1:-100000}
links=${2:-50}
targets=${3:-20}
binary=$(readlink -f "${4:-build/sitegraph}")
shared=$(readlink -f "$(dirname "$0")/../../shared")
if [ -n "${PLAN_BENCH_DIR:-}" ]; then
  work=$(mkdir -p "$PLAN_BENCH_DIR" && readlink -f "$PLAN_BENCH_DIR")
else
  work=$(mktemp -d /tmp/sitegraph-plan.XXXXXX)
  trap 'rm -rf "$work"' EXIT
fi
if [ ! -f "$work/site.jsonl.gz" ]; then
  rm -rf "$work/gen"
  /usr/bin/python3 "$shared/sitegen/gen_site.py" --out "$work/gen" --pages "$pages" --base-url http://127.0.0.1:8099 --no-truth >/dev/null
  "$binary" -q crawl "$work/gen/site" --base-url http://127.0.0.1:8099/ -o "$work/partial.jsonl.gz"
  mv "$work/partial.jsonl.gz" "$work/site.jsonl.gz"
fi
# The targets: T articles spread evenly over the article files in name order, so over the topics.
target_flags=()
find "$work/gen/site" -path '*/t*/a*.html' | sort > "$work/articles"
step=$(( $(wc -l < "$work/articles") / targets ))
while read -r file; do
  target_flags+=(--plan-target "http://127.0.0.1:8099/${file#"$work/gen/site/"}")
done < <(awk -v step="$step" -v t="$targets" 'NR % step == 0 && n < t { print; n++ }' "$work/articles")
/usr/bin/time -f "wall %e s, peak RSS %M KB" "$binary" -vv audit "$work/site.jsonl.gz" --plan "$links" --min-relevance 0 \
  "${target_flags[@]}" -f json -o "$work/report.json" 2> "$work/log" || { tail -5 "$work/log"; exit 1; }
grep -E "analyze: link plan|wall .* peak RSS" "$work/log" | sed 's/^sitegraph: debug: //'
/usr/bin/python3 - "$work/report.json" <<'PY'
import json, sys
plan = json.load(open(sys.argv[1]))["link_plan"]
print(f"plan: {len(plan['links'])} links for {len(plan['targets'])} targets, equity gained {plan['equity_gain']:.3e}; "
      f"{plan['candidates']} candidates, {plan['evaluations']} exact evaluations (plain greedy: {plan['evaluations_without_lazy']})")
PY
