"""Export the contacts as an Open Referral UK directory (JSON) and a spreadsheet (CSV).

    guide export                                   both files into site/directory-export/
    guide export -- --format json --out-dir export
    guide export -- --contacts other-contacts.yml
    guide export -f my-guide/mkdocs.yml            that guide's contacts, into its site/

open-referral.json follows Open Referral UK 3.0, the UK profile of the Human Services Data
Specification (HSDS 3.0): `organizations`, and `services` with their phones, schedules, service
areas, topics (as taxonomy terms under `attributes`) and, when an entry has an address, a location.
Every id is a UUID derived from the entry's id in contacts.yml (uuid5), so a re-export keeps them.
directory.csv has one row per phone number, with the hours in words.

The contacts file is checked exactly as the build checks it. Exit status: 0 exported; 1 a problem
with the contacts file (every problem is printed with its file and line) or the output folder;
2 usage.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
import uuid
from collections.abc import Iterable
from pathlib import Path

import phonenumbers

from guide.contacts import DAYS, Contact, ContactBook, ContactsError, Hours, Phone, load_contacts
from guide.i18n import Strings, StringsBook, StringsError
from guide.render import hours_text
from guide import settings

JSON_NAME = "open-referral.json"
CSV_NAME = "directory.csv"
TAXONOMY = "family-advocacy-guide-topics"
# All ids hang off this namespace: the same contacts.yml id always gives the same UUID.
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:family-advocacy-guide:directory")
BYDAY = dict(zip(DAYS, ("MO", "TU", "WE", "TH", "FR", "SA", "SU")))
# RFC 6350 phone types, as HSDS `phone.type` names them. WhatsApp has none: no type is given.
PHONE_TYPES = {"helpline": "voice", "office": "voice", "out-of-hours": "voice", "text": "text",
               "textphone": "textphone"}
CSV_COLUMNS = ("contact_id", "organisation", "service", "phone_label", "number", "tel", "free",
               "hours", "areas", "topics", "email", "website", "last_checked")


def stable_id(*parts: str) -> str:
    """A UUID that depends only on its parts: `stable_id("service", "frg-advice-line")`."""
    return str(uuid.uuid5(NAMESPACE, "/".join(parts)))


def international(phone: Phone) -> str:
    """+44 808 801 0366, keeping the organisation's own grouping when contacts.yml gives one."""
    display = (phone.display or "").strip()
    if display.startswith("+44"):
        return display
    if display.startswith("0"):
        return "+44 " + display[1:]
    return phonenumbers.format_number(phone.parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def _schedules(contact: Contact, service_id: str, t: Strings) -> list[dict]:
    hours = contact.hours
    if hours is None:
        return []
    note = "Times are UK local time (Europe/London)."
    if hours.open_24_hours:
        return [{"id": stable_id("schedule", contact.id, "0"), "service_id": service_id,
                 "freq": "WEEKLY", "byday": ",".join(BYDAY.values()),
                 "opens_at": "00:00", "closes_at": "23:59",
                 "description": hours_text(hours, t), "notes": note}]
    schedules = []
    for index, slot in enumerate(hours.times):
        one = Hours(times=(slot,), bank_holidays=hours.bank_holidays)
        schedules.append({
            "id": stable_id("schedule", contact.id, str(index)), "service_id": service_id,
            "freq": "WEEKLY", "byday": ",".join(BYDAY[d] for d in DAYS if d in slot.days),
            "opens_at": f"{slot.opens:%H:%M}", "closes_at": f"{slot.closes:%H:%M}",
            "description": hours_text(one, t), "notes": note})
    return schedules


def _phones(contact: Contact, service_id: str, t: Strings) -> list[dict]:
    phones = []
    for phone in contact.phones:
        description = t.raw("phone_labels")[phone.label]
        if phone.note:
            description += f". {phone.note}"
        record = {"id": stable_id("phone", contact.id, phone.e164), "service_id": service_id,
                  "number": international(phone)}
        if phone.label in PHONE_TYPES:
            record["type"] = PHONE_TYPES[phone.label]
        phones.append(record | {"description": description})
    return phones


def _topics(book: ContactBook, contact: Contact, service_id: str) -> list[dict]:
    return [{"id": stable_id("attribute", contact.id, topic), "link_id": service_id,
             "link_entity": "service", "taxonomy_term_id": stable_id("taxonomy_term", topic),
             "taxonomy_term": taxonomy_term(book, topic)} for topic in contact.topics]


def taxonomy_term(book: ContactBook, topic: str) -> dict:
    # `name` is HSDS 3.0's field for the term, `term` the UK profile's; both carry the label.
    label = book.topics[topic]
    return {"id": stable_id("taxonomy_term", topic), "code": topic, "name": label, "term": label,
            "description": label, "taxonomy": TAXONOMY, "taxonomy_id": stable_id("taxonomy", TAXONOMY)}


def _locations(contact: Contact, service_id: str, organisation: str) -> list[dict]:
    if contact.address is None:
        return []
    location_id = stable_id("location", contact.id)
    address = contact.address
    return [{
        "id": stable_id("service_at_location", contact.id), "service_id": service_id,
        "location_id": location_id,
        "location": {
            "id": location_id, "name": organisation, "location_type": "postal",
            "addresses": [{"id": stable_id("address", contact.id), "location_id": location_id,
                           "address_1": ", ".join(address.lines), "city": address.town,
                           "postal_code": address.postcode, "country": "GB", "address_type": "postal"}],
        },
    }]


def _shared(values: Iterable[str | None]) -> str | None:
    """The value when every entry gives the same one; a service's own page is not the organisation's."""
    given = set(values)
    return given.pop() if len(given) == 1 else None


def organizations(book: ContactBook) -> list[dict]:
    by_name: dict[str, list[Contact]] = {}
    for contact in book.contacts:
        by_name.setdefault(contact.organisation, []).append(contact)
    result = []
    for name, contacts in by_name.items():
        organization = {"id": stable_id("organization", name), "name": name,
                        # Required by the standard; contacts.yml describes services, not organisations.
                        "description": "Services listed in this guide: "
                                       + "; ".join(c.service for c in contacts) + "."}
        website, email = _shared(c.website for c in contacts), _shared(c.email for c in contacts)
        if website:
            organization["website"] = website
        if email:
            organization["email"] = email
        result.append(organization)
    return result


def service(book: ContactBook, contact: Contact, t: Strings) -> dict:
    service_id = stable_id("service", contact.id)
    record: dict = {"id": service_id, "organization_id": stable_id("organization", contact.organisation),
                    "name": contact.service, "description": contact.description}
    if contact.website:
        record["url"] = contact.website
    if contact.email:
        record["email"] = contact.email
    record |= {
        "status": "active",
        "eligibility_description": contact.audience,
        "assured_date": contact.last_checked.isoformat(),
        "phones": _phones(contact, service_id, t),
        "schedules": _schedules(contact, service_id, t),
        "service_areas": [{"id": stable_id("service_area", contact.id, area), "service_id": service_id,
                           "name": book.areas[area], "service_area": book.areas[area]}
                          for area in contact.areas],
        "service_at_locations": _locations(contact, service_id, contact.organisation),
        "attributes": _topics(book, contact, service_id),
    }
    return record


def open_referral(book: ContactBook, t: Strings) -> dict:
    """The whole directory as one Open Referral UK 3.0 document (`t`: the guide's English words)."""
    return {
        "organizations": organizations(book),
        "services": [service(book, contact, t) for contact in book.contacts],
        "taxonomies": [{"id": stable_id("taxonomy", TAXONOMY), "name": TAXONOMY,
                        "description": "The needs the family advocacy guide's directory groups contacts by "
                                       "(topics: in contacts.yml)."}],
    }


def csv_rows(book: ContactBook, t: Strings) -> list[dict]:
    rows = []
    for contact in book.contacts:
        for phone in contact.phones:
            rows.append({
                "contact_id": contact.id, "organisation": contact.organisation, "service": contact.service,
                "phone_label": t.raw("phone_labels")[phone.label], "number": phone.grouped, "tel": phone.e164,
                "free": "yes" if phone.free else "no", "hours": hours_text(contact.hours, t),
                "areas": "; ".join(book.areas[a] for a in contact.areas),
                "topics": "; ".join(book.topics[s] for s in contact.topics),
                "email": contact.email or "", "website": contact.website or "",
                "last_checked": contact.last_checked.isoformat(),
            })
    return rows


def csv_text(book: ContactBook, t: Strings) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(csv_rows(book, t))
    return out.getvalue()


def _shown(path: Path) -> str:
    """The path as messages show it: relative to the current folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def english_words(config_file: Path) -> Strings:
    """The English words the guide's site writes: its strings_dir's over the package's."""
    folder = None
    if config_file.is_file():
        folder = settings.guide_path(settings.read_config(config_file), config_file.resolve().parent, "strings_dir")
    return StringsBook(folder, Path.cwd()).strings("en")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="guide export", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--config", type=Path, default=Path("mkdocs.yml"), metavar="FILE",
                        help="the guide's mkdocs.yml: its guide plugin's contacts_file and site_dir are the defaults "
                             "(default: ./mkdocs.yml)")
    parser.add_argument("--contacts", type=Path, metavar="FILE",
                        help="the contacts file (default: the guide plugin's contacts_file, contacts.yml)")
    parser.add_argument("--out-dir", type=Path, metavar="DIR",
                        help=f"where to write {JSON_NAME} and {CSV_NAME} (default: the guide's site/directory-export)")
    parser.add_argument("--format", choices=("json", "csv", "both"), default="both",
                        help="which files to write (default: both)")
    args = parser.parse_args(argv)
    if args.contacts is None or args.out_dir is None:
        if not args.config.is_file():
            parser.error(f"{args.config}: no such file; give --config, or --contacts and --out-dir")
        config = settings.read_config(args.config)
        folder = args.config.resolve().parent
        args.contacts = args.contacts or settings.guide_path(config, folder, "contacts_file")
        args.out_dir = args.out_dir or folder / (config.get("site_dir") or "site") / "directory-export"

    try:
        book = load_contacts(args.contacts, display_name=_shown(args.contacts))
    except ContactsError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        print(f"\nNothing exported: fix the contacts file ({len(error.problems)} problem(s)).", file=sys.stderr)
        return 1

    try:
        t = english_words(args.config)
    except StringsError as error:
        print(f"{error}\n\nNothing exported: fix the strings file.", file=sys.stderr)
        return 1
    files = []
    if args.format in ("json", "both"):
        files.append((JSON_NAME, json.dumps(open_referral(book, t), ensure_ascii=False, indent=2) + "\n"))
    if args.format in ("csv", "both"):
        files.append((CSV_NAME, csv_text(book, t)))
    try:
        args.out_dir.mkdir(parents=True, exist_ok=True)
        for name, text in files:
            # newline="" keeps the CSV's CRLF line ends as RFC 4180 writes them.
            with open(args.out_dir / name, "w", encoding="utf-8", newline="") as handle:
                handle.write(text)
    except OSError as error:
        print(f"{_shown(args.out_dir)}: cannot write the export ({error.strerror})", file=sys.stderr)
        return 1
    for name, _ in files:
        print(f"wrote {_shown(args.out_dir / name)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
