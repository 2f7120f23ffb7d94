"""Lighthouse on the site as published: the home page and one page of each kind, both languages.

    python scripts/audit.py   (make audit)

It builds the web site for a local address under a sub-path
(SITE_URL=http://127.0.0.1:<port>/children/), serves it there, and runs
Lighthouse (npm, from package-lock.json) with its mobile defaults in Debian's
chromium on each page. It prints the four scores of each page and whether
they meet the goals: accessibility, best practices and SEO 100, performance
at least 95. It is a report, not a test: performance varies on a shared
machine. It exits 1 only when a build or Lighthouse itself fails.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from local_server import CHROMIUM_ARGS, serve

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
PREFIX = "children"
PAGES = ["index.html", "calendar.html", "events/kiev-2005.html", "meetings/index.html", "resources.html",
         "resources/mapping-study.html", "tools/self-assessment.html", "network.html", "countries/ee.html",
         "contact.html"]
CATEGORIES = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
CHROME_FLAGS = " ".join(["--headless=new", *CHROMIUM_ARGS])


def scores(url: str) -> dict[str, int]:
    result = subprocess.run([str(LIGHTHOUSE), url, "--quiet", "--output=json", "--output-path=stdout",
                             f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={CHROME_FLAGS}"],
                            capture_output=True, text=True, env={**os.environ, "CHROME_PATH": "/usr/bin/chromium"})
    if result.returncode != 0:
        raise SystemExit(f"Lighthouse failed on {url}:\n{result.stderr[-2000:]}")
    report = json.loads(result.stdout)
    return {name: round(report["categories"][name]["score"] * 100) for name in CATEGORIES}


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="audit-") as scratch:
        top = Path(scratch)
        base, server = serve(top)  # the port is known before the build, which needs the address
        url = f"{base}/{PREFIX}/"
        build = subprocess.run([sys.executable, "scripts/build.py", "--no-bundle", "--site-dir", str(top / PREFIX)],
                               cwd=ROOT, env={**os.environ, "SITE_URL": url}, capture_output=True, text=True)
        if build.returncode != 0:
            print(build.stdout + build.stderr, file=sys.stderr)
            return 1
        rows = [(lang + page, scores(url + lang + page)) for lang in ("", "ru/") for page in PAGES]
        server.shutdown()
    print("| page | " + " | ".join(CATEGORIES) + " |\n|---|" + "---:|" * len(CATEGORIES))
    for page, found in rows:
        print(f"| {page} | " + " | ".join(str(found[c]) for c in CATEGORIES) + " |")
    print("\nGoals: accessibility, best practices and SEO 100; performance at least 95.")
    for category, goal in CATEGORIES.items():
        low = [page for page, found in rows if found[category] < goal]
        print(f"  {category}: " + (f"below the goal on {len(low)} of {len(rows)} pages" if low else "met"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
