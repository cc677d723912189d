"""Add a language to the guide: mkdocs.yml, the theme's words, the build's words, and a to-do list.

    guide add-language ps                     add Pashto (name and direction from CLDR)
    guide add-language pt-BR -- --dry-run     show what would change; write nothing
    guide add-language sh -- --name "Srpskohrvatski"   a code CLDR does not name
    guide add-language ps -f other/mkdocs.yml

LOCALE is a two-letter ISO 639-1 code, optionally with a script and a region (`so`, `pt-BR`,
`zh-Hant`): what mkdocs-static-i18n 1.3.1 accepts, written the BCP 47 way (`pt-BR`, not `pt_BR`)
because it becomes the pages' `lang` attribute.

What it does:
  - mkdocs.yml: adds the language under `plugins: - i18n: languages:` by inserting lines (every
    other line, comment and !ENV tag stays as it was), with its `name` in its own script,
    `build: true`, and `site_name`, `site_description` and `nav_translations` copied from English
    for you to translate.
  - Material's interface words (search box, "Skip to content"...): Material ships them for many
    languages. When it has none for LOCALE, creates <custom_dir>/partials/languages/LOCALE.html
    (the build stops without it) with the language's code and text direction (right to left for
    Arabic script, Hebrew...), from Material's English words, to translate; or, for a regional
    variant such as de-AT, from Material's words for the language (de), to check.
  - The build's own words (LOCALE.yml in the guide's strings_dir, `strings/` beside mkdocs.yml
    unless the guide plugin's `strings_dir` names another folder; the installed package is never
    written to): created with every key of the guide's English words commented out, when neither
    the guide nor the package has the language's words. A key left commented out is written in
    English, and counts as missing (guide.i18n `StringsBook.missing_keys`); uncomment a key and
    translate it.
  - Prints every page to translate, with the file its translation goes in, and what to run next.
    Until a page is translated, the language shows the English page with a notice.

Exit status: 0 added (or --dry-run showed it), 1 a problem (bad or existing locale, mkdocs.yml not
as expected; nothing was written), 2 usage.
"""

from __future__ import annotations

import argparse
import difflib
import importlib.util
import os
import re
import sys
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from guide import i18n, settings
from guide.translation_status import english_pages, translation_of  # one idea of "a page"
from guide.yaml_lines import mapping_value

try:  # the locale pattern mkdocs-static-i18n validates `locale:` with, so the two never disagree
    from mkdocs_static_i18n.config import RE_LOCALE
except ImportError:  # pragma: no cover
    RE_LOCALE = re.compile(r"(^[a-z]{2}(-[A-Za-z]{4})?(-[A-Z]{2})?$)|(^[a-z]{2}_[A-Z]{2}$)")

try:  # CLDR through babel (installed with mkdocs-material): native names and writing direction
    from babel import Locale, UnknownLocaleError
except ImportError:  # pragma: no cover
    Locale = None

ENGLISH = "en"  # the build's words fall back to English (guide.i18n), whatever the default

# Withdrawn ISO 639 codes that CLDR still maps, and codes mkdocs-static-i18n cannot take (three
# letters) that have a two-letter form the theme knows.
REPLACED = {"iw": "he", "in": "id", "ji": "yi", "mo": "ro", "ckb": "ku-IQ", "fil": "tl"}
# Codes CLDR knows under another code (Material's ku-IQ is Central Kurdish, CLDR's ckb).
CLDR_CODE = {"ku-IQ": "ckb", "tl": "fil"}


class Problem(Exception):
    """Something to fix before the language can be added; nothing has been written."""


# --- the locale ------------------------------------------------------------------------------

def normalise(raw: str) -> str:
    """`PT_br` -> `pt-BR`, `zh-hant` -> `zh-Hant`: BCP 47 letter case, hyphens."""
    parts = raw.strip().replace("_", "-").split("-")
    out = [parts[0].lower()]
    for part in parts[1:]:
        out.append(part.title() if len(part) == 4 else part.upper() if len(part) == 2 else part)
    return "-".join(out)


