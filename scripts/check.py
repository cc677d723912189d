#!/usr/bin/env python3
"""Every check the build makes, without building the site: for a pre-commit hook and CI.

    python scripts/check.py                          check the guide; exit 1 if anything is wrong
    python scripts/check.py --config other/mkdocs.yml
    python scripts/check.py --quiet                  print the problems only, no summary

Checks the contacts file, the guide plugin's `exit_page` and `redirects` in mkdocs.yml, and every page
of every language: phone numbers typed into a page, unknown or misspelt markers, review dates, a
translation's markers, links and heading ids against its English page, and links and #anchors
between pages.
It calls the same functions as the build hook (hooks/guide/checks.py), so each problem is printed
as the build prints it, `file:line: message`. Unlike the build, which stops after the first
language with a problem, it lists every problem of every file at once.

Exit status: 0 no problems, 1 problems (each printed on its own line), 2 usage.
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import importlib
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable


ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from markdown import Markdown  # noqa: E402
from markdown.extensions.toc import slugify as toc_slugify, strip_tags, unique  # noqa: E402
from mkdocs.structure.files import File  # noqa: E402
from mkdocs.utils.meta import get_data  # noqa: E402

from guide import checks, i18n, markers, redirects, settings, terminology  # noqa: E402
from guide import search, sources as sources_module  # noqa: E402
from guide.sources import page_facts  # noqa: E402
from guide.contacts import ContactBook, ContactsError, load_contacts  # noqa: E402

ATX_HEADING = re.compile(r"^\s*#{1,6}(?:\s+(.*?))?(?:\s+#+)?\s*$")
ATTR_LIST = re.compile(r"\s*\{:?[^{}]*\}\s*$")  # attr_list at the end of a heading: {#id .class}
ATTR_ID = re.compile(r"\{:?[^{}]*?#([\w-]+)[^{}]*\}")  # {#id}, {: #id .class} (attr_list)


# --- mkdocs.yml ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Site:
    """What the checks need to know from mkdocs.yml."""

    config_file: Path
    root: Path
    docs: Path
    default: str
    locales: list[str]                      # every language, the default first
    fallback: bool                          # an untranslated page is built in English
    directory_urls: bool
    options: dict = field(default_factory=dict)  # the guide plugin's, as written in mkdocs.yml
    slugify: Callable[[str, str], str] = toc_slugify
    separator: str = "-"
    snippets: list[Path] = field(default_factory=list)  # base_path folders, when a missing snippet stops the build
    nav_omissions_matter: bool = False                # validation: omitted_files: warn (strict: an error)
    not_in_nav: str = ""

    @property
    def contacts_file(self) -> Path:
        return self.option_path("contacts_file")

    def option_path(self, option: str) -> Path:
        """A file option of the guide plugin, or its default, from mkdocs.yml's folder."""
        return self.root / (self.options.get(option) or settings.DEFAULT_PATHS[option])

    def shown(self, path: Path) -> str:
        """A path as the build names it: relative to the folder of mkdocs.yml."""
        return os.path.relpath(path, self.root)


class SettingsError(Exception):
    """mkdocs.yml cannot be read at all: `file:line: message` lines."""


