"""Build the site and its offline bundle, or only check the content.

    python scripts/build.py             check data/ and docs/, build the web
                                        site into site/ and the offline bundle
                                        (ISO image, zip, SHA256SUMS), a Kiwix
                                        ZIM file and the printed resource packs
                                        (PDF) per language into dist/
    python scripts/build.py --validate  only check, report every problem
    python scripts/build.py --no-bundle only the web site; dist/ stays as it is

Both are built into staging folders and swapped in only when the whole build
succeeded, so a mistake never replaces the last good site/ or dist/.
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

from bundle import BundleError, make_bundle  # noqa: E402
from sitedata import github  # noqa: E402
from sitedata.load import load_site_data  # noqa: E402
from sitedata.messages import in_languages, languages, say  # noqa: E402
from sitedata.problems import DataError  # noqa: E402
from print_pack import PackError, make_packs  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def tell(key: str, file=None, **params) -> None:
    """Print a message of the catalogue in the editor's language(s)."""
    print(in_languages(lambda lang: say(key, lang, **params), languages()), file=file)


def content_problems(root: Path) -> bool:
    """Check data/ and docs/; print every problem (and, on GitHub, annotate each line). True if any."""
    try:
        load_site_data(root)
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


def mkdocs_build(root: Path, out: Path, offline: bool = False) -> bool:
    """Run a real, strict MkDocs build into out (the hooks give each language its search index).

    offline turns on Material's offline plugin: the build for file://.
    The hooks load and check the data (a problem stops the build with every
    problem listed). True if it succeeded."""
    try:
        config = load_config(str(root / "mkdocs.yml"), site_dir=str(out), strict=True)
        config.plugins["material/offline"].config.enabled = offline
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


def build_bundle(root: Path, out: Path, packs: list[Path]) -> str | None:
    """Build the site for file:// in a scratch folder and pack it into out.

    packs: the printed resource packs, which go into the bundle's documents/
    (as into the web site's) and beside the bundle in out, covered by SHA256SUMS.
    Returns the bundle's summary (sizes), or None if it failed."""
    with tempfile.TemporaryDirectory(prefix="offline-site-") as scratch:
        tree = Path(scratch) / "bundle"
        if not mkdocs_build(root, tree, offline=True):
            return None
        out.mkdir(parents=True, exist_ok=True)
        for pack in packs:
            shutil.copyfile(pack, tree / "documents" / pack.name)
            shutil.copyfile(pack, out / pack.name)
        try:
            summary = make_bundle(root, tree, out, [p.name for p in packs])
        except BundleError as err:
            tell("build_bundle_error", error=err, file=sys.stderr)
            return None
        return summary + "; " + ", ".join(f"{p.name} {p.stat().st_size // 1000} KB" for p in packs)


def print_packs(root: Path, site_dir: Path, scratch: Path) -> list[Path] | None:
    """The printed resource packs, made in scratch and copied into the site's documents/
    (the resources page links them). None if they cannot be made."""
    try:
        packs = make_packs(root, load_site_data(root), scratch)
    except PackError as err:
        tell("build_packs_error", error=err, file=sys.stderr)
        return None
    (site_dir / "documents").mkdir(parents=True, exist_ok=True)
    for pack in packs:
        shutil.copyfile(pack, site_dir / "documents" / pack.name)
    return packs


def build_all(root: Path, site_dir: Path, dist_dir: Path | None) -> str | None:
    """Build site/ and dist/ (unless dist_dir is None) into staging folders;
    swap them in only if all succeeded. Returns the bundle's summary ("" without
    a bundle), or None if something failed."""
    targets = [site_dir] + ([dist_dir] if dist_dir else [])
    stagings = [d.with_name(d.name + ".new") for d in targets]
    for staging in stagings:
        shutil.rmtree(staging, ignore_errors=True)
    summary = None
    with tempfile.TemporaryDirectory(prefix="print-packs-") as scratch:
        if mkdocs_build(root, stagings[0]):
            packs = print_packs(root, stagings[0], Path(scratch))
            if packs is not None:
                summary = build_bundle(root, stagings[1], packs) if dist_dir else ""
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
    args = parser.parse_args(argv)

    started = time.monotonic()
    if args.validate:
        if content_problems(ROOT):
            return 1
        tell("build_valid")
        return 0
    show_mkdocs_warnings()
    dist_dir = None if args.no_bundle else args.dist_dir.resolve()
    # The content first, on its own: its report (and on GitHub its annotations) before MkDocs runs.
    summary = None if content_problems(ROOT) else build_all(ROOT, args.site_dir.resolve(), dist_dir)
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
