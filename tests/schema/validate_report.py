#!/usr/bin/python3
"""Validate real `sitegraph audit --format json` reports against docs/report.schema.json.

Usage: validate_report.py SITEGRAPH_BINARY EXAMPLES_SITE_DIR SCHEMA

Runs the binary on the example site (and on small inputs written to a temporary directory) to
produce reports that exercise every optional part of the report: a plain run; the site as a
WARC archive; --baseline with
--backlinks, --priority, --suggest-links, --plan and --ignore; an incomplete crawl (--max-pages); the
second of two --history runs (since_previous); edge-list targets (plain, and a --history pair
whose graphs differ); and a tiny folder site with invalid hrefs, a redirect loop, a broken
canonical and sitemap URLs that are not indexable. Each report must validate (draft 2020-12,
format checking off), and the scenarios must really produce what they are there for. Negative
checks make sure the schema rejects broken reports (a finding with severity "fatal", ...), so
the test cannot pass vacuously. Exits 1 on any failure, 2 on a usage error.
"""

import copy
import gzip
import json
import os
import subprocess
import sys
import tempfile

try:
    import jsonschema
    from jsonschema import Draft202012Validator
except ImportError as e:  # pragma: no cover
    print(f"validate_report: cannot import jsonschema ({e}); install python3-jsonschema", file=sys.stderr)
    sys.exit(2)

BASE_URL = "https://coffee.example/"
MAX_ERRORS_SHOWN = 25

BACKLINKS_CSV = """target,source,weight
https://coffee.example/beans/,https://other.example/post,5
https://coffee.example/brewing/espresso-print.html,https://news.example/a,50
https://coffee.example/account/login.html,https://x.example/,20
"""

PRIORITY_TXT = """https://coffee.example/events/spring-cupping.html
https://coffee.example/blog/archive/2019/first-roast-part-2.html
https://coffee.example/beans/
"""

EDGES_1 = """source,target
https://e.example/,https://e.example/a
https://e.example/a,https://e.example/b
https://e.example/b,https://e.example/c
https://e.example/,https://e.example/d
"""

# The same site later: a page added, one removed, depths and equity changed.
EDGES_2 = """source,target,weight
https://e.example/,https://e.example/a,1
https://e.example/,https://e.example/c,3
https://e.example/b,https://e.example/c,1
https://e.example/c,https://e.example/,1
https://e.example/,https://e.example/e,1
"""

# A tiny folder site for the finding fields the example site lacks (href, loops_to, ...).
MINI_SITE = {
    "index.html": """<!DOCTYPE html><html><head><title>Mini</title></head><body><main>
<p><a href="http://[bad/">bad</a> <a href="/a.html">click here</a> <a href="/loop1">loop</a>
<a href="/b.html">B page</a> <a href="/b.html"><img src="/x.png"></a> <a href="/c.html">C</a></p>
</main></body></html>
""",
    "a.html": """<!DOCTYPE html><html><head><title>A</title>
<link rel="canonical" href="https://mini.example/gone.html"></head>
<body><main><a href="/">Home</a> <a href="/b.html">B page</a></main></body></html>
""",
    "b.html": """<!DOCTYPE html><html><head><title>B</title><meta name="robots" content="noindex"></head>
<body><main><a href="/">Home</a></main></body></html>
""",
    "c.html": """<!DOCTYPE html><html><head><title>C</title></head>
<body><main><a href="/">Home</a> <a href="/a.html">B page</a></main></body></html>
""",
    "_redirects": "/loop1 /loop2 301\n/loop2 /loop1 301\n",
    "sitemap.xml": """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>https://mini.example/</loc></url>
<url><loc>https://mini.example/a.html</loc></url>
<url><loc>https://mini.example/b.html</loc></url>
</urlset>
""",
}


def json_path(path):
    """A JSON path ($.findings[3].severity) for a jsonschema error path."""
    out = "$"
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out


