"""Query a built search index with the Python port of lunr, as Material's search worker does.

Material's worker (as configured by this guide): fields `title` (boost 1000) and `text`, the text
taken from between HTML tags (so the hidden synonyms count), tokens split at spaces and hyphens,
English stop words dropped from the index (not from the query), no stemming; every query word
gets a trailing wildcard, so "complain" also finds "complaints". Results are re-scored as the
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

from guide.search import search_form

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
    return builder.build(), separator


def search(index_file: Path, query: str) -> list[list[str]]:
    index, separator = load(index_file)
    terms = [w for w in words(query, separator) if w.strip("*+-~^:")]
    # As lazy-search.js does in the browser: each word typed is also searched in its search form.
    terms += [form for form in dict.fromkeys(search_form(w) for w in terms) if form not in terms]
    if not terms:
        return []
    # Material's worker adds a trailing wildcard to every word and, unlike lunr's own parser, still
    # runs each word through the search pipeline (empty here, as in the browser).
    query = index.create_query()
    for term in terms:
        query.term(term, use_pipeline=True, wildcard=Query.WILDCARD_TRAILING)
    results = index.query(query)
    scored = []
    for result in results:
        matched = {term for term in result["match_data"].metadata}
        share = sum(any(found.startswith(term) for found in matched) for term in terms) / len(terms)
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
