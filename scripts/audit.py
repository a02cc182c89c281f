"""`make audit`: Lighthouse on the four page types of the built site, served by nginx with gzip as a host does.

Writes the scores, and every audit that did not pass, to audit/report.md; exits 1 if any score is below 100.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PAGES = {"home": "", "theme": "themes/central-asia/", "analyst": "analysts/david-dalton/",
         "article": "articles/xi-putin-moscow/"}
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
# Lighthouse's variability guide: the median of five runs about halves the spread of a single run.
RUNS = 5
METRICS = ["first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift",
           "speed-index"]
NGINX_CONF = """
worker_processes 1;
daemon off;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log;
events {{ worker_connections 64; }}
http {{
  include /etc/nginx/mime.types;
  access_log off;
  client_body_temp_path {tmp}/body;
  proxy_temp_path {tmp}/proxy;
  fastcgi_temp_path {tmp}/fastcgi;
  uwsgi_temp_path {tmp}/uwsgi;
  scgi_temp_path {tmp}/scgi;
  gzip on;
  gzip_types text/css application/javascript application/json image/svg+xml text/plain application/xml;
  server {{
    listen 127.0.0.1:{port};
    root {site};
    error_page 404 /404.html;
    location /assets/ {{ expires 30d; add_header Cache-Control "public, immutable"; }}
  }}
}}
"""


def serve_with_nginx(site: Path, port: int, tmp: Path) -> subprocess.Popen:
    conf = tmp / "nginx.conf"
    conf.write_text(NGINX_CONF.format(tmp=tmp, port=port, site=site.resolve()))
    process = subprocess.Popen(["nginx", "-c", str(conf), "-p", str(tmp)])
    for _ in range(50):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1)
            return process
        except OSError:
            time.sleep(0.1)
    process.terminate()
    raise SystemExit(f"nginx did not start; see {tmp}/error.log")


def lighthouse(url: str, out: Path) -> dict:
    flags = "--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update"
    env = {**os.environ, "CHROME_PATH": "/usr/bin/chromium"}
    subprocess.run([str(ROOT / "node_modules" / ".bin" / "lighthouse"), url, "--quiet", "--output=json",
                    f"--output-path={out}", f"--chrome-flags={flags}",
                    f"--only-categories={','.join(CATEGORIES)}"], check=True, env=env)
    return json.loads(out.read_text())


def main() -> int:
    site = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "site"
    port = 8089
    rows, metrics, failures = [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        nginx = serve_with_nginx(site, port, Path(tmp))
        try:
            for name, path in PAGES.items():
                # Lighthouse varies from run to run on a busy machine; its docs advise the median of several.
                runs = [lighthouse(f"http://127.0.0.1:{port}/{path}", Path(tmp) / f"{name}-{i}.json")
                        for i in range(RUNS)]
                runs.sort(key=lambda r: r["categories"]["performance"]["score"])
                report = runs[len(runs) // 2]
                scores = [round(100 * report["categories"][c]["score"]) for c in CATEGORIES]
                rows.append(f"| {name} | /{path} | " + " | ".join(str(s) for s in scores) + " |")
                # The performance metrics of every run, so that the spread is on record, not only the median.
                metrics.append(f"| {name} | " + " · ".join(str(round(100 * r["categories"]["performance"]["score"]))
                                                         for r in runs) + " | " + " | ".join(
                    " · ".join(r["audits"][metric]["displayValue"].replace("\u00a0", " ") for r in runs)
                    for metric in METRICS) + " |")
                for category in CATEGORIES:
                    for ref in report["categories"][category]["auditRefs"]:
                        audit = report["audits"][ref["id"]]
                        if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                            failures.append(f"- {name}, {category}: {audit['id']} ({audit['title']}): "
                                            f"{audit.get('displayValue', '')}")
        finally:
            nginx.terminate()
            nginx.wait()
    version = json.loads((ROOT / "node_modules" / "lighthouse" / "package.json").read_text())["version"]
    text = (f"Lighthouse {version}, default (mobile) settings, nginx with gzip on loopback, median of {RUNS} runs; "
            f"{time.strftime('%Y-%m-%d')}"
            f" (`make audit`).\n\n| page | path | performance | accessibility | best practices | SEO |\n"
            f"| --- | --- | --- | --- | --- | --- |\n" + "\n".join(rows) + "\n\n"
            + "Performance metrics of each run (simulated mobile: slow 4G, 4× slower CPU):\n\n"
            + "| page | performance | " + " | ".join(METRICS) + " |\n|" + " --- |" * (len(METRICS) + 2) + "\n"
            + "\n".join(metrics) + "\n\n"
            + ("Weighted audits below a full score (in the median runs):\n" + "\n".join(failures)
               if failures else "Every weighted audit passed.") + "\n")
    out = ROOT / "audit" / "report.md"
    out.parent.mkdir(exist_ok=True)
    out.write_text(text)
    print(text)
    return 0 if all(row.count(" 100 ") == 4 for row in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
