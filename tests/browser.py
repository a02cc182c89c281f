"""A real browser on the built site: Debian's Chromium driven by Playwright, the site served on loopback."""

from __future__ import annotations

import functools
import threading
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
# Playwright's own browser download cannot work here; these flags keep Chromium off the network.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync"]


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextmanager
def serve(folder: Path):
    """Serve folder at http://127.0.0.1:<port>/ for the duration of the block; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def chromium():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def complaints(page) -> list[str]:
    """What the browser reports against the page from now on, as a reader's developer tools show it: console
    errors, uncaught exceptions, requests that failed, and responses with an HTTP status of 400 or more."""
    found: list[str] = []
    page.on("console", lambda message: found.append(f"console error: {message.text}")
            if message.type == "error" else None)
    page.on("pageerror", lambda error: found.append(f"uncaught: {error}"))
    page.on("requestfailed", lambda request: found.append(f"request failed: {request.url} ({request.failure})"))
    page.on("response", lambda response: found.append(f"HTTP {response.status}: {response.url}")
            if response.status >= 400 else None)
    return found


def read_to_the_end(page, url: str) -> None:
    """Open url and scroll to its end, as a reader does, so that what loads as it comes into view loads."""
    page.goto(url)
    page.wait_for_load_state("networkidle")
    page.keyboard.press("End")
    page.mouse.wheel(0, 100_000)
    page.wait_for_load_state("networkidle")


def search(page, query: str, quiet_ms: int = 300) -> list[str]:
    """Type query into Material's search box as a reader does; the titles of the result pages, in order, once
    the list has not changed for quiet_ms (longer on a large site, whose answers to the last keys take longer)."""
    page.keyboard.press("Escape")
    page.locator("input.md-search__input").click()
    page.locator("input.md-search__input").fill("")
    # The box emptied: the worker has answered every earlier query (it answers in order), so no count of an
    # earlier query's results is read below as this one's, however slow the index.
    page.locator("input.md-search__input").press("Backspace")
    page.wait_for_function("!document.querySelector('.md-search-result__meta')?.textContent.match(/matching/)")
    page.locator("input.md-search__input").type(query, delay=20)
    page.wait_for_function(
        # Material writes large counts short: "12 matching documents", "1.1k matching documents".
        "q => document.querySelector('.md-search-result__meta')?.textContent.match(/[\\d.]+k? matching|No matching/)",
        arg=query)
    # The list is redrawn as each key arrives; read it once it has stopped changing, after the last key.
    titles = page.locator(".md-search-result__item > a.md-search-result__link h1")
    shown, settled = titles.all_inner_texts(), 0
    for _ in range(40):
        page.wait_for_timeout(150)
        now = titles.all_inner_texts()
        settled = settled + 1 if now == shown else 0
        if settled * 150 >= quiet_ms:
            break
        shown = now
    return shown
