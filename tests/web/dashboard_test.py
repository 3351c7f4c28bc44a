"""The dashboard in a real browser: headless Debian chromium driven by Playwright against a real `simbook serve`.

One flow, step by step: a bad key is refused in plain words; the admin key shows the demo events, which go live
over the WebSocket; the EPL match opens from the keyboard; live states posted through the API move the score,
the prices (with up/down marks) and the win-probability chart within UPDATE_WITHIN_S, in the list and in the
event view; the trader view shows the exposure, suspends a market (greyed in the page, suspended in the book)
and resumes it, posts a state from its console and runs a what-if with standard errors; the American toggle
shows the server's American prices; a sportsbook key gets no trader view but sees a suspended market greyed,
and is kept in sessionStorage only when asked; the page fits 1280x800 and a 390x844 phone without sideways
scrolling; the browser console shows no errors; the key is in no URL and not in sessionStorage unless asked.

Last, `simbook replay` streams the 2022 World Cup final into the server (from DATA_DIR) and the page tells its
story: the new event joins the list, its chart fills as the goals go in, and it ends 2-2 at full time.

usage: dashboard_test.py SIMBOOK_BINARY PARAMS_DIR SCREENSHOT_DIR [DATA_DIR]
"""

import json
import os
import re
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

from playwright.sync_api import expect, sync_playwright

SIMBOOK, PARAMS, SHOTS = sys.argv[1], sys.argv[2], sys.argv[3]
DATA = sys.argv[4] if len(sys.argv) > 4 else ""
CHROMIUM = os.environ.get("SIMBOOK_CHROMIUM", "/usr/bin/chromium")
# The bound, from the POST's reply to the page showing the new score and prices; a sanitizer build
# (tests/web/CMakeLists.txt) relaxes it, since there the server itself runs several times slower.
UPDATE_WITHIN_S = float(os.environ.get("SIMBOOK_DASHBOARD_UPDATE_WITHIN_S", "1.0"))
WAIT_MS = 10_000       # Playwright's patience for anything else (a loaded CI machine)


