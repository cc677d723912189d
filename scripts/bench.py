#!/usr/bin/env python3
"""Benchmark how the build and the pages scale. Not a test: it prints tables and writes them as JSON.

    python scripts/bench.py                       # every part (`make bench`)
    python scripts/bench.py --only weight,search  # some parts: build, hook, weight, paint, search, lighthouse, checks
    python scripts/bench.py --runs 5 --json bench.json

Parts (each figure is the median of --runs runs, unless the table says otherwise):
  build   strict `mkdocs build` of synthetic guides (scripts/synthetic_guide.py) of 50, 200 and 800
          pages in 1, 4 and 8 languages: seconds, seconds per page-language, peak memory.
  hook    one synthetic guide built with the guide's hook and with it switched off, alternating:
          the median ratio of the pairs built one after the other (target: at most 1.10), and
          where the hook's time goes (each event and its costly parts, timed inside one build).
  weight  the default guide in Chromium: bytes a reader downloads on a first visit and on a second
          page (HTML, CSS, JS, fonts, images, raw and gzip), before search is opened (target: at
          most 50 KB gzip); what the reader's first touch fetches (Material's script, which waits
          for it); and each language's search index (target: none over 150 KB gzip).
  paint   largest contentful paint and total blocking time on an emulated slow 4G phone
          (Lighthouse's "Slow 4G": 150 ms round trip, 1.6 Mbit/s down, CPU four times slower;
          target: total blocking time at most 150 ms).
  search  time from a keystroke in the real search box to results shown, in every language, and
          the share of each language's table queries (tests/data/search_queries, whole questions
          among them) whose answer is in the first three results (target: all).
  lighthouse  Lighthouse 12.2.3 (tests/node, `npm ci`) mobile, its default emulation and throttling,
          on the home page, FAQ, procedures and directory in English and Arabic and the FAQ in every
          other language, served with gzip and the host headers as a static host sends them, from a
          build with site_url set to the address it is served at (as a published guide has one):
          the median of --lighthouse-runs runs per category (targets: performance 95, accessibility,
          best practices and SEO 100), and the audits that cost points.

Chromium is Debian's (`make bench` installs it when missing); nothing is downloaded.
Exit status: 0 measured (a missed target is reported, not an error), 1 a build or page failed, 2 usage.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import os
import platform
import statistics
import subprocess
import sys
import shutil
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from pathlib import Path
from urllib.parse import urlsplit

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))
sys.path.insert(0, str(ROOT / "scripts"))

from guide import settings  # noqa: E402
from synthetic_guide import make_guide  # noqa: E402

PARTS = ("build", "hook", "weight", "paint", "search", "lighthouse", "checks")
PAGES = (50, 200, 800)
LANGUAGES = (1, 4, 8)
HOOK_GUIDE = (100, 4)          # pages, languages of the hook on/off comparison
HOOK_PAIRS = 5                 # builds with and without the hook, one after the other
FIRST_VISIT_TARGET = 50_000    # bytes, gzip, before search is opened (at most)
BLOCKING_TARGET_MS = 150       # total blocking time (at most)
INDEX_TARGET = 150_000         # bytes, gzip, per language
# Lighthouse's mobile "Slow 4G" profile, as Chrome DevTools applies it.
SLOW_4G = {"offline": False, "latency": 150, "downloadThroughput": 1.6 * 1024 * 1024 / 8 * 0.9,
           "uploadThroughput": 750 * 1024 / 8 * 0.9}
CPU_SLOWDOWN = 4
FIRST_SEARCH_WAIT_MS = 60_000  # the first keystroke loads the index and the worker indexes it
PHONE = {"viewport": {"width": 412, "height": 823}, "device_scale_factor": 1.75, "is_mobile": True,
         "has_touch": True}
# A query per language that finds something, typed as a reader would (tests/data/search_queries);
# a whole question in English, whose every word of 5+ letters is searched with a letter wrong too.
SEARCH_QUERIES = {"en": "can I bring an advocate", "cy": "eiriolwr", "ar": "مناصر", "pl": "rzecznik", "ro": "avocat",
                  "ur": "شکایت", "bn": "সমাজকর্মী", "so": "u doode"}


LIGHTHOUSE = ROOT / "tests" / "node" / "node_modules" / "lighthouse"   # npm ci in tests/node
VNU = ROOT / "tests" / "node" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"  # the Nu HTML checker
LIGHTHOUSE_RUNNER = ROOT / "tests" / "node" / "lighthouse-runs.mjs"
LIGHTHOUSE_TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
LIGHTHOUSE_TIMEOUT = 180       # seconds for one run; a run that takes longer is reported, not fatal


class BenchError(Exception):
    """A build or a page failed: the figures would mean nothing."""


# --- Build cost ------------------------------------------------------------------------------

# Builds run as on an organisation's machine: Python keeps the hook's compiled bytecode between
# runs (a sandbox setting PYTHONDONTWRITEBYTECODE would make every build compile the hook again).
BUILD_ENV = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}


def timed_build(config_file: Path, site_dir: Path, env: dict[str, str] | None = None,
                mkdocs: list[str] | None = None) -> tuple[float, float, float]:
    """One strict build in a fresh process: (seconds, peak memory in MB, CPU seconds). CPU time
    (user + system, the build's own) barely moves when other work slows a shared machine down.
    `mkdocs`: the command that runs MkDocs (`python -m mkdocs` unless told)."""
    with tempfile.TemporaryFile() as errors:
        started = time.perf_counter()
        process = subprocess.Popen([*(mkdocs or [sys.executable, "-m", "mkdocs"]), "build", "--strict", "--quiet",
                                    "--config-file", str(config_file), "--site-dir", str(site_dir)],
                                   stdout=subprocess.DEVNULL, stderr=errors, env={**BUILD_ENV, **(env or {})})
        _, status, usage = os.wait4(process.pid, 0)  # the child's own peak memory, not the largest so far
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            errors.seek(0)
            raise BenchError(f"the build of {config_file} failed:\n{errors.read().decode()[-2000:]}")
    return seconds, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime


def build_cell(work: Path, pages: int, languages: int, runs: int, long_build: float) -> dict:
    """One guide size: `runs` strict builds (one, or an odd number, once a build takes long)."""
    folder = work / f"build-{pages}x{languages}"
    config_file = make_guide(folder, pages, languages)
    times, memory, cpu = [], [], []
    while len(times) < runs:
        seconds, mb, cpu_seconds = timed_build(config_file, folder / "site")
        times.append(seconds)
        memory.append(mb)
        cpu.append(cpu_seconds)
        if seconds > long_build and len(times) % 2 == 1:
            break
    median = statistics.median(times)
    return {"pages": pages, "languages": languages, "runs": len(times), "seconds": round(median, 2),
            "cpu_seconds": round(statistics.median(cpu), 2),
            "ms_per_page_language": round(1000 * median / (pages * languages), 1), "peak_mb": round(max(memory))}


def bench_build(work: Path, runs: int, long_build: float, jobs: int, say) -> list[dict]:
    """Every guide size; `jobs` sizes build at once (each build is one process on one core), the
    largest first so that the slowest does not start last."""
    cells = sorted(((p, n) for p in PAGES for n in LANGUAGES), key=lambda cell: -cell[0] * cell[1])
    rows: dict[tuple[int, int], dict] = {}
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        futures = {pool.submit(build_cell, work, p, n, runs, long_build): (p, n) for p, n in cells}
        for future in as_completed(futures):
            row = future.result()
            rows[futures[future]] = row
            say(f"build {row['pages']} pages x {row['languages']} languages: {row['seconds']} s "
                f"({row['runs']} run(s))")
    return [rows[(p, n)] for p in PAGES for n in LANGUAGES]


def growth(rows: list[dict]) -> dict:
    """How far from linear: the cost of a page-language in the largest guide against the cheapest
    cost of any guide of 400 page-languages or more (start-up time hides the smaller ones)."""
    big = [row for row in rows if row["pages"] * row["languages"] >= 400]
    if len(big) < 2:
        return {}
    largest = max(big, key=lambda row: row["pages"] * row["languages"])
    cheapest = min(row["ms_per_page_language"] for row in big)
    return {"largest": f"{largest['pages']}x{largest['languages']}",
            "ratio": round(largest["ms_per_page_language"] / cheapest, 2)}


# MkDocs started with the guide plugin's events, and the parts that cost most, timed from inside a
# build. Written next to the synthetic guide; its figures go to the JSON file named by GUIDE_HOOK_TIMES.
TIMED_MKDOCS = '''"""Benchmark only: mkdocs, with the guide plugin's events and costly parts timed."""
import atexit, functools, json, os, sys, time
sys.path.insert(0, {hooks!r})
started = time.perf_counter()
from guide import plugin  # noqa: E402
TIMES = {{"import": time.perf_counter() - started}}


def timed(owner, name, key):
    function = getattr(owner, name)

    @functools.wraps(function)  # keeps an event's priority (an attribute of the function)
    def wrapper(*args, **kwargs):
        start = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            TIMES[key] = TIMES.get(key, 0.0) + time.perf_counter() - start
    return wrapper


# Patched on the class before MkDocs makes the plugin, so that the events it registers are these.
for owner, name in {parts!r}:
    place = plugin.GuidePlugin if owner == "plugin" else getattr(plugin, owner)  # a method, or a module's function
    setattr(place, name, timed(place, name, f"{{owner}}.{{name}}"))
for event in {events!r}:
    setattr(plugin.GuidePlugin, event, timed(plugin.GuidePlugin, event, event))
atexit.register(lambda: open(os.environ["GUIDE_HOOK_TIMES"], "w").write(json.dumps(TIMES)))
from mkdocs.__main__ import cli  # noqa: E402
sys.exit(cli())
'''
HOOK_EVENTS = ("on_config", "on_files", "on_page_markdown", "on_page_content", "on_page_context", "on_env",
               "on_post_template", "on_post_build")
# The parts of the hook's work timed inside its events.
HOOK_PARTS = (("plugin", "_translation_state"), ("checks", "source_problems"),
              ("markers", "replace_inline_in_source"), ("markers", "replace_in_html"), ("plugin", "_structured_data"),
              ("theme_css", "prune_stylesheets"), ("hosting", "write_host_files"), ("search", "split_index"))


def hook_profile(work: Path, say) -> dict:
    """Where the hook's time goes: one build of the hook comparison's guide, each event timed inside it."""
    folder = work / "hook-on"
    timed_mkdocs = folder / "timed_mkdocs.py"
    timed_mkdocs.write_text(TIMED_MKDOCS.format(hooks=str(ROOT / "hooks"), parts=list(HOOK_PARTS),
                                                events=list(HOOK_EVENTS)), encoding="utf-8")
    times_file = folder / "hook-times.json"
    seconds = timed_build(folder / "mkdocs.yml", folder / "site", env={"GUIDE_HOOK_TIMES": str(times_file)},
                          mkdocs=[sys.executable, str(timed_mkdocs)])[0]
    times = json.loads(times_file.read_text(encoding="utf-8"))
    events = ("import",) + HOOK_EVENTS
    hook = sum(times.get(name, 0.0) for name in events)
    result = {"build_seconds": round(seconds, 2), "hook_seconds": round(hook, 2),
              "events": {name: round(times.get(name, 0.0), 3) for name in events},
              "parts": {f"{owner}.{name}": round(times.get(f"{owner}.{name}", 0.0), 3) for owner, name in HOOK_PARTS}}
    say(f"hook inside one build: {result['hook_seconds']} s of {result['build_seconds']} s")
    return result


def bench_hook(work: Path, runs: int, say) -> dict:
    """The same guide with the hook and with it switched off, built alternately.

    The ratio is the median of the ratios of each pair of builds run one after the other: on a
    shared machine whose speed drifts by 10-20% from minute to minute, two builds a few seconds
    apart are slowed alike, where the medians of all the builds with and without can be taken at
    different speeds. Each pair runs in the other order from the one before."""
    pages, languages = HOOK_GUIDE
    on = make_guide(work / "hook-on", pages, languages, hook=True)
    off = make_guide(work / "hook-off", pages, languages, hook=False)
    times: dict[str, list[float]] = {"on": [], "off": []}
    cpu: dict[str, list[float]] = {"on": [], "off": []}
    timed_build(on, work / "hook-on" / "site")  # warm the disk cache and write the bytecode
    timed_build(off, work / "hook-off" / "site")
    for run in range(runs):
        # Which goes first alternates (on-off, off-on, ...): a machine speeding up or slowing down
        # during a pair then favours neither side over the run.
        for which in ("on", "off") if run % 2 == 0 else ("off", "on"):
            config = on if which == "on" else off
            seconds, _, cpu_seconds = timed_build(config, config.parent / "site")
            times[which].append(seconds)
            cpu[which].append(cpu_seconds)
    result = {"pages": pages, "languages": languages, "runs": runs,
              "with_hook": round(statistics.median(times["on"]), 2),
              "without_hook": round(statistics.median(times["off"]), 2),
              "pair_ratios": [round(a / b, 3) for a, b in zip(times["on"], times["off"])]}
    result["ratio"] = round(statistics.median(a / b for a, b in zip(times["on"], times["off"])), 3)
    result.update({"with_hook_cpu": round(statistics.median(cpu["on"]), 2),
                   "without_hook_cpu": round(statistics.median(cpu["off"]), 2),
                   "cpu_ratio": round(statistics.median(a / b for a, b in zip(cpu["on"], cpu["off"])), 3)})
    say(f"hook: {result['ratio']}x ({result['with_hook']} s with, {result['without_hook']} s without; "
        f"pairs {result['pair_ratios']})")
    result["profile"] = hook_profile(work, say)
    return result


# --- The reader's side (Chromium) ------------------------------------------------------------

def reader_pages(config: dict) -> dict[str, str]:
    """The pages the issue names, as URL paths of the default language: the home page, the FAQ,
    the longest page of the local procedures, and the directory."""
    docs = ROOT / config.get("docs_dir", "docs")
    english = [p for p in docs.rglob("*.md") if p.name.count(".") == 1]
    procedures = max((p for p in english if p.relative_to(docs).parts[0] == "procedures"),
                     key=lambda p: p.stat().st_size)
    faq = (settings.guide_settings(config).get("faq_pages") or ["families/faq.md"])[0]

    def url(path: str) -> str:
        path = path.removesuffix(".md")
        return "" if path == "index" else path.removesuffix("index") if path.endswith("index") else path + "/"

    return {"home": "", "faq": url(faq), "procedures": url(procedures.relative_to(docs).as_posix()),
            "directory": url("help/directory.md")}


def gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6))  # what static hosts send by default


def kind_of(path: str) -> str:
    suffix = Path(path).suffix.lower()
    for kind, suffixes in {"html": {".html", ""}, "css": {".css"}, "js": {".js"},
                           "font": {".woff", ".woff2", ".ttf", ".otf"},
                           "image": {".png", ".svg", ".jpg", ".jpeg", ".webp", ".gif", ".ico"},
                           "search index": {".json"}}.items():
        if suffix in suffixes:
            return kind
    return "other"


def file_for(site: Path, url: str, base: str) -> Path | None:
    if not url.startswith(base):
        return None
    path = site / urlsplit(url).path[len(urlsplit(base).path):]
    if path.is_dir() or not path.suffix:
        path = path / "index.html"
    return path if path.is_file() else None


def downloads(site: Path, urls: list[str], base: str) -> dict:
    """Bytes of each kind for `urls`, raw and gzip, from the files on disk."""
    by_kind: dict[str, dict[str, int]] = {}
    for url in dict.fromkeys(urls):
        path = file_for(site, url, base)
        if path is None:
            continue
        data = path.read_bytes()
        entry = by_kind.setdefault(kind_of(path.name), {"raw": 0, "gzip": 0, "files": 0})
        entry["raw"] += len(data)
        entry["gzip"] += gzip_size(data)
        entry["files"] += 1
    total = {"raw": sum(e["raw"] for e in by_kind.values()), "gzip": sum(e["gzip"] for e in by_kind.values()),
             "files": sum(e["files"] for e in by_kind.values())}
    return {"total": total, "by_kind": by_kind}


def open_chromium(playwright):
    from local_browser import CHROMIUM_ARGS, chromium_path
    return playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)


def visit(context, url: str) -> list[str]:
    """The URLs a page asks for until the network is quiet."""
    page = context.new_page()
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url))
    response = page.goto(url, wait_until="networkidle")
    if response is None or not response.ok:
        raise BenchError(f"{url} did not load ({response.status if response else 'no response'})")
    page.close()
    return asked


# The reader's first touch (the down arrow key here, which never follows a link): Material's script, which waits for it
# (hooks/guide/theme/assets/guide/load-material.js), arrives and runs.
def first_touch(context, url: str) -> list[str]:
    """The URLs a page asks for after the reader's first touch, until Material's script has run."""
    page = context.new_page()
    page.goto(url, wait_until="networkidle")
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url))
    page.keyboard.press("ArrowDown")
    page.wait_for_function("() => document.documentElement.classList.contains('js')")  # Material's bundle ran
    page.wait_for_timeout(500)  # whatever it asks for in turn
    page.close()
    return asked


def bench_weight(chromium, site: Path, base: str, pages: dict[str, str], locales: list[str], default: str,
                 say) -> dict:
    result: dict = {"pages": [], "search_index": []}
    for locale in [default, "ar"] if "ar" in locales else [default]:
        prefix = "" if locale == default else f"{locale}/"
        for name, path in pages.items():
            second_name = "faq" if name != "faq" else "home"
            context = chromium.new_context(**PHONE)  # empty cache: a first visit
            first = visit(context, base + prefix + path)
            seen = set(first)
            second = [u for u in visit(context, base + prefix + pages[second_name]) if u not in seen]
            context.close()
            context = chromium.new_context(**PHONE)
            touch = first_touch(context, base + prefix + path)
            context.close()
            row = {"locale": locale, "page": name, "first_visit": downloads(site, first, base),
                   "second_page": downloads(site, second, base), "second_page_is": second_name,
                   "first_touch": downloads(site, touch, base),
                   "off_site": sorted({u for u in first + second if not u.startswith(base)})}
            row["search_index_loaded"] = any(u.endswith("search_index.json") for u in first)
            result["pages"].append(row)
            say(f"weight {locale} {name}: {row['first_visit']['total']['gzip'] / 1000:.1f} KB gzip first visit")
    for locale in locales:
        index = site / ("" if locale == default else locale) / "search" / "search_index.json"
        data = index.read_bytes()
        result["search_index"].append({"locale": locale, "raw": len(data), "gzip": gzip_size(data),
                                       "entries": len(json.loads(data)["docs"])})
    return result


# Recorded from the start of each page: largest contentful paint and long tasks.
PERFORMANCE_OBSERVER = """
window.__bench = {lcp: 0, longTasks: []};
new PerformanceObserver(list => { for (const e of list.getEntries()) window.__bench.lcp = e.startTime; })
  .observe({type: 'largest-contentful-paint', buffered: true});
new PerformanceObserver(list => { for (const e of list.getEntries())
  window.__bench.longTasks.push([e.startTime, e.duration]); }).observe({type: 'longtask', buffered: true});
"""
# Total blocking time: the part over 50 ms of every long task after the first contentful paint.
READ_PERFORMANCE = """() => {
  const fcp = (performance.getEntriesByName('first-contentful-paint')[0] || {startTime: 0}).startTime;
  const tbt = window.__bench.longTasks.filter(([start]) => start >= fcp)
    .reduce((sum, [, duration]) => sum + Math.max(0, duration - 50), 0);
  return {lcp: window.__bench.lcp, fcp, tbt};
}"""


def bench_paint(chromium, base: str, pages: dict[str, str], locales: list[str], default: str, runs: int,
                say) -> list[dict]:
    rows = []
    for locale in [default, "ar"] if "ar" in locales else [default]:
        prefix = "" if locale == default else f"{locale}/"
        for name, path in pages.items():
            measured = []
            for _ in range(runs):
                context = chromium.new_context(**PHONE)
                page = context.new_page()
                cdp = context.new_cdp_session(page)
                cdp.send("Network.enable")
                cdp.send("Network.emulateNetworkConditions", SLOW_4G)
                cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
                page.add_init_script(PERFORMANCE_OBSERVER)
                page.goto(base + prefix + path, wait_until="load")
                page.wait_for_timeout(500)  # long tasks just after load still count
                measured.append(page.evaluate(READ_PERFORMANCE))
                context.close()
            row = {"locale": locale, "page": name, "runs": runs,
                   "fcp_ms": round(statistics.median(m["fcp"] for m in measured)),
                   "lcp_ms": round(statistics.median(m["lcp"] for m in measured)),
                   "tbt_ms": round(statistics.median(m["tbt"] for m in measured))}
            rows.append(row)
            say(f"paint {locale} {name}: LCP {row['lcp_ms']} ms, TBT {row['tbt_ms']} ms")
    return rows


# After a keystroke, the time until the result list changes.
WATCH_RESULTS = """() => {
  window.__search = {key: 0, shown: 0};
  document.addEventListener('keydown', () => { window.__search.key = performance.now(); }, true);
  const list = document.querySelector('.md-search-result__list');
  new MutationObserver(() => { window.__search.shown = performance.now(); })
    .observe(list, {childList: true, subtree: true});
}"""


def bench_search(chromium, base: str, locales: list[str], default: str, runs: int, say) -> list[dict]:
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    rows = []
    for locale in locales:
        query = SEARCH_QUERIES.get(locale)
        if not query:
            continue
        prefix = "" if locale == default else f"{locale}/"
        first, later, counts = [], [], []
        for _ in range(runs):
            context = chromium.new_context(**PHONE)
            page = context.new_page()
            page.goto(base + prefix, wait_until="networkidle")
            page.evaluate(WATCH_RESULTS)
            page.locator("label.md-search__icon, label[for='__search']").first.click()
            box = page.locator("input.md-search__input")
            waits = []
            for letter in query:
                page.evaluate("() => { window.__search.shown = 0; }")
                box.press_sequentially(letter)
                if not letter.isascii():
                    # Playwright inserts a letter no US key makes without a key event, and Material
                    # searches on a key event: press End, as a reader's next key would.
                    box.press("End")
                try:  # the first keystroke also loads and indexes the index (slow on a slow machine);
                    # a later one may leave the list as it is
                    page.wait_for_function("() => window.__search.shown > window.__search.key",
                                           timeout=FIRST_SEARCH_WAIT_MS if not waits else 3_000)
                except PlaywrightTimeout:
                    if not waits:  # reported in the table, not a crash: the other figures still count
                        say(f"search {locale}: nothing shown {FIRST_SEARCH_WAIT_MS // 1000} s after '{letter}'")
                        waits.append(None)
                    continue
                page.wait_for_timeout(150)  # a later batch of results for the same keystroke still counts
                waits.append(page.evaluate("() => window.__search.shown - window.__search.key"))
            if waits[0] is not None:
                first.append(waits[0])  # the first search also starts the search and reads the index
            later += waits[1:]
            counts.append(page.locator(".md-search-result__item").count())
            context.close()
        row = {"locale": locale, "query": query, "runs": runs,
               "first_keystroke_ms": round(statistics.median(first)) if first else None,  # None: nothing shown
               "next_keystrokes_ms": round(statistics.median(later)) if later else None,
               "results": min(counts)}
        rows.append(row)
        say(f"search {locale} '{query}': {row['first_keystroke_ms']} ms, then {row['next_keystrokes_ms']} ms")
    return rows


def bench_answers(site: Path, locales: list[str], default: str, say) -> list[dict]:
    """Per language, the table queries answered in the first three results, searched as the
    browser searches (tests/search_index.py: Material's worker in Python, with lazy-search.js's
    rewriting of the query)."""
    sys.path.insert(0, str(ROOT / "tests"))
    import yaml
    from search_index import search, shown

    rows = []
    for locale in locales:
        table_file = ROOT / "tests" / "data" / "search_queries" / f"{locale}.yml"
        if not table_file.exists():
            continue
        queries = yaml.safe_load(table_file.read_text(encoding="utf-8")) or []
        index = site / ("" if locale == default else locale) / "search" / "search_index.json"
        missed = [str(query) for query, expected in queries
                  if not any(expected in shown(group) for group in search(index, str(query))[:3])]
        row = {"locale": locale, "queries": len(queries), "answered": len(queries) - len(missed), "missed": missed}
        rows.append(row)
        say(f"search answers {locale}: {row['answered']} of {row['queries']} in the first three")
    return rows


# --- Lighthouse ------------------------------------------------------------------------------

def lighthouse_pages(pages: dict[str, str], locales: list[str], default: str) -> list[tuple[str, str, str]]:
    """(language, page, URL path): every page the issue names in English and Arabic, and the FAQ
    in every other language."""
    rows = []
    for locale in locales:
        prefix = "" if locale == default else f"{locale}/"
        names = pages if locale in (default, "ar") else {"faq": pages["faq"]}
        rows += [(locale, name, prefix + path) for name, path in names.items()]
    return rows


def lighthouse_runs(urls: list[str], runs: int, say) -> dict[str, list[dict]]:
    """Lighthouse `runs` times on each URL (tests/node/lighthouse-runs.mjs: one Node process, one
    Debian chromium): each URL's runs, a summary each (lighthouse_summary) or {"error": ...}. A run
    that fails or hangs is reported, never fatal; runs the process never gave count as failed."""
    import queue
    import threading

    from local_browser import CHROMIUM_ARGS, chromium_path

    flags = [flag for flag in CHROMIUM_ARGS if flag != "--headless"] + ["--headless=new"]
    process = subprocess.Popen(["node", str(LIGHTHOUSE_RUNNER), str(runs), str(LIGHTHOUSE_TIMEOUT), *urls],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=LIGHTHOUSE_RUNNER.parent,
                               env={**os.environ, "CHROME_PATH": chromium_path(), "CHROME_FLAGS": " ".join(flags)})
    lines: queue.Queue = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in process.stdout] + [lines.put(None)],
                     daemon=True).start()
    results: dict[str, list[dict]] = {url: [] for url in urls}
    for _ in range(runs * len(urls)):
        try:
            line = lines.get(timeout=LIGHTHOUSE_TIMEOUT + 60)  # the runner times each run out itself
        except queue.Empty:
            say("lighthouse: the runner gave nothing for too long; stopped")
            break
        if line is None:
            break
        try:
            run = json.loads(line)
        except json.JSONDecodeError:
            continue  # a line Lighthouse itself printed
        summary = lighthouse_summary(run["lhr"]) if "lhr" in run else {"error": run["error"]}
        for error in run.get("retried", []):  # the runner tried once more, and the second worked
            say(f"lighthouse {run['url']}: run {run['run']} tried again after: {error}")
            summary["retried"] = run["retried"]
        results[run["url"]].append(summary)
        if "error" in summary:
            say(f"lighthouse {run['url']}: run {run['run']} failed: {summary['error']}")
    if process.poll() is None:
        process.kill()
    process.wait()
    stderr = process.stderr.read().strip()
    for url, done in results.items():  # what the runner never reported (it crashed or was stopped)
        done += [{"error": "no result" + (f" ({stderr.splitlines()[-1][:200]})" if stderr else "")}] * (runs - len(done))
    return results


def lighthouse_summary(report: dict) -> dict:
    """A run's score for each category (0-100), its metrics, and the audits that cost points."""
    if report.get("runtimeError"):
        return {"error": report["runtimeError"].get("message", "runtime error")[:300]}
    audits = report["audits"]
    scores = {name: None if category["score"] is None else round(category["score"] * 100)
              for name, category in report["categories"].items()}
    lost = {name: sorted(ref["id"] for ref in category["auditRefs"]
                         if ref["weight"] > 0 and audits[ref["id"]]["score"] is not None
                         and audits[ref["id"]]["score"] < 1)
            for name, category in report["categories"].items()}
    metrics = {key: round(audits[key]["numericValue"], 3 if key == "cumulative-layout-shift" else 0)
               for key in ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time",
                           "speed-index", "cumulative-layout-shift") if key in audits}
    return {"scores": scores, "lost": lost, "metrics": metrics, "warnings": report.get("runWarnings", []),
            "version": report.get("lighthouseVersion"), "benchmark_index": report.get("benchmarkIndex")}


def lighthouse_row(locale: str, name: str, runs: list[dict], say) -> dict:
    """The median of each category and metric over the runs that worked; a failed run is counted."""
    done = [run for run in runs if "error" not in run]
    row: dict = {"locale": locale, "page": name, "runs": len(done), "failed_runs": len(runs) - len(done),
                 "errors": [run["error"] for run in runs if "error" in run],
                 "retried": [error for run in done for error in run.get("retried", [])]}
    if done:
        row["scores"] = {category: round(statistics.median(run["scores"][category] for run in done))
                         if all(run["scores"].get(category) is not None for run in done) else None
                         for category in LIGHTHOUSE_TARGETS}
        row["performance_runs"] = [run["scores"].get("performance") for run in done]
        row["metrics"] = {key: statistics.median(run["metrics"][key] for run in done) for key in done[0]["metrics"]}
        row["lost"] = {category: sorted({audit for run in done for audit in run["lost"].get(category, [])})
                       for category in LIGHTHOUSE_TARGETS}
        row["warnings"] = sorted({warning for run in done for warning in run["warnings"]})
    say(f"lighthouse {locale} {name}: " + (", ".join(f"{k} {v}" for k, v in row["scores"].items())
                                           if done else "no run worked"))
    return row


def free_port() -> int:
    import socket
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def bench_lighthouse(work: Path, config_file: Path, pages: dict[str, str], locales: list[str], default: str,
                     runs: int, say) -> dict:
    """The guide built as it is published (site_url its address: full canonical and hreflang
    links), served with gzip and the `_headers` the build writes, then Lighthouse on each page."""
    sys.path.insert(0, str(ROOT / "tests"))
    from browser import read_headers_file
    from guide.building import BuildFailed, build_site
    from local_browser import serve

    if not LIGHTHOUSE.exists():
        raise BenchError(f"{LIGHTHOUSE.relative_to(ROOT)} is missing: run `make bench` (it runs npm ci in tests/node)")
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    previous = os.environ.get("GUIDE_SITE_URL")
    os.environ["GUIDE_SITE_URL"] = base
    try:
        site = build_site(config_file, work / "lighthouse-site")
    except BuildFailed as error:
        raise BenchError(f"the guide did not build:\n{error}") from None
    finally:
        if previous is None:
            os.environ.pop("GUIDE_SITE_URL", None)
        else:
            os.environ["GUIDE_SITE_URL"] = previous
    targets = lighthouse_pages(pages, locales, default)
    started = time.perf_counter()
    with serve(site, headers=read_headers_file(site / "_headers"), compress=True, port=port):
        done = lighthouse_runs([base + path for _, _, path in targets], runs, say)
    rows = [lighthouse_row(locale, name, done[base + path], say) for locale, name, path in targets]
    versions = {run.get("version") for runs_of_page in done.values() for run in runs_of_page if "version" in run}
    return {"version": ", ".join(sorted(versions)) or "?", "runs": runs, "pages": rows,
            "minutes": round((time.perf_counter() - started) / 60, 1)}


# --- Report ----------------------------------------------------------------------------------

def machine() -> dict:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor()) if Path("/proc/cpuinfo").exists() \
        else platform.processor()
    memory = ""
    if Path("/proc/meminfo").exists():
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f"{kb / 1024 / 1024:.0f} GB"
    return {"date": dt.date.today().isoformat(), "cpu": cpu, "cores": os.cpu_count(), "memory": memory,
            "system": platform.platform(), "python": platform.python_version()}


def table(headings: list[str], rows: list[list]) -> str:
    cells = [[str(c) for c in row] for row in rows]
    widths = [max(len(h), *(len(r[i]) for r in cells)) if cells else len(h) for i, h in enumerate(headings)]
    line = lambda row: "| " + " | ".join(c.ljust(w) for c, w in zip(row, widths)) + " |"  # noqa: E731
    return "\n".join([line(headings), "| " + " | ".join("-" * w for w in widths) + " |"] + [line(r) for r in cells])


def kb(n: int) -> str:
    return f"{n / 1000:.1f}"


def report(results: dict) -> str:
    out = [f"Measured {results['machine']['date']} on {results['machine']['cpu']} "
           f"({results['machine']['cores']} cores, {results['machine']['memory']}), Python {results['machine']['python']}."]
    if "build" in results:
        rows = results["build"]["cells"]
        out += ["", f"Build (strict `mkdocs build` of a synthetic guide; median of the runs; "
                f"{results['build']['jobs']} built at once)",
                table(["pages", "languages", "runs", "seconds", "CPU seconds", "ms per page-language", "peak MB"],
                      [[r["pages"], r["languages"], r["runs"], r["seconds"], r.get("cpu_seconds", "-"),
                        r["ms_per_page_language"], r["peak_mb"]] for r in rows])]
        g = results["build"]["growth"]
        if g:
            out.append(f"Growth: a page-language of the {g['largest']} guide costs {g['ratio']}x the cheapest "
                       "(1.0 is linear in pages x languages).")
    if "hook" in results:
        h = results["hook"]
        verdict = "meets" if h["ratio"] <= 1.10 else "MISSES"
        pairs = ", ".join(str(r) for r in h.get("pair_ratios", []))
        out += ["", f"Hook share ({h['pages']} pages x {h['languages']} languages, {h['runs']} alternating pairs): "
                f"median {h['with_hook']} s with the hook, {h['without_hook']} s without; ratio {h['ratio']} "
                f"(median of the pairs {pairs}; {verdict} the 1.10 target)"]
        if "cpu_ratio" in h:
            out.append(f"CPU time: median {h['with_hook_cpu']} s with the hook, {h['without_hook_cpu']} s without; "
                       f"ratio {h['cpu_ratio']} (steadier than wall time on a busy machine)")
        if "profile" in h:
            prof = h["profile"]
            out += ["", f"Where the hook's time goes (seconds, timed inside one build of the same guide: "
                    f"{prof['hook_seconds']} s of {prof['build_seconds']} s)",
                    table(["event or part", "seconds"],
                          [[name, value] for name, value in prof["events"].items()]
                          + [[f"  {name}", value] for name, value in prof["parts"].items()])]
    if "weight" in results:
        w = results["weight"]
        out += ["", "Reader's download (KB; gzip as a static host sends it; before search is opened)",
                table(["language", "page", "first visit raw", "first visit gzip", "files", "second page gzip",
                       "first touch gzip", f"target {FIRST_VISIT_TARGET // 1000} KB"],
                      [[r["locale"], r["page"], kb(r["first_visit"]["total"]["raw"]),
                        kb(r["first_visit"]["total"]["gzip"]), r["first_visit"]["total"]["files"],
                        f"{kb(r['second_page']['total']['gzip'])} ({r['second_page_is']})",
                        kb(r["first_touch"]["total"]["gzip"]) if "first_touch" in r else "-",
                        "ok" if r["first_visit"]["total"]["gzip"] <= FIRST_VISIT_TARGET else "MISSED"]
                       for r in w["pages"]])]
        off_site = sorted({u for r in w["pages"] for u in r["off_site"]})
        out.append("Requests to another host: " + (", ".join(off_site) if off_site else "none"))
        out += ["", "Search index per language (KB)",
                table(["language", "entries", "raw", "gzip", "target 150 KB"],
                      [[r["locale"], r["entries"], kb(r["raw"]), kb(r["gzip"]),
                        "ok" if r["gzip"] <= INDEX_TARGET else "MISSED"] for r in w["search_index"]])]
    if "paint" in results:
        out += ["", f"Time to usable page (slow 4G phone: 150 ms, 1.6 Mbit/s, CPU x{CPU_SLOWDOWN}; ms)",
                table(["language", "page", "first contentful paint", "largest contentful paint", "total blocking time",
                       f"target {BLOCKING_TARGET_MS} ms"],
                      [[r["locale"], r["page"], r["fcp_ms"], r["lcp_ms"], r["tbt_ms"],
                        "ok" if r["tbt_ms"] <= BLOCKING_TARGET_MS else "MISSED"] for r in results["paint"]])]
    if "search_answers" in results:
        out += ["", "Search: table queries with their answer in the first three results (target: all)",
                table(["language", "queries", "answered", "share", "missed"],
                      [[r["locale"], r["queries"], r["answered"], f"{r['answered'] / max(r['queries'], 1):.0%}",
                        "; ".join(r["missed"]) or "-"] for r in results["search_answers"]])]
    if "search" in results:
        out += ["", "Search: keystroke to results shown (ms; the first search also loads the index)",
                table(["language", "query", "first search", "next keystrokes", "results"],
                      [[r["locale"], r["query"], "nothing shown" if r["first_keystroke_ms"] is None
                        else r["first_keystroke_ms"], r["next_keystrokes_ms"], r["results"]] for r in results["search"]])]
    if "lighthouse" in results:
        out += lighthouse_report(results["lighthouse"])
    if "checks" in results:
        out += checks_report(results["checks"])
    return "\n".join(out)


LIGHTHOUSE_NAMES = {"performance": "performance", "accessibility": "accessibility",
                    "best-practices": "best practices", "seo": "SEO"}


def bench_checks(work: Path, config_file: Path, say) -> dict:
    """The Nu HTML checker's errors and axe-core's violations (WCAG 2.2 AA and best practice, both
    colour schemes, as `guide audit` runs it) on every built page: counts, and the first few."""
    from guide.building import BuildFailed, build_site

    from guide import audit
    if not VNU.is_file() or not shutil.which("java"):
        raise BenchError("the Nu HTML checker needs vnu-jar and Java: run `make bench` (npm ci in tests/node) "
                         "and apt-get install default-jre-headless")
    try:
        site = build_site(config_file, work / "checks-site")
    except BuildFailed as error:
        raise BenchError(f"the guide did not build:\n{error}") from None
    pages = sorted(str(p) for p in site.rglob("*.html"))
    run = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--format", "gnu", *pages],
                         capture_output=True, text=True, timeout=1200)
    nu = [line.replace(str(site) + "/", "") for line in (run.stdout + run.stderr).splitlines() if line.strip()]
    say(f"Nu HTML checker: {len(nu)} errors on {len(pages)} pages")
    try:
        findings = audit.page_findings(site, say)
    except audit.AuditError as error:
        raise BenchError(str(error)) from None
    axe = [str(f) for f in findings if "asked another host" not in f.what]
    elsewhere = [str(f) for f in findings if "asked another host" in f.what]
    return {"pages": len(pages), "axe_pages": len(audit.pages(site)), "nu_errors": len(nu), "nu_first": nu[:10],
            "axe_violations": len(axe), "axe_first": axe[:10], "other_hosts": len(elsewhere),
            "other_hosts_first": elsewhere[:10]}


def checks_report(checks: dict) -> list[str]:
    out = ["", "Validators on every built page (target: 0 of each)",
           table(["check", "pages", "found"],
                 [["Nu HTML checker, errors", checks["pages"], checks["nu_errors"]],
                  ["axe-core WCAG 2.2 AA + best practice, light and dark", checks["axe_pages"], checks["axe_violations"]],
                  ["requests to another host, light and dark", checks["axe_pages"], checks["other_hosts"]]])]
    for key in ("nu_first", "axe_first", "other_hosts_first"):
        out += [f"  {line}" for line in checks[key]]
    return out


def lighthouse_report(lighthouse: dict) -> list[str]:
    """The table of median scores (a score under its target is marked), then each audit that cost
    points and on which pages, and the performance metrics."""
    def cell(row: dict, category: str) -> str:
        score = (row.get("scores") or {}).get(category)
        if score is None:
            return "failed" if not row.get("scores") else "-"
        return f"{score}" if score >= LIGHTHOUSE_TARGETS[category] else f"{score} MISSED"

    rows = lighthouse["pages"]
    out = ["", f"Lighthouse {lighthouse['version']} mobile (median of {lighthouse['runs']} runs; gzip; "
           "targets: performance 95, the others 100)",
           table(["language", "page"] + list(LIGHTHOUSE_NAMES.values()) + ["LCP ms", "TBT ms", "failed runs"],
                 [[r["locale"], r["page"]] + [cell(r, c) for c in LIGHTHOUSE_NAMES]
                  + [round(r["metrics"]["largest-contentful-paint"]) if r.get("metrics") else "-",
                     round(r["metrics"]["total-blocking-time"]) if r.get("metrics") else "-",
                     r["failed_runs"]] for r in rows])]
    lost: dict[tuple[str, str], list[str]] = {}
    for row in rows:
        for category, audits in (row.get("lost") or {}).items():
            for audit in audits:
                lost.setdefault((category, audit), []).append(f"{row['locale']} {row['page']}")
    out.append("Audits that cost points (in any run): " + ("; ".join(
        f"{LIGHTHOUSE_NAMES[c]} {a} ({', '.join(where)})" for (c, a), where in sorted(lost.items())) or "none"))
    errors = [f"{r['locale']} {r['page']}: {e}" for r in rows for e in r.get("errors", [])]
    if errors:
        out.append("Failed runs: " + "; ".join(errors))
    retried = sum(len(r.get("retried", [])) for r in rows)
    if retried:
        out.append(f"Runs tried a second time (the first failed): {retried}")
    if "minutes" in lighthouse:
        out.append(f"(This part took {lighthouse['minutes']} minutes.)")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", default=",".join(PARTS), help="comma-separated parts to run (default: all)")
    parser.add_argument("--runs", type=int, default=3, help="runs per figure (default 3)")
    parser.add_argument("--long-build", type=float, default=30.0, metavar="SECONDS",
                        help="a synthetic build longer than this runs once (default 30; 0 = always --runs)")
    parser.add_argument("--jobs", type=int, default=max(1, min(4, (os.cpu_count() or 2))),
                        help="guide sizes built at once in the build part (default: the cores, at most 4; "
                             "1 for the quietest figures)")
    parser.add_argument("--lighthouse-runs", type=int, default=3,
                        help="Lighthouse runs per page in the lighthouse part (default 3; each takes about 10 s)")
    parser.add_argument("--json", type=Path, default=ROOT / "bench.json", help="where to write the results")
    parser.add_argument("--config", type=Path, default=ROOT / "mkdocs.yml", help="the guide whose pages are weighed")
    args = parser.parse_args(argv)
    parts = [p.strip() for p in args.only.split(",") if p.strip()]
    unknown = sorted(set(parts) - set(PARTS))
    if unknown:
        parser.error(f"unknown part(s) {', '.join(unknown)}; choose from {', '.join(PARTS)}")
    if args.runs < 1 or args.jobs < 1 or args.lighthouse_runs < 1:
        parser.error("--runs, --jobs and --lighthouse-runs must be at least 1")

    def say(message: str) -> None:
        print(f"  {message}", file=sys.stderr, flush=True)

    results: dict = {"machine": machine(), "runs": args.runs}
    started = time.perf_counter()
    try:
        with tempfile.TemporaryDirectory(prefix="guide-bench-") as temporary:
            work = Path(temporary)
            if "build" in parts:
                cells = bench_build(work, args.runs, args.long_build or float("inf"), args.jobs, say)
                results["build"] = {"cells": cells, "growth": growth(cells), "jobs": args.jobs}
            if "hook" in parts:
                results["hook"] = bench_hook(work, max(args.runs, HOOK_PAIRS), say)
            if {"weight", "paint", "search"} & set(parts):
                results.update(reader_side(work, args, parts, say))
            if "lighthouse" in parts:
                config = settings.read_config(args.config)
                default, others = settings.languages(config)
                results["lighthouse"] = bench_lighthouse(work, args.config, reader_pages(config), [default, *others],
                                                         default, args.lighthouse_runs, say)
            if "checks" in parts:
                results["checks"] = bench_checks(work, args.config, say)
    except BenchError as error:
        print(f"bench: {error}", file=sys.stderr)
        return 1
    results["minutes"] = round((time.perf_counter() - started) / 60, 1)
    args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(report(results))
    print(f"\n{results['minutes']} minutes; written to {args.json}")
    return 0


def reader_side(work: Path, args, parts: list[str], say) -> dict:
    from playwright.sync_api import sync_playwright

    from guide.building import BuildFailed, build_site
    from local_browser import serve

    config = settings.read_config(args.config)
    default, others = settings.languages(config)
    locales = [default, *others]
    try:
        site = build_site(args.config, work / "site")
    except BuildFailed as error:
        raise BenchError(f"the guide did not build:\n{error}") from None
    pages = reader_pages(config)
    results: dict = {}
    with serve(site) as base, sync_playwright() as playwright:
        chromium = open_chromium(playwright)
        try:
            if "weight" in parts:
                results["weight"] = bench_weight(chromium, site, base, pages, locales, default, say)
            if "paint" in parts:
                results["paint"] = bench_paint(chromium, base, pages, locales, default, args.runs, say)
            if "search" in parts:
                results["search_answers"] = bench_answers(site, locales, default, say)
                results["search"] = bench_search(chromium, base, locales, default, args.runs, say)
        finally:
            chromium.close()
    return results


if __name__ == "__main__":
    sys.exit(main())
