"""Checks on a page's Markdown source. Pure functions: text in, problems out.

Each problem names the file and line and says how to fix it. The build hook and the
command-line scripts call these same functions, so a check is written once.
"""

from __future__ import annotations

import datetime as dt
import difflib
import posixpath
import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

import phonenumbers
import yaml

from guide.contacts import EMAIL, ContactBook
from guide.markers import BLOCKS, FENCE, KINDS, TAKES_ID, in_source, outside_fences, unclosed
from guide.problems import Problem
from guide.sources import add_period
from guide import settings
from guide.settings import DEFAULT_PATHS as GUIDE_DEFAULT_PATHS
from guide.yaml_lines import YamlError, load_with_lines, plugin_options


# --- Every check of a page's source, at once --------------------------------------------------

@dataclass(frozen=True)
class Source:
    """A page's Markdown file as the build read it (front matter included, so that line numbers
    match the file), and its English page's when it is a translation."""

    src_uri: str                     # as MkDocs names it: families/faq.cy.md
    path: str                        # as a message names it: docs/families/faq.cy.md
    text: str
    english_path: str | None = None
    english_text: str | None = None


def source_problems(book: ContactBook, sources: list[Source]) -> tuple[list[Problem], dict[str, list[Link]]]:
    """What the sources alone tell (typed numbers, markers, a translation against its English
    page) and the links of each page, checked once the pages they point at are known."""
    problems: list[Problem] = []
    links: dict[str, list[Link]] = {}
    for source in sources:
        problems += page_problems(book, source)
        links[source.src_uri] = find_links(source.text)
    return problems, links


def page_problems(book: ContactBook, source: Source) -> list[Problem]:
    """What one page's source tells."""
    problems = typed_numbers(source.path, source.text, book)
    problems += marker_problems(source.path, source.text, book)
    problems += unclosed_comments(source.path, source.text)
    problems += script_problems(source.path, source.text)
    if source.english_text is not None:
        problems += translation_parity(source.english_path or "", source.english_text, source.path, source.text)
    return problems


# --- Snippets and the nav ------------------------------------------------------------------

SNIPPET_LINE = re.compile(r"^\s*--8<--\s+([\"'])(.+?)\1\s*$")
SNIPPET_FENCE = re.compile(r"^\s*--8<--\s*$")


def shown_folder(folder: Path, root: Path) -> str:
    """A folder as a message names it: from the guide's folder when it is inside it, else in full."""
    folder, root = Path(folder).resolve(), Path(root).resolve()
    return posixpath.normpath(Path(folder).relative_to(root).as_posix()) if folder == root or root in folder.parents \
        else str(folder)


def snippet_problems(path: str, text: str, base_paths: list[Path], shown_bases: str) -> list[Problem]:
    """`--8<-- "file.md"` (pymdownx.snippets) naming a file that is in none of its base_path folders."""
    if "--8<--" not in text:
        return []
    problems, block = [], False
    for number, line in outside_fences(text.splitlines()):
        if SNIPPET_FENCE.match(line):
            block = not block
            continue
        match = SNIPPET_LINE.match(line)
        name = match.group(2) if match else line.strip() if block and line.strip() else None
        if not name or name.startswith(";") or "://" in name:
            continue  # escaped, or a URL (fetched only with url_download)
        file = re.sub(r"(:\d*)+$|:[A-Za-z][\w-]*$", "", name)  # a line range or a named section
        if not any((base / file).is_file() or (base.is_file() and base.name == file) for base in base_paths):
            problems.append(Problem(path, number, f"the snippet '{file}' is not in {shown_bases}. Fix: check its "
                                    "name, or add the file there"))
    return problems


