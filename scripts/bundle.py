"""The offline bundle: the site built for file://, packed to burn or to unzip.

scripts/build.py builds the site a second time with OFFLINE=true (Material's
offline plugin, see mkdocs.yml) into a scratch folder, then calls
make_bundle(), which turns that tree into the bundle and writes into the
output folder:

    cbss-children-offline.iso       ISO 9660 + Joliet (Windows) + Rock Ridge (Linux, macOS)
    cbss-children-offline.zip       the same tree
    cbss-children-offline.cdx.json  the software bill of materials: the Python
                                    packages that built it (CycloneDX, from
                                    requirements.txt, with their hashes)
    SHA256SUMS                      for all three and the printed resource packs
                                    (`sha256sum -c SHA256SUMS`)

The same commit built with the same SOURCE_DATE_EPOCH gives the same bytes,
whatever the folder and the time of the build: every date in the packages is
that epoch (without it, the start of the day of the build, in UTC), and no
file's own date, mode or path is packed.

The bundle's root is the site itself, so its index.html, the start file, is
the home page, and every address is the same as online; beside it are
README.txt (how to open it, in English and Russian), autorun.inf (Windows
offers to open index.html when the CD is inserted) and documents/, the
site's downloadable documents.

The internal edition for the National Contact Points (scripts/build.py
--internal, edition=INTERNAL) is packed the same way under its own name and
volume label, with README.txt opening on its notice, into its own folder with
its own SHA256SUMS; it has no ZIM files (they are for public Kiwix libraries).
"""
from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import shutil
import subprocess
import sys
import time
import zipfile
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from unittest import mock

from mkdocs.config import load_config

from zim import make_zims

NAME = "cbss-children-offline"
# What a drive shows as the disc's name. ISO 9660 allows 32 capital letters,
# digits and _; Joliet (what Windows shows) allows 16 characters.
VOLUME_LABEL = "CBSS_CHILDREN"
# Windows' AutoPlay shows this longer label and offers to open the start page.
AUTORUN_LABEL = "CBSS: Unaccompanied and Trafficked Children"
# Joliet, which Windows reads, cuts names at 64 characters: refuse longer ones
# rather than ship a disc on which Windows shows mangled names.
JOLIET_MAX = 64
# Useless without a web server (404.html also points to /, the filesystem root
# under file://, and so its script); the sitemap is written without site_url and unused offline.
DROPPED = ("404.html", "assets/javascripts/not-found.js", "sitemap.xml", "sitemap.xml.gz")
# The documents that public resources name, copied there by the build (hooks.py).
DOCUMENTS = "documents"
# The build's pinned Python dependencies, with their hashes: what the SBOM lists.
REQUIREMENTS = "requirements.txt"
# The earliest date a zip entry can carry (MS-DOS dates start in 1980).
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class Edition:
    """What tells one bundle from another: its files' names, its disc's labels, its ZIM files,
    and the label of data/labels.yml that README.txt opens with (None: nothing)."""

    name: str
    volume: str
    autorun: str
    zim: bool = True
    notice: str | None = None


PUBLIC = Edition(NAME, VOLUME_LABEL, AUTORUN_LABEL)
# For the National Contact Points only: never deployed, never a ZIM for public libraries.
INTERNAL = Edition("cbss-children-internal", "CBSS_INTERNAL", AUTORUN_LABEL + " (internal)", zim=False,
                   notice="internal_edition")


class BundleError(Exception):
    """The bundle cannot be made; the message says why and what to change."""


# --- the tree ---------------------------------------------------------------

def site_names(config_file: Path) -> dict[str, str]:
    """The site's name in each language, as mkdocs.yml gives it, default language first."""
    config = load_config(str(config_file))
    languages = sorted(config.plugins["i18n"].config.languages, key=lambda lang: not lang.default)
    return {lang.locale: lang.site_name or config.site_name for lang in languages}


def readme_text(names: dict[str, str], notice: str | None = None) -> str:
    """README.txt: how to open the bundle, in every language, default language first, after the
    edition's notice if it has one. The words are the labels offline_readme and notice of
    data/labels.yml (one home for interface words)."""
    from sitedata.yaml_reader import load_yaml  # the project's one YAML reader

    root = Path(__file__).resolve().parent.parent
    labels = load_yaml(root / "data" / "labels.yml", root).data
    words = labels["offline_readme"]
    head = "".join(f"{labels[notice][lang]}\n" for lang in names) + "\n" if notice else ""
    return head + "\n".join(words[lang].replace("{name}", name).replace("{documents}", DOCUMENTS)
                            for lang, name in names.items())


