"""The site's data as every output sees it: the public entries of each collection.

This is the one home of the rule "who may be published". load.py builds a
SiteData from the checked data files; the rendering, the generated files, the
downloadable documents and the offline bundle get nothing else, so an entry
marked `public: false` (and any file only it names) cannot reach them.

Restricted records (the trained experts' contacts, shared with the National
Contact Points only) never enter the repository: they live in a private folder
outside it, named by PRIVATE_DATA, and everything in that folder is restricted.
Only the internal edition (SiteData.internal, `make internal`) holds them; a
record marked `restricted` inside the public data/ is an error (checks.py).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

# name -> what the collection holds; each is data/<name>.yml with data/schemas/<name>.schema.json
COLLECTIONS = {
    "priorities": "the priorities of the WGCC",
    "methods": "the working methods",
    "events": "expert meetings, conferences and other dated activities",
    "projects": "the aspects of the programme",
    "countries": "countries and the status of their National Contact Points",
    "tools": "tools such as the self-assessment for young people",
    "contacts": "people and offices to contact",
    "challenges": "the challenges, as questions",
    "accountability": "who is accountable",
    "resources": "the resource library: reports, guidelines, training materials, tools",
    "sources": "where the facts come from, and the date they hold as of",
}
LABELS = "labels"  # data/labels.yml: the interface words, name -> {en:, ru:} (or a group of such)
MESSAGES = "messages"  # data/messages.yml: the messages to editors, key -> {en:, ru:} (messages.py reads it)
# The environment variable naming the private folder, laid out as data/ (contacts.yml, documents/...).
PRIVATE_ENV = "PRIVATE_DATA"
# The collections that may have restricted records, in the private folder; the field that marks them.
RESTRICTED_COLLECTIONS = ("contacts", "events", "resources")
RESTRICTED = "restricted"
PRIVATE_DOCUMENTS = "documents"  # the private folder's own downloadable files, as data/documents/
UID_DOMAIN = "wgcc-bsr-children-at-risk"
DOCUMENTS = "data/documents"  # the downloadable files, each named by a resource
# Files of data/documents/ that are for editors, never published nor reported as unnamed.
FOR_EDITORS = {"README.md"}
# The printed documents scripts/print_pack.py makes with the offline bundle, which the site
# publishes beside the files of DOCUMENTS: kind is "resource-pack" or the id of a tool.
PRINTED = "cbss-children-{kind}-{lang}.pdf"


def is_public(entry: dict) -> bool:
    """May this entry be published? Contacts must say public: true (their schema requires the
    field); every other entry is public unless it says public: false."""
    return entry.get("public", True) is not False


def uid(record_id: str) -> str:
    """A record's identity in calendars and address books: the same in both languages and every
    build, so that a subscribed calendar updates the entry instead of adding another."""
    return f"{record_id}@{UID_DOMAIN}"


def is_for_editors(rel: str) -> bool:
    """A file of data/documents/ (path relative to it) that is never published: the README,
    and hidden files (.DS_Store, .gitkeep) that editors' tools leave behind."""
    return rel in FOR_EDITORS or any(part.startswith(".") for part in rel.split("/"))


@dataclass(frozen=True)
class SiteData:
    """The public entries of every collection, in the order of their files; in the internal
    edition, followed by the restricted entries of the private folder."""

    root: Path
    collections: dict[str, list[dict]]
    ids: dict[str, dict[str, dict]]  # collection -> id -> entry
    labels: dict  # data/labels.yml as written: name -> {lang: text}, or name -> value -> {lang: text}
    private: Path | None = None  # the private folder: set only in the internal edition
    internal: bool = False

    @classmethod
    def public(cls, root: Path, data: dict[str, list[dict]], labels: dict) -> SiteData:
        """The public edition: the web site, the offline bundle, the ZIM files and the printed packs."""
        collections = {name: [e for e in entries if is_public(e)] for name, entries in data.items()}
        ids = {name: {e["id"]: e for e in entries} for name, entries in collections.items()}
        return cls(root, collections, ids, labels)

    @classmethod
    def internal_edition(cls, root: Path, data: dict[str, list[dict]], restricted: dict[str, list[dict]],
                         labels: dict, private: Path) -> SiteData:
        """The internal edition for the National Contact Points: the public entries and the restricted
        ones of the private folder. A draft (public: false) stays out here too."""
        merged = {name: entries + restricted.get(name, []) for name, entries in data.items()}
        public = cls.public(root, merged, labels)
        return cls(root, public.collections, public.ids, labels, Path(private), True)

    def __getitem__(self, name: str) -> list[dict]:
        return self.collections[name]

    def by_id(self, name: str) -> dict[str, dict]:
        return self.ids[name]

    def words(self, lang: str) -> dict:
        """The interface words in one language, in the labels' shape: words["event_types"]["training"]."""
        return {name: text[lang] if _is_text(text) else {value: t[lang] for value, t in text.items()}
                for name, text in self.labels.items()}

    def word(self, name: str, lang: str) -> str:
        return self.labels[name][lang]

    def published_files(self) -> list[str]:
        """The files of data/documents/ that public resources name (paths relative to it):
        the only ones copied into the site and the bundle. In the internal edition, also
        those of the private folder's documents/ that its restricted resources name."""
        return sorted({item["file"] for resource in self["resources"] for item in resource.get("files", [])
                       if "file" in item})  # the others are links (url:)

    def document_path(self, rel: str) -> Path:
        """Where a published file is: data/documents/, or (internal edition only) the private
        folder's documents/, which holds what only restricted resources name."""
        if self.private is not None and (self.private / PRIVATE_DOCUMENTS / rel).is_file():
            return self.private / PRIVATE_DOCUMENTS / rel
        return self.root / DOCUMENTS / rel


def _is_text(value: dict) -> bool:
    """A text in every language ({en:, ru:}), rather than a group of such texts."""
    return any(isinstance(v, str) for v in value.values())
