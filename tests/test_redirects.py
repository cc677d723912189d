"""Redirects (the guide plugin's `redirects`): an old link keeps working when a page moves, in every language.

A fixture guide in English, Welsh (the help page translated) and Arabic (right to left, nothing
translated: its pages fall back to English) gets redirects; every old address must lead, in its
own language, to the new page that exists, anchor kept, with no script; bad entries stop the build
with their line in mkdocs.yml and leave the previous site as it was.
"""

from __future__ import annotations

import re
import textwrap
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from guide.building import BuildFailed
from guide import cli, redirects
from guide.checks import Problem
from test_build_errors import tree_digest
from test_translations import WELSH

REFRESH = re.compile(r'<meta http-equiv="refresh" content="0; url=([^"]+)">')
CANONICAL = re.compile(r'<link rel="canonical" href="([^"]+)">')
LOCALES = {"en": "", "cy": "cy/", "ar": "ar/"}

MOVED = """\
    old-help.md: help.md#who-can-help
    leaflets/numbers/: index.md
"""


def with_redirects(fixture, entries: str = MOVED, **settings):
    """The fixture guide in three languages, with `entries` under the plugin's redirects (first on line 36)."""
    config = fixture.config.read_text(encoding="utf-8")
    config = config.replace("      exit_page:", "      redirects:\n" + textwrap.indent(entries, "    ") + "      exit_page:", 1)
    config = config.replace("""          build: true
  - guide:""", """          build: true
        - locale: cy
          name: Cymraeg
          build: true
        - locale: ar
          name: العربية
          build: true
  - guide:""")
    for name, value in settings.items():
        config = f"{name}: {value}\n" + config
    fixture.config.write_text(config, encoding="utf-8")
    fixture.write("docs/help.cy.md", WELSH.replace("# Help", "# Cymorth"))
    return fixture


def follow(site: Path, old_url: str) -> tuple[str, str, str]:
    """(the redirect page, where its refresh leads from the site's root, its #anchor)."""
    page = (site / redirects.file_of(old_url)).read_text(encoding="utf-8")
    [href] = REFRESH.findall(page)
    assert not urlsplit(href).scheme and not href.startswith("/"), f"not a relative link: {href}"
    landed = urlsplit(urljoin("http://host/" + old_url, href))
    return page, unquote(landed.path).lstrip("/"), landed.fragment


# --- the built site ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def moved_site(tmp_path_factory):
    """Built once for the tests that only read it."""
    import shutil

    from conftest import FIXTURES, ROOT, FixtureSite

    fixture = FixtureSite(tmp_path_factory.mktemp("redirects") / "guide")
    shutil.copytree(FIXTURES / "minimal", fixture.path)
    fixture.config.write_text(fixture.config.read_text(encoding="utf-8").replace("@ROOT@", str(ROOT)),
                              encoding="utf-8")
    return with_redirects(fixture).build()


@pytest.mark.parametrize("locale", LOCALES)
def test_every_language_has_the_old_address_and_it_leads_to_its_own_new_page(moved_site, locale):
    prefix = LOCALES[locale]
    page, landed, anchor = follow(moved_site, f"{prefix}old-help/")
    assert landed == f"{prefix}help/" and (moved_site / landed / "index.html").is_file()
    assert anchor == "who-can-help"
    assert 'id="who-can-help"' in (moved_site / landed / "index.html").read_text(encoding="utf-8")

    page, landed, anchor = follow(moved_site, f"{prefix}leaflets/numbers/")
    assert landed == prefix and (moved_site / prefix / "index.html").is_file() and anchor == ""


@pytest.mark.parametrize("locale", LOCALES)
def test_the_redirect_page_is_in_its_language_not_indexed_and_has_no_script(moved_site, locale):
    page = (moved_site / LOCALES[locale] / "old-help" / "index.html").read_text(encoding="utf-8")
    direction = "rtl" if locale == "ar" else "ltr"
    assert f'<html lang="{locale}" dir="{direction}">' in page
    assert '<meta name="robots" content="noindex">' in page
    assert CANONICAL.findall(page) == ["../help/"]  # the new page, relative: no site_url is set
    assert "<script" not in page and "style=" not in page and "<style" not in page
    assert "http:" not in page and "https:" not in page and "//" not in page


