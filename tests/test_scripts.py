"""The editors' scripts: check.py finds what the build finds, without building; contacts_report.py
lists every contact with its age and its pages."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import check
import contacts_report
from bad_inputs import CASES as BAD_INPUTS, apply
from guide.building import BuildFailed
from guide.contacts import load_contacts
from test_translations import WELSH, with_welsh

ROOT = Path(__file__).resolve().parent.parent
PROBLEM_LINE = re.compile(r"^\S+:\d+: ", re.M)


def replace_in(fixture, relative: str, old: str, new: str) -> None:
    path = fixture.path / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {relative}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def run_check(config: Path, capsys) -> tuple[int, str, str]:
    status = check.main(["--config", str(config)])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


# --- check.py --------------------------------------------------------------------------------

def test_the_real_guide_passes_every_check(capsys):
    status, out, err = run_check(ROOT / "mkdocs.yml", capsys)
    assert status == 0, out + err
    assert PROBLEM_LINE.findall(out) == [] and err == ""
    assert "No problems" in out and "8 language(s)" in out


def test_the_fixture_site_passes_and_quiet_prints_nothing(fixture_site, capsys):
    assert check.main(["--config", str(fixture_site.config), "--quiet"]) == 0
    assert capsys.readouterr().out == ""


CASES = {
    "typed number": ("docs/help.md", "Office:", "Or ring 020 7923 2628. Office:",
                     "docs/help.md:16: phone number '020 7923 2628' is typed into the page. Fix: write "
                     "<!-- phone: advice-line office --> instead; the number lives in contacts.yml"),
    "unknown contact": ("docs/help.md", "<!-- contact: advice-line -->", "<!-- contact: advice-lines -->",
                        "docs/help.md:14: unknown contact id 'advice-lines' in <!-- contact: advice-lines -->. "
                        "Fix: did you mean 'advice-line'?"),
    "broken link": ("docs/index.md", "(help.md#who-can-help)", "(helps.md)",
                    "docs/index.md:14: broken link 'helps.md': there is no page 'helps.md'. "
                    "Fix: did you mean 'help.md'?"),
    "broken anchor": ("docs/index.md", "(help.md#who-can-help)", "(help.md#who-helps)",
                      "docs/index.md:14: broken anchor 'help.md#who-helps': the page has no '#who-helps'. "
                      "Fix: did you mean '#who-can-help'?"),
    "overdue review": ("docs/help.md", "last_reviewed_on: 2026-11-01\nreview_in: 10 years",
                       "last_reviewed_on: 2020-01-01\nreview_in: 1 year",
                       "docs/help.md:2: the page was due for review on 2021-01-01. Fix: check every fact, "
                       "then set last_reviewed_on to the day you did"),
    "invalid contacts file": ("contacts.yml", "0808 801 0366", "0808 801 036",
                              "contacts.yml:14: contact 'advice-line', field 'phones[0].number': '0808 801 036' "
                              "is not a valid UK phone number; check the digits (UK numbers have 11 digits "
                              "starting with 0)"),
    "exit page not https": ("mkdocs.yml", "url: https://www.example.org/weather", "url: www.example.org/weather",
                            "mkdocs.yml:30: exit_page url 'www.example.org/weather' must be a full https:// "
                            "address of another, neutral site (for example https://www.bbc.co.uk/weather)"),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_each_mistake_fails_the_check_with_the_line_the_build_gives(fixture_site, capsys, case):
    relative, old, new, expected = CASES[case]
    replace_in(fixture_site, relative, old, new)
    status, out, err = run_check(fixture_site.config, capsys)
    assert status == 1
    assert PROBLEM_LINE.findall(out) and out.splitlines() == [expected]
    assert "1 problem(s) in 1 file(s)" in err

    with pytest.raises(BuildFailed) as caught:  # the build stops with the same line
        fixture_site.build()
    assert expected in str(caught.value)


@pytest.mark.parametrize("case", BAD_INPUTS, ids=list(BAD_INPUTS))
def test_check_and_the_build_agree_on_every_bad_input(fixture_site, capsys, case):
    """Every bad input of the suite (tests/bad_inputs.py): both stop, and both name the same place."""
    apply(fixture_site.path, BAD_INPUTS[case])
    status, out, err = run_check(fixture_site.config, capsys)
    with pytest.raises(BuildFailed) as caught:
        fixture_site.build()
    assert status == 1, f"check.py passed what stops the build:\n{caught.value}"
    assert "Traceback" not in out + err
    for words in BAD_INPUTS[case].both_say:
        assert words in str(caught.value), str(caught.value)
        assert words in out, out


def test_a_welsh_translation_with_a_changed_marker_fails_as_the_build_does(fixture_site, capsys):
    with_welsh(fixture_site, WELSH.replace("<!-- phone: advice-line office -->", "<!-- phone: advice-line -->"))
    status, out, _ = run_check(fixture_site.config, capsys)
    assert status == 1
    [line] = out.splitlines()
    assert line.startswith("docs/help.cy.md:11: contact markers differ from docs/help.md: "
                           "missing <!--phone:advice-lineoffice-->; not in English: <!--phone:advice-line-->")
    with pytest.raises(BuildFailed) as caught:
        fixture_site.build()
    assert line in str(caught.value)


def test_every_problem_of_every_file_and_language_is_listed_at_once(fixture_site, capsys):
    # The build stops after the first language with a problem; the check goes through them all.
    with_welsh(fixture_site, WELSH.replace("{#who-can-help}", "{#pwy-all-helpu}") + "\n    [Hafan](index.md#nowhere)\n")
    replace_in(fixture_site, "docs/help.md", "Office:", "Call 0808 801 0366. Office:")
    status, out, err = run_check(fixture_site.config, capsys)
    assert status == 1
    lines = out.splitlines()
    expected = [
        "docs/help.cy.md:7: heading ids differ from docs/help.md: missing who-can-help; not in English: pwy-all-helpu",
        "docs/help.cy.md:15: broken anchor 'index.md#nowhere'",  # on the Welsh home page (the English fallback)
        "docs/help.cy.md:15: links differ from docs/help.md: not in English: index.md#nowhere",
        "docs/help.md:16: phone number '0808 801 0366' is typed",
        # English, but in the Welsh build index.md links to the Welsh help page, which has other ids
        "docs/index.md:14: broken anchor 'help.md#who-can-help'",
    ]
    assert len(lines) == len(expected) and all(map(str.startswith, lines, expected)), lines
    assert lines[-1].endswith("the page has no '#who-can-help'. Fix: did you mean '#pwy-all-helpu'?")
    assert "5 problem(s) in 3 file(s)" in err

    # The build finds the Welsh build's problems once the English pages are right.
    replace_in(fixture_site, "docs/help.md", "Call 0808 801 0366. Office:", "Office:")
    replace_in(fixture_site, "docs/help.cy.md", "[Hafan](index.md#nowhere)", "")
    with pytest.raises(BuildFailed) as caught:
        fixture_site.build()
    assert lines[0] in str(caught.value) and lines[-1] in str(caught.value)


def test_anchors_are_the_ids_the_build_gives(fixture_site, capsys):
    # Headings without {#id} get the toc extension's id; raw HTML ids and the directory's count too.
    fixture_site.write("docs/more.md", """
        ---
        last_reviewed_on: 2026-11-01
        review_in: 10 years
        sources: [{title: Example guidance, publisher: Example Department, checked: 2026-11-01}]
        ---
        # More

        ## Opening times & costs

        ## Opening times & costs

        <p id="raw-id">Raw HTML.</p>

        ```
        <p id="in-code">An example.</p>
        ```

        <!-- directory -->

        [a](#opening-times-costs) [b](#opening-times-costs_1) [c](#raw-id) [d](#need-advice-title)
        [e](#guide-needs) [f](index.md) [g](#in-code)
        """)
    replace_in(fixture_site, "mkdocs.yml", "  - help.md", "  - help.md\n  - more.md")
    status, out, _ = run_check(fixture_site.config, capsys)
    assert status == 1
    assert out.splitlines() == ["docs/more.md:21: broken anchor '#in-code': the page has no '#in-code'. "
                                "Fix: link to a heading id that exists"]
    with pytest.raises(BuildFailed) as caught:
        fixture_site.build()
    assert out.splitlines()[0] in str(caught.value)


def test_check_help_exits_0(capsys):
    with pytest.raises(SystemExit) as stopped:
        check.main(["--help"])
    assert stopped.value.code == 0
    assert "--config" in capsys.readouterr().out


def test_check_without_a_config_file_exits_2(tmp_path, capsys):
    assert check.main(["--config", str(tmp_path / "mkdocs.yml")]) == 2
    assert "no such file" in capsys.readouterr().err


# --- contacts_report.py ----------------------------------------------------------------------

def test_the_report_lists_every_real_contact_with_its_pages(capsys):
    book = load_contacts(ROOT / "contacts.yml")
    assert contacts_report.main(["--months", "1200"]) == 0
    table = capsys.readouterr().out
    rows = {line.split()[0]: line for line in table.splitlines() if line and line.split()[0] in book.ids}
    assert set(rows) == set(book.ids)
    assert "docs/index.md: " in table and "each in en cy" in table

    assert contacts_report.main(["--months", "1200", "--json"]) == 0
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
    assert contacts_report.main(["--config", str(fixture_site.config), "--months", "0"]) == 1
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
    config = str(fixture_site.config)
    assert contacts_report.main(["--config", config, "--months", "1200"]) == 0
    table = capsys.readouterr().out
    [spare] = [line for line in table.splitlines() if line.startswith("spare-line ")]
    assert "UNUSED" in spare and "CHECK NOW" not in spare
    [advice] = [line for line in table.splitlines() if line.startswith("advice-line ")]
    assert "UNUSED" not in advice and "docs/help.md: 2 each in en" in table and "docs/index.md: 4 each in en" in table
    assert table.index("spare-line") < table.index("advice-line")  # oldest check first

    assert contacts_report.main(["--config", config, "--months", "1200", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["unused"] == ["spare-line"] and data["check_now"] == []


def test_an_invalid_contacts_file_exits_1_with_its_lines(fixture_site, capsys):
    replace_in(fixture_site, "contacts.yml", "0808 801 0366", "0808 801 036")
    assert contacts_report.main(["--config", str(fixture_site.config)]) == 1
    assert capsys.readouterr().out.startswith("contacts.yml:14: contact 'advice-line', field 'phones[0].number'")


def test_report_help_exits_0(capsys):
    with pytest.raises(SystemExit) as stopped:
        contacts_report.main(["--help"])
    assert stopped.value.code == 0
    assert "--months" in capsys.readouterr().out


def test_check_finds_a_number_typed_into_mkdocs_yml_as_the_build_does(fixture_site, capsys):
    replace_in(fixture_site, "mkdocs.yml", "site_name: Fixture guide\n",
               "site_name: Fixture guide\nsite_description: Call us on 0808 801 0366.\n")
    status, out, _ = run_check(fixture_site.config, capsys)
    assert status == 1
    [line] = out.splitlines()
    assert line.startswith("mkdocs.yml:3: phone number '0808 801 0366' is typed")
    with pytest.raises(BuildFailed) as caught:
        fixture_site.build()
    assert line in str(caught.value)