def check_locale(raw: str) -> str:
    locale = normalise(raw)
    language = locale.split("-")[0]
    if locale in REPLACED or language in REPLACED:
        better = REPLACED.get(locale) or REPLACED[language]
        reason = (f"'{raw}': mkdocs-static-i18n 1.3.1 accepts only two-letter language codes"
                  if len(language) == 3 else f"'{raw}' is a withdrawn ISO 639 code")
        raise Problem(f"{reason}. Fix: use '{better}' (guide add-language {better})")
    if not re.fullmatch(r"[a-z]{2}(-[A-Z][a-z]{3})?(-[A-Z]{2})?", locale) or not RE_LOCALE.match(locale):
        if re.fullmatch(r"[a-z]{3}(-.*)?", locale):
            hint = (f"'{language}' has three letters, and mkdocs-static-i18n 1.3.1 accepts only the "
                    "two-letter ISO 639-1 codes; a language without one cannot be added")
        else:
            hint = "expected a two-letter ISO 639-1 code, optionally with a script and a region"
        raise Problem(f"'{raw}' is not a language code the guide can use: {hint} (for example so, "
                      "pt-BR, zh-Hant). Fix: look the language up in ISO 639-1 "
                      "(https://www.loc.gov/standards/iso639-2/php/code_list.php)")
    return locale


def cldr(locale: str):
    """CLDR's data for the locale, or None when babel does not know it (or knows it as another)."""
    if Locale is None:
        return None
    code = CLDR_CODE.get(locale, locale)
    try:
        found = Locale.parse(code, sep="-")
    except (UnknownLocaleError, ValueError):
        return None
    # An alias (tw -> ak_GH, tl -> fil_PH) names another language: do not guess from it.
    return found if found.language == code.split("-")[0] else None


def native_name(locale: str) -> str | None:
    data = cldr(locale)
    if data is None:
        return None
    name = data.get_display_name(data)
    return name[:1].upper() + name[1:] if name else None


def english_name(locale: str) -> str:
    data = cldr(locale)
    return data.get_display_name("en") if data is not None else locale


# --- the theme -------------------------------------------------------------------------------

def material_languages() -> Path | None:
    spec = importlib.util.find_spec("material")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(list(spec.submodule_search_locations)[0]) / "templates" / "partials" / "languages"


def theme_direction(partial: Path) -> str:
    found = re.search(r'"direction":\s*"(rtl|ltr)"', partial.read_text(encoding="utf-8"))
    return found.group(1) if found else "ltr"  # Material falls back to en.html's "ltr"


def theme_partial(source: str, base: str, locale: str, name: str, direction: str) -> str:
    """Material's words for `base` (a language's own, or English) with the new code and direction."""
    if base == "en":
        note = textwrap.dedent("""\
            NOT TRANSLATED YET: every value below is Material's English (partials/languages/en.html).
            Translate each value; keep the keys, "language", "direction" and the "search.config" lines.
            When every value is translated, delete these three lines.""")
    else:
        note = textwrap.dedent(f"""\
            Copied from Material's {base} words (partials/languages/{base}.html), with the code {locale}:
            check them for {locale}.""")
    header = (f"{{#-\n  {name} ({locale}): Material's interface words (search box, \"Skip to content\",\n"
              f"  \"Back to top\"...). Material {material_version()} has no partials/languages/{locale}.html, and\n"
              "  the build stops without this file. Made by `guide add-language`.\n"
              + textwrap.indent(note, "  ") + "\n-#}\n")
    body = re.sub(r"\A\{#-.*?-#\}\n", "", source, flags=re.S)
    body, languages = re.subn(r'"language":\s*"[^"]*",?', f'"language": "{locale}",', body, count=1)
    if not languages:
        raise Problem(f"Material's partials/languages/{base}.html has no \"language\" (not as expected). "
                      "Fix: write the theme file by hand, as overrides/partials/languages/so.html is written")
    body, directions = re.subn(r'"direction":\s*"[^"]*"', f'"direction": "{direction}"', body, count=1)
    if not directions:
        body = body.replace(f'"language": "{locale}",', f'"language": "{locale}",\n  "direction": "{direction}",', 1)
    return header + body


def material_version() -> str:
    try:
        from importlib.metadata import version
        return version("mkdocs-material")
    except Exception:  # pragma: no cover
        return ""


# --- the build's words -----------------------------------------------------------------------