def test_the_words_and_the_title_are_the_readers_language_or_marked_as_english(moved_site):
    english = (moved_site / "old-help" / "index.html").read_text(encoding="utf-8")
    assert "<title>This page has moved: Help</title>" in english
    assert '<p>This page has moved: <a href="../help/#who-can-help">Help</a></p>' in english
    welsh = (moved_site / "cy" / "old-help" / "index.html").read_text(encoding="utf-8")
    assert "<title>Mae'r dudalen hon wedi symud: Cymorth</title>" in welsh  # the Welsh page's own title
    assert '<a href="../help/#who-can-help">Cymorth</a>' in welsh
    # Arabic has no help page of its own: the fallback page is in English, and its title is marked so.
    arabic = (moved_site / "ar" / "old-help" / "index.html").read_text(encoding="utf-8")
    assert 'نُقلت هذه الصفحة إلى: <a href="../help/#who-can-help" lang="en" dir="ltr">Help</a>' in arabic
    assert (moved_site / "ar" / "help" / "index.html").is_file()  # the fallback page it leads to


def test_netlify_and_cloudflare_get_real_301s_in_every_language(moved_site):
    rules = [line for line in (moved_site / "_redirects").read_text(encoding="utf-8").splitlines()
             if line and not line.startswith("#")]
    assert rules == [
        "/old-help/ /help/#who-can-help 301", "/cy/old-help/ /cy/help/#who-can-help 301",
        "/ar/old-help/ /ar/help/#who-can-help 301",
        "/leaflets/numbers/ / 301", "/cy/leaflets/numbers/ /cy/ 301", "/ar/leaflets/numbers/ /ar/ 301",
    ]
    # Every redirect page is HTML the CSP allows: it has no script of its own to hash.
    assert "<script" not in (moved_site / "old-help" / "index.html").read_text(encoding="utf-8")


def test_no_redirects_no_files(fixture_site):
    site = fixture_site.build()
    assert not (site / "_redirects").exists()


def test_without_directory_urls_the_old_file_leads_to_the_new_file(fixture_site):
    # As `make offline` builds (Material's offline plugin turns directory URLs off): from a folder.
    site = with_redirects(fixture_site, use_directory_urls="false").build()
    for prefix in LOCALES.values():
        _, landed, anchor = follow(site, f"{prefix}old-help.html")
        assert landed == f"{prefix}help.html" and (site / landed).is_file() and anchor == "who-can-help"
        # An address written with a slash stays a folder's page, wherever the site is read.
        _, landed, _ = follow(site, f"{prefix}leaflets/numbers/")
        assert landed == f"{prefix}index.html" and (site / landed).is_file()


def test_with_site_url_the_canonical_link_is_the_full_address(fixture_site):
    site = with_redirects(fixture_site, site_url="https://guide.example.org/advice/").build()
    page = (site / "cy" / "old-help" / "index.html").read_text(encoding="utf-8")
    assert CANONICAL.findall(page) == ["https://guide.example.org/advice/cy/help/"]
    assert REFRESH.findall(page) == ["../help/#who-can-help"]  # still relative: works under any folder


def test_a_language_without_its_own_new_page_goes_to_the_english_page(tmp_path):
    # With fallback_to_default: false an untranslated page is not built in that language at all.
    site = tmp_path / "site"
    for built in ["help/index.html", "cy/help/index.html", "index.html", "cy/index.html", "ar/index.html"]:
        (site / built).parent.mkdir(parents=True, exist_ok=True)
        (site / built).write_text('<body dir="ltr"><article><h1 id="help">Help</h1>'
                                  '<h2 id="who-can-help">Who</h2></article>', encoding="utf-8")
    entry = redirects.Redirect("old-help.md", "old-help.md", "", "help.md", "who-can-help", 18)
    pages, problems = redirects.plan([entry], site, ["en", "cy", "ar"], "en", True)
    assert problems == []
    assert {page.locale: (page.file, page.new_url, page.href) for page in pages} == {
        "en": ("old-help/index.html", "help/", "../help/#who-can-help"),
        "cy": ("cy/old-help/index.html", "cy/help/", "../help/#who-can-help"),
        "ar": ("ar/old-help/index.html", "help/", "../../help/#who-can-help"),
    }


