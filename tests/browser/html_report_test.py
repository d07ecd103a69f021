#!/usr/bin/python3
"""The HTML report in a real browser: headless Chromium opens it from disk, a screenshot is
taken and must not be blank, the DOM after the scripts ran must hold the summary numbers
of the JSON report of the same run, and the file must not ask for anything over the network.

Usage: html_report_test.py SITEGRAPH EXAMPLES_SITE_DIR
Exits 0 when every check passes, 1 otherwise; prints what it checked.
"""
import html
import html.parser
import json
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib

failures = []


def check(ok, what):
    print(("ok   " if ok else "FAIL ") + what)
    if not ok:
        failures.append(what)


def chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


def run_browser(browser, args, profile):
    # --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start.
    base = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
            "--disable-extensions", "--disable-background-networking", "--user-data-dir=" + profile]
    return subprocess.run(base + args, capture_output=True, text=True, timeout=120)


def png_pixels(path):
    """Distinct RGB(A) row samples of a PNG (8-bit, non-interlaced), decoded with zlib only."""
    with open(path, "rb") as f:
        data = f.read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, width, height, channels = 8, b"", 0, 0, 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        chunk = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, color = struct.unpack(">IIBB", chunk[:10])
            channels = {2: 3, 6: 4}.get(color, 0)
            assert depth == 8 and channels, "unexpected PNG type"
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * channels
    prev = bytearray(stride)
    colours = set()
    for y in range(height):
        line = raw[y * (stride + 1):(y + 1) * (stride + 1)]
        kind, row = line[0], bytearray(line[1:])
        for i in range(stride):  # undo the PNG filters
            a = row[i - channels] if i >= channels else 0
            b = prev[i]
            c = prev[i - channels] if i >= channels else 0
            if kind == 1:
                row[i] = (row[i] + a) & 0xFF
            elif kind == 2:
                row[i] = (row[i] + b) & 0xFF
            elif kind == 3:
                row[i] = (row[i] + (a + b) // 2) & 0xFF
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                row[i] = (row[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 0xFF
        if y % 8 == 0:
            for x in range(0, width, 8):
                colours.add(bytes(row[x * channels:x * channels + 3]))
        prev = row
    return width, height, colours


# Appended to a copy of the report (its Content-Security-Policy removed so the probe may run):
# after layout, writes the boxes of <main>, each chart card and what its chart draws as JSON
# into <pre id="layout-probe">, which --dump-dom then returns.
LAYOUT_PROBE = """<script>
window.addEventListener('load', function () {
  function box(r) { return {x: r.left, y: r.top, w: r.width, h: r.height}; }
  var out = {window: window.innerWidth, main: box(document.querySelector('main').getBoundingClientRect()), figures: []};
  document.querySelectorAll('figure').forEach(function (f) {
    var svg = f.querySelector('svg');
    var drawn = null;
    if (svg) {
      var l = Infinity, t = Infinity, r = -Infinity, b = -Infinity;
      svg.querySelectorAll('rect, line, circle, text').forEach(function (e) {
        var q = e.getBoundingClientRect();
        if (q.width === 0 && q.height === 0) return;
        l = Math.min(l, q.left); t = Math.min(t, q.top); r = Math.max(r, q.right); b = Math.max(b, q.bottom);
      });
      if (r > l) drawn = {x: l, y: t, w: r - l, h: b - t};
    }
    out.figures.push({caption: f.querySelector('figcaption').textContent, card: box(f.getBoundingClientRect()),
                      chart: svg ? box(svg.getBoundingClientRect()) : null, drawn: drawn});
  });
  var pre = document.createElement('pre');
  pre.id = 'layout-probe';
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
});
</script>"""


def check_layout(browser, page, work, profile):
    """At 1,400 px: the content spans the window, chart cards fill their rows, no card mostly blank."""
    source = open(page, encoding="utf-8").read()
    probed = os.path.join(work, "probed.html")
    start = source.index('<meta http-equiv="Content-Security-Policy"')
    source = source[:start] + source[source.index(">", start) + 1:]
    open(probed, "w", encoding="utf-8").write(source.replace("</body>", LAYOUT_PROBE + "</body>"))
    dom = run_browser(browser, ["--window-size=1400,1000", "--virtual-time-budget=2000", "--dump-dom",
                                "file://" + probed], profile)
    marker = '<pre id="layout-probe">'
    if marker not in dom.stdout:
        check(False, "the layout probe ran in Chromium")
        return
    text = dom.stdout.split(marker, 1)[1].split("</pre>", 1)[0]
    layout = json.loads(html.unescape(text))
    main, window = layout["main"], layout["window"]
    check(main["w"] >= 0.9 * window, f"the content spans most of a {window} px window ({main['w']:.0f} px)")
    rows = {}
    for f in layout["figures"]:
        rows.setdefault(round(f["card"]["y"]), []).append(f)
    for top, cards in sorted(rows.items()):
        used = sum(f["card"]["w"] for f in cards)
        names = ", ".join(f["caption"].split(" (")[0] for f in cards)
        check(used >= 0.85 * main["w"], f"the chart row at y={top} fills the content width ({used:.0f} of {main['w']:.0f} px: {names})")
    for f in layout["figures"]:
        name = f["caption"].split(" (")[0]
        card, drawn = f["card"], f["drawn"]
        if not drawn:
            check(False, f"chart '{name}' draws something")
            continue
        share = (drawn["w"] * drawn["h"]) / (card["w"] * card["h"])
        check(share >= 0.4, f"chart card '{name}' is not mostly blank (drawing covers {share:.0%} of the card)")
        check(drawn["w"] >= 0.5 * card["w"], f"chart '{name}' is drawn across its card ({drawn['w']:.0f} of {card['w']:.0f} px)")


class Cards(html.parser.HTMLParser):
    """data-metric -> the text of its .value element; and every src/href that would fetch."""

    def __init__(self):
        super().__init__()
        self.metrics, self.fetches = {}, []
        self._metric, self._in_value, self._text = None, False, ""

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "data-metric" in a:
            self._metric = a["data-metric"]
        if self._metric and "value" in (a.get("class") or "").split():
            self._in_value, self._text = True, ""
        if tag in ("script", "img", "iframe", "audio", "video", "source", "embed") and a.get("src"):
            self.fetches.append(a["src"])
        if tag == "link" and a.get("href"):
            self.fetches.append(a["href"])

    def handle_data(self, data):
        if self._in_value:
            self._text += data

    def handle_endtag(self, tag):
        if self._in_value:
            self.metrics[self._metric] = self._text.strip()
            self._in_value, self._metric = False, None


def main():
    binary, site = sys.argv[1], sys.argv[2]
    browser = chromium()
    if not browser:
        print("FAIL no chromium on PATH (Debian package 'chromium'; tools/install-deps.sh installs it)")
        return 1
    work = tempfile.mkdtemp(prefix="sitegraph-html-test-")
    try:
        common = [binary, "-q", "audit", site, "--base-url", "https://coffee.example/"]
        baseline = os.path.join(work, "baseline.json")
        subprocess.run(common + ["-f", "json", "-o", baseline], check=True)
        out = os.path.join(work, "out")
        # With a baseline (all unchanged) so the baseline cards are drawn too.
        subprocess.run(common + ["-f", "json,html", "-o", out, "--baseline", baseline], check=True)
        report = json.load(open(os.path.join(out, "report.json")))
        page = os.path.join(out, "report.html")
        source = open(page, encoding="utf-8").read()

        static = Cards()
        static.feed(source)
        check(not static.fetches, "the file references nothing to fetch (no src/href on script, img, link, ...)")
        check("<script src" not in source, "no external script")

        profile = os.path.join(work, "profile")
        dom = run_browser(browser, ["--dump-dom", "file://" + page], profile)
        check(dom.returncode == 0 and "<html" in dom.stdout, "Chromium opened the report and dumped its DOM")
        cards = Cards()
        cards.feed(dom.stdout)
        s = report["summary"]
        expected = {
            "html_pages": s["html_pages"],
            "internal_urls": s["internal_urls"],
            "links": s["links"],
            "max_depth": s["max_depth"],
            "orphan_pages": s["findings"].get("orphan-page", 0),
            "broken_links": s["findings"].get("broken-link", 0),
            "findings": len(report["findings"]),
            "new_findings": report["baseline"]["new"],
            "fixed_findings": report["baseline"]["fixed"],
        }
        for metric, value in expected.items():
            check(cards.metrics.get(metric) == str(value),
                  f"summary card {metric} shows {value} (DOM: {cards.metrics.get(metric)!r})")
        check(dom.stdout.count("<tr") > len(report["findings"]), "the findings and pages tables are in the DOM")
        check('aria-label' in dom.stdout and "<svg" in dom.stdout, "the charts are inline SVG")
        # The filter inputs are shown only once the script ran.
        check('class="filter"' in dom.stdout and 'class="filter" hidden' not in dom.stdout,
              "the table script ran (filter inputs shown)")

        check_layout(browser, page, work, profile)
        check("Title</th>" in source, "the pages table has a title column")

        shot = os.path.join(work, "shot.png")
        run = run_browser(browser, ["--screenshot=" + shot, "--window-size=1400,1600", "--hide-scrollbars",
                                    "file://" + page], profile)
        check(run.returncode == 0 and os.path.exists(shot), "Chromium took a screenshot")
        if os.path.exists(shot):
            width, height, colours = png_pixels(shot)
            check(width == 1400 and height == 1600, f"the screenshot is 1400x1600 (got {width}x{height})")
            check(len(colours) > 20, f"the screenshot is not blank ({len(colours)} distinct colours sampled)")
            keep = os.environ.get("SITEGRAPH_KEEP_SCREENSHOT")
            if keep:
                shutil.copy(shot, keep)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"{len(failures)} failed" if failures else "all checks passed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