def strings_template(english_yaml: str, locale: str, name: str) -> str:
    """en.yml with every key commented out, under a header that says what to do."""
    lines = english_yaml.splitlines()
    while lines and (not lines[0].strip() or lines[0].lstrip().startswith("#")):
        lines.pop(0)  # en.yml's own header
    body = [line if not line.strip() or line.lstrip().startswith("#") else "#" + line for line in lines]
    header = [
        f"# Words the build writes into pages (contact cards, opening hours, banners, the exit button), in {name}.",
        "# Made by `guide add-language` from en.yml. NOT TRANSLATED YET: every key is commented out, so",
        "# the build writes it in English and counts it as missing (guide.i18n StringsBook.missing_keys).",
        "# To translate a key, delete the # in front of it (for a block such as call_cost: or phone_labels:,",
        f"# in front of each of its lines) and write the words in {name}. Keep {{placeholders}} such as",
        "# {date} as they are.",
    ]
    return "\n".join(header + body) + "\n"


def strings_folder(config: dict, root: Path) -> Path | None:
    """The guide's own folder of the build's words (its strings_dir), for a guide that uses the
    guide plugin; None for one that does not."""
    if "guide" not in [next(iter(p)) if isinstance(p, dict) else p for p in config.get("plugins") or []]:
        return None
    return settings.guide_path(config, root, "strings_dir")


# --- mkdocs.yml ------------------------------------------------------------------------------

def yaml_text(value: str, key: bool = False) -> str:
    """A string as YAML: plain when it reads back the same, else double-quoted."""
    plain = f"{value}: x" if key else f"k: {value}"
    try:
        same = yaml.safe_load(plain) == ({value: "x"} if key else {"k": value})
    except yaml.YAMLError:
        same = False
    if same and value == value.strip() and "\n" not in value:
        return value
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def yaml_entry_lines(key: str, value: str, indent: int) -> list[str]:
    """`key: value`, as a folded block (>-) when the value is long, as the file's own descriptions are."""
    pad = " " * indent
    single = f"{pad}{key}: {yaml_text(value)}"
    if len(single) <= 100:
        return [single]
    wrapped = textwrap.wrap(value, width=max(40, 100 - indent - 2), break_long_words=False, break_on_hyphens=False)
    block = [f"{pad}{key}: >-", *(f"{pad}  {line}" for line in wrapped)]
    try:
        if yaml.safe_load("\n".join(line[indent:] for line in block)) == {key: value}:
            return block
    except yaml.YAMLError:
        pass
    return [single]


def nav_titles(nav) -> list[str]:
    """Every title under `nav:`, in order, once each (the keys nav_translations translates)."""
    titles: list[str] = []

    def walk(items):
        for item in items or []:
            if isinstance(item, dict):
                for title, value in item.items():
                    if isinstance(title, str) and title not in titles:
                        titles.append(title)
                    if isinstance(value, list):
                        walk(value)
    walk(nav if isinstance(nav, list) else [])
    return titles


