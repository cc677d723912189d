"""WCAG 3.1.2 (language of parts): English words kept in a page of another script are marked as
English, so that a screen reader reads them with English sounds."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
NOT_WORDS = {"bdi", "code", "pre", "script", "style", "svg", "kbd"}  # numbers, addresses, code


class UnmarkedEnglish(HTMLParser):
    """Latin-letter words in a page's <article> that no element around them marks as English."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str | None, bool]] = []  # (tag, lang, skipped)
        self.in_article = 0
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        attributes = dict(attrs)
        skipped = tag in NOT_WORDS or (tag == "a" and (attributes.get("href") or "").startswith(("tel:", "mailto:")))
        # A contact's description is data from contacts.yml, where a service's English proper name
        # ("Mencap Cymru") cannot be marked; WCAG 3.1.2 leaves proper names out.
        skipped = skipped or "guide-contact__description" in (attributes.get("class") or "")
        self.stack.append((tag, attributes.get("lang"), skipped))
        if tag == "article":
            self.in_article += 1

    def handle_endtag(self, tag):
        if tag in VOID or not any(name == tag for name, _, _ in self.stack):
            return
        while self.stack:
            name, _, _ = self.stack.pop()
            if name == "article":
                self.in_article -= 1
            if name == tag:
                break

    def handle_data(self, data):
        if not self.in_article or any(skipped for _, _, skipped in self.stack):
            return
        lang = next((lang for _, lang, _ in reversed(self.stack) if lang), "")
        if lang.startswith("en"):
            return
        self.found += [word for word in LATIN_WORD.findall(data) if not word.startswith("http")]


@pytest.mark.parametrize("locale", ["ar", "ur", "bn"])
def test_english_words_in_arabic_urdu_and_bengali_pages_are_marked_as_english(site, locale):
    problems = []
    for page in sorted((site / locale).rglob("index.html")):
        text = page.read_text(encoding="utf-8")
        if "guide-fallback" in text:  # an untranslated page is marked English as a whole
            continue
        parser = UnmarkedEnglish()
        parser.feed(text)
        if parser.found:
            problems.append(f"{page.relative_to(site)}: {' '.join(sorted(set(parser.found))[:12])}")
    assert problems == [], "English words without lang=\"en\":\n" + "\n".join(problems)


def test_short_forms_are_marked_as_english_on_every_page_in_another_language(site):
    unmarked = []
    for page in site.rglob("index.html"):
        relative = page.relative_to(site)
        if relative.parts[0] in {"cy", "ar", "pl", "ro", "bn", "ur", "so"}:
            if re.search(r"<abbr(?![^>]*\blang=\"en\")", page.read_text(encoding="utf-8")):
                unmarked.append(str(relative))
    assert unmarked == []
