"""The offline bundle in dist/: the ISO image, the zip, their checksums and the
tree they hold, read back and crawled. (tests/test_offline_browser.py opens
it in a browser.)"""
from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import posixpath
import re
import shutil
import sys
import time
import zipfile
from pathlib import Path
from types import SimpleNamespace

import pycdlib
import pytest
from bs4 import BeautifulSoup

from conftest import PROJECT, SAMPLE_DOCUMENTS, checked_build, copy_project, data, fingerprint, run_build

import print_pack  # noqa: E402  (scripts/ is on the path: conftest)

sys.path.insert(0, str(PROJECT / "scripts"))
import bundle  # noqa: E402

ISO_NAME = f"{bundle.NAME}.iso"
ZIP_NAME = f"{bundle.NAME}.zip"
SBOM_NAME = f"{bundle.NAME}.cdx.json"


@pytest.fixture(scope="module")
def built(session_build, bundle):
    project, output = session_build
    return SimpleNamespace(project=project, dist=project / "dist", unpacked=bundle, output=output)


# --- reading the packages back ----------------------------------------------

def iso_tree(image: Path, kind: str) -> dict[str, bytes | None]:
    """Every folder (None) and file (its bytes) of the image, by the names of
    one of its name systems: kind is "joliet_path" (Windows) or "rr_path"
    (Rock Ridge: Linux, macOS)."""
    iso = pycdlib.PyCdlib()
    iso.open(str(image))
    try:
        tree: dict[str, bytes | None] = {}
        for folder, dirs, files in iso.walk(**{kind: "/"}):
            for name in dirs:
                tree[posixpath.join(folder, name).lstrip("/")] = None
            for name in files:
                path = posixpath.join(folder, name)
                data = io.BytesIO()
                iso.get_file_from_iso_fp(data, **{kind: path})
                tree[path.lstrip("/")] = data.getvalue()
        return tree
    finally:
        iso.close()


def zip_tree(archive: Path) -> dict[str, bytes | None]:
    with zipfile.ZipFile(archive) as zf:
        return {info.filename.rstrip("/"): None if info.is_dir() else zf.read(info)
                for info in zf.infolist()}


def test_make_site_prints_the_bundle_size(built):
    line = next(line for line in built.output.splitlines() if line.startswith("Offline bundle:"))
    assert re.search(rf"{ISO_NAME} \d+\.\d MB, {ZIP_NAME} \d+\.\d MB; \d+ files", line), line


def test_dist_holds_the_image_the_zip_the_sbom_the_zim_files_the_pdfs_and_their_checksums(built):
    zims = sorted(p.name for p in built.dist.glob("*.zim"))  # one per language (tests/test_zim.py)
    assert len(zims) == 2
    pdfs = sorted(p.name for p in built.dist.glob("*.pdf"))  # pack and form per language (tests/test_pdf.py)
    assert len(pdfs) == 4
    assert sorted(p.name for p in built.dist.iterdir()) == sorted([ISO_NAME, ZIP_NAME, SBOM_NAME, "SHA256SUMS",
                                                                   *zims, *pdfs])
    sums = (built.dist / "SHA256SUMS").read_text(encoding="ascii").splitlines()
    assert sorted(line.split("  ")[1] for line in sums) == sorted([ISO_NAME, ZIP_NAME, SBOM_NAME, *zims, *pdfs])
    for line in sums:
        digest, name = line.split("  ")
        assert hashlib.sha256((built.dist / name).read_bytes()).hexdigest() == digest, name
    assert not (built.project / "dist.new").exists()


def test_image_is_iso9660_with_a_label_joliet_and_rock_ridge(built):
    image = built.dist / ISO_NAME
    with open(image, "rb") as f:
        f.seek(16 * 2048)
        assert f.read(6)[1:6] == b"CD001"
    iso = pycdlib.PyCdlib()
    iso.open(str(image))
    try:
        assert iso.pvd.volume_identifier.decode("ascii").strip() == bundle.VOLUME_LABEL
        assert iso.has_joliet() and iso.has_rock_ridge()
        joliet_label = iso.joliet_vd.volume_identifier.decode("utf-16-be").strip()
        assert joliet_label == bundle.VOLUME_LABEL
    finally:
        iso.close()


@pytest.mark.parametrize("kind", ["joliet_path", "rr_path"])
def test_image_holds_exactly_the_zips_tree(built, kind):
    # Names, folders and contents alike: a name cut short by Joliet's 64
    # characters, or mangled, would show here as a difference.
    from_zip = zip_tree(built.dist / ZIP_NAME)
    from_iso = iso_tree(built.dist / ISO_NAME, kind)
    assert sorted(from_iso) == sorted(from_zip)
    assert from_iso == from_zip
    assert all(len(name) <= bundle.JOLIET_MAX for path in from_iso for name in path.split("/"))


