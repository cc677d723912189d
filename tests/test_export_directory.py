"""`guide export` (guide.export_directory): the Open Referral UK JSON has the published shape, loses nothing of
contacts.yml, keeps its ids across exports; the CSV has one row per number; mistakes stop it."""

from __future__ import annotations

import csv
import json
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import phonenumbers
import pytest

from guide import export_directory
from guide.contacts import DAYS, load_contacts
from guide.i18n import StringsBook
from guide.render import hours_text

ROOT = Path(__file__).resolve().parent.parent

# A contacts file with what the real one lacks: several numbers in one entry, text and WhatsApp
# numbers, a note, two opening slots, bank holidays open, an email, an address without a website.
RICH = textwrap.dedent("""\
    topics:
      advocacy: Advocacy
      young-parents: Young parents
    areas:
      england: England
      wales: Wales
    contacts:
      - id: test-advocacy
        organisation: Test Advocacy Trust
        service: Parent advocacy
        description: Advocates for parents at child protection meetings.
        topics: [advocacy, young-parents]
        audience: Parents
        areas: [wales]
        phones:
          - number: 029 2018 3000
            label: office
            free: false
          - number: 07911 123456
            label: text
            free: false
            note: Texts answered within a day
          - number: 0800 123 4567
            display: 0800 123 4567
            label: out-of-hours
            free: true
          - number: 07400 123456
            label: whatsapp
            free: false
        hours:
          times:
            - days: [mon, tue, wed, thu]
              opens: "9:00"
              closes: "17:30"
            - days: [sat, fri]
              opens: "10:00"
              closes: "13:00"
          bank_holidays: open
        email: help@example.org.uk
        address:
          lines: [Unit 4, Example Street]
          town: Cardiff
          postcode: cf10 1aa
        last_checked: 2024-01-15
        checked_against: https://www.example.org/contact
      - id: test-advocacy-helpline
        organisation: Test Advocacy Trust
        service: Helpline
        description: Advice by phone.
        topics: [advocacy]
        audience: Anyone
        areas: [england, wales]
        phones:
          - number: 0808 111 2222
            label: helpline
            free: true
        hours:
          open_24_hours: true
        email: help@example.org.uk
        website: https://example.org.uk/helpline
        last_checked: 2024-01-15
        checked_against: https://www.example.org/contact
""")

# --- The shape exported, written down from the Open Referral UK 3.0 / HSDS 3.0 field lists. ---
# "required" lists the fields the published schemas require (for nested JSON, plus the
# tabular_required links); additionalProperties: False keeps the export to published field names.
UUID = {"type": "string", "pattern": r"^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"}
TEXT = {"type": "string", "pattern": r"\S"}
DATE = {"type": "string", "pattern": r"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$"}
TIME = {"type": "string", "pattern": r"^([01]\d|2[0-3]):[0-5]\d$"}  # HH:MM
EMAIL = {"type": "string", "pattern": r"^[^@\s]+@[^@\s]+\.[^@\s]+$"}
URI = {"type": "string", "pattern": r"^https?://\S+$"}
DAY = "(MO|TU|WE|TH|FR|SA|SU)"


def obj(required: list[str], **properties: dict) -> dict:
    return {"type": "object", "required": required, "properties": properties, "additionalProperties": False}


def array(items: dict) -> dict:
    return {"type": "array", "items": items}


TAXONOMY_TERM = obj(["id", "name", "taxonomy"], id=UUID, code=TEXT, name=TEXT, term=TEXT, description=TEXT,
                    taxonomy=TEXT, taxonomy_id=UUID, parent_id=UUID, term_uri=URI)
ADDRESS = obj(
    # Published lists also require state_province: contacts.yml has no county or nation, and
    # guessing one from a postcode would be wrong near the border, so the export leaves it out.
    ["id", "address_1", "city", "postal_code", "country", "address_type"],
    id=UUID, location_id=UUID, attention=TEXT, address_1=TEXT, city=TEXT, region=TEXT, state_province=TEXT,
    postal_code={"type": "string", "pattern": r"^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$"},
    country={"type": "string", "enum": ["GB"]},  # ISO 3166-1 alpha-2
    address_type={"type": "string", "enum": ["physical", "postal", "virtual"]})
