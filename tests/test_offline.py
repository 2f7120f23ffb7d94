"""The offline bundle in dist/: the ISO image, the zip, their checksums and the
tree they hold, read back and crawled. (tests/test_offline_browser.py opens
it in a browser.)"""
from __future__ import annotations

import hashlib
import io
import os
import posixpath
import re
import shutil
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pycdlib
import pytest
from bs4 import BeautifulSoup

sys.path.insert(0, str(Path(__file__).resolve().parent))  # whatever pytest's import mode
from offline_fixtures import (ISO_NAME, PROJECT, SAMPLE_DOCUMENTS, ZIP_NAME,  # noqa: E402
                              built_bundle, copy_project, run_build)

sys.path.insert(0, str(PROJECT / "scripts"))
import bundle  # noqa: E402


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return built_bundle(tmp_path_factory.getbasetemp() / "offline")


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
    import zipfile
    with zipfile.ZipFile(archive) as zf:
        return {info.filename.rstrip("/"): None if info.is_dir() else zf.read(info)
                for info in zf.infolist()}


def test_make_site_prints_the_bundle_size(built):
    line = next(line for line in built.output.splitlines() if line.startswith("Offline bundle:"))
    assert re.search(rf"{ISO_NAME} \d+\.\d MB, {ZIP_NAME} \d+\.\d MB; \d+ files", line), line


def test_dist_holds_the_image_the_zip_and_their_checksums(built):
    assert sorted(p.name for p in built.dist.iterdir()) == sorted([ISO_NAME, ZIP_NAME, "SHA256SUMS"])
    sums = (built.dist / "SHA256SUMS").read_text(encoding="ascii").splitlines()
    assert len(sums) == 2
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
    assert names == sorted(names)


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


def test_readme_says_how_to_open_it_in_english_and_russian(built):
    text = (built.unpacked / "README.txt").read_bytes().decode("utf-8-sig")
    assert "index.html" in text
    assert "To open it" in text and "Чтобы открыть" in text
    assert "\r\n" in text
    assert len(text.splitlines()) < 40


def test_bundle_carries_the_downloadable_documents(built):
    for name, content in SAMPLE_DOCUMENTS.items():
        assert (built.unpacked / "documents" / name).read_bytes() == content
    assert not (built.unpacked / "documents" / "README.md").exists()
    # The web site offers them at the same address.
    for name, content in SAMPLE_DOCUMENTS.items():
        assert (built.project / "site" / "documents" / name).read_bytes() == content


# --- crawling every page ------------------------------------------------------

# Elements whose address the browser loads by itself (as opposed to links the
# reader may follow), and the kinds of <link> that load.
LOADING = {"script", "img", "iframe", "source", "video", "audio", "embed", "object", "track",
           "input", "link"}
LOADING_LINKS = {"stylesheet", "icon", "preload", "modulepreload", "prefetch", "preconnect",
                 "dns-prefetch", "manifest", "apple-touch-icon"}
ATTRIBUTES = ("href", "src", "srcset", "poster", "data", "action")


def references(page: Path):
    """(tag, attribute, address) of every address in an HTML page."""
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    for tag in soup.find_all(True):
        for attr in ATTRIBUTES:
            value = tag.get(attr)
            if not value:
                continue
            values = [v.strip().split(" ")[0] for v in value.split(",")] if attr == "srcset" else [value]
            for v in values:
                yield tag, attr, v
        for url in re.findall(r"url\(([^)]*)\)", tag.get("style", "")):
            yield tag, "style", url.strip("'\"")


def exists_with_exact_case(root: Path, rel: str) -> bool:
    """True if rel names a file inside root, each part spelled as on disk
    (a CD or a Windows disk forgives case; a Linux disk and a zip do not)."""
    here = root
    for part in rel.split("/"):
        if part in ("", "."):
            continue
        if part == ".." or not here.is_dir() or part not in os.listdir(here):
            return False
        here = here / part
    return here.is_file()