class Server:
    """`simbook serve` on a free loopback port with its demo keys and events."""

    def __init__(self):
        self.process = subprocess.Popen(
            [SIMBOOK, "serve", "--port", "0", "--store", ":memory:", "--sims", "2000", "--params-dir", PARAMS,
             "--rate-limit", "0"],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        self.keys, self.port = {}, None
        for line in self.process.stdout:
            if m := re.search(r"listening on http://127\.0\.0\.1:(\d+)", line):
                self.port = int(m.group(1))
            elif m := re.match(r"demo key \((\w+)\): (\S+)", line):
                self.keys[m.group(1)] = m.group(2)
                if len(self.keys) == 4:
                    break
        if self.port is None or "admin" not in self.keys:
            self.stop()
            raise RuntimeError("simbook serve did not start")
        threading.Thread(target=self.process.stdout.read, daemon=True).start()  # never block on a full pipe

    def url(self, path):
        return f"http://127.0.0.1:{self.port}{path}"

    def call(self, method, path, body=None, key=None):
        request = urllib.request.Request(self.url(path), method=method,
                                         data=None if body is None else json.dumps(body).encode(),
                                         headers={"X-API-Key": key or self.keys["admin"],
                                                  "Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=30) as reply:
            return json.loads(reply.read())

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)


def step(name):
    print(f"[{time.monotonic() - START:5.1f} s] {name}", flush=True)


def h2h_prices(page):
    return page.locator('#main-lines tr[data-market="h2h"] .price').all_inner_texts()


def post_and_wait(server, page, event_id, state, score, history_points):
    """Posts a live state through the API and waits for the page to show it; returns the seconds it took."""
    before = h2h_prices(page)
    accepted = server.call("POST", f"/v1/events/{event_id}/state", state)
    posted = time.monotonic()
    expect(page.locator("#score")).to_have_text(score, timeout=WAIT_MS)
    expect(page.locator("#version")).to_have_text(str(accepted["version"]), timeout=WAIT_MS)
    expect(page.locator("#chart")).to_have_attribute("data-points", str(history_points), timeout=WAIT_MS)
    took = time.monotonic() - posted
    after = h2h_prices(page)
    assert after != before, f"the h2h prices did not move: {before} -> {after}"
    marks = page.locator("#main-lines .outcome.up, #main-lines .outcome.down")
    assert marks.count() > 0, "no price change is highlighted"
    return took


def main():
    if not os.access(CHROMIUM, os.X_OK):
        print(f"SKIPPED: no chromium at {CHROMIUM} (apt-get install chromium; scripts/setup.sh installs it)")
        return 77
    os.makedirs(SHOTS, exist_ok=True)
    server = Server()
    try:
        events = server.call("GET", "/v1/events")
        soccer = next(e["id"] for e in events if e["home_team"] == "Arsenal" and e["away_team"] == "Chelsea")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True)
            run_flow(browser, server, soccer, len(events))
            browser.close()
    finally:
        server.stop()
    step("passed")
    return 0


def run_flow(browser, server, soccer, event_count):
    step("the page and its headers")
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    problems = []
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    urls = []
    page.on("request", lambda r: urls.append(r.url))
    reply = page.goto(server.url("/"))
    assert reply.status == 200, reply.status
    assert reply.headers["content-type"] == "text/html; charset=utf-8", reply.headers
    assert "script-src 'self'" in reply.headers["content-security-policy"], reply.headers
    expect(page).to_have_title("simbook dashboard")

    step("a bad key is refused in plain words")
    bad = context.new_page()  # its 401 is logged by the browser: kept off the page whose console is checked
    bad.goto(server.url("/"))
    bad.get_by_label("API key").fill("sbk_not_a_key")
    bad.get_by_role("button", name="Connect").click()
    expect(bad.get_by_role("alert")).to_contain_text("The API key was not accepted", timeout=WAIT_MS)
    expect(bad.locator("#main")).to_be_hidden()
    bad.close()

    step("the admin key shows the demo events, live over the WebSocket")
    key = server.keys["admin"]
    page.get_by_label("API key").fill(key)
    page.get_by_label("API key").press("Enter")
    rows = page.locator("#events-table tbody tr")
    expect(rows).to_have_count(event_count, timeout=WAIT_MS)
    expect(page.locator("#events-table")).to_contain_text("Arsenal v Chelsea")
    expect(page.locator("#events-table")).to_contain_text("basketball")
    expect(page.locator("#live-status")).to_have_text("Live", timeout=WAIT_MS)
    list_row = page.locator(f'tr[data-event-row="{soccer}"]')
    expect(list_row.locator("td.num").first).to_have_text(re.compile(r"^\d+\.\d\d$"))
    assert page.evaluate("() => sessionStorage.length") == 0, "the key was kept without being asked"

    step("the EPL match opens from the keyboard")
    page.get_by_role("button", name="Arsenal v Chelsea").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#event")).to_be_visible(timeout=WAIT_MS)
    expect(page.locator("#event-title")).to_be_focused()
    expect(page.locator("#event-title")).to_have_text("Arsenal v Chelsea")
    expect(page.locator("#score")).to_have_text("0 - 0")
    expect(page.locator("#chart")).to_have_attribute("data-points", "1", timeout=WAIT_MS)
    expect(page.locator("#chart polyline.projected")).to_have_count(1)
    expect(page.locator('#main-lines tr[data-market="h2h"] .price')).to_have_count(3)
    expect(page.locator("#props tr").first).to_be_visible()

    step("live states through the API move the score, prices and chart")
    times = [post_and_wait(server, page, soccer, {"minute": 30, "home": 1, "away": 0}, "1 - 0", 2)]
    expect(list_row.locator("td.state")).to_have_text("30' 1-0")
    times.append(post_and_wait(server, page, soccer, {"minute": 60, "home": 1, "away": 1, "last_leader": "home"},
                               "1 - 1", 3))
    expect(list_row.locator("td.state")).to_have_text("60' 1-1")
    print(f"    state posted -> page updated: {', '.join(f'{t * 1000:.0f} ms' for t in times)}")
    assert max(times) <= UPDATE_WITHIN_S, f"an update took {max(times):.2f} s (> {UPDATE_WITHIN_S} s)"

    step("the trader view suspends a market: greyed in the page, suspended in the book")
    expect(page.locator("#trader")).to_be_visible()
    expect(page.locator("#exposure tbody tr").first).to_contain_text("h2h")
    expect(page.locator("#worst-case")).to_contain_text("Worst case for the book")
    h2h_row = page.locator('#main-lines tr[data-market="h2h"]')
    h2h_row.get_by_role("button", name="Suspend").click()
    expect(h2h_row).to_have_class(re.compile(r"\bsuspended\b"), timeout=WAIT_MS)
    expect(h2h_row.locator(".badge")).to_have_text("suspended")
    grey = h2h_row.evaluate("row => getComputedStyle(row).backgroundColor")
    assert grey == "rgb(236, 238, 241)", f"the suspended row is not greyed: {grey}"
    book = server.call("GET", f"/v1/events/{soccer}/exposure")
    assert {m["market"]: m["state"] for m in book["markets"]}["h2h"] == "suspended", book
    page.screenshot(path=os.path.join(SHOTS, "dashboard-suspended-1280x800.png"))
    expect(h2h_row.get_by_role("button", name="Resume")).to_be_focused()  # the keyboard stays on the market
    page.keyboard.press("Enter")
    expect(h2h_row).not_to_have_class(re.compile(r"\bsuspended\b"), timeout=WAIT_MS)

    step("the console posts a state")
    page.get_by_label("State to post (JSON)").fill('{"minute": 70, "home": 2, "away": 1, "last_leader": "home"}')
    page.get_by_role("button", name="Post state").click()
    expect(page.locator("#state-result")).to_contain_text("Accepted: version", timeout=WAIT_MS)
    expect(page.locator("#score")).to_have_text("2 - 1", timeout=WAIT_MS)
    expect(page.locator("#chart")).to_have_attribute("data-points", "4", timeout=WAIT_MS)

    step("a what-if shows price deltas with standard errors")
    page.get_by_label("Paths").fill("5000")
    page.get_by_role("button", name="Run").click()
    result = page.locator("#whatif-result tbody tr")
    expect(result.first).to_be_visible(timeout=30_000)
    expect(result.first).to_contain_text(re.compile(r"[+-]\d+\.\d\d \u00B1 \d+\.\d\d pts"))

    step("American odds are the server's")
    page.get_by_role("button", name="American odds").click()
    expect(page.locator("#odds-format")).to_have_attribute("aria-pressed", "true")
    shown = h2h_prices(page)
    assert all(re.fullmatch(r"[+-]\d+", p) for p in shown), shown
    feed = server.call("GET", f"/v1/events/{soccer}/odds?markets=h2h&oddsFormat=american")
    served = [o["price"] for o in feed["bookmakers"][0]["markets"][0]["outcomes"]]
    assert sorted(int(p) for p in shown) == sorted(served), f"page {shown}, server {served}"
    expect(list_row.locator("td.num").first).to_have_text(re.compile(r"^[+-]\d+( [\u25B2\u25BC])?$"))

    step("a sportsbook key: no trader view; kept in sessionStorage only when asked, and forgotten")
    other = context.new_page()  # its own tab (sessionStorage) and console (the trader probe's 403 is logged)
    other.goto(server.url("/"))
    other.get_by_label("API key").fill(server.keys["sportsbook"])
    other.get_by_label("Keep it while this tab is open").check()
    other.get_by_role("button", name="Connect").click()
    expect(other.locator("#events-table tbody tr")).to_have_count(event_count, timeout=WAIT_MS)
    assert other.evaluate("() => sessionStorage.getItem('simbook.apiKey')") == server.keys["sportsbook"]
    other.get_by_role("button", name="Arsenal v Chelsea").click()
    expect(other.locator("#event-title")).to_have_text("Arsenal v Chelsea", timeout=WAIT_MS)
    expect(other.locator("#trader")).to_be_hidden()
    expect(other.get_by_role("button", name="Suspend")).to_have_count(0)
    # A suspension shows to every key: the odds feed marks the market, not only the trader's exposure view.
    server.call("POST", f"/v1/events/{soccer}/markets/h2h/suspend")
    other.get_by_role("button", name="Arsenal v Chelsea").click()  # opened again: the odds are fetched again
    other_h2h = other.locator('#main-lines tr[data-market="h2h"]')
    expect(other_h2h).to_have_class(re.compile(r"\bsuspended\b"), timeout=WAIT_MS)
    expect(other_h2h.locator(".badge")).to_have_text("suspended")
    server.call("POST", f"/v1/events/{soccer}/markets/h2h/resume")
    other.reload()
    expect(other.locator("#events-table tbody tr")).to_have_count(event_count, timeout=WAIT_MS)
    other.get_by_role("button", name="Forget key").click()
    expect(other.locator("#main")).to_be_hidden()
    assert other.evaluate("() => sessionStorage.length") == 0
    other.close()

    step("screenshots at 1280x800 and 390x844; nothing scrolls sideways")
    page.screenshot(path=os.path.join(SHOTS, "dashboard-1280x800.png"))
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 1280
    page.set_viewport_size({"width": 390, "height": 844})
    expect(page.locator("#event-title")).to_be_visible()
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 390, f"the page is {width} px wide at phone width"
    page.screenshot(path=os.path.join(SHOTS, "dashboard-390x844.png"))
    page.screenshot(path=os.path.join(SHOTS, "dashboard-390x844-full.png"), full_page=True)

    step("simbook replay tells a real match's story")
    if not os.path.isfile(os.path.join(DATA, "soccer", "international", "goalscorers.csv")):
        print(f"    not run: no international results under '{DATA}'")
    else:
        page.set_viewport_size({"width": 1280, "height": 800})
        replay = subprocess.Popen(
            [SIMBOOK, "replay", "--url", server.url(""), "--key", server.keys["trader"], "--date", "2022-12-18",
             "--home-team", "Argentina", "--away-team", "France", "--speed", "300", "--data", DATA, "--quiet"],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        try:
            final = page.get_by_role("button", name="Argentina v France")
            expect(final).to_be_visible(timeout=WAIT_MS)  # found by the page's poll for new events
            final.click()
            expect(page.locator("#clock")).to_have_text("full time", timeout=60_000)
            assert replay.wait(timeout=60) == 0, replay.stdout.read()
        finally:
            replay.kill()
        expect(page.locator("#score")).to_have_text("2 - 2", timeout=WAIT_MS)
        points = int(page.locator("#chart").get_attribute("data-points"))
        assert points >= 5, f"the chart has {points} points after a replayed match"
        page.screenshot(path=os.path.join(SHOTS, "dashboard-replay-1280x800.png"))

    step("the key is in no URL; the console has no errors")
    assert not [u for u in urls if key in u], "the key appeared in a URL"
    assert page.evaluate("() => sessionStorage.length") == 0
    assert not problems, "\n".join(problems)
    context.close()


if __name__ == "__main__":
    START = time.monotonic()
    sys.exit(main())
