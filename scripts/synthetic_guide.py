#!/usr/bin/env python3
"""Make a synthetic guide of any size, for the benchmark (scripts/bench.py).

    python scripts/synthetic_guide.py --pages 200 --languages 4 OUT_FOLDER

The guide uses the project's real hook, theme overrides, contacts file, abbreviations and
search settings; only the pages and the page count differ. Each page looks like a real one:
front matter with review dates, headings with ids, paragraphs, a list, a table, a note,
abbreviations, inline phone and hours markers, a contact card and links (with anchors) to other
pages. Translations carry the same markers, links and ids (the build checks that), with words
taken from the default guide's own translations, so each script's text is realistic.
Pages are the same on every run (a fixed random seed).

`hook=False` writes a guide whose hook only gives the templates their words (`guide_t`): the
benchmark's "hook off" build, with every check and marker left out.
"""

from __future__ import annotations

import argparse
import posixpath
import random
import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from guide import i18n, settings  # noqa: E402

# The default guide's languages, in the order a guide grows: 1, 4 and 8 languages are benchmarked.
LOCALES = ["en", "cy", "ar", "pl", "ro", "ur", "bn", "so"]
PAGES_PER_TOPIC = 25
TOPICS_PER_PART = 8
CONTACTS = ["frg-advice-line", "national-domestic-abuse-helpline", "mind-infoline", "mencap-helpline", "coram-voice"]
ABBREVIATIONS = ["PLO", "IRO", "FGC", "CLA", "LA"]
SOURCES = "sources: [{title: Synthetic source, publisher: The benchmark, checked: 2026-11-01}]"
FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
NOT_A_WORD = re.compile(r"[\d<>\[\](){}#|*_`=/\\:\"]")
MARKUP = re.compile(r"<!--.*?-->|\{[^}]*\}|\[([^\]]*)\]\([^)]*\)|[#*|>`_!]+")

STUB_HOOK = f'''"""Benchmark only: the guide plugin switched off. The theme still needs its files and words."""
import sys
sys.path.insert(0, {str(ROOT / "hooks")!r})
from guide.i18n import StringsBook  # noqa: E402
from guide.plugin import THEME_DIR  # noqa: E402


def on_config(config):
    if str(THEME_DIR) not in config.theme.dirs:
        config.theme.dirs.insert(1 if config.theme.custom_dir else 0, str(THEME_DIR))


def on_env(env, config, files):
    env.globals["guide_t"] = StringsBook().strings(config.theme.get("language") or "en")
    env.globals["guide_default_locale"] = "en"
    return env
'''


def word_pool(locale: str) -> list[str]:
    """The words of the default guide's pages in `locale` (markup, markers and links left out)."""
    pattern = "*.md" if locale == "en" else f"*.{locale}.md"
    words: list[str] = []
    for page in sorted((ROOT / "docs").rglob(pattern)):
        if locale == "en" and re.search(r"\.[a-z]{2}\.md$", page.name):
            continue
        text = MARKUP.sub(lambda m: m.group(1) or " ", FRONT_MATTER.sub("", page.read_text(encoding="utf-8")))
        words += [w for w in text.split() if any(c.isalpha() for c in w) and not NOT_A_WORD.search(w)]
    return words or ["word"]


class Writer:
    """Sentences in one language, made of that language's own words."""

    def __init__(self, locale: str, seed: int):
        self.words = word_pool(locale)
        self.random = random.Random(seed)

    def phrase(self, n: int) -> str:
        start = self.random.randrange(len(self.words) - n) if len(self.words) > n else 0
        return " ".join(w.strip(".,;:") for w in self.words[start:start + n])

    def sentence(self) -> str:
        text = self.phrase(self.random.randint(6, 14))
        return text[:1].upper() + text[1:] + "."

    def paragraph(self, sentences: int = 3) -> str:
        return " ".join(self.sentence() for _ in range(sentences))