OPEN_REFERRAL = obj(
    ["organizations", "services"],
    organizations=array(obj(["id", "name", "description"], id=UUID, name=TEXT, description=TEXT,
                            email=EMAIL, website=URI)),
    services=array(obj(
        ["id", "organization_id", "name", "status"],
        id=UUID, organization_id=UUID, name=TEXT, description=TEXT, url=URI, email=EMAIL,
        status={"type": "string", "enum": ["active", "inactive", "defunct", "temporarily closed"]},
        eligibility_description=TEXT, assured_date=DATE,
        phones=array(obj(["id", "number"], id=UUID, service_id=UUID,
                         number={"type": "string", "pattern": r"^\+44( \d+)+$"},
                         type={"type": "string", "enum": ["text", "voice", "fax", "cell", "video", "pager",
                                                          "textphone"]},  # RFC 6350
                         description=TEXT)),
        schedules=array(obj(["id"], id=UUID, service_id=UUID,
                            freq={"type": "string", "enum": ["WEEKLY", "MONTHLY"]},
                            byday={"type": "string", "pattern": rf"^{DAY}(,{DAY})*$"},
                            opens_at=TIME, closes_at=TIME, description=TEXT, notes=TEXT)),
        service_areas=array(obj(["id"], id=UUID, service_id=UUID, name=TEXT, description=TEXT,
                                service_area=TEXT)),
        service_at_locations=array(obj(
            ["id", "service_id", "location_id"], id=UUID, service_id=UUID, location_id=UUID,
            location=obj(["id", "location_type"], id=UUID, name=TEXT,
                         location_type={"type": "string", "enum": ["physical", "postal", "virtual"]},
                         addresses=array(ADDRESS)))),
        attributes=array(obj(["id", "link_id", "link_entity", "taxonomy_term_id"], id=UUID, link_id=UUID,
                             link_entity={"type": "string", "enum": ["service"]}, taxonomy_term_id=UUID,
                             taxonomy_term=TAXONOMY_TERM)),
    )),
    taxonomies=array(obj(["id", "name", "description"], id=UUID, name=TEXT, description=TEXT)),
)

TYPES = {"object": dict, "array": list, "string": str, "boolean": bool}


def validate(value: object, schema: dict, path: str = "$") -> list[str]:
    """Every way `value` breaks `schema`: the subset of JSON Schema used above, nothing more."""
    expected = schema.get("type")
    if expected == "number":
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
    else:
        ok = expected is None or isinstance(value, TYPES[expected])
    if not ok:
        return [f"{path}: expected {expected}, got {type(value).__name__}"]
    errors = []
    if "enum" in schema and value not in schema["enum"]:
        errors.append(f"{path}: {value!r} is not one of {schema['enum']}")
    if "pattern" in schema and not re.search(schema["pattern"], value):
        errors.append(f"{path}: {value!r} does not match {schema['pattern']}")
    if isinstance(value, dict):
        errors += [f"{path}: '{key}' is required" for key in schema.get("required", []) if key not in value]
        properties = schema.get("properties", {})
        for key, item in value.items():
            if key in properties:
                errors += validate(item, properties[key], f"{path}.{key}")
            elif schema.get("additionalProperties") is False:
                errors.append(f"{path}: '{key}' is not a field of the published list")
    if isinstance(value, list) and "items" in schema:
        for index, item in enumerate(value):
            errors += validate(item, schema["items"], f"{path}[{index}]")
    return errors


def ids_of(value: object) -> list[str]:
    """Every record's id, leaving out taxonomy terms (one topic is one term, shared by services)."""
    if isinstance(value, list):
        return [i for item in value for i in ids_of(item)]
    if not isinstance(value, dict):
        return []
    found = [value["id"]] if "id" in value else []
    return found + [i for key, item in value.items() if key != "taxonomy_term" for i in ids_of(item)]