def nav_problems(config_file: Path, shown: str, docs: str, pages: list[str], omitted_matter: bool,
                 not_in_nav: str = "") -> list[Problem]:
    """The nav of mkdocs.yml against the pages (English names): an entry with no page, and, when
    the config makes omitted pages a warning (validation: omitted_files: warn), a page with no entry."""
    try:
        data, lines = load_with_lines(Path(config_file).read_text(encoding="utf-8"))
    except (YamlError, OSError, UnicodeDecodeError):
        return []  # config_problems reports it
    nav = data.get("nav") if isinstance(data, dict) else None
    if not isinstance(nav, list):
        return []
    entries: list[tuple[str, tuple]] = []

    def walk(value: object, where: tuple) -> None:
        if isinstance(value, str):
            entries.append((value, where))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                walk(item, where + (index,))
        elif isinstance(value, dict):
            for key, item in value.items():
                walk(item, where + (key,))

    walk(nav, ("nav",))
    problems, named = [], set()
    for target, where in entries:
        if urlsplit(target).scheme or target.startswith(("/", "#")) or not target.endswith(".md"):
            continue  # a link to another site, or an address: MkDocs leaves those alone
        page = posixpath.normpath(target)
        if page in pages:
            named.add(page)
            continue
        close = difflib.get_close_matches(page, pages, n=1, cutoff=0.6)
        problems.append(Problem(shown, lines.get(where, 1), f"nav names '{target}', which is not a page under "
                                f"{docs}/. Fix: {f'did you mean {close[0]!r}?' if close else 'correct the name'}"))
    if omitted_matter:
        import pathspec  # MkDocs' own reader of not_in_nav

        spec = pathspec.GitIgnoreSpec.from_lines((not_in_nav or "").splitlines())
        for page in sorted(set(pages) - named):
            if not spec.match_file(page):
                problems.append(Problem(f"{docs}/{page}", 1, "the page is not in the nav of mkdocs.yml, so no menu "
                                        "leads to it. Fix: add it to nav, or list it under not_in_nav"))
    return problems


# --- Phone numbers typed into a page -------------------------------------------------------

def typed_numbers(path: str, text: str, book: ContactBook) -> list[Problem]:
    """Every phone number written out in a page; numbers belong in the contacts file."""
    problems = []
    starts = _line_starts(text)
    for match in _phone_numbers(text):
        e164 = phonenumbers.format_number(match.number, phonenumbers.PhoneNumberFormat.E164)
        owner = book.owner_of(e164)
        if owner:
            label = next(p.label for p in owner.phones if p.e164 == e164)
            marker = f"<!-- phone: {owner.id} -->" if owner.phones[0].e164 == e164 else \
                f"<!-- phone: {owner.id} {label} -->"
            fix = f"write {marker} instead; the number lives in {book.source.name}"
        else:
            fix = (f"add it to {book.source.name} under a new id, then write <!-- phone: ID --> here")
        problems.append(Problem(path, _line_of(starts, match.start),
                                f"phone number '{match.raw_string}' is typed into the page. Fix: {fix}"))
    return problems


# Where a phone number may be: seven or more digits with at most a few spaces, dashes, dots or
# brackets between them. phonenumbers' matcher is slow; it only reads these places and a little
# around them (what it reads around a number decides whether it is one). The run starts with a
# digit (a leading "+" is in the context) so that the regex engine can skip to the next digit.
# Between the digits may also stand a line break, Markdown emphasis (`0808 **801** 0366`), a
# no-break space written as an entity (`0808&nbsp;801 0366`), or a URL-encoded "+" (`tel:%2B44...`): the window
# phonenumbers reads is cleaned of them first, so that a number cannot hide behind its markup.
GAP = r"(?:[\s().\-/*_`]|&nbsp;|&#160;|&#xa0;){0,6}"
DIGIT_RUN = re.compile(rf"\d(?:{GAP}\d){{6,}}", re.I)
MARKUP_IN_NUMBER = re.compile(r"&nbsp;|&#160;|&#xa0;|(?<=\d)[*_`]+|[*_`]+(?=\d)", re.I)
CONTEXT = 12


def _clean(window: str) -> str:
    # A number wrapped onto the next line is one number (phonenumbers stops at a line break).
    cleaned = MARKUP_IN_NUMBER.sub(lambda m: " " if m.group(0).startswith("&") else "", window)
    return cleaned.replace("%2B", "+").replace("\n", " ")


def _phone_numbers(text: str):
    """phonenumbers' matches in `text`, with their offsets in `text` (where markup stood inside a
    number, the offset of the digits it was found in)."""
    end_of_last = 0
    for run in DIGIT_RUN.finditer(text):
        start = max(run.start() - CONTEXT, end_of_last)
        window = text[start:run.end() + CONTEXT]
        cleaned = _clean(window)
        for match in phonenumbers.PhoneNumberMatcher(cleaned, "GB", leniency=phonenumbers.Leniency.VALID):
            offset = start + match.start if cleaned == window else run.start()
            yield phonenumbers.PhoneNumberMatch(offset, match.raw_string, match.number)
        end_of_last = run.end()


