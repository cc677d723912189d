"""MkDocs build hook for the family advocacy guide: thin event functions.

The work is done by the plain modules in hooks/guide/ (contacts, markers, render, checks),
which the scripts and tests use too. mkdocs-static-i18n builds the site once per language
and runs these events again for each, so all state is reset in `on_config`. The checks of the
Markdown sources are checked when the files are known (on_files); their problems are reported
with the links' in on_env, all at once.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

# MkDocs loads this file by path; its folder is on sys.path only now, so import siblings here.
from guide import (a11y, bundle, checks, history, hosting, i18n, markers, redirects, render, search, serving,
                   sources, structured, terminology, theme_css)
from guide.contacts import ContactBook, ContactsError, load_contacts
from guide.i18n import Strings
from guide.render import Renderer

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.files import File, Files
    from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.hooks.guide")


class _Site:
    """What the builds of every language of one site build share: read once, not once per language."""

    def __init__(self, docs_dir: Path):
        self.dates = history.FileDates(docs_dir)
        self._texts: dict[Path, str] = {}

    def text(self, path: Path) -> str:
        """A Markdown file's text (an English page is read for each of its translations)."""
        if path not in self._texts:
            self._texts[path] = path.read_text(encoding="utf-8")
        return self._texts[path]


class _Build:
    """What one language's build has learnt so far."""

    def __init__(self, root: Path, book: ContactBook, site: _Site, terms: terminology.Terminology | None = None):
        self.root = root
        self.book = book
        self.terms = terms
        self.site = site
        self.shown_paths: dict[str, str] = {}
        self.problems: list[checks.Problem] = []
        self.checked: set[str] = set()  # the pages whose sources have been checked
        self.links: dict[str, list[checks.Link]] = {}  # the links each page's source makes
        self.pages: dict[str, tuple[str, str]] = {}  # src_uri -> (path shown in messages, page URL)
        self.card_links: dict[str, list[checks.Link]] = {}  # links the contact cards wrote, per page
        self.sources: dict[str, str] = {}  # each page's Markdown file as read once (front matter too)
        self.anchors: dict[str, frozenset] = {}
        self.facts: dict[str, sources.PageFacts] = {}  # each page's sources and nations
        self.renderers: dict[str, Renderer] = {}
        self.organisations: dict[tuple, str] = {}  # JSON-LD for a set of contacts, per language
        self.synonyms: dict[str, list[list[str]]] = {}  # words the search finds for other words
        self.question_words: dict[str, list[str]] = {}  # words the search leaves out of a question


_build: _Build | None = None
_contacts_cache: dict[tuple, ContactBook] = {}
_sites: dict[Path, _Site] = {}  # by docs_dir, for all the languages of one build of the site
_command = {"name": "build"}  # mkdocs build, serve or gh-deploy (set in on_startup)


def on_startup(command: str, dirty: bool) -> None:
    _command["name"] = command


def on_serve(server: "LiveReloadServer", config: "MkDocsConfig", builder) -> "LiveReloadServer":
    for path in serving.watched_paths(config):
        server.watch(str(path))
    serving.show_errors_in_browser(server, config.site_dir)
    return server


def contacts_path(config: "MkDocsConfig") -> Path:
    root = Path(config.config_file_path).parent
    return root / config.extra.get("contacts_file", "contacts.yml")


def _load_book(path: Path, root: Path) -> ContactBook:
    # Parsed once per change of the file, not once per language build.
    try:
        stat = path.stat()
        key = (path, stat.st_mtime_ns, stat.st_size)
    except OSError:
        key = (path, None, None)
    if key not in _contacts_cache:
        try:
            _contacts_cache[key] = load_contacts(path, display_name=os.path.relpath(path, root))
        except ContactsError as error:
            raise PluginError("The contacts file has problems; the build stopped.\n  "
                              + "\n  ".join(error.problems)) from None
    return _contacts_cache[key]


def _load_terms(config: "MkDocsConfig", root: Path) -> terminology.Terminology | None:
    path = root / config.extra.get("terminology_dir", "terminology")
    try:
        return terminology.load_terminology(path, os.path.relpath(path, root))
    except terminology.TerminologyError as error:
        raise PluginError("The terminology files have problems; the build stopped.\n  "
                          + "\n  ".join(map(str, error.problems))) from None


