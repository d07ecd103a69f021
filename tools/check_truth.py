#!/usr/bin/env python3
"""Check a sitegraph JSON report against a sitegen truth.json (shared/sitegen/gen_site.py).

Usage:
  tools/check_truth.py REPORT.json TRUTH.json [--pagerank-tol 1e-6] [--folder]
                       [--base-url URL] [--home-link-fix]

Prints one line per check (PASS, FAIL or SKIP, with counts and up to 5 example differences)
and exits 1 if any check failed, 0 otherwise (2 on usage or input errors).

Checks:
  orphans          set of truth findings.orphans == set of `orphan-page` finding urls
  broken           set of truth findings.broken [src, dst] == set of (url, target) of
                   `broken-link` findings
  redirect-chains  truth findings.redirect_chains == `redirect-chain` finding chains (redirecting
                   URLs in order, final target excluded); report chains of one hop are not chains
                   and are ignored (counted in the line)
  redirect-loops   truth findings.redirect_loops == `redirect-loop` finding chains, each compared
                   as a set of URLs (a loop may be entered anywhere)
  depth            every truth page with a depth has that depth in the report; truth pages with
                   depth null have depth null or are absent; report-only pages are ignored
  pagerank         every pagerank_plain URL has a report pagerank within --pagerank-tol, and no
                   other report page has a non-null pagerank; prints the max abs difference

--folder is for reports of the site folder itself (sitegraph audit DIR/site --base-url ...):
redirects do not exist there, so the redirect and broken checks are skipped, and the expected
depth, orphans and PageRank are recomputed from truth.json's links with redirects unresolved
(a link to a redirecting URL leads to a 404). The recomputation follows truth_of() and is
checked against truth.json's own numbers with redirects resolved before it is used.

--home-link-fix: gen_site.py's render() writes <a href="/">Home</a> in the header of every
page, but truth_of() lists that link only for pages with navigation (not for orphan,
nofollow-only, deep and robots-blocked pages), so pagerank_plain treats those pages as
dangling. With this flag the expected values are recomputed with a Home link on every page.

--base-url URL: the site was served under another base URL than the one it was generated
with; truth URLs are rebased onto URL before comparing.

URLs are compared after light normalisation: lower-case scheme and host, default port dropped,
empty path as "/", fragment dropped.
"""
import argparse
import json
import sys
from collections import deque
from urllib.parse import urlsplit, urlunsplit

MAX_EXAMPLES = 5


def norm(url):
    if not isinstance(url, str):
        return url
    try:
        s = urlsplit(url)
    except ValueError:
        return url
    if not s.scheme:
        return url
    host = (s.hostname or "").lower()
    port = s.port
    if port and not ((s.scheme == "http" and port == 80) or (s.scheme == "https" and port == 443)):
        host = f"{host}:{port}"
    if s.username or s.password:
        host = f"{s.username or ''}{':' + s.password if s.password else ''}@{host}"
    return urlunsplit((s.scheme.lower(), host, s.path or "/", s.query, ""))


class Checker:
    def __init__(self):
        self.failed = 0

    def line(self, status, name, text, examples=()):
        out = f"{status} {name}: {text}"
        examples = list(examples)
        if examples:
            shown = "; ".join(str(e) for e in examples[:MAX_EXAMPLES])
            more = f" (+{len(examples) - MAX_EXAMPLES} more)" if len(examples) > MAX_EXAMPLES else ""
            out += f" | e.g. {shown}{more}"
        print(out)
        if status == "FAIL":
            self.failed += 1

    def compare_sets(self, name, expected, reported, what="items", note=""):
        missing = sorted(expected - reported, key=str)
        unexpected = sorted(reported - expected, key=str)
        counts = f"expected {len(expected)} {what}, reported {len(reported)}"
        if note:
            counts += f" ({note})"
        if not missing and not unexpected:
            self.line("PASS", name, counts)
        else:
            ex = [f"missing {fmt(m)}" for m in missing] + [f"unexpected {fmt(u)}" for u in unexpected]
            self.line("FAIL", name, f"{counts}; missing {len(missing)}, unexpected {len(unexpected)}", ex)

    def skip(self, name, why):
        self.line("SKIP", name, why)


def fmt(item):
    if isinstance(item, (tuple, frozenset, list)):
        return "[" + ", ".join(sorted(item) if isinstance(item, frozenset) else item) + "]"
    return str(item)


# ---- expected values recomputed from truth.json (mirrors gen_site.py truth_of) ----

