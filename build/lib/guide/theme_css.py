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
- if the file cannot be read as CSS (a new Material release with syntax this small parser does
  not know), it is left as it is, with a message.
"""

from __future__ import annotations

import gzip
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Mapping

log = logging.getLogger("guide.theme_css")  # not under `mkdocs.`: a warning never stops a strict build
info = logging.getLogger("mkdocs.hooks.guide.theme_css")  # shown with the build's own messages

STYLESHEETS = "assets/stylesheets/main.*.min.css"


class CSSError(ValueError):
    """The text is not CSS this parser can rewrite safely."""


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
# A small parser for (minified) CSS: enough structure to drop rules, everything else kept verbatim


@dataclass
class Raw:
    """Whitespace, a comment or a statement (`@charset "UTF-8";`), kept as written."""
    text: str

    def css(self) -> str:
        return self.text


@dataclass
class Rule:
    """`selectors { declarations }`: the declarations are never looked into."""
    prelude: str
    block: str

    def css(self) -> str:
        return f"{self.prelude}{{{self.block}}}"


@dataclass
class Group:
    """A conditional at-rule (@media, @supports, ...) holding rules."""
    prelude: str
    children: list = field(default_factory=list)

    def css(self) -> str:
        return f"{self.prelude}{{{serialize(self.children)}}}"


@dataclass
class AtBlock:
    """Any other at-rule with a block (@keyframes, @font-face, @page, ...), kept as written."""
    prelude: str
    block: str

    def css(self) -> str:
        return f"{self.prelude}{{{self.block}}}"


GROUP_RULES = {"media", "supports", "container", "layer", "document", "-moz-document", "scope", "starting-style"}
URL_START = re.compile(r"url\(\s*(?=[^\s\"'])", re.I)
AT_NAME = re.compile(r"@([-\w]+)")


# The characters each scanner below acts on (an atom's start: quotes, /, \, u for url(), and its
# own brackets and separators). `_outside_atoms` jumps from one to the next instead of reading
# every character in Python: Material's stylesheet is read five times faster.
PRELUDE_SPECIAL = re.compile(r"""["'/\\uU()\[\]{};]""")
BLOCK_SPECIAL = re.compile(r"""["'/\\uU{}]""")
SELECTORS_SPECIAL = re.compile(r"""["'/\\uU()\[\],]""")
CLASSES_SPECIAL = re.compile(r"""["'/\\uU()\[\].]""")


def _skip_atom(text: str, i: int, end: int) -> int | None:
    """If a string, comment, escape or unquoted url() starts at i, the index just after it."""
    c = text[i]
    if c in "\"'":
        j = i + 1
        while j < end:
            if text[j] == "\\":
                j += 2
                continue
            if text[j] == c:
                return j + 1
            if text[j] == "\n":
                raise CSSError(f"a string broken by a new line at offset {i}")
            j += 1
        raise CSSError(f"a string that never ends, at offset {i}")
    if c == "/" and text.startswith("/*", i):
        j = text.find("*/", i + 2, end)
        if j < 0:
            raise CSSError(f"a comment that never ends, at offset {i}")
        return j + 2
    if c == "\\":
        if i + 1 >= end:
            raise CSSError(f"a backslash at the end, offset {i}")
        return i + 2
    if c in "uU":
        match = URL_START.match(text, i, end)
        if match and (i == 0 or not (text[i - 1].isalnum() or text[i - 1] in "-_")):
            j = match.end()
            while j < end:
                if text[j] == "\\":
                    j += 2
                elif text[j] == ")":
                    return j + 1
                elif text[j] in "\"'(":
                    raise CSSError(f"a bad url() at offset {i}")
                else:
                    j += 1
            raise CSSError(f"a url() that never ends, at offset {i}")
    return None


def _outside_atoms(special: re.Pattern, text: str, i: int, end: int):
    """The index of each character `special` matches in text[i:end], strings, comments, escapes
    and url() skipped over."""
    while match := special.search(text, i, end):
        i = match.start()
        after = _skip_atom(text, i, end)
        if after is None:
            yield i
            i += 1
        else:
            i = after


def _prelude_end(text: str, i: int, end: int) -> int:
    """The index of the `{` or `;` that ends the prelude starting at i (end if neither)."""
    depth = 0
    for i in _outside_atoms(PRELUDE_SPECIAL, text, i, end):
        c = text[i]
        if c in "([":
            depth += 1
        elif c in ")]":
            depth -= 1
            if depth < 0:
                raise CSSError(f"an unmatched {c!r} at offset {i}")
        elif depth == 0 and c in "{;":
            return i
        elif c == "}":
            raise CSSError(f"an unexpected '}}' at offset {i}")
    return end