def test_zip_lists_its_entries_in_a_fixed_order(built):
    names = list(zip_tree(built.dist / ZIP_NAME))
    assert names == sorted(names, key=lambda name: name.split("/"))  # by path, folder by folder


# --- the bundle's root --------------------------------------------------------

def test_root_has_the_start_page_readme_autorun_and_documents(built):
    root = built.unpacked
    home = BeautifulSoup((root / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert home.html["lang"] == "en"  # the start file is the (English) home page
    assert home.select_one("link[rel=stylesheet]") is not None
    assert (root / "ru" / "index.html").is_file()
    assert [p.name for p in root.glob("*.txt")] == ["README.txt"]
    assert [p.name for p in root.glob("*.inf")] == ["autorun.inf"]
    autorun = (root / "autorun.inf").read_text(encoding="ascii").splitlines()
    assert autorun[0] == "[autorun]"
    assert "shellexecute=index.html" in autorun
    assert any(line.startswith("label=") for line in autorun)
    assert (root / "documents").is_dir()
    assert not (root / "404.html").exists(), "a page that needs a web server and links to /"
    assert not (root / "assets" / "javascripts" / "not-found.js").exists(), "the 404 page's script"


def test_readme_says_how_to_open_it_in_english_and_russian(built):
    text = (built.unpacked / "README.txt").read_bytes().decode("utf-8-sig")
    assert "index.html" in text
    assert "Double-click the file index.html" in text and "Дважды щёлкните файл index.html" in text
    assert "откройте её" not in text  # «Чтобы открыть её, откройте…» said the verb twice
    assert "\r\n" in text
    assert len(text.splitlines()) < 40


def test_bundle_and_site_carry_exactly_the_documents_resources_name(built):
    """The files of data/documents/ that resources name, and nothing else: not its README, not the
    hidden files editors' tools leave there; beside them, the printed packs the build makes."""
    named = {item["file"] for resource in data("resources", built.project) for item in resource.get("files", [])
             if "file" in item}
    packs = {name.format(lang=lang) for name in (print_pack.PACK, print_pack.TOOL) for lang in ("en", "ru")}
    assert set(SAMPLE_DOCUMENTS) <= named
    for root in (built.unpacked, built.project / "site"):
        folder = root / "documents"
        assert {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()} == named | packs, root
        for name, content in SAMPLE_DOCUMENTS.items():
            assert (folder / name).read_bytes() == content


# --- every page -------------------------------------------------------------

def test_every_page_has_styles_scripts_and_the_local_worker_shim(built):
    for page in sorted(built.unpacked.rglob("*.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        stylesheets = [link["href"] for link in soup.select("link[rel=stylesheet]")]
        scripts = [s["src"] for s in soup.select("script[src]")]
        name = page.relative_to(built.unpacked)
        assert any("assets/stylesheets/main." in href for href in stylesheets), name
        assert any(href.endswith("assets/stylesheets/site.css") for href in stylesheets), name
        assert any("assets/javascripts/bundle." in src for src in scripts), name
        assert any(src.endswith("assets/javascripts/iframe-worker/shim.js") for src in scripts), name


def test_shim_ships_with_its_licence(built):
    folder = built.unpacked / "assets" / "javascripts" / "iframe-worker"
    assert (folder / "shim.js").read_bytes() == (PROJECT / "overrides" / "assets" / "javascripts"
                                                 / "iframe-worker" / "shim.js").read_bytes()
    assert "MIT" in (folder / "SOURCE.txt").read_text(encoding="utf-8")
    assert "Permission is hereby granted" in (folder / "LICENSE.txt").read_text(encoding="utf-8")


def test_each_language_has_its_own_inlined_search_index_of_all_its_pages(built):
    root = built.unpacked
    for folder, others in (("", ("ru",)), ("ru/", ())):
        script = (root / folder / "search" / "search_index.js").read_text(encoding="utf-8")
        assert script.startswith("var __index = ")
        locations = {doc["location"].split("#")[0] for doc in json.loads(script[len("var __index = "):])["docs"]}
        pages = {p.relative_to(root / folder).as_posix() for p in (root / folder).rglob("*.html")}
        assert locations == {p for p in pages if p.split("/")[0] not in others}


def test_the_web_site_stays_an_online_build(built):
    site = built.project / "site"
    assert not (site / "search" / "search_index.js").exists()
    assert (site / "404.html").exists()


# --- failures -----------------------------------------------------------------

def test_names_too_long_for_joliet_are_refused_with_their_path():
    entries = [bundle.PurePosixPath("documents"), bundle.PurePosixPath("documents/" + "x" * 61 + ".pdf")]
    with pytest.raises(bundle.BundleError, match=r"documents/x{61}\.pdf"):
        bundle.check_names(entries)
    bundle.check_names([bundle.PurePosixPath("a" * 60 + ".pdf")])  # 64: fine


def test_a_failed_bundle_leaves_the_last_good_site_and_dist(built, tmp_path):
    project = copy_project(tmp_path / "project")
    shutil.copytree(built.dist, project / "dist")
    shutil.copytree(built.project / "site", project / "site")
    before = fingerprint(project / "site"), fingerprint(project / "dist")
    # Valid content (the data's own limits keep file names short): a page with a long name,
    # in both languages, off the navigation. Only the bundle can refuse it.
    long_name = "a-page-whose-name-is-far-too-long-for-a-cd-" + "x" * 20
    for lang in ("en", "ru"):
        (project / "docs" / lang / f"{long_name}.md").write_text("# Long\n", encoding="utf-8")
    config = project / "mkdocs.yml"
    off_nav = config.read_text(encoding="utf-8").replace("not_in_nav: |\n", "not_in_nav: |\n  /*/a-page-*.md\n")
    config.write_text(off_nav, encoding="utf-8")
    result = run_build(project)
    assert result.returncode == 1
    assert f"longer than {bundle.JOLIET_MAX} characters" in result.stderr and long_name in result.stderr, result.stderr
    assert (fingerprint(project / "site"), fingerprint(project / "dist")) == before
    assert not (project / "dist.new").exists() and not (project / "site.new").exists()


# --- reproducible -------------------------------------------------------------

def bundle_epoch(dist: Path) -> int:
    """The date a build gave its bundle, as the SBOM records it."""
    stamp = json.loads((dist / SBOM_NAME).read_text(encoding="utf-8"))["metadata"]["timestamp"]
    return int(dt.datetime.fromisoformat(stamp).timestamp())


def test_the_same_sources_and_epoch_give_the_same_bundle_byte_for_byte(built, tmp_path):
    """Anyone can rebuild a release and check a disc against its SHA256SUMS: a
    second build of the session's sources, in another folder, later, in
    another time zone, from files with other dates and modes, with
    SOURCE_DATE_EPOCH set to the day the session's build (which had none) used."""
    epoch = bundle_epoch(built.dist)
    assert epoch % 86400 == 0, "without SOURCE_DATE_EPOCH a bundle is dated at the start of its day"
    project = copy_project(tmp_path / "elsewhere" / "again", origin=built.project)
    for path in project.rglob("*"):
        os.utime(path, (1_000_000_000, 1_000_000_000))
    os.chmod(project / "data" / "documents" / "sample-report.pdf", 0o600)
    checked_build(project, env={"SOURCE_DATE_EPOCH": str(epoch), "TZ": "Asia/Tokyo"})
    first = {p.name: p.read_bytes() for p in built.dist.iterdir()}
    second = {p.name: p.read_bytes() for p in (project / "dist").iterdir()}
    assert sorted(second) == sorted(first)
    # Except the ZIM files, whose header and full-text index libzim fills with random UUIDs
    # (README, "Kiwix"): they, and their lines in SHA256SUMS, differ.
    assert [name for name in sorted(first) if first[name] != second[name] and not name.endswith(".zim")] \
        == ["SHA256SUMS"]
    differing = set(first["SHA256SUMS"].splitlines()) ^ set(second["SHA256SUMS"].splitlines())
    assert differing and all(line.endswith(b".zim") for line in differing)


def test_every_date_in_the_packages_is_the_builds_epoch(built):
    epoch = bundle_epoch(built.dist)
    with zipfile.ZipFile(built.dist / ZIP_NAME) as zf:
        infos = zf.infolist()
    assert {info.date_time for info in infos} == {time.gmtime(epoch)[:6]}
    assert {info.external_attr >> 16 for info in infos} == {0o100644, 0o40755}
    iso = pycdlib.PyCdlib()
    iso.open(str(built.dist / ISO_NAME))
    try:
        day = time.gmtime(epoch)
        for date in (iso.pvd.volume_creation_date, iso.pvd.volume_modification_date,
                     iso.joliet_vd.volume_creation_date):
            assert (date.year, date.month, date.dayofmonth, date.hour, date.gmtoffset) == \
                (day.tm_year, day.tm_mon, day.tm_mday, 0, 0)
        records = [iso.get_record(iso_path="/INDEX.HTML;1"), iso.get_record(joliet_path="/index.html")]
        for record in records:
            assert (record.date.years_since_1900 + 1900, record.date.month, record.date.day_of_month,
                    record.date.hour, record.date.gmtoffset) == (day.tm_year, day.tm_mon, day.tm_mday, 0, 0)
    finally:
        iso.close()
