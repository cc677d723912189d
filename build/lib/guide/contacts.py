"""Load and validate contacts.yml into an immutable model.

Data flows one way: contacts.yml -> `load_contacts` -> `ContactBook` -> rendered markers.
Every mistake is reported with the file, the line, the entry id and the field, and all
mistakes are reported at once so an editor fixes them in one pass.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Annotated, Literal

import phonenumbers
from pydantic import (AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field,
                      ValidationError, field_validator, model_validator)

from guide.yaml_lines import YamlError, load_with_lines

SLUG = r"^[a-z0-9]+(-[a-z0-9]+)*$"
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
PHONE_LABELS = ("helpline", "office", "text", "textphone", "whatsapp", "out-of-hours")
UK_POSTCODE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$")
EMAIL = re.compile(r"^[^@\s<>\"'`\\]+@[^@\s<>\"'`\\]+\.[a-z]{2,}$", re.IGNORECASE)


class ContactsError(Exception):
    """Raised with every problem found; each problem is one line an editor can act on."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


# Numbers a guide must not send families to: premium rate (09, 087: up to pounds a minute) and 070
# "personal numbers" (forwarded anywhere, often used in scams). 084 numbers, which some services
# still use, cost a few pence a minute: they are allowed, and the card says to ask what they cost.
COSTLY = {phonenumbers.PhoneNumberType.PREMIUM_RATE: "a premium-rate number",
          phonenumbers.PhoneNumberType.PERSONAL_NUMBER: "a 070 personal number"}


def _uk_number(value: str) -> str:
    try:
        parsed = phonenumbers.parse(value, "GB")
    except phonenumbers.NumberParseException:
        raise ValueError(f"'{value}' is not a phone number; write it as a UK number like 0808 801 0366")
    if not phonenumbers.is_valid_number(parsed) or parsed.country_code != 44:
        raise ValueError(f"'{value}' is not a valid UK phone number; check the digits "
                         "(UK numbers have 11 digits starting with 0)")
    kind = phonenumbers.number_type(parsed)
    if kind in COSTLY and not str(parsed.national_number).startswith("84"):
        raise ValueError(f"'{value}' is {COSTLY[kind]}: a family in crisis may be charged a lot, or be connected "
                         "anywhere. Fix: give the organisation's 0800/0808, 03 or landline number")
    return value


MIDNIGHT = dt.time.max  # "24:00", the end of the day (a time of day has no 24:00)


def _clock(value: object) -> object:
    # "9:30" or "09:30" -> a time; pydantic wants HH:MM:SS or HH:MM with two digits.
    if isinstance(value, str) and re.fullmatch(r"\d:\d\d", value):
        return "0" + value
    if value == "24:00":
        return MIDNIGHT
    return value


class Phone(Frozen):
    number: Annotated[str, AfterValidator(_uk_number)]
    label: Literal[PHONE_LABELS]  # type: ignore[valid-type]
    free: bool = Field(description="free to call from UK landlines and mobiles")
    display: str | None = Field(default=None, description="the grouping the organisation itself uses")
    note: str | None = Field(default=None, description="shown beside the number: who should call it, or how")

    @model_validator(mode="after")
    def _display_same_digits(self) -> "Phone":
        if self.display is not None and re.sub(r"\D", "", self.display) != re.sub(r"\D", "", self.number):
            raise ValueError(f"display '{self.display}' has other digits than number '{self.number}'")
        return self

    @model_validator(mode="after")
    def _free_matches_number(self) -> "Phone":
        toll_free = phonenumbers.number_type(self.parsed) == phonenumbers.PhoneNumberType.TOLL_FREE
        if toll_free and not self.free:
            raise ValueError(f"{self.number} is a freephone number: set free: true")
        if self.free and not toll_free:
            raise ValueError(f"{self.number} is not a freephone (0800/0808) number: set free: false")
        return self

    @cached_property  # numbers are parsed once, not on every page
    def parsed(self) -> phonenumbers.PhoneNumber:
        return phonenumbers.parse(self.number, "GB")

    @cached_property
    def e164(self) -> str:
        """For tel: links: +448088010366."""
        return phonenumbers.format_number(self.parsed, phonenumbers.PhoneNumberFormat.E164)

    @cached_property
    def grouped(self) -> str:
        """Grouped as people in the UK write it: 0808 801 0366, 020 7923 2628."""
        return self.display or phonenumbers.format_number(self.parsed, phonenumbers.PhoneNumberFormat.NATIONAL)