def _block_end(text: str, i: int, end: int) -> int:
    """The index of the `}` matching the `{` at i."""
    depth = 0
    for i in _outside_atoms(BLOCK_SPECIAL, text, i, end):
        if text[i] == "{":
            depth += 1
        elif text[i] == "}":
            depth -= 1
            if depth == 0:
                return i
    raise CSSError("a block that is never closed")


def parse(text: str, start: int = 0, end: int | None = None) -> list:
    """CSS text -> a list of Raw, Rule, Group and AtBlock; serialize(parse(t)) == t."""
    end = len(text) if end is None else end
    nodes: list = []
    i = start
    while i < end:
        c = text[i]
        if c.isspace():
            j = i
            while j < end and text[j].isspace():
                j += 1
            nodes.append(Raw(text[i:j]))
            i = j
        elif text.startswith("/*", i):
            j = _skip_atom(text, i, end)
            nodes.append(Raw(text[i:j]))
            i = j
        elif c == "}":
            raise CSSError(f"an unexpected '}}' at offset {i}")
        else:
            j = _prelude_end(text, i, end)
            if j >= end or text[j] == ";":
                if not text.startswith("@", i) and text[i:j].strip() not in ("", ";"):
                    raise CSSError(f"a rule without a block at offset {i}")
                nodes.append(Raw(text[i:j + 1]))
                i = j + 1
                continue
            close = _block_end(text, j, end)
            prelude = text[i:j]
            if prelude.startswith("@"):
                name = AT_NAME.match(prelude)
                if name and name.group(1).lower() in GROUP_RULES:
                    nodes.append(Group(prelude, parse(text, j + 1, close)))
                else:
                    nodes.append(AtBlock(prelude, text[j + 1:close]))
            else:
                if not prelude.strip():
                    raise CSSError(f"a rule without a selector at offset {i}")
                nodes.append(Rule(prelude, text[j + 1:close]))
            i = close + 1
    return nodes


def serialize(nodes: list) -> str:
    return "".join(node.css() for node in nodes)


def split_selectors(prelude: str) -> list[str]:
    """`a,b:is(c,d)` -> ["a", "b:is(c,d)"]: commas inside (), [] and strings do not split."""
    parts, depth, start = [], 0, 0
    for i in _outside_atoms(SELECTORS_SPECIAL, prelude, 0, len(prelude)):
        c = prelude[i]
        if c in "([":
            depth += 1
        elif c in ")]":
            depth -= 1
        elif c == "," and depth == 0:
            parts.append(prelude[start:i])
            start = i + 1
    parts.append(prelude[start:])
    return parts


IDENT_CHAR = re.compile(r"[-\w]|[^\x00-\x7f]")  # any non-ASCII character (a short pattern: quick to compile)


def top_level_classes(selector: str) -> list[str]:
    """The classes a selector requires: `.a .b:not(.c)>[x=".d"]` -> ["a", "b"].

    Classes inside parentheses (:not, :is, :has, ...) or attribute selectors are left out, so a
    selector is never dropped for a class it only excludes or offers as one choice among others.
    An escaped class (`.md\\:x`) comes back with its backslashes; it matches no owned name."""
    found, depth, name_end = [], 0, 0
    for i in _outside_atoms(CLASSES_SPECIAL, selector, 0, len(selector)):
        if i < name_end:
            continue  # a "u" or an escape inside the class name just read
        c = selector[i]
        if c in "([":
            depth += 1
        elif c in ")]":
            depth -= 1
        elif c == "." and depth == 0:
            j = i + 1
            while j < len(selector):
                if selector[j] == "\\" and j + 1 < len(selector):
                    j += 2
                elif IDENT_CHAR.match(selector[j]):
                    j += 1
                else:
                    break
            if j > i + 1:
                found.append(selector[i + 1:j])
            name_end = j
    return found


def prune(nodes: list, owned: Callable[[str], bool]) -> list:
    """The nodes without the selectors that need a class `owned` says is unused."""
    kept = []
    for node in nodes:
        if isinstance(node, Rule):
            selectors = split_selectors(node.prelude)
            remaining = [s for s in selectors if not any(owned(token) for token in top_level_classes(s))]
            if len(remaining) == len(selectors):
                kept.append(node)
            elif remaining:
                kept.append(Rule(",".join(remaining), node.block))
        elif isinstance(node, Group):
            children = prune(node.children, owned)
            had_rules = any(not isinstance(child, Raw) for child in node.children)
            if had_rules and all(isinstance(child, Raw) for child in children):
                continue  # emptied by pruning
            kept.append(node if children == node.children else Group(node.prelude, children))
        elif isinstance(node, Raw) and "sourceMappingURL" in node.text and node.text.startswith("/*"):
            continue  # the map goes too
        else:
            kept.append(node)
    return kept


def prune_css(text: str, owned: Callable[[str], bool]) -> str:
    return serialize(prune(parse(text), owned))


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