# --- bad entries stop the build ---------------------------------------------------------------

BAD = {
    "new page missing": ("    old-help.md: helps.md\n",
                         "mkdocs.yml:36: redirects: 'old-help.md' -> 'helps.md': there is no page 'helps.md'. "
                         "Fix: did you mean 'help.md'?"),
    "new anchor missing": ("    old-help.md: help.md#who-helps\n",
                           "mkdocs.yml:36: redirects: 'old-help.md' -> 'help.md#who-helps': the page has no "
                           "'#who-helps'. Fix: did you mean '#who-can-help'?"),
    "old page still exists": ("    help.md: index.md\n",
                              "mkdocs.yml:36: redirects: the old page 'help.md' is still a page of the guide "
                              "(docs/help.md); a redirect would replace it. Fix: remove the entry, or move the "
                              "page first"),
    "old address still a page": ("    help/: index.md\n",
                                 "mkdocs.yml:36: redirects: the old page 'help/' is still a page of the guide "
                                 "(docs/help.md)"),
    "chain": ("    old-help.md: older-help.md\n    older-help.md: help.md\n",
              "mkdocs.yml:36: redirects: 'old-help.md' -> 'older-help.md': 'older-help.md' is itself "
              "redirected (line 37: -> 'help.md'). Fix: point 'old-help.md' straight at 'help.md'"),
    "loop": ("    a.md: b.md\n    b.md: a.md\n",
             "mkdocs.yml:36: redirects: 'a.md' -> 'b.md' goes round in a loop (a.md -> b.md -> a.md)."),
    "not a mapping": ("    - old-help.md: help.md\n",
                      "mkdocs.yml:36: redirects: must map each old page to its new page, one a line, like "
                      "`families/advocates.md: families/faq.md`"),
    "old page not a page": ("    old-help.pdf: help.md\n",
                            "mkdocs.yml:36: redirects: the old page 'old-help.pdf' is neither a page file"),
    "old page in a language folder": ("    cy/old-help/: help.md\n",
                                      "mkdocs.yml:36: redirects: the old page 'cy/old-help/' starts with the "
                                      "language folder 'cy/'; every language gets the redirect from its English "
                                      "name. Fix: write 'old-help/'"),
    "new page a translation": ("    old-help.md: help.cy.md\n",
                               "mkdocs.yml:36: redirects: 'old-help.md' -> 'help.cy.md' names a translation's "
                               "file; every language goes to its own translation of the English page. "
                               "Fix: write 'help.md'"),
    "new page on another site": ("    old-help.md: https://example.org/help/\n",
                                 "mkdocs.yml:36: redirects: 'old-help.md' -> 'https://example.org/help/': the "
                                 "new page must be a page of this guide"),
    "no new page": ("    old-help.md:\n", "mkdocs.yml:36: redirects: 'old-help.md' has no new page."),
    "written twice": ("    old-help.md: index.md\n    old-help.md: help.md\n",
                      # Any key written twice in mkdocs.yml is stopped at its line before the redirects are read.
                      "mkdocs.yml:37: the key 'old-help.md' appears twice here and YAML keeps only the last. "
                      "Fix: keep one"),
}


@pytest.mark.parametrize("case", BAD, ids=list(BAD))
def test_a_bad_entry_stops_the_build_with_its_line_and_keeps_the_previous_site(fixture_site, case):
    entries, expected = BAD[case]
    with_redirects(fixture_site, "")  # three languages, no redirects yet
    site = fixture_site.build()
    before = tree_digest(site)

    config = fixture_site.config.read_text(encoding="utf-8")
    fixture_site.config.write_text(config.replace("  redirects:\n", "  redirects:\n" + textwrap.indent(entries, "    "), 1), encoding="utf-8")
    with pytest.raises(BuildFailed) as caught:
        fixture_site.build()
    assert expected in str(caught.value)
    assert tree_digest(site) == before, "the previous site was changed by a failed build"
    assert [p.name for p in site.parent.iterdir() if p.name.startswith(".site-")] == []