class OpeningTimes(Frozen):
    days: tuple[Literal[DAYS], ...] = Field(min_length=1)  # type: ignore[valid-type]
    opens: Annotated[dt.time, BeforeValidator(_clock)]
    closes: Annotated[dt.time, BeforeValidator(_clock)]

    @model_validator(mode="after")
    def _opens_before_closes(self) -> "OpeningTimes":
        if self.closes <= self.opens:
            raise ValueError(f"closes ({self.closes:%H:%M}) must be later than opens ({self.opens:%H:%M})")
        return self


class Hours(Frozen):
    open_24_hours: bool = False
    times: tuple[OpeningTimes, ...] = ()
    bank_holidays: Literal["open", "closed", "unknown"] = "unknown"

    @model_validator(mode="after")
    def _one_kind(self) -> "Hours":
        if self.open_24_hours and self.times:
            raise ValueError("give either open_24_hours: true or times, not both")
        if not self.open_24_hours and not self.times:
            raise ValueError("give open_24_hours: true or a list of times")
        return self


class Address(Frozen):
    lines: tuple[str, ...] = Field(min_length=1)
    town: str
    postcode: str

    @field_validator("postcode")
    @classmethod
    def _postcode(cls, value: str) -> str:
        if not UK_POSTCODE.match(value.upper()):
            raise ValueError(f"'{value}' is not a UK postcode (like E8 3DL)")
        return value.upper()


LOCALE = r"^[a-z]{2,3}(-[A-Za-z]{2,4})?$"


class ContactWords(Frozen):
    """An entry's words in another language; what is left out is shown in English."""
    service: str | None = None
    description: str | None = None
    audience: str | None = None
    phone_notes: dict[str, str] = Field(default={}, description="a phone's note, by the phone's label")


class Vocabulary(Frozen):
    """Topic and area names in another language."""
    topics: dict[str, str] = {}
    areas: dict[str, str] = {}


class Contact(Frozen):
    id: str = Field(pattern=SLUG)
    organisation: str = Field(min_length=1)
    service: str = Field(min_length=1)
    description: str = Field(min_length=1)
    topics: tuple[str, ...] = Field(min_length=1)
    audience: str = Field(min_length=1, description="who it is for")
    areas: tuple[str, ...] = Field(min_length=1)
    phones: tuple[Phone, ...] = Field(min_length=1)
    hours: Hours | None = None
    email: str | None = None
    website: str | None = Field(default=None, pattern=r"^https://[^\s/]+\.[^\s]+$")
    address: Address | None = None
    last_checked: dt.date = Field(description="the day the details were checked against checked_against")
    checked_against: str = Field(pattern=r"^https://[^\s/]+\.[^\s]+$",
                                 description="the organisation's own page that gives these details")
    translations: dict[Annotated[str, Field(pattern=LOCALE)], ContactWords] = {}

    @field_validator("email")
    @classmethod
    def _email(cls, value: str | None) -> str | None:
        if value is not None and not EMAIL.match(value):
            raise ValueError(f"'{value}' is not an email address")
        return value

    @field_validator("last_checked")
    @classmethod
    def _not_in_future(cls, value: dt.date) -> dt.date:
        if value > dt.date.today():
            raise ValueError(f"{value} is in the future; give the date the entry was last checked")
        return value

    def phone(self, label: str | None = None) -> Phone | None:
        """The first number, or the first with this label."""
        for phone in self.phones:
            if label is None or phone.label == label:
                return phone
        return None


class ContactsFile(Frozen):
    topics: dict[Annotated[str, Field(pattern=SLUG)], str] = Field(min_length=1)
    areas: dict[Annotated[str, Field(pattern=SLUG)], str] = Field(min_length=1)
    contacts: tuple[Contact, ...] = Field(min_length=1)
    translations: dict[Annotated[str, Field(pattern=LOCALE)], Vocabulary] = {}


