"""Redirects: an old link keeps working when a page moves, in every language.

The guide plugin's `redirects` option in mkdocs.yml maps each old page to the page that replaced it:

    plugins:
      - guide:
          redirects:
            families/advocates.md: families/faq.md                  # the file the page was
            help/numbers/: help/directory.md                        # or its address, as on a leaflet
            families/refusals.md: families/faq.md#social-worker-says-no  # to one question

Old pages are named as the page file was (`families/advocates.md`) or by their address from the
site's root (`families/advocates/`, `families/advocates.html`); new pages by their file under
docs/, with an optional `#anchor`. Both are English names: every language gets its redirect.

Once every language is built, each entry becomes, for each language, a small page at the old
address (`families/advocates/index.html`, `cy/families/advocates/index.html`) that sends the
reader on at once with `<meta http-equiv="refresh">` to the new page in the same language (its
English fallback when a language has no page of its own), by a relative link, so the guide still
works under a sub-path and from a folder. It has no script (the Content-Security-Policy allows
only the theme's hashed scripts), is not indexed (`noindex`, `canonical` to the new page), and
says "This page has moved: <new page's title>" as a link in the reader's language, for browsers
that do not follow the refresh. `_redirects` tells Netlify and Cloudflare Pages the same, as 301s.

Bad entries stop the build with the line in mkdocs.yml and a fix: before anything is built (a
malformed entry, a new page that does not exist, an old page that still exists, a chain or a
loop), or, for an anchor, once the new page is rendered. `guide check` is the same build.
"""

from __future__ import annotations

import difflib
import html
import os
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlsplit

import yaml
from mkdocs.structure.files import File

from guide.anchors import anchor_ids
from guide.i18n import StringsBook, page_files, source_path
from guide.problems import Problem
from guide.yaml_lines import plugin_options

SETTING = "redirects"
EXAMPLE = "families/advocates.md: families/faq.md"
ARTICLE = re.compile(r"<article\b.*?</article>", re.S)
HEADING = re.compile(r"<h1\b[^>]*>(.*?)</h1>", re.S)
HEADERLINK = re.compile(r"<a\b[^>]*\bclass=\"headerlink\"[^>]*>.*?</a>", re.S)
TITLE = re.compile(r"<title>(.*?)</title>", re.S)
BODY_DIR = re.compile(r"<body\b[^>]*\bdir=\"(rtl|ltr)\"")
TAG = re.compile(r"<[^>]+>")
SPACES = re.compile(r"\s+")
REDIRECT_MARK = '<meta name="robots" content="noindex">\n<meta http-equiv="refresh"'


@dataclass(frozen=True)
class Redirect:
    """One entry of extra.redirects."""

    written: str        # the old page as written: "families/advocates.md" or "families/advocates/"
    old_page: str       # the old page's file when it was named so ("families/advocates.md"), else ""
    old_address: str    # the old address when it was named so ("families/advocates/"), else ""
    target: str         # the new page's file, as links name it: "families/faq.md"
    anchor: str         # "" or "who-are-advocates"
    line: int           # where the entry is in mkdocs.yml

    @property
    def new(self) -> str:
        return self.target + (f"#{self.anchor}" if self.anchor else "")

    def old_url(self, directory_urls: bool) -> str:
        """The old address from the site's root in the default language: families/advocates/."""
        return page_url(self.old_page, directory_urls) if self.old_page else self.old_address

    def addresses(self) -> set[str]:
        """Every address the old page may have had (with and without directory URLs)."""
        return page_addresses(self.old_page) if self.old_page else {self.old_address}


# --- reading mkdocs.yml ----------------------------------------------------------------------

def page_url(page: str, directory_urls: bool) -> str:
    """A page's URL as MkDocs gives it, from the site's root: families/faq/, '' for the home page."""
    url = File(page, "/docs", "/site", directory_urls).url
    return "" if url in (".", "./") else url


def page_addresses(page: str) -> set[str]:
    return {page_url(page, True), page_url(page, False)}