def page_path(index: int) -> str:
    """Pages in topics of 25, topics in parts of 8, as a large guide is laid out."""
    topic, number = divmod(index, PAGES_PER_TOPIC)
    part = topic // TOPICS_PER_PART
    return f"part-{part + 1}/topic-{topic + 1:02d}/page-{number + 1:02d}.md"


def link(from_index: int, to_index: int) -> str:
    """A relative link between two pages, as an editor writes it."""
    source, target = page_path(from_index), page_path(to_index)
    return posixpath.relpath(target, posixpath.dirname(source))


def page(index: int, total: int, w: Writer, translation_of: str | None = None) -> str:
    """One page. The same `index` gives the same structure (markers, links, ids) in every language."""
    shape = random.Random(index)  # structure: shared by the page and its translations
    contact, other = shape.sample(CONTACTS, 2)
    targets = [shape.randrange(total) for _ in range(3)]
    abbr = shape.sample(ABBREVIATIONS, 2)
    front = [f"title: {w.phrase(4).capitalize()}", f"description: {w.sentence()}",
             "last_reviewed_on: 2026-11-01", "review_in: 12 months"]
    if translation_of is not None:
        front.append(f"translation: {{source: {i18n.source_version(translation_of)}, reviewed: false}}")
    else:  # a translation takes its English page's sources
        front.append(SOURCES)
    sections = [
        f"# {w.phrase(4).capitalize()}",
        f"{w.paragraph()} {abbr[0]} {w.paragraph(2)}",
        f"## {w.phrase(5).capitalize()} {{#what-happens}}",
        w.paragraph(4),
        "\n".join(f"- {w.sentence()}" for _ in range(4)),
        f"{w.sentence()} <!-- phone: {contact} --> ({w.phrase(2)}: <!-- hours: {contact} -->).",
        f"## {w.phrase(5).capitalize()} {{#your-rights}}",
        f"{w.paragraph()} {abbr[1]}. [{w.phrase(3)}]({link(index, targets[0])}#what-happens), "
        f"[{w.phrase(3)}]({link(index, targets[1])}).",
        f"<!-- contact: {other} -->",
        f"### {w.phrase(4).capitalize()} {{#next-steps}}",
        "\n".join(f"{n}. {w.sentence()}" for n in range(1, 4)),
        f"| {w.phrase(2)} | {w.phrase(2)} |\n| --- | --- |\n"
        + "\n".join(f"| {w.phrase(3)} | {w.phrase(4)} |" for _ in range(3)),
        f'!!! tip "{w.phrase(3)}"\n    {w.paragraph(2)}',
        f"## {w.phrase(4).capitalize()} {{#more-help}}",
        f"{w.paragraph(2)} [{w.phrase(3)}]({link(index, targets[2])}#your-rights).",
    ]
    return "---\n" + "\n".join(front) + "\n---\n\n" + "\n\n".join(sections) + "\n"


def home(total: int, w: Writer, translation_of: str | None = None) -> str:
    front = [f"title: {w.phrase(3).capitalize()}", f"description: {w.sentence()}",
             "last_reviewed_on: 2026-11-01", "review_in: 12 months"]
    if translation_of is not None:
        front.append(f"translation: {{source: {i18n.source_version(translation_of)}, reviewed: false}}")
    else:  # a translation takes its English page's sources
        front.append(SOURCES)
    links = "\n".join(f"- [{w.phrase(3)}]({page_path(i)})" for i in range(0, total, PAGES_PER_TOPIC))
    return ("---\n" + "\n".join(front) + f"\n---\n\n# {w.phrase(3).capitalize()}\n\n{w.paragraph()}\n\n"
            f"{links}\n\n<!-- directory -->\n")


