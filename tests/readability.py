"""Reading ease of a page's prose, as families would read it."""

from __future__ import annotations

import re

import textstat

FRONT_MATTER = re.compile(r"(?s)\A---\n.*?\n---\n")
NOISE = [
    (re.compile(r"<!--.*?-->"), ""),              # markers and comments
    (re.compile(r"\{[#.][^}]*\}"), ""),           # attribute lists: {#id} { .class }
    (re.compile(r"\]\([^)]*\)"), "]"),            # link targets
    (re.compile(r"<[^>]+>"), " "),                # raw HTML tags
    (re.compile(r"^\s*(!!!|\?\?\?)\s*\w+\s*", re.M), ""),   # admonition openers
    (re.compile(r"^\s*\*\[[^\]]+\]:.*$", re.M), ""),        # abbreviation definitions
    (re.compile(r"- \[[ x]\] "), ""),             # task list boxes
    (re.compile(r"[#>*_`|\[\]]"), ""),            # Markdown punctuation
]


def prose(markdown: str) -> str:
    text = FRONT_MATTER.sub("", markdown)
    for pattern, replacement in NOISE:
        text = pattern.sub(replacement, text)
    # A heading or list item is a sentence of its own even without a full stop.
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return "\n".join(line if line[-1] in ".?!:" else line + "." for line in lines)


def reading_ease(markdown: str) -> float:
    return textstat.flesch_reading_ease(prose(markdown))