def derive(truth, resolve_redirects=True, home_link_fix=False):
    """Depth, orphans and plain PageRank from truth.json's pages, links and redirects."""
    base = truth["base_url"].rstrip("/")
    home = base + "/"
    pages = truth["pages"]
    redirects = truth.get("redirects", {}) if resolve_redirects else {}
    blocked = {u for u, p in pages.items() if p.get("robots_blocked")}
    links = [l for l in truth["links"] if l[1].startswith(base + "/")]
    if home_link_fix:
        has_home = {l[0] for l in links if l[1] == home}
        links += [[u, home, "", "header", "Home"] for u in pages if u not in has_home]

    def final(u):
        seen = set()
        while u in redirects:
            if u in seen:
                return None
            seen.add(u)
            u = redirects[u]
        return u

    follow = {}
    for src, dst, rel, _, _ in links:
        if "nofollow" in (rel or "").split() or src in blocked:
            continue
        follow.setdefault(src, []).append(dst)

    def crawlable(t):
        return t is not None and t in pages and t not in blocked

    depth = {home: 0}
    q = deque([home])
    while q:
        u = q.popleft()
        for d in follow.get(u, []):
            t = final(d)
            if crawlable(t) and t not in depth:
                depth[t] = depth[u] + 1
                q.append(t)
    linked = {final(dst) or dst for _, dst, _, _, _ in links}
    orphans = {u for u, p in pages.items() if p.get("in_sitemap") and u not in linked}

    crawled = set(depth) | {u for u, p in pages.items() if p.get("in_sitemap") and u not in blocked}
    q = deque(crawled)
    while q:
        u = q.popleft()
        for d in follow.get(u, []):
            t = final(d)
            if crawlable(t) and t not in crawled:
                crawled.add(t)
                q.append(t)
    nodes = sorted(crawled)
    idx = {u: i for i, u in enumerate(nodes)}
    out = [set() for _ in nodes]
    for u in nodes:
        for d in follow.get(u, []):
            t = final(d)
            if t in idx and t != u:
                out[idx[u]].add(idx[t])
    n = len(nodes)
    pr = [1.0 / n] * n
    for _ in range(200):
        nxt = [0.0] * n
        dangling = 0.0
        for i, outs in enumerate(out):
            if outs:
                share = pr[i] / len(outs)
                for j in outs:
                    nxt[j] += share
            else:
                dangling += pr[i]
        nxt = [0.15 / n + 0.85 * (v + dangling / n) for v in nxt]
        delta = sum(abs(a - b) for a, b in zip(nxt, pr))
        pr = nxt
        if delta < 1e-12:
            break
    return ({u: depth.get(u) for u in pages}, orphans, {nodes[i]: pr[i] for i in range(n)})


def self_check(truth, derived):
    """Differences between the recomputation (redirects resolved) and truth.json's own values."""
    depth, orphans, pr = derived
    diffs = [u for u, p in truth["pages"].items() if p.get("depth") != depth.get(u)]
    if orphans != set(truth["findings"]["orphans"]):
        diffs.append("orphans")
    tp = truth.get("pagerank_plain", {})
    if set(tp) != set(pr) or any(abs(tp[u] - pr[u]) > 1e-9 for u in tp):
        diffs.append("pagerank_plain")
    return diffs


# ---- main ----

