"""Each language writes the guide's key terms as its table says (terminology/<locale>.yml)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from guide.building import BuildFailed
from guide import terminology
from test_translations import WELSH, with_welsh

ROOT = Path(__file__).resolve().parent.parent


def table(tmp_path: Path, welsh: str, english: str = "advocate: [advocate]\nsupporter: [supporter]\n"):
    folder = tmp_path / "terminology"
    folder.mkdir(exist_ok=True)
    (folder / "en.yml").write_text(english, encoding="utf-8")
    (folder / "cy.yml").write_text(welsh, encoding="utf-8")
    return terminology.load_terminology(folder, "terminology")


ENGLISH_PAGE = "---\ntitle: x\n---\n# Help\n\nAn advocate helps you. A supporter comes with you.\n"


def test_a_translation_must_use_its_language_s_word_and_never_one_to_avoid(tmp_path):
    terms = table(tmp_path, "advocate:\n  use: [eiriolwr]\n  avoid: [cefnogwr eiriol]\nsupporter:\n  use: [cefnogwr]\n")
    good = "# Help\n\nMae eiriolwr yn eich helpu. Mae cefnogwr yn dod gyda chi.\n"
    assert terminology.problems(terms, "cy", "docs/help.cy.md", good, ENGLISH_PAGE) == []
    wrong = "# Help\n\nMae cefnogwr eiriol yn eich helpu.\n\nMae cefnogwr yn dod.\n"
    problems = [str(p) for p in terminology.problems(terms, "cy", "docs/help.cy.md", wrong, ENGLISH_PAGE)]
    assert problems == [
        "docs/help.cy.md:3: 'cefnogwr eiriol' is not the word this guide uses for 'advocate'. Fix: write "
        "'eiriolwr' (terminology/cy.yml)",
        "docs/help.cy.md:1: the English page speaks of 'advocate', but this page never writes 'eiriolwr', the word "
        "terminology/cy.yml gives for it. Fix: use that word"]
    # A language with no table, and a page whose English page has no such term, are left alone.
    assert terminology.problems(terms, "pl", "docs/help.pl.md", wrong, ENGLISH_PAGE) == []
    assert terminology.problems(terms, "cy", "docs/help.cy.md", "# Help\n", "# Help\n\nNothing.\n") == []


def test_a_mistake_in_the_tables_is_named_at_its_line(tmp_path):
    with pytest.raises(terminology.TerminologyError) as caught:
        table(tmp_path, "advocate:\n  use: [eiriolwr]\nadvocat:\n  use: [x]\nsupporter:\n  us: [cefnogwr]\n")
    assert [str(p) for p in caught.value.problems] == [
        "terminology/cy.yml:3: 'advocat' is not a term of terminology/en.yml. Fix: add it there with its English "
        "words, or correct the name",
        "terminology/cy.yml:5: term 'supporter': give use: (and optionally avoid:), each a list of words"]


def test_a_translation_that_uses_a_word_to_avoid_stops_the_build(fixture_site):
    fixture_site.write("terminology/en.yml", "help: [who can help]\n")
    fixture_site.write("terminology/cy.yml", "help:\n  use: [pwy all helpu]\n  avoid: [pwy sy'n helpu]\n")
    with_welsh(fixture_site, WELSH.replace("Pwy all helpu", "Pwy sy'n helpu"))
    with pytest.raises(BuildFailed) as caught:
        fixture_site.build()
    message = str(caught.value)
    assert "docs/help.cy.md:7: 'pwy sy'n helpu' is not the word this guide uses for 'who can help'" in message
    assert "docs/help.cy.md:1: the English page speaks of 'who can help', but this page never writes" in message


# --- the default guide's tables --------------------------------------------------------------

LOCALES = ["cy", "ar", "pl", "ro", "bn", "ur", "so"]


@pytest.mark.parametrize("locale", LOCALES)
def test_every_language_of_the_default_guide_has_a_table_of_every_term(locale):
    terms = terminology.load_terminology(ROOT / "terminology", "terminology")
    missing = [term.name for term in terms.terms if locale not in term.languages]
    assert missing == [], f"terminology/{locale}.yml has no entry for {missing}"


@pytest.mark.parametrize("locale", LOCALES)
def test_every_translated_page_of_the_default_guide_uses_its_language_s_terms(locale):
    terms = terminology.load_terminology(ROOT / "terminology", "terminology")
    problems = []
    for page in sorted((ROOT / "docs").rglob(f"*.{locale}.md")):
        english = page.with_name(re.sub(rf"\.{locale}\.md$", ".md", page.name))
        problems += terminology.problems(terms, locale, str(page.relative_to(ROOT)), page.read_text(encoding="utf-8"),
                                         english.read_text(encoding="utf-8"))
    assert [str(p) for p in problems] == []


@pytest.mark.parametrize("locale, wrong", [("bn", "সমাজকর্মী"), ("ar", "صعوبات التعلم"), ("ro", "dificultăți de învățare")])
def test_the_renderings_the_audit_found_wrong_are_gone(locale, wrong):
    found = [str(p.relative_to(ROOT)) for p in (ROOT / "docs").rglob(f"*.{locale}.md")
             if wrong in p.read_text(encoding="utf-8")]
    assert found == []


@pytest.mark.parametrize("locale", LOCALES)
def test_the_contacts_words_in_each_language_avoid_the_same_renderings(locale):
    import yaml

    terms = terminology.load_terminology(ROOT / "terminology", "terminology")
    data = yaml.safe_load((ROOT / "contacts.yml").read_text(encoding="utf-8"))
    words = list((data["translations"].get(locale) or {}).get("topics", {}).values())
    for contact in data["contacts"]:
        own = (contact.get("translations") or {}).get(locale) or {}
        words += [own.get(field) or "" for field in ("service", "description", "audience")]
        words += list((own.get("phone_notes") or {}).values())
    found = [(term.name, avoid, text) for term in terms.terms if locale in term.languages
             for avoid in term.languages[locale].avoid for text in words if avoid.casefold() in text.casefold()]
    assert found == []
