"""Check the links of a built site.

    python scripts/check_links.py site            every internal link, asset and anchor
    python scripts/check_links.py site --external also every external link (needs network)

Internal references must resolve inside the folder, with exact case and
without going through the filesystem root, so that the site works from a
sub-path of a web server and from file:// (CD-ROM, USB stick). `make test`
checks the web site and the offline bundle this way; the external check is a
separate command (`make linkcheck`), since the tests run without network.
"""
from __future__ import annotations

import argparse
import posixpath
import sys
import urllib.error
import urllib.request
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


def external_links(site: Path) -> dict[str, list[str]]:
    """External URL -> pages that link to it."""
    found: dict[str, list[str]] = {}
    for page in sorted(site.rglob("*.html")):
        for reference in parse(page).references:
            if is_external(reference):
                found.setdefault(reference.split("#")[0], []).append(page.relative_to(site).as_posix())
    return found


def external_problems(site: Path, timeout: float = 15) -> list[str]:
    problems = []
    for url, pages in sorted(external_links(site).items()):
        request = urllib.request.Request(url, method="HEAD", headers={"User-Agent": "bsr-linkcheck"})
        try:
            urllib.request.urlopen(request, timeout=timeout).close()
        except urllib.error.HTTPError as err:
            if err.code in (405, 403):  # some servers refuse HEAD; try GET
                try:
                    urllib.request.urlopen(url, timeout=timeout).close()
                    continue
                except (urllib.error.URLError, OSError) as again:
                    err = again
            problems.append(f"{url}: {err} (linked from {', '.join(sorted(set(pages)))})")
        except (urllib.error.URLError, OSError) as err:
            problems.append(f"{url}: {err} (linked from {', '.join(sorted(set(pages)))})")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("site", type=Path, help="a built site folder, e.g. site")
    parser.add_argument("--external", action="store_true", help="also check external links (needs network)")
    args = parser.parse_args(argv)
    problems = internal_problems(args.site)
    if args.external:
        problems += external_problems(args.site)
    for problem in problems:
        print(problem)
    print(f"{len(problems)} broken link(s) in {args.site}." if problems else f"All links in {args.site} resolve.")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