# --- Scripts in a page ---------------------------------------------------------------------
# The only scripts a page runs are the theme's and the guide's own (overrides/): the security
# policy allows exactly those. A script written into a page, an event attribute, a javascript:
# link, or markup in the front matter's title or description (the theme writes them raw into
# <head>) would run under the site's own policy, so each stops the build.

SCRIPT_MARKUP = [
    (re.compile(r"<\s*script\b", re.I), "a <script> element"),
    (re.compile(r"<[a-z][^>]*?\son[a-z]+\s*=", re.I), "an event attribute (on...=)"),
    (re.compile(r"(?:href|src|action)\s*=\s*[\"']?\s*javascript:|\]\(\s*<?\s*javascript:", re.I),
     "a javascript: link"),
]
FRONT_MATTER_TEXT = re.compile(r"^(title|description|site_name)\s*:(.*)$")


def script_problems(path: str, text: str) -> list[Problem]:
    problems = []
    lines = text.splitlines()
    in_front = bool(lines) and lines[0].strip() == "---"
    for number, line in enumerate(lines, start=1):
        if in_front:
            if number > 1 and line.strip() in ("---", "..."):
                in_front = False
            match = FRONT_MATTER_TEXT.match(line)
            if match and re.search(r"[<>]", match.group(2)):
                problems.append(Problem(path, number, f"the front matter's {match.group(1)} has < or >: the theme "
                                        "writes it into the page as it is. Fix: write it as plain text"))
    for number, line in outside_fences(lines):
        plain = INLINE_CODE.sub("", line)
        for pattern, what in SCRIPT_MARKUP:
            if pattern.search(plain):
                problems.append(Problem(path, number, f"{what} in a page would run as a script. Fix: remove it; "
                                        "a guide's pages hold no scripts (the guide's own come from overrides/)"))
                break
    return problems


# --- Markers -------------------------------------------------------------------------------

def marker_problems(path: str, text: str, book: ContactBook) -> list[Problem]:
    problems = []
    for marker in in_source(text):
        if marker.kind not in KINDS:
            guess = difflib.get_close_matches(marker.kind.lower(), KINDS, n=1, cutoff=0.8)[0]
            written = f"<!-- {guess}: {' '.join(marker.args)} -->" if marker.args else f"<!-- {guess} -->"
            problems.append(Problem(path, marker.line, f"unknown marker '{marker.kind}' in {marker.text}. "
                                    f"Fix: did you mean '{guess}'? Markers are lower case: {written}"))
            continue
        if not marker.colon:
            problems.append(Problem(path, marker.line, f"{marker.text} has no ':' after '{marker.kind}', so it "
                                    f"would show nothing. Fix: write <!-- {marker.kind}: {' '.join(marker.args)} -->"))
            continue
        if marker.kind in BLOCKS and not marker.alone:
            problems.append(Problem(path, marker.line, f"{marker.text} makes a block (a card or list) and must "
                                    "stand on a line of its own. Fix: move it to its own line, with blank lines "
                                    "around it; use <!-- phone: ID --> inside a sentence"))
        if marker.kind not in TAKES_ID:
            continue
        if not marker.contact_id:
            problems.append(Problem(path, marker.line, f"{marker.text} names no contact. "
                                    f"Fix: write <!-- {marker.kind}: ID --> with an id from {book.source.name}"))
            continue
        contact = book.get(marker.contact_id)
        if contact is None:
            closest = book.closest_id(marker.contact_id)
            hint = f"did you mean '{closest}'?" if closest else f"add '{marker.contact_id}' to {book.source.name}"
            problems.append(Problem(path, marker.line,
                                    f"unknown contact id '{marker.contact_id}' in {marker.text}. Fix: {hint}"))
        elif marker.label and contact.phone(marker.label) is None:
            labels = ", ".join(p.label for p in contact.phones)
            problems.append(Problem(path, marker.line, f"'{marker.contact_id}' has no '{marker.label}' number "
                                    f"(it has: {labels}). Fix: use one of those labels"))
    return problems


def unclosed_comments(path: str, text: str) -> list[Problem]:
    problems = []
    for line, written, is_marker in unclosed(text):
        if is_marker:
            problems.append(Problem(path, line, f"the marker '{written}' is not closed on its line, so it would "
                                    "show as text or hide what follows. Fix: end it with -->"))
        else:
            problems.append(Problem(path, line, f"the comment '{written[:40]}' is never closed: everything after "
                                    "it, up to the next -->, would vanish from the page. Fix: end it with -->"))
    return problems