def site_pages(docs_dir: Path, locales: list[str]) -> dict[str, set[str]]:
    """Every page under docs/ by its English name, with the languages it is written in:
    {"families/faq.md": {"en", "cy"}} (the default language's file is `faq.md` or `faq.en.md`)."""
    pages: dict[str, set[str]] = {}
    for _, _, english, locale in page_files(docs_dir, locales):
        pages.setdefault(english, set()).add(locale)
    return pages


def entry_lines(config_file: Path) -> tuple[int, dict[str, list[int]]]:
    """The line of the guide plugin's `redirects:`, and the line(s) of each of its keys (a key
    written twice has two; YAML keeps only the last, so the first would be lost without a word)."""
    try:
        root = yaml.compose(Path(config_file).read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    except (OSError, yaml.YAMLError):
        return 1, {}
    _, options = plugin_options(root, "guide")
    block = None
    if isinstance(options, yaml.MappingNode):
        for key, value in options.value:
            if isinstance(key, yaml.ScalarNode) and key.value == "redirects":
                block = (key, value)
    if block is None:
        return 1, {}
    key_node, value_node = block
    lines: dict[str, list[int]] = {}
    if isinstance(value_node, yaml.MappingNode):
        for key, _ in value_node.value:
            if isinstance(key, yaml.ScalarNode):
                lines.setdefault(key.value, []).append(key.start_mark.line + 1)
    return key_node.start_mark.line + 1, lines


def read(setting: object, config_file: Path, docs_dir: Path,
         locales: list[str]) -> tuple[list[Redirect], list[Problem]]:
    """The entries of the `redirects` option, and every problem with them that is known before a build.
    `locales`: every language of the site, the default first. Problems name mkdocs.yml as the
    build does, relative to its own folder."""
    if setting is None or setting == {}:
        return [], []
    config_file = Path(config_file)
    shown_config = config_file.name
    block_line, lines = entry_lines(config_file)

    def problem(line: int, message: str) -> Problem:
        return Problem(shown_config, line, f"{SETTING}: {message}")

    if not isinstance(setting, dict):
        return [], [problem(block_line, "must map each old page to its new page, one a line, like "
                                        f"`{EXAMPLE}`. Fix: write it that way")]
    problems = [problem(found[-1], f"'{key}' is written more than once (lines {', '.join(map(str, found))}); "
                                   "only the last counts. Fix: keep one")
                for key, found in lines.items() if len(found) > 1]
    pages = site_pages(docs_dir, locales)
    entries: list[Redirect] = []
    for key, value in setting.items():
        line = (lines.get(str(key)) or [block_line])[-1]
        old, old_problem = _old(key, locales)
        target, anchor, new_problem = _new(key, value, locales)
        problems += [problem(line, text) for text in (old_problem, new_problem) if text]
        if not (old_problem or new_problem):
            entries.append(Redirect(str(key), *old, target, anchor, line))

    by_address: dict[str, Redirect] = {}
    for entry in entries:
        for address in sorted(entry.addresses()):
            first = by_address.setdefault(address, entry)
            if first is not entry:
                problems.append(problem(entry.line, f"'{entry.written}' and '{first.written}' (line {first.line}) "
                                                     "are the same old page. Fix: keep one"))
                break

    page_of_address = {address: page for page in pages for address in page_addresses(page)}
    for entry in entries:
        still = entry.old_page if entry.old_page in pages else next(
            (page_of_address[a] for a in sorted(entry.addresses()) if a in page_of_address), None)
        if still:
            problems.append(problem(entry.line, f"the old page '{entry.written}' is still a page of the guide "
                                                f"({_shown_page(docs_dir, config_file, still)}); a redirect would "
                                                "replace it. Fix: remove the entry, or move the page first"))
        chain = None if entry.target in pages else _chain(entry, by_address, pages)
        if chain:
            problems.append(problem(entry.line, chain))
        elif entry.target not in pages:
            closest = difflib.get_close_matches(entry.target, list(pages), n=1, cutoff=0.6)
            hint = f"did you mean '{closest[0]}'?" if closest else "name a page that exists under docs/"
            problems.append(problem(entry.line, f"'{entry.written}' -> '{entry.new}': there is no page "
                                                f"'{entry.target}'. Fix: {hint}"))
    return entries, sorted(set(problems))


def _shown_page(docs_dir: Path, config_file: Path, page: str) -> str:
    return Path(os.path.relpath(Path(docs_dir) / page, config_file.parent)).as_posix()


# Files every build writes at the site's root: no redirect may take their place.
BUILT_FILES = ("sitemap.xml", "sitemap.xml.gz", "robots.txt", "_headers", "_redirects", "404.html")


def _old(key: object, locales: list[str]) -> tuple[tuple[str, str], str | None]:
    """(old page file, old address), or the problem with how the old page is written."""
    fix = ("Fix: write the file the page was (like 'families/advocates.md') or its address from the "
           "site's root (like 'families/advocates/')")
    if not isinstance(key, str) or not key.strip():
        return ("", ""), f"an old page '{key}' that is not a page. {fix}"
    written = key.strip()
    parts = urlsplit(written)
    if parts.scheme or parts.netloc or written.startswith("//"):
        return ("", ""), (f"the old page '{written}' is a full web address. Fix: write its address from the "
                          f"site's root, like '{parts.path.lstrip('/') or 'families/advocates/'}'")
    if parts.query or parts.fragment or "#" in written or "?" in written:
        return ("", ""), (f"the old page '{written}' has a #part or ?query; browsers do not send the #part to "
                          f"the site, so only whole pages can be redirected. {fix}")
    path = written.lstrip("/")
    segments = path.split("/")
    if any(segment in (".", "..") for segment in segments) or "\\" in path or "//" in path:
        return ("", ""), f"the old page '{written}' is not a plain path. {fix}"
    if segments[0] in BUILT_FILES:
        return ("", ""), (f"the old page '{written}' is where the build writes '{segments[0]}'; a redirect would "
                          "replace it. Fix: remove the entry")
    if segments[0] in locales[1:]:
        return ("", ""), (f"the old page '{written}' starts with the language folder '{segments[0]}/'; every "
                          f"language gets the redirect from its English name. Fix: write "
                          f"'{'/'.join(segments[1:])}'")
    if path.endswith(".md"):
        english = source_path(path, locales)
        if english != path:
            return ("", ""), (f"the old page '{written}' is a translation's file; every language gets the "
                              f"redirect from its English name. Fix: write '{english}'")
        return (path, ""), None
    if path.endswith("/"):
        return ("", path), None
    if path.endswith(".html"):
        if path == "index.html" or path.endswith("/index.html"):
            return ("", path.removesuffix("index.html")), None
        return ("", path), None
    return ("", ""), (f"the old page '{written}' is neither a page file (.md) nor a page's address "
                      f"(ending in / or .html). {fix}")


def _new(key: object, value: object, locales: list[str]) -> tuple[str, str, str | None]:
    """(new page file, anchor), or the problem with how the new page is written."""
    fix = "Fix: write the file of the page that replaced it under docs/, like 'families/faq.md' " \
          "(with '#anchor' to go to one part of it)"
    if not isinstance(value, str) or not value.strip():
        return "", "", f"'{key}' has no new page. {fix}"
    written = value.strip()
    parts = urlsplit(written)
    if parts.scheme or parts.netloc or written.startswith("//"):
        return "", "", (f"'{key}' -> '{written}': the new page must be a page of this guide; a redirect to "
                        f"another site is not supported. {fix}")
    path, _, anchor = written.partition("#")
    path = path.lstrip("/")
    if not path.endswith(".md") or parts.query or any(s in (".", "..") for s in path.split("/")):
        return "", "", f"'{key}' -> '{written}' does not name a page file. {fix}"
    if "#" in written and not anchor:
        return "", "", f"'{key}' -> '{written}' has an empty #anchor. Fix: write the anchor, or drop the '#'"
    english = source_path(path, locales)
    if english != path:
        return "", "", (f"'{key}' -> '{written}' names a translation's file; every language goes to its own "
                        f"translation of the English page. Fix: write '{english}{'#' + anchor if anchor else ''}'")
    return path, anchor, None


def _chain(entry: Redirect, by_address: dict[str, Redirect], pages) -> str | None:
    """The problem when the new page is itself redirected: a chain, or a loop."""
    seen = [entry]
    current = entry
    while current.target not in pages:
        following = next((by_address[a] for a in sorted(page_addresses(current.target)) if a in by_address), None)
        if following is None:
            break
        if following in seen:
            circle = " -> ".join([r.written for r in seen[seen.index(following):]] + [following.written])
            return (f"'{entry.written}' -> '{entry.new}' goes round in a loop ({circle}). Fix: point each old "
                    "page at a page that exists now")
        seen.append(following)
        current = following
    if len(seen) == 1:
        return None
    final = seen[-1]
    return (f"'{entry.written}' -> '{entry.new}': '{entry.target}' is itself redirected (line {seen[1].line}: "
            f"-> '{seen[1].new}'). Fix: point '{entry.written}' straight at '{final.new}'")


def anchor_problem(entry: Redirect, ids: dict[str, frozenset | None],
                   shown_config: str = "mkdocs.yml") -> Problem | None:
    """The problem when the new page has no element with the entry's #anchor, in some language.
    `ids`: the ids of the new page as each language builds it (None when they cannot be known)."""
    if not entry.anchor:
        return None
    known = {locale: found for locale, found in ids.items() if found is not None}
    missing = [locale for locale, found in known.items() if entry.anchor not in found]
    if not missing:
        return None
    where = "" if len(missing) == len(known) else f" in its {', '.join(missing)} page(s)"
    closest = difflib.get_close_matches(entry.anchor, sorted(known[missing[0]]), n=1)
    hint = f"did you mean '#{closest[0]}'?" if closest else "link to a heading id that exists"
    return Problem(shown_config, entry.line, f"{SETTING}: '{entry.written}' -> '{entry.new}': the page has no "
                                             f"'#{entry.anchor}'{where}. Fix: {hint}")


# --- writing the redirect pages --------------------------------------------------------------

@dataclass(frozen=True)
class RedirectPage:
    """One redirect in one language."""

    entry: Redirect
    locale: str
    old_url: str       # from the site's root: cy/families/advocates/
    new_url: str       # from the site's root: cy/families/faq/ (the default language's when it has none)
    file: str          # the file written: cy/families/advocates/index.html

    @property
    def href(self) -> str:
        """The new page, relative to the old one, anchor kept."""
        return _quote(relative_url(self.new_url, self.old_url)) + _fragment(self.entry.anchor)


def relative_url(to_url: str, from_url: str) -> str:
    """`to_url` as a link from the page at `from_url` (both from the site's root; a URL ending in
    '/' or '' is a folder's page)."""
    base = from_url if from_url.endswith("/") or not from_url else posixpath.dirname(from_url)
    relative = posixpath.relpath("/" + to_url, "/" + base.rstrip("/"))
    if relative == ".":
        return "./"
    return relative + "/" if (to_url.endswith("/") or not to_url) else relative


def file_of(url: str) -> str:
    return url + "index.html" if url.endswith("/") or not url else url


def _quote(path: str) -> str:
    return quote(path, safe="/")


def _fragment(anchor: str) -> str:
    return "#" + quote(anchor, safe="") if anchor else ""


def plan(entries: list[Redirect], site_dir: Path, locales: list[str], default: str,
         directory_urls: bool, shown_config: str = "mkdocs.yml") -> tuple[list[RedirectPage], list[Problem]]:
    """Every redirect page to write, and the problems known once the site is built: the new page's
    anchor, and an old address where the build already wrote a file. `locales`: the languages built."""
    pages: list[RedirectPage] = []
    problems: list[Problem] = []
    for entry in entries:
        ids: dict[str, frozenset | None] = {}
        for locale in locales:
            prefix = "" if locale == default else f"{locale}/"
            old_url = prefix + entry.old_url(directory_urls)
            new_url = prefix + page_url(entry.target, directory_urls)
            if not (site_dir / file_of(new_url)).is_file():
                new_url = page_url(entry.target, directory_urls)  # no page in this language: the default's
            if not (site_dir / file_of(new_url)).is_file():
                problems.append(Problem(shown_config, entry.line, f"{SETTING}: '{entry.written}' -> '{entry.new}': "
                                        f"the build wrote no page at '{file_of(new_url)}'. Fix: check the page "
                                        "builds (is it excluded?)"))
                break
            old_file = site_dir / file_of(old_url)
            in_the_way = next((folder for folder in old_file.parents if folder.is_file()), None)
            if in_the_way or old_file.exists() and not _is_redirect_page(old_file):
                written = (in_the_way or old_file).relative_to(site_dir).as_posix()
                problems.append(Problem(shown_config, entry.line, f"{SETTING}: the old page '{entry.written}': the "
                                        f"build already wrote '{written}'; a redirect would replace it. "
                                        "Fix: remove the entry, or the file that is built there"))
                break
            ids[locale] = page_ids((site_dir / file_of(new_url)).read_text(encoding="utf-8"))
            pages.append(RedirectPage(entry, locale, old_url, new_url, file_of(old_url)))
        else:
            found = anchor_problem(entry, ids, shown_config)
            if found:
                problems.append(found)
    return pages, sorted(set(problems))


def _is_redirect_page(path: Path) -> bool:
    """A page this module wrote (kept by `mkdocs build --dirty`): rewriting it is fine."""
    try:
        return REDIRECT_MARK in path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False


def page_ids(page_html: str) -> frozenset:
    """The ids in a built page's content (the whole page when it has no <article>)."""
    article = ARTICLE.search(page_html)
    return anchor_ids(article.group(0) if article else page_html)


def page_title(page_html: str) -> str:
    """A built page's heading as the reader sees it (its <title> when it has no <h1>)."""
    article = ARTICLE.search(page_html)
    heading = HEADING.search(article.group(0) if article else page_html) or TITLE.search(page_html)
    if not heading:
        return ""
    return SPACES.sub(" ", html.unescape(TAG.sub("", HEADERLINK.sub("", heading.group(1))))).strip()


def page_direction(page_html: str) -> str | None:
    found = BODY_DIR.search(page_html)
    return found.group(1) if found else None


def redirect_html(*, lang: str, direction: str, href: str, canonical: str, moved: str, title: str,
                  title_lang: str | None = None, title_direction: str | None = None) -> str:
    """The page left at an old address. `moved` is the sentence in the page's language, with
    {title} where the new page's title goes (as a link)."""
    before, found, after = moved.partition("{title}")
    if not found:
        before, after = moved + " ", ""
    other = f' lang="{html.escape(title_lang)}" dir="{html.escape(title_direction or "ltr")}"' if title_lang else ""
    link = f'<a href="{html.escape(href)}"{other}>{html.escape(title, quote=False)}</a>'
    plain = (before + title + after).strip()
    return (
        "<!doctype html>\n"
        f'<html lang="{html.escape(lang)}" dir="{html.escape(direction)}">\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="color-scheme" content="light dark">\n'
        '<meta name="robots" content="noindex">\n'
        f'<meta http-equiv="refresh" content="0; url={html.escape(href)}">\n'
        f'<link rel="canonical" href="{html.escape(canonical)}">\n'
        '<link rel="icon" href="data:,">\n'  # no request for /favicon.ico, outside a sub-path
        f"<title>{html.escape(plain, quote=False)}</title>\n"
        "</head>\n"
        "<body>\n"
        f"<main><p>{html.escape(before, quote=False)}{link}{html.escape(after, quote=False)}</p></main>\n"
        "</body>\n"
        "</html>\n"
    )


def host_redirects(pages: list[RedirectPage]) -> str:
    """`_redirects` for Netlify and Cloudflare Pages: a real 301 from each old address.
    (Netlify serves a file that exists before a rule, so there the redirect page answers.)"""
    lines = ["# Old addresses of moved pages (extra.redirects in mkdocs.yml), in every language.",
             "# Written by the build; edit mkdocs.yml instead."]
    for page in pages:
        lines.append(f"/{_quote(page.old_url)} /{_quote(page.new_url)}{_fragment(page.entry.anchor)} 301")
    return "\n".join(lines) + "\n"


def write(pages: list[RedirectPage], site_dir: Path, docs_dir: Path, locales: list[str], default: str,
          site_url: str, strings: StringsBook) -> None:
    """Write each redirect page, and `_redirects` (nothing when there are no redirects)."""
    if not pages:
        return
    direction = {locale: _direction(site_dir, locale, default) for locale in locales}
    written_in = site_pages(docs_dir, [default] + [loc for loc in locales if loc != default])
    for page in pages:
        target_html = (site_dir / file_of(page.new_url)).read_text(encoding="utf-8")
        translated = page.locale == default or page.locale in written_in.get(page.entry.target, set())
        title = page_title(target_html) or page.entry.target
        if site_url:
            canonical = site_url.rstrip("/") + "/" + _quote(page.new_url)
        else:
            canonical = _quote(relative_url(page.new_url, page.old_url))
        text = redirect_html(
            lang=page.locale, direction=direction[page.locale], href=page.href, canonical=canonical,
            moved=strings.strings(page.locale).raw("redirect_moved"), title=title,
            title_lang=None if translated else default,
            title_direction=direction.get(default, "ltr"))
        target = site_dir / page.file
        target.parent.mkdir(parents=True, exist_ok=True)
        _write_if_changed(target, text)
    _write_if_changed(site_dir / "_redirects", host_redirects(pages))


def _direction(site_dir: Path, locale: str, default: str) -> str:
    """The direction the theme gave the language's pages (dir on <body>), ltr when unknown."""
    prefix = "" if locale == default else f"{locale}/"
    for candidate in (f"{prefix}index.html", f"{prefix}404.html"):
        path = site_dir / candidate
        if path.is_file():
            found = page_direction(path.read_text(encoding="utf-8"))
            if found:
                return found
    return "ltr"


def _write_if_changed(path: Path, text: str) -> None:
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


# --- for the hook ------------------------------------------------------------------------------

def built_locales(config) -> tuple[str, list[str], list[str]]:
    """(default language, every language, the languages built), from MkDocs' loaded config."""
    plugin = config.plugins.get("i18n")
    if plugin is None:
        default = config.theme.get("language") or "en"
        return default, [default], [default]
    default = plugin.default_language
    every = [default] + [loc for loc in plugin.all_languages if loc != default]
    built = [default] + [loc for loc in plugin.build_languages if loc != default]
    return default, every, built


def stop_message(problems: list[Problem]) -> str:
    return (f"{len(problems)} problem(s) in {SETTING}; the build stopped.\n  "
            + "\n  ".join(str(p) for p in problems))


def from_config(config, setting: object) -> tuple[list[Redirect], list[Problem]]:
    """The entries of `setting` (the plugin's `redirects`) and the problems known before building."""
    _, every, _ = built_locales(config)
    return read(setting, Path(config.config_file_path), Path(config.docs_dir), every)


def write_for_build(config, setting: object, strings: StringsBook) -> list[Problem]:
    """Once every language is built: the problems known now (the new pages' anchors), or, when
    there are none, every redirect page and `_redirects` written."""
    entries, problems = from_config(config, setting)
    if problems or not entries:
        return problems
    default, _, built = built_locales(config)
    site_dir = Path(config.site_dir)
    pages, problems = plan(entries, site_dir, built, default, config.use_directory_urls,
                           Path(config.config_file_path).name)
    if not problems:
        write(pages, site_dir, Path(config.docs_dir), built, default, config.site_url or "", strings)
    return problems
