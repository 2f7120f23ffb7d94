"""The pages a pull request changes, as links into its preview, for the job summary.

    python scripts/changed_pages.py --base SHA --url PREVIEW_URL --out changed/

compares the working tree with the commit SHA (the pull request's base), and writes

- changed/pages.txt: the changed pages, one a line, as paths inside a language
  (events/x.html); scripts/screenshots.py --page takes them;
- changed/summary.md: a table, headed in both languages, linking each page in
  every language into the preview at --url (without one, naming them);
- changed/summary-pictures.md (with --url): the same with the pages' pictures
  (<preview>/pictures/web-1280/en-events-x.png, ...), for once the preview holds them.

A page of docs/<lang>/ is itself; an entry added or changed in data/<name>.yml
is its own page where the collection has pages, and the pages listing the
collection; anything else (templates, the site's settings) is the home page.
Only pages that the built site (--site) holds are named. Pull requests from a
branch of the repository are published at <Pages address>/pr-preview/pr-<N>/
(.github/workflows/pr.yml); `--preview-url REPOSITORY PR` prints that address,
`--pages-url REPOSITORY` the site's (publish.yml). These two need no package
beyond Python's own.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path, PurePosixPath

sys.path.insert(0, str(Path(__file__).resolve().parent))

from sitedata.languages import CODES, DEFAULT  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
PREVIEW_FOLDER = "pr-preview"  # on the Pages branch: pr-preview/pr-<N>/
PICTURES = "pictures"  # inside a preview: the pictures of its changed pages
MOST_PICTURED = 12  # pages pictured at most: a summary stays readable, a run short
HOME = "index.html"
# Collection -> the pages that list its entries (the site checks the rest link to them)
LISTS = {
    "events": ("calendar.html", "meetings/index.html", HOME),
    "resources": ("resources.html",),
    "countries": ("network.html",),
    "tools": ("tools/index.html",),
    "contacts": ("contact.html",),
    "methods": ("methods.html",),
    "priorities": ("priorities.html",),
    "projects": ("programme.html",),
    "accountability": ("other-work.html",),
    "challenges": ("other-work.html",),
}
TITLES = {"en": "Pages changed by this pull request", "ru": "Страницы, изменённые этим запросом"}
HEADERS = {"en": ("Page", "Pictures"), "ru": ("Страница", "Снимки")}
LANGUAGE_NAMES = {"en": "English", "ru": "Русский"}


def pages_url(repository: str, override: str = "") -> str:
    """The site's address on GitHub Pages: the repository variable PAGES_URL if set (a custom
    domain), else GitHub's own address for the repository, owner.github.io/name/."""
    if override:
        return override.rstrip("/") + "/"
    owner, name = repository.split("/")
    host = f"{owner.lower()}.github.io"
    return f"https://{host}/" if name.lower() == host else f"https://{host}/{name}/"


def preview_url(repository: str, number: int, override: str = "") -> str:
    return f"{pages_url(repository, override)}{PREVIEW_FOLDER}/pr-{number}/"


def page_in(lang: str, here: str) -> str:
    """A page's path from the site's root, in lang (the default language at the root)."""
    return here if lang == DEFAULT else f"{lang}/{here}"


def record_folders() -> dict[str, str]:
    """Collections with a page per entry, by the build's own list: collection -> its pages' folder.
    (Imported here: the addresses above are wanted before the build's packages are installed.)"""
    from sitedata.generate import PAGES

    return {collection: folder for folder, (collection, *_) in PAGES.items()}


def changed_pages(paths: list[str], records: dict[str, set[str]]) -> list[str]:
    """The pages (paths inside a language) that the changed files show, in a stable order.

    paths are the changed files, from the repository's root; records, for each
    data/<name>.yml among them, the ids of its entries added or changed."""
    found: list[str] = []
    for path in paths:
        parts = PurePosixPath(path).parts
        if parts[0] == "docs" and len(parts) > 2 and parts[1] in CODES and path.endswith(".md"):
            found.append(str(PurePosixPath(*parts[2:]).with_suffix(".html")))
        elif parts[0] == "data" and len(parts) == 2 and path.endswith(".yml"):
            name = PurePosixPath(path).stem
            folder = record_folders().get(name)
            found += [f"{folder}/{record.lower()}.html" for record in sorted(records.get(name, ()))] if folder else []
            found += LISTS.get(name, (HOME,))
        elif parts[:2] == ("data", "documents"):
            found += LISTS["resources"]
        elif parts[0] in ("data", "docs", "overrides") or path == "mkdocs.yml":
            found.append(HOME)
    return list(dict.fromkeys(found))


