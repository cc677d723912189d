"""One search index per language, so a reader only finds pages in their own language, with
words that find each other (synonyms, abbreviations) and letters typed with or without accents.

mkdocs-static-i18n writes one merged index (`search/search_index.json`) for every language, and
Material's search worker loads it from the page's base: a Welsh reader got English results mixed
in. After the whole site is built, the merged index is split by each entry's location (`cy/...`)
into `<locale>/search/search_index.json`, with locations relative to that language's folder, and
the root index keeps the default language only. The theme points each page's search at its
language's folder (hooks/guide/theme/main.html, `base` in Material's config).

Material's worker indexes the text between HTML tags and shows the text as HTML, so words a
section should also be found by go into a `<span hidden>` at its end: found, never shown.
- One form for every spelling (`search_form`): each word that has another is added in it, and
  the browser adds the same form of each word typed to the query (lazy-search.js), so a word
  found with all its accents, with none, or with some ("błedny" for "błędny") finds the same
  page. The form has no Latin accents ("skarge", "grwp"), one alef and no hamza carrier
  ("امكانية", "الابلاغ"), the Arabic keyboard's letters for Urdu ک ی, and Bengali য় ড় ঢ় as the
  letter and its dot. (Not added to the title: a prefix typed would then match both spellings
  of a heading's word and count twice, pushing headings with accents above better answers.)
- Synonyms (includes/search-synonyms.yml): "PLO" finds "Public Law Outline" and back again,
  "said no" finds the answer about a social worker who says no. The synonyms of a heading's own
  words also go into the heading (hidden), so that they weigh as a heading does: a reader's word
  ("susținător") finds the answer whose heading says "consilier independent".
"""

from __future__ import annotations

import html
import json
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

from lunr.stop_word_filter import WORDS as LUNR_STOP_WORDS  # the list lunr.js has

from guide.problems import Problem
from guide.yaml_lines import YamlError, load_with_lines

TAG = re.compile(r"<[^>]+>")


def _combining_marks() -> str:
    """A character class body of every combining mark in the Basic Multilingual Plane."""
    ranges: list[tuple[int, int]] = []
    categories = map(unicodedata.category, map(chr, range(0x300, 0x10000)))  # map(): twice as fast as a loop
    for code, category in enumerate(categories, start=0x300):
        if category[0] == "M":
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1] = (ranges[-1][0], code)
            else:
                ranges.append((code, code))
    return "".join(f"\\u{a:04x}-\\u{b:04x}" if a != b else f"\\u{a:04x}" for a, b in ranges)


# A letter of a word. Python's \w leaves out combining marks, which are part of words in Bengali
# (vowel signs), Arabic and Urdu (vowel marks): "প্রতিবন্ধী" would split at each vowel sign.
LETTER = f"[\\w{_combining_marks()}]"
WORD = re.compile(f"{LETTER}+")
# Letters that do not come apart into a base letter and an accent.
OWN_LETTERS = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss", "ı": "i"})
HIDDEN = '<span hidden class="guide-search-words">{}</span>'
LATIN_ACCENTS = re.compile("[\u0300-\u036f]+")


@lru_cache(maxsize=65536)  # a site repeats the same words thousands of times
def fold(word: str) -> str:
    """"skargę" -> "skarge", "ŵyr" -> "wyr", "șoferi" -> "soferi". Only Latin accents (U+0300 to
    U+036F) are dropped: the marks of Arabic, Urdu and Bengali spelling stay."""
    if word.isascii():  # most words of most pages: nothing to drop
        return word
    decomposed = unicodedata.normalize("NFKD", word.translate(OWN_LETTERS))
    return unicodedata.normalize("NFC", LATIN_ACCENTS.sub("", decomposed))


@lru_cache(maxsize=65536)
def _folded_pieces(word: str) -> tuple[str, ...]:
    """`word` without accents, as words (a compatibility form can fall apart: "½" -> "1", "2")."""
    return tuple(WORD.findall(fold(word)))


# Letters written in more than one way, folded to one form: alef with or without its hamza, hamza
# on its carriers or left out, alef maksura for yeh, and the Urdu / Persian letters with the Arabic
# keyboard's twins. (Bengali letters with a dot need nothing here: NFKD, in fold(), already gives
# the one-character and the two-character forms the same letters.)
ARABIC_FORMS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ؤ": "و", "ئ": "ي", "ى": "ي",
                              "ک": "ك", "ی": "ي", "ہ": "ه", "ۃ": "ة"})
ARABIC_LETTERS = re.compile("[" + "".join(sorted(chr(code) for code in ARABIC_FORMS)) + "]")


