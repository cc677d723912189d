"""Drop the rules of Material's stylesheet for features this build never uses (issue #8).

Material's `assets/stylesheets/main.<hash>.min.css` (137 KB) styles every feature the theme
offers: content tabs, code annotations, blogs, tags, a version selector and more. Readers on
pay-as-you-go data download all of it on their first visit. After the build, this module rewrites
that file without the rules of the features that are off, and removes the source map beside it
(it would describe different CSS; readers never need it). The file keeps its name: every page
links to it.

What counts as "used" is decided conservatively:

- a feature is on when the config turns it on (a Markdown extension, a theme feature, a plugin,
  a config key: see FEATURES), OR when any built page already carries one of its classes
  (raw HTML written by an author, an override, a page's `status:`), so nothing a page shows
  loses its style;
- a selector is dropped only if it names, outside any `:not(...)` or other parentheses, a class
  owned by a feature that is off; from a selector list only those selectors go, and a rule goes
  only when none is left;
- @keyframes, @font-face, @page and the custom properties on `:root` are never touched; @media
  and @supports blocks are pruned inside and dropped only if pruning left them empty;
- the guide plugin's `full_theme_css: true` in mkdocs.yml leaves the file whole (for an organisation's own
  JavaScript that makes elements with theme classes no page or setting names);
- the file is read with tinycss2 (a maintained CSS parser); what is kept is copied from the text,
  so the file stays minified and every rule not pruned is byte for byte Material's;
- if the file cannot be read as CSS that can be rewritten safely (tinycss2 reports a ParseError,
  or a block, comment or string is left open at the end), it is left as it is, with a message.
"""

from __future__ import annotations

import gzip
import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator, Mapping

import tinycss2

log = logging.getLogger("guide.theme_css")  # not under `mkdocs.`: a warning never stops a strict build
info = logging.getLogger("mkdocs.hooks.guide.theme_css")  # shown with the build's own messages

STYLESHEETS = "assets/stylesheets/main.*.min.css"


class CSSError(ValueError):
    """The text is not CSS that can be rewritten safely."""


# --------------------------------------------------------------------------------------------
# Which features the config turns on


class Settings:
    """The parts of a MkDocs config the feature table asks about.

    Takes a loaded `MkDocsConfig` or the plain dict of mkdocs.yml (settings.read_config)."""

    def __init__(self, config: Mapping):
        self.config = config
        self.extensions: dict[str, dict] = {}
        for item in config.get("markdown_extensions") or []:
            if isinstance(item, str):
                self.extensions[item] = {}
            elif isinstance(item, Mapping):
                for name, options in item.items():
                    self.extensions[name] = dict(options or {})
        for name, options in (config.get("mdx_configs") or {}).items():  # a loaded config keeps options here
            self.extensions.setdefault(name, {}).update(options or {})
        plugins = config.get("plugins") or []
        names = plugins.keys() if isinstance(plugins, Mapping) else [
            name for item in plugins for name in (item.keys() if isinstance(item, Mapping) else [item])]
        self.plugins = {str(name).removeprefix("material/") for name in names}
        theme = config.get("theme") or {}
        self.theme_features = set(theme.get("features") or []) if hasattr(theme, "get") else set()

    def extension(self, *names: str) -> bool:
        return any(name in self.extensions for name in names)

    def option(self, extension: str, key: str):
        return self.extensions.get(extension, {}).get(key)

    def feature(self, *names: str) -> bool:
        return any(name in self.theme_features for name in names)

    def plugin(self, *names: str) -> bool:
        return any(name in self.plugins for name in names)

    def value(self, dotted: str):
        value = self.config
        for key in dotted.split("."):
            if not isinstance(value, Mapping) and not hasattr(value, "get"):
                return None
            value = value.get(key)
            if value is None:
                return None
        return value


def _mermaid(s: Settings) -> bool:
    fences = s.option("pymdownx.superfences", "custom_fences") or []
    return any("mermaid" in (str(fence.get("name", "")), str(fence.get("class", "")))
               for fence in fences if isinstance(fence, Mapping))


def _line_numbers(s: Settings) -> bool:
    return bool(s.option("pymdownx.highlight", "linenums") or s.option("codehilite", "linenums"))


def _math(s: Settings) -> bool:
    scripts = " ".join(str(script) for script in s.config.get("extra_javascript") or []).lower()
    return s.extension("pymdownx.arithmatex") or "katex" in scripts or "mathjax" in scripts


