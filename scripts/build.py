"""Build the site and its offline bundle, or only check the content.

    python scripts/build.py             check data/ and docs/, build the web
                                        site into site/ and the offline bundle
                                        (ISO image, zip, SHA256SUMS), a Kiwix
                                        ZIM file and the printed resource packs
                                        (PDF) per language into dist/
    python scripts/build.py --validate  only check, report every problem
    python scripts/build.py --no-bundle only the web site; dist/ stays as it is
    PRIVATE_DATA=folder python scripts/build.py --internal
                                        the internal edition of the offline
                                        bundle for the National Contact Points,
                                        with the restricted records of that
                                        folder, into dist-internal/ (never
                                        deployed); with --validate, only check
                                        data/ and that folder

Both are built into staging folders and swapped in only when the whole build
succeeded, so a mistake never replaces the last good site/ or dist/.

Only --internal reads PRIVATE_DATA: the public build, `mkdocs build` and
`mkdocs serve` never do, even when it is set (the folder reaches the hooks
only through mkdocs_build's private=), so restricted records cannot reach
site/ or dist/ by a variable left set in a shell or a CI job.
"""
from __future__ import annotations

import argparse
import logging
import os
import shutil
import sys
import tempfile
import time
import traceback
from pathlib import Path

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's notice about MkDocs 2 says nothing to editors
sys.path.insert(0, str(Path(__file__).resolve().parent))

from click import ClickException  # noqa: E402
from mkdocs.commands.build import build as mkdocs_run  # noqa: E402
from mkdocs.config import load_config  # noqa: E402
from mkdocs.exceptions import ConfigurationError  # noqa: E402

from bundle import INTERNAL, BundleError, make_bundle  # noqa: E402
from sitedata import github  # noqa: E402
from sitedata.load import load_site_data  # noqa: E402
from sitedata.messages import in_languages, languages, say  # noqa: E402
from sitedata.model import PRIVATE_ENV  # noqa: E402
from sitedata.problems import DataError  # noqa: E402
from print_pack import PackError, make_packs  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
# What the internal edition's build copies of the project (see build_internal), and .git for the pages' dates.
SOURCES = ("data", "docs", "overrides", "scripts", "mkdocs.yml", "requirements.txt", ".git-blame-ignore-revs", ".cache")


def tell(key: str, file=None, **params) -> None:
    """Print a message of the catalogue in the editor's language(s)."""
    print(in_languages(lambda lang: say(key, lang, **params), languages()), file=file)


def content_problems(root: Path, private: Path | None = None) -> bool:
    """Check data/ and docs/ (and the private folder, for the internal edition); print every
    problem (and, on GitHub, annotate each line). True if any."""
    try:
        load_site_data(root, private=private)
    except DataError as err:
        print(err.report(), file=sys.stderr)
        if github.active():
            github.report(err.problems)
        return True
    return False


