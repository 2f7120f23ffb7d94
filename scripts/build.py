"""Build the site, or only check its content.

    python scripts/build.py             check data/ and docs/, build into site/
    python scripts/build.py --validate  only check, report every problem

The site is built into a staging folder and swapped in only when the whole
build succeeded, so a mistake never replaces the last good site/.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from sitedata.collections import load_site_data  # noqa: E402
from sitedata.problems import DataError  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def validate(root: Path) -> bool:
    try:
        load_site_data(root)
    except DataError as err:
        print(err.report(), file=sys.stderr)
        return False
    return True


def mkdocs_build(root: Path, out: Path) -> bool:
    """Run a real, strict MkDocs build into out; True if it succeeded."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet",
           "--config-file", str(root / "mkdocs.yml"), "--site-dir", str(out)]
    return subprocess.run(cmd, cwd=root, env=env).returncode == 0


def swap_in(new: Path, target: Path) -> None:
    """Replace target by new with two renames, so target is never half-written."""
    old = target.with_name(target.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    new.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def build_site(root: Path, site_dir: Path) -> bool:
    staging = site_dir.with_name(site_dir.name + ".new")
    shutil.rmtree(staging, ignore_errors=True)
    if not mkdocs_build(root, staging):
        shutil.rmtree(staging, ignore_errors=True)
        return False
    swap_in(staging, site_dir)
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--validate", action="store_true", help="only check the content")
    parser.add_argument("--site-dir", type=Path, default=ROOT / "site", help="where the web site goes")
    args = parser.parse_args(argv)

    started = time.monotonic()
    if not validate(ROOT):
        return 1
    if args.validate:
        print("The content is valid: data/ and both languages of docs/ are in order.")
        return 0
    if not build_site(ROOT, args.site_dir.resolve()):
        print(f"\nThe build failed (see above); the last good site in {args.site_dir} is unchanged.",
              file=sys.stderr)
        return 1
    print(f"Built the web site into {args.site_dir} in {time.monotonic() - started:.1f} s.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
