#!/usr/bin/env python3
"""Checks a `tolk compare` HTML report the way a reader would meet it.

Usage: check_report_html.py COVERAGE.html [--screenshot OUT.png] [--full-page OUT.png]
                            [--expect TEXT ...] [--chromium PATH]

1. Static: the file parses as strict XML (so it is well-formed XHTML-compatible HTML5), has the
   XHTML root, a title and a body, no <script>, no duplicate ids, every "#fragment" link resolves,
   and nothing refers outside the file (src, href, xlink:href, srcset, poster, data, action,
   url(...) and @import in styles; only fragments and data: URIs are allowed).
2. In a real browser: Debian's headless Chromium, driven over the DevTools protocol on a pipe,
   opens the file at 1366x900 (a laptop screen). The check fails on any console error, uncaught
   exception or log error, on any request other than the file itself (or a data: URI), on broken
   fragment links, on a page wider than the screen, and when fewer than three charts with visible
   bars rendered or no chart starts on the first screen.
3. The screenshot of the first screen is saved (PNG) and must not be blank: enough pixels differ
   from the background, and each group's chart colour (from coverage.json beside the page) is there.

Prints one line per stage; exits 1 on the first stage that fails. With --self-test, it instead breaks
copies of the page on purpose (an external image, a script that logs an error and fetches a style
sheet, an empty body) and exits 1 unless each stage catches its fault.
"""
import argparse
import base64
import fcntl
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from pathlib import Path

XHTML = "{http://www.w3.org/1999/xhtml}"
SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}href"
PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#8C6D31", "#666666"]
WIDTH, HEIGHT = 1366, 900


class CheckFailed(Exception):
    pass


def is_local(url):
    url = url.strip()
    return url == "" or url.startswith("#") or url.startswith("data:")


def check_static(path):
    """Strict XML parse and the references a page could load."""
    raw = path.read_bytes()
    text = raw.decode("utf-8")
    if not text.startswith("<!DOCTYPE html>"):
        raise CheckFailed("does not start with <!DOCTYPE html>")
    try:
        root = ET.fromstring(raw)
    except ET.ParseError as error:
        raise CheckFailed(f"not well-formed XML: {error}")
    if root.tag != XHTML + "html":
        raise CheckFailed(f"root element is {root.tag}, not the XHTML html element")
    if root.find(XHTML + "head/" + XHTML + "title") is None or root.find(XHTML + "body") is None:
        raise CheckFailed("no head/title or no body")
    ids, links, problems = set(), [], []
    for element in root.iter():
        local = element.tag.split("}")[-1]
        if local in ("script", "iframe", "object", "embed", "link", "img", "audio", "video", "source"):
            if local == "link" and is_local(element.get("href", "")):
                continue
            problems.append(f"<{local}> element")
        identifier = element.get("id")
        if identifier is not None:
            if identifier in ids:
                problems.append(f"duplicate id {identifier!r}")
            ids.add(identifier)
        for attribute in ("src", "href", XLINK, "srcset", "poster", "data", "action", "formaction", "background"):
            value = element.get(attribute)
            if value is None:
                continue
            if not is_local(value):
                problems.append(f"<{local} {attribute.split('}')[-1]}={value!r}> refers outside the file")
            elif value.startswith("#"):
                links.append(value[1:])
        for name, value in element.attrib.items():
            if name.startswith("on"):
                problems.append(f"event handler attribute {name} on <{local}>")
        style = (element.text or "") if local == "style" else element.get("style", "")
        for match in re.finditer(r"url\(\s*['\"]?([^'\")]*)|@import", style, re.IGNORECASE):
            if match.group(0).lower() == "@import" or not is_local(match.group(1)):
                problems.append(f"style on <{local}> loads {match.group(0)!r}")
    problems += [f"link to missing #{target}" for target in links if target not in ids]
    if problems:
        raise CheckFailed("; ".join(sorted(set(problems))[:10]))
    charts = sum(1 for _ in root.iter(SVG + "svg"))
    return f"well-formed XML, {len(ids)} ids, {len(links)} fragment links all resolve, {charts} inline SVG charts, nothing external"


