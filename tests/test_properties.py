"""Property tests: whatever the input, the loader and the number finder answer clearly, never crash."""

from __future__ import annotations

import json
import re
import shutil
import tempfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from guide.building import BuildFailed, build_site
from guide import checks
from guide.contacts import ContactBook, ContactsError, load_contacts

ROOT = Path(__file__).resolve().parent.parent
GOOD = (ROOT / "contacts.yml").read_text(encoding="utf-8")
BOOK = load_contacts(ROOT / "contacts.yml")
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def outcome(tmp_path: Path, text: str):
    path = tmp_path / "contacts.yml"
    path.write_text(text, encoding="utf-8")
    try:
        return load_contacts(path)
    except ContactsError as error:
        assert error.problems, "an error must say what is wrong"
        for problem in error.problems:
            assert problem.startswith("contacts.yml:"), problem
            line = problem.split(":")[1]
            assert line.isdigit() and 1 <= int(line) <= text.count("\n") + 2, problem
        return error


lines = GOOD.splitlines(keepends=True)


@FAST
@given(st.data())
def test_any_edit_of_the_contacts_file_gives_a_model_or_a_clear_error(tmp_path, data):
    edited = list(lines)
    for _ in range(data.draw(st.integers(1, 4))):
        index = data.draw(st.integers(0, len(edited) - 1))
        action = data.draw(st.sampled_from(["delete", "duplicate", "garble", "indent"]))
        if action == "delete":
            del edited[index]
        elif action == "duplicate":
            edited.insert(index, edited[index])
        elif action == "garble":
            junk = data.draw(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=12))
            position = data.draw(st.integers(0, len(edited[index])))
            edited[index] = edited[index][:position] + junk + edited[index][position:]
        else:
            edited[index] = "  " + edited[index]
    result = outcome(tmp_path, "".join(edited))
    assert isinstance(result, (ContactBook, ContactsError))


scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=20),
                    st.sampled_from(["0808 801 0366", "9:30", "2026-02-30", "mon", "https://x.org"]))
yaml_values = st.recursive(scalars, lambda children: st.one_of(
    st.lists(children, max_size=4),
    st.dictionaries(st.sampled_from(["id", "topics", "areas", "contacts", "phones", "number", "hours",
                                     "times", "days", "opens", "label", "free", "last_checked"]) | st.text(max_size=8),
                    children, max_size=5)), max_leaves=25)


@FAST
@given(yaml_values)
def test_any_yaml_document_gives_a_model_or_a_clear_error(tmp_path, value):
    result = outcome(tmp_path, yaml.safe_dump(value, allow_unicode=True))
    assert isinstance(result, (ContactBook, ContactsError))


@FAST
@given(st.text(max_size=300))
def test_the_number_finder_never_crashes_and_reports_real_lines(text):
    for problem in checks.typed_numbers("p.md", text, BOOK):
        assert 1 <= problem.line <= text.count("\n") + 1


known = [(p.grouped, c.id) for c in BOOK.contacts for p in c.phones]
prose = st.text(alphabet=st.sampled_from(list("abcdefghij klmno.,;\n")), max_size=60)


@FAST
@given(prose, st.sampled_from(known), st.sampled_from([" ", "-", ""]), prose)
def test_a_known_number_in_any_sentence_is_found_and_named(before, number_and_id, separator, after):
    number, contact_id = number_and_id
    typed = number.replace(" ", separator)
    text = f"{before} {typed} {after}"
    problems = checks.typed_numbers("p.md", text, BOOK)
    assert len(problems) == 1
    assert contact_id in problems[0].message
    assert problems[0].line == before.count("\n") + 1


# --- Through the whole build -----------------------------------------------------------------
# Generated pages and contact words go through the real build of the fixture guide. Whatever they
# hold, the build either makes a site in which no generated text became markup, or stops with a
# message that names a file: never a traceback, never a script or markup of the editor's.