ANCHOR_IDS: dict[Path, set[str]] = {}


def anchors_of(page: Path) -> set[str]:
    if page not in ANCHOR_IDS:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        ANCHOR_IDS[page] = {t["id"] for t in soup.find_all(id=True)} | {
            t["name"] for t in soup.find_all("a", attrs={"name": True})}
    return ANCHOR_IDS[page]


def problems_of(root: Path, page: Path) -> list[str]:
    problems = []
    for tag, attr, address in references(page):
        where = f"{page.relative_to(root)}: <{tag.name} {attr}={address!r}>"
        parts = urlsplit(address)
        if parts.scheme in ("data", "mailto", "tel"):
            continue
        if parts.scheme or address.startswith("//"):
            if tag.name in LOADING and (tag.name != "link" or set(tag.get("rel", [])) & LOADING_LINKS):
                problems.append(f"{where} loads from the network")
            continue
        if address.startswith("/"):
            problems.append(f"{where} points to the filesystem root")
            continue
        if not parts.path:  # "#id" on the same page
            target = page
        else:
            rel = posixpath.normpath(posixpath.join(page.parent.relative_to(root).as_posix(),
                                                    unquote(parts.path)))
            if rel.startswith("..") or not exists_with_exact_case(root, rel):
                problems.append(f"{where} does not resolve to a file inside the bundle")
                continue
            target = root / rel
        if parts.fragment and target.suffix == ".html" and unquote(parts.fragment) not in anchors_of(target):
            problems.append(f"{where}: no such anchor")
    return problems


def test_every_local_reference_of_every_page_resolves_inside_the_bundle(built):
    pages = sorted(built.unpacked.rglob("*.html"))
    assert len(pages) > 20
    problems = [p for page in pages for p in problems_of(built.unpacked, page)]
    assert problems == []


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


def test_no_page_or_stylesheet_asks_a_third_party(built):
    texts = [p.read_text(encoding="utf-8") for p in built.unpacked.rglob("*.html")]
    for text in texts:
        assert "unpkg.com" not in text and "fonts.googleapis.com" not in text
        assert "fonts.gstatic.com" not in text
    for css in built.unpacked.rglob("*.css"):
        for url in re.findall(r"url\(([^)]*)\)", css.read_text(encoding="utf-8")):
            url = url.strip("'\"")
            assert url.startswith("data:") or not urlsplit(url).scheme, f"{css.name}: {url}"


def test_shim_ships_with_its_licence(built):
    folder = built.unpacked / "assets" / "javascripts" / "iframe-worker"
    assert (folder / "shim.js").read_bytes() == (PROJECT / "overrides" / "assets" / "javascripts"
                                                 / "iframe-worker" / "shim.js").read_bytes()
    assert "MIT" in (folder / "SOURCE.txt").read_text(encoding="utf-8")
    assert "Permission is hereby granted" in (folder / "LICENSE.txt").read_text(encoding="utf-8")


def test_search_index_is_inlined_and_filtered_by_the_pages_language(built):
    script = (built.unpacked / "search" / "search_index.js").read_text(encoding="utf-8")
    assert script.count("var __index") == 1
    assert "document.documentElement.lang" in script
    assert '"location":"ru/' in script.replace(" ", "") and '"location":"index.html"' in script.replace(" ", "")


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
    before = {p.name: p.read_bytes() for p in (project / "dist").iterdir()}
    long_name = "a-document-whose-name-is-far-too-long-" + "x" * 30 + ".pdf"
    (project / "documents" / long_name).write_bytes(b"x")
    result = run_build(project)
    assert result.returncode == 1
    assert long_name in result.stderr
    assert {p.name: p.read_bytes() for p in (project / "dist").iterdir()} == before
    assert not (project / "site" / "documents" / long_name).exists()
    assert not (project / "dist.new").exists() and not (project / "site.new").exists()
