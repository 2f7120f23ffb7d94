"""The offline bundle: the site built for file://, packed to burn or to unzip.

scripts/build.py builds the site a second time with OFFLINE=true (Material's
offline plugin, see mkdocs.yml) into a scratch folder, then calls
make_bundle(), which turns that tree into the bundle and writes into the
output folder:

    cbss-children-offline.iso   ISO 9660 + Joliet (Windows) + Rock Ridge (Linux, macOS)
    cbss-children-offline.zip   the same tree
    SHA256SUMS                  for both (`sha256sum -c SHA256SUMS`)

The bundle's root is the site itself, so its index.html, the start file, is
the home page, and every address is the same as online; beside it are
README.txt (how to open it, in English and Russian), autorun.inf (Windows
offers to open index.html when the CD is inserted) and documents/, the
site's downloadable documents.
"""
from __future__ import annotations

import hashlib
import re
import shutil
import zipfile
from pathlib import Path, PurePosixPath

from mkdocs.config import load_config

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
# under file://); the sitemap is written without site_url and unused offline.
DROPPED = ("404.html", "sitemap.xml", "sitemap.xml.gz")
# The documents that public resources name, copied there by the build (hooks.py).
DOCUMENTS = "documents"


class BundleError(Exception):
    """The bundle cannot be made; the message says why and what to change."""


# --- the tree ---------------------------------------------------------------

def site_names(config_file: Path) -> dict[str, str]:
    """The site's name in each language, as mkdocs.yml gives it, default language first."""
    config = load_config(str(config_file))
    languages = sorted(config.plugins["i18n"].config.languages, key=lambda lang: not lang.default)
    return {lang.locale: lang.site_name or config.site_name for lang in languages}


def readme_text(names: dict[str, str]) -> str:
    """README.txt: how to open the bundle, in every language, default language first.
    The words are the label offline_readme of data/labels.yml (one home for interface words)."""
    from sitedata.yaml_reader import load_yaml  # the project's one YAML reader

    root = Path(__file__).resolve().parent.parent
    words = load_yaml(root / "data" / "labels.yml", root).data["offline_readme"]
    return "\n".join(words[lang].replace("{name}", name).replace("{documents}", DOCUMENTS)
                     for lang, name in names.items())


def write_root_files(tree: Path, names: dict[str, str]) -> None:
    # CRLF and a byte-order mark: old Windows Notepad shows the Russian text
    # and the lines correctly only so; other readers ignore both.
    readme = readme_text(names).replace("\n", "\r\n")
    (tree / "README.txt").write_bytes("\ufeff".encode() + readme.encode("utf-8"))
    # AutoPlay on a CD offers to open the start page with the default browser.
    # (Windows ignores autorun.inf on USB sticks since 2009: README.txt covers it.)
    autorun = ("[autorun]\r\nshellexecute=index.html\r\n"
               "action=Open the site (index.html)\r\n"
               f"label={AUTORUN_LABEL}\r\n")
    (tree / "autorun.inf").write_bytes(autorun.encode("ascii"))


def bundle_entries(tree: Path) -> list[PurePosixPath]:
    """Every folder and file of the tree, relative, in a fixed (sorted) order."""
    return sorted(PurePosixPath(p.relative_to(tree).as_posix()) for p in tree.rglob("*"))


def check_names(entries: list[PurePosixPath]) -> None:
    too_long = [str(e) for e in entries if len(e.name) > JOLIET_MAX]
    if too_long:
        raise BundleError(f"These names are longer than {JOLIET_MAX} characters, the most a CD "
                          "(Joliet) keeps for Windows; shorten them:\n  " + "\n  ".join(too_long))


def prepare_tree(root: Path, tree: Path) -> None:
    """Turn a built offline site into the bundle's tree, in place."""
    for name in DROPPED:
        (tree / name).unlink(missing_ok=True)
    names = site_names(root / "mkdocs.yml")
    write_root_files(tree, names)
    check_names(bundle_entries(tree))


# --- the packages -----------------------------------------------------------

def write_zip(tree: Path, target: Path) -> None:
    # Sorted entries, folders included: the same tree gives the same listing.
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for entry in bundle_entries(tree):
            path = tree / entry
            info = zipfile.ZipInfo.from_file(path, str(entry))
            if path.is_dir():
                zf.writestr(info, b"")
            else:
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


def write_iso(tree: Path, target: Path) -> None:
    """Raises BundleError if pycdlib refuses."""
    import pycdlib  # here, not at the top: a build of the web site alone does not need it

    iso = pycdlib.PyCdlib()
    iso.new(interchange_level=3, vol_ident=VOLUME_LABEL, joliet=3, rock_ridge="1.09",
            app_ident_str="scripts/bundle.py (pycdlib)")
    iso_paths = {PurePosixPath("."): ""}
    taken: dict[PurePosixPath, set[str]] = {}
    files = []
    try:
        for entry in bundle_entries(tree):  # sorted: a folder comes before its contents
            path = tree / entry
            name = iso9660_name(entry.name, path.is_dir(), taken.setdefault(entry.parent, set()))
            iso_path = f"{iso_paths[entry.parent]}/{name}"
            if path.is_dir():
                iso_paths[entry] = iso_path
                iso.add_directory(iso_path, rr_name=entry.name, joliet_path=f"/{entry}")
            else:
                fp = open(path, "rb")
                files.append(fp)
                iso.add_fp(fp, path.stat().st_size, iso_path, rr_name=entry.name, joliet_path=f"/{entry}")
        iso.write(str(target))
    except pycdlib.pycdlibexception.PyCdlibException as err:
        raise BundleError(f"pycdlib refused to make the ISO image: {err}") from None
    finally:
        iso.close()
        for fp in files:
            fp.close()


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


def make_bundle(root: Path, tree: Path, out: Path) -> str:
    """Make the bundle from the offline build in tree; write it into out.

    Returns a one-line summary with the sizes. Raises BundleError.
    """
    prepare_tree(root, tree)
    out.mkdir(parents=True, exist_ok=True)
    iso, archive = f"{NAME}.iso", f"{NAME}.zip"
    write_iso(tree, out / iso)
    write_zip(tree, out / archive)
    write_sums(out, [iso, archive])
    files = [p for p in tree.rglob("*") if p.is_file()]
    unpacked = sum(p.stat().st_size for p in files)
    return (f"{iso} {megabytes((out / iso).stat().st_size)}, {archive} "
            f"{megabytes((out / archive).stat().st_size)}; {len(files)} files, "
            f"{megabytes(unpacked)} unpacked")