FIXTURE = Path(__file__).parent / "fixtures" / "minimal"
PAYLOAD = "<script>alert(1)</script>"
blocks = st.sampled_from([
    "Plain words.", "Ask for an advocate & take notes.", "5 < 6 and 7 > 3.", "\"Quotes\" and 'apostrophes'.",
    "<!-- phone: advice-line -->", "Call <!-- phone: advice-line office --> today.", "<!-- contact: advice-line -->",
    "<!-- hours: advice-line -->", "<!-- phone: nobody -->", "<!-- Phone: advice-line -->", "<!-- contact: advice-line",
    "<!-- directory -->", "<!-- site-contact -->", "<!-- just a note -->", "<!-- a note that runs on",
    "[Help](help.md)", "[Help](help.md#who-can-help)", "[Gone](gone.md)", "[Anchor](#nowhere)",
    "<b>bold</b>", PAYLOAD, '<img src="x" onerror="alert(1)">', "[x](javascript:alert(1))",
    "Ring 0808 801 0366.", "## A heading", "## Who can help {#who-can-help}", "```\n<!-- phone: nobody -->\n```",
    "| a | b |\n|---|---|\n| 1 | 2 |", "&amp; &lt;b&gt;", "--8<-- \"nothere.md\"",
])
words = st.text(alphabet=st.sampled_from(list("abc <>&\"'/=;:!-")), min_size=1, max_size=30)


class _MarkupFinder(HTMLParser):
    """Elements and attributes a generated value could have slipped in: event attributes, and
    script elements that are not the generator's (which hold no 'alert')."""

    def __init__(self):
        super().__init__()
        self.found: list[str] = []
        self.text: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.found += [f"<{tag} {name}=>" for name, _ in attrs if name.startswith("on")]
        self.found += [f"<{tag} href={value}>" for name, value in attrs
                       if name in ("href", "src") and (value or "").strip().lower().startswith("javascript:")]
        self._in_script = tag == "script"

    def handle_data(self, data):
        self.text.append(data)
        if self._in_script and "alert(" in data:
            self.found.append("<script>alert(...)")

    def handle_endtag(self, tag):
        self._in_script = False


@pytest.mark.build
@settings(max_examples=30, deadline=None)
@given(page=st.lists(blocks, min_size=1, max_size=8), description=words, service=words)
def test_any_page_and_contact_words_build_safely_or_stop_naming_a_file(page, description, service):
    with tempfile.TemporaryDirectory() as folder:
        guide = Path(folder) / "guide"
        shutil.copytree(FIXTURE, guide)
        config = guide / "mkdocs.yml"
        config.write_text(config.read_text(encoding="utf-8").replace("@ROOT@", str(ROOT)), encoding="utf-8")
        help_page = guide / "docs" / "help.md"
        help_page.write_text(help_page.read_text(encoding="utf-8") + "\n" + "\n\n".join(page) + "\n", encoding="utf-8")
        contacts = guide / "contacts.yml"
        contacts.write_text(contacts.read_text(encoding="utf-8")
                            .replace("description: Free advice.", f"description: {json.dumps(description)}")
                            .replace("service: Advice line", f"service: {json.dumps(service)}"), encoding="utf-8")
        try:
            site = build_site(config, guide / "site")
        except BuildFailed as error:
            message = str(error)
            assert "Traceback" not in message
            assert not re.search(r"\b(Key|Type|Attribute|Index|Value|Name|Unicode\w*)Error\b", message), message
            assert re.search(r"(docs/\S+\.md|contacts\.yml|mkdocs\.yml)", message), message
            return
        for built in site.rglob("*.html"):
            finder = _MarkupFinder()
            finder.feed(built.read_text(encoding="utf-8"))
            assert finder.found == [], f"{built.relative_to(site)}: {finder.found}"
        finder = _MarkupFinder()
        finder.feed((site / "help" / "index.html").read_text(encoding="utf-8"))
        shown = " ".join("".join(finder.text).split())
        assert " ".join(service.split()) in shown  # the contact's own words, shown as text
