"""`make offline`: a zip of the site that a reader unpacks and browses from file://, with search working.

Material's offline plugin inlines the search index and runs search in an iframe worker, whose shim it
would load from unpkg.com at run time; with no network the search box stays hidden. The shim is vendored
from the npm package iframe-worker (pinned in package.json) instead, so the bundle needs no network at all.
The plugin also turns off directory URLs, so the pages are generated afresh with links to .html files.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHIM = ROOT / "node_modules" / "iframe-worker" / "shim" / "index.js"  # what unpkg.com/iframe-worker/shim serves
VENDORED = "assets/vendor/iframe-worker/shim.js"
CONFIG = f"""INHERIT: {ROOT / "mkdocs.yml"}
docs_dir: docs
site_dir: site
plugins:
  - search
  - offline
extra:
  polyfills:
    - {VENDORED}
  # Pagefind fetches its index, which file:// refuses: the bundle keeps the built-in search, whatever the size.
  briefing_search: lunr
"""


def build_offline(seeds: Path, out_zip: Path) -> Path:
    """Generate and build the offline site from a seeds folder into out_zip; returns the zip's path."""
    if not SHIM.is_file():
        raise SystemExit(f"{SHIM.relative_to(ROOT)} is missing: run `npm ci` (make offline does)")
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp)
        subprocess.run([sys.executable, str(ROOT / "scripts" / "build.py"), "--seeds", str(seeds), "--out",
                        str(project / "docs"), "--file-urls"], check=True, stdout=subprocess.DEVNULL)
        (project / "docs" / VENDORED).parent.mkdir(parents=True)
        shutil.copy(SHIM, project / "docs" / VENDORED)
        (project / "overrides").symlink_to(ROOT / "overrides")
        (project / "mkdocs.yml").write_text(CONFIG)
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet"], cwd=project, env=env,
                       check=True)
        archive = shutil.make_archive(str(out_zip.with_suffix("")), "zip", project / "site")
    return Path(archive)


def main() -> int:
    archive = build_offline(ROOT / "seeds", ROOT / "briefing-offline.zip")
    print(f"{archive.relative_to(ROOT)}: unpack it and open index.html in a browser; no network needed.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
