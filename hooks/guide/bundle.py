"""Adjust Material's built JavaScript bundle, so a reader's browser asks nothing it should not.

- Material can fetch two scripts from unpkg.com: a ResizeObserver polyfill (only on browsers from
  before 2020) and Mermaid (only on pages with a diagram, which this guide does not use). Either
  would tell another host who reads the guide: the addresses become an empty inline script, so no
  request is made; on such an old browser the page still reads as plain HTML.
- For each `<link rel="alternate" hreflang>` in a page's head, Material fetches `sitemap.xml` next
  to the alternate page to "stay on the page" when switching language. With one page per language
  (mkdocs-static-i18n) those files do not exist: three 404s on every page. The switcher's links
  already lead to the same page in the other language, so the fetch is switched off.

The bundle is replaced among the build's files (on_files), before anything is written. If a new
Material release no longer has what is replaced, the build stops and says so: a silent miss would
let readers' browsers ask unpkg.com again.
"""

from __future__ import annotations

import re

# iframe-worker (MIT), which Material's offline plugin would fetch from unpkg.com, kept in the theme.
LOCAL_WORKER_SHIM = "assets/guide/vendor/iframe-worker-1.0.4.js"
REMOTE_SCRIPT = re.compile(r"https://unpkg\.com/[^\"'`\s)]*")
EMPTY_SCRIPT = "data:text/javascript,"
ALTERNATE_SITEMAPS = '"link[rel=alternate]"'
NO_ELEMENT = '"link[rel=alternate][data-guide-never]"'


BUNDLE = re.compile(r"assets/javascripts/bundle\.[0-9a-f]+\.min\.js")
# What Material 9.8's bundle has, and what is replaced in it: (what, how it is found, how many).
EXPECTED = (("the polyfill and Mermaid addresses on unpkg.com", REMOTE_SCRIPT, 2),
            ("the sitemap fetch for each language", re.compile(re.escape(ALTERNATE_SITEMAPS)), 1))


class BundleChanged(Exception):
    """Material's bundle no longer has what the generator replaces in it."""


def adjust(text: str) -> str:
    return REMOTE_SCRIPT.sub(EMPTY_SCRIPT, text).replace(ALTERNATE_SITEMAPS, NO_ELEMENT)


def missing(text: str) -> list[str]:
    """What the bundle should have and does not (a Material release that changed it)."""
    return [f"{what} (found {len(pattern.findall(text))}, expected {count})"
            for what, pattern, count in EXPECTED if len(pattern.findall(text)) != count]


def adjusted_files(files, config) -> list[str]:
    """Material's bundle among the build's `files`, replaced by the adjusted one (the same name);
    return the names replaced. BundleChanged names what is missing."""
    from mkdocs.structure.files import File
    replaced = []
    for file in [f for f in files if BUNDLE.fullmatch(f.src_uri)]:
        text = file.content_string
        lacking = missing(text)
        if lacking:
            raise BundleChanged(f"Material's script {file.src_uri} has changed: it no longer has "
                                + "; ".join(lacking) + ". Fix: update hooks/guide/bundle.py for this Material "
                                "release (or pin the release it was written for, mkdocs-material==9.8.2)")
        adjusted = File(file.src_uri, src_dir=None, dest_dir=config.site_dir,
                        use_directory_urls=config.use_directory_urls)
        adjusted.content_string = adjust(text)  # written from memory, under the same name
        files.remove(file)
        files.append(adjusted)
        replaced.append(file.src_uri)
    return replaced
