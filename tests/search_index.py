"""Query a built search index with the Python port of lunr, as Material's search worker does.

Material's worker (as configured by this guide): fields `title` (boost 1000) and `text`, the text
taken from between HTML tags (so the hidden synonyms count), tokens split at spaces and hyphens,
English stop words dropped from the index (not from the query), no stemming; every query word
gets a trailing wildcard, so "complain" also finds "complaints". What is typed goes through
`worker_query`, as lazy-search.js sends it: question words out, search forms and words with one
letter wrong in. Results are re-scored as the
worker does (sections that match more of the query words first) and grouped by page as the search box shows them: `search()` returns the
groups, best first, each a list of locations, best first; `shown()` gives what a reader sees of a
group without expanding it: the page and its best section ("N more on this page" hides the rest).
"""

from __future__ import annotations

import html
import json
import re
from functools import lru_cache
from pathlib import Path

from lunr.builder import Builder
from lunr.query import Query
from lunr.stop_word_filter import stop_word_filter

from guide.search import worker_query
from lunr.token import Token

TAG = re.compile(r"<[^>]+>")


def words(text: str, separator: re.Pattern) -> list[str]:
    """Text between tags, split where the index's separator splits it, lower case."""
    return [w.lower() for w in separator.split(html.unescape(TAG.sub(" ", text))) if w]


@lru_cache(maxsize=None)
def load(index_file: Path):
    data = json.loads(index_file.read_text(encoding="utf-8"))
    separator = re.compile(data["config"]["separator"])
    builder = Builder()
    # As Material configures lunr.js: the index drops stop words; the search pipeline is empty, so
    # a stop word typed is still searched (as a prefix). No stemmer: see README, "Search".
    builder.pipeline.add(stop_word_filter)
    builder.b(0)
    builder.ref("location")
    builder.field("title", boost=1000)
    builder.field("text")
    for doc in data["docs"]:
        builder.add({"location": doc["location"], "title": " ".join(words(doc.get("title", ""), separator)),
                     "text": " ".join(words(doc.get("text", ""), separator))})
    return (builder.build(), separator, frozenset(data["config"].get("question_words", [])),
            tuple(tuple(phrase.split(" ")) for phrase in data["config"].get("kept_phrases", [])),
            frozenset(data["config"].get("stop_words", [])))


def search(index_file: Path, typed: str) -> list[list[str]]:
    index, separator, *words_left_out = load(index_file)
    # What lazy-search.js sends the worker for what was typed (question words out, search forms
    # and one-letter-wrong forms in), split into words as the worker splits it.
    clauses = []  # (term, edit distance, boost)
    for word in worker_query(typed, *words_left_out, separator).split():
        word, _, boost = word.partition("^")
        term, _, distance = word.rstrip("*").partition("~")
        clauses += [(piece, int(distance or 0), int(boost or 1))
                    for piece in words(term, separator) if piece.strip("*+-~^:")]
    if not clauses:
        return []
    # Material's worker adds a trailing wildcard to every word but `word~1` and, unlike lunr's own
    # parser, still runs each word through the search pipeline (empty here, as in the browser).
    query = index.create_query()
    for term, distance, boost in clauses:
        query.term(term, use_pipeline=True, edit_distance=distance, boost=boost,
                   wildcard=Query.WILDCARD_NONE if distance else Query.WILDCARD_TRAILING)
    results = index.query(query)
    terms = list(dict.fromkeys(term for term, _, _ in clauses))
    scored = []
    for result in results:
        matched = set(result["match_data"].metadata)
        # As the worker counts the share of words a section matches: a word is matched when a
        # word found starts with it; a stop word not found does not count at all.
        found = [term for term in terms if any(word.startswith(term) for word in matched)]
        missed = [term for term in terms if term not in found and stop_word_filter(Token(term))]
        share = len(found) / (len(found) + len(missed)) if found or missed else 0
        boost = (0 if "#" in result["ref"] else 1) + share
        scored.append((result["score"] * (1 + boost ** 2), result["ref"]))
    groups: dict[str, list[str]] = {}
    for _, ref in sorted(scored, key=lambda pair: -pair[0]):
        groups.setdefault(ref.split("#")[0], []).append(ref)
    return list(groups.values())


def shown(group: list[str]) -> set[str]:
    """What the search box shows of a group before "more on this page" is opened."""
    sections = [ref for ref in group if "#" in ref]
    return {group[0].split("#")[0], *sections[:1]}
