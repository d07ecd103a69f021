#!/usr/bin/env python3
"""Checks `sitegraph robots` against google/robotstxt's cases in ../shared/conformance.

  tools/robots_conformance.py [BINARY] [CASES.json]

Prints pass counts for the cases not marked google_specific and for the google_specific ones,
and each failure. Exit 1 when a non-google_specific case fails.
"""
import json, os, subprocess, sys, tempfile

here = os.path.dirname(os.path.abspath(__file__))
binary = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..", "build", "sitegraph")
cases_file = sys.argv[2] if len(sys.argv) > 2 else os.path.join(here, "..", "..", "shared", "conformance", "robots_cases.json")
cases = json.load(open(cases_file))
passed = {False: 0, True: 0}
total = {False: 0, True: 0}
failures = []
with tempfile.TemporaryDirectory() as tmp:
    for i, c in enumerate(cases):
        path = os.path.join(tmp, f"{i}.txt")
        with open(path, "wb") as fh:
            fh.write(c["robotstxt"].encode("utf-8", "surrogateescape"))
        url = c["url"] if c["url"] else "/"
        out = subprocess.run([binary, "robots", path, url, "--user-agent", c["user_agent"] or " ", "--format", "json"],
                             capture_output=True, text=True)
        g = bool(c["google_specific"])
        total[g] += 1
        try:
            got = json.loads(out.stdout.splitlines()[0])["allowed"]
        except Exception:
            got = None
        # Google's API answers "disallowed" for an empty URL; an empty URL is not a URL here.
        expected = c["allowed"]
        if got == expected:
            passed[g] += 1
        else:
            failures.append((g, c["source"], c["user_agent"], c["url"], expected, got, out.stderr.strip()))
print(f"not google_specific: {passed[False]}/{total[False]} pass")
print(f"google_specific:     {passed[True]}/{total[True]} pass")
for g, src, ua, url, exp, got, err in failures:
    short = url if len(url) < 80 else url[:60] + f"...({len(url)} chars)"
    print(f"  FAIL {'[google] ' if g else ''}{src} ua={ua!r} url={short!r} expected allowed={exp} got {got} {err[:200]}")
sys.exit(1 if passed[False] < total[False] else 0)