def picture_name(here: str) -> str:
    """The picture of a page, inside its width's folder: en-events-x.png for events/x.html."""
    return str(PurePosixPath(here).with_suffix("")).replace("/", "-")


def changed_records(old: list | None, new: list | None) -> set[str]:
    """The ids of the entries of new that old does not hold as they are (added or changed)."""
    before = {entry.get("id"): entry for entry in old or [] if isinstance(entry, dict)}
    return {entry["id"] for entry in new or [] if isinstance(entry, dict) and "id" in entry
            and before.get(entry["id"]) != entry}


def _pictures(base: str, here: str) -> str:
    """The page's pictures at both widths in every language, each a link to its whole size."""
    found = []
    for lang in CODES:
        for width, shown in ((320, 120), (1280, 320)):
            src = f"{base}{PICTURES}/web-{width}/{lang}-{picture_name(here)}.png"
            found.append(f'<a href="{src}"><img src="{src}" width="{shown}" alt="{lang}, {width} px"></a>')
    return " ".join(found)


def summary(pages: list[str], base: str, pictures: bool) -> str:
    """The job summary's table, headed in both languages: each page in every language,
    linked into the preview at base (or named only, without one), with its pictures."""
    lines = [f"### {TITLES['en']} · {TITLES['ru']}", ""]
    if not pages:
        return "\n".join([*lines, "No page changed. · Ни одна страница не изменилась.", ""])
    heads = [" · ".join(HEADERS[lang][column] for lang in CODES) for column in (0, 1)]
    lines += [f"| {heads[0]} | {heads[1]} |" if pictures else f"| {heads[0]} |",
              "|---|---|" if pictures else "|---|"]
    for number, here in enumerate(pages):
        links = " · ".join(f"[{LANGUAGE_NAMES[lang]}]({base}{page_in(lang, here)})" if base
                           else f"`{page_in(lang, here)}`" for lang in CODES)
        shots = _pictures(base, here) if number < MOST_PICTURED else ""
        lines.append(f"| `{here}`: {links} | {shots} |" if pictures else f"| `{here}`: {links} |")
    return "\n".join([*lines, ""])


def _git(*args: str) -> str:
    return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=True).stdout


def _records(base: str, paths: list[str]) -> dict[str, set[str]]:
    from sitedata.yaml_reader import parse  # the build's reader (Norway's NO stays "NO"); only this part needs it

    found = {}
    for path in paths:
        if path.startswith("data/") and path.count("/") == 1 and path.endswith(".yml") and (ROOT / path).is_file():
            try:
                old = parse(_git("show", f"{base}:{path}"))
            except subprocess.CalledProcessError:  # a new file
                old = None
            found[PurePosixPath(path).stem] = changed_records(old, parse((ROOT / path).read_text("utf-8")))
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages-url", metavar="REPOSITORY",
                        help="print the site's address on GitHub Pages (PAGES_URL from the environment, if set)")
    parser.add_argument("--preview-url", nargs=2, metavar=("REPOSITORY", "PR"),
                        help="print a pull request's preview address (below the one above)")
    parser.add_argument("--base", help="the commit to compare with (the pull request's base)")
    parser.add_argument("--url", default="", help="the preview's address; links are relative to it")
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--out", type=Path, default=ROOT / "changed")
    args = parser.parse_args()
    if args.pages_url:
        print(pages_url(args.pages_url, os.environ.get("PAGES_URL", "")))
        return 0
    if args.preview_url:
        print(preview_url(args.preview_url[0], int(args.preview_url[1]), os.environ.get("PAGES_URL", "")))
        return 0
    if not args.base:
        parser.error("--base is needed")
    paths = _git("diff", "--name-only", "--no-renames", f"{args.base}...HEAD").split()
    pages = [here for here in changed_pages(paths, _records(args.base, paths))
             if all((args.site / page_in(lang, here)).is_file() for lang in CODES)]
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "pages.txt").write_text("".join(f"{here}\n" for here in pages[:MOST_PICTURED]), encoding="utf-8")
    (args.out / "summary.md").write_text(summary(pages, args.url, False), encoding="utf-8")
    if args.url:  # for the preview, which holds the pictures (.github/workflows/pr.yml)
        (args.out / "summary-pictures.md").write_text(summary(pages, args.url, True), encoding="utf-8")
    print(f"{len(pages)} changed pages, written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
