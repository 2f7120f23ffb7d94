"""Benchmark the build on synthetic data at several sizes. It reports; it is not a test.

    python scripts/bench.py                  scales 1, 10 and 100 times the real pages (make bench)
    python scripts/bench.py --scales 1,10    only these scales (a minute or two instead of several)
    python scripts/bench.py --repeat 5       time each build 5 times (default 3)
    python scripts/bench.py --keep           keep the temporary copies (their paths are printed)

For each scale it copies the project into a temporary folder, adds copies of
the expert meetings (each is one more page per language) until the site has
scale times the real number of pages, and runs the real build (scripts/build.py)
there. As the baseline it builds the same pages as plain Markdown (the macros
already expanded) with bare MkDocs + Material: the same mkdocs.yml without our
hook (scripts/hooks.py). The offline bundle (dist/) is measured but timed
apart: the web site build alone is what compares with the baseline.
It prints a table and checks the goals of issue 4, those of issue 13 for
search (what it loads; in Debian's chromium, when Playwright and chromium are
installed, the time from typing a query to its first result) and that of issue
14 for the ZIM files. It exits 0 whatever the figures are; only a failed build
makes it exit 1.
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from local_server import CHROMIUM_ARGS, serve
from sitedata.languages import CODES as LANGUAGES
from sitedata.yaml_reader import load_yaml

ROOT = Path(__file__).resolve().parent.parent
MB, KB = 1024 * 1024, 1024
# The goals of issue 4.
MAX_OVERHEAD = 1.10        # ours / bare MkDocs + Material
MAX_PER_PAGE_GROWTH = 1.20  # time per page at 100x / at 10x
MAX_PAGE_KB = 60           # largest HTML page at 100x
CD_MB = 700                # the offline bundle's ISO image at 100x
# A page that repeats the navigation or lists the whole site grows about tenfold from 10x to
# 100x; which items fill a page of a list changes its size by up to a fifth.
MAX_KIND_GROWTH = 1.25
# The goals of issue 13 (search that understands Russian).
MAX_SEARCH_GROWTH = 1.5    # what a search loads at 100x (index + the site's worker addition) / the index alone
MAX_SEARCH_MS = 100        # from a query's keyup to the first result shown, at 10x
SEARCH_QUERIES = {"ru/index.html": ["торговля", "совещаний", "ребенок", "Таллине"],
                  "index.html": ["meetings", "trafficked"]}
NUMBERS = re.compile(r"\d+")

# A hook added after ours for the first, full build of each copy (not one that is
# timed): it saves each page's Markdown as MkDocs got it, macros expanded, with its
# front matter, for the baseline. Asking MkDocs rather than calling the renderer keeps
# the baseline right whatever the hooks become. The web site build comes first and wins.
DUMP_HOOK = """
import os
from pathlib import Path

import yaml


def on_page_markdown(markdown, page, config, files):
    out = Path(os.environ["BENCH_DUMP"]) / Path(page.file.abs_src_path).relative_to(config.docs_dir)
    if out.exists():
        return markdown
    out.parent.mkdir(parents=True, exist_ok=True)
    front = f"---\\n{yaml.safe_dump(page.meta, allow_unicode=True, width=1000)}---\\n\\n" if page.meta else ""
    out.write_text(front + markdown, encoding="utf-8")
    return markdown
"""
# The hooks: entry of mkdocs.yml, which lists only ours (scripts/hooks.py): the data and
# macro layer, what the baseline is built without.
HOOKS = re.compile(r"^hooks:\n(?:[ \t]+-.*\n)+", re.M)


class BuildFailed(Exception):
    pass


# --- copies and synthetic data ------------------------------------------------

def project_files() -> list[str]:
    """The project's own files: what git tracks or would track. Files the build makes
    (pages per event, site/, dist/) are git-ignored, so the copy builds from scratch."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                            cwd=ROOT, capture_output=True, text=True, check=True).stdout
    return [f for f in listed.split("\0") if f and (ROOT / f).is_file()]


def copy_project(dest: Path) -> Path:
    for rel in project_files():
        (dest / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / rel, dest / rel)
    return dest


def pages_per_language(project: Path) -> dict[str, int]:
    """Pages of each language after a build (the build writes those made from data)."""
    return {lang: len(list((project / "docs" / lang).rglob("*.md"))) for lang in LANGUAGES}


