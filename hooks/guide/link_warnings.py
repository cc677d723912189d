"""MkDocs' own warnings about a page's links, held until the guide's link check has run.

MkDocs warns of a broken link while it renders each page ("Doc file 'index.md' contains a link
'nope.md', but the target is not found among documentation files."), with neither the line nor a
fix. Once every page is rendered, the guide's link check names the same link with its file, line
and fix. So that each problem is said once, MkDocs' link warnings are held while the pages render;
then those the check has named are dropped and the rest are logged as they were (in a strict build
they still stop it).
"""

from __future__ import annotations

import logging
import re

PAGES_LOG = logging.getLogger("mkdocs.structure.pages")
LINK_WARNING = re.compile(r"^Doc file '(?P<src>[^']+)' contains (?:a link|an unrecognized relative link) "
                          r"'(?P<link>[^']+)'")
NAMED_BY_THE_CHECK = re.compile(r"^broken (?:link|anchor) '(?P<link>[^']+)'")


class HeldLinkWarnings(logging.Filter):
    """Holds MkDocs' link warnings of one language's build, from `start` to `release`."""

    def __init__(self) -> None:
        super().__init__()
        self.held: list[tuple[str, str, logging.LogRecord]] = []  # (page, link, what MkDocs said)

    def filter(self, record: logging.LogRecord) -> bool:
        match = LINK_WARNING.match(record.getMessage()) if record.levelno >= logging.WARNING else None
        if match:
            self.held.append((match["src"], match["link"], record))
        return match is None

    def start(self) -> None:
        self.stop()
        PAGES_LOG.addFilter(self)

    def stop(self) -> None:
        PAGES_LOG.removeFilter(self)
        self.held.clear()

    def release(self, named: set[tuple[str, str]]) -> None:
        """Stop holding, and log each held warning whose (page, link) the check has not named."""
        held = list(self.held)
        self.stop()
        for src, link, record in held:
            if (src, link) not in named:
                PAGES_LOG.handle(record)


def named_links(problems, pages: dict[str, tuple[str, str]]) -> set[tuple[str, str]]:
    """(page as MkDocs names it, link) for each broken link or anchor the check found; `pages` maps
    each page's src_uri to (its path as problems name it, its URL)."""
    src_of = {path: src for src, (path, _) in pages.items()}
    named = set()
    for problem in problems:
        match = NAMED_BY_THE_CHECK.match(problem.message)
        if match and problem.path in src_of:
            named.add((src_of[problem.path], match["link"]))
    return named