def read_site(config_file: Path) -> Site:
    config_file = config_file.resolve()
    root = config_file.parent
    unreadable = [str(p) for p in checks.config_problems(config_file, os.path.relpath(config_file, root))
                  if "not valid YAML" in p.message or "not UTF-8" in p.message]
    if unreadable:
        raise SettingsError("\n".join(unreadable))
    config = settings.read_config(config_file)
    default, locales = settings.languages(config)
    fallback = settings.i18n_settings(config).get("fallback_to_default", True) is not False
    slugify, separator, snippets = toc_slugify, "-", []
    for extension in config.get("markdown_extensions") or []:
        if isinstance(extension, dict) and isinstance(extension.get("toc"), dict):
            separator = extension["toc"].get("separator", separator)
            slugify = _python_object(extension["toc"].get("slugify")) or slugify
        options = extension.get("pymdownx.snippets") if isinstance(extension, dict) else None
        if isinstance(options, dict) and options.get("check_paths"):
            folders = options.get("base_path", ["."])
            snippets = [Path(f) if Path(f).is_absolute() else Path.cwd() / f
                        for f in ([folders] if isinstance(folders, str) else folders) if f]
    validation = config.get("validation") or {}
    nav_validation = validation.get("nav") if isinstance(validation.get("nav"), dict) else validation
    return Site(config_file=config_file, root=root, docs=root / config.get("docs_dir", "docs"),
                default=default, locales=[default, *locales], fallback=fallback,
                directory_urls=config.get("use_directory_urls", True) is not False,
                options=settings.guide_settings(config), slugify=slugify, separator=separator, snippets=snippets,
                nav_omissions_matter=nav_validation.get("omitted_files") in ("warn", "warning"),
                not_in_nav=config.get("not_in_nav") or "")


def _python_object(value: object) -> Callable | None:
    """toc's `slugify: !!python/name:module.function` or `!!python/object/apply:module.function`."""
    if not (isinstance(value, tuple) and value[0] == "python"):
        return None
    kind, _, dotted = value[1].partition(":")
    module, _, name = dotted.rpartition(".")
    function = getattr(importlib.import_module(module), name)
    if kind == "object/apply":
        return function(**((value[2] or {}).get("kwds") or {}))
    return function


# --- pages -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Source:
    """One Markdown file under docs/."""

    path: Path
    src: str        # as MkDocs names it: families/faq.cy.md
    english: str    # the page it is or translates, as links name it: families/faq.md
    locale: str
    shown: str      # as the build names it in a message: docs/families/faq.cy.md
    text: str       # with its front matter, so line numbers match the file
    readable: bool = True  # False: not UTF-8 (reported once; its links and ids are read as far as they can be)


def _included(path: Path, docs: Path) -> bool:
    return not any(part.startswith(".") for part in path.relative_to(docs).parts)  # as MkDocs skips them


def sources(site: Site) -> tuple[list[Source], list[checks.Problem]]:
    """Every page of every language, in path order, and the pages that cannot be read as text."""
    found, unreadable = [], []
    for path in sorted(site.docs.rglob("*.md")):
        if not _included(path, site.docs):
            continue
        src = path.relative_to(site.docs).as_posix()
        english = i18n.source_path(src, site.locales)
        locale = next((loc for loc in site.locales if src.endswith(f".{loc}.md")), site.default)
        try:
            text, readable = path.read_text(encoding="utf-8-sig"), True
        except UnicodeDecodeError as error:  # as the build says it
            unreadable.append(checks.page_not_utf8(site.shown(path), error))
            text, readable = path.read_bytes().decode("utf-8", "replace"), False
        found.append(Source(path, src, english, locale, site.shown(path), text, readable))
    return found, unreadable


def page_url(english: str, site: Site, locale: str) -> str:
    """The URL MkDocs and mkdocs-static-i18n give a page: families/faq/, cy/families/faq/, '' (home)."""
    url = File(english, str(site.docs), "/site", site.directory_urls).url
    url = "" if url in (".", "./") else url
    return url if locale == site.default else f"{locale}/{url}"


# --- anchors ---------------------------------------------------------------------------------

def anchors(text: str, site: Site, book: ContactBook | None) -> frozenset | None:
    """The ids of a page as the build renders it: explicit heading ids, ids in raw HTML, the ids the
    toc extension gives other headings, and the directory's. None when they cannot be known."""
    body = get_data(text)[0]  # without the front matter, whose YAML comments look like headings
    ids, untitled = set(), []
    for _, line in markers.outside_fences(body.splitlines()):
        line = checks.INLINE_CODE.sub("", line)
        ids.update(checks.anchor_ids(line))  # as the hook collects them from a rendered page
        explicit = ATTR_ID.findall(line)
        ids.update(explicit)
        heading = ATX_HEADING.match(line)
        if heading and not explicit:
            untitled.append(ATTR_LIST.sub("", heading.group(1) or ""))
    if any(m.kind == "directory" for m in markers.in_source(text)):
        if book is None:
            return None  # the directory's ids come from the contacts file
        topics = [topic for topic in book.topics if any(topic in c.topics for c in book.contacts)]
        ids.update(["guide-needs", *(f"need-{t}" for t in topics), *(f"need-{t}-title" for t in topics)])
    used, counters, inline = set(ids), {}, Markdown()
    for heading in untitled:  # as the toc extension names a heading without an id
        name = strip_tags(inline.reset().convert(heading))
        ids.add(unique(site.slugify(html.unescape(name), site.separator), used, counters))
    return frozenset(ids)


