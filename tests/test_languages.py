"""The real guide in every language: each page exists with the right lang and dir, carries no
English interface text, and links to its translations; Arabic reads right to left in Chromium
with its phone numbers still in the right order."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from guide import settings

ROOT = Path(__file__).resolve().parent.parent

CONFIG = settings.read_config(ROOT / "mkdocs.yml")
LANGUAGES = settings.i18n_settings(CONFIG)["languages"]
OTHER = [lang["locale"] for lang in LANGUAGES if not lang.get("default")]
RIGHT_TO_LEFT = {"ar", "ur"}

# Words of the interface that must not appear on a page in another language.
ENGLISH_INTERFACE = ["Skip to content", "Exit this page", "Last reviewed on", "Next review due",
                     "Opening hours", "Free to call", "Find help by need", "Back to the list of needs",
                     "Back to top", "For families", "For practitioners", "Who it is for", "Helpline",
                     "Page not found", "Details last checked", "Search"]


def english_pages(site: Path) -> list[Path]:
    other = {site / locale for locale in OTHER}
    return [p for p in site.rglob("*.html") if not any(parent in other for parent in p.parents)]


class VisibleText(HTMLParser):
    """The text a reader sees in the page's own language: no scripts, styles or attributes, and
    nothing marked as English (a proper name, a source's title: English on purpose, and said so)."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self._open: list[tuple[str, bool]] = []  # each open element, and whether its text is left out

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        english = (dict(attrs).get("lang") or "").startswith("en")
        self._open.append((tag, tag in ("script", "style", "svg") or english))

    def handle_endtag(self, tag):
        if any(name == tag for name, _ in self._open):  # close it, and what was left open inside it
            while self._open.pop()[0] != tag:
                pass

    def handle_data(self, data):
        if not any(skipped for _, skipped in self._open):
            self.parts.append(data)


def visible(html: str) -> str:
    parser = VisibleText()
    parser.feed(html)
    return re.sub(r"\s+", " ", " ".join(parser.parts))


@pytest.mark.parametrize("locale", OTHER)
def test_every_page_exists_in_every_language_with_lang_and_dir(site, locale):
    for page in english_pages(site):
        if "<body" not in page.read_text("utf-8"):
            continue
        translated = site / locale / page.relative_to(site)
        assert translated.exists(), f"{translated.relative_to(site)} is missing"
        html = translated.read_text("utf-8")
        direction = "rtl" if locale in RIGHT_TO_LEFT else "ltr"
        root = re.search(r"<html\b[^>]*>", html).group(0)  # the root carries both (Nu HTML checker)
        assert f'lang="{locale}"' in root and f'dir="{direction}"' in root, f"{translated.relative_to(site)}: {root}"
        assert f'<body dir="{direction}"' in html, f"{translated.relative_to(site)} is not {direction}"


def test_every_english_page_and_the_404_pages_say_their_language_and_direction_on_html(site):
    for page in [*english_pages(site), *site.glob("*/404.html")]:
        html = page.read_text("utf-8")
        if "<body" not in html:
            continue
        root = re.search(r"<html\b[^>]*>", html).group(0)
        locale = page.relative_to(site).parts[0] if page.parent != site and page.name == "404.html" else "en"
        direction = "rtl" if locale in RIGHT_TO_LEFT else "ltr"
        assert f'lang="{locale}"' in root and f'dir="{direction}"' in root, f"{page.relative_to(site)}: {root}"


@pytest.mark.parametrize("locale", OTHER)
def test_no_english_interface_text_on_another_language_page(site, locale):
    for page in (site / locale).rglob("*.html"):
        text = visible(page.read_text("utf-8"))
        found = [words for words in ENGLISH_INTERFACE if re.search(rf"\b{re.escape(words)}\b", text)]
        assert found == [], f"{page.relative_to(site)} shows English: {found}"


@pytest.mark.parametrize("locale", OTHER)
def test_numbers_stay_left_to_right_and_contact_words_are_translated(site, locale):
    html = (site / locale / "help" / "directory" / "index.html").read_text("utf-8")
    assert '<a class="guide-phone" href="tel:+448088010366"><bdi dir="ltr">0808 801 0366</bdi></a>' in html
    # Every entry's words are in this language; a service whose name is a proper name (Childline)
    # may keep its English name, marked as English.
    assert 'class="guide-contact__description" lang="en"' not in html and "<dd lang=\"en\"" not in html


def test_the_switcher_leads_to_the_same_page_in_each_language(site):
    html = (site / "families" / "faq" / "index.html").read_text("utf-8")
    for lang in LANGUAGES:
        target = "./" if lang.get("default") else f"../../{lang['locale']}/families/faq/"
        assert f'<a href="{target}" hreflang="{lang["locale"]}" lang="{lang["locale"]}" class="md-select__link"' in html
        assert f'<link rel="alternate" href="{target}" hreflang="{lang["locale"]}">' in html
        assert f">\n              {lang['name']}\n" in html  # named in its own script


def test_the_sitemap_lists_every_language_of_each_page(site):
    sitemap = (site / "sitemap.xml").read_text("utf-8")
    for locale in OTHER:
        assert f'hreflang="{locale}" href="{locale}/families/faq/"' in sitemap


@pytest.mark.browser
@pytest.mark.parametrize("locale", sorted(RIGHT_TO_LEFT & set(OTHER)))
def test_right_to_left_pages_read_right_to_left_with_numbers_in_order(browser, base_url, locale):
    url = base_url
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(url + f"{locale}/families/faq/")
    assert page.evaluate("getComputedStyle(document.querySelector('.md-content')).direction") == "rtl"
    number = page.locator('a[href="tel:+448088010366"] bdi').first
    assert number.evaluate("e => getComputedStyle(e).direction") == "ltr"
    assert number.inner_text() == "0808 801 0366"
    # Laid out right to left: the heading starts at the right edge of the text column.
    box = page.locator("h1").bounding_box()
    content = page.locator(".md-content__inner").bounding_box()
    assert abs((box["x"] + box["width"]) - (content["x"] + content["width"])) < 30
    page.close()


def test_each_language_has_its_own_search_index(site):
    import json

    english = json.loads((site / "search" / "search_index.json").read_text("utf-8"))["docs"]
    assert english and not [d for d in english if d["location"].split("/")[0] in OTHER]
    for locale in OTHER:
        docs = json.loads((site / locale / "search" / "search_index.json").read_text("utf-8"))["docs"]
        faq = [d for d in docs if d["location"] == "families/faq/#who-are-advocates"]
        assert len(faq) == 1, f"{locale}: the FAQ's first question is not in the index"
        assert len(docs) == len(english), f"{locale}: {len(docs)} entries, English has {len(english)}"
    # Non-Latin text is stored as itself, not as \\uXXXX escapes (half the size for Arabic).
    assert "مناصر" in (site / "ar" / "search" / "search_index.json").read_text("utf-8")
    assert '"base": "../../../cy/"' in (site / "cy" / "families" / "faq" / "index.html").read_text("utf-8")
    # The 404 page is served at any address, so its links start at the root: "/cy/", never "//cy/".
    assert '"base": "/cy/"' in (site / "cy" / "404.html").read_text("utf-8")


def test_the_link_beside_each_heading_is_named_in_the_page_s_language(site):
    # MkDocs' toc extension titles it in English for every language; screen readers read it out.
    for locale in OTHER:
        faq = (site / locale / "families" / "faq" / "index.html").read_text(encoding="utf-8")
        titles = set(re.findall(r'class="headerlink" href="#[^"]*" title="([^"]*)"', faq))
        assert titles and "Link to this section" not in titles, (locale, titles)
    english = (site / "families" / "faq" / "index.html").read_text(encoding="utf-8")
    assert 'title="Link to this section"' in english
