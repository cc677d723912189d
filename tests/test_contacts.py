"""The contacts loader: the real file loads; each kind of mistake names file, line, id and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from guide.contacts import ContactsError, load_contacts

ROOT = Path(__file__).resolve().parent.parent
REAL = (ROOT / "contacts.yml").read_text(encoding="utf-8")


def test_the_real_contacts_file_loads_with_every_organisation_and_where_it_was_checked():
    book = load_contacts(ROOT / "contacts.yml")
    numbers = {p.grouped: (c.organisation, p.free) for c in book.contacts for p in c.phones}
    assert numbers == {
        "0808 801 0366": ("Family Rights Group", True),
        "0808 2000 247": ("Refuge", True),
        "0808 801 0327": ("Respect", True),
        "0808 80 10 800": ("Welsh Women's Aid, for the Welsh Government", True),
        "0300 123 3393": ("Mind", False),
        "0808 808 1111": ("Mencap", True),
        "0808 800 5792": ("Coram Voice", True),
        "0800 1111": ("NSPCC", True),
        "080880 23456": ("Meic", True),
    }
    advice = book.get("frg-advice-line")
    assert advice.phones[0].e164 == "+448088010366"
    assert advice.hours.bank_holidays == "closed"
    assert advice.areas == ("england",)  # Family Rights Group advises on England only
    assert book.get("national-domestic-abuse-helpline").hours.open_24_hours
    assert book.get("live-fear-free").areas == ("wales",)
    assert all(c.checked_against.startswith("https://") for c in book.contacts)
    assert str(book.get("meic").hours.times[0].closes) == "23:59:59.999999"  # "24:00", midnight


ADDRESS = ("    website: https://www.mind.org.uk\n",
           "    website: https://www.mind.org.uk\n    address:\n      lines: [1 Example Street]\n"
           "      town: London\n      postcode: E8 3DL\n")
GOOD = REAL.replace(*ADDRESS, 1)  # the real file, with an address to get wrong


def load_text(tmp_path: Path, text: str):
    path = tmp_path / "contacts.yml"
    path.write_text(text, encoding="utf-8")
    return load_contacts(path)


def line_of(text: str, needle: str) -> int:
    return text[: text.rindex(needle)].count("\n") + 1


@pytest.mark.parametrize("old, new, contact, field, words", [
    ("0300 123 3393", "0300 123 339", "mind-infoline", "phones[0].number", "not a valid UK phone number"),
    ("0808 808 1111", "+1 202 555 0143", "mencap-helpline", "phones[0].number", "not a valid UK phone number"),
    ("label: helpline\n        free: false", "label: helpine\n        free: false",
     "mind-infoline", "phones[0].label", "not 'helpine'"),
    ("topics: [mental-health, advocacy]", "topics: [mental-helth, advocacy]",
     "mind-infoline", "topics[0]", "did you mean 'mental-health'"),
    ("areas: [wales]\n    phones:\n      - number: 0808 80 10 800", "areas: [cymru]\n    phones:\n      - number: 0808 80 10 800",
     "live-fear-free", "areas[0]", "unknown area 'cymru'"),
    ("last_checked: 2026-12-02\n    checked_against: https://frg.org.uk",
     "last_checked: 2026-02-30\n    checked_against: https://frg.org.uk",
     "frg-advice-line", "last_checked", "day value is outside expected range"),
    ("checked_against: https://frg.org.uk/get-help-and-advice/what/complaints/",
     "checked_against: frg.org.uk/get-help-and-advice/what/complaints/",
     "frg-advice-line", "checked_against", "full https:// address of the organisation's own page"),
    ("- id: mencap-helpline", "- id: mind-infoline", "mind-infoline", "id", "already used by the entry on line"),
    ("        label: helpline\n        free: true\n    website: https://www.mencap.org.uk",
     "        label: helpline\n        free: false\n    website: https://www.mencap.org.uk",
     "mencap-helpline", "phones[0]", "freephone number: set free: true"),
    ("- days: [mon, tue, wed, thu, fri]\n          opens: \"09:00\"\n          closes: \"18:00\"",
     "- days: [mon, tue, wed, thu]\n          opens: \"18:00\"\n          closes: \"09:00\"",
     "mind-infoline", "hours.times[0]", "must be later than opens"),
    ("postcode: E8 3DL", "postcode: E83", "mind-infoline", "address.postcode", "not a UK postcode"),
    ("website: https://www.mind.org.uk", "websit: https://www.mind.org.uk", "mind-infoline", "websit",
     "not known"),
])
def test_a_mistake_names_file_line_entry_and_field(tmp_path, old, new, contact, field, words):
    assert old in GOOD
    text = GOOD.replace(old, new, 1)
    with pytest.raises(ContactsError) as caught:
        load_text(tmp_path, text)
    message = str(caught.value)
    expected_line = line_of(text, new.split("\n")[0]) if field != "phones[0]" else None
    assert f"contact '{contact}'" in message
    assert f"field '{field}'" in message
    assert words in message
    assert message.startswith("contacts.yml:")
    if expected_line:
        assert f"contacts.yml:{expected_line}:" in message


def test_a_missing_required_field_is_named(tmp_path):
    text = GOOD.replace("    audience: Women experiencing domestic abuse, and people worried about them\n", "", 1)
    with pytest.raises(ContactsError) as caught:
        load_text(tmp_path, text)
    assert "contact 'national-domestic-abuse-helpline', field 'audience': this required field is missing" \
        in str(caught.value)


def test_a_contact_without_the_page_it_was_checked_against_is_refused(tmp_path):
    text = GOOD.replace("    checked_against: https://www.mind.org.uk/information-support/helplines/text-service-faqs/\n",
                        "", 1)
    with pytest.raises(ContactsError) as caught:
        load_text(tmp_path, text)
    assert "contact 'mind-infoline', field 'checked_against': this required field is missing" in str(caught.value)


def test_a_translated_phone_note_needs_a_note_to_translate(tmp_path):
    text = GOOD.replace("        service: Llinell wybodaeth (Infoline)\n",
                        "        service: Llinell wybodaeth (Infoline)\n        phone_notes: {helpline: Nodyn}\n", 1)
    assert text != GOOD
    with pytest.raises(ContactsError) as caught:
        load_text(tmp_path, text)
    assert "phone_notes.helpline': no 'helpline' number of this entry has a note" in str(caught.value)


def test_malformed_yaml_names_the_line(tmp_path):
    text = GOOD.replace("    service: Advice line\n", "    service: [Advice line\n", 1)
    with pytest.raises(ContactsError) as caught:
        load_text(tmp_path, text)
    assert "not valid YAML" in str(caught.value)
    assert str(caught.value).startswith("contacts.yml:")


def test_a_duplicate_key_is_reported_not_silently_overwritten(tmp_path):
    text = GOOD.replace("    service: Advice line\n", "    service: Advice line\n    service: Another name\n", 1)
    with pytest.raises(ContactsError) as caught:
        load_text(tmp_path, text)
    assert f"contacts.yml:{line_of(text, 'service: Another name')}: the key 'service' appears twice" in str(caught.value)


def test_every_mistake_is_reported_at_once(tmp_path):
    text = GOOD.replace("0300 123 3393", "0300 123 339").replace("postcode: E8 3DL", "postcode: nowhere")
    with pytest.raises(ContactsError) as caught:
        load_text(tmp_path, text)
    assert len(caught.value.problems) == 2


def test_times_written_without_quotes_are_read_as_times(tmp_path):
    book = load_text(tmp_path, GOOD.replace('opens: "09:30"', "opens: 9:30"))
    assert str(book.get("frg-advice-line").hours.times[0].opens) == "09:30:00"


def test_a_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(ContactsError) as caught:
        load_contacts(tmp_path / "nowhere.yml")
    assert "cannot read the contacts file" in str(caught.value)


def test_an_entry_shows_its_own_words_in_each_language_and_english_where_none_are_given(tmp_path):
    book = load_contacts(ROOT / "contacts.yml")
    mind = book.get("mind-infoline")
    welsh = mind.translations["cy"].service
    assert book.words(mind, "cy").service == welsh and book.words(mind, "cy").lang == "cy"
    assert book.words(mind, "fr").service == "Infoline" and book.words(mind, "fr").lang == "en"
    assert book.topic_name("domestic-abuse", "ar") == "العنف الأسري"
    assert book.area_name("wales", "cy") == "Cymru" and book.area_name("wales", "fr") == "Wales"


def test_a_translated_name_for_an_unknown_topic_is_named_with_its_line(tmp_path):
    text = GOOD.replace("      advocacy: Eiriolaeth", "      advocasy: Eiriolaeth", 1)
    with pytest.raises(ContactsError) as caught:
        load_text(tmp_path, text)
    assert caught.value.problems == [
        f"contacts.yml:{line_of(text, 'advocasy: Eiriolaeth')}: field 'translations.cy.topics.advocasy': unknown "
        "topic 'advocasy'. Known: advocacy, legal-advice, domestic-abuse, mental-health, learning-disability, "
        "children. Fix: translate only names listed under 'topics:'"]


@pytest.mark.parametrize("number, words", [("0909 879 0000", "a premium-rate number"),
                                           ("0871 222 3333", "a premium-rate number"),
                                           ("070 1234 5678", "a 070 personal number")])
def test_a_number_that_could_cost_a_family_a_lot_is_refused(tmp_path, number, words):
    text = GOOD.replace("0300 123 3393", number, 1)
    with pytest.raises(ContactsError) as caught:
        load_text(tmp_path, text)
    message = str(caught.value)
    assert f"contacts.yml:{line_of(text, number)}: contact 'mind-infoline', field 'phones[0].number'" in message
    assert words in message and "0800/0808, 03 or landline" in message


def test_an_084_number_is_allowed_and_the_card_says_to_ask_what_it_costs(tmp_path):
    from guide.i18n import StringsBook
    from guide.render import phone_view

    book = load_text(tmp_path, GOOD.replace("0300 123 3393", "0845 404 0506", 1))
    phone = book.get("mind-infoline").phones[0]
    assert phone.grouped == "0845 404 0506"
    assert phone_view(phone, StringsBook().strings("en")).cost == "Ask your phone provider what this call costs"