@dataclass(frozen=True)
class Words:
    """An entry's words as a page in one language shows them; `lang` is the language they are in
    (each field's own language in `langs`: a translation may leave out a field, such as a service
    whose English name is its proper name, which is then shown in English)."""
    service: str
    description: str
    audience: str
    lang: str
    langs: dict | None = None

    def lang_of(self, field: str) -> str:
        return (self.langs or {}).get(field, self.lang)


@dataclass(frozen=True)
class ContactBook:
    """The validated contacts, looked up by id or by number."""

    source: Path
    topics: dict[str, str]
    areas: dict[str, str]
    contacts: tuple[Contact, ...]
    translations: dict[str, Vocabulary] = None  # type: ignore[assignment]

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_id", {c.id: c for c in self.contacts})
        object.__setattr__(self, "_by_e164", {p.e164: c for c in self.contacts for p in c.phones})

    @property
    def ids(self) -> list[str]:
        return list(self._by_id)

    def get(self, contact_id: str) -> Contact | None:
        return self._by_id.get(contact_id)

    def owner_of(self, e164: str) -> Contact | None:
        """The contact a number belongs to, to tell an editor which marker to write."""
        return self._by_e164.get(e164)

    def words(self, contact: Contact, locale: str) -> Words:
        """The entry's words in `locale`, or in English where no translation is given."""
        own = contact.translations.get(locale)
        if not own:
            return Words(contact.service, contact.description, contact.audience, "en")
        fields = ("service", "description", "audience")
        langs = {field: locale if getattr(own, field) else "en" for field in fields}
        values = [getattr(own, field) or getattr(contact, field) for field in fields]
        return Words(*values, lang=locale if langs["description"] == locale else "en", langs=langs)

    def phone_note(self, contact: Contact, phone: Phone, locale: str) -> tuple[str, str] | None:
        """A phone's note in `locale` (or in English) and the language it is in."""
        if not phone.note:
            return None
        own = contact.translations.get(locale)
        if own and phone.label in own.phone_notes:
            return own.phone_notes[phone.label], locale
        return phone.note, "en"

    def topic_name(self, topic: str, locale: str) -> str:
        vocabulary = (self.translations or {}).get(locale)
        return vocabulary.topics.get(topic, self.topics[topic]) if vocabulary else self.topics[topic]

    def area_name(self, area: str, locale: str) -> str:
        vocabulary = (self.translations or {}).get(locale)
        return vocabulary.areas.get(area, self.areas[area]) if vocabulary else self.areas[area]

    def closest_id(self, contact_id: str) -> str | None:
        matches = difflib.get_close_matches(contact_id, self.ids, n=1, cutoff=0.5)
        return matches[0] if matches else None


def load_contacts(path: Path, display_name: str | None = None) -> ContactBook:
    """Read and validate the contacts file; raise ContactsError listing every problem."""
    name = display_name or path.name
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise ContactsError([f"{name}: cannot read the contacts file ({error.strerror}). "
                             "Fix: create it, or set extra.contacts_file in mkdocs.yml"]) from None
    try:
        data, lines = load_with_lines(text)
    except YamlError as error:
        raise ContactsError([f"{name}:{p.line}: {p.message}" for p in error.problems]) from None
    if not isinstance(data, dict):
        raise ContactsError([f"{name}:1: expected the keys topics, areas and contacts at the top"])

    try:
        model = ContactsFile.model_validate(data)
    except ValidationError as error:
        errors = error.errors()
        # A list whose only item failed also reports "too short": noise, the item's error says it all.
        errors = [e for e in errors if not (e["type"] == "too_short" and any(
            len(o["loc"]) > len(e["loc"]) and o["loc"][:len(e["loc"])] == e["loc"] for o in errors))]
        raise ContactsError([_describe(name, data, lines, e) for e in errors]) from None

    problems = _cross_checks(name, model, lines)
    if problems:
        raise ContactsError(problems)
    return ContactBook(source=path, topics=dict(model.topics), areas=dict(model.areas),
                       contacts=model.contacts, translations=dict(model.translations))