def config(folder: Path, locales: list[str], hook: bool) -> dict:
    """The default guide's mkdocs.yml, pointed at the synthetic pages and the real generator."""
    cfg = settings.read_config(ROOT / "mkdocs.yml")
    cfg.pop("nav", None)  # every page, in folder order
    cfg["site_name"] = "Synthetic guide"
    cfg["docs_dir"], cfg["site_dir"] = str(folder / "docs"), str(folder / "site")
    cfg["theme"]["custom_dir"] = str(ROOT / "overrides")
    if not hook:
        (folder / "stub_hook.py").write_text(STUB_HOOK, encoding="utf-8")
        cfg["hooks"] = [str(folder / "stub_hook.py")]
    plugins = []
    for plugin in cfg["plugins"]:
        name = next(iter(plugin)) if isinstance(plugin, dict) else plugin
        if name == "offline":
            continue  # `make offline` only
        if name == "guide":
            if not hook:
                continue
            options = dict(plugin["guide"])
            # The real guide's contacts and search words, by full path (its terminology would not
            # fit the synthetic pages' words: they have none).
            for option in ("contacts_file", "search_synonyms", "search_question_words"):
                options[option] = str(ROOT / options.get(option, settings.DEFAULT_PATHS[option]))
            options["faq_pages"] = [page_path(0)]
            plugin = {"guide": options}
        if name == "i18n":
            i18n_cfg = dict(plugin["i18n"])
            kept = [dict(lang) for lang in i18n_cfg["languages"] if lang["locale"] in locales]
            for lang in kept:
                lang.pop("nav_translations", None)
            i18n_cfg["languages"] = kept
            plugin = {"i18n": i18n_cfg}
        plugins.append(plugin)
    cfg["plugins"] = plugins
    for extension in cfg["markdown_extensions"]:
        if isinstance(extension, dict) and "pymdownx.snippets" in extension:
            snippets = extension["pymdownx.snippets"]
            # `!relative $config_dir/includes` reads as None here (settings.read_config)
            snippets["base_path"] = [str(ROOT / (p or "includes")) for p in snippets.get("base_path", [])]
    return cfg


def make_guide(folder: Path, pages: int, languages: int, hook: bool = True) -> Path:
    """Write a guide of `pages` pages in the first `languages` languages; return its mkdocs.yml."""
    folder = Path(folder)
    locales = LOCALES[:languages]
    docs = folder / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    writers = {locale: Writer(locale, seed=n) for n, locale in enumerate(locales)}
    english_home = home(pages, writers["en"])
    (docs / "index.md").write_text(english_home, encoding="utf-8")
    for locale in locales[1:]:
        (docs / f"index.{locale}.md").write_text(home(pages, writers[locale], english_home), encoding="utf-8")
    for index in range(pages - 1):  # with the home page: `pages` pages per language
        target = docs / page_path(index)
        target.parent.mkdir(parents=True, exist_ok=True)
        english = page(index, pages - 1, writers["en"])
        target.write_text(english, encoding="utf-8")
        for locale in locales[1:]:
            translated = page(index, pages - 1, writers[locale], english)
            target.with_name(f"{target.stem}.{locale}.md").write_text(translated, encoding="utf-8")
    config_file = folder / "mkdocs.yml"
    config_file.write_text(yaml.safe_dump(config(folder, locales, hook), allow_unicode=True, sort_keys=False),
                           encoding="utf-8")
    return config_file


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, help="where to write the guide (created)")
    parser.add_argument("--pages", type=int, default=50, help="pages per language (default 50)")
    parser.add_argument("--languages", type=int, default=1, choices=range(1, len(LOCALES) + 1),
                        metavar=f"1-{len(LOCALES)}", help="how many languages (default 1)")
    parser.add_argument("--hook-off", action="store_true", help="leave the guide's hook out")
    args = parser.parse_args(argv)
    if args.pages < 2:
        parser.error("--pages must be at least 2")
    print(make_guide(args.folder, args.pages, args.languages, hook=not args.hook_off))
    return 0


if __name__ == "__main__":
    sys.exit(main())