class Run:
    def __init__(self, binary, site, schema, tmp):
        self.binary = binary
        self.site = site
        self.tmp = tmp
        self.validator = Draft202012Validator(schema)  # no format_checker: formats are not asserted
        self.failures = 0

    def fail(self, what):
        self.failures += 1
        print(f"FAIL {what}")

    def write(self, name, text):
        path = os.path.join(self.tmp, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        return path

    def audit(self, name, target, *flags):
        """Runs `sitegraph audit TARGET -f json -o NAME.json FLAGS` in the temp dir; the parsed report or None."""
        out = os.path.join(self.tmp, name + ".json")
        cmd = [self.binary, "audit", target, "-q", "-f", "json", "-o", out, *flags]
        proc = subprocess.run(cmd, cwd=self.tmp, capture_output=True, text=True, timeout=60)
        if proc.returncode != 0:
            self.fail(f"{name}: sitegraph exited {proc.returncode}: {' '.join(cmd)}\n{proc.stderr.strip()}")
            return None
        try:
            with open(out, encoding="utf-8") as f:
                return json.load(f)
        except (OSError, ValueError) as e:
            self.fail(f"{name}: cannot read the report {out}: {e}")
            return None

    def errors(self, report):
        return sorted(self.validator.iter_errors(report), key=lambda e: [str(p) for p in e.absolute_path])

    def validate(self, name, report):
        if report is None:
            return
        errors = self.errors(report)
        if not errors:
            print(f"ok   {name}: valid ({len(report.get('pages', []))} pages, "
                  f"{len(report.get('findings', []))} findings)")
            return
        self.fail(f"{name}: {len(errors)} schema error(s)")
        for e in errors[:MAX_ERRORS_SHOWN]:
            print(f"     {json_path(e.absolute_path)}: {e.message}")
            for sub in sorted(e.context or [], key=lambda s: [str(p) for p in s.absolute_path])[:5]:
                print(f"       - {json_path(sub.absolute_path)}: {sub.message}")
        if len(errors) > MAX_ERRORS_SHOWN:
            print(f"     ... and {len(errors) - MAX_ERRORS_SHOWN} more")

    def expect(self, name, condition, what):
        """A scenario check: the run really produced what it is there to cover."""
        if not condition:
            self.fail(f"{name}: expected {what}")

    def reject(self, name, report, mutate):
        """A negative check: `report` changed by `mutate` must not validate."""
        if report is None:
            self.fail(f"negative {name}: no report to mutate")
            return
        broken = copy.deepcopy(report)
        mutate(broken)
        errors = self.errors(broken)
        if errors:
            print(f"ok   negative {name}: rejected at {json_path(errors[0].absolute_path)}")
        else:
            self.fail(f"negative {name}: the schema accepted a broken report")


def write_warc(site, base_url, path):
    """The site folder's files as a .warc.gz (one gzip member per response record), the way
    wget --warc-file would archive the site: dir/index.html is the URL dir/."""
    types = {".html": "text/html; charset=utf-8", ".xml": "application/xml", ".txt": "text/plain"}
    with open(path, "wb") as out:
        for root, _, files in sorted(os.walk(site)):
            for name in sorted(files):
                file = os.path.join(root, name)
                rel = os.path.relpath(file, site).replace(os.sep, "/")
                if name.startswith("_"):
                    continue
                url = base_url + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)
                with open(file, "rb") as f:
                    body = f.read()
                ctype = types.get(os.path.splitext(name)[1], "application/octet-stream")
                block = f"HTTP/1.1 200 OK\r\nContent-Type: {ctype}\r\nContent-Length: {len(body)}\r\n\r\n".encode() + body
                head = (f"WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: {url}\r\n"
                        f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(block)}\r\n\r\n")
                out.write(gzip.compress(head.encode() + block + b"\r\n\r\n"))