# --- the checks ------------------------------------------------------------------------------

def _page_problems(page: Source, site: Site, book: ContactBook | None, today: dt.date,
                   terms: terminology.Terminology | None = None) -> list[checks.Problem]:
    """What the hook finds in one file, in on_files and on_page_markdown."""
    if not page.readable:
        return []
    unreadable = sources_module.front_matter_problems(page.shown, page.text)
    if site.snippets:
        shown = " or ".join(checks.shown_folder(folder, site.root) for folder in site.snippets)
        unreadable += checks.snippet_problems(page.shown, page.text, site.snippets, shown)
    if unreadable:  # the build stops on these before it reads the page
        return unreadable
    english = site.docs / page.english
    translated = page.src != page.english and english.exists()
    try:
        english_text = english.read_text(encoding="utf-8") if translated else None
    except UnicodeDecodeError:
        english_text, translated = None, False  # reported as a page of its own
    problems = checks.page_problems(book, checks.Source(page.src, page.shown, page.text,
                                                        site.shown(english) if translated else None, english_text))
    suffix = checks.language_suffix_problem(page.shown, page.src, site.locales)
    problems += [suffix] if suffix else []
    problems += checks.review_dates(page.shown, get_data(page.text)[1], page.text, today)[1]
    problems += page_facts(page.shown, page.text, today, site.shown(english) if translated else None,
                           english_text)[1]
    if english_text is not None:
        problems += terminology.problems(terms, page.locale, page.shown, page.text, english_text)
    return problems


def _links(page: Source, site: Site) -> list[checks.Link]:
    """The links the hook checks: the page's own, and a local address the site-contact card gives."""
    links = checks.find_links(page.text)
    contact = site.options.get("site_contact")
    url = contact.get("url") if isinstance(contact, dict) and contact.get("name") else None
    if isinstance(url, str):
        for marker in markers.in_source(page.text):
            if marker.kind == "site-contact":
                links += checks.links_in_html(f'<a href="{html.escape(url)}">', marker.line)
    return links


def _link_problems(pages: list[Source], site: Site, book: ContactBook | None) -> list[checks.Problem]:
    """Links and anchors, language by language, as each language's build resolves them: a link
    names the English file and leads to that page in the reader's language (or its English
    fallback)."""
    by_language = {(page.english, page.locale): page for page in pages}
    ids = {page.src: anchors(page.text, site, book) for page in pages}
    links = {page.src: _links(page, site) for page in pages}
    static = [File(p.relative_to(site.docs).as_posix(), str(site.docs), "/site", site.directory_urls).url
              for p in sorted(site.docs.rglob("*")) if p.is_file() and p.suffix != ".md" and _included(p, site.docs)]
    problems = []
    for locale in site.locales:
        built = {}
        for english in sorted({page.english for page in pages}):
            page = by_language.get((english, locale))
            if page is None and (locale == site.default or site.fallback):
                page = by_language.get((english, site.default))
            if page is not None:
                built[english] = page
        urls = {english: page_url(english, site, locale) for english in built}
        index = checks.SiteIndex(
            pages=urls,
            urls=set(urls.values()) | set(static) | {f"{locale}/{url}" for url in static},
            anchors={urls[english]: ids[page.src] for english, page in built.items() if ids[page.src] is not None})
        for english, page in built.items():
            problems += checks.link_problems(page.shown, english, urls[english], links[page.src], index)
    return problems


