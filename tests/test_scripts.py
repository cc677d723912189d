"""`guide contacts` lists every contact with its age and its pages. (The other commands are
tested in test_cli.py.)"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from guide import cli, contacts_report
from guide.contacts import load_contacts

ROOT = Path(__file__).resolve().parent.parent


def contacts(*options: str, config: Path = ROOT / "mkdocs.yml") -> int:
    """`guide contacts -f CONFIG -- OPTIONS`, as an editor runs it."""
    return cli.main(["contacts", "-f", str(config), "--", *options])


def replace_in(fixture, relative: str, old: str, new: str) -> None:
    path = fixture.path / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {relative}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# --- guide contacts ------------------------------------------------------------------------------

def test_the_report_lists_every_real_contact_with_its_pages(capsys):
    book = load_contacts(ROOT / "contacts.yml")
    assert contacts("--months", "1200") == 0
    table = capsys.readouterr().out
    rows = {line.split()[0]: line for line in table.splitlines() if line and line.split()[0] in book.ids}
    assert set(rows) == set(book.ids)
    assert "docs/index.md: " in table and "each in en cy" in table

    assert contacts("--months", "1200", "--json") == 0
    data = json.loads(capsys.readouterr().out)
    assert [entry["id"] for entry in data["contacts"]] == \
        [c.id for c in sorted(book.contacts, key=lambda c: (c.last_checked, c.id))]
    for entry in data["contacts"]:
        assert entry["uses"] == sum(entry["pages"].values())
        for page, count in entry["pages"].items():
            text = (ROOT / page).read_text(encoding="utf-8")
            assert re.search(rf"<!--\s*(contact|phone|hours):\s*{entry['id']}\b", text), (entry["id"], page)
            assert count >= 1
    advice = next(e for e in data["contacts"] if e["id"] == "frg-advice-line")
    assert "docs/index.md" in advice["pages"] and "docs/index.cy.md" in advice["pages"]
    assert advice["by_page"]["docs/index.md"]["cy"] == advice["pages"]["docs/index.cy.md"]


def test_entries_older_than_the_limit_are_flagged_and_fail(fixture_site, capsys):
    # The fixture's entry was checked on 2026-11-01: with a limit of 0 months it is due now.
    assert contacts("--months", "0", config=fixture_site.config) == 1
    table = capsys.readouterr().out
    [line] = [line for line in table.splitlines() if line.startswith("advice-line ")]
    assert "CHECK NOW" in line and "1 to check now" in table
    # The real contacts file: every entry is due a year after it was checked.
    import datetime as dt
    book = load_contacts(ROOT / "contacts.yml")
    later = max(c.last_checked for c in book.contacts) + dt.timedelta(days=400)
    data = contacts_report.report(ROOT / "mkdocs.yml", 12, today=later)
    assert sorted(data["check_now"]) == sorted(book.ids)


def test_an_entry_no_page_uses_is_unused(fixture_site, capsys):
    replace_in(fixture_site, "contacts.yml", "    checked_against: https://www.example.org/contact-us\n",
               "    checked_against: https://www.example.org/contact-us\n"
               "  - id: spare-line\n    organisation: Spare\n    service: Spare line\n    description: Spare.\n"
               "    topics: [advice]\n    audience: All\n    areas: [england]\n    phones:\n"
               "      - {number: 0300 123 3393, label: helpline, free: false}\n    last_checked: 2026-10-01\n"
               "    checked_against: https://www.example.org/spare\n")
    config = fixture_site.config
    assert contacts("--months", "1200", config=config) == 0
    table = capsys.readouterr().out
    [spare] = [line for line in table.splitlines() if line.startswith("spare-line ")]
    assert "UNUSED" in spare and "CHECK NOW" not in spare
    [advice] = [line for line in table.splitlines() if line.startswith("advice-line ")]
    assert "UNUSED" not in advice and "docs/help.md: 2 each in en" in table and "docs/index.md: 4 each in en" in table
    assert table.index("spare-line") < table.index("advice-line")  # oldest check first

    assert contacts("--months", "1200", "--json", config=config) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["unused"] == ["spare-line"] and data["check_now"] == []


def test_an_invalid_contacts_file_exits_1_with_its_lines(fixture_site, capsys):
    replace_in(fixture_site, "contacts.yml", "0808 801 0366", "0808 801 036")
    assert contacts(config=fixture_site.config) == 1
    assert capsys.readouterr().out.startswith("contacts.yml:14: contact 'advice-line', field 'phones[0].number'")


def test_report_help_exits_0(capsys):
    with pytest.raises(SystemExit) as stopped:
        contacts("--help")
    assert stopped.value.code == 0
    assert "--months" in capsys.readouterr().out
