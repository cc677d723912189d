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