def snippet_folders(config: "MkDocsConfig") -> list[Path]:
    """Where pymdownx.snippets looks for `--8<--` files, when it stops on a missing one (check_paths)."""
    if "pymdownx.snippets" not in config.markdown_extensions:
        return []
    options = config.mdx_configs.get("pymdownx.snippets") or {}
    if not options.get("check_paths"):
        return []
    folders = options.get("base_path", ["."])
    return [Path(folder).resolve() for folder in ([folders] if isinstance(folders, str) else folders)]


def _settings_texts(config: "MkDocsConfig", root: Path) -> list[tuple[str, str]]:
    """mkdocs.yml and the snippets (pymdownx.snippets' base_path folders), as (shown path, text)."""
    files = [Path(config.config_file_path)]
    snippets = (config.mdx_configs.get("pymdownx.snippets") or {}).get("base_path") or []
    for folder in [snippets] if isinstance(snippets, str) else snippets:
        folder = Path(folder) if Path(folder).is_absolute() else root / folder
        if folder.is_dir() and folder.resolve() != Path(config.docs_dir).resolve():
            files += sorted(folder.rglob("*.md"))
    texts = []
    for path in files:
        try:
            texts.append((os.path.relpath(path, root), path.read_text(encoding="utf-8")))
        except (OSError, UnicodeDecodeError):
            continue  # MkDocs and the snippets extension report a file they cannot read
    return texts


def on_config(config: "MkDocsConfig") -> None:
    global _build
    root = Path(config.config_file_path).parent
    settings_problems = checks.config_problems(Path(config.config_file_path),
                                               os.path.relpath(config.config_file_path, root))
    if settings_problems:
        raise PluginError(f"{len(settings_problems)} problem(s) in the settings; the build stopped.\n  "
                          + "\n  ".join(map(str, settings_problems)))
    moved_problems = redirects.from_config(config)[1]  # before anything is built
    if moved_problems:
        raise PluginError(redirects.stop_message(moved_problems))
    if not getattr(config.plugins.get("i18n"), "building", False):  # a new build of the whole site
        _sites.clear()  # files and git are read again: under `mkdocs serve` pages change between builds
        i18n.reload_strings()
        if not config.site_url and _command["name"] != "serve":
            settings_log.warning(f"{os.path.relpath(config.config_file_path, root)}: site_url is empty, so the sitemap, "
                                 "canonical and hreflang addresses are relative, which search engines ignore. Fix: "
                                 "set site_url to the address the guide is published at (or GUIDE_SITE_URL)")
    docs_dir = Path(config.docs_dir)
    site = _sites.setdefault(docs_dir, _Site(docs_dir))
    _build = _Build(root, _load_book(contacts_path(config), root), site, _load_terms(config, root))
    synonyms = root / config.extra.get("search_synonyms", search.SYNONYMS_FILE)
    question_words = root / config.extra.get("search_question_words", search.QUESTION_WORDS_FILE)
    try:
        _build.synonyms = search.load_synonyms(synonyms, os.path.relpath(synonyms, root))
        _build.question_words = search.load_question_words(question_words, os.path.relpath(question_words, root))
    except search.SynonymsError as error:
        raise PluginError("A search words file has problems; the build stopped.\n  "
                          + "\n  ".join(map(str, error.problems))) from None
    # Numbers typed into mkdocs.yml (a site_description) or into a snippet every page includes
    # never pass through the page checks: they are checked here.
    typed = [problem for shown, text in _settings_texts(config, root)
             for problem in checks.typed_numbers(shown, text, _build.book)]
    if typed:
        raise PluginError(f"{len(typed)} problem(s); the build stopped.\n  " + "\n  ".join(map(str, typed)))
    # Material's offline plugin would load its file:// worker shim from unpkg.com: use our copy.
    config.extra["polyfills"] = [bundle.LOCAL_WORKER_SHIM if "iframe-worker" in script else script
                                 for script in config.extra.get("polyfills", [])]


def _shown_path(file: "File") -> str:
    path = file.abs_src_path
    if path is None:  # a page a plugin generated: no file on disk
        return file.src_uri
    if path not in _build.shown_paths:
        _build.shown_paths[path] = os.path.relpath(path, _build.root)
    return _build.shown_paths[path]


def _locale(page: "Page", config: "MkDocsConfig") -> str:
    return getattr(page.file, "locale", None) or config.theme.get("language") or "en"


def _renderer(locale: str, config: "MkDocsConfig") -> Renderer:
    if locale not in _build.renderers:
        _build.renderers[locale] = Renderer(_build.book, config.theme.get_env(), locale,
                                            config.extra.get("site_contact"))
    return _build.renderers[locale]


