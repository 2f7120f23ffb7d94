"""Write the data files in their canonical form, or check that they are.

    python scripts/normalize.py          rewrite data/*.yml in canonical form (make normalize)
    python scripts/normalize.py --check  change nothing; list the files that are not in
                                         canonical form and exit 1 (make check-normalized)

The canonical form (scripts/sitedata/normal_form.py): every entry's fields in
the order of its schema, en before ru, two spaces per level; comments, blank
lines and quotes are kept. One form for everyone keeps pull requests' diffs to
what really changed.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ruamel.yaml import YAMLError

sys.path.insert(0, str(Path(__file__).resolve().parent))

from sitedata import github  # noqa: E402
from sitedata.messages import in_languages, languages, msg, say  # noqa: E402
from sitedata.model import COLLECTIONS  # noqa: E402
from sitedata.normal_form import normal_text  # noqa: E402
from sitedata.problems import Problem  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
FIX = "make normalize"


def tell(key: str, out=None, **params) -> None:
    """Print a message of the catalogue in the editor's language(s)."""
    print(in_languages(lambda lang: say(key, lang, **params), languages()), file=out)


def _first_difference(old: str, new: str) -> tuple[int, str, str]:
    """(line number, line found, line expected) where the two texts first differ."""
    old_lines, new_lines = old.splitlines() + [""], new.splitlines() + [""]
    for number, (found, wanted) in enumerate(zip(old_lines, new_lines), start=1):
        if found != wanted:
            return number, found, wanted
    return min(len(old_lines), len(new_lines)), "", ""


def check_file(path: Path, root: Path, write: bool) -> Problem | None:
    """None if the file is in canonical form (after writing it, with write); else the problem."""
    rel = path.relative_to(root).as_posix()
    text = path.read_text(encoding="utf-8")
    try:
        normal = normal_text(text, root / "data" / "schemas" / f"{path.stem}.schema.json")
    except YAMLError:
        return Problem(rel, msg("normalize_invalid_yaml"), fix="make validate")
    if normal == text:
        return None
    if write:
        path.write_text(normal, encoding="utf-8")
        tell("normalize_rewrote", file=rel)
        return None
    line, found, wanted = _first_difference(text, normal)
    return Problem(rel, msg("normalize_not_canonical", found=found.strip(), wanted=wanted.strip()), line, fix=FIX)


def data_files(root: Path) -> list[Path]:
    return [root / "data" / f"{name}.yml" for name in COLLECTIONS if (root / "data" / f"{name}.yml").is_file()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if a file is not normalized")
    parser.add_argument("--root", type=Path, default=ROOT, help="the project folder (default: this one)")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    files = data_files(root)
    problems = [p for p in (check_file(path, root, write=not args.check) for path in files) if p]
    for problem in problems:
        print(in_languages(problem.format, languages()) + "\n", file=sys.stderr)
    if problems and github.active():  # a warning on the line: the workflow decides whether it fails the check
        github.report(problems, level="warning", title_key="normalize_title")
    if problems:
        tell("normalize_some_bad", out=sys.stderr, bad=len(problems), total=len(files))
        return 1
    tell("normalize_all_good", total=len(files))
    return 0


if __name__ == "__main__":
    sys.exit(main())
