"""Load the data: read every collection, check it, and hand over only what may be published.

load_site_data() reads data/*.yml, checks each file against its schema and all
of them across files, and raises one DataError that lists every problem; the
build stops before anything is written. What it returns holds the public
entries only (model.SiteData).

With private= (the internal edition only, `make internal`), it also reads the
private folder outside the repository (model.PRIVATE_ENV), laid out as data/
and checked with the same schemas and checks; its records may name the public
ones, never the other way round.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import checks, schema
from .model import COLLECTIONS, LABELS, MESSAGES, PRIVATE_DOCUMENTS, PRIVATE_ENV, RESTRICTED_COLLECTIONS, SiteData
from .messages import msg
from .problems import DataError, Problem
from .yaml_reader import Document, load_yaml


@dataclass
class DataFiles:
    """The data files of one folder as read, every entry included, with their positions: only the checks see them."""

    root: Path  # the project
    documents: dict[str, Document]
    folder: Path | None = None  # where the files are: the project's data/, or the private folder
    restricted: bool = False  # the private folder, where every record is restricted
    other: DataFiles | None = None  # the other folder's files, when both are read (the internal edition)

    def __post_init__(self):
        self.folder = self.folder or self.root / "data"

    def shown(self, name: str = "") -> str:
        """A file of this folder as messages name it: data/events.yml, or the private file's full path."""
        base = self.folder.as_posix() if self.restricted else "data"
        return f"{base}/{name}" if name else base

    @property
    def documents_folder(self) -> Path:
        return self.folder / PRIVATE_DOCUMENTS


def _read(root: Path, folder: Path, names, shown) -> tuple[dict[str, Document], list]:
    """The named collections of folder, each checked against its schema."""
    documents, problems = {}, []
    for name in names:
        try:
            doc = load_yaml(folder / f"{name}.yml", root, shown(name))
        except DataError as err:
            problems += err.problems
            continue
        if doc.data is None:
            doc.data = {} if name in (LABELS, MESSAGES) else []
        problems += schema.check(doc, name, root / "data" / "schemas")
        documents[name] = doc
    return documents, problems


def read_data(root: Path) -> tuple[DataFiles, list]:
    """Every collection read and checked against its schema; (the files, the problems found)."""
    documents, problems = _read(root, root / "data", (*COLLECTIONS, LABELS, MESSAGES), lambda name: None)
    return DataFiles(root, documents), problems


def read_private(root: Path, private: Path) -> tuple[DataFiles, list]:
    """The private folder's collections (each optional), checked against the same schemas."""
    files = DataFiles(root, {}, Path(private).resolve(), restricted=True)
    if not files.folder.is_dir():
        return files, [Problem(files.shown(), msg("private_folder_missing", env=PRIVATE_ENV),
                               example=f"{PRIVATE_ENV}=/path/to/private-data make internal")]
    allowed = {f"{name}.yml" for name in RESTRICTED_COLLECTIONS}
    problems = [Problem(files.shown(path.name), msg("private_file_not_read", files=", ".join(sorted(allowed)),
                                                    documents=PRIVATE_DOCUMENTS))
                for path in sorted(files.folder.glob("*.y*ml")) if path.name not in allowed]
    names = [name for name in RESTRICTED_COLLECTIONS if (files.folder / f"{name}.yml").is_file()]
    files.documents, found = _read(root, files.folder, names, lambda name: files.shown(f"{name}.yml"))
    return files, problems + found


def load_site_data(root: Path, private: Path | None = None) -> SiteData:
    """The public data of the project at root, once every check has passed; with private (the
    private folder), the internal edition's data, restricted records included."""
    files, problems = read_data(Path(root).resolve())
    restricted = None
    if private is not None:
        restricted, found = read_private(files.root, private)
        problems += found
        files.other, restricted.other = restricted, files
    problems += checks.run_all(files)
    if restricted is not None:
        problems += checks.run_all(restricted)
    if problems:
        raise DataError(problems)
    files.documents.pop(MESSAGES)  # for editors only: nothing of it is published
    labels = files.documents.pop(LABELS).data
    data = {name: doc.data for name, doc in files.documents.items()}
    if restricted is None:
        return SiteData.public(files.root, data, labels)
    return SiteData.internal_edition(files.root, data, {name: doc.data for name, doc in restricted.documents.items()},
                                     labels, restricted.folder)
