"""Where a page's facts come from, and where its rules apply: read from its front matter.

Every English page lists its sources, so that a reader (and the next editor) can see where each
fact was checked and when:

    sources:
      - title: Working Together to Safeguard Children 2023
        publisher: Department for Education
        edition: December 2023            # optional: edition, version or date of the document
        url: https://www.gov.uk/...        # optional: where it can be read
        checked: 2026-12-02               # the day an editor last checked the page against it
    applies_to: [england, wales]          # optional: the nations whose law and services it describes

A translation uses its English page's lists (one source of truth); it may give its own. The
build stops on a page without sources, a source without a checked date, and a source checked
longer ago than the page's review period (`review_in`): the facts may have changed since.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from guide.problems import Problem
from guide.yaml_lines import YamlError, load_with_lines, refuse_aliases

NATIONS = ("england", "wales", "scotland", "northern-ireland")
FIELDS = {"title", "publisher", "edition", "url", "checked"}
PERIOD = re.compile(r"^\s*(\d+)\s*(day|week|month|year)s?\s*$")
FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)?(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.DOTALL)


def add_period(start: dt.date, period: str) -> dt.date | None:
    """`start` + a period like '6 months' or '1 year' (None when the period is not like that)."""
    match = PERIOD.match(period)
    if not match:
        return None
    count, unit = int(match.group(1)), match.group(2)
    if unit in ("day", "week"):
        return start + dt.timedelta(days=count * (7 if unit == "week" else 1))
    months = start.month - 1 + count * (12 if unit == "year" else 1)
    year, month = start.year + months // 12, months % 12 + 1
    return dt.date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class Citation:
    title: str
    publisher: str
    checked: dt.date
    edition: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class PageFacts:
    """What a page says about its own facts: its sources and the nations it applies to."""
    citations: tuple[Citation, ...]
    applies_to: tuple[str, ...]
    from_english: bool = False  # a translation's, taken from its English page


def front_matter(text: str) -> tuple[dict, dict]:
    """A page's front matter and the file line of each value (both empty if it has none, or
    if it is not valid YAML: MkDocs reports that itself)."""
    match = FRONT_MATTER.match(text)
    if not match or not match.group(1):
        return {}, {}
    try:
        data, lines = load_with_lines(match.group(1))
    except YamlError:
        return {}, {}
    if not isinstance(data, dict):
        return {}, {}
    return data, {path: line + 1 for path, line in lines.items()}  # + the opening '---'


def front_matter_problems(path: str, text: str) -> list[Problem]:
    """Front matter that is not YAML (MkDocs would show it as text and ignore it), or holds an
    alias (a few lines of them can hang the build)."""
    match = FRONT_MATTER.match(text)
    if not match or not match.group(1):
        return []
    try:
        refuse_aliases(match.group(1))
    except YamlError as error:
        return [Problem(path, p.line + 1, f"the front matter: {p.with_fix}") for p in error.problems]
    return []


def page_facts(path: str, text: str, today: dt.date, english_path: str | None = None,
               english_text: str | None = None) -> tuple[PageFacts, list[Problem]]:
    """The sources and nations of a page (a translation's from its English page unless it gives
    its own), and what is wrong with them, each problem at the line to fix."""
    own, own_lines = front_matter(text)
    english, english_lines = front_matter(english_text) if english_text is not None else ({}, {})
    # A translation without its own list uses its English page's; problems are named there.
    if "sources" in own or english_text is None:
        citations, problems = _citations(path, own, own_lines, today)
    else:
        citations, problems = _citations(english_path or path, english, english_lines, today)
    if "applies_to" in own or english_text is None:
        nations, more = _nations(own, own_lines, path)
    else:
        nations, more = _nations(english, english_lines, english_path or path)
    return PageFacts(citations, nations, "sources" not in own and english_text is not None), problems + more


def _citations(path: str, data: dict, lines: dict, today: dt.date) -> tuple[tuple[Citation, ...], list[Problem]]:
    entries = data.get("sources")
    if not entries:
        return (), [Problem(path, lines.get(("sources",), 1), "the page lists no sources. Fix: add `sources:` to "
                            "its front matter, one entry for each document or web page its facts come from, with "
                            "title, publisher and the date you checked it (checked: YYYY-MM-DD)")]
    if not isinstance(entries, list):
        return (), [Problem(path, lines.get(("sources",), 1), "`sources` must be a list of entries (each starting "
                            "with '- title: ...')")]
    review_in = data.get("review_in")
    citations, problems = [], []
    for index, entry in enumerate(entries):
        line = lines.get(("sources", index), 1)
        if not isinstance(entry, dict):
            problems.append(Problem(path, line, "each source needs title, publisher and checked. Fix: write "
                                    "'- title: ...' with 'publisher:' and 'checked:' under it"))
            continue
        name = f"source '{entry.get('title') or index + 1}'"
        unknown = sorted(set(entry) - FIELDS)
        if unknown:
            problems.append(Problem(path, lines.get(("sources", index, unknown[0]), line),
                                    f"{name} has an unknown field '{unknown[0]}'. Fix: use only "
                                    + ", ".join(sorted(FIELDS))))
        missing = [field for field in ("title", "publisher", "checked") if not entry.get(field)]
        if missing:
            problems.append(Problem(path, line, f"{name} has no {' and no '.join(missing)}. Fix: add "
                                    + ", ".join(f"{field}:" for field in missing)
                                    + (" (the date you last checked the page against this source)"
                                       if "checked" in missing else "")))
            continue
        try:
            checked = dt.date.fromisoformat(str(entry["checked"]))
        except ValueError:
            problems.append(Problem(path, lines.get(("sources", index, "checked"), line),
                                    f"{name}: checked '{entry['checked']}' is not a date like 2026-12-02"))
            continue
        checked_line = lines.get(("sources", index, "checked"), line)
        if checked > today:
            problems.append(Problem(path, checked_line, f"{name}: checked {checked} is in the future. Fix: give "
                                    "the day you checked it"))
        due = add_period(checked, str(review_in)) if review_in is not None else None
        if due is not None and due < today:
            problems.append(Problem(path, checked_line, f"{name} was checked on {checked}, longer ago than the "
                                    f"page's review period ({review_in}). Fix: check the page's facts against "
                                    "it again, then set checked to the day you did"))
        url = entry.get("url")
        if url is not None:
            parts = urlsplit(str(url))
            if parts.scheme != "https" or not parts.netloc:
                problems.append(Problem(path, lines.get(("sources", index, "url"), line),
                                        f"{name}: url '{url}' must be a full https:// address"))
                url = None
        citations.append(Citation(str(entry["title"]), str(entry["publisher"]), checked,
                                  str(entry["edition"]) if entry.get("edition") else None, url))
    return tuple(citations), problems


def _nations(data: dict, lines: dict, path: str) -> tuple[tuple[str, ...], list[Problem]]:
    value = data.get("applies_to")
    if value is None:
        return (), []
    line = lines.get(("applies_to",), 1)
    items = value if isinstance(value, list) else [value]
    unknown = [str(item) for item in items if item not in NATIONS]
    if unknown or not items:
        return (), [Problem(path, line, f"applies_to '{', '.join(unknown)}' is not a nation. Fix: write a list "
                            f"of {', '.join(NATIONS)}, like applies_to: [england, wales]")]
    return tuple(dict.fromkeys(items)), []