LANGUAGE_SUFFIX = re.compile(r"\.([A-Za-z]{2,3}(?:[_-][A-Za-z]{2,4})?)\.md$")


def language_suffix_problem(path: str, src_uri: str, locales: list[str]) -> Problem | None:
    """A page named like a translation in a language the guide does not have (`help.cyy.md`,
    `help.fr.md`): mkdocs-static-i18n leaves it out of the site without a word."""
    match = LANGUAGE_SUFFIX.search(src_uri)
    if not match or match.group(1) in locales:
        return None
    code = match.group(1)
    close = difflib.get_close_matches(code, locales[1:] or locales, n=1, cutoff=0.6)
    if not close:
        from babel import Locale, UnknownLocaleError  # only for a name that looks like this
        try:
            Locale.parse(code.replace("-", "_"))
        except (UnknownLocaleError, ValueError):
            return None  # a dot in an ordinary name (`notes.old.md`)
    stem = src_uri[:match.start()].rsplit("/", 1)[-1]
    fix = (f"rename it {stem}.{close[0]}.md" if close else
           f"add '{code}' to the languages of the i18n plugin in mkdocs.yml, or rename the file")
    return Problem(path, 1, f"'{code}' is not a language of this guide ({', '.join(locales)}), so this page "
                            f"would be left out of the site. Fix: {fix}")


# --- Links ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Link:
    line: int
    target: str
    raw_html: bool  # raw HTML links are not rewritten by MkDocs: they must be site URLs


INLINE_LINK = re.compile(r"!?\[(?:[^\]\\]|\\.)*\]\(\s*<?([^)\s>]+)>?(?:\s+[\"'(][^)]*)?\)")
REFERENCE_DEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)")
HTML_LINK = re.compile(r"""\b(?:href|src)\s*=\s*["']([^"']+)["']""")
NEWLINE = re.compile("\n")
INLINE_CODE = re.compile(r"(`+)(?:(?!\1).)+?\1")


def links_in_html(html: str, line: int) -> list[Link]:
    """Site-internal links in HTML the build generated (contact partials), reported at `line`."""
    return [Link(line, target, True) for target in HTML_LINK.findall(html) if is_local(target)]


def find_links(text: str) -> list[Link]:
    """Links in Markdown source with their lines (fenced and inline code skipped)."""
    return list(_find_links(text))


@lru_cache(maxsize=64)  # a page is read for links by the link check and the translation check
def _find_links(text: str) -> tuple[Link, ...]:
    links: list[Link] = []
    fence: str | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        opening = FENCE.match(line)
        if opening:
            if fence is None:
                fence = opening.group(1)[0] * 3
            elif opening.group(1).startswith(fence):
                fence = None
            continue
        if fence is not None:
            continue
        if "](" not in line and "]:" not in line and "=" not in line:
            continue  # no link on this line
        line = INLINE_CODE.sub("", line)
        links += [Link(number, m.group(1), False) for m in INLINE_LINK.finditer(line)]
        links += [Link(number, m.group(1), False) for m in REFERENCE_DEF.finditer(line)]
        links += [Link(number, m.group(1), True) for m in HTML_LINK.finditer(line)]
    return tuple(link for link in links if is_local(link.target))


def is_local(target: str) -> bool:
    parts = urlsplit(target)
    return not (parts.scheme or parts.netloc or target.startswith("//"))


@dataclass(frozen=True)
class SiteIndex:
    """What a link may point at in one language's build."""

    pages: dict[str, str]            # Markdown src path -> page URL
    urls: set[str]                   # every URL in the output (pages and other files)
    anchors: dict[str, frozenset]    # page URL -> ids in the rendered page


