"""Check the internal links of a built site.

    python scripts/check_links.py site    every internal link, asset and anchor

Internal references must resolve inside the folder, with exact case and
without going through the filesystem root, so that the site works from a
sub-path of a web server and from file:// (CD-ROM, USB stick). `make test`
checks the web site and the offline bundle this way. External links are
checked by linkchecker (`make linkcheck`, which needs the Internet).
"""
from __future__ import annotations

import argparse
import posixpath
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

# Attributes that reference something, by tag.
REFERENCES = {"a": "href", "link": "href", "script": "src", "img": "src", "iframe": "src",
              "source": "src", "audio": "src", "video": "src", "embed": "src", "object": "data"}
NOT_CHECKED_SCHEMES = ("mailto", "tel", "data", "blob", "javascript")


class _PageParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.references: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in ("id", "name"):
            if attrs.get(name):
                self.ids.add(attrs[name])
        value = attrs.get(REFERENCES.get(tag, ""))
        if value is not None and not (tag == "link" and attrs.get("rel") in ("canonical", "alternate")):
            self.references.append(value)


def parse(path: Path) -> _PageParser:
    parser = _PageParser()
    parser.feed(path.read_text(encoding="utf-8", errors="replace"))
    return parser


def is_external(reference: str) -> bool:
    return bool(urlsplit(reference).scheme in ("http", "https") or reference.startswith("//"))


def internal_problems(site: Path) -> list[str]:
    """Every internal reference that does not resolve, as 'page: reference (why)'."""
    site = site.resolve()
    pages = {p: parse(p) for p in sorted(site.rglob("*.html"))}
    problems = []
    for page, parsed in pages.items():
        if page.name == "404.html":
            continue  # a web server shows it at any address, so its links must be root-absolute
        rel = page.relative_to(site).as_posix()
        for reference in parsed.references:
            parts = urlsplit(reference)
            if is_external(reference) or parts.scheme in NOT_CHECKED_SCHEMES or reference == "":
                continue
            if parts.scheme or reference.startswith("/"):
                problems.append(f"{rel}: {reference} (points outside the site: not relative)")
                continue
            target_rel = posixpath.normpath(posixpath.join(posixpath.dirname(rel), unquote(parts.path))) \
                if parts.path else rel
            if target_rel.startswith("../") or target_rel == "..":
                problems.append(f"{rel}: {reference} (leaves the site's folder)")
                continue
            target = site / target_rel
            if target.is_dir():
                target = target / "index.html"
            if not _exists_with_case(site, target):
                problems.append(f"{rel}: {reference} (no such file)")
            elif parts.fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else parse(target).ids
                if unquote(parts.fragment) not in ids:
                    problems.append(f"{rel}: {reference} (no anchor #{unquote(parts.fragment)})")
    return problems


def _exists_with_case(site: Path, target: Path) -> bool:
    """True if every part of the path exists with exactly this case (CDs and Windows ignore case)."""
    folder = site
    for part in target.relative_to(site).parts:
        if part not in {p.name for p in folder.iterdir()} if folder.is_dir() else True:
            return False
        folder = folder / part
    return folder.is_file()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("site", type=Path, help="a built site folder, e.g. site")
    args = parser.parse_args(argv)
    problems = internal_problems(args.site)
    for problem in problems:
        print(problem)
    print(f"{len(problems)} broken link(s) in {args.site}." if problems else f"All links in {args.site} resolve.")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