def add_meetings(project: Path, count: int) -> None:
    """Append count copies of the expert meetings to data/events.yml.

    Each copy makes one more page per language. Copies get new unique ids
    (kiev-2005-x0042) and distinct titles, and keep every reference of the
    original (country, priorities), so the data still passes validation.
    """
    events_file = project / "data" / "events.yml"
    events = load_yaml(events_file, project).data  # as the build reads it: dates and NO stay text
    meetings = [e for e in events if e.get("type") == "expert-meeting"]
    copies = []
    for n in range(count):
        original = meetings[n % len(meetings)]
        copy = dict(original, id=f"{original['id']}-x{n:04d}")
        copy["title"] = {lang: f"{text} ({n})" for lang, text in original["title"].items()}
        copies.append(copy)
    if copies:
        with events_file.open("a", encoding="utf-8") as out:
            out.write("\n# Synthetic copies made by scripts/bench.py\n")
            out.write(yaml.safe_dump(copies, allow_unicode=True, sort_keys=False, width=1000))


# --- running and measuring ----------------------------------------------------

def run_measured(cmd: list[str], cwd: Path, env: dict | None = None) -> dict:
    """Run cmd; return its wall and CPU time in s and peak memory in MB. Raise BuildFailed on failure.

    The child is reaped with os.wait4, not Popen.wait, for its resource usage: that of the
    child and of every process it waited for, so the CPU time of the whole process tree and
    the peak RSS of its largest process, this run's alone (earlier builds do not count). A
    child starts with its parent's peak RSS, so the peak is at least bench.py's own (about
    25 MB; a build's is 400 MB and more). Its output goes to a file: a pipe nobody reads
    while waiting could fill and block it."""
    with tempfile.TemporaryFile() as output:
        start = time.monotonic()
        child = subprocess.Popen(cmd, cwd=cwd, stdout=output, stderr=subprocess.STDOUT,
                                 env=dict(os.environ, NO_MKDOCS_2_WARNING="1", **(env or {})))
        try:
            _, status, usage = os.wait4(child.pid, 0)
        except BaseException:  # Ctrl+C: the build goes too
            child.kill()
            child.wait()
            raise
        seconds = time.monotonic() - start
        child.returncode = os.waitstatus_to_exitcode(status)  # reaped here, so Popen must not wait again
        if child.returncode != 0:
            output.seek(0)
            raise BuildFailed(f"{' '.join(cmd)} failed in {cwd}:\n{output.read().decode(errors='replace')}")
    return {"seconds": seconds, "cpu": usage.ru_utime + usage.ru_stime,
            "peak_mb": usage.ru_maxrss / 1024}  # ru_maxrss is in KiB on Linux


def tree_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def search_index_bytes(site: Path) -> int:
    """The largest search index a page loads: one per language (search/ and <lang>/search/),
    search_index.json online, search_index.js as well when built for file://."""
    return max(p.stat().st_size for p in site.rglob("search_index.*") if p.parent.name == "search")


def search_addition_bytes(site: Path) -> int:
    """What the site appends to Material's search worker (scripts/sitedata/search_worker.js
    with the alias table): loaded with every search, like the index."""
    from sitedata.search_index import MARK
    worker = next((site / "assets" / "javascripts" / "workers").glob("search.*.min.js"))
    return len(worker.read_bytes().partition(MARK.encode())[2])


# In the page: type a query (one keyup, as Material listens for), and the time to its first result.
TIME_QUERY = """async words => {
  const input = document.querySelector("input.md-search__input");
  input.value = ""; input.dispatchEvent(new KeyboardEvent("keyup", {bubbles: true}));
  while (document.querySelector(".md-search-result__item")) await new Promise(r => setTimeout(r, 5));
  const list = document.querySelector(".md-search-result__list");
  const shown = new Promise(resolve => new MutationObserver((_, o) => {
    if (list.querySelector(".md-search-result__item")) { o.disconnect(); resolve(performance.now()); }
  }).observe(list, {childList: true, subtree: true}));
  input.value = words;
  const start = performance.now();
  input.dispatchEvent(new KeyboardEvent("keyup", {bubbles: true}));
  return (await shown) - start;
}"""


