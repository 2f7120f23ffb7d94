"""The site's data as every output sees it: the public entries of each collection.

This is the one home of the rule "who may be published". load.py builds a
SiteData from the checked data files; the rendering, the generated files, the
downloadable documents and the offline bundle get nothing else, so an entry
marked `public: false` (and any file only it names) cannot reach them.
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
UID_DOMAIN = "wgcc-bsr-children-at-risk"
DOCUMENTS = "data/documents"  # the downloadable files, each named by a resource
# Files of data/documents/ that are for editors, never published nor reported as unnamed.
FOR_EDITORS = {"README.md"}


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
    """The public entries of every collection, in the order of their files."""

    root: Path
    collections: dict[str, list[dict]]
    ids: dict[str, dict[str, dict]]  # collection -> id -> entry
    labels: dict  # data/labels.yml as written: name -> {lang: text}, or name -> value -> {lang: text}

    @classmethod
    def public(cls, root: Path, data: dict[str, list[dict]], labels: dict) -> SiteData:
        collections = {name: [e for e in entries if is_public(e)] for name, entries in data.items()}
        ids = {name: {e["id"]: e for e in entries} for name, entries in collections.items()}
        return cls(root, collections, ids, labels)

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
        the only ones copied into the site and the bundle."""
        return sorted({item["file"] for resource in self["resources"] for item in resource.get("files", [])
                       if "file" in item})  # the others are links (url:)


def _is_text(value: dict) -> bool:
    """A text in every language ({en:, ru:}), rather than a group of such texts."""
    return any(isinstance(v, str) for v in value.values())
