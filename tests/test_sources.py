"""Where a page's facts come from and where its rules apply: required, checked, shown to readers."""

from __future__ import annotations

import datetime as dt

import pytest

from guide.building import BuildFailed
from guide import sources
from test_build_errors import replace_in, tree_digest

TODAY = dt.date(2026, 12, 2)
PAGE = """---
title: Help
last_reviewed_on: 2026-12-01
review_in: 6 months
applies_to: [england]
sources:
  - title: Working Together to Safeguard Children 2023
    publisher: Department for Education
    edition: December 2023
    url: https://www.gov.uk/government/publications/working-together-to-safeguard-children--2
    checked: 2026-12-01
---
# Help
"""


def test_a_page_s_sources_and_nations_are_read_with_their_lines():
    facts, problems = sources.page_facts("docs/help.md", PAGE, TODAY)
    assert problems == []
    assert facts.applies_to == ("england",)
    [citation] = facts.citations
    assert citation.title == "Working Together to Safeguard Children 2023"
    assert citation.checked == dt.date(2026, 12, 1) and citation.edition == "December 2023"
    assert not facts.from_english


@pytest.mark.parametrize("old, new, line, words", [
    ("sources:\n  - title: Working Together to Safeguard Children 2023\n    publisher: Department for Education\n"
     "    edition: December 2023\n    url: https://www.gov.uk/government/publications/working-together-to-safeguard-"
     "children--2\n    checked: 2026-12-01\n", "", 1, "the page lists no sources"),
    ("    checked: 2026-12-01\n", "", 7, "has no checked"),
    ("    checked: 2026-12-01\n", "    checked: 2026-05-01\n", 11,
     "was checked on 2026-05-01, longer ago than the page's review period (6 months)"),
    ("    checked: 2026-12-01\n", "    checked: 2027-01-01\n", 11, "is in the future"),
    ("    checked: 2026-12-01\n", "    checked: 1 December\n", 11, "is not a date like"),
    ("    edition: December 2023\n", "    editon: December 2023\n", 9, "unknown field 'editon'"),
    ("    url: https://www.gov.uk", "    url: http://www.gov.uk", 10, "must be a full https:// address"),
    ("applies_to: [england]", "applies_to: [englnd]", 5, "applies_to 'englnd' is not a nation"),
])
def test_each_mistake_in_the_sources_is_named_at_its_line(old, new, line, words):
    assert old in PAGE
    _, problems = sources.page_facts("docs/help.md", PAGE.replace(old, new, 1), TODAY)
    assert [p for p in problems if p.line == line and words in p.message], problems


def test_a_translation_takes_its_english_page_s_sources_unless_it_gives_its_own():
    welsh = "---\ntitle: Help\ntranslation: {source: x, reviewed: false}\n---\n# Help\n"
    facts, problems = sources.page_facts("docs/help.cy.md", welsh, TODAY, "docs/help.md", PAGE)
    assert problems == [] and facts.from_english and facts.applies_to == ("england",)
    assert facts.citations[0].publisher == "Department for Education"
    # The English page's problem is named at the English page, not at the translation.
    stale = PAGE.replace("checked: 2026-12-01", "checked: 2020-01-01")
    _, problems = sources.page_facts("docs/help.cy.md", welsh, TODAY, "docs/help.md", stale)
    assert [p.path for p in problems] == ["docs/help.md"]


def test_a_period_is_added_to_a_date_as_a_calendar_would():
    assert sources.add_period(dt.date(2026, 8, 31), "6 months") == dt.date(2027, 2, 28)
    assert sources.add_period(dt.date(2026, 1, 1), "2 weeks") == dt.date(2026, 1, 15)
    assert sources.add_period(dt.date(2026, 1, 1), "soon") is None


# --- in the build --------------------------------------------------------------------------