def export(tmp_path: Path, contacts: Path, *options: str) -> Path:
    out = tmp_path / "out"
    assert export_directory.main(["--contacts", str(contacts), "--out-dir", str(out), *options]) == 0
    return out


@pytest.fixture(params=["real", "rich"])
def contacts_file(request, tmp_path) -> Path:
    if request.param == "real":
        return ROOT / "contacts.yml"
    path = tmp_path / "rich.yml"
    path.write_text(RICH, encoding="utf-8")
    return path


def test_the_export_has_the_published_open_referral_shape(tmp_path, contacts_file):
    document = json.loads((export(tmp_path, contacts_file) / "open-referral.json").read_text(encoding="utf-8"))
    assert validate(document, OPEN_REFERRAL) == []
    ids = ids_of(document)
    assert len(ids) == len(set(ids)), "two records share an id"
    organizations = {o["id"] for o in document["organizations"]}
    assert {s["organization_id"] for s in document["services"]} == organizations


def test_the_validator_rejects_what_the_standard_does_not_allow(tmp_path):
    document = json.loads((export(tmp_path, ROOT / "contacts.yml") / "open-referral.json").read_text())
    service = document["services"][0]
    service["status"] = "open"
    service["schedules"][0]["opens_at"] = "9:30"
    service["schedules"][0]["byday"] = "MON,TUE"
    del service["phones"][0]["number"]
    service["phone"] = "0808 801 0366"
    service["id"] = "frg-advice-line"
    errors = validate(document, OPEN_REFERRAL)
    for words in ("'open' is not one of", "'9:30' does not match", "'MON,TUE' does not match",
                  "'number' is required", "'phone' is not a field", "'frg-advice-line' does not match"):
        assert any(words in e for e in errors), (words, errors)


def test_every_contact_and_number_comes_through_unchanged(tmp_path, contacts_file):
    book = load_contacts(contacts_file)
    document = json.loads((export(tmp_path, contacts_file) / "open-referral.json").read_text(encoding="utf-8"))
    services = {s["id"]: s for s in document["services"]}
    organizations = {o["id"]: o for o in document["organizations"]}
    assert len(services) == len(book.contacts)
    for contact in book.contacts:
        service = services.pop(export_directory.stable_id("service", contact.id))
        assert organizations[service["organization_id"]]["name"] == contact.organisation
        assert (service["name"], service["description"]) == (contact.service, contact.description)
        assert service.get("url") == contact.website
        assert service.get("email") == contact.email
        assert service["assured_date"] == contact.last_checked.isoformat()
        # Numbers: the same digits, in the same order.
        exported = [phonenumbers.format_number(phonenumbers.parse(p["number"]), phonenumbers.PhoneNumberFormat.E164)
                    for p in service["phones"]]
        assert exported == [p.e164 for p in contact.phones]
        for phone, record in zip(contact.phones, service["phones"]):
            assert re.sub(r"\D", "", record["number"]) == phone.e164[1:]
            assert record["description"].startswith(StringsBook().strings("en").raw("phone_labels")[phone.label])
        # Hours: each slot's days and times, or every day round the clock.
        schedules = service["schedules"]
        if contact.hours is None:
            assert schedules == []
        elif contact.hours.open_24_hours:
            assert [(s["byday"], s["opens_at"], s["closes_at"]) for s in schedules] == \
                [("MO,TU,WE,TH,FR,SA,SU", "00:00", "23:59")]
            assert schedules[0]["description"] == hours_text(contact.hours, StringsBook().strings("en"))
        else:
            assert [(set(s["byday"].split(",")), s["opens_at"], s["closes_at"]) for s in schedules] == [
                ({d[:2].upper() for d in slot.days}, f"{slot.opens:%H:%M}", f"{slot.closes:%H:%M}")
                for slot in contact.hours.times]
            for s in schedules:
                days = s["byday"].split(",")
                assert days == sorted(days, key=[d[:2].upper() for d in DAYS].index)
                assert s["freq"] == "WEEKLY" and s["description"]
        assert [a["name"] for a in service["service_areas"]] == [book.areas[a] for a in contact.areas]
        assert [a["taxonomy_term"]["code"] for a in service["attributes"]] == list(contact.topics)
        assert {a["taxonomy_term"]["taxonomy"] for a in service["attributes"]} == {"family-advocacy-guide-topics"}
        if contact.address is None:
            assert service["service_at_locations"] == []
        else:
            (address,) = service["service_at_locations"][0]["location"]["addresses"]
            assert address["address_1"] == ", ".join(contact.address.lines)
            assert (address["city"], address["postal_code"], address["country"]) == \
                (contact.address.town, contact.address.postcode, "GB")
    assert services == {}