class DevTools:
    """Chromium's DevTools protocol over --remote-debugging-pipe (fd 3 in, fd 4 out, NUL-separated JSON)."""

    def __init__(self, chromium, profile):
        to_browser_read, self.to_browser = os.pipe()
        self.from_browser, from_browser_write = os.pipe()
        # Move the child's ends out of the way of 3 and 4 before dup2 puts them there.
        child_read = fcntl.fcntl(to_browser_read, fcntl.F_DUPFD, 10)
        child_write = fcntl.fcntl(from_browser_write, fcntl.F_DUPFD, 10)
        os.close(to_browser_read)
        os.close(from_browser_write)

        def place_pipes():
            os.dup2(child_read, 3)
            os.dup2(child_write, 4)

        arguments = [
            chromium, "--headless", "--disable-gpu", "--remote-debugging-pipe", f"--user-data-dir={profile}",
            "--no-first-run", "--no-default-browser-check", "--disable-extensions", "--disable-sync",
            "--disable-background-networking", "--disable-component-update", "--disable-default-apps",
            "--mute-audio", "--hide-scrollbars", "--disable-dev-shm-usage", f"--window-size={WIDTH},{HEIGHT}",
            "about:blank",
        ]
        if os.geteuid() == 0:
            arguments.insert(1, "--no-sandbox")  # Chromium refuses to run its sandbox as root
        self.process = subprocess.Popen(
            arguments, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
            preexec_fn=place_pipes, close_fds=False)
        os.close(child_read)
        os.close(child_write)
        self.buffer = b""
        self.next_id = 0
        self.events = []

    def send(self, method, params=None, session=None, timeout=30):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self.to_browser, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            reply = self.receive(deadline)
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise CheckFailed(f"DevTools {method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def receive(self, deadline):
        while b"\0" not in self.buffer:
            if time.monotonic() > deadline:
                raise CheckFailed("Chromium did not answer in time")
            chunk = os.read(self.from_browser, 1 << 16)
            if not chunk:
                stderr = self.process.stderr.read().decode(errors="replace")[-2000:]
                raise CheckFailed(f"Chromium closed the DevTools pipe: {stderr}")
            self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(message)

    def wait_for(self, method, timeout=30):
        deadline = time.monotonic() + timeout
        while True:
            for event in self.events:
                if event.get("method") == method:
                    return event
            self.events.append(self.receive(deadline))

    def close(self):
        try:
            self.send("Browser.close", timeout=10)
        except CheckFailed:
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        os.close(self.to_browser)
        os.close(self.from_browser)


PAGE_CHECK = """(() => {
  const charts = [...document.querySelectorAll('svg.chart')];
  const visible = (element) => { const box = element.getBoundingClientRect(); return box.width > 0 && box.height > 0; };
  const withBars = charts.filter(chart => [...chart.querySelectorAll('rect.bar')].some(visible));
  const broken = [...document.querySelectorAll('a[href^="#"]')].map(a => a.getAttribute('href').slice(1))
    .filter(id => !document.getElementById(id));
  return {
    title: document.title,
    charts: charts.length,
    chartsWithBars: withBars.length,
    bars: [...document.querySelectorAll('svg.chart rect.bar')].filter(visible).length,
    firstChartTop: withBars.length ? withBars[0].getBoundingClientRect().top : null,
    brokenLinks: broken,
    resources: performance.getEntriesByType('resource').map(entry => entry.name),
    pageWidth: document.documentElement.scrollWidth,
    pageHeight: document.documentElement.scrollHeight,
    viewportWidth: window.innerWidth,
    text: document.body.innerText,
  };
})()"""


def check_in_browser(path, chromium, screenshot, full_page, expected_texts):
    profile = tempfile.mkdtemp(prefix="tolk-chromium-")
    devtools = DevTools(chromium, profile)
    try:
        target = devtools.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = devtools.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page", "Runtime", "Log", "Network"):
            devtools.send(f"{domain}.enable", session=session)
        devtools.send(
            "Emulation.setDeviceMetricsOverride",
            {"width": WIDTH, "height": HEIGHT, "deviceScaleFactor": 1, "mobile": False}, session=session)
        devtools.events.clear()
        url = path.resolve().as_uri()
        devtools.send("Page.navigate", {"url": url}, session=session)
        devtools.wait_for("Page.loadEventFired")
        time.sleep(0.3)  # let layout and paint settle
        page = devtools.send(
            "Runtime.evaluate", {"expression": PAGE_CHECK, "returnByValue": True}, session=session)["result"]["value"]
        shot = devtools.send("Page.captureScreenshot", {"format": "png"}, session=session)
        screenshot.write_bytes(base64.b64decode(shot["data"]))
        if full_page:
            height = min(int(page["pageHeight"]), 16000)
            whole = devtools.send(
                "Page.captureScreenshot",
                {"format": "png", "captureBeyondViewport": True,
                 "clip": {"x": 0, "y": 0, "width": WIDTH, "height": height, "scale": 1}},
                session=session, timeout=60)
            full_page.write_bytes(base64.b64decode(whole["data"]))
        devtools.send("Runtime.evaluate", {"expression": "1"}, session=session)  # flush pending events
    finally:
        devtools.close()
        shutil.rmtree(profile, ignore_errors=True)

    problems = []
    for event in devtools.events:
        method, params = event.get("method"), event.get("params", {})
        if method == "Runtime.exceptionThrown":
            problems.append("uncaught exception: " + params["exceptionDetails"].get("text", ""))
        elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert", "warning"):
            values = [str(arg.get("value", arg.get("description", ""))) for arg in params.get("args", [])]
            problems.append(f"console {params['type']}: {' '.join(values)}")
        elif method == "Log.entryAdded" and params["entry"].get("level") in ("error", "warning"):
            problems.append(f"log {params['entry']['level']}: {params['entry'].get('text', '')}")
        elif method == "Network.requestWillBeSent":
            requested = params["request"]["url"]
            if requested != url and not requested.startswith("data:"):
                problems.append(f"request for {requested}")
        elif method == "Network.loadingFailed":
            problems.append(f"loading failed: {params.get('errorText', '')}")
    problems += [f"resource loaded: {name}" for name in page["resources"]]
    problems += [f"broken link #{target}" for target in page["brokenLinks"]]
    if page["chartsWithBars"] < 3:
        problems.append(f"only {page['chartsWithBars']} of {page['charts']} charts show bars")
    if page["firstChartTop"] is None or page["firstChartTop"] > HEIGHT:
        problems.append("no chart starts on the first screen")
    if page["pageWidth"] > page["viewportWidth"]:
        problems.append(f"page is {page['pageWidth']} px wide on a {page['viewportWidth']} px screen")
    problems += [f"text {text!r} not on the page" for text in expected_texts if text not in page["text"]]
    if problems:
        raise CheckFailed("; ".join(problems[:10]))
    return (f"{page['charts']} charts ({page['bars']} visible bars), first chart at {page['firstChartTop']:.0f} px, "
            f"page {page['pageWidth']}x{page['pageHeight']} px, no console errors, no requests but the file")


def check_screenshot(path, colors):
    from PIL import Image

    image = Image.open(path).convert("RGB")
    if image.size != (WIDTH, HEIGHT):
        raise CheckFailed(f"screenshot is {image.size}, not {WIDTH}x{HEIGHT}")
    histogram = image.getcolors(maxcolors=WIDTH * HEIGHT)  # [(count, (r, g, b))], counted in C
    total = WIDTH * HEIGHT
    background_count, background = max(histogram)
    share = 1 - background_count / total
    if share < 0.05:
        raise CheckFailed(f"screenshot is nearly blank ({share:.1%} of pixels differ from the background)")
    counts = {}
    for color in colors:
        rgb = tuple(int(color[i:i + 2], 16) for i in (1, 3, 5))
        counts[color] = sum(count for count, pixel in histogram if all(abs(a - b) <= 6 for a, b in zip(pixel, rgb)))
    missing = [color for color, count in counts.items() if count < 500]
    if missing:
        raise CheckFailed(f"group colours {missing} hardly appear on the first screen ({counts})")
    return f"{path} {image.size[0]}x{image.size[1]}, {share:.0%} ink, group colours " + ", ".join(
        f"{color} {count} px" for color, count in counts.items())


def self_test(html, chromium):
    """Each stage must fail on a page broken the way it is meant to catch."""
    good = html.read_text(encoding="utf-8")
    folder = Path(tempfile.mkdtemp(prefix="tolk-report-check-"))
    caught = []
    try:
        page = folder / "coverage.html"
        cases = [
            ("static", "an external image",
             good.replace("<footer>", '<img src="http://127.0.0.1:9/x.png" alt=""/><footer>'),
             lambda: check_static(page)),
            ("chromium", "a console error and a request",
             good.replace("</body>", '<script>console.error("broken on purpose");'
                          'document.head.insertAdjacentHTML("beforeend", \'<link rel="stylesheet" '
                          'href="http://127.0.0.1:9/x.css"/>\')</script></body>'),
             lambda: check_in_browser(page, chromium, folder / "shot.png", None, [])),
            ("screenshot", "an empty page",
             re.sub(r"<body>.*</body>", "<body></body>", good, flags=re.S),
             lambda: check_screenshot(render_only(page, chromium, folder), PALETTE[:2])),
        ]
        for stage, fault, text, run in cases:
            page.write_text(text, encoding="utf-8")
            try:
                run()
            except CheckFailed as failure:
                caught.append(f"{stage} catches {fault} ({str(failure)[:80]})")
                continue
            raise CheckFailed(f"the {stage} check passed a page with {fault}")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return "; ".join(caught)


def render_only(page, chromium, folder):
    """A screenshot of `page` without the page checks (which an empty page fails first)."""
    shot = folder / "empty.png"
    try:
        check_in_browser(page, chromium, shot, None, [])
    except CheckFailed:
        pass
    return shot


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("html", type=Path)
    parser.add_argument("--screenshot", type=Path, help="PNG of the first screen (default: beside the page)")
    parser.add_argument("--full-page", type=Path, help="also save a PNG of the whole page")
    parser.add_argument("--expect", action="append", default=[], help="text the page must show")
    parser.add_argument("--chromium", default=shutil.which("chromium") or "chromium")
    parser.add_argument("--self-test", action="store_true", help="check that each stage fails on a broken copy")
    arguments = parser.parse_args()
    if arguments.self_test:
        try:
            print(f"{arguments.html}: self-test: {self_test(arguments.html, arguments.chromium)}")
            return 0
        except CheckFailed as failure:
            print(f"{arguments.html}: self-test: FAILED: {failure}", file=sys.stderr)
            return 1
    screenshot = arguments.screenshot or arguments.html.with_suffix(".png")
    report = arguments.html.with_name("coverage.json")
    groups = len(json.loads(report.read_text(encoding="utf-8"))["groups"]) if report.exists() else 1
    stages = [
        ("static", lambda: check_static(arguments.html)),
        ("chromium", lambda: check_in_browser(
            arguments.html, arguments.chromium, screenshot, arguments.full_page, arguments.expect)),
        ("screenshot", lambda: check_screenshot(screenshot, PALETTE[:min(groups, 6)])),
    ]
    for name, stage in stages:
        try:
            print(f"{arguments.html}: {name}: {stage()}")
        except CheckFailed as failure:
            print(f"{arguments.html}: {name}: FAILED: {failure}", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
