"""Find the contact markers in a page.

A marker is an HTML comment, so a page stays readable (and shows no stray text) if the hook
is ever switched off:

    <!-- contact: frg-advice-line -->      a contact card, on its own line
    <!-- phone: frg-advice-line -->        one number, inline (the entry's first)
    <!-- phone: frg-office office -->      the entry's number with that label
    <!-- hours: frg-advice-line -->        opening hours in words, inline
    <!-- directory -->                     every contact, grouped by need
    <!-- site-contact -->                  how to reach whoever runs this copy of the guide
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import lru_cache

@dataclass(frozen=True)
class Kind:
    """A kind of marker. A new kind is added here, with its method in render.Renderer."""
    name: str
    takes_id: bool  # names an entry of the contacts file
    block: bool  # renders as a block, so it must stand on a line of its own (else inside a sentence)
    renderer: str  # the render.Renderer method that writes its HTML


REGISTRY = {kind.name: kind for kind in (
    Kind("contact", takes_id=True, block=True, renderer="contact_card"),
    Kind("phone", takes_id=True, block=False, renderer="phone"),
    Kind("hours", takes_id=True, block=False, renderer="hours"),
    Kind("directory", takes_id=False, block=True, renderer="directory"),
    Kind("site-contact", takes_id=False, block=True, renderer="site_contact_block"),
)}
KINDS = tuple(REGISTRY)
TAKES_ID = {name for name, kind in REGISTRY.items() if kind.takes_id}
BLOCKS = {name for name, kind in REGISTRY.items() if kind.block}
INLINE = {name for name, kind in REGISTRY.items() if not kind.block}

# Any comment shaped like a marker, so that a misspelt, mis-cased or colon-less name
# (`<!-- Phone: id -->`, `<!-- phone id -->`, `<!-- directroy -->`) is caught rather than hidden.
MARKER = re.compile(r"<!--\s*([A-Za-z][A-Za-z-]*)\s*(?::\s*([^>]*?)|\s+([^>]*?))?\s*-->")
FENCE = re.compile(r"^\s{0,3}(```+|~~~+)")


@dataclass(frozen=True)
class Marker:
    kind: str
    args: tuple[str, ...]
    line: int  # 1-based line in the source; 0 when found in HTML
    text: str
    alone: bool = True  # nothing else on its line
    colon: bool = True  # the name is followed by ":" when it has arguments (as it must be)

    @property
    def well_formed(self) -> bool:
        return self.kind in KINDS and (self.colon or not self.args)

    @property
    def contact_id(self) -> str | None:
        return self.args[0] if self.kind in TAKES_ID and self.args else None

    @property
    def label(self) -> str | None:
        return self.args[1] if self.kind == "phone" and len(self.args) > 1 else None


def _parse(match: re.Match, line: int, alone: bool = True) -> Marker | None:
    kind = match.group(1)
    args = (match.group(2) if match.group(2) is not None else match.group(3) or "").split()
    if kind not in KINDS and not difflib.get_close_matches(kind.lower(), KINDS, n=1, cutoff=0.8):
        return None  # an ordinary comment
    return Marker(kind, tuple(args), line, match.group(0), alone, colon=match.group(3) is None)


OPENING = re.compile(r"<!--\s*([A-Za-z][A-Za-z-]*)?")


def unclosed(text: str) -> list[tuple[int, str, bool]]:
    """Comments that are not closed where they should be, as (line, what was written, is a marker):
    a marker left open on its line (it would show as text or swallow what follows), and a
    comment never closed before the end of the page or before the next comment opens (the first
    `-->` closes it: everything in between, a marker's card included, would vanish)."""
    if "<!--" not in text:
        return []
    lines = text.splitlines()
    found = []
    for number, line in outside_fences(lines):
        for match in OPENING.finditer(line):
            if "-->" in line[match.end():]:
                continue
            name = match.group(1) or ""
            written = line[match.start():].strip()
            if name in KINDS or difflib.get_close_matches(name.lower(), KINDS, n=1, cutoff=0.8):
                found.append((number, written, True))
            else:
                rest = "\n".join([line[match.end():], *lines[number:]])
                closing = rest.find("-->")
                if closing < 0 or "<!--" in rest[:closing]:
                    found.append((number, written, False))
    return found


def outside_fences(lines: list[str]):
    """(line number, line) for each line that is not fenced code (examples of syntax)."""
    fence: str | None = None
    for number, line in enumerate(lines, start=1):
        opening = FENCE.match(line)
        if opening:
            if fence is None:
                fence = opening.group(1)[0] * 3
            elif opening.group(1).startswith(fence):
                fence = None
            continue
        if fence is None:
            yield number, line


def in_source(text: str) -> list[Marker]:
    """Markers in Markdown source with their lines, skipping fenced code."""
    return list(_in_source(text))


@lru_cache(maxsize=64)  # a page is read for markers by several checks
def _in_source(text: str) -> tuple[Marker, ...]:
    if "<!--" not in text:
        return ()
    found: list[Marker] = []
    for number, line in outside_fences(text.splitlines()):
        if "<!--" not in line:
            continue
        alone = lambda match: line.strip() == match.group(0)  # noqa: E731
        found.extend(m for m in (_parse(match, number, alone(match)) for match in MARKER.finditer(line)) if m)
    return tuple(found)


def replace_inline_in_source(text: str, render) -> str:
    """Replace inline markers (phone, hours) in Markdown source by `render(marker)`.

    Done before Markdown runs: a comment that starts a line is a raw-HTML block to Markdown,
    which would cut it out of its sentence. Rendered as inline HTML it stays in the paragraph.
    Lines keep their numbers; fenced code is left alone.
    """
    lines = text.splitlines(keepends=True)

    def swap(match: re.Match, number: int) -> str:
        marker = _parse(match, number)
        if marker is None or marker.kind not in INLINE or not marker.well_formed:
            return match.group(0)
        result = render(marker)
        return match.group(0) if result is None else result

    for number, line in outside_fences(lines):
        lines[number - 1] = MARKER.sub(lambda match: swap(match, number), line)
    return "".join(lines)


def replace_in_html(html: str, render) -> str:
    """Replace each marker in rendered HTML by `render(marker)` (None keeps the comment)."""
    def swap(match: re.Match) -> str:
        marker = _parse(match, 0)
        if marker is None or not marker.well_formed:
            return match.group(0)
        result = render(marker)
        return match.group(0) if result is None else result

    return MARKER.sub(swap, html)
