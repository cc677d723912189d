"""The words the build writes into pages, in the page's language.

Strings live in hooks/guide/strings/<locale>.yml. A key missing from a language falls back to
English, so a half-translated language still builds; `missing_keys` lists what is left to do.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from pathlib import Path

import yaml

STRINGS_DIR = Path(__file__).parent / "strings"
DEFAULT_LOCALE = "en"


@lru_cache(maxsize=None)
def _load(locale: str) -> dict:
    path = STRINGS_DIR / f"{locale}.yml"
    if not path.exists():
        return {}
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


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
        if self.raw("clock") == "24h":
            return f"{value:%H:%M}"
        hour = value.hour % 12 or 12
        suffix = self("am") if value.hour < 12 else self("pm")
        return f"{hour}{suffix}" if value.minute == 0 else f"{hour}:{value:%M}{suffix}"


def missing_keys(locale: str) -> list[str]:
    return sorted(set(_load(DEFAULT_LOCALE)) - set(_load(locale)))


def keep_404_per_language(site_dir: Path, locale: str, default: str, saved: dict[str, bytes]) -> None:
    """Give every language its own 404 page.

    mkdocs-static-i18n builds each language into the same site folder, and the theme writes
    `404.html` at the root each time, so the last language built would win. After each build:
    the default language's page is remembered; another language's is moved to `<locale>/404.html`
    and the default one put back. (The theme writes the 404 page with root-absolute links, so it
    works from any folder.)
    """
    root_page = site_dir / "404.html"
    if not root_page.exists():
        return
    if locale == default:
        saved[str(site_dir)] = root_page.read_bytes()
        return
    target = site_dir / locale / "404.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(root_page.read_bytes())
    if str(site_dir) in saved:
        root_page.write_bytes(saved[str(site_dir)])


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
