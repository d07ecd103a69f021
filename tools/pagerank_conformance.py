#!/usr/bin/env python3
"""Checks sitegraph's classic PageRank against networkx's and igraph's cases in ../shared/conformance.

  tools/pagerank_conformance.py [BINARY] [CASES.json]

Each case goes through the command line as a user's would: the graph as an edge list
(`source,target,weight`, one row per arc, so parallel arcs add up; a node without arcs as a
row with an empty target), the personalisation vector as a --backlinks file
(`target,source,weight`), the damping factor as --damping. Compares every node's `pagerank`
with the expected value to 1e-6 (or the case's own tolerance when it is looser: some
expectations are printed with fewer digits). Cases the model cannot express (a separate
dangling vector, an empty graph) are listed as skipped. Exit 1 when a case fails.
"""
import csv, json, os, subprocess, sys, tempfile

here = os.path.dirname(os.path.abspath(__file__))
binary = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..", "build", "sitegraph")
cases_file = sys.argv[2] if len(sys.argv) > 2 else os.path.join(here, "..", "..", "shared", "conformance", "pagerank_cases.json")
cases = json.load(open(cases_file))["cases"]
passed, failed, skipped = [], [], []
with tempfile.TemporaryDirectory() as tmp:
    for i, c in enumerate(cases):
        if c.get("dangling"):
            skipped.append((c["name"], "a dangling vector apart from the teleport vector"))
            continue
        if not c["nodes"]:
            skipped.append((c["name"], "an empty graph is not a site"))
            continue
        arcs = c.get("edges_as_directed") or c["edges"]
        weights = c.get("weights")
        if weights and c.get("edges_as_directed"):
            weights = [w for w in weights for _ in (0, 1)]  # each undirected edge became two arcs
        graph = os.path.join(tmp, f"{i}.csv")
        with open(graph, "w", newline="") as fh:
            w = csv.writer(fh)
            w.writerow(["source", "target", "weight"])
            for k, (u, v) in enumerate(arcs):
                w.writerow([u, v, weights[k] if weights else 1])
            for n in c["nodes"]:
                w.writerow([n, "", ""])
        command = [binary, "audit", graph, "--format", "json", "--damping", str(c["damping"]), "--start", str(c["nodes"][0])]
        if c.get("personalization"):
            backlinks = os.path.join(tmp, f"{i}-backlinks.csv")
            with open(backlinks, "w", newline="") as fh:
                w = csv.writer(fh)
                w.writerow(["target", "source", "weight"])
                for node, value in c["personalization"].items():
                    w.writerow([node, "external", value])
            command += ["--backlinks", backlinks]
        out = subprocess.run(command, capture_output=True, text=True)
        if out.returncode not in (0, 1):
            failed.append((c["name"], f"exit {out.returncode}: {out.stderr.strip()}"))
            continue
        got = {p["url"]: p["pagerank"] for p in json.loads(out.stdout)["pages"]}
        tolerance = max(1e-6, c.get("abs_tolerance") or 0)
        worst = max(abs((got.get(str(n)) or 0) - e) for n, e in c["expected"].items())
        (passed if worst <= tolerance else failed).append((c["name"], f"max |diff| {worst:.2e} (tolerance {tolerance:g})"))
for name, why in passed:
    print(f"pass  {name}: {why}")
for name, why in skipped:
    print(f"skip  {name}: {why}")
for name, why in failed:
    print(f"FAIL  {name}: {why}")
print(f"{len(passed)} passed, {len(failed)} failed, {len(skipped)} skipped of {len(cases)}")
sys.exit(1 if failed else 0)
