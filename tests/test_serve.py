"""Live reload: `make serve` (scripts/serve.py) rebuilds what an edit changed and the open page changes; the
generator's --watch mode does the same beside any server (here `mkdocs serve`)."""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request

from browser import chromium
from site_build import ROOT, generate


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def wait_for(predicate, seconds: float = 60) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.3)
    return False


def _project(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "themes.yml").write_bytes((ROOT / "seeds" / "themes.yml").read_bytes())
    (tmp_path / "mkdocs.yml").write_bytes((ROOT / "mkdocs.yml").read_bytes())
    (tmp_path / "overrides").symlink_to(ROOT / "overrides")
    return seeds


def test_make_serve_shows_an_edit_a_new_analyst_and_keeps_search_right(tmp_path):
    seeds = _project(tmp_path)
    article = seeds / "live.txt"
    article.write_text("Live headline\n\nThe first version of the text, about sanctions.\n")
    (seeds / "other.txt").write_text("Another headline\n\nA second article, which the edit leaves alone.\n")
    port = free_port()
    server = subprocess.Popen([sys.executable, str(ROOT / "scripts" / "serve.py"), "--seeds", str(seeds),
                               "--config", str(tmp_path / "mkdocs.yml"), "--dev-addr", f"127.0.0.1:{port}"],
                              cwd=tmp_path, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}/"
    try:
        assert wait_for(lambda: "The first version of the text" in fetch(base + "articles/live/"))
        with chromium() as browser:
            page = browser.new_page()
            page.goto(base + "articles/live/")
            article.write_text("Live headline\n\nThe second version, edited while the server ran.\n\n"
                               "“Sanctions are the whole story,” says Hilda Marchetti, senior analyst at Kestrel "
                               "Research.\n")
            # No reload by the test: live reload updates the open page.
            page.wait_for_function("document.querySelector('#p-1')?.textContent.includes('The second version')",
                                   timeout=60_000)
            assert "Hilda Marchetti" in fetch(base + "analysts/hilda-marchetti/")
        # The search index holds every page, the edited one as it is now (written just after the open page).
        def index_text() -> str:
            return " ".join(doc["text"] for doc in json.loads(fetch(base + "search/search_index.json"))["docs"])
        assert wait_for(lambda: "The second version" in index_text())
        text = index_text()
        assert "The second version" in text and "The first version" not in text
        assert "A second article" in text and "Sanctions are the whole story" in text
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_editing_a_seed_updates_the_page_mkdocs_serve_serves(tmp_path):
    seeds = _project(tmp_path)
    article = seeds / "live.txt"
    article.write_text("Live headline\n\nThe first version of the text.\n")
    assert generate(seeds, tmp_path).returncode == 0
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    watcher = subprocess.Popen([sys.executable, str(ROOT / "scripts" / "build.py"), "--watch", "--seeds", str(seeds),
                                "--out", str(tmp_path / "docs")], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
                              cwd=tmp_path, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/articles/live/"
    try:
        assert wait_for(lambda: "The first version of the text." in fetch(url))
        with chromium() as browser:
            page = browser.new_page()
            page.goto(url)
            assert "The first version of the text." in page.locator("#p-1").inner_text()
            article.write_text("Live headline\n\nThe second version, edited while the server ran.\n")
            # No reload by the test: mkdocs serve's live reload updates the open page.
            page.wait_for_function("document.querySelector('#p-1')?.textContent.includes('The second version')",
                                   timeout=60_000)
    finally:
        for process in (server, watcher):
            process.terminate()
            process.wait(timeout=10)


def test_the_open_pages_are_those_whose_live_reload_script_asked_lately():
    from briefing.serve import OpenPages

    pages = OpenPages("/", seconds=120)
    app = pages.app(lambda environ, start_response: [b"1"])
    for path, referer in [("/livereload/1/2", "http://127.0.0.1:8000/articles/live/"),
                          ("/livereload/1/3", "http://127.0.0.1:8000/"),
                          ("/livereload/1/4", "http://127.0.0.1:8000/offline/page.html"),
                          ("/assets/app.js", "http://127.0.0.1:8000/themes/sanctions/"),  # not a live-reload poll
                          ("/livereload/1/5", "http://elsewhere.example/other/")]:
        app({"PATH_INFO": path, "HTTP_REFERER": referer}, None)
    assert pages.sources() == {"articles/live/index.md", "index.md", "offline/page.md", "other/index.md"}
    assert OpenPages("/briefing/").sources() == set()
    later = OpenPages("/", seconds=0)
    later.asked("http://127.0.0.1:8000/articles/live/")
    time.sleep(0.01)
    assert later.sources() == set()
    # After a reload, the rest of a rebuild waits for an open page to ask again (it loaded), or gives up.
    since = time.monotonic()
    assert not pages.wait_reloaded(since, timeout=0.05)
    pages.asked("http://127.0.0.1:8000/articles/live/")
    assert pages.wait_reloaded(since, timeout=0.05)
    assert OpenPages("/").wait_reloaded(since, timeout=10)  # no page open: nothing to wait for
