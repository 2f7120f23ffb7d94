"""The site's data: one YAML file per collection in data/, each with its schema.

load_site_data() reads and checks everything and raises one DataError that
lists every problem of every file; the build stops before writing anything.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from . import checks, schema
from .loader import Document, load_yaml
from .problems import DataError

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
}
LANGUAGES = tuple(schema.LANGUAGE_NAMES)


@dataclass
class SiteData:
    root: Path
    documents: dict[str, Document]
    # Built once per collection: macros ask for them on every page, and the data does
    # not change once loaded (prepare.py loads it anew when data/ changes).
    _public: dict[str, list[dict]] = field(default_factory=dict, repr=False)
    _by_id: dict[str, dict[str, dict]] = field(default_factory=dict, repr=False)

    def __getitem__(self, name: str) -> list[dict]:
        """The public entries of a collection: the only ones any output may see."""
        if name not in self._public:
            self._public[name] = [e for e in self.documents[name].data if e.get("public", True)]
        return self._public[name]

    def by_id(self, name: str) -> dict[str, dict]:
        if name not in self._by_id:
            self._by_id[name] = {entry["id"]: entry for entry in self[name]}
        return self._by_id[name]


def load_site_data(root: Path) -> SiteData:
    """Read every collection and check it against its schema and across files."""
    root = Path(root).resolve()
    data_dir, schema_dir = root / "data", root / "data" / "schemas"
    documents, problems = {}, []
    for name in COLLECTIONS:
        try:
            doc = load_yaml(data_dir / f"{name}.yml", root)
        except DataError as err:
            problems += err.problems
            continue
        if doc.data is None:
            doc.data = []
        problems += schema.check(doc, name, schema_dir)
        documents[name] = doc
    site = SiteData(root, documents)
    problems += checks.run_all(site)
    if problems:
        raise DataError(problems)
    return site