def test_the_rich_entry_maps_text_numbers_bank_holidays_and_organisations(tmp_path):
    path = tmp_path / "rich.yml"
    path.write_text(RICH, encoding="utf-8")
    document = json.loads((export(tmp_path, path) / "open-referral.json").read_text(encoding="utf-8"))
    (organization,) = document["organizations"]
    assert organization["email"] == "help@example.org.uk" and "website" not in organization
    service = document["services"][0]
    assert [(p["number"], p.get("type"), p["description"]) for p in service["phones"]] == [
        ("+44 29 2018 3000", "voice", "Office"),
        ("+44 7911 123456", "text", "Text. Texts answered within a day"),
        ("+44 800 123 4567", "voice", "Out of hours"),
        ("+44 7400 123456", None, "WhatsApp"),  # no RFC 6350 type fits
    ]
    assert [(s["byday"], s["opens_at"], s["closes_at"], s["description"]) for s in service["schedules"]] == [
        ("MO,TU,WE,TH", "09:00", "17:30", "Monday to Thursday, 9am to 5:30pm; open on bank holidays"),
        ("FR,SA", "10:00", "13:00", "Friday and Saturday, 10am to 1pm; open on bank holidays"),
    ]
    assert service["service_at_locations"][0]["location"]["addresses"][0]["postal_code"] == "CF10 1AA"


def test_ids_stay_the_same_when_the_export_runs_again(tmp_path):
    first = export(tmp_path / "a", ROOT / "contacts.yml")
    second = export(tmp_path / "b", ROOT / "contacts.yml")
    for name in ("open-referral.json", "directory.csv"):
        assert (first / name).read_bytes() == (second / name).read_bytes()
    document = json.loads((first / "open-referral.json").read_text(encoding="utf-8"))
    assert document["services"][0]["id"] == "dc60bbf4-008f-5cfe-ba3a-676f3da263a4"  # frg-advice-line, for good


def test_the_csv_has_one_row_per_number_with_the_right_columns(tmp_path, contacts_file):
    book = load_contacts(contacts_file)
    out = export(tmp_path, contacts_file, "--format", "csv")
    assert not (out / "open-referral.json").exists()
    with open(out / "directory.csv", encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        rows = list(reader)
    assert tuple(reader.fieldnames) == ("contact_id", "organisation", "service", "phone_label", "number", "tel",
                                        "free", "hours", "areas", "topics", "email", "website", "last_checked")
    expected = [(c, p) for c in book.contacts for p in c.phones]
    assert len(rows) == len(expected)
    t = StringsBook().strings("en")
    for row, (contact, phone) in zip(rows, expected):
        assert row["contact_id"] == contact.id and row["organisation"] == contact.organisation
        assert (row["number"], row["tel"]) == (phone.grouped, phone.e164)
        assert row["phone_label"] == t.raw("phone_labels")[phone.label]
        assert row["free"] == ("yes" if phone.free else "no")
        assert row["hours"] == hours_text(contact.hours, t)
        assert row["areas"] == "; ".join(book.areas[a] for a in contact.areas)
        assert row["topics"] == "; ".join(book.topics[s] for s in contact.topics)
        assert (row["email"], row["website"]) == (contact.email or "", contact.website or "")
        assert row["last_checked"] == contact.last_checked.isoformat()


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "guide.export_directory", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=60)


