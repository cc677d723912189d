"""Translations: each language gets its own pages, 404 and words, and a translation can never
carry a different number, link or anchor from its English page."""

from __future__ import annotations

import pytest

from guide.building import BuildFailed
from guide.checks import translation_parity

WELSH = """
    ---
    last_reviewed_on: 2026-11-01
    review_in: 10 years
    ---
    # Help

    ## Pwy all helpu {#who-can-help}

    <!-- contact: advice-line -->

    Swyddfa: <!-- phone: advice-line office -->.

    <!-- site-contact -->
    """


def with_welsh(fixture_site, welsh: str = WELSH):
    config = fixture_site.config.read_text(encoding="utf-8")
    config = config.replace("""          build: true
  - guide:""", """          build: true
        - locale: cy
          name: Cymraeg
          build: true
  - guide:""")
    fixture_site.config.write_text(config, encoding="utf-8")
    fixture_site.write("docs/help.cy.md", welsh)
    return fixture_site


def test_a_welsh_page_is_built_in_welsh_with_the_same_anchors(fixture_site):
    site = with_welsh(fixture_site).build()
    page = (site / "cy" / "help" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="cy"' in page
    assert 'id="who-can-help"' in page and "Swyddfa:" in page
    assert 'href="tel:+442079232628"' in page
    # A page not yet translated falls back to English, says so, and marks its text as English.
    home = (site / "cy" / "index.html").read_text(encoding="utf-8")
    assert 'class="guide-fallback"' in home and 'lang="en" dir="ltr">' in home
    # Every language has its own 404 page; the root one stays in the default language.
    assert '<html lang="cy"' in (site / "cy" / "404.html").read_text(encoding="utf-8")
    assert '<html lang="en"' in (site / "404.html").read_text(encoding="utf-8")


def test_the_switcher_and_head_link_each_page_to_its_translation(fixture_site):
    site = with_welsh(fixture_site).build()
    english = (site / "help" / "index.html").read_text(encoding="utf-8")
    assert '<a href="../cy/help/" hreflang="cy" lang="cy" class="md-select__link"' in english
    assert '<link rel="alternate" href="../cy/help/" hreflang="cy">' in english
    assert '<p class="guide-welsh"><a href="../cy/help/" hreflang="cy" lang="cy">Cymraeg</a></p>' in english


PARITY_CASES = {
    "changed phone marker": ("<!-- phone: advice-line office -->", "<!-- phone: advice-line -->",
                             "contact markers differ from docs/help.md"),
    "dropped anchor": ("{#who-can-help}", "", "heading ids differ from docs/help.md: missing who-can-help"),
    "extra link": ("Swyddfa:", "[Cartref](index.md) Swyddfa:", "links differ from docs/help.md: not in English: index.md"),
}


@pytest.mark.parametrize("case", PARITY_CASES, ids=list(PARITY_CASES))
def test_a_translation_that_differs_from_its_english_page_stops_the_build(fixture_site, case):
    old, new, expected = PARITY_CASES[case]
    with_welsh(fixture_site, WELSH.replace(old, new))
    with pytest.raises(BuildFailed) as caught:
        fixture_site.build()
    message = str(caught.value)
    assert "docs/help.cy.md:" in message and expected in message


def test_parity_names_the_line_of_what_is_not_in_english():
    english = "# A\n\nSee [b](b.md).\n"
    problems = translation_parity("docs/a.md", english, "docs/a.cy.md", "# A\n\nGweler [b](b.md).\n\n[c](c.md)\n")
    assert [str(p) for p in problems] == [
        "docs/a.cy.md:5: links differ from docs/a.md: not in English: c.md. Fix: make them the same as in "
        "docs/a.md (translate the words only)"]
    assert translation_parity("docs/a.md", english, "docs/a.cy.md", "# A\n\nGweler [y dudalen](b.md).\n") == []


def test_an_outdated_translation_shows_a_banner_and_the_status_script_fails(fixture_site, capsys):
    from guide import translation_status

    site = with_welsh(fixture_site).build()
    page = (site / "cy" / "help" / "index.html").read_text(encoding="utf-8")
    assert "guide-translation--outdated" in page and 'href="../../help/" hreflang="en"' in page

    assert translation_status.main(["--config", str(fixture_site.config)]) == 1
    table = capsys.readouterr().out
    assert "help.md" in table and "outdated" in table and "index.md" in table and "missing" in table

    # The translator checks the page against the English one and records it: now only "unreviewed".
    assert translation_status.main(["--config", str(fixture_site.config), "--write",
                                    str(fixture_site.docs / "help.cy.md")]) == 0
    site = fixture_site.build()
    page = (site / "cy" / "help" / "index.html").read_text(encoding="utf-8")
    assert "guide-translation--unreviewed" in page and "guide-translation--outdated" not in page

    # A fluent speaker reviews it: no banner. Then the English page changes: outdated again.
    welsh = fixture_site.docs / "help.cy.md"
    welsh.write_text(welsh.read_text(encoding="utf-8").replace("reviewed: false", "reviewed: true"), encoding="utf-8")
    site = fixture_site.build()
    assert "guide-translation" not in (site / "cy" / "help" / "index.html").read_text(encoding="utf-8")
    english = fixture_site.docs / "help.md"
    english.write_text(english.read_text(encoding="utf-8") + "\nA new sentence.\n", encoding="utf-8")
    site = fixture_site.build()
    assert "guide-translation--outdated" in (site / "cy" / "help" / "index.html").read_text(encoding="utf-8")


def test_a_guide_s_own_strings_change_a_word_and_add_a_language(fixture_site):
    """strings/<locale>.yml beside mkdocs.yml: looked up first, then the package's file for the
    language, then English (the guide's en.yml, then the package's)."""
    config = fixture_site.config.read_text(encoding="utf-8")
    fixture_site.config.write_text(config.replace("""          build: true
  - guide:""", """          build: true
        - locale: de
          name: Deutsch
          build: true
  - guide:"""), encoding="utf-8")
    fixture_site.write("strings/en.yml", """
        free_to_call: No charge to call
        phone_labels:
          office: Main office   # the block's other labels stay the package's
        """)
    fixture_site.write("docs/help.de.md", WELSH.replace("Pwy all helpu", "Wer helfen kann").replace("Swyddfa", "Büro"))
    fixture_site.write("strings/de.yml", """
        free_to_call: Kostenlos anrufen
        hours: Öffnungszeiten
        """)
    site = fixture_site.build()

    english = (site / "help" / "index.html").read_text(encoding="utf-8")
    assert "No charge to call" in english and "Free to call" not in english
    assert "Main office" in english and "Helpline" in english
    assert "Opening hours" in english  # a word the guide does not change

    german = (site / "de" / "help" / "index.html").read_text(encoding="utf-8")
    assert "Kostenlos anrufen" in german and "Öffnungszeiten" in german
    assert "No charge to call" not in german and "Opening hours" not in german
    assert "Main office" in german  # not in de.yml: the guide's English word
    assert "Details last checked on" in german  # in neither of the guide's files: the package's English

    from guide.i18n import StringsBook
    book = StringsBook(fixture_site.path / "strings")
    assert "free_to_call" not in book.missing_keys("de") and "last_checked" in book.missing_keys("de")


def test_a_bad_strings_file_of_the_guide_stops_the_build_at_its_line(fixture_site):
    with_welsh(fixture_site)
    fixture_site.write("strings/cy.yml", """
        free_to_call: Am ddim
        hours: [Oriau agor
        call: Ffoniwch
        """)
    with pytest.raises(BuildFailed) as caught:
        fixture_site.build()
    message = str(caught.value)
    assert "A strings file has problems; the build stopped." in message
    assert "strings/cy.yml:3: this is not valid YAML" in message and "Fix:" in message
    assert not fixture_site.site_dir.exists()  # nothing half-written


def test_a_strings_file_that_is_not_a_mapping_stops_the_build(fixture_site):
    fixture_site.write("strings/en.yml", "- free_to_call: Free\n")
    with pytest.raises(BuildFailed) as caught:
        fixture_site.build()
    assert "strings/en.yml:1: is not a list of `key: words` lines. Fix:" in str(caught.value)
