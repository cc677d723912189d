"""Material's stylesheet without the rules of features the guide does not use (issue #8):
the parser, the feature table, the real guide's stylesheet, and fixture sites that turn features on."""

from __future__ import annotations

import re
from pathlib import Path

import material
import pytest

from guide import settings, theme_css
from guide.theme_css import CSSError, prune_css, rules

ROOT = Path(__file__).resolve().parent.parent
MATERIAL_CSS = next((Path(material.__file__).parent / "templates").glob(theme_css.STYLESHEETS))


def selectors(css: str) -> set[str]:
    return {selector.text.strip() for rule in rules(css) for selector in rule}


def classes(css: str) -> set[str]:
    return {token for rule in rules(css) for selector in rule for token in selector.classes}


def assert_parses(css: str) -> None:
    """CSS tinycss2 reads without an error, every rule has selectors and no group is left empty."""
    found = list(rules(css))  # CSSError otherwise
    for rule in found:
        assert all(s.text.strip() for s in rule), f"a rule with an empty selector: {[s.text for s in rule]}"
    assert not re.search(r"@(media|supports)[^{}]*\{\}", css), "an empty block left behind"
    assert css.count("{") >= len(found)


def drop(*tokens: str):
    return lambda token: token in tokens


# --- the parser ----------------------------------------------------------------------------------


def test_materials_stylesheet_reads_and_writes_back_unchanged():
    css = MATERIAL_CSS.read_text(encoding="utf-8")
    assert prune_css(css, lambda token: False) == css  # nothing owned: not a byte changes
    assert len(list(rules(css))) > 1000


@pytest.mark.parametrize("css, expected", [
    # from a selector list only the selector that needs the unused class goes
    (".keys kbd,.md-typeset kbd{color:red}", ".md-typeset kbd{color:red}"),
    (".keys kbd{color:red}.b{x:y}", ".b{x:y}"),
    # excluded or offered as one choice among others: kept
    (".a:not(.keys){x:y}", ".a:not(.keys){x:y}"),
    (".a:is(.keys,.b){x:y}", ".a:is(.keys,.b){x:y}"),
    ('[class="x .keys"]{x:y}', '[class="x .keys"]{x:y}'),
    # a similar name is another class
    (".keys-like,.md-keys{x:y}", ".keys-like,.md-keys{x:y}"),
    # braces and comment markers inside strings, comments and url() are not structure
    ('.keys:after{content:"}{"}.b:after{content:"/* no comment */"}', '.b:after{content:"/* no comment */"}'),
    (".b{background:url(data:x;y{z})}/* } { */.keys{x:y}", ".b{background:url(data:x;y{z})}/* } { */"),
    (".b:after{content:'\\'}'}.keys{x:y}", ".b:after{content:'\\'}'}"),
    # an escaped class is not the unescaped one
    (".keys\\:x{x:y}.keys{x:y}", ".keys\\:x{x:y}"),
    # @media and @supports: pruned inside, dropped when emptied, otherwise kept
    ("@media print{.keys{x:y}.b{x:y}}", "@media print{.b{x:y}}"),
    ("@media print{.keys{x:y}}.b{x:y}", ".b{x:y}"),
    ("@media screen{@supports (display:grid){.keys{x:y}}}.b{x:y}", ".b{x:y}"),
    ("@media print{}", "@media print{}"),
    # never touched: @charset, @keyframes, @font-face, @page, custom properties on :root
    ('@charset "UTF-8";@keyframes keys{0%{x:y}to{x:z}}', '@charset "UTF-8";@keyframes keys{0%{x:y}to{x:z}}'),
    ("@font-face{font-family:keys}@page{margin:1cm}", "@font-face{font-family:keys}@page{margin:1cm}"),
    (":root{--md-keys-icon:url('a.svg')}", ":root{--md-keys-icon:url('a.svg')}"),
    # the source map comment goes with the map
    (".b{x:y}\n/*# sourceMappingURL=main.min.css.map */", ".b{x:y}\n"),
])
def test_pruning(css, expected):
    assert prune_css(css, drop("keys")) == expected