def load(path, what):
    try:
        with open(path, encoding="utf-8") as fh:
            return json.load(fh)
    except (OSError, ValueError) as e:
        print(f"error: cannot read {what} {path}: {e}", file=sys.stderr)
        sys.exit(2)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter,
                                 epilog="\n".join(__doc__.split("\n")[1:]))
    ap.add_argument("report", help="sitegraph JSON report")
    ap.add_argument("truth", help="truth.json written by gen_site.py")
    ap.add_argument("--pagerank-tol", type=float, default=1e-6, help="max abs PageRank difference")
    ap.add_argument("--folder", action="store_true",
                    help="folder-mode report: no redirects; skip redirect and broken checks")
    ap.add_argument("--base-url", help="rebase truth URLs onto this base URL")
    ap.add_argument("--home-link-fix", action="store_true",
                    help="expect a Home link on every page (see below)")
    args = ap.parse_args()

    report = load(args.report, "report")
    truth = load(args.truth, "truth")
    ck = Checker()

    tbase = truth["base_url"].rstrip("/")
    nbase = args.base_url.rstrip("/") if args.base_url else tbase

    def t(url):  # a truth URL, rebased and normalised
        if url.startswith(tbase + "/") or url == tbase:
            url = nbase + url[len(tbase):]
        return norm(url)

    findings = report.get("findings", [])
    by_rule = {}
    for f in findings:
        by_rule.setdefault(f.get("rule"), []).append(f)
    rpages = {}
    for p in report.get("pages", []):
        rpages[norm(p.get("url"))] = p

    crawl = report.get("crawl", {})
    print(f"INFO report: {len(rpages)} pages, {len(findings)} findings, "
          f"crawl complete={crawl.get('complete')}; truth: {len(truth['pages'])} pages")

    if not args.home_link_fix:
        home = tbase + "/"
        with_home = {l[0] for l in truth["links"] if l[1] == home}
        no_home = [u for u, p in truth["pages"].items()
                   if u not in with_home and u != home and not p.get("robots_blocked")]
        if no_home:
            print(f"WARN truth.json lists no link to / on {len(no_home)} pages (e.g. {no_home[0]}), but "
                  f"gen_site.py's render() writes <a href=\"/\">Home</a> on every page: if the HTML has it, "
                  f"pagerank_plain is off; rerun with --home-link-fix")

    # expected depth / orphans / pagerank: truth.json's own, or recomputed
    exp_depth = {u: p.get("depth") for u, p in truth["pages"].items()}
    exp_orphans = set(truth["findings"]["orphans"])
    exp_pr = dict(truth.get("pagerank_plain", {}))
    if args.folder or args.home_link_fix:
        diffs = self_check(truth, derive(truth))
        if diffs:
            ck.line("FAIL", "recompute", "recomputation from truth.json links does not reproduce "
                    "truth.json's own depth/orphans/pagerank_plain; cannot derive expectations", diffs)
        else:
            exp_depth, exp_orphans, exp_pr = derive(truth, resolve_redirects=not args.folder,
                                                    home_link_fix=args.home_link_fix)
            changed = sum(1 for u in exp_depth if exp_depth[u] != truth["pages"][u].get("depth"))
            print(f"INFO expectations recomputed ({'folder mode, redirects unresolved' if args.folder else 'redirects resolved'}"
                  f"{', Home link on every page' if args.home_link_fix else ''}): self-check ok, "
                  f"{changed} depths and {len(exp_orphans ^ set(truth['findings']['orphans']))} orphans "
                  f"differ from truth.json")

    # orphans
    reported = {norm(f.get("url")) for f in by_rule.get("orphan-page", [])}
    ck.compare_sets("orphans", {t(u) for u in exp_orphans}, reported, "orphan pages")

    # broken links
    if args.folder:
        ck.skip("broken", "folder mode (redirecting URLs are missing files there)")
    else:
        expected = {(t(s), t(d)) for s, d in truth["findings"]["broken"]}
        reported = {(norm(f.get("url")), norm(f.get("target"))) for f in by_rule.get("broken-link", [])}
        ck.compare_sets("broken", expected, reported, "broken links")

    # redirect chains and loops
    if args.folder:
        ck.skip("redirect-chains", "folder mode (no redirects)")
        ck.skip("redirect-loops", "folder mode (no redirects)")
    else:
        expected = {tuple(t(u) for u in c) for c in truth["findings"]["redirect_chains"]}
        chains = [tuple(norm(u) for u in (f.get("chain") or [])) for f in by_rule.get("redirect-chain", [])]
        single = sum(1 for c in chains if len(c) < 2)
        ck.compare_sets("redirect-chains", expected, {c for c in chains if len(c) >= 2}, "chains",
                        note=f"{single} one-hop ignored" if single else "")
        expected = {frozenset(t(u) for u in c) for c in truth["findings"]["redirect_loops"]}
        reported = {frozenset(norm(u) for u in (f.get("chain") or [])) for f in by_rule.get("redirect-loop", [])}
        ck.compare_sets("redirect-loops", expected, reported, "loops")

    # depth
    bad, checked_set, checked_null = [], 0, 0
    for u, d in sorted(exp_depth.items()):
        rp = rpages.get(t(u))
        got = rp.get("depth") if rp is not None else None
        if d is None:
            checked_null += 1
            if got is not None:
                bad.append(f"{t(u)} expected null, got {got}")
        else:
            checked_set += 1
            if rp is None:
                bad.append(f"{t(u)} expected {d}, page absent")
            elif got != d:
                bad.append(f"{t(u)} expected {d}, got {got}")
    text = f"{checked_set} pages with a depth, {checked_null} with null; {len(bad)} wrong"
    if bad:
        ck.line("FAIL", "depth", text, bad)
    else:
        ck.line("PASS", "depth", text)

    # pagerank
    tol = args.pagerank_tol
    bad, max_diff, worst = [], 0.0, None
    expected = {t(u): v for u, v in exp_pr.items()}
    for u, v in sorted(expected.items()):
        rp = rpages.get(u)
        got = rp.get("pagerank") if rp is not None else None
        if not isinstance(got, (int, float)) or isinstance(got, bool):
            bad.append(f"{u} expected {v:.3g}, got {got if rp is not None else 'no page'}")
            continue
        diff = abs(got - v)
        if diff > max_diff:
            max_diff, worst = diff, u
        if diff > tol:
            bad.append(f"{u} expected {v:.9g}, got {got:.9g} (diff {diff:.3g})")
    extra = [f"{u} has pagerank {p.get('pagerank')} but is not in pagerank_plain"
             for u, p in sorted(rpages.items()) if u not in expected and p.get("pagerank") is not None]
    total = sum(p["pagerank"] for p in rpages.values()
                if isinstance(p.get("pagerank"), (int, float)) and not isinstance(p.get("pagerank"), bool))
    text = (f"{len(expected)} pages, tol {tol:g}, max abs diff {max_diff:.3g}"
            f"{' at ' + worst if worst else ''}, report sum {total:.9g}; "
            f"{len(bad)} off, {len(extra)} unexpected")
    if bad or extra:
        ck.line("FAIL", "pagerank", text, bad + extra)
    else:
        ck.line("PASS", "pagerank", text)

    print(f"{'FAIL' if ck.failed else 'PASS'}: {ck.failed} check(s) failed")
    return 1 if ck.failed else 0


if __name__ == "__main__":
    sys.exit(main())
