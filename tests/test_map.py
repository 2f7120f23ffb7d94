"""The map of the regional network (region_map macro; shapes by scripts/make_map.mjs).

Drawn from Natural Earth, coloured from data/countries.yml: every member state
is a link to its page with a name that says its status; the status is also in
the legend and the list; the map is small, works offline, fits a 320 px screen
and every country is reached with the Tab key.
"""
from __future__ import annotations

import json
import posixpath
import re

import pytest

from conftest import PROJECT, data, page

from sitedata.dates import PartialDate, format_partial

MEMBERS = {c["id"]: c for c in data("countries") if c.get("cbss_member") and c.get("public", True)}
LABELS = data("labels")
STATES = {lang: {state: text[lang] for state, text in LABELS["ncp_states"].items()} for lang in ("en", "ru")}
SOURCES = {s["id"]: s for s in data("sources")}


def as_of(member: dict, lang: str) -> str:
    """" (as of October 2007)": a status holds as of its source's date."""
    date = format_partial(PartialDate.parse(SOURCES[member["source"]]["date"]), lang)
    return " (" + LABELS["as_of"][lang].replace("{date}", date) + ")"


@pytest.mark.parametrize("lang, prefix", [("en", ""), ("ru", "ru/")])
def test_each_member_state_is_a_named_link_coloured_by_its_status(site, lang, prefix):
    rel = f"{prefix}network.html"
    figure = page(site, rel).select_one("figure.bsr-map")
    size = len(str(figure).encode("utf-8"))
    assert size < 60 * 1024, f"the map is {size / 1024:.1f} KB"
    links = figure.select("svg a.bsr-map__country")
    assert len(links) == len(MEMBERS) == 11
    for link in links:
        code = link["href"].rsplit("/", 1)[-1].removesuffix(".html").upper()
        member = MEMBERS[code]
        assert (site / posixpath.normpath(posixpath.join(posixpath.dirname(rel), link["href"]))).is_file()
        assert link["aria-label"] == f"{member['name'][lang]}: {STATES[lang][member['ncp']]}{as_of(member, lang)}"
        assert f"bsr-map__country--{member['ncp']}" in link["class"]
        assert link.select_one("path")["d"].startswith("M")
    legend = figure.select_one("figcaption").get_text(" ")
    assert all(state in legend for state in STATES[lang].values())
    # Non-members are drawn (grey), but are neither links nor named.
    assert len(figure.select("svg path.bsr-map__land")) >= 5
    # The text alternative stays.
    assert len(page(site, rel).select("article ul li a[href^='countries/']")) == len(MEMBERS)


def test_every_country_is_reached_with_the_keyboard_and_the_map_fits_320_px(browser, bundle):
    tab = browser.new_page(viewport={"width": 320, "height": 800})
    tab.goto((bundle / "ru" / "network.html").as_uri())  # offline, from file://
    box = tab.locator("figure.bsr-map svg").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 320
    tab.focus("figure.bsr-map svg a")
    reached = []
    for _ in range(len(MEMBERS)):
        reached.append(tab.evaluate("document.activeElement.getAttribute('aria-label')"))
        tab.keyboard.press("Tab")
    assert len(set(reached)) == len(MEMBERS) and all(": " in name for name in reached), reached
    tab.close()


def test_the_committed_shapes_hold_every_member_state():
    shapes = (PROJECT / "overrides" / "macros" / "map_shapes.html").read_text(encoding="utf-8")
    assert "written by scripts/make_map.mjs" in shapes
    for code in MEMBERS:
        assert f'"{code}": "M' in shapes, code
    labels = json.loads(re.search(r'"labels": (\{.*?\})', shapes).group(1))
    assert set(labels) == set(MEMBERS)