@lru_cache(maxsize=65536)
def search_form(word: str) -> str:
    """The one form every spelling of a word is also indexed under, and every word typed is also
    searched for (hooks/guide/theme/assets/guide/lazy-search.js does the same to the query): without
    Latin accents ("błedny", "bledny" and "błędny" meet), with one alef and no hamza carrier
    ("امكانية" finds "إمكانية"), and Urdu letters typed on an Arabic keyboard."""
    if word.isascii():
        return word
    folded = fold(word)
    return folded.translate(ARABIC_FORMS) if ARABIC_LETTERS.search(folded) else folded


@lru_cache(maxsize=65536)
def variants(word: str) -> frozenset[str]:
    """Other spellings of `word` that a reader may type and should still find it by."""
    form = search_form(word)
    return frozenset() if form == word else frozenset({form})


class SynonymsError(Exception):
    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(map(str, problems)))
        self.problems = problems


SYNONYMS_FILE = "includes/search-synonyms.yml"  # the defaults of `search_synonyms` and
QUESTION_WORDS_FILE = "includes/search-question-words.yml"  # `search_question_words` in mkdocs.yml
SYNONYMS_SHAPE = "one key per language, each a list of groups of words: `en: [[advocate, supporter]]`"


QUESTION_WORDS_SHAPE = "one key per language, each a list of words: `en: [what, how, do, i, my]`"


def _read_words_file(path: Path, shown: str) -> tuple[object, dict]:
    """The YAML of a search words file and the line of each value (({}, {}) if there is none),
    every value a string ("on" stays "on", not True). SynonymsError names the line."""
    if not path.exists():
        return {}, {}
    try:
        data, lines = load_with_lines(path.read_text(encoding="utf-8"))
    except YamlError as error:
        raise SynonymsError([Problem(shown, p.line, p.with_fix) for p in error.problems]) from None
    except (OSError, UnicodeDecodeError) as error:
        raise SynonymsError([Problem(shown, 1, f"cannot be read ({error}). Fix: save it as UTF-8 text")]) from None
    return data or {}, lines


def load_synonyms(path: Path, shown: str | None = None) -> dict[str, list[list[str]]]:
    """Groups of words per language from the synonyms file ({} if there is none). SynonymsError
    names the file and line of what cannot be read."""
    shown = shown or path.name
    data, _ = _read_words_file(path, shown)
    if not isinstance(data, dict) or not all(
            isinstance(groups, list) and all(isinstance(group, list) for group in groups) for groups in data.values()):
        raise SynonymsError([Problem(shown, 1, f"is not in the synonyms' shape. Fix: write {SYNONYMS_SHAPE}")])
    return {str(lang): [[str(word) for word in group] for group in groups] for lang, groups in data.items()}


# Every guide's question words, per language ("what", "how", "my"; "beth", "sut", "fy"): a guide's
# own file (`search_question_words`) adds to them, for its own languages or words.
BUILT_IN_QUESTION_WORDS = Path(__file__).parent / "question-words.yml"


def load_question_words(path: Path, shown: str | None = None) -> dict[str, list[str]]:
    """The words of a question that carry no meaning, per language: the built-in ones and those
    of the guide's file, if it has one."""
    words: dict[str, list[str]] = {}
    for file, name in ((BUILT_IN_QUESTION_WORDS, "guide/question-words.yml"), (path, shown or path.name)):
        data, lines = _read_words_file(file, name)
        if not isinstance(data, dict) or not all(isinstance(listed, list) for listed in data.values()):
            raise SynonymsError([Problem(name, 1, f"is not in the question words' shape. Fix: write {QUESTION_WORDS_SHAPE}")])
        problems = [Problem(name, lines.get((lang, n), 1), f"{word!r} under {lang} is not one word. "
                                                           "Fix: write one word (no spaces or punctuation) per item")
                    for lang, listed in data.items() for n, word in enumerate(listed)
                    if not (isinstance(word, str) and WORD.fullmatch(word))]
        if problems:
            raise SynonymsError(problems)
        for lang, listed in data.items():
            words.setdefault(lang, []).extend(listed)
    return words


# What the browser sends the search worker for what a reader typed (lazy-search.js does the same;
# a Chromium test compares the two). Material's worker adds a trailing wildcard to each word but
# `word~1`, which it searches with one letter wrong, and `word*^10`, a prefix that weighs ten times.
EXACT_BOOST = 10
TYPO_MIN_LETTERS = 5  # shorter words have too many neighbours one letter away ("plan": "plant", "clan")
QUERY_SYNTAX = re.compile(r'["+:^~*]|(^|\s)-')  # a query written in lunr's syntax is sent as typed
SPACES = re.compile(r"[\s\-]+")