@pytest.mark.parametrize("css", [
    ".a{x:y", ".a{x:y}}", ".a{content:\"x}", ".a{x:y}/* open", "{x:y}", ".a;", "@media print{.a{x:y}",
    ".a{content:\"x\ny\"}", ")a{x:y}", ".a{background:url(a b)}", ".a{x:y}]", "@media print{.a;}", ".a{x:y}\\",
])
def test_broken_css_is_refused(css):
    with pytest.raises(CSSError):
        prune_css(css, drop("a"))


def test_classes_a_selector_needs():
    def needs(selector: str) -> list[str]:
        ((only,),) = rules(selector + "{x:y}")
        return list(only.classes)

    assert needs('.a .b:not(.c)>[x=".d"]+.e::before') == ["a", "b", "e"]
    assert needs(".md-typeset .tabbed-set>input:nth-child(2):checked~.tabbed-labels") == [
        "md-typeset", "tabbed-set", "tabbed-labels"]
    assert needs(".md\\:x .keys\\31 0") == ["md:x", "keys10"]  # escapes read as a browser reads them
    ((*listed,),) = rules('a,b:is(c,d),[x="1,2"]{x:y}')
    assert [s.text for s in listed] == ["a", "b:is(c,d)", '[x="1,2"]']


def test_an_organisation_can_keep_the_whole_stylesheet(tmp_path):
    sheet = tmp_path / "assets" / "stylesheets" / "main.0123abcd.min.css"
    sheet.parent.mkdir(parents=True)
    sheet.write_text(".tabbed-set{x:y}.b{x:y}", encoding="utf-8")
    assert theme_css.prune_theme_css(tmp_path, {}, keep_all=True) == []
    assert sheet.read_text(encoding="utf-8") == ".tabbed-set{x:y}.b{x:y}"
    (done,) = theme_css.prune_theme_css(tmp_path, {})
    assert sheet.read_text(encoding="utf-8") == ".b{x:y}"
    assert (done.before, done.after) == (len(".tabbed-set{x:y}.b{x:y}"), len(".b{x:y}"))


def test_a_stylesheet_that_cannot_be_read_is_left_as_it_is(tmp_path, caplog):
    sheet = tmp_path / "assets" / "stylesheets" / "main.0123abcd.min.css"
    sheet.parent.mkdir(parents=True)
    sheet.write_text(".tabbed-set{x:y", encoding="utf-8")
    assert theme_css.prune_theme_css(tmp_path, {}) == []
    assert sheet.read_text(encoding="utf-8") == ".tabbed-set{x:y"
    assert "could not be read as CSS" in caplog.text


def test_a_parse_error_is_reported_with_its_line_and_the_file_left_whole(tmp_path, caplog):
    sheet = tmp_path / "assets" / "stylesheets" / "main.0123abcd.min.css"
    sheet.parent.mkdir(parents=True)
    broken = '.b{x:y}\n.tabbed-set:after{content:"x\n}.c{x:y}'  # a string broken by a new line
    sheet.write_text(broken, encoding="utf-8")
    assert theme_css.prune_theme_css(tmp_path, {}) == []
    assert sheet.read_text(encoding="utf-8") == broken
    assert "main.0123abcd.min.css: left as it is" in caplog.text
    assert "line 2, column 27" in caplog.text


# --- which features are on -----------------------------------------------------------------------


def off_names(config, page_classes=frozenset()) -> set[str]:
    return {f.name.split(" (")[0] for f in theme_css.features_off(config, set(page_classes))}


def test_the_default_guide_uses_admonitions_task_lists_and_tooltips_not_tabs():
    off = off_names(settings.read_config(ROOT / "mkdocs.yml"))
    assert {"content tabs", "navigation tabs", "code annotations", "diagrams", "tags", "blog", "version selector",
            "repository link", "status badges", "banner", "emoji and icons", "maths", "critic markup", "keys",
            "grids and cards", "code line numbers"} <= off
    assert not {"admonitions", "task lists"} & off


