#!/usr/bin/env python3
"""How well `--clusters links` recovers a generated site's topics (issue 23).

    bench/communities_nmi.py SITE_DIR BASE_URL [SITEGRAPH]

Audits the folder SITE_DIR (a ../shared/sitegen site, served at BASE_URL) with
`--clusters links -f json`, then compares each topic page's link community (the `cluster` of
the JSON report's pages) with the topic folder the generator put it in (/t3/... -> t3), by
normalised mutual information (NMI = 2 I(X;Y) / (H(X) + H(Y)): 1 when the communities are the
topics exactly, near 0 when unrelated). Pages outside the topic folders are left out. Prints
the NMI, the number of communities and topics, the purity (the share of pages whose
community's most common topic is their own), and the audit's wall time.
"""
import collections
import json
import math
import os
import subprocess
import sys
import tempfile
import time


def entropy(counts, n):
    return -sum(c / n * math.log(c / n) for c in counts.values() if c)


def nmi(pairs):
    n = len(pairs)
    xs = collections.Counter(x for x, _ in pairs)
    ys = collections.Counter(y for _, y in pairs)
    joint = collections.Counter(pairs)
    mutual = sum(c / n * math.log((c / n) / ((xs[x] / n) * (ys[y] / n))) for (x, y), c in joint.items())
    hx, hy = entropy(xs, n), entropy(ys, n)
    return 2 * mutual / (hx + hy) if hx + hy > 0 else 1.0, len(xs), len(ys), joint


def main():
    site, base = sys.argv[1], sys.argv[2]
    binary = sys.argv[3] if len(sys.argv) > 3 else os.path.join(os.path.dirname(__file__), "..", "build", "sitegraph")
    with tempfile.TemporaryDirectory() as work:
        report = os.path.join(work, "report.json")
        started = time.monotonic()
        subprocess.run([binary, "-q", "audit", site, "--base-url", base, "--clusters", "links", "-f", "json", "-o", report],
                       check=True)
        wall = time.monotonic() - started
        with open(report) as f:
            pages = json.load(f)["pages"]
    pairs = []
    prefix = base.rstrip("/")
    for p in pages:
        path = p["url"][len(prefix):] if p["url"].startswith(prefix) else ""
        parts = path.split("/")
        if len(parts) < 3 or not parts[1].startswith("t") or not parts[1][1:].isdigit() or p["cluster"] is None:
            continue
        pairs.append((p["cluster"], parts[1]))
    score, communities, topics, joint = nmi(pairs)
    best = collections.defaultdict(int)
    for (community, topic), count in joint.items():
        best[community] = max(best[community], count)
    purity = sum(best.values()) / len(pairs)
    print(f"pages {len(pairs)}  topics {topics}  communities {communities}  NMI {score:.4f}  purity {purity:.4f}  "
          f"audit {wall:.2f} s")


if __name__ == "__main__":
    main()