# Outdated translations are listed but do not stop a strict build (only `mkdocs.*` warnings do):
# the page is still worth reading, with a banner; `scripts/translation_status.py` fails CI on them.
translation_log = logging.getLogger("guide.translations")
settings_log = logging.getLogger("guide.settings")  # said, but does not stop a strict build


def _english_page(src_uri: str, config: "MkDocsConfig") -> Path | None:
    """The English page a translation translates (None for an English page, or one with none)."""
    english_uri = i18n.source_path(src_uri, i18n.site_locales(config))
    if english_uri == src_uri:
        return None
    english = Path(config.docs_dir) / english_uri
    return english if english.exists() else None


def _translation_state(page: "Page", config: "MkDocsConfig") -> None:
    """Whether a translation is up to date with its English page and reviewed: a banner on the page.
    (That it has the same markers, links and heading ids is checked with its source.)"""
    english = _english_page(page.file.src_uri, config)
    if english is None:
        return
    english_text = _build.site.text(english)
    english_shown = os.path.relpath(english, _build.root)
    t = Strings(_locale(page, config))
    state = i18n.translation_state(english_text, page.meta)
    if state == i18n.OUTDATED:
        changed = _build.site.dates(english)
        translation_log.warning(f"{_shown_path(page.file)}: outdated: {english_shown} changed on {changed.isoformat()} "
                                "since this was translated. Fix: update the translation, then run "
                                "scripts/translation_status.py --write " + _shown_path(page.file))
        page.meta["guide_translation"] = {"state": state, "text": t("translation_outdated", date=t.date(changed))}
    elif state == i18n.UNREVIEWED:
        page.meta["guide_translation"] = {"state": state, "text": t("translation_unreviewed")}


def _read_page(file: "File") -> str:
    """A page's Markdown, front matter included (so that line numbers match the file)."""
    try:
        return file.content_string
    except UnicodeDecodeError as error:
        raise PluginError(str(checks.page_not_utf8(_shown_path(file), error))) from None


def _source(file: "File", config: "MkDocsConfig") -> checks.Source:
    path = _shown_path(file)
    english = _english_page(file.src_uri, config)
    text = _build.sources[file.src_uri] = _read_page(file)
    if english is None:
        return checks.Source(file.src_uri, path, text)
    return checks.Source(file.src_uri, path, text,
                         os.path.relpath(english, _build.root), _build.site.text(english))


@event_priority(-150)  # after mkdocs-static-i18n has chosen this language's files
def on_files(files: "Files", config: "MkDocsConfig") -> None:
    found = [_source(file, config) for file in files.documentation_pages()]
    # Front matter MkDocs would ignore or could hang on, and snippets the snippets extension would
    # stop on without a line: stop before either reads them.
    unreadable = [p for source in found for p in sources.front_matter_problems(source.path, source.text)]
    snippets = snippet_folders(config)
    if snippets:
        shown = " or ".join(checks.shown_folder(folder, _build.root) for folder in snippets)
        unreadable += [p for source in found for p in checks.snippet_problems(source.path, source.text, snippets, shown)]
    if unreadable:
        raise PluginError(f"{len(unreadable)} problem(s) in the pages; the build stopped.\n  "
                          + "\n  ".join(map(str, sorted(unreadable))))
    _build.problems += _misnamed_translations(config)
    # The other problems are reported with the links' in on_env, all at once.
    _check_sources(found)


def _misnamed_translations(config: "MkDocsConfig") -> list[checks.Problem]:
    """Pages named for a language the guide does not have (help.fr.md): mkdocs-static-i18n leaves
    them out of every build without a word, so they are looked for on disk."""
    docs, locales = Path(config.docs_dir), i18n.site_locales(config)
    found = []
    for path in sorted(docs.rglob("*.*.md")):
        src = path.relative_to(docs).as_posix()
        if not any(part.startswith(".") for part in src.split("/")):
            found += [p for p in [checks.language_suffix_problem(os.path.relpath(path, _build.root), src, locales)] if p]
    return found


def _check_sources(found: list[checks.Source]) -> None:
    problems, links = checks.source_problems(_build.book, found)
    _build.problems += problems
    _build.links.update(links)
    _build.checked.update(source.src_uri for source in found)


