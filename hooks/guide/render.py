"""Turn markers into HTML through Jinja partials in hooks/guide/theme/partials/guide/.

The partials are the organisation's to restyle; this module only prepares plain values
(numbers grouped for reading, tel: links in E.164, hours in words in the page's language).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import jinja2
import phonenumbers
from markupsafe import escape

from guide.contacts import DAYS, Contact, ContactBook, Hours, Phone
from guide.i18n import Strings
from guide.markers import REGISTRY, Marker

if TYPE_CHECKING:
    from jinja2 import Environment

LANDLINE_RATE = {phonenumbers.PhoneNumberType.FIXED_LINE, phonenumbers.PhoneNumberType.UAN,
                 phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE}


@dataclass(frozen=True)
class PhoneView:
    label: str
    grouped: str
    e164: str
    free: bool
    cost: str
    note: str | None = None
    note_lang: str | None = None  # the language the note is in, when not the page's


def phone_view(phone: Phone, t: Strings, note: tuple[str, str] | None = None) -> PhoneView:
    if phone.free:
        cost = t("free_to_call")
    else:
        kind = phonenumbers.number_type(phone.parsed)
        costs = t.raw("call_cost")
        cost = costs["landline"] if kind in LANDLINE_RATE else (
            costs["mobile"] if kind == phonenumbers.PhoneNumberType.MOBILE else costs["other"])
    text, lang = note or (None, None)
    return PhoneView(t.raw("phone_labels")[phone.label], phone.grouped, phone.e164, phone.free, cost,
                     text, lang if lang != t.locale else None)


def join_words(items: list[str], t: Strings) -> str:
    if len(items) < 2:
        return "".join(items)
    return t("list_and", rest=t("comma").join(items[:-1]), last=items[-1])


def day_ranges(days: tuple[str, ...], t: Strings) -> str:
    """("mon", "tue", "wed", "fri") -> "Monday to Wednesday and Friday"."""
    names = t.raw("days")
    order = sorted(DAYS.index(d) for d in set(days))
    runs: list[list[int]] = []
    for index in order:
        if runs and index == runs[-1][-1] + 1:
            runs[-1].append(index)
        else:
            runs.append([index])
    parts = [names[r[0]] if len(r) == 1 else
             (join_words([names[r[0]], names[r[1]]], t) if len(r) == 2 else
              t("day_range", first=names[r[0]], last=names[r[-1]])) for r in runs]
    return join_words(parts, t)


def hours_text(hours: Hours | None, t: Strings) -> str:
    if hours is None:
        return t("hours_unknown")
    if hours.open_24_hours:
        text = t("open_24_hours")
    else:
        text = t("semicolon").join(
            f"{day_ranges(slot.days, t)}{t('comma')}{t('time_range', opens=t.time(slot.opens), closes=t.time(slot.closes))}"
            for slot in hours.times)
    if hours.bank_holidays in ("open", "closed") and not hours.open_24_hours:
        text += t("semicolon") + t("bank_holidays_" + hours.bank_holidays)
    return text


class _CompiledTemplates(jinja2.BytecodeCache):
    """Templates compiled once per process instead of once per language's build (compiling the
    theme was a fifth of a build). Jinja checks each template's source before reusing its code."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self._code:
            bucket.bytecode_from_string(self._code[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


_compiled: dict[tuple, _CompiledTemplates] = {}


def share_compiled_templates(env: "Environment") -> None:
    """Let `env` reuse templates compiled by an earlier environment set up the same way
    (code compiled with autoescape differs from code compiled without)."""
    setup = (env.autoescape, tuple(sorted(env.extensions)), env.block_start_string,
             env.variable_start_string, env.comment_start_string)
    env.bytecode_cache = _compiled.setdefault(setup, _CompiledTemplates())


class Renderer:
    """Renders the markers of one language's pages."""

    def __init__(self, book: ContactBook, env: "Environment", t: Strings, site_contact: dict | None = None):
        self.book = book
        self.env = env.overlay(autoescape=True)  # contact text is data, never markup
        share_compiled_templates(self.env)
        self.t = t  # the words of the language whose markers these are
        self.site_contact = site_contact or {}
        self._rendered: dict[tuple, str | None] = {}  # a card is the same on every page of a language

    def _partial(self, name: str, **context: object) -> str:
        html = self.env.get_template(f"partials/guide/{name}.html").render(t=self.t, **context)
        # One line: a blank line inside raw HTML would end the block for Markdown-aware tools.
        return " ".join(line.strip() for line in html.splitlines() if line.strip())

    def contact_context(self, contact: Contact) -> dict:
        locale = self.t.locale
        return {
            "contact": contact,
            "words": self.book.words(contact, locale),
            "locale": locale,
            "phones": [phone_view(p, self.t, self.book.phone_note(contact, p, locale)) for p in contact.phones],
            "hours": hours_text(contact.hours, self.t),
            "areas": join_words([self.book.area_name(a, locale) for a in contact.areas], self.t),
            "topics": [(topic, self.book.topic_name(topic, locale)) for topic in contact.topics],
            "last_checked": self.t("last_checked", date=self.t.date(contact.last_checked)),
        }

    def render(self, marker: Marker) -> str | None:
        """HTML for a marker; None if it cannot be rendered (the checks report why)."""
        key = (marker.kind, marker.args)
        if key not in self._rendered:
            self._rendered[key] = self._render(marker)
        return self._rendered[key]

    def _render(self, marker: Marker) -> str | None:
        kind = REGISTRY[marker.kind]
        if not kind.takes_id:
            return getattr(self, kind.renderer)()
        contact = self.book.get(marker.contact_id or "")
        return None if contact is None else getattr(self, kind.renderer)(contact, marker)

    # One method per kind of marker (markers.REGISTRY names them).

    def contact_card(self, contact, marker: Marker) -> str:
        return self._partial("contact-card", **self.contact_context(contact))

    def hours(self, contact, marker: Marker) -> str:
        return str(escape(hours_text(contact.hours, self.t)))

    def phone(self, contact, marker: Marker) -> str | None:
        phone = contact.phone(marker.label)
        if phone is None:
            return None
        return self._partial("phone", phone=phone_view(phone, self.t), contact=contact)

    def site_contact_block(self) -> str:
        return self._partial("site-contact", site=self.site_contact)

    def applies(self, nations: tuple[str, ...], wales_differs: bool) -> str:
        """The line under a page's title that says where its rules apply."""
        names = [self.t.raw("nations")[nation] for nation in nations]
        return self._partial("applies", nations=join_words(names, self.t), wales_differs=wales_differs)

    def sources(self, citations, lang: str | None) -> str:
        """The list of a page's sources, at its end; `lang` is the language of their names when
        it is not the page's (a translation lists its English page's sources)."""
        views = [{"title": c.title, "publisher": c.publisher, "edition": c.edition, "url": c.url,
                  "checked": self.t.date(c.checked)} for c in citations]
        return self._partial("sources", citations=views, lang=lang if lang != self.t.locale else None)

    def directory(self) -> str:
        groups = []
        for topic in self.book.topics:
            members = [self.contact_context(c) for c in self.book.contacts if topic in c.topics]
            if members:
                groups.append({"id": topic, "title": self.book.topic_name(topic, self.t.locale), "contacts": members})
        return self._partial("directory", groups=groups, count=len(self.book.contacts))