def worker_query(typed: str, question_words: frozenset[str] = frozenset(),
                 kept_phrases: tuple[tuple[str, ...], ...] = (), stop_words: frozenset[str] = frozenset(),
                 separator: re.Pattern[str] = SPACES) -> str:
    """The query for the worker: the words typed, less the question words when others remain
    ("what is a child protection plan" -> "child protection plan") and unless they are part of one
    of the guide's terms ("child in need" keeps "need"), less the stop words no index holds, each
    word's search form, and each word of 5+ letters also with one letter wrong ("advocasy").
    Words are split where the index splits them (its `separator`), so "what?" is a question word."""
    if QUERY_SYNTAX.search(typed):
        return typed
    words = [word.lower() for word in separator.split(typed) if word and not word.isspace()]
    forms = [search_form(word) for word in words]
    kept = set()
    for phrase in kept_phrases:
        for start in range(len(forms) - len(phrase) + 1):
            if tuple(forms[start:start + len(phrase)]) == phrase:
                kept.update(range(start, start + len(phrase)))
    meaningful = [n for n, form in enumerate(forms)
                  if form not in stop_words and (n in kept or form not in question_words)]
    if meaningful:
        words, forms = [words[n] for n in meaningful], [forms[n] for n in meaningful]
    forms = list(dict.fromkeys(forms))
    extra = [form for form in forms if form not in words]
    typos = [f"{form}~1" for form in forms if len(form) >= TYPO_MIN_LETTERS and WORD.fullmatch(form)
             and not any(letter.isdecimal() for letter in form)]  # not "2011~1": a number is typed exactly
    if typos:  # the words as typed weigh ten times a word one letter away: exact matches stay first
        words, extra = [f"{word}*^{EXACT_BOOST}" for word in words], [f"{form}*^{EXACT_BOOST}" for form in extra]
    return " ".join(words + extra + typos)


def kept_phrases(groups: list[list[str]], question_words: list[str]) -> list[str]:
    """The guide's terms (synonyms of more than one word) with one of its question words in them:
    "child in need" keeps "need" in a query. As search forms, words joined by a space."""
    skip = set(question_word_forms(question_words))
    phrases = set()
    for member in (member for group in groups for member in group):
        forms = [search_form(word.lower()) for word in SPACES.split(member.strip()) if word]
        if len(forms) > 1 and skip.intersection(forms):
            phrases.add(" ".join(forms))
    return sorted(phrases)


def question_word_forms(words: list[str]) -> list[str]:
    """The search forms of `words`, lower case, once each (what the index's config carries)."""
    return sorted({search_form(word.lower()) for word in words})


@lru_cache(maxsize=None)
def _phrase(phrase: str) -> tuple[str, str]:
    """A phrase's first word (a cheap test before looking for the phrase) and the phrase."""
    words = WORD.findall(phrase)
    first = words[0] if words and phrase[:1].isalnum() else ""
    return first, phrase


def _is_letter(character: str) -> bool:
    return character.isalnum() or character == "_" or unicodedata.category(character).startswith("M")


def _contains(text: str, phrase: str) -> bool:
    """`phrase` in `text` as whole words: no letter (or combining mark) just before or after it."""
    start = text.find(phrase)
    while start != -1:
        end = start + len(phrase)
        if not (start and _is_letter(text[start - 1])) and not (end < len(text) and _is_letter(text[end])):
            return True
        start = text.find(phrase, start + 1)
    return False


class _Text:
    """A section's text, lower-cased, with and without accents, and the words of each."""

    def __init__(self, html_text: str):
        self.plain = html.unescape(TAG.sub(" ", html_text)).lower()
        self.words = set(WORD.findall(self.plain))
        self.accented = [word for word in self.words if not word.isascii()]  # only these have variants
        self.folded_words = self.words.union(*map(_folded_pieces, self.accented))
        self._folded: str | None = None

    @property
    def folded(self) -> str:
        if self._folded is None:  # only needed for phrases of several words
            self._folded = fold(self.plain)
        return self._folded

    def has(self, phrase: str) -> bool:
        return self._has(self.plain, self.words, phrase.lower())

    def has_folded(self, phrase: str) -> bool:
        phrase = fold(phrase).lower()
        first, _ = _phrase(phrase)
        return (not first or first in self.folded_words) and self._has(self.folded, self.folded_words, phrase)

    @staticmethod
    def _has(text: str, words: set[str], phrase: str) -> bool:
        first, _ = _phrase(phrase)
        return (not first or first in words) and _contains(text, phrase)


