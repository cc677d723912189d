"""Every contact, when it was last checked, and which pages use it (`guide contacts`).

    guide contacts                       a table, oldest check first; exit 1 if any is due
    guide contacts -- --months 6         due six months after last_checked (default 12)
    guide contacts -- --json             the same as JSON
    guide contacts -f other/mkdocs.yml

An entry whose `last_checked` is more than --months months ago is marked CHECK NOW: ring the
number, check the hours and the website, then set last_checked to the day you did (`--months 0`
marks every entry not checked today). The pages are those, in every language, whose markers
(<!-- contact: ID -->, <!-- phone: ID -->, <!-- hours: ID -->) name the entry, with how many times;
an entry no marker names is marked UNUSED (the signposting directory still lists it).

Exit status: 0 every entry checked recently enough, 1 an entry is due (or the contacts file has
problems, printed as file:line: message), 2 usage.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from collections import Counter
from pathlib import Path

from guide import checks, i18n, markers, settings
from guide.contacts import ContactsError, load_contacts

CHECK_NOW, UNUSED = "CHECK NOW", "UNUSED"


def report(config_file: Path, months: int, today: dt.date | None = None) -> dict:
    """The report as data; raises ContactsError when the contacts file has problems."""
    today = today or dt.date.today()
    config_file = config_file.resolve()
    root = config_file.parent
    config = settings.read_config(config_file)
    default, others = settings.languages(config)
    locales = [default, *others]
    contacts_file = settings.guide_path(config, root, "contacts_file")
    book = load_contacts(contacts_file, display_name=os.path.relpath(contacts_file, root))
    uses: dict[str, Counter] = {contact.id: Counter() for contact in book.contacts}
    languages: dict[str, tuple[str, str]] = {}  # file -> (its English page, its language)
    docs = root / config.get("docs_dir", "docs")
    for page, _, english, locale in i18n.page_files(docs, locales):
        languages[os.path.relpath(page, root)] = (os.path.relpath(docs / english, root), locale)
        for marker in markers.in_source(page.read_text(encoding="utf-8-sig", errors="replace")):
            if marker.contact_id in uses:
                uses[marker.contact_id][os.path.relpath(page, root)] += 1
    entries = []
    for contact in sorted(book.contacts, key=lambda c: (c.last_checked, c.id)):
        # "Due N months after" is the rule of a page's review date (review_in), so use that.
        due = checks.review_dates("", {"last_reviewed_on": contact.last_checked, "review_in": f"{months} months"},
                                  "", today)[0].due
        pages = uses[contact.id]
        entries.append({"id": contact.id, "organisation": contact.organisation, "service": contact.service,
                        "last_checked": contact.last_checked.isoformat(), "check_by": due.isoformat(),
                        "check_now": due < today, "unused": not pages, "uses": sum(pages.values()),
                        "pages": dict(sorted(pages.items())), "by_page": _by_page(pages, languages, locales)})
    return {"contacts_file": os.path.relpath(contacts_file, root), "today": today.isoformat(), "months": months,
            "contacts": entries,
            "check_now": [e["id"] for e in entries if e["check_now"]],
            "unused": [e["id"] for e in entries if e["unused"]]}


def _by_page(pages: Counter, languages: dict, locales: list[str]) -> dict[str, dict[str, int]]:
    """Uses per English page and language: {"docs/families/faq.md": {"en": 5, "cy": 5}}."""
    grouped: dict[str, dict[str, int]] = {}
    for path, count in pages.items():
        english, locale = languages[path]
        grouped.setdefault(english, {})[locale] = count
    return {english: dict(sorted(counts.items(), key=lambda item: locales.index(item[0])))
            for english, counts in sorted(grouped.items())}


def _uses(english: str, counts: dict[str, int]) -> str:
    """docs/families/faq.md: 5 each in en cy ar, or docs/families/faq.md: en 5, cy 4 when they differ."""
    if len(set(counts.values())) == 1:
        return f"{english}: {next(iter(counts.values()))} each in {' '.join(counts)}"
    return f"{english}: {', '.join(f'{locale} {count}' for locale, count in counts.items())}"


def table(data: dict) -> str:
    rows = [(e["id"], e["last_checked"], e["check_by"],
             ", ".join(flag for flag, on in ((CHECK_NOW, e["check_now"]), (UNUSED, e["unused"])) if on) or "ok",
             str(e["uses"]), [_uses(english, counts) for english, counts in e["by_page"].items()] or ["-"])
            for e in data["contacts"]]
    head = ("id", "last checked", "check by", "status", "uses", ["pages (uses in each language)"])
    widths = [max(len(row[i]) for row in [head, *rows]) for i in range(5)]
    indent = " " * (sum(widths) + 2 * 5)

    def line(row: tuple) -> str:
        cells = [row[i].rjust(widths[i]) if i == 4 else row[i].ljust(widths[i]) for i in range(5)]
        return "\n".join(["  ".join(cells) + "  " + row[5][0], *(indent + more for more in row[5][1:])])

    out = [f"{data['contacts_file']}: {len(rows)} contact(s), oldest check first; "
           f"due {data['months']} month(s) after last checked (today is {data['today']})", "",
           line(head), *(line(row) for row in rows), ""]
    if data["check_now"]:
        out.append(f"{len(data['check_now'])} to check now: {', '.join(data['check_now'])}. Fix: check each "
                   "number, the hours and the website, then set last_checked to the day you did")
    if data["unused"]:
        out.append(f"{len(data['unused'])} used by no page: {', '.join(data['unused'])} "
                   "(only the signposting directory lists them)")
    if not (data["check_now"] or data["unused"]):
        out.append("Every contact was checked recently enough and is used by a page.")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="guide contacts", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="the guide's mkdocs.yml")
    parser.add_argument("--months", type=int, default=12, metavar="N",
                        help="an entry is due N months after last_checked (default 12)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = parser.parse_args(argv)
    if args.months < 0:
        parser.error("--months must be 0 or more")
    if not args.config.is_file():
        print(f"{args.config}: no such file. Fix: run it in the guide's folder, or give its mkdocs.yml "
              "with -f", file=sys.stderr)
        return 2
    try:
        data = report(args.config, args.months)
    except ContactsError as error:
        if args.json:
            print(json.dumps({"problems": error.problems}, ensure_ascii=False, indent=2))
        else:
            print("\n".join(error.problems))
            print(f"\nThe contacts file has {len(error.problems)} problem(s); fix them first.", file=sys.stderr)
        return 1
    print(json.dumps(data, ensure_ascii=False, indent=2) if args.json else table(data))
    return 1 if data["check_now"] else 0


if __name__ == "__main__":
    sys.exit(main())