@pytest.mark.parametrize("case", ["new page missing", "new anchor missing", "chain", "old page still exists"])
def test_guide_check_finds_the_same_problem(fixture_site, capsys, case):
    entries, expected = BAD[case]
    with_redirects(fixture_site, entries)
    assert cli.main(["check", "-f", str(fixture_site.config)]) == 1
    out = capsys.readouterr().out
    assert any(line.startswith(expected) for line in out.splitlines()), out


def test_guide_check_passes_good_redirects(fixture_site, capsys):
    with_redirects(fixture_site)
    assert cli.main(["check", "-f", str(fixture_site.config), "--quiet"]) == 0, capsys.readouterr()


def test_an_anchor_missing_from_one_translation_names_that_language(fixture_site):
    with_redirects(fixture_site, "    old-help.md: help.md#only-in-english\n")
    fixture_site.write("docs/help.md", (fixture_site.docs / "help.md").read_text(encoding="utf-8")
                       + "\n<span id=\"only-in-english\"></span>\n")
    with pytest.raises(BuildFailed) as caught:
        fixture_site.build()
    assert ("mkdocs.yml:36: redirects: 'old-help.md' -> 'help.md#only-in-english': the page has no "
            "'#only-in-english' in its cy page(s).") in str(caught.value)


# --- the module on its own --------------------------------------------------------------------

def test_the_example_in_the_real_guides_mkdocs_yml_would_work(site):
    from conftest import ROOT
    from guide import settings

    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = settings.read_config(ROOT / "mkdocs.yml")
    assert isinstance(settings.guide_settings(config)["redirects"], dict)
    start = text.index("      redirects:")
    example = re.findall(r"^      #   (\S+): (\S+)$", text[text.rindex("      # When a page moves", 0, start):start], re.M)
    assert len(example) == 3
    default, others = settings.languages(config)
    entries, problems = redirects.read(dict(example), ROOT / "mkdocs.yml", ROOT / "docs", [default, *others])
    assert problems == [] and len(entries) == 3
    faq = (site / "families" / "faq" / "index.html").read_text(encoding="utf-8")  # the ids as built
    ids = frozenset(re.findall(r'\bid="([^"]+)"', faq))
    for entry in entries:
        assert redirects.anchor_problem(entry, {"en": ids}) is None


