"""Property tests: whatever the input, the loader and the number finder answer clearly, never crash."""

from __future__ import annotations

from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

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
