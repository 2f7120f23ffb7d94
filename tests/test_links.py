"""Every internal link, asset and anchor resolves, in the web site and in the offline bundle."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from conftest import PROJECT, serve

sys.path.insert(0, str(PROJECT / "scripts"))
from check_links import internal_problems  # noqa: E402


def test_web_site_links_resolve(site):
    assert internal_problems(site) == []


def test_offline_bundle_links_resolve(bundle):
    assert list(bundle.rglob("*.html"))
    assert internal_problems(bundle) == []


def test_the_checker_finds_broken_links_anchors_case_and_root_links(site, tmp_path):
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    page = copy / "contact.html"
    page.write_text(page.read_text(encoding="utf-8").replace(
        "</article>", '<a href="nowhere.html">a</a><a href="priorities.html#no-such-anchor">b</a>'
                      '<a href="Priorities.html">c</a><a href="/priorities.html">d</a></article>'),
        encoding="utf-8")
    problems = internal_problems(copy)
    assert len(problems) == 4, problems
    assert any("no such file" in p and "nowhere.html" in p for p in problems)
    assert any("no anchor #no-such-anchor" in p for p in problems)
    assert any("Priorities.html" in p for p in problems)
    assert any("not relative" in p for p in problems)


def linkcheck_options() -> list[str]:
    """The options `make linkcheck` gives linkchecker, read from the Makefile."""
    makefile = (PROJECT / "Makefile").read_text(encoding="utf-8")
    match = re.search(r"^\t\$\(BIN\)/linkchecker((?: --[\w-]+)+) ", makefile, re.MULTILINE)
    assert match, "make linkcheck no longer runs linkchecker"
    return match.group(1).split()


def test_the_external_check_reports_dead_links():
    """`make linkcheck` in small: a server on this machine stands in for the web,
    and a second page shows that linkchecker follows the site's own links."""
    with tempfile.TemporaryDirectory() as folder:
        # Run as root, linkchecker becomes `nobody`: the site must be readable by all,
        # and pytest's own temporary folders are not.
        os.chmod(folder, 0o755)
        _check_dead_links(Path(folder))


def _check_dead_links(tmp_path: Path) -> None:
    (tmp_path / "www").mkdir()
    (tmp_path / "www" / "ok.html").write_text("<p>ok</p>", encoding="utf-8")
    base, server = serve(tmp_path / "www")
    try:
        site = tmp_path / "site"
        site.mkdir()
        (site / "index.html").write_text(f'<a href="{base}/ok.html">a</a> <a href="other.html">b</a>',
                                         encoding="utf-8")
        (site / "other.html").write_text(f'<a href="{base}/gone.html">c</a>', encoding="utf-8")
        result = subprocess.run([str(Path(sys.executable).parent / "linkchecker"), *linkcheck_options(),
                                 "site/index.html"], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    finally:
        server.shutdown()
    assert result.returncode == 1, result.stdout + result.stderr
    errors = re.findall(r"^URL\s+`([^']+)'.*?^Result\s+Error: (.+?)$", result.stdout, re.MULTILINE | re.DOTALL)
    assert errors == [(f"{base}/gone.html", "404 File not found")], result.stdout
    assert "Parent URL file://" in result.stdout and "other.html" in result.stdout
