"""What GitHub shows of the checks in a pull request: each problem as an annotation on its line,
and a short summary of the job, in both languages (the editors of a pull request read either).

Only under GitHub Actions (GITHUB_ACTIONS=true), which is also when messages.languages() gives both.
Workflow commands: https://docs.github.com/actions/reference/workflow-commands-for-github-actions
"""
from __future__ import annotations

import os
from typing import Mapping
from urllib.parse import quote

from .languages import CODES
from .messages import Count, on_github, say
from .problems import Problem


def active(env: Mapping[str, str] = os.environ) -> bool:
    return on_github(env)


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(problem: Problem, level: str = "error", title_key: str = "gh_title") -> str:
    """`::error file=…,line=…,col=…,title=…::message`: the problem in every language, on its line."""
    where = {"file": problem.file, "line": problem.line, "col": problem.line and problem.column,
             "title": " / ".join(say(title_key, lang) for lang in CODES)}
    properties = ",".join(f"{name}={_escape_property(str(value))}" for name, value in where.items() if value)
    message = "\n\n".join(problem.format(lang) for lang in CODES)
    return f"::{level} {properties}::{_escape_data(message)}"


def _at_commit(path: str, env: Mapping[str, str]) -> str:
    """A file of the repository (path may end in #anchor) on GitHub, at the commit checked; else path."""
    parts = [env.get(name) for name in ("GITHUB_SERVER_URL", "GITHUB_REPOSITORY", "GITHUB_SHA")]
    return "{}/{}/blob/{}/{}".format(*parts, quote(path, safe="/#.")) if all(parts) else quote(path, safe="/#.")


def guide_url(lang: str, env: Mapping[str, str] = os.environ) -> str:
    """The section of the guide in lang that explains the messages."""
    return _at_commit(say("gh_guide_path", lang), env)


def _cell(text: str) -> str:
    """Text in a cell of a Markdown table: the table's own syntax and HTML (a value found may hold tags) escaped."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace("|", "\\|").replace("\n", " ")


def _where(problem: Problem, env: Mapping[str, str]) -> str:
    """file:line:column, linked to that line of the file."""
    anchor = f"#L{problem.line}" if problem.line else ""
    return f"[`{problem.where()}`]({_at_commit(problem.file + anchor, env)})"


def summary(problems: list[Problem], env: Mapping[str, str] = os.environ) -> str:
    """The job summary in Markdown: how many problems, where and what, and where the guide explains them."""
    count = Count(len(problems), "problems_word")
    lines = []
    for lang in CODES:
        lines += [f"### {say('gh_summary_head', lang, count=count)}", "",
                  f"| {say('gh_summary_where', lang)} | {say('gh_summary_what', lang)} |", "|---|---|"]
        lines += [f"| {_where(p, env)} | {_cell(p.text(lang))} |" for p in problems]
        lines += ["", say("gh_summary_guide", lang, title=say("gh_guide_title", lang), url=guide_url(lang, env)), ""]
    return "\n".join(lines)


def report(problems: list[Problem], level: str = "error", title_key: str = "gh_title",
           env: Mapping[str, str] = os.environ) -> None:
    """Print the annotations; with level "error", append the summary to the job's summary file too."""
    for problem in problems:
        print(annotation(problem, level, title_key), flush=True)
    if level == "error" and env.get("GITHUB_STEP_SUMMARY"):
        with open(env["GITHUB_STEP_SUMMARY"], "a", encoding="utf-8") as out:
            out.write(summary(problems, env) + "\n")