@dataclass(frozen=True)
class Feature:
    """A feature of Material, the classes whose rules serve it alone, and how to tell it is on."""

    name: str
    on: Callable[[Settings], bool]
    classes: frozenset[str] = frozenset()
    prefixes: tuple[str, ...] = ()     # every class starting with one of these is owned too
    markers: frozenset[str] = frozenset()  # classes in a built page that show it is used, besides its own

    def owns(self, token: str) -> bool:
        return token in self.classes or token.startswith(self.prefixes)

    def used_in(self, page_classes: set[str]) -> bool:
        return any(self.owns(token) for token in page_classes) or not self.markers.isdisjoint(page_classes)


def _feature(name, on, classes=(), prefixes=(), markers=()) -> Feature:
    return Feature(name, on, frozenset(classes), tuple(prefixes), frozenset(markers))


NEVER: Callable[[Settings], bool] = lambda s: False  # only an author's own HTML turns these on

# feature -> how the config turns it on -> the classes whose rules it owns.
# Classes shared with what the guide uses (md-tooltip, md-typeset, md-nav, ...) are owned by none.
FEATURES: tuple[Feature, ...] = (
    # Markdown extensions
    _feature("content tabs (pymdownx.tabbed)",
             lambda s: s.extension("pymdownx.tabbed", "pymdownx.blocks.tab"), prefixes=["tabbed-"]),
    _feature("admonitions (admonition)",
             lambda s: s.extension("admonition", "pymdownx.blocks.admonition", "pymdownx.blocks.details",
                                   "markdown_callouts", "github_callouts"),
             ["admonition", "admonition-title"]),
    _feature("code highlighting (pymdownx.highlight, superfences, codehilite)",
             lambda s: s.extension("pymdownx.highlight", "pymdownx.superfences", "pymdownx.inlinehilite",
                                   "codehilite", "pymdownx.blocks.html"),
             ["highlight", "hll", "filename"]),
    _feature("code line numbers (linenums)", _line_numbers, ["highlighttable", "linenos", "linenodiv"]),
    _feature("diagrams (mermaid fence)", _mermaid, ["mermaid"]),
    _feature("keys (pymdownx.keys)", lambda s: s.extension("pymdownx.keys"), ["keys"], ["key-"]),
    _feature("maths (pymdownx.arithmatex, KaTeX, MathJax)", _math, ["arithmatex", "katex-html"]),
    _feature("critic markup (pymdownx.critic)", lambda s: s.extension("pymdownx.critic"), ["critic"]),
    _feature("emoji and icons (pymdownx.emoji)", lambda s: s.extension("pymdownx.emoji"),
             ["twemoji", "emojione", "gemoji", "lg", "xl", "xxl", "xxxl", "middle"]),
    _feature("footnotes (footnotes)", lambda s: s.extension("footnotes", "markdown.extensions.footnotes",
                                                            "pymdownx.extra", "markdown.extensions.extra", "extra"),
             ["footnote", "footnote-ref", "footnote-backref"]),
    _feature("task lists (pymdownx.tasklist)", lambda s: s.extension("pymdownx.tasklist"),
             ["task-list-item", "task-list-control", "task-list-indicator"]),
    _feature("grids and cards (an author's <div class=\"grid\">)", NEVER, ["grid", "cards", "card"]),
    _feature("form fields (an author's .md-input)", NEVER, prefixes=["md-input"]),
    _feature("comments (giscus)", NEVER, ["giscus"]),
    # Theme features
    _feature("navigation tabs (navigation.tabs)", lambda s: s.feature("navigation.tabs", "navigation.tabs.sticky"),
             ["md-nav--lifted", "md-header--lifted"], ["md-tabs"]),
    _feature("table of contents in the menu (toc.integrate)", lambda s: s.feature("toc.integrate"),
             ["md-nav--integrated"]),
    _feature("breadcrumbs (navigation.path)", lambda s: s.feature("navigation.path"), prefixes=["md-path"]),
    _feature("progress bar (navigation.instant.progress)", lambda s: s.feature("navigation.instant.progress"),
             ["md-progress"]),
    _feature("section index pages (navigation.indexes)", lambda s: s.feature("navigation.indexes"),
             ["md-nav__container"]),
    _feature("expanded menu (navigation.expand)", lambda s: s.feature("navigation.expand"),
             ["md-toggle--indeterminate"]),
    _feature("code annotations (content.code.annotate)", lambda s: s.feature("content.code.annotate"),
             prefixes=["md-annotation"], markers=["annotate"]),
    _feature("code copy and select buttons (content.code.copy, content.code.select)",
             lambda s: s.feature("content.code.copy", "content.code.select"),
             ["md-code__button", "md-code__button--active", "md-code__nav"], ["md-clipboard"],
             markers=["copy", "select"]),
    _feature("edit and view buttons (content.action.edit, content.action.view)",
             lambda s: s.feature("content.action.edit", "content.action.view"), ["md-content__button"]),
    # Plugins
    _feature("blog (blog plugin)", lambda s: s.plugin("blog"),
             ["md-draft", "md-pin", "md-content--post", "md-sidebar--post"],
             ["md-post", "md-author", "md-profile", "md-pagination", "md-meta"]),
    _feature("tags (tags plugin)", lambda s: s.plugin("tags"), prefixes=["md-tag"]),
    _feature("dates and authors of a page (git-revision-date, git-committers, git-authors plugins)",
             lambda s: s.plugin("git-revision-date-localized", "git-revision-date", "git-committers",
                                "git-authors"),
             prefixes=["md-source-file"]),
    # Config keys
    _feature("repository link (repo_url)", lambda s: bool(s.value("repo_url")),
             ["md-source", "md-header__source", "md-nav__source"], ["md-source__"]),
    _feature("version selector (extra.version)", lambda s: bool(s.value("extra.version")), prefixes=["md-version"]),
    _feature("banner (announce block, outdated version)", lambda s: bool(s.value("extra.version")),
             prefixes=["md-banner"]),
    _feature("status badges (extra.status)", lambda s: bool(s.value("extra.status")), prefixes=["md-status"]),
    _feature("cookie consent (extra.consent)", lambda s: bool(s.value("extra.consent")), prefixes=["md-consent"]),
    _feature("feedback widget (extra.analytics.feedback)", lambda s: bool(s.value("extra.analytics.feedback")),
             prefixes=["md-feedback"]),
    _feature("social links (extra.social)", lambda s: bool(s.value("extra.social")), prefixes=["md-social"]),
)


