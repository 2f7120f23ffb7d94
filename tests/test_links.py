"""Every internal link, asset and anchor resolves, in the web site and in the offline bundle."""
from __future__ import annotations

import shutil
import sys

import pytest

from conftest import PROJECT, serve

sys.path.insert(0, str(PROJECT / "scripts"))
from check_links import external_links, external_problems, internal_problems  # noqa: E402


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


def test_the_external_check_reports_dead_links(tmp_path):
    """`make linkcheck` in small: a server on this machine stands in for the web."""
    (tmp_path / "www").mkdir()
    (tmp_path / "www" / "ok.html").write_text("<p>ok</p>", encoding="utf-8")
    base, server = serve(tmp_path / "www")
    try:
        site = tmp_path / "site"
        site.mkdir()
        (site / "index.html").write_text(f'<a href="{base}/ok.html">a</a> <a href="{base}/gone.html">b</a>',
                                         encoding="utf-8")
        assert set(external_links(site)) == {f"{base}/ok.html", f"{base}/gone.html"}
        problems = external_problems(site, timeout=5)
    finally:
        server.shutdown()
    assert len(problems) == 1 and "gone.html" in problems[0] and "404" in problems[0], problems