def test_an_organisation_that_turns_features_on_keeps_them():
    config = {
        "repo_url": "https://example.org/guide",
        "theme": {"name": "material", "features": ["navigation.tabs", "content.code.annotate", "toc.integrate"]},
        "plugins": ["search", {"material/tags": {}}, {"blog": {"enabled": False}}],
        "markdown_extensions": [
            "pymdownx.keys", {"pymdownx.tabbed": {"alternate_style": True}},
            {"pymdownx.highlight": {"linenums": True}},
            {"pymdownx.superfences": {"custom_fences": [{"name": "mermaid", "class": "mermaid"}]}}],
        "extra": {"version": {"provider": "mike"}, "status": {"new": "New"}, "social": [{"icon": "x"}]},
        "extra_javascript": ["javascripts/katex.js"],
    }
    on = {"content tabs", "navigation tabs", "code annotations", "table of contents in the menu", "repository link",
          "tags", "blog", "keys", "code line numbers", "diagrams", "version selector", "banner", "status badges",
          "social links", "maths", "code highlighting"}
    assert not on & off_names(config)


def test_a_class_written_into_a_page_keeps_its_feature():
    config = {"markdown_extensions": ["attr_list", "md_in_html"]}
    assert "grids and cards" in off_names(config)
    assert "grids and cards" not in off_names(config, {"grid", "cards"})
    assert "code annotations" not in off_names(config, {"annotate"})
    assert "status badges" not in off_names(config, {"md-status", "md-status--new"})