def link_problems(path: str, page_src: str, page_url: str, links: list[Link], site: SiteIndex) -> list[Problem]:
    problems = []
    for link in links:
        parts = urlsplit(link.target)
        target_path, anchor = unquote(parts.path), unquote(parts.fragment)
        if not target_path:  # "#anchor": this page (the home page's URL is "", in no list of files)
            url = page_url
        elif link.raw_html:
            if target_path.endswith(".md"):
                problems.append(Problem(path, link.line, f"raw HTML link '{link.target}' points at a Markdown "
                                        "file; MkDocs only rewrites Markdown links. Fix: write it as "
                                        "[text](page.md) or use the page's URL"))
                continue
            url = _resolve_url(page_url, target_path)
            if url not in site.urls:
                problems.append(Problem(path, link.line, f"broken link '{link.target}': no page or file at "
                                        f"'/{url}'. Fix: correct the address"))
                continue
        else:
            src = posixpath.normpath(posixpath.join(posixpath.dirname(page_src), target_path))
            if src in site.pages:
                url = site.pages[src]
            elif _resolve_url(page_url, target_path) in site.urls or src in site.urls:
                continue  # a static file such as an image or a PDF
            else:
                closest = difflib.get_close_matches(src, list(site.pages), n=1, cutoff=0.75)
                hint = f"did you mean '{_relative(page_src, closest[0])}'?" if closest else "correct the path"
                problems.append(Problem(path, link.line, f"broken link '{link.target}': there is no page "
                                        f"'{src}'. Fix: {hint}"))
                continue
        if anchor and url in site.anchors and anchor not in site.anchors[url]:
            closest = difflib.get_close_matches(anchor, list(site.anchors[url]), n=1)
            hint = f"did you mean '#{closest[0]}'?" if closest else "link to a heading id that exists"
            problems.append(Problem(path, link.line, f"broken anchor '{link.target}': the page has no "
                                    f"'#{anchor}'. Fix: {hint}"))
    return problems


def _resolve_url(page_url: str, target: str) -> str:
    base = page_url if page_url.endswith("/") or not page_url else posixpath.dirname(page_url) + "/"
    joined = posixpath.normpath(posixpath.join("/" + base, target)).lstrip("/")
    if target.endswith("/") and joined:
        joined += "/"
    return joined.removesuffix("index.html")


def _relative(from_src: str, to_src: str) -> str:
    return posixpath.relpath(to_src, posixpath.dirname(from_src) or ".")


# --- helpers ---------------------------------------------------------------------------------

def _line_starts(text: str) -> list[int]:
    return [0] + [match.end() for match in NEWLINE.finditer(text)]


def _line_of(starts: list[int], offset: int) -> int:
    return bisect_right(starts, offset)


# --- Review dates ----------------------------------------------------------------------------

@dataclass(frozen=True)
class Review:
    reviewed: dt.date
    due: dt.date


def review_dates(path: str, meta: dict, text: str, today: dt.date) -> tuple[Review | None, list[Problem]]:
    """A page's review dates from `last_reviewed_on` + `review_in` front matter (as GOV.UK's tech docs)."""
    def line() -> int:  # only read when there is a problem to report
        return next((n for n, row in enumerate(text.splitlines(), 1) if row.startswith("last_reviewed_on")), 1)

    reviewed, review_in = meta.get("last_reviewed_on"), meta.get("review_in")
    if reviewed is None or review_in is None:
        return None, [Problem(path, 1, "the front matter needs last_reviewed_on (a date) and review_in "
                              "(like '6 months'). Fix: add both")]
    if not isinstance(reviewed, dt.date):
        try:
            reviewed = dt.date.fromisoformat(str(reviewed))
        except ValueError:
            return None, [Problem(path, line(), f"last_reviewed_on '{reviewed}' is not a date like 2026-11-22")]
    due = add_period(reviewed, str(review_in))
    if due is None:
        return None, [Problem(path, line(), f"review_in '{review_in}' should be like '6 months' or '1 year'")]
    problems = []
    if due < today:
        problems.append(Problem(path, line(), f"the page was due for review on {due.isoformat()}. Fix: check "
                                "every fact, then set last_reviewed_on to the day you did"))
    return Review(reviewed, due), problems


# --- Site settings ---------------------------------------------------------------------------

UNSAFE_IN_URL = re.compile(r"[\s\"'<>\\`]")


def exit_page_problem(setting: object) -> str | None:
    """The guide plugin's `exit_page` in mkdocs.yml: where "Exit this page" goes. None when it is usable."""
    if setting is None:
        return None  # the partial's default neutral site
    url = setting.get("url") if isinstance(setting, dict) else None
    if not isinstance(url, str) or not url.strip():
        return "needs url: the https:// address of a neutral site. Fix: write `exit_page: {url: https://...}`"
    if UNSAFE_IN_URL.search(url.strip()):
        return (f"url '{url}' has a character an address cannot have (a quote, <, >, a space or a "
                "backslash). Fix: give the plain https:// address, for example https://www.bbc.co.uk/weather")
    parts = urlsplit(url.strip())
    if parts.scheme != "https" or not parts.netloc:
        return (f"url '{url}' must be a full https:// address of another, neutral site "
                "(for example https://www.bbc.co.uk/weather)")
    return None


