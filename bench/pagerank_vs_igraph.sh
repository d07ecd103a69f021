#!/usr/bin/env bash
# Classic PageRank on the same 1M-page / 15M-link graph: sitegraph (build/pagerank_bench, both
# cores) and python-igraph's PRPACK (apt-get install -y python3-igraph), one after the other.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
edges=$(mktemp /tmp/pagerank-edges.XXXXXX)
trap 'rm -f "$edges"' EXIT
# glibc's huge-page tunable, as the sitegraph program sets it for itself (src/cli/main.cpp).
GLIBC_TUNABLES=glibc.malloc.hugetlb=1 SITEGRAPH_EDGES_OUT=$edges "$root/build/pagerank_bench" --benchmark_counters_tabular=true
/usr/bin/python3 - "$edges" <<'PY'
import sys, time, igraph
t = time.time(); g = igraph.Graph.Read_Edgelist(sys.argv[1], directed=True); load = time.time() - t
print(f"igraph: {g.vcount()} nodes {g.ecount()} edges (read in {load:.1f} s)")
for run in range(3):
    t = time.time(); pr = g.pagerank(damping=0.85, implementation="prpack"); s = time.time() - t
    print(f"igraph PRPACK pagerank run {run + 1}: {s * 1000:.0f} ms")
PY