def write_root_files(tree: Path, names: dict[str, str], edition: Edition = PUBLIC) -> None:
    # CRLF and a byte-order mark: old Windows Notepad shows the Russian text
    # and the lines correctly only so; other readers ignore both.
    readme = readme_text(names, edition.notice).replace("\n", "\r\n")
    (tree / "README.txt").write_bytes("\ufeff".encode() + readme.encode("utf-8"))
    # AutoPlay on a CD offers to open the start page with the default browser.
    # (Windows ignores autorun.inf on USB sticks since 2009: README.txt covers it.)
    autorun = ("[autorun]\r\nshellexecute=index.html\r\n"
               "action=Open the site (index.html)\r\n"
               f"label={edition.autorun}\r\n")
    (tree / "autorun.inf").write_bytes(autorun.encode("ascii"))


def bundle_entries(tree: Path) -> list[PurePosixPath]:
    """Every folder and file of the tree, relative, in a fixed (sorted) order."""
    return sorted(PurePosixPath(p.relative_to(tree).as_posix()) for p in tree.rglob("*"))


def check_names(entries: list[PurePosixPath]) -> None:
    too_long = [str(e) for e in entries if len(e.name) > JOLIET_MAX]
    if too_long:
        raise BundleError(f"These names are longer than {JOLIET_MAX} characters, the most a CD "
                          "(Joliet) keeps for Windows; shorten them:\n  " + "\n  ".join(too_long))


def prepare_tree(root: Path, tree: Path, edition: Edition = PUBLIC) -> None:
    """Turn a built offline site into the bundle's tree, in place."""
    for name in DROPPED:
        (tree / name).unlink(missing_ok=True)
    names = site_names(root / "mkdocs.yml")
    write_root_files(tree, names, edition)
    check_names(bundle_entries(tree))


# --- the packages -----------------------------------------------------------