class Synonyms:
    """Groups of words that find each other, looked up by the first word of each member."""

    def __init__(self, groups: list[list[str]]):
        self.groups = groups
        self._by_first_word: dict[str, set[int]] = {}
        for number, group in enumerate(groups):
            for member in group:
                for form in {member.lower(), fold(member).lower()}:
                    self._by_first_word.setdefault(_phrase(form)[0], set()).add(number)

    def candidates(self, words: set[str]) -> list[list[str]]:
        """The groups with a member whose first word is among `words` (only these can match)."""
        numbers = set(self._by_first_word.get("", ()))
        for word in words & self._by_first_word.keys():
            numbers |= self._by_first_word[word]
        return [self.groups[number] for number in sorted(numbers)]


def extra_words(title: str, text: str, synonyms: Synonyms) -> list[str]:
    """Words a section should also be found by: other spellings of its words, and synonyms."""
    section = _Text(f"{title} {text}")
    found = set().union(*map(variants, section.accented))
    for group in synonyms.candidates(section.words | section.folded_words):
        present = {member for member in group if section.has(member)}
        if present or any(section.has_folded(member) for member in group):
            found.update(member for member in group if member not in present)
    return sorted(found)


def heading_words(title: str, synonyms: Synonyms) -> list[str]:
    """Synonyms of a heading's own words: they count as the heading (a reader who types the word
    their community uses finds the answer whose heading uses another). Accent variants stay out
    (a typed prefix would match both spellings and count twice)."""
    heading = _Text(title)
    found: set[str] = set()
    for group in synonyms.candidates(heading.words | heading.folded_words):
        present = {member for member in group if heading.has(member)}
        if present:
            found.update(member for member in group if member not in present)
    return sorted(found)


def split_index(site_dir: Path, locales: list[str], default: str,
                synonyms: dict[str, list[list[str]]] | None = None,
                question_words: dict[str, list[str]] | None = None) -> dict[str, int]:
    """Split the merged index; return the number of entries per language. Each language's
    question words go into its index's config, where the browser reads them (lazy-search.js)."""
    merged_path = site_dir / "search" / "search_index.json"
    if not merged_path.exists():
        return {}
    merged = json.loads(merged_path.read_text(encoding="utf-8"))
    offline = merged_path.with_suffix(".js").exists()  # Material's offline plugin wrote one
    synonyms = synonyms or {}
    others = [locale for locale in locales if locale != default]
    per_language: dict[str, list[dict]] = {locale: [] for locale in locales}
    groups = {locale: Synonyms(synonyms.get("all", []) + synonyms.get(locale, [])) for locale in locales}
    for doc in merged.get("docs", []):
        location = doc.get("location", "")
        owner = next((loc for loc in others if location == f"{loc}/" or location.startswith(f"{loc}/")), default)
        if owner != default:
            doc = {**doc, "location": location[len(owner) + 1:]}
        words = extra_words(doc.get("title", ""), doc.get("text", ""), groups[owner])
        if words:
            doc = {**doc, "text": doc.get("text", "") + HIDDEN.format(html.escape(" ".join(words)))}
        titled = heading_words(doc.get("title", ""), groups[owner])
        if titled:
            doc = {**doc, "title": doc.get("title", "") + HIDDEN.format(html.escape(" ".join(titled)))}
        per_language[owner].append(doc)
    counts = {}
    for locale, docs in per_language.items():
        target = merged_path if locale == default else site_dir / locale / "search" / "search_index.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        config = dict(merged.get("config", {}))
        words = (question_words or {}).get("all", []) + (question_words or {}).get(locale, [])
        if words:
            config["question_words"] = question_word_forms(words)
        if "stopWordFilter" in config.get("pipeline", []):
            # lunr leaves its stop words out of every language's index: typed, they would only
            # match as prefixes of other words ("no" finds "nothing", "notes", "now").
            config["stop_words"] = sorted(LUNR_STOP_WORDS)
        phrases = kept_phrases(synonyms.get("all", []) + synonyms.get(locale, []), words)
        if phrases:
            config["kept_phrases"] = phrases
        text = json.dumps({"config": config, "docs": docs}, ensure_ascii=False,
                          separators=(",", ":"))
        target.write_text(text, encoding="utf-8")
        if offline:  # read by a <script> from file:// pages, where the index cannot be fetched
            target.with_suffix(".js").write_text(f"var __index = {text}", encoding="utf-8")
        counts[locale] = len(docs)
    return counts