def features_off(config: Mapping, page_classes: set[str] = frozenset(),
                 features: Iterable[Feature] = FEATURES) -> list[Feature]:
    """The features neither the config nor any built page uses."""
    settings = Settings(config)
    return [f for f in features if not f.on(settings) and not f.used_in(page_classes)]


def owned_by(features: Iterable[Feature]) -> Callable[[str], bool]:
    features = list(features)
    return lambda token: any(f.owns(token) for f in features)


CLASS_ATTRIBUTE = re.compile(r"""\sclass\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""", re.I)
# The same, for the bytes of a page where every `class` is in lower case (all of them, in
# practice). Reading bytes and starting with the word itself lets the regex engine jump from one
# `class` to the next: three times faster on a large guide than the pattern above on text.
LOWER_CASE_CLASS_ATTRIBUTE = re.compile(rb"""class(?<=\sclass)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""")


def page_classes(site_dir: Path) -> set[str]:
    """Every class named in a class attribute of a built page."""
    values: set[str] = set()  # pages repeat the same attributes: each is split once
    for page in site_dir.rglob("*.html"):
        data = page.read_bytes()
        if data.count(b"class") == data.lower().count(b"class"):
            found = {b"".join(groups).decode("utf-8", "replace") for groups in LOWER_CASE_CLASS_ATTRIBUTE.findall(data)}
        else:
            found = {"".join(groups) for groups in CLASS_ATTRIBUTE.findall(data.decode("utf-8", "replace"))}
        values |= found
    return {name for value in values for name in value.split()}


# --------------------------------------------------------------------------------------------
# Reading the stylesheet (tinycss2) and writing it back: what is kept is copied from the text, so
# the file stays minified and every rule not pruned is byte for byte as Material wrote it


GROUP_RULES = {"media", "supports", "container", "layer", "document", "-moz-document", "scope", "starting-style"}
# tinycss2, like a browser, closes whatever is still open where the text ends (a block, a comment,
# a url()) without a ParseError. This statement, read after the text, is swallowed when that happens.
END_OF_TEXT = "\n@guide-end-of-text;"
LINE_BREAK = re.compile(r"[\n\r\f]")  # each is a new line to tinycss2 (after "\r\n" -> "\n")


