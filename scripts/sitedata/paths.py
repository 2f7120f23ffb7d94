"""Relative links between the files of the site."""
from __future__ import annotations


def relative(target: str, start: str) -> str:
    """posixpath.relpath(target, start) for two paths inside the site (no "." or "..").

    Pages hold thousands of links, and relpath asks the system for the working
    directory twice for each: that was a quarter of the rendering time."""
    to, here = target.split("/"), [part for part in start.split("/") if part not in ("", ".")]
    common = 0
    while common < min(len(here), len(to)) and here[common] == to[common]:
        common += 1
    return "/".join([".."] * (len(here) - common) + to[common:]) or "."