def languages_node(text: str, config_name: str) -> yaml.SequenceNode:
    """The `languages:` list of the i18n plugin, as YAML nodes with their lines and columns."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"{config_name}:{mark.line + 1}" if mark else config_name
        raise Problem(f"{where}: not valid YAML ({getattr(error, 'problem', error)}). Fix it first") from None
    plugins = mapping_value(root, "plugins")
    i18n = None
    if isinstance(plugins, yaml.SequenceNode):
        for item in plugins.value:
            i18n = mapping_value(item, "i18n") or i18n
    elif isinstance(plugins, yaml.MappingNode):
        i18n = mapping_value(plugins, "i18n")
    languages = mapping_value(i18n, "languages")
    if languages is None:
        raise Problem(f"{config_name}: no `plugins: - i18n: languages:` list. Fix: set up mkdocs-static-i18n "
                      "first (README, \"Languages\"), with the default language's entry")
    if not isinstance(languages, yaml.SequenceNode) or languages.flow_style or not languages.value:
        raise Problem(f"{config_name}:{languages.start_mark.line + 1}: `languages:` is not a block list "
                      "(`- locale: en` on its own lines). Fix: write it as one, then run this again")
    return languages


def _last_line(node) -> int:
    """The last line (0-based) holding any text of a node."""
    line = node.end_mark.line if node.end_mark.column > 0 else node.end_mark.line - 1
    children = []
    if isinstance(node, yaml.MappingNode):
        children = [part for pair in node.value for part in pair]
    elif isinstance(node, yaml.SequenceNode):
        children = node.value
    return max([line if isinstance(node, yaml.ScalarNode) else -1, *(_last_line(c) for c in children)])


@dataclass
class Entry:
    locale: str
    name: str
    copied: dict = field(default_factory=dict)   # site_name, site_description, ... from English
    nav: dict = field(default_factory=dict)      # nav_translations, English title -> English title

    def as_dict(self) -> dict:
        data = {"locale": self.locale, "name": self.name, "build": True, **self.copied}
        if self.nav:
            data["nav_translations"] = dict(self.nav)
        return data


def entry_text(entry: Entry, dash: int, key: int, child: int) -> list[str]:
    pad = " " * key
    lines = [" " * dash + "-" + " " * (key - dash - 1) + f"locale: {yaml_text(entry.locale)}",
             f"{pad}name: {yaml_text(entry.name)}",
             f"{pad}build: true"]
    copied = [*entry.copied, *(["nav_translations"] if entry.nav else [])]
    if copied:
        lines.append(f"{pad}# Added by `guide add-language`, still in English: translate {', '.join(copied)}.")
    for name, value in entry.copied.items():
        lines += yaml_entry_lines(name, value, key)
    if entry.nav:
        lines.append(f"{pad}nav_translations:")
        lines += [f"{' ' * child}{yaml_text(title, key=True)}: {yaml_text(value)}"
                  for title, value in entry.nav.items()]
    return lines


def add_entry(text: str, entry: Entry, config_name: str) -> tuple[str, int, int]:
    """mkdocs.yml with the entry inserted after the last language; the inserted lines (1-based)."""
    node = languages_node(text, config_name)
    last = node.value[-1]
    dash, key = node.start_mark.column, last.start_mark.column
    child = key + 2
    for item in node.value:
        nav = mapping_value(item, "nav_translations")
        if isinstance(nav, yaml.MappingNode) and nav.value and not nav.flow_style:
            child = nav.value[0][0].start_mark.column
            break
    after = _last_line(last)
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = yaml_lines(text)
    if not lines[after].endswith(("\n", "\r")):
        lines[after] += newline
    new = [line + newline for line in entry_text(entry, dash, key, child)]
    return "".join(lines[: after + 1] + new + lines[after + 1:]), after + 2, after + 1 + len(new)


def yaml_lines(text: str) -> list[str]:
    """The lines of a YAML text, with their line breaks, as YAML counts them (not str.splitlines)."""
    lines = re.split(r"(?<=\r\n)|(?<=[\n\x85\u2028\u2029])|(?<=\r)(?!\n)", text)
    return lines[:-1] if lines and lines[-1] == "" else lines


def read_text(path: Path) -> str:
    """A file's text exactly as it is (no newline translation), so an edit changes only its lines."""
    return path.read_bytes().decode("utf-8")


def language_line(text: str, locale: str) -> int:
    found = re.search(rf"\blocale:\s*['\"]?{re.escape(locale)}['\"]?\s*(?:[,}}#]|$)", text, re.M)
    return text.count("\n", 0, found.start()) + 1 if found else 1


def validate_entry(new_text: str, old_languages: list, entry: Entry, config_name: str) -> None:
    """The edited file reads back as before plus exactly the new language, which static-i18n accepts."""
    config = yaml.load(new_text, Loader=settings._Loader) or {}
    languages = settings.i18n_settings(config).get("languages") or []
    if languages != [*old_languages, entry.as_dict()]:
        raise Problem(f"{config_name}: the edited file would not read back as expected (a bug in this "
                      "script; nothing was written). Fix: add the language by hand (README, \"Languages\")")
    try:
        from mkdocs_static_i18n.config import I18nPluginLanguage
    except ImportError:  # pragma: no cover
        return
    checked = I18nPluginLanguage()
    checked.load_dict(entry.as_dict())
    failed, _ = checked.validate()
    if failed:
        raise Problem(f"{config_name}: mkdocs-static-i18n would reject the new entry: "
                      + "; ".join(f"{key}: {error}" for key, error in failed))


# --- the plan --------------------------------------------------------------------------------

