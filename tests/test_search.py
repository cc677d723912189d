"""Search finds the answer in the reader's own language: a table of realistic queries per
language (tests/data/search_queries/<locale>.yml), run against the built indexes with the Python port of
lunr, configured as Material's search worker is."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from search_index import search, shown
from test_languages import LANGUAGES, OTHER

ROOT = Path(__file__).resolve().parent.parent
QUERIES = {path.stem: yaml.safe_load(path.read_text(encoding="utf-8"))
           for path in sorted((ROOT / "tests" / "data" / "search_queries").glob("*.yml"))}
DEFAULT = next(lang["locale"] for lang in LANGUAGES if lang.get("default"))
CASES = [(locale, query, expected) for locale, rows in QUERIES.items() for query, expected in rows
         if locale == DEFAULT or locale in OTHER]


def index_of(site: Path, locale: str) -> Path:
    return site / ("" if locale == DEFAULT else locale) / "search" / "search_index.json"


def test_every_language_has_at_least_ten_queries():
    for locale in [DEFAULT, *OTHER]:
        assert len(QUERIES.get(locale, [])) >= 10, f"{locale}: add realistic queries to tests/data/search_queries/{locale}.yml"


@pytest.mark.parametrize("locale, query, expected", CASES, ids=[f"{c[0]}: {c[1]}" for c in CASES])
def test_the_answer_is_in_the_top_three(site, locale, query, expected):
    groups = search(index_of(site, locale), str(query))
    seen = [shown(group) for group in groups[:3]]
    assert any(expected in group for group in seen), f"{query!r} ({locale}) showed {seen}"
    # Locations are relative to the language's own folder: no other language's page can appear.
    assert not [ref for group in groups for ref in group if ref.split("/")[0] in OTHER]


@pytest.mark.parametrize("locale, typed, written", [
    ("pl", "skarge", "skargę"), ("cy", "grwp", "grŵp"), ("ro", "plangere", "plângere")])
def test_words_are_found_typed_without_their_accents(site, locale, typed, written):
    with_accent = [ref for group in search(index_of(site, locale), written) for ref in group]
    without = [ref for group in search(index_of(site, locale), typed) for ref in group]
    assert with_accent and set(with_accent) <= set(without)


def test_a_word_keeps_its_vowel_signs():
    # Python's \w leaves out combining marks: a Bengali word split at every vowel sign, so a
    # synonym matched inside longer words ("প্রতিবন্ধী" inside "প্রতিবন্ধীদের").
    from guide.search import WORD, Synonyms, extra_words
    assert WORD.findall("আমি প্রতিবন্ধী") == ["আমি", "প্রতিবন্ধী"]
    group = Synonyms([["প্রতিবন্ধী", "অক্ষম"]])
    assert "অক্ষম" not in extra_words("", "<p>প্রতিবন্ধীদের অধিকার</p>", group)
    assert "অক্ষম" in extra_words("", "<p>আমি প্রতিবন্ধী</p>", group)


def test_a_heading_s_synonyms_count_as_the_heading():
    # A reader's own word finds the answer whose heading uses another ("said no" -> "says no"):
    # the synonyms go into the heading, hidden, so that they weigh as much as its words.
    from guide.search import Synonyms, heading_words
    group = Synonyms([["refuse", "says no", "said no"], ["grŵp", "grwp"]])
    assert heading_words("What if the social worker says no?", group) == ["refuse", "said no"]
    assert heading_words("Pwy sydd yn y grŵp craidd?", Synonyms([])) == []  # no accent variants in titles
    assert heading_words("Meetings", group) == []