def _cross_checks(name: str, model: ContactsFile, lines: dict) -> list[str]:
    """What a schema cannot see: unique ids and numbers, known topics and areas."""
    problems: list[str] = []
    for locale, vocabulary in model.translations.items():
        for field, known in (("topics", model.topics), ("areas", model.areas)):
            for key in getattr(vocabulary, field):
                if key not in known:
                    problems.append(f"{name}:{_line(lines, ('translations', locale, field, key))}: field "
                                    f"'translations.{locale}.{field}.{key}': unknown {field[:-1]} '{key}'. "
                                    f"Known: {', '.join(known)}. Fix: translate only names listed under '{field}:'")
    seen_ids: dict[str, int] = {}
    seen_numbers: dict[str, str] = {}
    for i, contact in enumerate(model.contacts):
        def at(*field: object) -> str:
            return f"{name}:{_line(lines, ('contacts', i) + field)}: contact '{contact.id}'"

        if contact.id in seen_ids:
            problems.append(f"{at('id')}, field 'id': the id is already used by the entry on line "
                            f"{seen_ids[contact.id]}. Fix: give each entry its own id")
        else:
            seen_ids[contact.id] = _line(lines, ("contacts", i, "id"))
        for field, vocabulary, known in (("topics", "topics", model.topics), ("areas", "areas", model.areas)):
            for j, value in enumerate(getattr(contact, field)):
                if value not in known:
                    hint = difflib.get_close_matches(value, list(known), n=1)
                    fix = f"did you mean '{hint[0]}'?" if hint else f"add it under '{vocabulary}:' at the top"
                    problems.append(f"{at(field, j)}, field '{field}[{j}]': unknown {field[:-1]} '{value}'. "
                                    f"Known: {', '.join(known)}. Fix: {fix}")
        labels = {phone.label for phone in contact.phones if phone.note}
        for locale, words in contact.translations.items():
            for label in words.phone_notes:
                if label not in labels:
                    problems.append(f"{at('translations', locale, 'phone_notes', label)}, field 'translations."
                                    f"{locale}.phone_notes.{label}': no '{label}' number of this entry has a "
                                    "note to translate. Fix: give the note in English under phones first, or "
                                    "correct the label")
        for j, phone in enumerate(contact.phones):
            other = seen_numbers.get(phone.e164)
            if other and other != contact.id:
                problems.append(f"{at('phones', j, 'number')}, field 'phones[{j}].number': {phone.number} "
                                f"is also given for '{other}'. Fix: keep each number in one entry")
            seen_numbers.setdefault(phone.e164, contact.id)
    return problems


def _describe(name: str, data: dict, lines: dict, error: dict) -> str:
    loc = tuple(error["loc"])
    line = _line(lines, loc)
    where = ""
    if len(loc) >= 2 and loc[0] == "contacts" and isinstance(loc[1], int):
        entry = _entry_id(data, loc[1])
        where = f" contact '{entry}',"
        field = _field_name(loc[2:])
    else:
        field = _field_name(loc)
    message = error["msg"].removeprefix("Value error, ")
    if error["type"] == "missing":
        message = "this required field is missing. Fix: add it"
    elif error["type"] == "extra_forbidden":
        message = "this field is not known (a typing mistake?). Fix: remove or rename it"
    elif error["type"] == "literal_error":
        message = f"{message}, not '{error.get('input')}'"
    elif error["type"] == "string_pattern_mismatch" and field.endswith("id"):
        message = "ids use lowercase letters, digits and hyphens only (like frg-advice-line)"
    elif error["type"] == "string_pattern_mismatch" and field.endswith("website"):
        message = "a website must be a full https:// address"
    elif error["type"] == "string_pattern_mismatch" and field.endswith("checked_against"):
        message = ("give the full https:// address of the organisation's own page that shows these "
                   "details (where you checked them)")
    return f"{name}:{line}:{where} field '{field or '(top)'}': {message}"


def _line(lines: dict, loc: tuple) -> int:
    # The value's own line, or its nearest parent's when it is missing.
    for end in range(len(loc), -1, -1):
        if loc[:end] in lines:
            return lines[loc[:end]]
    return 1


def _entry_id(data: dict, index: int) -> str:
    try:
        entry = data["contacts"][index]
        return str(entry.get("id") or f"entry {index + 1}")
    except (KeyError, IndexError, TypeError, AttributeError):
        return f"entry {index + 1}"


def _field_name(loc: tuple) -> str:
    name = ""
    for part in loc:
        name += f"[{part}]" if isinstance(part, int) else (f".{part}" if name else str(part))
    return name
