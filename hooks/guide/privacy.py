"""Keep every request on the site's own host.

Material's JavaScript bundle can fetch two scripts from unpkg.com: a ResizeObserver polyfill
(only on browsers from before 2020) and Mermaid (only on pages with a diagram, which this guide
does not use). Either would tell another host who reads the guide, so the built bundle's remote
addresses are replaced by an empty inline script: no request is made; on such an old browser
the page still reads as plain HTML.
"""

from __future__ import annotations

import re
from pathlib import Path

REMOTE_SCRIPT = re.compile(r"https://unpkg\.com/[^\"'`\s)]*")
EMPTY_SCRIPT = "data:text/javascript,"


def strip_remote_scripts(text: str) -> str:
    return REMOTE_SCRIPT.sub(EMPTY_SCRIPT, text)


def keep_bundles_local(site_dir: Path) -> list[Path]:
    """Rewrite Material's bundles under `site_dir`; return the files changed."""
    changed = []
    for bundle in site_dir.glob("**/assets/javascripts/bundle.*.js"):
        text = bundle.read_text(encoding="utf-8")
        local = strip_remote_scripts(text)
        if local != text:  # written only when it changes: no rebuild loops under `mkdocs serve`
            bundle.write_text(local, encoding="utf-8")
            changed.append(bundle)
    return changed