# The guide plugin's options in mkdocs.yml (`plugins: - guide: ...`; their defaults and types
# are guide.options.GuideConfig). A misspelt one is named with the one meant.
GUIDE_SETTINGS = ("contacts_file", "terminology_dir", "search_synonyms", "search_question_words", "strings_dir",
                  "site_contact", "faq_pages", "redirects", "exit_page", "full_theme_css")
_TEXT_SETTINGS = ("contacts_file", "terminology_dir", "search_synonyms", "search_question_words", "strings_dir")
SITE_CONTACT_FIELDS = ("name", "email", "url")


def site_contact_problems(setting: object) -> list[tuple[tuple, str]]:
    """The guide plugin's `site_contact`: who readers tell about a mistake. (where, problem) pairs: `where` is
    the field's path under site_contact."""
    if setting is None:
        return []
    if not isinstance(setting, dict):
        return [((), "must be name, email and url, one a line. Fix: see the commented example in the "
                     "default guide's mkdocs.yml")]
    problems = []
    for key in setting:
        if key not in SITE_CONTACT_FIELDS:
            close = difflib.get_close_matches(str(key), SITE_CONTACT_FIELDS, n=1, cutoff=0.6)
            problems.append(((key,), f"'{key}' is not a field of site_contact (it has {', '.join(SITE_CONTACT_FIELDS)})."
                                     f" Fix: {f'did you mean {close[0]!r}?' if close else 'remove it'}"))
    name, email, url = (setting.get(key) for key in SITE_CONTACT_FIELDS)
    if not isinstance(name, str) or not name.strip():
        problems.append(((), "needs name: the organisation readers can tell about a mistake. Fix: add `name:`"))
    if not email and not url:
        problems.append(((), "needs email or url, or both: how to reach that organisation"))
    if email is not None and not (isinstance(email, str) and EMAIL.match(email.strip())):
        problems.append((("email",), f"email '{email}' is not an email address. Fix: write it like "
                                     "guide@your-organisation.org.uk"))
    if url is not None:
        parts = urlsplit(url) if isinstance(url, str) else None
        if parts is None or UNSAFE_IN_URL.search(url) or (parts.scheme or parts.netloc) and not (
                parts.scheme == "https" and parts.netloc):
            problems.append((("url",), f"url '{url}' must be a full https:// address, or a page of this guide "
                                       "(like about.md). Fix: write it like https://your-organisation.org.uk/contact"))
    return problems


def config_problems(config_file: Path, shown: str) -> list[Problem]:
    """What is wrong in mkdocs.yml that MkDocs itself lets through or reports without a line: a key
    written twice (YAML keeps the last without a word), a misspelt or mistyped option of the guide
    plugin, its exit_page and site_contact, and a setting still under `extra:` from before the
    guide was a plugin."""
    try:
        text = Path(config_file).read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        return [Problem(shown, text_line(error), "is not UTF-8 text. Fix: save it as UTF-8")]
    try:
        data, lines = load_with_lines(text)
    except YamlError as error:
        return [Problem(shown, p.line, p.with_fix) for p in error.problems]
    if not isinstance(data, dict):
        return []
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    where, _ = plugin_options(root, "guide")

    def at(*path) -> int:
        path = (*where, *path)
        while path and path not in lines:
            path = path[:-1]
        return lines.get(path, 1)

    problems = []
    extra = data.get("extra")
    for key in extra if isinstance(extra, dict) else []:
        if key in GUIDE_SETTINGS:
            line = lines.get(("extra", key), 1)
            problems.append(Problem(shown, line, f"extra.{key} is now an option of the guide plugin, so here it is "
                                                 f"ignored. Fix: move it under `- guide:` in `plugins:` (as `{key}:`)"))
    options = settings.guide_settings(data)
    if not isinstance(options, dict):
        return problems + [Problem(shown, at(), "the guide plugin's options must be a mapping (`- guide:` and "
                                                "then one option a line, indented). Fix: write them that way")]
    for key in options:
        if key not in GUIDE_SETTINGS:
            close = difflib.get_close_matches(str(key), GUIDE_SETTINGS, n=1, cutoff=0.8)
            hint = f"did you mean {close[0]}?" if close else f"the options are {', '.join(GUIDE_SETTINGS)}"
            problems.append(Problem(shown, at(key), f"{key} is not an option of the guide plugin. Fix: {hint}"))
    for key in _TEXT_SETTINGS:
        if key in options and not (isinstance(options[key], str) and options[key].strip()):
            problems.append(Problem(shown, at(key), f"{key} must be a path from mkdocs.yml's folder. "
                                                    f"Fix: write it like `{key}: {GUIDE_DEFAULT_PATHS[key]}`"))
    faq = options.get("faq_pages", [])
    if not (isinstance(faq, list) and all(isinstance(page, str) for page in faq)):
        problems.append(Problem(shown, at("faq_pages"), "faq_pages must be a list of pages. "
                                                        "Fix: write it like `faq_pages: [families/faq.md]`"))
    if options.get("redirects") not in (None, "") and not isinstance(options["redirects"], dict):
        problems.append(Problem(shown, at("redirects"), "redirects: must map each old page to its new page, one a "
                                                        "line, like `families/advocates.md: families/faq.md`. "
                                                        "Fix: write it that way"))
    if options.get("full_theme_css", "false") not in ("true", "false"):
        problems.append(Problem(shown, at("full_theme_css"), "full_theme_css must be true or false. Fix: write one"))
    exit_problem = exit_page_problem(options.get("exit_page"))
    if exit_problem:
        problems.append(Problem(shown, at("exit_page", "url"), f"exit_page {exit_problem}"))
    for path, problem in site_contact_problems(options.get("site_contact")):
        problems.append(Problem(shown, at("site_contact", *path), f"site_contact {problem}"))
    return problems


