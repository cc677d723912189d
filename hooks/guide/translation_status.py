"""Which translations are current, outdated, unreviewed or missing.

    guide status                             print a table; exit 1 if any is outdated or missing
    guide status -- --write PAGE [PAGE ...]  record that each translated PAGE (e.g.
                                             docs/families/faq.cy.md) matches its English page now
    guide status -- --write-all              the same for every existing translation

A translated page records the version of the English page it translates in its front matter
(`translation: {source: ..., reviewed: false}`); run --write after checking a translation against
the English page. Set `reviewed: true` by hand once a fluent speaker has checked it.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import yaml

from guide import settings
from guide.i18n import MISSING, OUTDATED, source_version, translation_state

FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.S)


def meta_of(text: str) -> dict:
    match = FRONT_MATTER.match(text)
    return (yaml.safe_load(match.group(1)) or {}) if match else {}


def english_pages(docs: Path, locales: list[str]) -> list[Path]:
    suffixes = tuple(f".{locale}.md" for locale in locales)
    return sorted(p for p in docs.rglob("*.md") if not p.name.endswith(suffixes))


def translation_of(page: Path, locale: str) -> Path:
    return page.with_name(f"{page.stem}.{locale}.md")


def status(docs: Path, locales: list[str]) -> dict[tuple[str, str], str]:
    table = {}
    for page in english_pages(docs, locales):
        english = page.read_text(encoding="utf-8")
        for locale in locales:
            translated = translation_of(page, locale)
            key = (str(page.relative_to(docs)), locale)
            table[key] = MISSING if not translated.exists() else \
                translation_state(english, meta_of(translated.read_text(encoding="utf-8")))
    return table


def record(translated: Path, locales: list[str]) -> None:
    """Set `translation.source` in a translation's front matter to its English page's version."""
    locale = translated.name.split(".")[-2]
    if locale not in locales:
        raise SystemExit(f"{translated}: not a translation (expected name.<locale>.md, locale one of {locales})")
    english = translated.with_name(translated.name.replace(f".{locale}.md", ".md"))
    if not english.exists():
        raise SystemExit(f"{translated}: there is no English page {english.name} beside it")
    version = source_version(english.read_text(encoding="utf-8"))
    text = translated.read_text(encoding="utf-8")
    match = FRONT_MATTER.match(text)
    if not match:
        raise SystemExit(f"{translated}:1: no front matter. Fix: copy the English page's front matter first")
    block = match.group(1)
    if re.search(r"^translation:\s*$", block, re.M):
        if re.search(r"^  source:.*$", block, re.M):
            block = re.sub(r"^  source:.*$", f"  source: {version}", block, count=1, flags=re.M)
        else:
            block = re.sub(r"^translation:\s*$", f"translation:\n  source: {version}", block, count=1, flags=re.M)
    else:
        block += f"\ntranslation:\n  source: {version}\n  reviewed: false"
    translated.write_text(f"---\n{block}\n---\n" + text[match.end():], encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="guide status", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--config", type=Path, default=Path("mkdocs.yml"))
    parser.add_argument("--write", nargs="+", type=Path, metavar="PAGE", help="record these translations as current")
    parser.add_argument("--write-all", action="store_true", help="record every existing translation as current")
    args = parser.parse_args(argv)
    config = settings.read_config(args.config)
    docs = args.config.resolve().parent / (config.get("docs_dir") or "docs")
    _, locales = settings.languages(config)

    if args.write or args.write_all:
        pages = args.write or [translation_of(p, loc) for p in english_pages(docs, locales) for loc in locales
                               if translation_of(p, loc).exists()]
        for page in pages:
            record(page, locales)
            print(f"recorded {page}")
        return 0

    table = status(docs, locales)
    pages = sorted({page for page, _ in table})
    width = max((len(p) for p in pages), default=4)
    print("page".ljust(width), *(loc.ljust(10) for loc in locales))
    for page in pages:
        print(page.ljust(width), *(table[(page, loc)].ljust(10) for loc in locales))
    counts = {state: sum(1 for s in table.values() if s == state) for state in set(table.values())}
    print("\n" + ", ".join(f"{n} {state}" for state, n in sorted(counts.items())))
    bad = counts.get(OUTDATED, 0) + counts.get(MISSING, 0)
    if bad:
        print(f"{bad} translation(s) outdated or missing", file=sys.stderr)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