@dataclass
class Plan:
    config_file: Path
    config_shown: str   # as the user named it (relative to the working folder when inside it)
    root: Path
    locale: str
    name: str
    direction: str
    new_config: str
    inserted: tuple[int, int]
    entry: Entry
    creates: dict[Path, str] = field(default_factory=dict)
    theme_note: str = ""                        # what happened to Material's interface words
    notes: list[str] = field(default_factory=list)
    pages: list[tuple[Path, Path, bool]] = field(default_factory=list)   # English, translation, exists
    strings_file: Path | None = None
    strings_missing: int = 0
    strings_total: int = 0
    fallback: bool = True                       # an untranslated page is built in English
    contacts_file: Path | None = None

    def shown(self, path: Path) -> str:
        return os.path.relpath(path, self.root)


def plan(raw_locale: str, config_file: Path, name: str | None, direction: str | None) -> Plan:
    config_file = config_file.resolve()
    root = config_file.parent
    shown = os.path.relpath(config_file, Path.cwd()) if config_file.is_relative_to(Path.cwd()) else str(config_file)
    text = read_text(config_file)
    config = settings.read_config(config_file)
    locale = check_locale(raw_locale)
    default, others = settings.languages(config)
    existing = {normalise(code): code for code in [default, *others] if isinstance(code, str)}
    if locale in existing:
        line = language_line(text, existing[locale])
        raise Problem(f"{shown}:{line}: '{existing[locale]}' is already a language of this guide; nothing was "
                      "changed. Fix: nothing to do. To start again, delete its entry, then run this again")

    languages_node(text, shown)  # the list exists and is a block list, before anything else is checked
    old_languages = settings.i18n_settings(config).get("languages") or []
    if name is not None and not name.strip():
        raise Problem("--name is empty. Fix: give the language's name in its own language and script")
    name = name.strip() if name else native_name(locale)
    if not name:
        raise Problem(f"'{locale}': CLDR (babel) does not name this language, so its name cannot be "
                      "guessed. Fix: check the code; if it is right, give the language's name in its own "
                      f"language and script: --name \"...\" (and --dir rtl if it is written right to left)")

    # Material's interface words, and the direction the theme will write on <body dir>.
    theme = config.get("theme") or {}
    theme = {"name": theme} if isinstance(theme, str) else theme
    material = material_languages() if theme.get("name") == "material" else None
    creates: dict[Path, str] = {}
    notes: list[str] = []
    theme_note = ""
    cldr_direction = None
    data = cldr(locale)
    if data is not None:
        cldr_direction = "rtl" if data.character_order == "right-to-left" else "ltr"
    custom_dir = theme.get("custom_dir")
    own_partial = (root / custom_dir / "partials" / "languages" / f"{locale}.html"
                   if isinstance(custom_dir, str) else None)
    if material is None:
        final_direction = direction or cldr_direction or "ltr"
        theme_note = f"theme: {theme.get('name')!r} is not Material; its interface words are not handled here."
    elif own_partial is not None and own_partial.exists():
        final_direction = theme_direction(own_partial)
        if direction and direction != final_direction:
            raise Problem(f"{os.path.relpath(own_partial, root)}: says \"direction\": \"{final_direction}\", "
                          f"not {direction}. Fix: change it there, or leave out --dir")
        theme_note = (f"{os.path.relpath(own_partial, root)}: exists already (kept); it gives Material's "
                      f"interface words for {locale}.")
    elif (material / f"{locale}.html").exists():
        theme_file = material / f"{locale}.html"
        final_direction = theme_direction(theme_file)
        if direction and direction != final_direction:
            raise Problem(f"Material's own {locale} words say the language is written "
                          f"{'right to left' if final_direction == 'rtl' else 'left to right'} "
                          f"(partials/languages/{locale}.html), not {direction}. Fix: leave out --dir")
        lang = re.search(r'"language":\s*"([^"]+)"', theme_file.read_text(encoding="utf-8"))
        lang_note = (f" Material writes <html lang=\"{lang.group(1)}\"> for it."
                     if lang and lang.group(1) != locale else "")
        theme_note = (f"Material {material_version()} has its own {locale} interface words "
                      f"(partials/languages/{locale}.html): nothing to create.{lang_note}")
    else:
        final_direction = direction or cldr_direction or "ltr"
        if own_partial is None:
            raise Problem(f"{shown}: Material has no interface words for '{locale}', and theme.custom_dir is not "
                          "set, so there is nowhere to put them. Fix: set theme: custom_dir: overrides")
        language = locale.split("-")[0]
        base = language if language != locale and (material / f"{language}.html").exists() else "en"
        if base != "en":
            final_direction = direction or theme_direction(material / f"{base}.html")
        creates[own_partial] = theme_partial((material / f"{base}.html").read_text(encoding="utf-8"),
                                             base, locale, name, final_direction)
        theme_note = (f"{os.path.relpath(own_partial, root)}: {{would}}created: Material has no {locale} interface "
                      "words (search box, \"Skip to content\", \"Back to top\"), and the build stops without them. "
                      + (f"It starts with Material's English words and \"direction\": \"{final_direction}\": "
                         "translate every value." if base == "en" else
                         f"It copies Material's {base} words, with \"language\": \"{locale}\": check them."))

    # The build's own words, in the guide's strings_dir (the package's own are never written to).
    strings_dir = strings_folder(config, root)
    strings_file = strings_dir / f"{locale}.yml" if strings_dir else None
    missing, english_strings = [], {}
    if strings_dir is None:
        notes.append(f"{shown} does not use the guide plugin: the build's own words were not set up.")
    else:
        book = i18n.StringsBook(strings_dir, root)
        try:
            english_strings = book.own_words(ENGLISH)
            missing = book.missing_keys(locale)
        except i18n.StringsError as error:
            raise Problem(f"{error}. Nothing was changed") from None
        if not strings_file.exists() and not (i18n.PACKAGE_STRINGS / f"{locale}.yml").exists():
            english = (i18n.PACKAGE_STRINGS / f"{ENGLISH}.yml").read_text(encoding="utf-8")
            creates[strings_file] = strings_template(english, locale, name)

    # The new entry: the keys the languages carry, copied from English for the editor to translate.
    default_entry = next((lang for lang in old_languages if isinstance(lang, dict) and lang.get("default")), {})
    copied = {}
    for key in ("site_name", "site_description"):
        value = default_entry.get(key) or config.get(key)
        if isinstance(value, str) and value.strip():
            copied[key] = value.strip()
    carried = {key for lang in old_languages if isinstance(lang, dict) for key in lang}
    for key in ("site_author", "copyright"):
        value = default_entry.get(key) or config.get(key)
        if key in carried and isinstance(value, str) and value.strip():
            copied[key] = value.strip()
    entry = Entry(locale, name, copied, {title: title for title in nav_titles(config.get("nav"))})
    new_text, first, last = add_entry(text, entry, shown)
    validate_entry(new_text, old_languages, entry, shown)

    docs = root / (config.get("docs_dir") or "docs")
    pages = []
    for page in english_pages(docs, [*others, locale]):
        if any(part.startswith(".") for part in page.relative_to(docs).parts):
            continue  # MkDocs skips hidden files and folders
        target = translation_of(page, locale)
        pages.append((page, target, target.exists()))
    return Plan(config_file, shown, root, locale, name, final_direction, new_text, (first, last), entry, creates,
                theme_note, notes, pages, strings_file, len(missing), len(english_strings),
                settings.i18n_settings(config).get("fallback_to_default", True) is not False,
                settings.guide_path(config, root, "contacts_file"))


