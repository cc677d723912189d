"""The words the build writes into pages, in the page's language.

Strings live in hooks/guide/strings/<locale>.yml. A key missing from a language falls back to
English, so a half-translated language still builds; `missing_keys` lists what is left to do.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from functools import lru_cache
from pathlib import Path

from guide.yaml_lines import YamlError, safe_load

STRINGS_DIR = Path(__file__).parent / "strings"
DEFAULT_LOCALE = "en"


@lru_cache(maxsize=None)
def _load(locale: str) -> dict:
    path = STRINGS_DIR / f"{locale}.yml"
    if not path.exists():
        return {}
    try:
        return safe_load(path.read_text(encoding="utf-8")) or {}
    except YamlError as error:  # the generator's own file: a mistake in a change to it
        raise ValueError(f"{path}:{error.problems[0].line}: {error.problems[0].message}") from None


HEAD_ALTERNATE = re.compile(r'(<link rel="alternate" href=")([^"]*)(" hreflang=")')


def absolute_alternates(html: str, page_url: str) -> str:
    """The <head>'s hreflang links as full addresses (`page_url` is the page's own, absolute)."""
    from urllib.parse import urljoin
    return HEAD_ALTERNATE.sub(lambda m: m.group(1) + urljoin(page_url, m.group(2)) + m.group(3), html)


def reload_strings() -> None:
    """Read the strings files again (a new build under `mkdocs serve`: they may have been edited)."""
    _load.cache_clear()


class Strings:
    """Look up words for one locale: `t("free_to_call")`, `t("last_checked", date=...)`."""

    def __init__(self, locale: str = DEFAULT_LOCALE):
        self.locale = locale
        self._own = _load(locale)
        self._fallback = _load(DEFAULT_LOCALE)

    def raw(self, key: str):
        return self._own[key] if key in self._own else self._fallback[key]

    def __call__(self, key: str, **values: object) -> str:
        text = self.raw(key)
        return text.format(**values) if values else text

    def date(self, value: dt.date) -> str:
        return self("date", day=value.day, month=self.raw("months")[value.month - 1], year=value.year)

    def time(self, value: dt.time) -> str:
        if value == dt.time.max:  # "24:00" in the contacts file
            return self("midnight")
        if self.raw("clock") == "24h":
            return f"{value:%H:%M}"
        hour = value.hour % 12 or 12
        suffix = self("am") if value.hour < 12 else self("pm")
        return f"{hour}{suffix}" if value.minute == 0 else f"{hour}:{value:%M}{suffix}"


def missing_keys(locale: str) -> list[str]:
    return sorted(set(_load(DEFAULT_LOCALE)) - set(_load(locale)))


def keep_404_per_language(site_dir: Path, locale: str, default: str, default_page: bytes | None) -> None:
    """Give every language its own 404 page.

    mkdocs-static-i18n builds each language into the same site folder and the theme writes
    `404.html` at the root each time, so the last language built would win. After another
    language's build its page is moved to `<locale>/404.html`; after the default language's (the
    last to finish) the default page, kept when the theme rendered it, is put back at the root.
    (The theme writes the 404 page with root-absolute links, so it works from any folder.)
    """
    root_page = site_dir / "404.html"
    if locale == default:
        if default_page is not None:
            root_page.write_bytes(default_page)
        return
    if root_page.exists():
        target = site_dir / locale / "404.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(root_page.read_bytes())


def source_path(src_uri: str, locales: list[str]) -> str:
    """The page a file translates, as links name it: `faq.cy.md` -> `faq.md` (suffix layout)."""
    for locale in locales:
        suffix = f".{locale}.md"
        if src_uri.endswith(suffix):
            return src_uri[: -len(suffix)] + ".md"
    return src_uri


def site_locales(config) -> list[str]:
    """Every language of the site (mkdocs-static-i18n's `languages`), the default first."""
    plugin = config.plugins.get("i18n")
    if plugin is None:
        return [config.theme.get("language") or DEFAULT_LOCALE]
    return list(plugin.all_languages)


# --- Translation status ----------------------------------------------------------------------
# A translation records, in its front matter, which version of its English page it translates
# and whether a fluent speaker has checked it:
#
#     translation:
#       source: 3f2a9c1b7d4e        # set by `scripts/translation_status.py --write`
#       reviewed: false             # true once a fluent speaker has checked it

CURRENT, OUTDATED, UNREVIEWED, MISSING = "current", "outdated", "unreviewed", "missing"


FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n.*?\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.DOTALL)


def source_version(english_text: str) -> str:
    """A short fingerprint of an English page's content: what a translation translates. The front
    matter is left out, so that a new review date or source list does not make every
    translation outdated. (A title or description changed alone does not either: re-record the
    translations by hand with translation_status.py --write when that matters.)"""
    body = FRONT_MATTER.sub("", english_text, count=1)
    return hashlib.sha256(body.encode("utf-8")).hexdigest()[:12]


def translation_state(english_text: str, meta: dict) -> str:
    record = meta.get("translation") if isinstance(meta.get("translation"), dict) else {}
    if str(record.get("source", "")) != source_version(english_text):
        return OUTDATED
    return CURRENT if record.get("reviewed") is True else UNREVIEWED


def site_relative(link: str) -> str:
    """A root-absolute link ("/cy/") as a link from the site's root ("cy/"), which the theme's
    `url` filter then makes relative to each page: the site also works under a sub-path (a
    GitHub Pages project site). Other links are returned as they are."""
    if not link.startswith("/") or link.startswith("//"):
        return link
    return link.lstrip("/") or "./"