def on_page_markdown(markdown: str, page: "Page", config: "MkDocsConfig", files: "Files") -> str:
    if page.file.src_uri not in _build.checked:  # a page another plugin added after on_files
        _check_sources([_source(page.file, config)])
    source = _build.sources[page.file.src_uri]  # as on_files read it (_source)
    path = _shown_path(page.file)
    _build.pages[page.file.src_uri] = (path, page.url)
    _translation_state(page, config)

    # Review dates: shown on the page; an overdue review is a warning (fatal under strict).
    review, overdue = checks.review_dates(path, page.meta, source, dt.date.today())
    for problem in overdue:
        log.warning(str(problem))
    if review:
        t = Strings(_locale(page, config))
        # From git where the guide is in git; a page a plugin generated changes with each build.
        source_file = page.file.abs_src_path
        changed = _build.site.dates(Path(source_file)) if source_file else dt.date.today()
        page.meta["guide_review"] = {"reviewed": t("last_reviewed", date=t.date(review.reviewed)),
                                     "due": t("review_due", date=t.date(review.due)),
                                     "updated": t("last_updated", date=t.date(changed))}

    # Sources and nations: problems are reported with the others in on_env, all at once.
    english = _english_page(page.file.src_uri, config)
    facts, problems = sources.page_facts(
        path, source, dt.date.today(), os.path.relpath(english, _build.root) if english else None,
        _build.site.text(english) if english else None)
    _build.facts[page.file.src_uri] = facts
    _build.problems += problems
    if english:  # a translation writes each key term as its language's table says
        _build.problems += terminology.problems(_build.terms, _locale(page, config), path, source,
                                                _build.site.text(english))

    # Numbers and hours inside sentences are rendered now, as inline HTML; cards wait for the HTML.
    return markers.replace_inline_in_source(markdown, _renderer(_locale(page, config), config).render)


def on_page_content(html: str, page: "Page", config: "MkDocsConfig", files: "Files") -> str:
    renderer = _renderer(_locale(page, config), config)
    source = _build.sources[page.file.src_uri]
    links = _build.card_links.setdefault(page.file.src_uri, [])

    def render(marker: markers.Marker) -> str | None:
        output = renderer.render(marker)
        if output:  # links the partials wrote are checked like any other, at the marker's line
            line = next((n for n, row in enumerate(source.splitlines(), 1) if marker.text in row), 1)
            links.extend(checks.links_in_html(output, line))
        return output

    html = markers.replace_in_html(html, render)
    html = _with_page_facts(html, _build.facts.get(page.file.src_uri), renderer)
    html = a11y.mark_english_abbreviations(a11y.name_checkboxes(html), renderer.t.locale)
    html += _structured_data(page, config, html)
    toc = config.mdx_configs.get("toc") or {}
    html = a11y.translate_permalinks(html, str(toc.get("permalink_title", "")), renderer.t("permalink_title"))
    html = a11y.add_copy_links(html, renderer.t("copy_link"))
    _build.anchors[page.url] = checks.anchor_ids(html)
    return html


def _with_page_facts(html: str, facts: sources.PageFacts | None, renderer: Renderer) -> str:
    """Where the page applies, under its title; where its facts come from, at its end."""
    if facts is None:
        return html
    if facts.applies_to:
        line = renderer.applies(facts.applies_to, 'class="admonition wales' in html)
        title_end = html.find("</h1>")
        html = html[:title_end + 5] + "\n" + line + html[title_end + 5:] if title_end >= 0 else line + "\n" + html
    if facts.citations:
        html += "\n" + renderer.sources(facts.citations, "en" if facts.from_english else None)
    return html


def on_post_page(output: str, page: "Page", config: "MkDocsConfig") -> str:
    if config.site_url and page.canonical_url:  # search engines read only full addresses
        output = i18n.absolute_alternates(output, page.canonical_url)
    return a11y.whole_page_fixes(output)


def on_page_context(context: dict, page: "Page", config: "MkDocsConfig", nav) -> dict:
    # mkdocs-static-i18n links a home page to its translations from the domain root ("/cy/"):
    # made relative, the language menu also works when the site lives under a sub-path.
    # (It sets them as an attribute of `config.extra`, which is what the templates read.)
    for alternate in getattr(config.extra, "alternate", None) or config.extra.get("alternate") or []:
        alternate["link"] = i18n.site_relative(alternate.get("link", ""))
    return context