def test_an_unsourced_page_stops_the_build_and_the_previous_site_is_kept(fixture_site):
    site = fixture_site.build()
    before = tree_digest(site)
    replace_in(fixture_site, "docs/help.md", "sources:\n  - title: Example guidance\n    publisher: Example Department\n"
               "    url: https://www.example.org/guidance\n    checked: 2026-11-01\n", "")
    with pytest.raises(BuildFailed) as caught:
        fixture_site.build()
    assert "docs/help.md:1: the page lists no sources" in str(caught.value)
    assert tree_digest(site) == before


def test_a_source_checked_longer_ago_than_the_review_period_stops_the_build(fixture_site):
    replace_in(fixture_site, "docs/help.md", "review_in: 10 years", "review_in: 1 month")
    replace_in(fixture_site, "docs/help.md", "last_reviewed_on: 2026-11-01", f"last_reviewed_on: {dt.date.today()}")
    with pytest.raises(BuildFailed) as caught:
        fixture_site.build()
    assert "docs/help.md:8: source 'Example guidance' was checked on 2026-11-01, longer ago than the page's " \
           "review period (1 month)" in str(caught.value)


def test_readers_see_where_a_page_applies_and_where_its_facts_come_from(fixture_site):
    replace_in(fixture_site, "docs/help.md", "review_in: 10 years\n", "review_in: 10 years\napplies_to: [england]\n")
    replace_in(fixture_site, "mkdocs.yml", "  - toc\n", "  - toc\n  - admonition\n")
    replace_in(fixture_site, "docs/help.md", "<!-- site-contact -->",
               '<!-- site-contact -->\n\n!!! wales "In Wales"\n    Different rules apply.\n')
    page = (fixture_site.build() / "help" / "index.html").read_text(encoding="utf-8")
    title_end = page.index("</h1>")
    applies = page.index('<p class="guide-applies" role="note">This information applies to England.')
    assert title_end < applies < page.index('id="who-can-help"')
    assert "Some things are different in Wales. Look for the boxes called “In Wales”." in page
    assert '<div class="admonition wales">' in page
    section = page[page.index('<section class="guide-sources"'):]
    assert '<h2 id="guide-sources-title">Where this information comes from</h2>' in section
    assert ('<a href="https://www.example.org/guidance" rel="noopener noreferrer">Example guidance</a>, '
            'Example Department</span>: checked on 1 November 2026.') in section
    # The home page names no nation: no line about it.
    assert "guide-applies" not in (fixture_site.site_dir / "index.html").read_text(encoding="utf-8")


def test_a_card_links_to_the_page_its_details_were_checked_on_and_shows_the_phone_note(fixture_site):
    replace_in(fixture_site, "contacts.yml", "        label: helpline\n        free: true\n",
               "        label: helpline\n        free: true\n        note: \"Textphone: dial 18001 first.\"\n")
    replace_in(fixture_site, "docs/index.md", "See [the help page]", "<!-- directory -->\n\nSee [the help page]")
    site = fixture_site.build()
    for page in (site / "help" / "index.html", site / "index.html"):  # a card, and the directory's
        html = page.read_text(encoding="utf-8")
        assert '<span class="guide-contact__note">Textphone: dial 18001 first.</span>' in html
        assert ('Details last checked on 1 November 2026. <a href="https://www.example.org/contact-us" '
                'rel="noopener noreferrer">Check them on the organisation&#39;s own page</a>') in html


def test_every_page_of_the_default_guide_says_where_it_applies_and_lists_its_sources(site):
    from test_content import ALL_PAGES

    missing = [str(page) for page in ALL_PAGES
               if not sources.page_facts(str(page), page.read_text(encoding="utf-8"), dt.date.today())[0].applies_to]
    assert missing == []
    pages = [p for p in site.rglob("index.html") if "guide-redirect" not in p.read_text(encoding="utf-8")[:3000]]
    without = [str(p.relative_to(site)) for p in pages if 'class="guide-sources"' not in p.read_text(encoding="utf-8")]
    assert without == [] and len(pages) >= 8 * len(ALL_PAGES)
