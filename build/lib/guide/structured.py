"""schema.org structured data (JSON-LD) from the same data the page shows, so search engines and
other directories read the same answers and numbers as a reader:

- a questions-and-answers page becomes an `FAQPage` (each `<h2>` a `Question`, the text up to the
  next `<h2>` its `acceptedAnswer`);
- each organisation whose contact a page shows becomes an `Organization` with a `ContactPoint`
  per number (telephone in E.164, the service, opening hours, areas served, free or not).
"""

from __future__ import annotations

import html as html_lib
import json
import re

from guide.contacts import Contact, ContactBook

H2 = re.compile(r'<h2 id="([^"]+)"[^>]*>(.*?)</h2>', re.S)
TAG = re.compile(r"<[^>]+>")
PERMALINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.S)
HIDDEN_BLOCK = re.compile(r'<(script|style|button)[^>]*>.*?</\1>', re.S)
SCHEMA_DAYS = {"mon": "Monday", "tue": "Tuesday", "wed": "Wednesday", "thu": "Thursday", "fri": "Friday",
               "sat": "Saturday", "sun": "Sunday"}


def text_of(fragment: str) -> str:
    fragment = HIDDEN_BLOCK.sub(" ", PERMALINK.sub("", fragment))
    return re.sub(r"\s+", " ", html_lib.unescape(TAG.sub(" ", fragment))).strip()


def faq_page(content_html: str, language: str) -> dict | None:
    """An FAQPage of every question (an `<h2>` ending in "?") and the answer that follows it."""
    heads = list(H2.finditer(content_html))
    questions = []
    for i, head in enumerate(heads):
        name = text_of(head.group(2))
        if not name.endswith(("?", "؟")):
            continue
        end = heads[i + 1].start() if i + 1 < len(heads) else len(content_html)
        answer = text_of(content_html[head.end():end])
        if answer:
            questions.append({"@type": "Question", "name": name, "url": f"#{head.group(1)}",
                              "acceptedAnswer": {"@type": "Answer", "text": answer}})
    if not questions:
        return None
    return {"@context": "https://schema.org", "@type": "FAQPage", "inLanguage": language,
            "mainEntity": questions}


def organisations(contacts: list[Contact], book: ContactBook, language: str) -> dict | None:
    """The organisations behind `contacts`, each with a ContactPoint per phone number."""
    by_name: dict[str, dict] = {}
    for contact in contacts:
        words = book.words(contact, language)
        organisation = by_name.setdefault(contact.organisation, {
            "@type": "Organization", "name": contact.organisation, "contactPoint": []})
        if contact.website and "url" not in organisation:
            organisation["url"] = contact.website
        if contact.address and "address" not in organisation:
            organisation["address"] = {"@type": "PostalAddress", "streetAddress": ", ".join(contact.address.lines),
                                       "addressLocality": contact.address.town,
                                       "postalCode": contact.address.postcode, "addressCountry": "GB"}
        for phone in contact.phones:
            point = {"@type": "ContactPoint", "telephone": phone.e164, "contactType": words.service,
                     "areaServed": [book.area_name(area, language) for area in contact.areas],
                     "availableLanguage": "en"}
            if phone.free:
                point["contactOption"] = "TollFree"
            if contact.email:
                point["email"] = contact.email
            if contact.hours is not None:
                point["hoursAvailable"] = _hours(contact)
            organisation["contactPoint"].append(point)
    if not by_name:
        return None
    return {"@context": "https://schema.org", "@graph": list(by_name.values())}


def _hours(contact: Contact) -> list[dict]:
    hours = contact.hours
    if hours.open_24_hours:
        return [{"@type": "OpeningHoursSpecification", "dayOfWeek": list(SCHEMA_DAYS.values()),
                 "opens": "00:00", "closes": "23:59"}]
    return [{"@type": "OpeningHoursSpecification", "dayOfWeek": [SCHEMA_DAYS[d] for d in slot.days],
             "opens": f"{slot.opens:%H:%M}", "closes": f"{slot.closes:%H:%M}"} for slot in hours.times]


def script(data: dict) -> str:
    """A JSON-LD script element. `<`, `>` and `&` are written as JSON escapes, so that no text (an
    organisation named `Aid <!--<script>`) can end the element early or open a comment in it."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/ld+json">{text}</script>'
