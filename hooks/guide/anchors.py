"""The ids in rendered HTML: what a link's #anchor may name (the link checks and the redirects)."""

from __future__ import annotations

import re

# An id attribute. Starting with the word itself (not \b) lets the regex engine jump between
# occurrences; the word boundary is checked after it (`valid="..."` is no id).
ID_ATTRIBUTE = re.compile(r"""id(?<=\bid)\s*=\s*["']([^"']+)["']""")


def anchor_ids(html: str) -> frozenset[str]:
    """The ids in rendered HTML."""
    return frozenset(ID_ATTRIBUTE.findall(html))