def main(argv):
    if len(argv) != 4:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    binary, site, schema_path = (os.path.abspath(a) for a in argv[1:])
    for path, kind in ((binary, "binary"), (site, "site folder"), (schema_path, "schema")):
        if not os.path.exists(path):
            print(f"validate_report: no {kind} at {path}", file=sys.stderr)
            return 2
    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)
    try:
        Draft202012Validator.check_schema(schema)
    except jsonschema.exceptions.SchemaError as e:
        print(f"FAIL the schema itself is invalid at {json_path(e.absolute_path)}: {e.message}")
        return 1
    print(f"ok   {os.path.basename(schema_path)} is a valid draft 2020-12 schema")

    with tempfile.TemporaryDirectory(prefix="sitegraph-schema-") as tmp:
        run = Run(binary, site, schema, tmp)
        backlinks = run.write("backlinks.csv", BACKLINKS_CSV)
        prio = run.write("priority.txt", PRIORITY_TXT)
        e1 = run.write("edges1.csv", EDGES_1)
        e2 = run.write("edges2.csv", EDGES_2)
        for name, text in MINI_SITE.items():
            run.write(os.path.join("mini", name), text)
        mini = os.path.join(tmp, "mini")
        site_args = [site, "--base-url", BASE_URL]

        plain = run.audit("plain", *site_args)
        run.validate("plain", plain)
        if plain:
            run.expect("plain", plain.get("baseline", 0) is None, "baseline null")
            run.expect("plain", "since_previous" not in plain, "no since_previous")
            run.expect("plain", plain["link_opportunities"] == [], "no link opportunities")
            run.expect("plain", plain["link_plan"] is None, "no link plan")

        # A baseline with a lower --max-click-depth: more deep-page findings, so some are fixed now.
        base = run.audit("baseline-source", *site_args, "--max-click-depth", "1")
        run.validate("baseline-source", base)
        full = run.audit("baseline", *site_args, "--baseline", "baseline-source.json", "--backlinks", backlinks,
                         "--priority", prio, "--suggest-links", "2", "--plan", "3", "--min-relevance", "0",
                         "--ignore", "single-inlink:/menu/*")
        run.validate("baseline+backlinks+priority+suggest-links", full)
        if full:
            b = full.get("baseline") or {}
            states = {f.get("baseline") for f in full["findings"]}
            run.expect("baseline", b.get("fixed_findings"), "fixed_findings listed")
            run.expect("baseline", states == {"new", "unchanged"}, "findings both new and unchanged")
            run.expect("baseline", full["link_opportunities"], "link opportunities")
            plan = full.get("link_plan") or {}
            run.expect("baseline", plan.get("targets_from") == "priority" and plan.get("links"), "a link plan for the priority pages")
            run.expect("baseline", full["summary"]["equity"]["personalised"], "personalised equity")
            run.expect("baseline", full["summary"].get("ignored_findings", 0) > 0, "ignored findings")
            rules = {f["rule"] for f in full["findings"]}
            run.expect("baseline", {"authority-sink", "priority-page-weak"} <= rules,
                       "authority-sink and priority-page-weak findings")

        changes = run.write("what-if.csv", "add,https://coffee.example/,https://coffee.example/events/spring-cupping.html\n"
                                            "remove-page,https://coffee.example/beans/\n")
        what_if = run.audit("what-if", *site_args, "--what-if", changes)
        run.validate("what-if (--what-if)", what_if)
        if what_if:
            w = what_if.get("what_if") or {}
            run.expect("what-if", w.get("changes") == 2, "two changes applied")
            run.expect("what-if", "https://coffee.example/beans/" in w.get("pages_removed", []), "the removed page")

        partial = run.audit("incomplete", *site_args, "--max-pages", "3")
        run.validate("incomplete crawl (--max-pages 3)", partial)
        if partial:
            run.expect("incomplete", partial["crawl"]["complete"] is False, "crawl.complete false")

        hist = os.path.join(tmp, "history")
        run.validate("history run 1", run.audit("history-1", *site_args, "--history", hist))
        second = run.audit("history-2", *site_args, "--history", hist)
        run.validate("history run 2 (since_previous)", second)
        if second:
            run.expect("history-2", "since_previous" in second, "since_previous")

        archive = os.path.join(tmp, "site.warc.gz")
        write_warc(site, BASE_URL, archive)
        warc = run.audit("warc", archive, "--start", BASE_URL)
        run.validate("warc archive target", warc)
        if warc:
            run.expect("warc", warc["crawl"]["mode"] == "warc", "crawl.mode warc")
            run.expect("warc", warc["summary"]["html_pages"] >= 30, "the archived pages replayed")

        edges = run.audit("edge-list", e1)
        run.validate("edge-list target", edges)
        if edges:
            run.expect("edge-list", edges["crawl"]["mode"] == "edge-list", "crawl.mode edge-list")

        ehist = os.path.join(tmp, "edge-history")
        run.validate("edge-list history run 1", run.audit("edge-history-1", e1, "--history", ehist))
        changed = run.audit("edge-history-2", e2, "--history", ehist)
        run.validate("edge-list history run 2 (since_previous with changes)", changed)
        if changed:
            d = changed.get("since_previous") or {}
            for key in ("new_findings", "fixed_findings", "pages_added", "pages_removed", "equity_changes",
                        "pagerank_changes", "depth_changes"):
                run.expect("edge-history-2", d.get(key), f"since_previous.{key} not empty")

        small = run.audit("mini-site", mini, "--base-url", "https://mini.example/")
        run.validate("mini folder site", small)

        # Every optional finding field appears in some report, so each was checked for real.
        reports = [r for r in (plain, base, full, partial, second, edges, changed, small) if r]
        fields = {k for r in reports for f in r.get("findings", []) for k in f}
        for field in ("target", "status", "line", "href", "anchor", "count", "chain", "final_url", "loops_to",
                      "baseline"):
            run.expect("coverage", field in fields, f"some finding with `{field}`")

        # Negative checks on a valid report.
        source = full or plain

        def fatal_severity(r):
            r["findings"][0]["severity"] = "fatal"

        def unknown_page_field(r):
            r["pages"][0]["surprise"] = 1

        def no_summary(r):
            del r["summary"]

        def string_depth(r):
            r["pages"][0]["depth"] = "1"

        if source and source.get("findings") and source.get("pages"):
            run.reject("finding severity 'fatal'", source, fatal_severity)
            run.reject("unknown page field", source, unknown_page_field)
            run.reject("missing summary", source, no_summary)
            run.reject("page depth as a string", source, string_depth)
        else:
            run.fail("negative checks: no report with findings and pages to mutate")

    if run.failures:
        print(f"{run.failures} failure(s)")
        return 1
    print("all reports valid")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
