"""The words the build writes into pages, in the page's language.

The generator's words are in hooks/guide/strings/<locale>.yml; a guide's own folder (the plugin's
`strings_dir`, default `strings/` beside mkdocs.yml) can add a language or change a word without
touching the package. A key is looked up in the guide's file for the language, then the package's,
then in English (the guide's en.yml, then the package's), so a half-translated language still
builds; `StringsBook.missing_keys` lists what is left to do.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
from pathlib import Path

from guide.problems import Problem
from guide.yaml_lines import YamlError, safe_load

PACKAGE_STRINGS = Path(__file__).parent / "strings"
DEFAULT_LOCALE = "en"


class StringsError(Exception):
    """A guide's strings file that cannot be read: the file, the line and the fix."""

    def __init__(self, problem: Problem):
        super().__init__(str(problem))
        self.problem = problem


def _read(path: Path, shown: str) -> dict:
    """One strings file as a mapping ({} when there is none)."""
    if not path.is_file():
        return {}
    try:
        data = safe_load(path.read_text(encoding="utf-8"))
    except YamlError as error:
        raise StringsError(Problem(shown, error.problems[0].line, error.problems[0].with_fix)) from None
    except (OSError, UnicodeDecodeError) as error:
        raise StringsError(Problem(shown, 1, f"cannot be read ({error}). Fix: save it as UTF-8 text")) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise StringsError(Problem(shown, 1, "is not a list of `key: words` lines. Fix: write each word as "
                                   "en.yml does, for example `free_to_call: Free to call`"))
    return data


class StringsBook:
    """The strings files of one build: the guide's folder (None: the package's words only) over
    the package's. Each file is read once, when a language first needs it."""

    def __init__(self, folder: Path | None = None, root: Path | None = None):
        self.folder = folder
        self._root = root  # messages name the guide's files from mkdocs.yml's folder
        self._words: dict[str, dict] = {}
        self._strings: dict[str, Strings] = {}

    def _shown(self, path: Path) -> str:
        return os.path.relpath(path, self._root) if self._root else str(path)

    def own_words(self, locale: str) -> dict:
        """The language's words without English: the guide's over the package's. A block of words
        (phone_labels:, nations:) the guide gives in part keeps the package's other words."""
        if locale not in self._words:
            try:
                package = _read(PACKAGE_STRINGS / f"{locale}.yml", str(PACKAGE_STRINGS / f"{locale}.yml"))
            except StringsError as error:  # the generator's own file: a mistake in a change to it
                raise ValueError(str(error)) from None
            words = dict(package)
            if self.folder is not None:
                path = self.folder / f"{locale}.yml"
                for key, value in _read(path, self._shown(path)).items():
                    base = words.get(key)
                    words[key] = {**base, **value} if isinstance(base, dict) and isinstance(value, dict) else value
            self._words[locale] = words
        return self._words[locale]

    def check(self, locales: list[str]) -> None:
        """Read the languages' files now (StringsError): a bad file stops the build before any page."""
        for locale in [DEFAULT_LOCALE, *locales]:
            self.own_words(locale)

    def strings(self, locale: str = DEFAULT_LOCALE) -> "Strings":
        if locale not in self._strings:
            self._strings[locale] = Strings(locale, self.own_words(locale), self.own_words(DEFAULT_LOCALE))
        return self._strings[locale]

    def missing_keys(self, locale: str) -> list[str]:
        return sorted(set(self.own_words(DEFAULT_LOCALE)) - set(self.own_words(locale)))


HEAD_ALTERNATE = re.compile(r'(<link rel="alternate" href=")([^"]*)(" hreflang=")')


def absolute_alternates(html: str, page_url: str) -> str:
    """The <head>'s hreflang links as full addresses (`page_url` is the page's own, absolute)."""
    from urllib.parse import urljoin
    return HEAD_ALTERNATE.sub(lambda m: m.group(1) + urljoin(page_url, m.group(2)) + m.group(3), html)


class Strings:
    """Look up words for one locale: `t("free_to_call")`, `t("last_checked", date=...)`
    (made by `StringsBook.strings`)."""

    def __init__(self, locale: str, own: dict, fallback: dict):
        self.locale = locale
        self._own = own
        self._fallback = fallback

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


def page_files(docs: Path, locales: list[str]):
    """Every page under docs/ as MkDocs finds it (not in dot folders), in path order: (the file,
    its src_uri, the English page it translates, its language). `locales`: the default first."""
    default = locales[0] if locales else DEFAULT_LOCALE
    for path in sorted(Path(docs).rglob("*.md")):
        src = path.relative_to(docs).as_posix()
        if any(part.startswith(".") for part in src.split("/")):
            continue  # as MkDocs skips them
        locale = next((loc for loc in locales if src.endswith(f".{loc}.md")), default)
        yield path, src, source_path(src, locales), locale


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
#       source: 3f2a9c1b7d4e        # set by `guide status -- --write`
#       reviewed: false             # true once a fluent speaker has checked it

CURRENT, OUTDATED, UNREVIEWED, MISSING = "current", "outdated", "unreviewed", "missing"


FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n.*?\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.DOTALL)


def source_version(english_text: str) -> str:
    """A short fingerprint of an English page's content: what a translation translates. The front
    matter is left out, so that a new review date or source list does not make every
    translation outdated. (A title or description changed alone does not either: re-record the
    translations by hand with `guide status -- --write` when that matters.)"""
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
