"""Every kind of bad input the suite knows, as edits of the fixture guide (tests/fixtures/minimal).

One table for two tests: the build stops on each and keeps the previous site
(test_build_errors.py), and `guide check` fails on each, naming the same file and line
(test_cli.py). A new kind of mistake is added here once.

Each case: the edits (file, text to replace, new text; no text to replace writes the file), the
words the build's message must hold, and the words both the build and `guide check` must print
(the file and line, or the file alone where MkDocs' own message has no line).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

FIXTURE = Path(__file__).parent / "fixtures" / "minimal"
HELP_PAGE = (FIXTURE / "docs" / "help.md").read_text(encoding="utf-8")
LAUGHS = "".join(f"{name}: &{name} [{', '.join([f'*{prev}'] * 9) if prev else 'lol, lol, lol, lol'}]\n"
                 for prev, name in zip(["", "a", "b", "c", "d", "e", "f", "g"], "abcdefgh"))  # 9**7 values


@dataclass(frozen=True)
class Case:
    edits: tuple[tuple[str, str | None, str | bytes], ...]
    build_says: tuple[str, ...]
    both_say: tuple[str, ...]


def case(edits, build_says, both_say=None) -> Case:
    edits = (edits,) if isinstance(edits[0], str) else edits
    return Case(tuple(edits), tuple(build_says), tuple(both_say or build_says[:1]))


SNIPPETS = ("mkdocs.yml", "  - toc\n", "  - toc\n  - pymdownx.snippets:\n      base_path: [!relative $config_dir/includes]\n"
            "      check_paths: true\n")

CASES: dict[str, Case] = {
    # contacts.yml
    "malformed yaml": case(("contacts.yml", "    service: Advice line", "    service: [Advice line"),
                           ["contacts.yml:", "not valid YAML"]),
    "duplicate id": case(("contacts.yml", "    checked_against: https://www.example.org/contact-us\n",
                          "    checked_against: https://www.example.org/contact-us\n"
                          "  - id: advice-line\n    organisation: Other\n    service: Other\n    description: Other.\n"
                          "    topics: [advice]\n    audience: All\n    areas: [england]\n    phones:\n"
                          "      - {number: 0300 123 3393, label: helpline, free: false}\n"
                          "    last_checked: 2026-11-01\n    checked_against: https://www.example.org/other\n"),
                         ["contacts.yml:29:", "contact 'advice-line'", "field 'id'",
                          "already used by the entry on line 6"]),
    "invalid number": case(("contacts.yml", "0808 801 0366", "0808 801 036"),
                           ["contacts.yml:14:", "contact 'advice-line'", "field 'phones[0].number'",
                            "not a valid UK phone number"]),
    "missing field": case(("contacts.yml", "    audience: Parents\n", ""),
                          ["contacts.yml:", "contact 'advice-line'", "field 'audience'", "missing"]),
    "email not an address": case(("contacts.yml", "email: advice@example.org", "email: advice-at-example.org"),
                                 ["contacts.yml:26:", "is not an email address"]),
    "alias bomb in contacts": case(("contacts.yml", "topics:\n", LAUGHS + "topics:\n"),
                                   ["contacts.yml:2:", "a YAML alias", "Fix: write the value out in full"]),
    "missing contacts file": case(("mkdocs.yml", "  - guide:\n", "  - guide:\n      contacts_file: contact.yml\n"),
                                  ["contact.yml: cannot read the contacts file"]),
    # pages
    "typed number": case(("docs/help.md", "Office:", "Or ring 020 7923 2628. Office:"),
                         ["docs/help.md:16:", "'020 7923 2628' is typed", "<!-- phone: advice-line office -->"]),
    "unknown contact": case(("docs/help.md", "<!-- contact: advice-line -->", "<!-- contact: advice-lines -->"),
                            ["docs/help.md:14:", "unknown contact id 'advice-lines'", "did you mean 'advice-line'?"]),
    "overdue review": case(("docs/help.md", "last_reviewed_on: 2026-11-01\nreview_in: 10 years",
                            "last_reviewed_on: 2020-01-01\nreview_in: 1 year"),
                           ["docs/help.md:2:", "due for review on 2021-01-01"]),
    "broken link": case(("docs/index.md", "(help.md#who-can-help)", "(helps.md)"),
                        ["docs/index.md:14:", "broken link 'helps.md'"]),
    "broken anchor on the home page": case(("docs/help.md", "Office:", "[Home](index.md#nowhere). Office:"),
                                           ["docs/help.md:16:", "broken anchor 'index.md#nowhere'"]),
    "broken anchor": case(("docs/index.md", "(help.md#who-can-help)", "(help.md#who-helps)"),
                          ["docs/index.md:14:", "broken anchor 'help.md#who-helps'", "#who-can-help"]),
    "mis-cased marker": case(("docs/help.md", "<!-- phone: advice-line office -->", "<!-- Phone: advice-line office -->"),
                             ["docs/help.md:16:", "unknown marker 'Phone'",
                              "Markers are lower case: <!-- phone: advice-line office -->"]),
    "marker without a colon": case(("docs/help.md", "<!-- phone: advice-line office -->",
                                    "<!-- phone advice-line office -->"),
                                   ["docs/help.md:16:", "has no ':' after 'phone'", "<!-- phone: advice-line office -->"]),
    "misspelt directory": case(("docs/index.md", "See [the help page]", "<!-- directroy -->\n\nSee [the help page]"),
                               ["docs/index.md:14:", "unknown marker 'directroy'", "did you mean 'directory'?"]),
    "unclosed marker": case(("docs/help.md", "<!-- site-contact -->", "<!-- site-contact"),
                            ["docs/help.md:18:", "the marker '<!-- site-contact' is not closed", "Fix: end it with -->"]),
    "comment never closed": case(("docs/help.md", "## Who can help", "<!-- a note to myself\n\n## Who can help"),
                                 ["docs/help.md:12:", "is never closed: everything after it, up to the next -->, would vanish"]),
    "script in a page": case(("docs/help.md", "# Help\n", "# Help\n\n<script>alert(1)</script>\n"),
                             ["docs/help.md:12:", "a <script> element in a page would run as a script"]),
    "onclick in a page": case(("docs/help.md", "# Help\n", '# Help\n\n<p onclick="steal()">Hi</p>\n'),
                              ["docs/help.md:12:", "an event attribute (on...=) in a page would run as a script"]),
    "front matter not yaml": case(("docs/help.md", "review_in: 10 years", "review_in: [10 years"),
                                  ["docs/help.md:4:", "the front matter: this is not valid YAML"]),
    "alias bomb in front matter": case(("docs/help.md", "review_in: 10 years\n", "review_in: 10 years\n" + LAUGHS),
                                       ["docs/help.md:5:", "a YAML alias"]),
    "page not saved as utf-8": case(("docs/help.md", None, HELP_PAGE.replace("# Help", "# Caf\u00e9").encode("cp1252")),
                                    ["docs/help.md:10:", "the page is not UTF-8 text", "save the file as UTF-8"]),
    "translation in a language the guide lacks": case(("docs/help.fr.md", None, HELP_PAGE),
                                                      ["docs/help.fr.md:1:", "'fr' is not a language of this guide"]),
    "missing snippet": case([SNIPPETS, ("docs/help.md", "# Help\n", '# Help\n\n--8<-- "nothere.md"\n')],
                            ["docs/help.md:12:", "the snippet 'nothere.md' is not in includes"]),
    "page missing from the nav": case(("docs/extra.md", None, HELP_PAGE),
                                      ["not included in the \"nav\" configuration", "extra.md"], ["extra.md"]),
    "nav names no page": case(("mkdocs.yml", "  - help.md\n", "  - help.md\n  - helps.md\n"),
                              ["A reference to 'helps.md' is included in the 'nav'"], ["helps.md"]),
    # mkdocs.yml
    "exit page not https": case(("mkdocs.yml", "url: https://www.example.org/weather", "url: www.example.org/weather"),
                                ["mkdocs.yml:30:", "exit_page url", "must be a full https:// address"]),
    "exit page with markup": case(("mkdocs.yml", "url: https://www.example.org/weather",
                                   "url: 'https://www.example.org/weather\"><script>x()</script>'"),
                                  ["mkdocs.yml:30:", "exit_page url", "a character an address cannot have"]),
    "site contact email": case(("mkdocs.yml", "email: guide@example.org", "email: guide example.org"),
                               ["mkdocs.yml:28:", "site_contact email 'guide example.org' is not an email"]),
    "site contact url": case(("mkdocs.yml", "email: guide@example.org",
                              "email: guide@example.org\n        url: \"javascript:alert(1)\""),
                             ["mkdocs.yml:29:", "site_contact url 'javascript:alert(1)' must be a full https://"]),
    "misspelt guide setting": case(("mkdocs.yml", "      exit_page:\n",
                                    "      exit_pgae:\n        url: https://x.org\n      exit_page:\n"),
                                   ["mkdocs.yml:30:", "exit_pgae is not an option of the guide plugin",
                                    "did you mean exit_page?"]),
    "setting left under extra": case(("mkdocs.yml", "theme:\n", "extra:\n  contacts_file: contacts.yml\ntheme:\n"),
                                     ["mkdocs.yml:10:", "extra.contacts_file is now an option of the guide plugin",
                                      "move it under `- guide:`"]),
    "key written twice": case(("mkdocs.yml", "site_name: Fixture guide\n", "site_name: Fixture guide\nsite_name: Other\n"),
                              ["mkdocs.yml:3:", "the key 'site_name' appears twice"]),
    "tab in mkdocs.yml": case(("mkdocs.yml", "  font: false", "\tfont: false"),
                              ["mkdocs.yml", "found character '\\t' that cannot start any token", "line 11"],
                              ["mkdocs.yml", "11"]),
    "typed number in mkdocs.yml": case(("mkdocs.yml", "site_name: Fixture guide\n",
                                        "site_name: Fixture guide\nsite_description: Call us on 0808 801 0366.\n"),
                                       ["mkdocs.yml:3: phone number '0808 801 0366' is typed"]),
    "redirect onto sitemap.xml": case(("mkdocs.yml", "  - guide:\n", "  - guide:\n      redirects:\n        sitemap.xml/: help.md\n"),
                                      ["mkdocs.yml:27:", "is where the build writes 'sitemap.xml'"]),
    "redirect to no page": case(("mkdocs.yml", "  - guide:\n", "  - guide:\n      redirects:\n        old.md: gone.md\n"),
                                ["mkdocs.yml:27:", "there is no page 'gone.md'"]),
    "broken synonyms file": case(("includes/search-synonyms.yml", None, "en:\n  - [advocate, supporter\n"),
                                 ["includes/search-synonyms.yml:3:", "not valid YAML"]),
    "phrase among question words": case(("includes/search-question-words.yml", None,
                                         "en:\n  - what\n  - how do\n"),
                                        ["includes/search-question-words.yml:3:", "'how do' under en is not one word"]),
}


def apply(fixture_root: Path, bad: Case) -> None:
    for relative, old, new in bad.edits:
        path = fixture_root / relative
        if old is None:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(new) if isinstance(new, bytes) else path.write_text(new, encoding="utf-8")
            continue
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {relative}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