def bundle_time() -> int:
    """The date every entry of the packages carries, in seconds since 1970:
    SOURCE_DATE_EPOCH when set (reproducible builds), else the start of the
    day (UTC), so that two builds of the same day agree."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return int(epoch)
    today = dt.datetime.now(dt.timezone.utc).date()
    return int(dt.datetime(today.year, today.month, today.day, tzinfo=dt.timezone.utc).timestamp())


def write_zip(tree: Path, target: Path, seconds: int) -> None:
    # Sorted entries, folders included, and fixed dates and modes: the same tree
    # gives the same bytes. The files' own dates (the build copies them with
    # theirs) and modes would differ from one checkout to the next.
    date_time = max(ZIP_EPOCH, time.gmtime(seconds)[:6])
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for entry in bundle_entries(tree):
            path = tree / entry
            is_dir = path.is_dir()
            info = zipfile.ZipInfo(f"{entry}/" if is_dir else str(entry), date_time)
            info.create_system = 3  # Unix, whatever system builds it: the modes below are Unix modes
            if is_dir:
                info.external_attr = (0o40755 << 16) | 0x10  # 0x10: MS-DOS's folder flag
                zf.writestr(info, b"")
            else:
                info.external_attr = 0o100644 << 16
                info.compress_type = zipfile.ZIP_DEFLATED
                with open(path, "rb") as src, zf.open(info, "w") as dst:
                    shutil.copyfileobj(src, dst)


def iso9660_name(name: str, is_dir: bool, taken: set[str]) -> str:
    """A plain ISO 9660 (level 3) name for readers that know neither Joliet nor
    Rock Ridge: capitals, digits and _, unique in its folder. Windows, Linux
    and macOS show the real names from Joliet and Rock Ridge instead."""
    stem, ext = (name, "") if is_dir or "." not in name[1:] else name.rsplit(".", 1)
    clean = lambda s: re.sub(r"[^A-Z0-9_]", "_", s.upper())  # noqa: E731
    stem, ext = clean(stem)[:24] or "_", clean(ext)[:4]
    candidate, n = stem, 1
    while (candidate + "." + ext if ext else candidate) in taken:
        n += 1
        candidate = f"{stem[:24 - len(str(n)) - 1]}_{n}"
    full = candidate + "." + ext if ext else candidate
    taken.add(full)
    return full if is_dir else full + ";1"


class _FixedClock:
    """The time module as pycdlib sees it while it makes the image: always
    `seconds`, in UTC. pycdlib dates the volume and every folder and file (ISO
    9660, Joliet and Rock Ridge records) with time.time() and time.localtime()
    and takes no date of its own, so two builds would differ by their clock
    and time zone."""

    def __init__(self, seconds: int):
        self.seconds = seconds

    def time(self) -> float:
        return float(self.seconds)

    def localtime(self, seconds: float | None = None) -> time.struct_time:
        return time.gmtime(self.seconds if seconds is None else seconds)

    def __getattr__(self, name: str):
        return getattr(time, name)


def write_iso(tree: Path, target: Path, seconds: int, volume: str = VOLUME_LABEL) -> None:
    """Raises BundleError if pycdlib refuses."""
    import pycdlib  # here, not at the top: a build of the web site alone does not need it

    with ExitStack() as stack:
        for module in ("pycdlib", "headervd", "dates"):
            stack.enter_context(mock.patch(f"pycdlib.{module}.time", _FixedClock(seconds)))
        iso = pycdlib.PyCdlib()
        iso.new(interchange_level=3, vol_ident=volume, joliet=3, rock_ridge="1.09",
                app_ident_str="scripts/bundle.py (pycdlib)")
        iso_paths = {PurePosixPath("."): ""}
        taken: dict[PurePosixPath, set[str]] = {}
        try:
            for entry in bundle_entries(tree):  # sorted: a folder comes before its contents
                path = tree / entry
                name = iso9660_name(entry.name, path.is_dir(), taken.setdefault(entry.parent, set()))
                iso_path = f"{iso_paths[entry.parent]}/{name}"
                if path.is_dir():
                    iso_paths[entry] = iso_path
                    iso.add_directory(iso_path, rr_name=entry.name, joliet_path=f"/{entry}")
                else:
                    iso.add_file(str(path), iso_path, rr_name=entry.name, joliet_path=f"/{entry}")
            iso.write(str(target))
        except pycdlib.pycdlibexception.PyCdlibException as err:
            raise BundleError(f"pycdlib refused to make the ISO image: {err}") from None
        finally:
            iso.close()


def write_sbom(requirements: Path, target: Path, seconds: int) -> None:
    """The CycloneDX SBOM of the packages pinned in requirements: names,
    versions and the hashes pip checks. Made from the file, not from what is
    installed, so it is the same wherever it is built; cyclonedx-py's
    reproducible mode leaves out the serial number and dates it `seconds`.
    (It is not validated here, which would take 3 s at every build: the
    tests validate it against the CycloneDX schema.)"""
    if not requirements.is_file():
        raise BundleError(f"{requirements} is missing: the bill of materials lists its packages.")
    command = [sys.executable, "-m", "cyclonedx_py", "requirements", "--output-reproducible",
               "--no-validate", "--of", "JSON", "-o", str(target), str(requirements)]
    result = subprocess.run(command, capture_output=True, text=True,
                            env={**os.environ, "SOURCE_DATE_EPOCH": str(seconds)})
    if result.returncode != 0:
        raise BundleError(f"cyclonedx-py could not write the bill of materials from {requirements}:\n"
                          + (result.stderr or result.stdout).strip())


def write_sums(out: Path, names: list[str]) -> None:
    lines = []
    for name in names:
        digest = hashlib.sha256()
        with open(out / name, "rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                digest.update(block)
        lines.append(f"{digest.hexdigest()}  {name}\n")  # the format of `sha256sum -c`
    (out / "SHA256SUMS").write_text("".join(lines), encoding="ascii")


def megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


def make_bundle(root: Path, tree: Path, out: Path, extra: list[str] = (), edition: Edition = PUBLIC) -> str:
    """Make the bundle from the offline build in tree; write it into out.

    extra: names of further files already in out that SHA256SUMS covers too
    (the printed resource packs). edition: PUBLIC, or INTERNAL (build.py --internal).
    Returns a one-line summary with the sizes. Raises BundleError.
    """
    prepare_tree(root, tree, edition)
    out.mkdir(parents=True, exist_ok=True)
    iso, archive, sbom = (f"{edition.name}{suffix}" for suffix in (".iso", ".zip", ".cdx.json"))
    seconds = bundle_time()
    write_iso(tree, out / iso, seconds, edition.volume)
    write_zip(tree, out / archive, seconds)
    write_sbom(root / REQUIREMENTS, out / sbom, seconds)
    zims = [z.name for z in make_zims(tree, out, os.environ.get("SITE_URL"))] if edition.zim else []
    write_sums(out, [iso, archive, sbom, *zims, *extra])
    files = [p for p in tree.rglob("*") if p.is_file()]
    unpacked = sum(p.stat().st_size for p in files)
    return (f"{iso} {megabytes((out / iso).stat().st_size)}, {archive} "
            f"{megabytes((out / archive).stat().st_size)}; {len(files)} files, "
            f"{megabytes(unpacked)} unpacked" + "".join(f"; {z} {megabytes((out / z).stat().st_size)}" for z in zims))
