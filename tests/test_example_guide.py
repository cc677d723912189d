"""A second guide, made the way an organisation makes its own (README: "Make your own guide"), built
and checked here so those instructions cannot rot: hooks/guide/example/ (what `guide new DIR --example`
copies) is a fictional Welsh local authority's guide in English and Welsh, in its own folder, with its
own settings, contacts and pages, using the installed generator (the `guide` plugin) with no path to it.
Nothing of the default guide may leak into it: not its name, its contacts, its numbers, its pages, its
abbreviations or its exit page.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import re
import shutil
from pathlib import Path

import pytest

from guide import cli, contacts_report
from guide import export_directory
from guide import translation_status
from guide.building import BuildFailed, build_site
from guide import settings
from guide.contacts import ContactsError, load_contacts
from guide.i18n import CURRENT, UNREVIEWED
from search_index import search, shown

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = cli.EXAMPLE  # in the package, so that `guide new --example` can copy it
CONFIG = settings.read_config(EXAMPLE / "mkdocs.yml")
DEFAULT_CONFIG = settings.read_config(ROOT / "mkdocs.yml")
BOOK = load_contacts(EXAMPLE / "contacts.yml")
DEFAULT_BOOK = load_contacts(ROOT / "contacts.yml")
LANGUAGES = {lang["locale"]: lang for lang in settings.i18n_settings(CONFIG)["languages"]}

PAGES = ["index.html", "families/faq/index.html", "procedures/index.html", "help/directory/index.html", "404.html"]
FOLDERS = {"en": "", "cy": "cy/"}
FAQ_QUESTIONS = ["what-is-an-advocate", "bring-someone", "child-advocate", "solicitor", "who-can-help"]
TEL_LINK = re.compile(r'href="tel:([^"]+)"><bdi dir="ltr">([^<]+)</bdi>')


@pytest.fixture(scope="module")
def example_site(tmp_path_factory) -> Path:
    """The example guide built strictly, as `guide build -f` builds it, started from
    another folder: nothing in it may depend on where the build is run from."""
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    out = tmp_path_factory.mktemp("example") / "site"
    before = Path.cwd()
    os.chdir(elsewhere)
    try:
        return build_site(EXAMPLE / "mkdocs.yml", out)
    finally:
        os.chdir(before)


def read(site: Path, page: str) -> str:
    return (site / page).read_text(encoding="utf-8")


def html_files(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def copy_of_the_example(tmp_path: Path) -> Path:
    """The example guide in a temporary folder, away from the project: it needs no path to the
    generator, only the installed plugin. Returns its mkdocs.yml."""
    guide = tmp_path / "example_guide"
    shutil.copytree(EXAMPLE, guide, ignore=shutil.ignore_patterns("site", ".site-*"))
    return guide / "mkdocs.yml"


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# --- The built site: its own pages, name, contacts and exit page -----------------------------------

def test_every_page_is_built_in_both_languages_and_no_other(example_site):
    expected = {folder + page for folder in FOLDERS.values() for page in PAGES}
    built = {str(p.relative_to(example_site)) for p in html_files(example_site)}
    assert built == expected  # none of the default guide's pages or languages
    for locale, folder in FOLDERS.items():
        for page in PAGES:
            html = read(example_site, folder + page)
            assert re.search(rf'<html lang="{locale}"', html), f"{folder}{page} is not lang={locale}"
            assert not re.search(r"<!--\s*(contact|phone|hours|directory|site-contact)\b", html), folder + page


def test_each_language_shows_the_example_s_own_site_name(example_site):
    default_names = {DEFAULT_CONFIG["site_name"]} | {
        lang.get("site_name") for lang in settings.i18n_settings(DEFAULT_CONFIG)["languages"]} - {None}
    for locale, folder in FOLDERS.items():
        name = LANGUAGES[locale].get("site_name") or CONFIG["site_name"]
        for page in PAGES[:-1]:
            html = read(example_site, folder + page)
            header = re.search(r'md-header__topic">\s*<span class="md-ellipsis">\s*(.*?)\s*</span>', html, re.S)
            assert header and header.group(1).replace("&#39;", "'") == name, f"{folder}{page}: {header and header.group(1)}"
            title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
            assert title.endswith(name) and not any(title.endswith(f" - {other}") for other in default_names)
    assert CONFIG["site_name"] not in default_names and LANGUAGES["cy"]["site_name"] not in default_names


def test_every_number_is_from_the_example_s_contacts_and_every_one_is_shown(example_site):
    known = {p.e164: p.grouped for c in BOOK.contacts for p in c.phones}
    found = set()
    for page in html_files(example_site):
        for e164, grouped in TEL_LINK.findall(page.read_text("utf-8")):
            assert known.get(e164) == grouped, f"{page.relative_to(example_site)}: tel:{e164} shows {grouped}"
            found.add(e164)
    assert found == set(known)
    assert {"+442920180456", "+448081570123"} <= found  # drama numbers of the fictional services


def test_no_contact_of_the_default_guide_leaks_in(example_site):
    shared = {c.id for c in BOOK.contacts} & {c.id for c in DEFAULT_BOOK.contacts}
    assert shared == {"live-fear-free"}  # the one real national service the example lists
    ours = {p.e164 for c in BOOK.contacts for p in c.phones}
    theirs = [(c, p) for c in DEFAULT_BOOK.contacts if c.id not in shared for p in c.phones if p.e164 not in ours]
    assert theirs
    for page in [*html_files(example_site), *example_site.rglob("search_index.json")]:
        text = page.read_text("utf-8")
        for contact, phone in theirs:
            assert phone.e164 not in text and phone.grouped not in text, \
                f"{page.relative_to(example_site)} shows {contact.id}'s {phone.grouped}"
    example_cards = {(c.organisation, words.service) for c in BOOK.contacts
                     for words in [c, *c.translations.values()] if words.service}
    for page in html_files(example_site):
        assert cards(page.read_text("utf-8")) <= example_cards, page.relative_to(example_site)


def cards(html: str) -> set[tuple[str, str]]:
    found = re.findall(r'<div class="guide-contact"[\s\S]*?<strong[^>]*>([^<]+)</strong> '
                       r'<span class="guide-contact__service"[^>]*>([^<]+)<', html)
    return {(organisation.replace("&#39;", "'"), service.replace("&#39;", "'")) for organisation, service in found}


def test_the_directory_lists_the_example_s_contacts_in_each_language(example_site):
    english = read(example_site, "help/directory/index.html")
    assert cards(english) == {(c.organisation, c.service) for c in BOOK.contacts}
    welsh = read(example_site, "cy/help/directory/index.html")
    assert cards(welsh) == {(c.organisation, c.translations["cy"].service) for c in BOOK.contacts}
    for topic in BOOK.topics:
        assert f'id="need-{topic}"' in english and f'id="need-{topic}"' in welsh
        assert BOOK.topic_name(topic, "cy") in welsh.replace("&#39;", "'")
    assert "Poeni am blentyn" in welsh and "Cwm Afon" in welsh


def test_the_exit_button_goes_to_the_example_s_neutral_site(example_site):
    target = settings.guide_settings(CONFIG)["exit_page"]["url"]
    default_target = settings.guide_settings(DEFAULT_CONFIG)["exit_page"]["url"]
    assert target != default_target
    for page in html_files(example_site):
        html = page.read_text("utf-8")
        assert re.findall(r'class="guide-exit__button" href="([^"]+)"', html) == [target], page
        assert default_target not in html


def test_the_site_contact_is_the_example_s(example_site):
    contact = settings.guide_settings(CONFIG)["site_contact"]
    for folder in FOLDERS.values():
        html = read(example_site, folder + "index.html")
        block = re.search(r'<div class="guide-site-contact"[\s\S]*?</div>', html).group(0)
        assert contact["email"] in block and contact["name"] in block


def test_the_faq_is_published_as_schema_org_faq_page_in_both_languages(example_site):
    for locale, folder in FOLDERS.items():
        html = read(example_site, folder + "families/faq/index.html")
        # The questions, then "Where this information comes from" (the page's sources).
        assert re.findall(r'<h2 id="([^"]+)"', html) == FAQ_QUESTIONS + ["guide-sources-title"]
        data = [json.loads(text) for text in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)]
        faq = next(item for item in data if item.get("@type") == "FAQPage")
        assert faq["inLanguage"] == locale
        assert [question["url"] for question in faq["mainEntity"]] == [f"#{anchor}" for anchor in FAQ_QUESTIONS]


def test_the_example_s_own_abbreviations_are_appended(example_site):
    html = read(example_site, "procedures/index.html")
    assert '<abbr title="Independent Reviewing Officer">IRO</abbr>' in html
    # The default guide's abbreviations (includes/abbreviations.md) define CSFH; the example's do not.
    assert "Children&#39;s Safeguarding and Family Help" not in html and "Camden" not in html


# --- Search: one index per language, with the example's own synonyms ------------------------------

def index_of(site: Path, locale: str) -> Path:
    return site / FOLDERS[locale] / "search" / "search_index.json"


def test_each_language_s_search_index_has_only_that_language_s_pages(example_site):
    titles = {}
    for locale in FOLDERS:
        docs = json.loads(index_of(example_site, locale).read_text("utf-8"))["docs"]
        pages = {doc["location"].split("#")[0] for doc in docs}
        assert pages == {"", "families/faq/", "procedures/", "help/directory/"}, locale
        titles[locale] = {doc["title"] for doc in docs if "#" not in doc["location"]}
    assert "Who can help" in titles["en"] and "Pwy sy'n gallu helpu" in titles["cy"]
    assert not titles["en"] & titles["cy"]


@pytest.mark.parametrize("locale, query, expected", [
    ("en", "solicitor", "families/faq/#solicitor"),
    ("en", "lawyer", "families/faq/#solicitor"),              # the example's synonyms
    ("en", "Rhagweithiol", "procedures/#active-offer"),        # a Welsh name typed on an English page
    ("cy", "cyfreithiwr", "families/faq/#solicitor"),
    ("cy", "Active Offer", "procedures/#active-offer"),
    ("cy", "grwp craidd", "procedures/#what-advocates-may-attend"),  # "grŵp" typed without its accent
])
def test_search_finds_the_answer_in_the_reader_s_language(example_site, locale, query, expected):
    groups = search(index_of(example_site, locale), query)
    assert any(expected in shown(group) for group in groups[:3]), f"{query!r} ({locale}) showed {groups[:3]}"


def test_the_default_guide_s_synonyms_are_not_used(example_site):
    # The default guide's includes/search-synonyms.yml would add these to sections that mention
    # "social worker" and "say no"; the example's own file does not.
    text = index_of(example_site, "en").read_text("utf-8")
    assert "social worker" in text and "say no" in text
    assert "social services" not in text and "will not let" not in text


# --- The editors' scripts on the example ----------------------------------------------------------

@pytest.mark.build
def test_check_passes_on_the_example(capsys):
    assert cli.main(["check", "-f", str(EXAMPLE / "mkdocs.yml")]) == 0
    captured = capsys.readouterr()
    assert captured.out == "No problems found (site/ was not touched).\n", captured.out + captured.err


BREAKAGES = {
    "a typed number": (
        "docs/procedures/index.md", "The chair decides.", "The chair decides. Or ring 029 2018 0456.",
        "docs/procedures/index.md:{line}: phone number '029 2018 0456' is typed into the page. "
        "Fix: write <!-- phone: avcbc-advocacy-team --> instead; the number lives in contacts.yml"),
    "a default guide's contact": (
        "docs/index.cy.md", "<!-- phone: avcbc-childrens-services -->", "<!-- phone: frg-office -->",
        "docs/index.cy.md:{line}: unknown contact id 'frg-office' in <!-- phone: frg-office -->."),
    "a link to a default guide's page": (
        "docs/families/faq.md", "(../help/directory.md)", "(../advocates/code-of-practice.md)",
        "docs/families/faq.md:{line}: broken link '../advocates/code-of-practice.md': there is no page"),
    "a default guide's procedures anchor": (
        "docs/families/faq.md", "index.md#what-advocates-may-attend", "index.md#statutory-right-for-children",
        "docs/families/faq.md:{line}: broken anchor '../procedures/index.md#statutory-right-for-children'"),
}


@pytest.mark.build
@pytest.mark.parametrize("case", BREAKAGES, ids=list(BREAKAGES))
def test_a_broken_copy_fails_the_check_and_the_build_naming_file_and_line(tmp_path, capsys, case):
    relative, old, new, message = BREAKAGES[case]
    config = copy_of_the_example(tmp_path)
    page = config.parent / relative
    replace_in(page, old, new)
    line = next(n for n, row in enumerate(page.read_text("utf-8").splitlines(), 1) if new in row)
    expected = message.format(line=line)

    assert cli.main(["check", "-f", str(config)]) == 1
    out = capsys.readouterr().out
    assert expected in out, out

    with pytest.raises(BuildFailed) as failed:
        build_site(config, tmp_path / "site")
    assert expected in str(failed.value)
    assert not (tmp_path / "site").exists()


@pytest.mark.build
def test_the_unbroken_copy_builds(tmp_path, capsys):
    """The copy used above is itself sound: what breaks it is the change, not the copying."""
    config = copy_of_the_example(tmp_path)
    assert cli.main(["check", "-f", str(config), "--quiet"]) == 0
    assert capsys.readouterr().out == ""
    assert (build_site(config, tmp_path / "site") / "cy" / "index.html").exists()


def test_drama_numbers_outside_libphonenumber_s_valid_ranges_are_refused(tmp_path):
    """Ofcom's 01632 960xxx and 07700 900xxx are not valid UK numbers to phonenumbers: the contacts
    file refuses them, so the example uses the drama ranges it accepts (029 2018 0xxx, 0808 157 0xxx)."""
    contacts = tmp_path / "contacts.yml"
    shutil.copy(EXAMPLE / "contacts.yml", contacts)
    replace_in(contacts, "number: 029 2018 0456", "number: 01632 960456")
    replace_in(contacts, "number: 0808 157 0456", "number: 07700 900456")
    with pytest.raises(ContactsError) as error:
        load_contacts(contacts)
    problems = "\n".join(error.value.problems)
    assert "'01632 960456' is not a valid UK phone number" in problems
    assert "'07700 900456' is not a valid UK phone number" in problems


def test_contacts_report_lists_the_example_s_contacts_and_their_pages(capsys):
    data = contacts_report.report(EXAMPLE / "mkdocs.yml", months=12, today=dt.date(2026, 12, 1))
    assert {entry["id"] for entry in data["contacts"]} == {c.id for c in BOOK.contacts}
    assert data["unused"] == [] and data["check_now"] == []
    team = next(entry for entry in data["contacts"] if entry["id"] == "avcbc-advocacy-team")
    assert team["by_page"] == {"docs/procedures/index.md": {"en": 3, "cy": 3}}

    assert cli.main(["contacts", "-f", str(EXAMPLE / "mkdocs.yml"), "--", "--months", "1200"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("contacts.yml: 5 contact(s)")
    assert "frg-office" not in out and "womens-aid-helpline" not in out


def test_export_directory_exports_the_example_s_contacts(tmp_path, capsys):
    out_dir = tmp_path / "export"
    assert export_directory.main(["--contacts", str(EXAMPLE / "contacts.yml"), "--out-dir", str(out_dir)]) == 0
    capsys.readouterr()
    document = json.loads((out_dir / "open-referral.json").read_text("utf-8"))
    assert {service["name"] for service in document["services"]} == {c.service for c in BOOK.contacts}
    assert {org["name"] for org in document["organizations"]} == {c.organisation for c in BOOK.contacts}
    numbers = {phone["number"] for service in document["services"] for phone in service["phones"]}
    assert "+44 29 2018 0456" in numbers and len(numbers) == sum(len(c.phones) for c in BOOK.contacts)
    with open(out_dir / "directory.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert {row["tel"] for row in rows} == {p.e164 for c in BOOK.contacts for p in c.phones}
    assert {row["areas"] for row in rows} >= {"Afon Valley"}


def test_every_welsh_translation_is_current():
    """After changing an English page of the example, check its Welsh page, then run
    `guide status -f hooks/guide/example/mkdocs.yml -- --write <the .cy.md page>`."""
    table = translation_status.status(EXAMPLE / "docs", ["cy"])
    assert len(table) == 4
    assert {state for state in table.values()} <= {CURRENT, UNREVIEWED}, table


# --- In the browser: the example's own colours pass WCAG 2.2 AA ------------------------------------

@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_example_s_colours_pass_axe_core(browser, example_site, scheme):
    from browser import serve
    from test_accessibility import site_violations

    with serve(example_site) as url:
        problems = site_violations(browser, example_site, url, scheme)
    assert problems == "", problems
