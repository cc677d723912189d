"""The page checks as pure functions: typed numbers, markers, links."""

from __future__ import annotations

from pathlib import Path

import pytest

from guide import checks
from guide.contacts import load_contacts
from guide.markers import in_source

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def book():
    return load_contacts(ROOT / "contacts.yml")


def test_a_typed_number_is_found_with_its_line_and_the_marker_to_use(book):
    text = "---\ntitle: x\n---\n# Page\n\nRing 0808 801 0366 today.\n"
    [problem] = checks.typed_numbers("docs/page.md", text, book)
    assert (problem.path, problem.line) == ("docs/page.md", 6)
    assert "'0808 801 0366'" in problem.message
    assert "<!-- phone: frg-advice-line -->" in problem.message


@pytest.mark.parametrize("written", ["08088010366", "+44 808 801 0366", "0808-801-0366", "(0808) 801 0366",
                                     "0808&nbsp;801&nbsp;0366", "0808 **801** 0366", "0808 _801_ 0366",
                                     "[it](tel:%2B448088010366)"])
def test_a_number_is_found_however_it_is_written(book, written):
    [problem] = checks.typed_numbers("p.md", f"Call {written}.", book)
    assert "frg-advice-line" in problem.message


def test_a_number_wrapped_onto_the_next_line_is_found_at_its_first_line(book):
    [problem] = checks.typed_numbers("p.md", "# Help\n\nRing 0808\n801 0366 today.\n", book)
    assert problem.line == 3 and "frg-advice-line" in problem.message


def test_an_unknown_number_asks_for_a_contacts_entry(book):
    [problem] = checks.typed_numbers("p.md", "Call 0161 496 0000 now.", book)
    assert "add it to contacts.yml" in problem.message


@pytest.mark.parametrize("text", [
    "Working Together 2018 (page 46) and the Children Act 1989.",
    "Section 20 of the Equality Act 2010; reviewed 2026-11-22.",
    "The Print House, 18 Ashwin Street, E8 3DL.",
    "97% of parents and 46% of family members; 13 groups; sections 1 to 12.",
])
def test_ordinary_figures_are_not_mistaken_for_numbers(book, text):
    assert checks.typed_numbers("p.md", text, book) == []


def test_unknown_contact_id_suggests_the_closest(book):
    [problem] = checks.marker_problems("p.md", "a\n\n<!-- contact: frg-advise-line -->\n", book)
    assert problem.line == 3
    assert "unknown contact id 'frg-advise-line'" in problem.message
    assert "did you mean 'frg-advice-line'?" in problem.message


def test_a_misspelt_marker_name_is_caught(book):
    [problem] = checks.marker_problems("p.md", "<!-- contacts: frg-advice-line -->", book)
    assert "unknown marker 'contacts'" in problem.message and "'contact'" in problem.message


def test_a_label_the_contact_lacks_is_caught(book):
    [problem] = checks.marker_problems("p.md", "<!-- phone: frg-advice-line text -->", book)
    assert "has no 'text' number" in problem.message


def test_markers_in_code_examples_are_ignored(book):
    text = "```\n<!-- contact: not-a-contact -->\n```\n"
    assert in_source(text) == []
    assert checks.marker_problems("p.md", text, book) == []


def test_ordinary_comments_are_left_alone(book):
    assert checks.marker_problems("p.md", "<!-- TODO: reword this -->", book) == []


SITE = checks.SiteIndex(
    pages={"index.md": "", "families/faq.md": "families/faq/"},
    urls={"", "families/faq/", "assets/guide.css"},
    anchors={"": frozenset({"top"}), "families/faq/": frozenset({"who-pays", "find-an-advocate"})},
)


def problems_for(text: str, src="index.md", url=""):
    return checks.link_problems(src, src, url, checks.find_links(text), SITE)


def test_good_links_pass():
    text = ("[a](families/faq.md) [b](families/faq.md#who-pays) [c](#top) <a href=\"families/faq/#find-an-advocate\">d</a>"
            " [e](https://example.org/x) [f](mailto:a@b.org) [g](tel:+448088010366)\n[ref]: families/faq.md#who-pays\n")
    assert problems_for(text) == []


def test_a_broken_link_names_the_line():
    [problem] = problems_for("line one\n[a](families/faqs.md)\n")
    assert problem.line == 2
    assert "broken link 'families/faqs.md'" in problem.message
    assert "did you mean 'families/faq.md'?" in problem.message