class Source:
    """The text tinycss2 reads, and where its lines start: tinycss2 places a node by line and column."""

    def __init__(self, text: str):
        self.text = text.replace("\r\n", "\n")  # as tinycss2 does, so that offsets match
        self.line_starts = [0] + [match.end() for match in LINE_BREAK.finditer(self.text)]

    def offset(self, node) -> int:
        return self.line_starts[node.source_line - 1] + node.source_column - 1

    def where(self, node) -> str:
        return f"line {node.source_line}, column {node.source_column}"


@dataclass(frozen=True)
class Selector:
    """One selector of a rule's list, as written, and the classes it requires: those outside
    parentheses (:not, :is, :has, ...) and attribute selectors, so a selector is never dropped for
    a class it only excludes or offers as one choice among others."""
    text: str
    classes: tuple[str, ...]


def _first_error(tokens: list):
    for token in tokens:
        if token.type == "error":
            return token
        inner = getattr(token, "content", None) or getattr(token, "arguments", None)
        if inner and (error := _first_error(inner)):
            return error
    return None


def _checked(source: Source, nodes: list) -> list:
    """The nodes of a rule list, or CSSError for one tinycss2 could not read as a rule."""
    for node in nodes:
        if node.type == "error":
            raise CSSError(f"{source.where(node)}: {node.message}")
        if node.type == "qualified-rule" and all(t.type in ("whitespace", "comment") for t in node.prelude):
            raise CSSError(f"{source.where(node)}: a rule without a selector")
    return nodes


def read(source: Source) -> list:
    """The top-level nodes of the stylesheet; CSSError where it is not CSS that can be rewritten safely."""
    tokens = tinycss2.parse_component_value_list(source.text + END_OF_TEXT)
    if error := _first_error(tokens):
        raise CSSError(f"{source.where(error)}: {error.message}")
    nodes = tinycss2.parse_stylesheet(tokens, skip_comments=False, skip_whitespace=False)
    end = nodes.pop() if nodes else None
    if end is None or end.type != "at-rule" or end.lower_at_keyword != "guide-end-of-text":
        raise CSSError("the text ends inside a block, comment or statement that is never closed")
    return _checked(source, nodes)


def _children(source: Source, group) -> list:
    return _checked(source, tinycss2.parse_blocks_contents(group.content, skip_comments=False, skip_whitespace=False))


def _is_rule(node) -> bool:
    return node.type == "qualified-rule" or (node.type == "at-rule" and node.content is not None)


def _is_group(node) -> bool:
    return node.type == "at-rule" and node.content is not None and node.lower_at_keyword in GROUP_RULES


def _block_start(source: Source, node, stop: int) -> int:
    """The offset of the `{` of a rule whose text ends (its `}` included) before `stop`."""
    return source.offset(node.content[0]) - 1 if node.content else source.text.rindex("}", 0, stop) - 1


def _selectors(source: Source, rule, block: int) -> list[Selector]:
    found, start, classes, previous = [], source.offset(rule), [], None
    for token in rule.prelude:  # commas and classes inside (), [] and functions are nested deeper
        if token == ",":
            comma = source.offset(token)
            found.append(Selector(source.text[start:comma], tuple(classes)))
            start, classes = comma + 1, []
        elif token.type == "ident" and previous == ".":
            classes.append(token.value)
        previous = token
    found.append(Selector(source.text[start:block], tuple(classes)))
    return found


def _spans(source: Source, nodes: list, end: int):
    """Each node with the offsets of its text: from its start to the next node's (or `end`)."""
    starts = [source.offset(node) for node in nodes] + [end]
    return zip(nodes, starts, starts[1:])


def rules(text: str) -> Iterator[list[Selector]]:
    """The selectors of each style rule of the stylesheet, those inside @media and the like included."""
    source = Source(text)

    def walk(nodes, end):
        for node, start, stop in _spans(source, nodes, end):
            if node.type == "qualified-rule":
                yield _selectors(source, node, _block_start(source, node, stop))
            elif _is_group(node):
                yield from walk(_children(source, node), source.text.rindex("}", start, stop))

    return walk(read(source), len(source.text))