def show_mkdocs_warnings() -> None:
    """MkDocs' messages as `mkdocs build` prints them, warnings and errors only.

    (Not `mkdocs build --quiet`: that hides the warnings from --strict as well,
    so a broken link would pass.)"""
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)-8s-  %(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.setLevel(logging.WARNING)
    logger.propagate = False
    logger.addHandler(handler)


def mkdocs_build(root: Path, out: Path, offline: bool = False, printed: Path | None = None,
                 private: Path | None = None) -> bool:
    """Run a real, strict MkDocs build into out (the hooks give each language its search index).

    offline turns on Material's offline plugin: the build for file://. printed:
    the folder of the printed documents (print_pack.py), which the hooks link and
    publish. private: the private data folder, for the internal edition only (its
    restricted records, and the banner on every page). The hooks load and check the
    data (a problem stops the build with every problem listed). True if it succeeded."""
    try:
        config = load_config(str(root / "mkdocs.yml"), site_dir=str(out), strict=True)
        config.plugins["material/offline"].config.enabled = offline
        config.extra["printed_dir"] = str(printed) if printed else ""
        config.extra["private_dir"] = str(private) if private else ""
        config.extra["internal"] = private is not None
        config.plugins.on_startup(command="build", dirty=False)
        try:
            mkdocs_run(config)
        finally:
            config.plugins.on_shutdown()
    except (ConfigurationError, ClickException) as err:  # the problem itself is logged above it
        print(f"ERROR    -  {err}", file=sys.stderr)
        return False
    except Exception:  # a fault in a template or a plugin: show it, and still keep the last good site
        traceback.print_exc()
        return False
    return True


def swap_in(new: Path, target: Path) -> None:
    """Replace target by new with two renames, so target is never half-written."""
    old = target.with_name(target.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    new.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def build_bundle(root: Path, out: Path, printed: Path) -> str | None:
    """Build the site for file:// in a scratch folder and pack it into out, with the
    printed documents beside it (SHA256SUMS covers them).
    Returns the bundle's summary (sizes), or None if it failed."""
    with tempfile.TemporaryDirectory(prefix="offline-site-") as scratch:
        tree = Path(scratch) / "bundle"
        if not mkdocs_build(root, tree, offline=True, printed=printed):
            return None
        out.mkdir(parents=True, exist_ok=True)
        packs = sorted(printed.iterdir())
        for pack in packs:
            shutil.copyfile(pack, out / pack.name)
        try:
            summary = make_bundle(root, tree, out, [p.name for p in packs])
        except BundleError as err:
            tell("build_bundle_error", error=err, file=sys.stderr)
            return None
        return summary + "; " + ", ".join(f"{p.name} {p.stat().st_size // 1000} KB" for p in packs)


def copy_sources(root: Path, dest: Path) -> Path:
    """What a build reads of the project, copied to dest, with the project's git history linked
    (the pages' dates). The internal edition is built there, so that the pages it generates from
    restricted records are never written into the project's docs/."""
    dest.mkdir(parents=True)
    for name in SOURCES:
        source = root / name
        if source.is_dir():
            shutil.copytree(source, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.is_file():
            shutil.copy2(source, dest / name)
    git = root / ".git"
    if git.is_dir():
        (dest / ".git").symlink_to(git)
    elif git.is_file():  # a worktree: the file names the repository
        shutil.copy2(git, dest / ".git")
    return dest


def build_internal(root: Path, out: Path, private: Path) -> str | None:
    """The internal edition of the offline bundle (restricted records, a banner on every page,
    its own name and SHA256SUMS; no ZIM and no printed pack) into out, swapped in only when
    it succeeded. Returns its summary, or None if it failed."""
    staging = out.with_name(out.name + ".new")
    shutil.rmtree(staging, ignore_errors=True)
    with tempfile.TemporaryDirectory(prefix="internal-") as scratch:
        project, tree = copy_sources(root, Path(scratch) / "project"), Path(scratch) / "bundle"
        if not mkdocs_build(project, tree, offline=True, private=private):
            return None
        try:
            summary = make_bundle(project, tree, staging, edition=INTERNAL)
        except BundleError as err:
            tell("internal_error", error=err, file=sys.stderr)
            shutil.rmtree(staging, ignore_errors=True)
            return None
    swap_in(staging, out)
    return summary


def private_folder() -> Path | None:
    """The private data folder PRIVATE_DATA names, for --internal; None (and a message) if it is
    unset, or inside the project (where `git add -A` would commit it, and docs/ is published)."""
    value = os.environ.get(PRIVATE_ENV, "").strip()
    if not value:
        tell("internal_no_private_data", env=PRIVATE_ENV, file=sys.stderr)
        return None
    folder = Path(value).resolve()
    if folder.is_relative_to(ROOT):
        tell("private_folder_inside_project", env=PRIVATE_ENV, folder=folder, file=sys.stderr)
        return None
    return folder


def internal_main(validate: bool, out: Path) -> int:
    private = private_folder()
    if private is None:
        return 1
    if validate:
        if content_problems(ROOT, private):
            return 1
        tell("internal_valid", folder=private)
        return 0
    show_mkdocs_warnings()
    summary = build_internal(ROOT, out, private)
    if summary is None:
        print(file=sys.stderr)
        tell("internal_failed", out=out, file=sys.stderr)
        return 1
    tell("internal_done", out=out, summary=summary)
    return 0


def print_packs(root: Path, out: Path) -> bool:
    """The printed documents, into out. False if they cannot be made."""
    try:
        make_packs(root, load_site_data(root), out)
    except DataError:  # the web build would report the same problems: say them once, there
        return True
    except PackError as err:
        tell("build_packs_error", error=err, file=sys.stderr)
        return False
    return True


def build_all(root: Path, site_dir: Path, dist_dir: Path | None) -> str | None:
    """Build site/ and dist/ (unless dist_dir is None) into staging folders;
    swap them in only if all succeeded. Returns the bundle's summary ("" without
    a bundle), or None if something failed.

    The printed documents are made only with the bundle, and first: the web
    site links them."""
    targets = [site_dir] + ([dist_dir] if dist_dir else [])
    stagings = [d.with_name(d.name + ".new") for d in targets]
    for staging in stagings:
        shutil.rmtree(staging, ignore_errors=True)
    summary = None
    with tempfile.TemporaryDirectory(prefix="printed-") as scratch:
        printed = Path(scratch) if dist_dir else None
        if (printed is None or print_packs(root, printed)) and mkdocs_build(root, stagings[0], printed=printed):
            summary = build_bundle(root, stagings[1], printed) if printed else ""
    if summary is None:
        for staging in stagings:
            shutil.rmtree(staging, ignore_errors=True)
        return None
    for staging, target in zip(stagings, targets):
        swap_in(staging, target)
    return summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--validate", action="store_true", help="only check the content")
    parser.add_argument("--site-dir", type=Path, default=ROOT / "site", help="where the web site goes")
    parser.add_argument("--dist-dir", type=Path, default=ROOT / "dist", help="where the offline bundle goes")
    parser.add_argument("--no-bundle", action="store_true",
                        help="build only the web site (quicker); leave dist/ as it is")
    parser.add_argument("--internal", action="store_true",
                        help=f"the internal edition, with the restricted records of {PRIVATE_ENV}")
    parser.add_argument("--internal-dir", type=Path, default=ROOT / "dist-internal",
                        help="where the internal edition goes")
    args = parser.parse_args(argv)

    if args.internal:
        return internal_main(args.validate, args.internal_dir.resolve())
    if os.environ.get(PRIVATE_ENV):
        tell("build_private_ignored", env=PRIVATE_ENV)
    started = time.monotonic()
    if args.validate:
        if content_problems(ROOT):
            return 1
        tell("build_valid")
        return 0
    show_mkdocs_warnings()
    dist_dir = None if args.no_bundle else args.dist_dir.resolve()
    # On GitHub the content is checked first, on its own, for its annotations. (Elsewhere the
    # hooks' own check reports it: a second reading costs 5% of a web build at 10x.)
    failed = github.active() and content_problems(ROOT)
    summary = None if failed else build_all(ROOT, args.site_dir.resolve(), dist_dir)
    if summary is None:
        print(file=sys.stderr)
        tell("build_failed", site=args.site_dir, dist=args.dist_dir, file=sys.stderr)
        return 1
    seconds = f"{time.monotonic() - started:.1f}"
    if args.no_bundle:
        tell("build_done_site", site=args.site_dir, seconds=seconds)
    else:
        tell("build_done_all", site=args.site_dir, dist=args.dist_dir, seconds=seconds)
        tell("build_bundle_summary", summary=summary)  # its size, last: what one burns or sends
    return 0


if __name__ == "__main__":
    sys.exit(main())
