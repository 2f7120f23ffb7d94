"""When lines and files last changed, from git: the clock of the translation report.

Times are git commit times (seconds). Changes not committed yet count as the newest
of all (UNCOMMITTED), so an editor sees the effect of an edit before committing it.
Commits listed in .git-blame-ignore-revs (git's own convention, which GitHub's
blame view follows too) do not count: list there a commit that only fixed an
English typo or reformatted files, and the translations stay current.
Without git, or outside a repository, every function returns nothing.
"""
from __future__ import annotations

import subprocess
from pathlib import Path

UNCOMMITTED = float("inf")
NOT_COMMITTED_SHA = "0" * 40
IGNORE_REVS = ".git-blame-ignore-revs"


def _git(root: Path, *args: str) -> str | None:
    try:
        result = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, timeout=120)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return result.stdout if result.returncode == 0 else None


def _ignored_revs(root: Path) -> set[str]:
    path = root / IGNORE_REVS
    rows = path.read_text(encoding="utf-8").splitlines() if path.is_file() else []
    return {row.split("#")[0].strip() for row in rows if row.split("#")[0].strip()}


def is_repository(root: Path) -> bool:
    return _git(root, "rev-parse", "--is-inside-work-tree") is not None


def line_times(root: Path, rel: str) -> dict[int, float]:
    """Line number (from 1) -> when that line last changed.

    -M follows lines moved inside the file and -w ignores changes of indentation,
    so `make normalize` reordering fields does not make a text look changed."""
    ignore = ["--ignore-revs-file", IGNORE_REVS] if (root / IGNORE_REVS).is_file() else []
    out = _git(root, "blame", "--porcelain", "-M", "-w", *ignore, "--", rel)
    if out is None:
        return {}
    commit_time: dict[str, float] = {}
    times: dict[int, float] = {}
    sha, line = None, 0
    for row in out.splitlines():
        if row.startswith("\t"):
            times[line] = UNCOMMITTED if sha == NOT_COMMITTED_SHA else commit_time.get(sha, 0)
        elif row.startswith("committer-time "):
            commit_time[sha] = float(row.split()[1])
        else:
            parts = row.split()
            if len(parts) >= 3 and len(parts[0]) == 40 and parts[1].isdigit():
                sha, line = parts[0], int(parts[2])
    return times


def file_time(root: Path, rel: str) -> float | None:
    """When the file last changed: UNCOMMITTED if it has changes not committed; None if git has no record."""
    status = _git(root, "status", "--porcelain", "--", rel)
    if status is None:
        return None
    if status.strip():
        return UNCOMMITTED
    ignored = _ignored_revs(root)
    for row in (_git(root, "log", "--format=%H %ct", "--", rel) or "").splitlines():
        sha, stamp = row.split()
        if sha not in ignored:
            return float(stamp)
    return None


def ignored_files(root: Path, folder: str) -> set[str]:
    """Files under folder that git ignores (made by the build), relative to root."""
    out = _git(root, "ls-files", "--others", "--ignored", "--exclude-standard", "--", folder)
    return set(out.splitlines()) if out else set()


def last_changes(root: Path) -> dict[str, float]:
    """Every file git knows -> when it last changed (one pass over the history); files with
    changes not committed yet -> UNCOMMITTED. Empty outside a repository."""
    out = _git(root, "log", "--format=%x00%H %ct", "--name-only")
    if out is None:
        return {}
    ignored, times = _ignored_revs(root), {}
    for block in out.split("\0")[1:]:
        head, *files = block.strip().splitlines()
        sha, stamp = head.split()
        if sha not in ignored:
            for name in filter(None, files):
                times.setdefault(name, float(stamp))
    for row in (_git(root, "status", "--porcelain", "--untracked-files=all") or "").splitlines():
        times[row[3:].split(" -> ")[-1]] = UNCOMMITTED
    return times