# --- output ----------------------------------------------------------------------------------

def report(p: Plan, dry_run: bool, default_config: bool) -> str:
    would = "would be " if dry_run else ""
    direction = "right to left" if p.direction == "rtl" else "left to right"
    config_name = p.shown(p.config_file)
    out = [f"{'Dry run: ' if dry_run else ''}{english_name(p.locale)} ({p.locale}), named {p.name}, "
           f"written {direction}.", ""]
    first, last = p.inserted
    out.append(f"{config_name}: {p.locale} {would}added under plugins: i18n: languages (lines {first}-{last}).")
    copied = [*p.entry.copied]
    if p.entry.nav:
        copied.append(f"the {len(p.entry.nav)} nav_translations")
    if copied:
        out.append(f"  {', '.join(copied)} {'would be ' if dry_run else 'are '}copied from English: "
                   "translate their values there.")
    if p.theme_note:
        out.append(p.theme_note.replace("{would}", would))
    if p.strings_file is not None and p.strings_file in p.creates:
        out.append(f"{p.shown(p.strings_file)}: {would}created with the {p.strings_total} keys of en.yml, each "
                   "commented out: the build writes a key in English until you uncomment it and translate it.")
    out += p.notes
    if p.strings_file is not None and p.strings_file.exists() and p.strings_file not in p.creates:
        out.append(f"{p.shown(p.strings_file)}: exists already (kept).")
    elif p.strings_file is not None and p.strings_file not in p.creates:
        out.append(f"The generator has {p.locale}'s words already: nothing to create. To change one, write it "
                   f"in {p.shown(p.strings_file)} (README, \"The build's words\").")
    if p.strings_file is not None:
        out.append(f"  Words the build writes still in English: {p.strings_missing} of {p.strings_total} keys.")

    todo = [(page, target) for page, target, exists in p.pages if not exists]
    done = [target for _, target, exists in p.pages if exists]
    out += ["", f"Pages to translate ({len(todo)} of {len(p.pages)}): each English page, and the file its "
                f"{p.locale} translation goes in (copy the English page there and translate it, keeping its "
                "markers, links and heading ids):"]
    width = max((len(p.shown(page)) for page, _ in todo), default=0)
    out += [f"  {p.shown(page).ljust(width)}  ->  {p.shown(target)}" for page, target in todo]
    if done:
        out.append(f"Already there: {', '.join(p.shown(target) for target in done)}.")
    if p.fallback:
        out.append(f"Until a page is translated, /{p.locale}/ shows the English page, marked as English, with a "
                   "notice in the reader's language.")
    else:
        out.append(f"fallback_to_default is false: /{p.locale}/ has only the pages translated so far.")
    contacts = p.contacts_file
    if contacts is not None and contacts.exists():
        out += ["", f"Also: the contacts' words in {p.locale} go under `translations: {p.locale}:` in "
                    f"{p.shown(contacts)} (each entry's service, description and audience; the topics and areas "
                    "at the top); left out, a card shows the English words, marked as English."]
    config_arg = "" if default_config else f" -f {p.config_shown}"
    out += ["", "Next:",
            f"  guide status{config_arg}   every {p.locale} page is 'missing' until translated (exit 1)",
            f"  guide check{config_arg}   every check of the build, in every language",
            f"  guide build{config_arg}   the site, with /{p.locale}/"]
    if dry_run:
        out += ["", "Nothing was written (--dry-run)."]
    return "\n".join(out)