def _structured_data(page: "Page", config: "MkDocsConfig", html: str) -> str:
    """schema.org JSON-LD from what the page shows: its questions and answers, its contacts."""
    locale = _locale(page, config)
    scripts = []
    if i18n.source_path(page.file.src_uri, i18n.site_locales(config)) in config.extra.get("faq_pages", []):
        faq = structured.faq_page(html, locale)
        if faq:
            scripts.append(structured.script(faq))
    found = markers.in_source(_build.sources[page.file.src_uri])
    if any(marker.kind == "directory" for marker in found):
        ids = tuple(contact.id for contact in _build.book.contacts)
    else:
        ids = tuple(dict.fromkeys(marker.contact_id for marker in found if marker.contact_id))
    key = (locale, ids)
    if key not in _build.organisations:  # pages that name the same contacts share one script
        contacts = [contact for contact in map(_build.book.get, ids) if contact]
        organisations = structured.organisations(contacts, _build.book, locale)
        _build.organisations[key] = structured.script(organisations) if organisations else ""
    scripts.append(_build.organisations[key])
    return "\n".join(script for script in scripts if script)


def on_env(env: "Environment", config: "MkDocsConfig", files: "Files") -> None:
    # Templates (exit button, 404) write the build's words in the language being built.
    env.globals["guide_t"] = Strings(config.theme.get("language") or "en")
    env.globals["guide_default_locale"] = _default_locale(config)
    render.share_compiled_templates(env)

    # Every page is rendered by now and nothing is written yet: report all problems at once.
    # Links name the English file (`faq.md`); in another language's build it is `faq.cy.md`.
    locales = i18n.site_locales(config)
    # The home page's file URL is "./" but its page URL (under which its anchors are kept) is "".
    pages = {i18n.source_path(f.src_uri, locales): "" if f.url == "./" else f.url
             for f in files.documentation_pages()}
    urls = {f.url for f in files} | {f.url.removesuffix("index.html") for f in files}
    site = checks.SiteIndex(pages=pages, urls=urls, anchors=_build.anchors)
    for src, (path, url) in _build.pages.items():
        page_links = _build.links.get(src, []) + _build.card_links.get(src, [])
        _build.problems += checks.link_problems(path, i18n.source_path(src, locales), url, page_links, site)
    if _build.problems:
        problems = sorted(set(_build.problems))
        raise PluginError(f"{len(problems)} problem(s) in the pages; the build stopped.\n  "
                          + "\n  ".join(str(p) for p in problems))


_default_404: dict[str, bytes] = {}


def _default_locale(config: "MkDocsConfig") -> str:
    i18n_plugin = config.plugins.get("i18n")
    return getattr(i18n_plugin, "default_language", None) or config.theme.get("language") or "en"


def on_post_template(output: str, template_name: str, config: "MkDocsConfig") -> str:
    if template_name == "404.html":
        output = a11y.whole_page_fixes(output)
    # Keep the default language's 404 page: the other languages' builds overwrite the file.
    if template_name == "404.html" and (config.theme.get("language") or "en") == _default_locale(config):
        _default_404[config.site_dir] = output.encode("utf-8")
    return output


@event_priority(-200)  # after mkdocs-static-i18n, which builds the other languages in its own on_post_build
def on_post_build(config: "MkDocsConfig") -> None:
    site_dir = Path(config.site_dir)
    i18n_plugin = config.plugins.get("i18n")
    # The default language's build finishes last, after mkdocs-static-i18n has built the others
    # (its `building` flag is then down again) and merged their search indexes.
    finished = i18n_plugin is None or not getattr(i18n_plugin, "building", False)
    default = _default_locale(config)
    locale = default if finished else (config.theme.get("language") or default)
    bundle.adjust_bundles(site_dir)
    i18n.keep_404_per_language(site_dir, locale, default, _default_404.get(config.site_dir))
    if finished:
        # Once, when every language's pages are written.
        moved_problems = redirects.write_for_build(config)  # old addresses of moved pages, every language
        if moved_problems:
            raise PluginError(redirects.stop_message(moved_problems))
        # Now that no page will change: Material's CSS less the rules of the features no page
        # uses, and the security headers with the pages' inline scripts.
        theme_css.prune_stylesheets(site_dir, theme_css.features_the_config_leaves_off(config))
        offline = config.plugins.get("material/offline") or config.plugins.get("offline")
        # No <meta> policy under `mkdocs serve`: its live-reload script is inline.
        meta = not (offline and offline.config.enabled) and _command["name"] != "serve"
        hosting.write_host_files(site_dir, config.site_url or "", not meta)
        search.split_index(site_dir, i18n.site_locales(config), default, _build.synonyms, _build.question_words)