def text_line(error: UnicodeDecodeError) -> int:
    """The line of the first byte that is not UTF-8."""
    return error.object[:error.start].count(b"\n") + 1


def page_not_utf8(path: str, error: UnicodeDecodeError) -> Problem:
    """A page saved in another encoding (Windows-1252, UTF-16), as the build says it."""
    return Problem(path, text_line(error), f"the page is not UTF-8 text (byte {error.object[error.start]:#04x} "
                                           "cannot be read). Fix: save the file as UTF-8 in your editor")


# --- Translations ----------------------------------------------------------------------------

HEADING_ID = re.compile(r"^\s{0,3}#{1,6}\s.*\{[^}]*#([\w-]+)[^}]*\}\s*$")


@lru_cache(maxsize=4096)  # an English page is compared with each of its translations
def _page_facts(text: str) -> dict[str, Counter]:
    """What a translation must keep from its English page: markers, link targets, heading ids.
    (Read only: the result is shared between callers.)"""
    lines = text.splitlines()
    facts = {"contact markers": Counter(m.text.replace(" ", "") for m in in_source(text)),
             "links": Counter(), "heading ids": Counter()}
    for number, line in enumerate(lines, start=1):
        match = HEADING_ID.match(line)
        if match:
            facts["heading ids"][match.group(1)] += 1
    for target in [link.target for link in find_links(text)] + _external_links(text):
        facts["links"][target] += 1
    return facts


def _external_links(text: str) -> list[str]:
    return [m.group(1) for m in INLINE_LINK.finditer(INLINE_CODE.sub("", text)) if not is_local(m.group(1))]


def translation_parity(english_path: str, english: str, path: str, translation: str) -> list[Problem]:
    """A translation must carry the same contact markers, links and heading ids as its English page."""
    problems = []
    theirs, ours = _page_facts(english), _page_facts(translation)
    for kind in theirs:
        missing = sorted((theirs[kind] - ours[kind]).elements())
        extra = sorted((ours[kind] - theirs[kind]).elements())
        if not (missing or extra):
            continue
        parts = ([f"missing {', '.join(missing)}"] if missing else []) + \
                ([f"not in English: {', '.join(extra)}"] if extra else [])
        line = _first_line(translation, extra) if extra else 1
        problems.append(Problem(path, line, f"{kind} differ from {english_path}: {'; '.join(parts)}. Fix: make "
                                f"them the same as in {english_path} (translate the words only)"))
    return problems


def _first_line(text: str, items: list[str]) -> int:
    """The line of the first of `items` (markers are compared without spaces)."""
    for number, line in enumerate(text.splitlines(), start=1):
        if any(item in line or item in line.replace(" ", "") for item in items):
            return number
    return 1