def write(p: Plan) -> None:
    # New files first, mkdocs.yml last: if anything fails, the guide does not name a language
    # whose files are missing.
    for path, content in p.creates.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "x", encoding="utf-8", newline="\n") as handle:
            handle.write(content)
    with open(p.config_file, "w", encoding="utf-8", newline="") as handle:
        handle.write(p.new_config)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="guide add-language", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("locale", metavar="LOCALE", help="the language's code: so, ps, pt-BR, zh-Hant")
    parser.add_argument("--name", help="the language's name in its own language and script (default: from CLDR)")
    parser.add_argument("--dir", choices=["ltr", "rtl"], dest="direction",
                        help="text direction, for a language Material and CLDR do not know (default: from them)")
    parser.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="the guide's mkdocs.yml")
    parser.add_argument("--dry-run", action="store_true", help="print what would change; write nothing")
    args = parser.parse_args(argv)
    if not args.config.is_file():
        print(f"{args.config}: no such file. Fix: give the guide's mkdocs.yml with --config", file=sys.stderr)
        return 2
    try:
        p = plan(args.locale, args.config, args.name, args.direction)
    except Problem as problem:
        print(f"{problem}", file=sys.stderr)
        return 1
    if args.dry_run:
        old = yaml_lines(read_text(p.config_file))
        diff = difflib.unified_diff(old, yaml_lines(p.new_config),
                                    p.shown(p.config_file), p.shown(p.config_file))
        print("".join(diff))
        for path, content in p.creates.items():
            print(f"would create {p.shown(path)} ({content.count(chr(10))} lines)")
        print()
    else:
        write(p)
    print(report(p, args.dry_run, args.config.resolve() == Path("mkdocs.yml").resolve()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
