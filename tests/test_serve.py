"""Live reload as `make serve` runs it: the watcher regenerates, mkdocs serve reloads, the page changes."""

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


def test_editing_a_seed_updates_the_served_page(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "themes.yml").write_bytes((ROOT / "seeds" / "themes.yml").read_bytes())
    article = seeds / "live.txt"
    article.write_text("Live headline\n\nThe first version of the text.\n")
    (tmp_path / "mkdocs.yml").write_bytes((ROOT / "mkdocs.yml").read_bytes())
    (tmp_path / "overrides").symlink_to(ROOT / "overrides")
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
