"""Valid HTML: the W3C Nu Html Checker finds no error on any page, web site and offline bundle."""
from __future__ import annotations

import subprocess

from conftest import PROJECT
from sitedata.valid_html import valid_html

VNU = PROJECT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"  # npm ci (make test)


def test_materials_defects_are_mended():
    page = ('<input class="md-toggle" type="checkbox" id="__drawer" autocomplete="off">'
            '<input type="text" name="query" autocomplete="off">'
            '<label class="md-nav__link" for="__drawer" tabindex="">'
            '<label class="md-nav__title" for="__toc">')
    assert valid_html(page) == ('<input class="md-toggle" type="checkbox" id="__drawer">'
                                '<input type="text" name="query" autocomplete="off">'
                                '<label class="md-nav__link" for="__drawer">'
                                '<label class="md-nav__title">')


def test_nu_checker_finds_no_error_on_any_page(site, bundle):
    result = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--format", "gnu", "--skip-non-html",
                             str(site), str(bundle)], capture_output=True, text=True, timeout=600)
    assert result.stderr.strip() == "" and result.returncode == 0, result.stderr[:5000]
    checked = [p for folder in (site, bundle) for p in folder.rglob("*.html")]
    assert len(checked) > 150  # both languages, web and offline