def search_times(site: Path) -> dict | None:
    """Search in Debian's chromium (Playwright, from requirements-test.txt), the site
    served over HTTP: ms until the search is ready (index loaded, lunr's index built
    in the worker), and the slowest of SEARCH_QUERIES from keyup to first result.
    None when Playwright or chromium is missing."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    if not shutil.which("chromium"):
        return None
    url, server = serve(site)
    ready, slowest = [], 0.0
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS)
            for start, queries in SEARCH_QUERIES.items():
                page = browser.new_page()
                page.goto(f"{url}/{start}")
                page.locator(".md-search__input").click()
                page.wait_for_function("() => document.querySelector('.md-search-result__meta').innerText.trim()",
                                       timeout=120_000)
                ready.append(page.evaluate("performance.now()"))
                for words in queries:
                    page.evaluate(TIME_QUERY, words)  # once to warm up, then timed
                    slowest = max(slowest, min(page.evaluate(TIME_QUERY, words) for _ in range(3)))
                page.close()
            browser.close()
    finally:
        server.shutdown()
    return {"ready_ms": max(ready), "query_ms": slowest}


def build_ours(project: Path, dump: Path) -> dict:
    """The real build, as `make site` runs it, with the offline bundle.

    It also saves the rendered pages into dump (see DUMP_HOOK), so it is not
    one of the timed builds. Returns the peak memory and wall time of the run.
    """
    config_file = project / "mkdocs.yml"
    config = config_file.read_text(encoding="utf-8")
    hooks = HOOKS.search(config)
    if not hooks:
        raise BuildFailed("could not find the hooks: entry in mkdocs.yml")
    (project / "bench_dump.py").write_text(DUMP_HOOK, encoding="utf-8")
    config_file.write_text(config[:hooks.end()] + "  - bench_dump.py\n" + config[hooks.end():], encoding="utf-8")
    try:
        full = run_measured([sys.executable, "scripts/build.py"], project, {"BENCH_DUMP": str(dump)})
    finally:
        config_file.write_text(config, encoding="utf-8")
        (project / "bench_dump.py").unlink()
    return full


# The formats beyond the web site, each made again on its own from the full build's results,
# so that their cost is measured apart from the web site's (which compares with the baseline).
MAKE_PRINTED = """
import sys; from pathlib import Path; sys.path.insert(0, "scripts")
from print_pack import make_packs; from sitedata.load import load_site_data
make_packs(Path("."), load_site_data(Path(".")), Path(sys.argv[1]))
"""
MAKE_ZIMS = """
import sys, zipfile; from pathlib import Path; sys.path.insert(0, "scripts")
from zim import make_zims
zipfile.ZipFile(next(Path("dist").glob("*.zip"))).extractall(sys.argv[2])
make_zims(Path(sys.argv[2]), Path(sys.argv[1]), None)
"""


def format_costs(project: Path, folder: Path) -> dict:
    """CPU seconds and MB of the printed documents (both languages, with loading the data) and of
    the ZIM files (with unpacking the offline site from the zip)."""
    costs = {}
    for kind, code in (("pdf", MAKE_PRINTED), ("zim", MAKE_ZIMS)):
        out, scratch = folder / f"{kind}-out", folder / f"{kind}-scratch"
        out.mkdir()
        run = run_measured([sys.executable, "-c", code, str(out), str(scratch)], project)
        costs[f"{kind}_cpu"], costs[f"{kind}_mb"] = run["cpu"], tree_bytes(out) / MB
    costs["zip_mb"] = next((project / "dist").glob("*.zip")).stat().st_size / MB
    return costs


def build_site_only(project: Path) -> dict:
    """What build.py does for the web site alone: the MkDocs build with our hooks, and what follows."""
    return run_measured([sys.executable, "scripts/build.py", "--no-bundle"], project)


# --- the baseline: the same pages as plain Markdown, bare MkDocs + Material ---

def make_baseline(project: Path, dump: Path, dest: Path) -> Path:
    """A copy of the built project whose pages are the Markdown our hooks produced (from
    dump), and whose mkdocs.yml lacks the hooks: entry (our hook, scripts/hooks.py).

    Theme, overrides, search, i18n and Markdown extensions stay, so the only
    difference is the data and macro layer (and what build.py does around MkDocs).
    """
    top = str(project)
    shutil.copytree(project, dest, ignore=lambda folder, names: [  # sources only, not site/ nor dist/
        n for n in names if n == "__pycache__" or folder == top and n.startswith(("site", "dist"))])
    pages = sorted(p.relative_to(dest / "docs") for p in (dest / "docs").rglob("*.md"))
    missing = [str(p) for p in pages if not (dump / p).is_file()]
    if missing:
        raise BuildFailed(f"the baseline lacks the rendered Markdown of {len(missing)} pages, e.g. {missing[0]}")
    for page in pages:
        shutil.copyfile(dump / page, dest / "docs" / page)
    config_file = dest / "mkdocs.yml"
    config = config_file.read_text(encoding="utf-8")
    config_file.write_text(HOOKS.sub("", config, count=1), encoding="utf-8")
    return dest


def build_baseline(project: Path) -> dict:
    # Into an empty folder, as our build writes into site.new/: MkDocs emptying the last
    # site first would count against the baseline (our build's removal of the old site counts).
    shutil.rmtree(project / "site", ignore_errors=True)
    return run_measured([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet",
                         "--site-dir", str(project / "site")], project)


# --- one scale ----------------------------------------------------------------

def fastest(runs: list[dict]) -> dict:
    """The least wall and CPU time of repeated runs: other work on the machine only adds time."""
    return {"seconds": min(r["seconds"] for r in runs), "cpu": min(r["cpu"] for r in runs)}


def real_pages(workdir: Path) -> int:
    """Pages per language of the real content: the project built once, as it is."""
    project = copy_project(workdir / "real")
    build_site_only(project)
    return pages_per_language(project)[LANGUAGES[0]]


def bench_scale(scale: int, real: int, workdir: Path, repeat: int) -> dict:
    folder = workdir / f"x{scale}"
    project = copy_project(folder / "ours")
    add_meetings(project, (scale - 1) * real)
    print(f"  {scale}x: building {scale * real} pages per language ...", flush=True)
    full = build_ours(project, folder / "rendered")
    site = project / "site"
    sizes = {p.relative_to(site).as_posix(): p.stat().st_size for p in site.rglob("*.html")}
    largest = max(sizes, key=sizes.get)
    pages = pages_per_language(project)
    print(f"  {scale}x: timing our build and the baseline (bare MkDocs + Material), {repeat} each ...", flush=True)
    base_project = make_baseline(project, folder / "rendered", folder / "baseline")
    site_runs, base_runs = [], []
    for _ in range(repeat):  # in turn, so that both meet the same conditions
        site_runs.append(build_site_only(project))
        base_runs.append(build_baseline(base_project))
    ours, base = fastest(site_runs), fastest(base_runs)
    print(f"  {scale}x: timing the printed documents and the ZIM files on their own ...", flush=True)
    costs = format_costs(project, folder)
    total_pages = sum(pages.values())
    return {
        "scale": scale, "pages_per_language": pages[LANGUAGES[0]], "pages": total_pages,
        "seconds": ours["seconds"], "cpu": ours["cpu"], "pages_per_s": total_pages / ours["cpu"],
        "peak_mb": full["peak_mb"], "output_mb": tree_bytes(site) / MB,
        "largest": largest, "largest_kb": sizes[largest] / KB, "html_sizes": sizes,
        "search_kb": search_index_bytes(site) / KB,
        "search_addition_kb": search_addition_bytes(site) / KB,
        "search_times": search_times(site) if scale == 10 else None,  # its goal is at 10x (search_goals)
        "bundle_mb": next((project / "dist").glob("*.iso")).stat().st_size / MB,  # the offline bundle's ISO image
        "bundle_seconds": full["seconds"] - ours["seconds"],
        "baseline_s": base["seconds"], "baseline_cpu": base["cpu"],
        # CPU time, not wall time: other work on the machine then changes the ratio less. Each of our
        # builds is compared with the baseline built just after it, and the middle ratio is kept:
        # on a shared machine one build in a few is slowed by a fifth or more.
        "pairs": len(site_runs),
        "ratio": statistics.median(o["cpu"] / b["cpu"] for o, b in zip(site_runs, base_runs)),
        **costs,
    }


# --- report ---------------------------------------------------------------------

# The table's columns: heading, the figure of a row (bench_scale's keys), how it is written.
COLUMNS = (("scale", "scale", "{}x"),
           ("pages per language", "pages_per_language", "{}"),
           ("build s", "cpu", "{:.1f}"),
           ("pages/s", "pages_per_s", "{:.0f}"),
           ("peak MB", "peak_mb", "{:.0f}"),
           ("output MB", "output_mb", "{:.1f}"),
           ("largest page KB", "largest_kb", "{:.1f}"),
           ("search index KB", "search_kb", "{:.0f}"),
           ("bundle MB", "bundle_mb", "{:.1f}"),
           ("baseline s", "baseline_cpu", "{:.1f}"),
           ("ratio", "ratio", "{:.2f}"),
           ("PDF s", "pdf_cpu", "{:.1f}"),
           ("PDF MB", "pdf_mb", "{:.1f}"),
           ("ZIM s", "zim_cpu", "{:.1f}"),
           ("ZIM MB", "zim_mb", "{:.1f}"),
           ("zip MB", "zip_mb", "{:.1f}"))


def table(rows: list[dict]) -> str:
    lines = ["| " + " | ".join(heading for heading, _, _ in COLUMNS) + " |", "|" + "---:|" * len(COLUMNS)]
    for r in rows:
        lines.append("| " + " | ".join(form.format(r[key]) for _, key, form in COLUMNS) + " |")
    return "\n".join(lines)


def largest_by_kind(sizes: dict[str, int]) -> dict[str, tuple[int, str]]:
    """The largest page of each kind: pages whose paths differ only in numbers
    (meetings/3.html and meetings/12.html; the synthetic copies of one event)."""
    kinds: dict[str, tuple[int, str]] = {}
    for path, size in sizes.items():
        kind = NUMBERS.sub("<n>", path)
        kinds[kind] = max(kinds.get(kind, (0, "")), (size, path))
    return kinds


def growing_kinds(small: dict, big: dict) -> list[tuple[str, int, int]]:
    """Kinds of page whose largest page grew by more than MAX_KIND_GROWTH: (kind, bytes before, after)."""
    before, after = largest_by_kind(small["html_sizes"]), largest_by_kind(big["html_sizes"])
    grown = [(kind, before[kind][0], after[kind][0]) for kind in before
             if kind in after and after[kind][0] > MAX_KIND_GROWTH * before[kind][0]]
    return sorted(grown, key=lambda g: g[1] - g[2])


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def overhead_goal(r: dict) -> str:
    return (f"{verdict(r['ratio'] <= MAX_OVERHEAD)}  data and macro layer at {r['scale']}x: "
            f"{(r['ratio'] - 1) * 100:+.0f}% to bare MkDocs + Material (CPU, median of {r['pairs']} pairs; "
            f"fastest {r['cpu']:.1f} s vs {r['baseline_cpu']:.1f} s, wall {r['seconds']:.1f} s vs "
            f"{r['baseline_s']:.1f} s; goal: at most +{(MAX_OVERHEAD - 1) * 100:.0f}%)")


def linear_goal(by_scale: dict) -> str:
    if 10 not in by_scale or 100 not in by_scale:
        return "n/a   linear growth: needs scales 10 and 100"
    per10, per100 = (by_scale[s]["cpu"] / by_scale[s]["pages"] * 1000 for s in (10, 100))
    return (f"{verdict(per100 <= MAX_PER_PAGE_GROWTH * per10)}  linear growth: CPU {per100:.1f} ms/page at 100x "
            f"vs {per10:.1f} ms/page at 10x = {per100 / per10:.2f}x (goal: at most {MAX_PER_PAGE_GROWTH:.2f}x)")


def page_size_goals(rows: list[dict], big: dict) -> list[str]:
    """The largest page, and whether pages grow with the site, between the two largest scales.

    Pages are compared kind by kind (largest to largest): which items fill the 40 places
    of a list page changes with the scale, and the last page of a list is partly filled."""
    line = (f"{verdict(big['largest_kb'] < MAX_PAGE_KB)}  largest page at {big['scale']}x: "
            f"{big['largest']} {big['largest_kb']:.1f} KB (goal: under {MAX_PAGE_KB} KB)")
    smaller = [r for r in rows if r["scale"] < big["scale"]]
    if not smaller:
        return [line]
    grown = growing_kinds(smaller[-1], big)
    listed = "; ".join(f"{kind} {before / KB:.1f} KB -> {after / KB:.1f} KB" for kind, before, after in grown[:6])
    return [line, f"{verdict(not grown)}  no kind of page grows with the site ({smaller[-1]['scale']}x -> "
                  f"{big['scale']}x, largest page of each kind): "
                  + (listed or f"none grew by more than {(MAX_KIND_GROWTH - 1) * 100:.0f}%")]


def bundle_goal(big: dict) -> str:
    return (f"{verdict(big['bundle_mb'] <= CD_MB)}  offline bundle at {big['scale']}x: "
            f"ISO image {big['bundle_mb']:.1f} MB (goal: fits a {CD_MB} MB CD)")


def goals(rows: list[dict]) -> list[str]:
    by_scale = {r["scale"]: r for r in rows}
    big = by_scale.get(100) or rows[-1]
    return ([overhead_goal(r) for r in rows] + [linear_goal(by_scale)]
            + page_size_goals(rows, big) + [bundle_goal(big), zim_goal(big)] + search_goals(by_scale, big))


def zim_goal(big: dict) -> str:
    """Issue 14: the ZIM files of both languages together are smaller than the zip."""
    return (f"{verdict(big['zim_mb'] < big['zip_mb'])}  ZIM files at {big['scale']}x: both languages "
            f"{big['zim_mb']:.1f} MB together, the zip {big['zip_mb']:.1f} MB (goal: smaller than the zip)")


def search_goals(by_scale: dict, big: dict) -> list[str]:
    """Issue 13: what a search loads stays small; results come fast."""
    loaded = (big["search_kb"] + big["search_addition_kb"]) / big["search_kb"]
    out = [f"{verdict(loaded <= MAX_SEARCH_GROWTH)} search at {big['scale']}x loads the index "
           f"{big['search_kb']:.0f} KB + the site's worker addition (alias table) {big['search_addition_kb']:.0f} KB "
           f"= {loaded:.2f}x the index alone (goal: at most {MAX_SEARCH_GROWTH}x)"]
    ten = by_scale.get(10)
    times = ten and ten["search_times"]
    if times:
        out.append(f"{verdict(times['query_ms'] < MAX_SEARCH_MS)} search at 10x: first result "
                   f"{times['query_ms']:.0f} ms after the keyup of the slowest query; search ready "
                   f"{times['ready_ms']:.0f} ms after the page began to load (goal: results under {MAX_SEARCH_MS} ms)")
    else:
        out.append("search at 10x: not timed (needs 10x among --scales, and Playwright with Debian's chromium: "
                   "make test installs them)")
    return out


def notes(rows: list[dict]) -> list[str]:
    out = ["build s: scripts/build.py building the web site (validation, strict MkDocs build with our hooks, "
           "what follows), without the offline bundle; baseline s: the same pages as plain Markdown (macros "
           "expanded) built by bare MkDocs + Material with the same mkdocs.yml without scripts/hooks.py. Both are CPU "
           "seconds of all their processes (on an idle machine, the wall time), fastest of --repeat runs; "
           "ratio: our build / the baseline built just after it, the median of --repeat pairs; "
           "pages/s: both languages per build second.",
           "peak MB: the whole build.py run (site and bundle); search index KB: the largest (one per language); "
           "bundle MB: the ISO image in dist/.",
           "PDF s, ZIM s: CPU seconds to make the printed documents (loading the data included) and the "
           "ZIM files (unpacking the offline site included) on their own, after the build; `make site` makes "
           "both, a preview (`--no-bundle`, `mkdocs serve`) neither. PDF MB, ZIM MB: both languages together."]
    out += [f"the offline bundle added {r['bundle_seconds']:.1f} s (wall) at {r['scale']}x" for r in rows]
    busy = [r["scale"] for r in rows if r["seconds"] > 1.25 * r["cpu"] or r["baseline_s"] > 1.25 * r["baseline_cpu"]]
    if busy:
        out.append("the machine was busy at " + ", ".join(f"{s}x" for s in busy)
                   + " (wall time well above CPU time): wall times there are inflated; the table uses CPU time.")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scales", default="1,10,100", help="comma-separated multiples of the real content")
    parser.add_argument("--keep", action="store_true", help="keep the temporary copies")
    parser.add_argument("--repeat", type=int, default=3,
                        help="time our build and the baseline this many times each, in turn (default 3)")
    args = parser.parse_args(argv)
    scales = sorted({int(s) for s in args.scales.split(",") if s.strip()})

    workdir = Path(tempfile.mkdtemp(prefix="bsr-bench-"))
    started = time.monotonic()
    try:
        print(f"Benchmark in {workdir} (scales: {', '.join(f'{s}x' for s in scales)})", flush=True)
        real = real_pages(workdir)
        rows = [bench_scale(scale, real, workdir, max(1, args.repeat)) for scale in scales]
    except BuildFailed as err:
        print(f"\nA build failed, so there are no figures:\n{err}", file=sys.stderr)
        return 1
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
    print()
    print(table(rows))
    print()
    print("Goals (issues 4, 13 and 14):")
    for line in goals(rows):
        print("  " + line)
    print()
    for note in notes(rows):
        print("Note: " + note)
    print(f"Whole benchmark: {time.monotonic() - started:.0f} s" + (f"; copies kept in {workdir}" if args.keep else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