def test_a_broken_anchor_names_the_line_and_the_closest_id():
    [problem] = problems_for("\n\n[a](families/faq.md#who-pay)\n")
    assert problem.line == 3
    assert "broken anchor" in problem.message and "#who-pays" in problem.message


def test_a_broken_raw_html_link_is_caught():
    [problem] = problems_for('<a href="families/fax/">x</a>')
    assert "broken link 'families/fax/'" in problem.message


def test_a_raw_html_link_to_a_markdown_file_is_caught():
    [problem] = problems_for('<a href="families/faq.md">x</a>')
    assert "points at a Markdown file" in problem.message


def test_a_link_from_a_nested_page_resolves_relative_to_it():
    assert problems_for("[up](../index.md#top)", src="families/faq.md", url="families/faq/") == []
    [problem] = problems_for("[up](index.md)", src="families/faq.md", url="families/faq/")
    assert "no page 'families/index.md'" in problem.message


def test_links_in_code_are_not_links():
    assert problems_for("`[a](nowhere.md)`\n```\n[b](nowhere.md)\n```\n") == []


def test_review_dates_come_from_front_matter():
    import datetime as dt
    text = "---\nlast_reviewed_on: 2026-08-31\nreview_in: 6 months\n---\n"
    review, problems = checks.review_dates("p.md", {"last_reviewed_on": dt.date(2026, 8, 31), "review_in": "6 months"},
                                           text, today=dt.date(2026, 11, 22))
    assert review.due == dt.date(2027, 2, 28) and problems == []


def test_an_overdue_review_is_reported_with_its_line():
    import datetime as dt
    text = "---\ntitle: x\nlast_reviewed_on: 2025-01-01\nreview_in: 1 year\n---\n"
    _, [problem] = checks.review_dates("p.md", {"last_reviewed_on": "2025-01-01", "review_in": "1 year"},
                                       text, today=dt.date(2026, 11, 22))
    assert problem.line == 3 and "due for review on 2026-01-01" in problem.message


def test_missing_review_dates_are_reported():
    import datetime as dt
    _, [problem] = checks.review_dates("p.md", {}, "# x\n", today=dt.date(2026, 11, 22))
    assert "last_reviewed_on" in problem.message


def test_a_card_marker_inside_a_sentence_is_caught(book):
    [problem] = checks.marker_problems("p.md", "Call them: <!-- contact: frg-advice-line --> today.", book)
    assert "must stand on a line of its own" in problem.message


def test_a_mistyped_language_code_suggests_the_guides_language():
    problem = checks.language_suffix_problem("docs/faq.cyy.md", "faq.cyy.md", ["en", "cy", "ar"])
    assert problem.line == 1 and "'cyy' is not a language of this guide" in problem.message
    assert "rename it faq.cy.md" in problem.message
    assert checks.language_suffix_problem("docs/faq.cy.md", "faq.cy.md", ["en", "cy"]) is None
    assert checks.language_suffix_problem("docs/notes.old.md", "notes.old.md", ["en", "cy"]) is None


def test_a_comment_that_runs_into_a_marker_is_caught_but_a_closed_multiline_comment_is_not():
    text = "# Page\n\n<!-- a note\nstill the note -->\n\nText <!-- phone: advice-line -->\n"
    assert checks.unclosed_comments("p.md", text) == []
    text = "# Page\n\n<!-- a note\n\n<!-- contact: advice-line -->\n"
    assert [(p.line, "never closed" in p.message) for p in checks.unclosed_comments("p.md", text)] == [(3, True)]


def test_snippets_are_found_in_any_base_path_line_and_block_form(tmp_path):
    (tmp_path / "note.md").write_text("A note.\n", encoding="utf-8")
    text = '# Page\n\n--8<-- "note.md"\n\n--8<--\nnote.md\ngone.md\n--8<--\n\n;--8<-- "escaped.md"\n'
    problems = checks.snippet_problems("p.md", text, [tmp_path], "includes")
    assert [(p.line, "'gone.md'" in p.message) for p in problems] == [(7, True)]


def test_an_alias_is_refused_before_it_is_expanded():
    from guide.yaml_lines import YamlError, safe_load
    with pytest.raises(YamlError) as caught:
        safe_load("a: &a [x, x]\nb: [*a, *a]\n")
    assert caught.value.problems[0].line == 2 and "YAML alias" in caught.value.problems[0].message