def test_page_classes_are_read_from_every_page(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text(
        '<div class="grid  cards" data-class="x"><p class=\'note\'><b CLASS=tip>x</b></div>', encoding="utf-8")
    (tmp_path / "index.html").write_text('<span class="md-status md-status--new"></span>', encoding="utf-8")
    assert theme_css.page_classes(tmp_path) == {"grid", "cards", "note", "tip", "md-status", "md-status--new"}


# --- the default guide ---------------------------------------------------------------------------

# Selectors of Material's that style what the guide shows (element, JavaScript or feature).
KEPT = [
    ".md-typeset .admonition", ".md-typeset .admonition-title", ".md-typeset details", ".md-typeset summary",
    ".md-nav__link", ".md-nav--primary .md-nav__title", ".md-search__input", ".md-search-result__link",
    ".md-header", ".md-header__option", ".md-footer", ".md-footer__link", ".md-typeset .task-list-item",
    ".md-typeset .task-list-indicator:before", ".md-typeset abbr", ".md-tooltip2", ".md-tooltip2__inner",
    ".md-tooltip", ".md-typeset table:not([class])", ".md-typeset__table", ".md-typeset .headerlink",
    ".md-select__inner", ".md-select__link", ".md-top", ".md-option", ".md-dialog", ".md-dialog--active",
    ".md-typeset .md-button", ".md-sidebar--secondary", ".md-skip",
]
GONE = ["tabbed-set", "tabbed-labels", "md-annotation", "mermaid", "md-tag", "md-tags", "md-post", "md-author",
        "md-profile", "md-draft", "md-pagination", "md-version", "md-source", "md-source__repository", "md-tabs",
        "md-tabs__link", "md-status", "md-banner", "twemoji", "emojione", "highlighttable", "linenos", "keys",
        "grid", "arithmatex", "critic", "md-nav--lifted", "md-nav--integrated", "md-path", "md-progress"]


@pytest.fixture(scope="module")
def guide_css(site) -> tuple[Path, str]:
    sheets = list(site.glob(theme_css.STYLESHEETS))
    assert [sheet.name for sheet in sheets] == [MATERIAL_CSS.name]  # same name: every page links to it
    return sheets[0], sheets[0].read_text(encoding="utf-8")


def test_the_guides_stylesheet_parses_and_is_smaller(guide_css):
    sheet, css = guide_css
    assert_parses(css)
    original = MATERIAL_CSS.read_bytes()
    assert len(css.encode()) < 0.7 * len(original)
    assert theme_css.gzip_size(css.encode()) < 0.75 * theme_css.gzip_size(original)
    assert not sheet.with_name(sheet.name + ".map").exists()
    assert "sourceMappingURL" not in css


def test_the_rules_for_what_the_guide_shows_are_kept(guide_css):
    kept = selectors(guide_css[1])
    assert [selector for selector in KEPT if selector not in kept] == []
    assert selectors(MATERIAL_CSS.read_text(encoding="utf-8")) >= kept  # nothing new was made up


def test_the_rules_for_features_the_guide_leaves_off_are_gone(guide_css):
    left = classes(guide_css[1])
    assert [token for token in GONE if token in left] == []
    assert not any(token.startswith(("tabbed-", "key-", "md-tag", "md-post")) for token in left)


def test_every_class_a_page_uses_keeps_its_rules(site, guide_css):
    original = classes(MATERIAL_CSS.read_text(encoding="utf-8"))
    used = theme_css.page_classes(site) & original
    assert {"admonition", "md-nav__link", "md-select", "md-top", "task-list-item", "headerlink"} <= used
    assert sorted(used - classes(guide_css[1])) == []


def test_pruning_again_changes_nothing(site, guide_css):
    from mkdocs.config import load_config

    config = load_config(str(ROOT / "mkdocs.yml"))
    assert theme_css.prune_theme_css(site, config) == []
    assert guide_css[0].read_text(encoding="utf-8") == guide_css[1]


# --- fixture sites that turn features on ---------------------------------------------------------

TABS = """

=== "By phone"

    Call the line.

=== "By email"

    Write to us.

<div class="grid cards" markdown>

- One
- Two

</div>
"""


def test_a_site_with_content_tabs_and_navigation_tabs_keeps_their_rules(fixture_site):
    config = fixture_site.config.read_text(encoding="utf-8")
    config = config.replace("  font: false\n", "  font: false\n  features: [navigation.tabs]\n")
    config = config.replace("  - toc\n", "  - toc\n  - md_in_html\n  - pymdownx.superfences\n"
                                         "  - pymdownx.tabbed:\n      alternate_style: true\n")
    config = config.replace("  - search\n", "  - search\n  - offline\n")  # the offline build too
    fixture_site.config.write_text(config, encoding="utf-8")
    help_page = fixture_site.docs / "help.md"
    help_page.write_text(help_page.read_text(encoding="utf-8") + TABS, encoding="utf-8")
    site = fixture_site.build()
    sheet = next(site.glob(theme_css.STYLESHEETS))
    css = sheet.read_text(encoding="utf-8")
    assert_parses(css)
    left = classes(css)
    assert {"tabbed-set", "tabbed-labels", "tabbed-content", "tabbed-block", "md-tabs", "md-tabs__link",
            "md-nav--lifted", "grid", "cards"} <= left
    assert ".md-typeset .tabbed-set>input:first-child:checked~.tabbed-labels>:first-child" in selectors(css)
    assert {"md-annotation", "md-version", "md-post", "keys", "admonition", "md-source"}.isdisjoint(left)
    # the offline plugin ran: pages are files, the search index a script
    assert 'class="tabbed-set' in (site / "help.html").read_text(encoding="utf-8")
    assert (site / "search" / "search_index.js").exists()


def test_a_site_with_a_repository_keeps_the_repository_link(fixture_site):
    config = fixture_site.config.read_text(encoding="utf-8")
    fixture_site.config.write_text("repo_url: https://example.org/guide\n" + config, encoding="utf-8")
    site = fixture_site.build()
    css = next(site.glob(theme_css.STYLESHEETS)).read_text(encoding="utf-8")
    assert {"md-source", "md-source__repository", "md-header__source"} <= classes(css)
    assert 'class="md-source"' in (site / "index.html").read_text(encoding="utf-8")
    assert "tabbed-set" not in classes(css)


def test_a_site_without_admonitions_drops_them_and_materials_own_file_is_untouched(fixture_site):
    before = MATERIAL_CSS.read_bytes()
    site = fixture_site.build()
    css = next(site.glob(theme_css.STYLESHEETS)).read_text(encoding="utf-8")
    assert {"admonition", "admonition-title", "task-list-item", "highlight"}.isdisjoint(classes(css))
    assert {"md-typeset", "md-nav__link", "md-search__input", "md-top"} <= classes(css)
    assert MATERIAL_CSS.read_bytes() == before
