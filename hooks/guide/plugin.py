"""The guide as a MkDocs plugin (`plugins: - guide`): thin event functions.

The work is done by the plain modules beside this one (contacts, markers, render, checks), which
the `guide` command and the tests use too. mkdocs-static-i18n builds the site once per language
with the same plugin, and runs these events again for each: what one language's build learns is
on `self.build`, new in each `on_config`; what every language shares (files' dates, contacts read
once per change of the file) is on the plugin. The Markdown sources are checked when the files
are known (on_files); their problems are reported with the links' in on_env, all at once.

List `guide` after `search` and `i18n` in `plugins:`: its events run after theirs.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority

from guide import (a11y, bundle, checks, history, hosting, i18n, markers, redirects, render, search, serving,
                   sources, structured, terminology, theme_css)
from guide.anchors import anchor_ids
from guide.contacts import ContactBook, ContactsError, load_contacts
from guide.i18n import StringsBook, StringsError
from guide.link_warnings import HeldLinkWarnings, named_links
from guide.problems import every_problem_message
from guide.options import GuideConfig
from guide.render import Renderer

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.files import File, Files
    from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.plugins.guide")
# Outdated translations are listed but do not stop a strict build (only `mkdocs.*` warnings do):
# the page is still worth reading, with a banner; `guide status` fails CI on them.
translation_log = logging.getLogger("guide.translations")
settings_log = logging.getLogger("guide.settings")  # said, but does not stop a strict build

# The generator's templates, partials, scripts and styles: added to the theme's folders, after a
# guide's own `custom_dir` (which can replace any of them) and before Material's.
THEME_DIR = Path(__file__).parent / "theme"


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

    def shown_path(self, file: "File") -> str:
        """A page's file as messages name it: from mkdocs.yml's folder."""
        path = file.abs_src_path
        if path is None:  # a page a plugin generated: no file on disk
            return file.src_uri
        if path not in self.shown_paths:
            self.shown_paths[path] = os.path.relpath(path, self.root)
        return self.shown_paths[path]


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


def _locale(page: "Page", config: "MkDocsConfig") -> str:
    return getattr(page.file, "locale", None) or config.theme.get("language") or "en"


def _default_locale(config: "MkDocsConfig") -> str:
    i18n_plugin = config.plugins.get("i18n")
    return getattr(i18n_plugin, "default_language", None) or config.theme.get("language") or "en"


def _english_page(src_uri: str, config: "MkDocsConfig") -> Path | None:
    """The English page a translation translates (None for an English page, or one with none)."""
    english_uri = i18n.source_path(src_uri, i18n.site_locales(config))
    if english_uri == src_uri:
        return None
    english = Path(config.docs_dir) / english_uri
    return english if english.exists() else None


class GuidePlugin(BasePlugin[GuideConfig]):
    supports_multiple_instances = False

    def __init__(self):
        super().__init__()
        self.command = "build"  # mkdocs build, serve or gh-deploy (set in on_startup)
        self.build: _Build | None = None
        self._contacts: dict[tuple, ContactBook] = {}  # parsed once per change of the file
        self._sites: dict[Path, _Site] = {}  # by docs_dir, for all the languages of one build of the site
        self.strings: StringsBook | None = None  # the build's words: read again for each build of the site
        self._default_404: dict[str, bytes] = {}
        # `guide check` sets this: a language's problems are held, not raised, and the builds go on,
        # so that one run lists every problem of every language (the build stops at the first).
        self.every_problem = False
        self._held: set[checks.Problem] = set()
        self._link_warnings = HeldLinkWarnings()  # MkDocs' own, until the link check has said its own

    # --- settings ---------------------------------------------------------------------------

    def load_config(self, options, config_file_path=None):
        """MkDocs checks the options' types without a line: mkdocs.yml is read with lines first,
        so that a wrong option names its line and the fix (each problem said once)."""
        errors, warnings = super().load_config(options, config_file_path)
        if config_file_path:
            root = Path(config_file_path).parent
            problems = checks.config_problems(Path(config_file_path), os.path.relpath(config_file_path, root))
            if problems:  # each message starts with the option it is about ("exit_page url ...")
                return [(problem.message.split(" ", 1)[0].rstrip(":"), str(problem)) for problem in problems], []
        return errors, warnings

    def path(self, config: "MkDocsConfig", option: str) -> Path:
        """A file option (contacts_file, search_synonyms...) as a path: from mkdocs.yml's folder."""
        return Path(config.config_file_path).parent / self.config[option]

    # --- events -----------------------------------------------------------------------------

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command

    def on_serve(self, server: "LiveReloadServer", *, config: "MkDocsConfig", builder) -> "LiveReloadServer":
        for path in serving.watched_paths(config, self):
            server.watch(str(path))
        serving.show_errors_in_browser(server, config.site_dir)
        return server

    def on_config(self, config: "MkDocsConfig") -> None:
        root = Path(config.config_file_path).parent
        if str(THEME_DIR) not in config.theme.dirs:
            config.theme.dirs.insert(1 if config.theme.custom_dir else 0, str(THEME_DIR))
        moved_problems = redirects.from_config(config, self.config.redirects)[1]  # before anything is built
        if moved_problems:
            raise PluginError(redirects.stop_message(moved_problems))
        if not getattr(config.plugins.get("i18n"), "building", False):  # a new build of the whole site
            self._sites.clear()  # files and git are read again: under `mkdocs serve` pages change between builds
            self._held.clear()
            # Under `mkdocs serve` the strings files may have been edited since the last build.
            self.strings = StringsBook(self.path(config, "strings_dir"), root)
            try:
                self.strings.check(i18n.site_locales(config))
            except StringsError as error:
                raise PluginError(f"A strings file has problems; the build stopped.\n  {error}") from None
            if not config.site_url and self.command != "serve":
                settings_log.warning(f"{os.path.relpath(config.config_file_path, root)}: site_url is empty, so the "
                                     "sitemap, canonical and hreflang addresses are relative, which search engines "
                                     "ignore. Fix: set site_url to the address the guide is published at "
                                     "(or GUIDE_SITE_URL)")
        docs_dir = Path(config.docs_dir)
        site = self._sites.setdefault(docs_dir, _Site(docs_dir))
        self.build = build = _Build(root, self._load_book(self.path(config, "contacts_file"), root), site,
                                    self._load_terms(self.path(config, "terminology_dir"), root))
        synonyms, question_words = self.path(config, "search_synonyms"), self.path(config, "search_question_words")
        try:
            build.synonyms = search.load_synonyms(synonyms, os.path.relpath(synonyms, root))
            build.question_words = search.load_question_words(question_words, os.path.relpath(question_words, root))
        except search.SynonymsError as error:
            raise PluginError("A search words file has problems; the build stopped.\n  "
                              + "\n  ".join(map(str, error.problems))) from None
        # Numbers typed into mkdocs.yml (a site_description) or into a snippet every page includes
        # never pass through the page checks: they are checked here.
        typed = [problem for shown, text in _settings_texts(config, root)
                 for problem in checks.typed_numbers(shown, text, build.book)]
        if typed:
            raise PluginError(f"{len(typed)} problem(s); the build stopped.\n  " + "\n  ".join(map(str, typed)))
        # Material's offline plugin would load its file:// worker shim from unpkg.com: use our copy.
        config.extra["polyfills"] = [bundle.LOCAL_WORKER_SHIM if "iframe-worker" in script else script
                                     for script in config.extra.get("polyfills", [])]

    def _load_book(self, path: Path, root: Path) -> ContactBook:
        try:
            stat = path.stat()
            key = (path, stat.st_mtime_ns, stat.st_size)
        except OSError:
            key = (path, None, None)
        if key not in self._contacts:
            try:
                self._contacts[key] = load_contacts(path, display_name=os.path.relpath(path, root))
            except ContactsError as error:
                raise PluginError("The contacts file has problems; the build stopped.\n  "
                                  + "\n  ".join(error.problems)) from None
        return self._contacts[key]

    @staticmethod
    def _load_terms(path: Path, root: Path) -> terminology.Terminology | None:
        try:
            return terminology.load_terminology(path, os.path.relpath(path, root))
        except terminology.TerminologyError as error:
            raise PluginError("The terminology files have problems; the build stopped.\n  "
                              + "\n  ".join(map(str, error.problems))) from None

    def _renderer(self, locale: str, config: "MkDocsConfig") -> Renderer:
        if locale not in self.build.renderers:
            self.build.renderers[locale] = Renderer(self.build.book, config.theme.get_env(),
                                                    self.strings.strings(locale), self.config.site_contact)
        return self.build.renderers[locale]

    def _translation_state(self, page: "Page", config: "MkDocsConfig") -> None:
        """Whether a translation is up to date with its English page and reviewed: a banner on the
        page. (That it has the same markers, links and heading ids is checked with its source.)"""
        english = _english_page(page.file.src_uri, config)
        if english is None:
            return
        build = self.build
        english_text = build.site.text(english)
        english_shown = os.path.relpath(english, build.root)
        t = self.strings.strings(_locale(page, config))
        state = i18n.translation_state(english_text, page.meta)
        if state == i18n.OUTDATED:
            changed = build.site.dates(english)
            shown = build.shown_path(page.file)
            translation_log.warning(f"{shown}: outdated: {english_shown} changed on {changed.isoformat()} since this "
                                    f"was translated. Fix: update the translation, then run guide status --write {shown}")
            page.meta["guide_translation"] = {"state": state, "text": t("translation_outdated", date=t.date(changed))}
        elif state == i18n.UNREVIEWED:
            page.meta["guide_translation"] = {"state": state, "text": t("translation_unreviewed")}

    def _source(self, file: "File", config: "MkDocsConfig") -> checks.Source:
        build = self.build
        path = build.shown_path(file)
        try:  # front matter included, so that line numbers match the file
            text = build.sources[file.src_uri] = file.content_string
        except UnicodeDecodeError as error:
            raise PluginError(str(checks.page_not_utf8(path, error))) from None
        english = _english_page(file.src_uri, config)
        if english is None:
            return checks.Source(file.src_uri, path, text)
        return checks.Source(file.src_uri, path, text, os.path.relpath(english, build.root), build.site.text(english))

    @event_priority(-150)  # after mkdocs-static-i18n has chosen this language's files
    def on_files(self, files: "Files", *, config: "MkDocsConfig") -> None:
        self._link_warnings.start()  # the pages are rendered after this event
        build = self.build
        found = [self._source(file, config) for file in files.documentation_pages()]
        # Front matter MkDocs would ignore or could hang on, and snippets the snippets extension
        # would stop on without a line: stop before either reads them.
        unreadable = [p for source in found for p in sources.front_matter_problems(source.path, source.text)]
        snippets = snippet_folders(config)
        if snippets:
            shown = " or ".join(checks.shown_folder(folder, build.root) for folder in snippets)
            unreadable += [p for source in found
                           for p in checks.snippet_problems(source.path, source.text, snippets, shown)]
        if unreadable:
            raise PluginError(f"{len(unreadable)} problem(s) in the pages; the build stopped.\n  "
                              + "\n  ".join(map(str, sorted(unreadable))))
        try:  # before anything is written: a reader's browser never asks unpkg.com for a script
            bundle.adjusted_files(files, config)
        except bundle.BundleChanged as error:
            raise PluginError(str(error)) from None
        build.problems += self._misnamed_translations(config)
        # The other problems are reported with the links' in on_env, all at once.
        self._check_sources(found)

    def _misnamed_translations(self, config: "MkDocsConfig") -> list[checks.Problem]:
        """Pages named for a language the guide does not have (help.fr.md): mkdocs-static-i18n
        leaves them out of every build without a word, so they are looked for on disk."""
        docs, locales = Path(config.docs_dir), i18n.site_locales(config)
        found = []
        for path in sorted(docs.rglob("*.*.md")):
            src = path.relative_to(docs).as_posix()
            if not any(part.startswith(".") for part in src.split("/")):
                problem = checks.language_suffix_problem(os.path.relpath(path, self.build.root), src, locales)
                found += [problem] if problem else []
        return found

    def _check_sources(self, found: list[checks.Source]) -> None:
        problems, links = checks.source_problems(self.build.book, found)
        self.build.problems += problems
        self.build.links.update(links)
        self.build.checked.update(source.src_uri for source in found)

    def on_page_markdown(self, markdown: str, *, page: "Page", config: "MkDocsConfig", files: "Files") -> str:
        build = self.build
        if page.file.src_uri not in build.checked:  # a page another plugin added after on_files
            self._check_sources([self._source(page.file, config)])
        source = build.sources[page.file.src_uri]  # as on_files read it (_source)
        path = build.shown_path(page.file)
        build.pages[page.file.src_uri] = (path, page.url)
        self._translation_state(page, config)

        # Review dates: shown on the page; an overdue review is a warning (fatal under strict).
        review, overdue = checks.review_dates(path, page.meta, source, dt.date.today())
        for problem in overdue:
            log.warning(str(problem))
        if review:
            t = self.strings.strings(_locale(page, config))
            # From git where the guide is in git; a page a plugin generated changes with each build.
            source_file = page.file.abs_src_path
            changed = build.site.dates(Path(source_file)) if source_file else dt.date.today()
            page.meta["guide_review"] = {"reviewed": t("last_reviewed", date=t.date(review.reviewed)),
                                         "due": t("review_due", date=t.date(review.due)),
                                         "updated": t("last_updated", date=t.date(changed))}

        # Sources and nations: problems are reported with the others in on_env, all at once.
        english = _english_page(page.file.src_uri, config)
        facts, problems = sources.page_facts(
            path, source, dt.date.today(), os.path.relpath(english, build.root) if english else None,
            build.site.text(english) if english else None)
        build.facts[page.file.src_uri] = facts
        build.problems += problems
        if english:  # a translation writes each key term as its language's table says
            build.problems += terminology.problems(build.terms, _locale(page, config), path, source,
                                                   build.site.text(english))

        # Numbers and hours inside sentences are rendered now, as inline HTML; cards wait for the HTML.
        return markers.replace_inline_in_source(markdown, self._renderer(_locale(page, config), config).render)

    def on_page_content(self, html: str, *, page: "Page", config: "MkDocsConfig", files: "Files") -> str:
        build = self.build
        renderer = self._renderer(_locale(page, config), config)
        source = build.sources[page.file.src_uri]
        links = build.card_links.setdefault(page.file.src_uri, [])

        def render_marker(marker: markers.Marker) -> str | None:
            output = renderer.render(marker)
            if output:  # links the partials wrote are checked like any other, at the marker's line
                line = next((n for n, row in enumerate(source.splitlines(), 1) if marker.text in row), 1)
                links.extend(checks.links_in_html(output, line))
            return output

        html = markers.replace_in_html(html, render_marker)
        html = _with_page_facts(html, build.facts.get(page.file.src_uri), renderer)
        html = a11y.mark_english_abbreviations(a11y.name_checkboxes(html), renderer.t.locale)
        html += self._structured_data(page, config, html)
        toc = config.mdx_configs.get("toc") or {}
        html = a11y.translate_permalinks(html, str(toc.get("permalink_title", "")), renderer.t("permalink_title"))
        html = a11y.add_copy_links(html, renderer.t("copy_link"))
        build.anchors[page.url] = anchor_ids(html)
        return html

    def _structured_data(self, page: "Page", config: "MkDocsConfig", html: str) -> str:
        """schema.org JSON-LD from what the page shows: its questions and answers, its contacts."""
        build = self.build
        locale = _locale(page, config)
        scripts = []
        if i18n.source_path(page.file.src_uri, i18n.site_locales(config)) in self.config.faq_pages:
            faq = structured.faq_page(html, locale)
            if faq:
                scripts.append(structured.script(faq))
        found = markers.in_source(build.sources[page.file.src_uri])
        if any(marker.kind == "directory" for marker in found):
            ids = tuple(contact.id for contact in build.book.contacts)
        else:
            ids = tuple(dict.fromkeys(marker.contact_id for marker in found if marker.contact_id))
        key = (locale, ids)
        if key not in build.organisations:  # pages that name the same contacts share one script
            contacts = [contact for contact in map(build.book.get, ids) if contact]
            organisations = structured.organisations(contacts, build.book, locale)
            build.organisations[key] = structured.script(organisations) if organisations else ""
        scripts.append(build.organisations[key])
        return "\n".join(script for script in scripts if script)

    def on_post_page(self, output: str, *, page: "Page", config: "MkDocsConfig") -> str:
        if config.site_url and page.canonical_url:  # search engines read only full addresses
            output = i18n.absolute_alternates(output, page.canonical_url)
        return a11y.whole_page_fixes(output)

    def on_page_context(self, context: dict, *, page: "Page", config: "MkDocsConfig", nav) -> dict:
        # mkdocs-static-i18n links a home page to its translations from the domain root ("/cy/"):
        # made relative, the language menu also works when the site lives under a sub-path.
        # (It sets them as an attribute of `config.extra`, which is what the templates read.)
        for alternate in getattr(config.extra, "alternate", None) or config.extra.get("alternate") or []:
            alternate["link"] = i18n.site_relative(alternate.get("link", ""))
        return context

    def on_env(self, env: "Environment", *, config: "MkDocsConfig", files: "Files") -> None:
        # Templates (exit button, 404) write the build's words in the language being built.
        env.globals["guide_t"] = self.strings.strings(config.theme.get("language") or "en")
        env.globals["guide_default_locale"] = _default_locale(config)
        env.globals["guide_exit_url"] = self.config.exit_page.get("url")
        render.share_compiled_templates(env)

        # Every page is rendered by now and nothing is written yet: report all problems at once.
        # Links name the English file (`faq.md`); in another language's build it is `faq.cy.md`.
        build = self.build
        locales = i18n.site_locales(config)
        # The home page's file URL is "./" but its page URL (under which its anchors are kept) is "".
        pages = {i18n.source_path(f.src_uri, locales): "" if f.url == "./" else f.url
                 for f in files.documentation_pages()}
        urls = {f.url for f in files} | {f.url.removesuffix("index.html") for f in files}
        site = checks.SiteIndex(pages=pages, urls=urls, anchors=build.anchors)
        for src, (path, url) in build.pages.items():
            page_links = build.links.get(src, []) + build.card_links.get(src, [])
            build.problems += checks.link_problems(path, i18n.source_path(src, locales), url, page_links, site)
        self._link_warnings.release(named_links(build.problems, build.pages))
        if build.problems and self.every_problem:
            self._held.update(build.problems)  # and on to the next language: all are raised at the end
            # The build would stop here; MkDocs' own anchor check, later, would only say again (without
            # a line) what the link check has said, and in strict mode end the run before the end.
            config.validation.links.anchors = logging.DEBUG
        elif build.problems:
            problems = sorted(set(build.problems))
            raise PluginError(f"{len(problems)} problem(s) in the pages; the build stopped.\n  "
                              + "\n  ".join(str(p) for p in problems))

    def on_build_error(self, *, error: Exception) -> None:
        self._link_warnings.stop()

    def on_post_template(self, output: str, *, template_name: str, config: "MkDocsConfig") -> str:
        if template_name == "404.html":
            output = a11y.whole_page_fixes(output)
        # Keep the default language's 404 page: the other languages' builds overwrite the file.
        if template_name == "404.html" and (config.theme.get("language") or "en") == _default_locale(config):
            self._default_404[config.site_dir] = output.encode("utf-8")
        return output

    @event_priority(-200)  # after mkdocs-static-i18n, which builds the other languages in its own on_post_build
    def on_post_build(self, *, config: "MkDocsConfig") -> None:
        site_dir = Path(config.site_dir)
        i18n_plugin = config.plugins.get("i18n")
        # The default language's build finishes last, after mkdocs-static-i18n has built the
        # others (its `building` flag is then down again) and merged their search indexes.
        finished = i18n_plugin is None or not getattr(i18n_plugin, "building", False)
        default = _default_locale(config)
        locale = default if finished else (config.theme.get("language") or default)
        i18n.keep_404_per_language(site_dir, locale, default, self._default_404.get(config.site_dir))
        if not finished:
            return
        # Once, when every language's pages are written.
        if self._held:
            raise PluginError(every_problem_message(sorted(self._held), len(i18n.site_locales(config))))
        # Old addresses, every language.
        moved_problems = redirects.write_for_build(config, self.config.redirects, self.strings)
        if moved_problems:
            raise PluginError(redirects.stop_message(moved_problems))
        # Now that no page will change: Material's CSS less the rules of the features no page
        # uses, and the security headers with the pages' inline scripts.
        theme_css.prune_theme_css(site_dir, config, keep_all=self.config.full_theme_css)
        offline = config.plugins.get("material/offline") or config.plugins.get("offline")
        # No <meta> policy under `mkdocs serve`: its live-reload script is inline.
        meta = not (offline and offline.config.enabled) and self.command != "serve"
        hosting.write_host_files(site_dir, config.site_url or "", not meta)
        search.split_index(site_dir, i18n.site_locales(config), default, self.build.synonyms,
                           self.build.question_words)


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
