"""Load the data: read every collection, check it, and hand over only what may be published.

load_site_data() reads data/*.yml, checks each file against its schema and all
of them across files, and raises one DataError that lists every problem; the
build stops before anything is written. What it returns holds the public
entries only (model.SiteData).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import checks, schema
from .model import COLLECTIONS, LABELS, MESSAGES, SiteData
from .problems import DataError
from .yaml_reader import Document, load_yaml


@dataclass
class DataFiles:
    """The data files as read, every entry included, with their positions: only the checks see them."""

    root: Path
    documents: dict[str, Document]


def read_data(root: Path) -> tuple[DataFiles, list]:
    """Every collection read and checked against its schema; (the files, the problems found)."""
    data_dir, schema_dir = root / "data", root / "data" / "schemas"
    documents, problems = {}, []
    for name in (*COLLECTIONS, LABELS, MESSAGES):
        try:
            doc = load_yaml(data_dir / f"{name}.yml", root)
        except DataError as err:
            problems += err.problems
            continue
        if doc.data is None:
            doc.data = {} if name in (LABELS, MESSAGES) else []
        problems += schema.check(doc, name, schema_dir)
        documents[name] = doc
    return DataFiles(root, documents), problems


def load_site_data(root: Path) -> SiteData:
    """The public data of the project at root, once every check has passed."""
    files, problems = read_data(Path(root).resolve())
    problems += checks.run_all(files)
    if problems:
        raise DataError(problems)
    files.documents.pop(MESSAGES)  # for editors only: nothing of it is published
    labels = files.documents.pop(LABELS).data
    return SiteData.public(files.root, {name: doc.data for name, doc in files.documents.items()}, labels)