def _prune(source: Source, nodes: list, end: int, owned: Callable[[str], bool]) -> tuple[list[str], bool]:
    """The text of `nodes` without the selectors that need a class `owned` says is unused, and
    whether any rule is left in it."""
    kept, any_rule = [], False
    for node, start, stop in _spans(source, nodes, end):
        if node.type == "qualified-rule":
            block = _block_start(source, node, stop)
            selectors = _selectors(source, node, block)
            remaining = [s.text for s in selectors if not any(owned(token) for token in s.classes)]
            if len(remaining) == len(selectors):
                kept.append(source.text[start:stop])
            elif remaining:
                kept.append(",".join(remaining) + source.text[block:stop])
            any_rule |= bool(remaining)
        elif _is_group(node):
            close = source.text.rindex("}", start, stop)
            children = _children(source, node)
            inside, rule_left = _prune(source, children, close, owned)
            if rule_left or not any(_is_rule(child) for child in children):  # dropped only if pruning emptied it
                kept.append(source.text[start:_block_start(source, node, stop) + 1] + "".join(inside)
                            + source.text[close:stop])
                any_rule = True
        elif node.type == "comment" and "sourceMappingURL" in node.value:
            continue  # the map goes too
        else:  # @charset, @keyframes, @font-face, @page, ... whitespace, comments: kept as written
            kept.append(source.text[start:stop])
            any_rule |= _is_rule(node)
    return kept, any_rule


def prune_css(text: str, owned: Callable[[str], bool]) -> str:
    """The stylesheet without the selectors that need a class `owned` says is unused (and without
    the rules and groups left with none); CSSError if it cannot be rewritten safely."""
    source = Source(text)
    return "".join(_prune(source, read(source), len(source.text), owned)[0])


# --------------------------------------------------------------------------------------------
# After the build


@dataclass(frozen=True)
class Pruned:
    path: Path
    before: int
    after: int
    before_gzip: int
    after_gzip: int
    dropped: tuple[str, ...]


def gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9, mtime=0))


def prune_theme_css(site_dir: Path, config: Mapping, keep_all: bool = False) -> list[Pruned]:
    """Rewrite Material's main stylesheet in `site_dir` without the unused features' rules
    (none at all with `keep_all`: the plugin's `full_theme_css`, an organisation's way out)."""
    return [] if keep_all else prune_stylesheets(site_dir, features_the_config_leaves_off(config))


def features_the_config_leaves_off(config: Mapping) -> list[str]:
    """The names of the features the config does not turn on (whether a page uses one is for
    prune_stylesheets to see)."""
    settings = Settings(config)
    return [f.name for f in FEATURES if not f.on(settings)]


def prune_stylesheets(site_dir: Path, candidates: list[str]) -> list[Pruned]:
    """Rewrite Material's main stylesheet in `site_dir` without the rules of the `candidates`
    features that no built page uses.

    Does nothing (and reads no page) where the build wrote no such stylesheet: each extra
    language of mkdocs-static-i18n builds into its own folder, without the theme's assets."""
    sheets = sorted(Path(site_dir).glob(STYLESHEETS))
    if not sheets or not candidates:
        return []
    classes = page_classes(Path(site_dir))
    off = [f for f in FEATURES if f.name in candidates and not f.used_in(classes)]
    owned = owned_by(off)
    done = []
    for sheet in sheets:
        text = sheet.read_text(encoding="utf-8")
        try:
            pruned = prune_css(text, owned)
        except CSSError as error:
            log.warning(f"{sheet.name}: left as it is; it could not be read as CSS ({error})")
            continue
        if pruned == text:  # written only when it changes: no rebuild loops under `mkdocs serve`
            continue
        sheet.write_text(pruned, encoding="utf-8")
        sheet.with_name(sheet.name + ".map").unlink(missing_ok=True)
        before, after = text.encode("utf-8"), pruned.encode("utf-8")
        done.append(Pruned(sheet, len(before), len(after), gzip_size(before), gzip_size(after),
                           tuple(f.name for f in off)))
        info.info(f"{sheet.name}: {len(before) / 1000:.1f} KB -> {len(after) / 1000:.1f} KB "
                  f"({done[-1].before_gzip / 1000:.1f} KB -> {done[-1].after_gzip / 1000:.1f} KB gzip), "
                  f"without the rules of {len(off)} unused features")
    return done