def read_entries(tmp_path, text: str, pages=("index.md", "help.md", "families/faq.md", "families/faq.cy.md")):
    docs = tmp_path / "docs"
    for page in pages:
        (docs / page).parent.mkdir(parents=True, exist_ok=True)
        (docs / page).write_text("# Page\n", encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text("plugins:\n  - guide:\n      redirects:\n" + textwrap.indent(text, "    "), encoding="utf-8")
    import yaml
    setting = yaml.safe_load(config.read_text(encoding="utf-8"))["plugins"][0]["guide"]["redirects"]
    return redirects.read(setting, config, docs, ["en", "cy", "ar"])


def test_old_pages_are_named_by_file_or_by_address(tmp_path):
    entries, problems = read_entries(tmp_path, "\n".join([
        "    families/advocates.md: families/faq.md#who",
        "    /leaflet/numbers/: help.md",
        "    old/contact.html: index.md",
        "    old/list/index.html: index.md",
        "    /families/older.md: /families/faq.md",
    ]) + "\n")
    assert problems == []
    found = {entry.written: (entry.old_url(True), entry.old_url(False), entry.new, entry.line) for entry in entries}
    assert found == {
        "families/advocates.md": ("families/advocates/", "families/advocates.html", "families/faq.md#who", 4),
        "/leaflet/numbers/": ("leaflet/numbers/", "leaflet/numbers/", "help.md", 5),
        "old/contact.html": ("old/contact.html", "old/contact.html", "index.md", 6),
        "old/list/index.html": ("old/list/", "old/list/", "index.md", 7),
        "/families/older.md": ("families/older/", "families/older.html", "families/faq.md", 8),
    }


def test_a_missing_page_suggests_the_closest_and_an_existing_old_page_names_its_file(tmp_path):
    _, problems = read_entries(tmp_path, "    old.md: families/faqs.md\n    families/faq/: help.md\n")
    assert problems == [
        Problem("mkdocs.yml", 4, "redirects: 'old.md' -> 'families/faqs.md': there is no page "
                                 "'families/faqs.md'. Fix: did you mean 'families/faq.md'?"),
        Problem("mkdocs.yml", 5, "redirects: the old page 'families/faq/' is still a page of the guide "
                                 "(docs/families/faq.md); a redirect would replace it. Fix: remove the entry, "
                                 "or move the page first"),
    ]


def test_an_empty_or_absent_map_is_no_redirect(tmp_path):
    assert redirects.read(None, tmp_path / "mkdocs.yml", tmp_path, ["en"]) == ([], [])
    assert redirects.read({}, tmp_path / "mkdocs.yml", tmp_path, ["en"]) == ([], [])


@pytest.mark.parametrize("to_url, from_url, expected", [
    ("families/faq/", "families/advocates/", "../faq/"),
    ("", "families/advocates/", "../../"),
    ("cy/", "cy/leaflets/numbers/", "../../"),
    ("families/faq.html", "families/advocates.html", "faq.html"),
    ("index.html", "families/advocates.html", "../index.html"),
    ("help/", "old/", "../help/"),
    ("help/", "old.html", "help/"),
    ("families/faq/", "families/faq/", "./"),
])
def test_relative_urls(to_url, from_url, expected):
    assert redirects.relative_url(to_url, from_url) == expected


def test_a_title_is_escaped_and_the_sentence_keeps_its_word_order():
    page = redirects.redirect_html(lang="ur", direction="rtl", href="../a%20b/#x", canonical="../a%20b/",
                                   moved="{title} منتقل", title="<Tom & Jerry>")
    assert '<a href="../a%20b/#x">&lt;Tom &amp; Jerry&gt;</a> منتقل' in page
    assert "<title>&lt;Tom &amp; Jerry&gt; منتقل</title>" in page
    assert redirects.page_title('<article><h1 id="x">Who <em>helps</em><a class="headerlink" href="#x" '
                                'title="Link">&para;</a></h1></article>') == "Who helps"


def test_an_anchor_known_only_in_some_languages():
    entry = redirects.Redirect("old.md", "old.md", "", "faq.md", "who", 7)
    assert redirects.anchor_problem(entry, {"en": frozenset({"who"}), "cy": None}) is None
    problem = redirects.anchor_problem(entry, {"en": frozenset({"who"}), "cy": frozenset({"pwy"})})
    assert problem.line == 7 and "has no '#who' in its cy page(s)" in problem.message


# --- in a browser ------------------------------------------------------------------------------

@pytest.mark.browser
def test_opening_an_old_address_lands_on_the_new_page_in_the_same_language(moved_site, browser):
    from browser import read_headers_file, serve

    # Under a sub-path and with the site's own security headers, as a host would serve it.
    with serve(moved_site, read_headers_file(moved_site / "_headers"), sub_path="guide") as url:
        page = browser.new_page()
        console: list[str] = []
        page.on("console", lambda message: console.append(f"{message.type}: {message.text}"))
        page.goto(url + "cy/old-help/")
        page.wait_for_url(url + "cy/help/#who-can-help")
        assert page.locator("html").get_attribute("lang") == "cy"
        assert page.locator("h1").first.inner_text().strip() == "Cymorth"
        page.goto(url + "ar/leaflets/numbers/")
        page.wait_for_url(url + "ar/")
        page.close()
    assert [line for line in console if "Content Security Policy" in line] == []