def _redirect_problems(pages: list[Source], site: Site, book: ContactBook | None) -> list[checks.Problem]:
    """The plugin's redirects as the build checks it, the new pages' #anchors included (on the page each
    language builds: its translation, or the English page)."""
    entries, problems = redirects.read(site.options.get("redirects"), site.config_file, site.docs, site.locales)
    by_language = {(page.english, page.locale): page for page in pages}
    for entry in entries:
        built = {locale: by_language.get((entry.target, locale)) or by_language.get((entry.target, site.default))
                 for locale in site.locales}
        found = redirects.anchor_problem(entry, {locale: anchors(page.text, site, book)
                                                 for locale, page in built.items() if page is not None},
                                         site.shown(site.config_file))
        problems += [found] if found else []
    return problems


def run_checks(site: Site, today: dt.date | None = None) -> tuple[list[str], int]:
    """Every problem as a `file:line: message` line (none when all is well), and how many pages."""
    today = today or dt.date.today()
    lines = [str(p) for p in checks.config_problems(site.config_file, site.shown(site.config_file))]
    synonyms, question_words = site.option_path("search_synonyms"), site.option_path("search_question_words")
    for path, load in ((synonyms, search.load_synonyms), (question_words, search.load_question_words)):
        try:
            load(path, site.shown(path))
        except search.SynonymsError as error:
            lines += [str(p) for p in error.problems]
    try:
        book = load_contacts(site.contacts_file, display_name=site.shown(site.contacts_file))
    except ContactsError as error:
        book = None  # numbers and markers need valid contacts; everything else is still checked
        lines += error.problems
    if book is not None:  # as the build checks them in on_config
        for path in [site.config_file, *sorted((site.root / "includes").rglob("*.md"))]:
            lines += [str(p) for p in checks.typed_numbers(site.shown(path), path.read_text(encoding="utf-8"), book)]
    terms_file = site.option_path("terminology_dir")
    try:
        terms = terminology.load_terminology(terms_file, site.shown(terms_file))
    except terminology.TerminologyError as error:
        terms = None
        lines += [str(p) for p in error.problems]
    pages, problems = sources(site)
    problems += [p for page in pages for p in _page_problems(page, site, book, today, terms)]
    english_pages = sorted({page.english for page in pages
                            if not checks.language_suffix_problem(page.shown, page.src, site.locales)})
    problems += checks.nav_problems(site.config_file, site.shown(site.config_file), site.shown(site.docs),
                                    english_pages, site.nav_omissions_matter, site.not_in_nav)
    problems += _link_problems(pages, site, book)
    problems += _redirect_problems(pages, site, book)
    lines += [str(p) for p in sorted(set(problems))]
    return lines, len(pages)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--config", type=Path, default=ROOT / "mkdocs.yml", help="the guide's mkdocs.yml")
    parser.add_argument("--quiet", action="store_true", help="print the problems only, no summary")
    args = parser.parse_args(argv)
    if not args.config.is_file():
        print(f"{args.config}: no such file. Fix: give the guide's mkdocs.yml with --config", file=sys.stderr)
        return 2
    try:
        site = read_site(args.config)
    except SettingsError as error:
        print(error)
        print("\nmkdocs.yml cannot be read, so nothing else was checked. Fix the line above, then run this again.",
              file=sys.stderr)
        return 1
    lines, pages = run_checks(site)
    for line in lines:
        print(line)
    if lines:
        files = len({line.split(":", 1)[0] for line in lines})
        if not args.quiet:
            if any(line.startswith(site.shown(site.contacts_file) + ":") for line in lines):
                print("Phone numbers and markers in the pages are checked once the contacts file is valid.",
                      file=sys.stderr)
            print(f"\n{len(lines)} problem(s) in {files} file(s); the build would stop. "
                  "Fix each line above, then run this again.", file=sys.stderr)
        return 1
    if not args.quiet:
        print(f"No problems: {pages} pages in {len(site.locales)} language(s), "
              f"{site.shown(site.contacts_file)} and {site.shown(site.config_file)} checked.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
