"""Adjust Material's built JavaScript bundle, so a reader's browser asks nothing it should not.

- Material can fetch two scripts from unpkg.com: a ResizeObserver polyfill (only on browsers from
  before 2020) and Mermaid (only on pages with a diagram, which this guide does not use). Either
  would tell another host who reads the guide: the addresses become an empty inline script, so no
  request is made; on such an old browser the page still reads as plain HTML.
- For each `<link rel="alternate" hreflang>` in a page's head, Material fetches `sitemap.xml` next
  to the alternate page to "stay on the page" when switching language. With one page per language
  (mkdocs-static-i18n) those files do not exist: three 404s on every page. The switcher's links
  already lead to the same page in the other language, so the fetch is switched off.
"""

from __future__ import annotations

import re
from pathlib import Path

# iframe-worker (MIT), which Material's offline plugin would fetch from unpkg.com, kept in the theme.
LOCAL_WORKER_SHIM = "assets/guide/vendor/iframe-worker-1.0.4.js"
REMOTE_SCRIPT = re.compile(r"https://unpkg\.com/[^\"'`\s)]*")
EMPTY_SCRIPT = "data:text/javascript,"
ALTERNATE_SITEMAPS = '"link[rel=alternate]"'
NO_ELEMENT = '"link[rel=alternate][data-guide-never]"'


def adjust(text: str) -> str:
    return REMOTE_SCRIPT.sub(EMPTY_SCRIPT, text).replace(ALTERNATE_SITEMAPS, NO_ELEMENT)


def adjust_bundles(site_dir: Path) -> list[Path]:
    """Rewrite Material's bundle in `site_dir`; return the files changed."""
    changed = []
    for bundle in site_dir.glob("assets/javascripts/bundle.*.js"):
        text = bundle.read_text(encoding="utf-8")
        adjusted = adjust(text)
        if adjusted != text:  # written only when it changes: no rebuild loops under `mkdocs serve`
            bundle.write_text(adjusted, encoding="utf-8")
            changed.append(bundle)
    return changed