def test_a_broken_contacts_file_stops_the_export_naming_every_file_and_line(tmp_path):
    text = (ROOT / "contacts.yml").read_text(encoding="utf-8")
    broken = text.replace("- number: 0300 123 3393", "- number: 0300 123 339") \
                 .replace("checked_against: https://frg.org.uk/", "checked_against: frg.org.uk/")
    (tmp_path / "broken.yml").write_text(broken, encoding="utf-8")
    number_line = broken[: broken.index("0300 123 339")].count("\n") + 1
    checked_line = broken[: broken.index("checked_against: frg.org.uk/")].count("\n") + 1
    result = run("--contacts", "broken.yml", "--out-dir", "out", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert f"broken.yml:{number_line}: contact 'mind-infoline', field 'phones[0].number'" in result.stderr
    assert f"broken.yml:{checked_line}: contact 'frg-advice-line', field 'checked_against'" in result.stderr
    assert not (tmp_path / "out").exists()


def test_a_missing_contacts_file_exits_1_and_help_exits_0(tmp_path):
    result = run("--config", str(ROOT / "mkdocs.yml"), "--contacts", "nowhere.yml", cwd=tmp_path)
    assert result.returncode == 1 and "nowhere.yml: cannot read the contacts file" in result.stderr
    result = run("--help", cwd=tmp_path)
    assert result.returncode == 0
    assert "Open Referral UK" in result.stdout and "--out-dir" in result.stdout and "--format" in result.stdout


def test_the_command_line_writes_both_files_by_default(tmp_path):
    (tmp_path / "mkdocs.yml").write_text((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "contacts.yml").write_text((ROOT / "contacts.yml").read_text(encoding="utf-8"), encoding="utf-8")
    result = run("--out-dir", "export", cwd=tmp_path)  # ./mkdocs.yml, and the contacts file it names
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in (tmp_path / "export").iterdir()) == ["directory.csv", "open-referral.json"]


def test_config_points_at_another_guide_s_contacts_and_site(tmp_path):
    # An organisation's guide in its own folder: its contacts file, exported into its own site/.
    guide = tmp_path / "guide"
    shutil.copytree(ROOT / "hooks" / "guide" / "example", guide)
    done = run("--config", str(guide / "mkdocs.yml"), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    exported = json.loads((guide / "site" / "directory-export" / "open-referral.json").read_text(encoding="utf-8"))
    names = {organisation["name"] for organisation in exported["organizations"]}
    assert any("Afon Valley" in name for name in names), names
    assert not (ROOT / "hooks" / "guide" / "example" / "site").exists()


def test_the_export_writes_the_guide_s_own_english_words(tmp_path):
    # The guide's strings/en.yml changes a label: its export says what its site says.
    guide = tmp_path / "guide"
    shutil.copytree(ROOT / "hooks" / "guide" / "example", guide)
    (guide / "strings").mkdir()
    (guide / "strings" / "en.yml").write_text("phone_labels:\n  helpline: Help line (free)\n", encoding="utf-8")
    done = run("--config", str(guide / "mkdocs.yml"), "--format", "csv", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader((guide / "site" / "directory-export" / export_directory.CSV_NAME).open(encoding="utf-8")))
    labels = {row["phone_label"] for row in rows}
    assert "Help line (free)" in labels and "Helpline" not in labels

    (guide / "strings" / "en.yml").write_text("phone_labels: [\n", encoding="utf-8")
    broken = run("--config", str(guide / "mkdocs.yml"), cwd=tmp_path)
    assert broken.returncode == 1 and re.search(r"strings/en\.yml:\d+: this is not valid YAML", broken.stderr)
