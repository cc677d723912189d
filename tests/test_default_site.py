"""The default guide, built strictly: its pages, its rendered contacts, and nothing from another host."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from guide.contacts import load_contacts

ROOT = Path(__file__).resolve().parent.parent
BOOK = load_contacts(ROOT / "contacts.yml")

PAGES = ["index.html", "families/faq/index.html", "families/meetings/index.html",
         "families/childrens-advocacy/index.html", "advocates/code-of-practice/index.html",
         "advocates/professional-advocacy/index.html", "procedures/index.html", "help/directory/index.html",
         "help/glossary/index.html", "about/not-legal-advice/index.html", "about/accessibility/index.html",
         "about/privacy/index.html", "about/report-a-problem/index.html", "404.html"]


def read(site: Path, page: str) -> str:
    return (site / page).read_text(encoding="utf-8")


@pytest.mark.parametrize("page", PAGES)
def test_every_page_is_built(site, page):
    html = read(site, page)
    assert "<!-- contact:" not in html and "<!-- phone:" not in html and "<!-- hours:" not in html


def test_the_home_page_shows_the_advice_line_as_a_tap_to_call_link(site):
    html = read(site, "index.html")
    assert re.search(r'<a class="guide-phone" href="tel:\+448088010366"><bdi dir="ltr">0808 801 0366</bdi></a>', html)
    assert "Monday to Friday, 9:30am to 3pm; closed on bank holidays" in html


def test_every_tel_link_in_the_site_is_a_contacts_number_in_e164(site):
    known = {p.e164: p.grouped for c in BOOK.contacts for p in c.phones}
    found = set()
    for page in site.rglob("*.html"):
        for e164, shown in re.findall(r'href="tel:([^"]+)"><bdi dir="ltr">([^<]+)</bdi>', page.read_text("utf-8")):
            assert known.get(e164) == shown, f"{page}: tel:{e164} shows {shown}"
            found.add(e164)
    assert found == set(known), "every number in contacts.yml appears somewhere in the guide"


def test_the_directory_lists_every_contact_and_nothing_else(site):
    html = read(site, "help/directory/index.html")
    cards = re.findall(r'<div class="guide-contact"[\s\S]*?</div>', html)
    names = {re.search(r"<strong>([^<]+)</strong> <span class=\"guide-contact__service\">([^<]+)<", card).groups()
             for card in cards}
    assert names == {(c.organisation.replace("'", "&#39;"), c.service.replace("'", "&#39;")) for c in BOOK.contacts}
    for topic in BOOK.topics:
        if any(topic in c.topics for c in BOOK.contacts):
            assert f'id="need-{topic}"' in html and f'href="#need-{topic}"' in html


class ResourceFinder(HTMLParser):
    """Every address a page makes the browser fetch (not links a reader may choose to follow)."""

    FETCHING_RELS = {"stylesheet", "preload", "prefetch", "preconnect", "dns-prefetch", "icon",
                     "manifest", "modulepreload", "apple-touch-icon"}

    def __init__(self):
        super().__init__()
        self.addresses: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in ("src", "srcset", "poster", "data", "action", "background"):
            if attrs.get(name):
                self.addresses += [part.split()[0] for part in attrs[name].split(",") if part.strip()]
        if tag == "link" and set((attrs.get("rel") or "").lower().split()) & self.FETCHING_RELS:
            self.addresses.append(attrs.get("href", ""))
        if tag == "meta" and (attrs.get("http-equiv") or "").lower() == "refresh":
            self.addresses.append((attrs.get("content") or "").partition("url=")[2])
        if tag == "style" or "style" in attrs:
            self.addresses += re.findall(r"url\(\s*['\"]?([^'\")]+)", attrs.get("style") or "")


def is_other_host(address: str) -> bool:
    parts = urlsplit(address.strip())
    return bool(parts.netloc) or address.strip().startswith("//") or parts.scheme in ("http", "https")


def test_no_page_makes_the_browser_fetch_from_another_host(site):
    for page in site.rglob("*.html"):
        finder = ResourceFinder()
        finder.feed(page.read_text("utf-8"))
        offenders = [a for a in finder.addresses if is_other_host(a)]
        assert offenders == [], f"{page.relative_to(site)} fetches {offenders}"


LOADER = re.compile(r'<script src="([^"]*assets/guide/load-material\.js)" data-search="([^"]*)"\s+data-bundle="([^"]*)"></script>')


def test_every_page_leaves_material_s_script_to_the_loader(site):
    """No page fetches Material's bundle as it opens: load-material.js does, at the first touch or
    key, after lazy-search.js; both addresses lead to the files from every page of every language."""
    pages = [p for p in site.rglob("*.html") if "<body" in p.read_text("utf-8")]
    assert len(pages) > 100
    for page in pages:
        html = page.read_text("utf-8")
        assert not re.search(r'<script[^>]+src="[^"]*bundle\.[0-9a-f]+\.min\.js"', html), page
        [(loader, search, bundle)] = LOADER.findall(html)
        for address in (loader, search, bundle):  # a 404 page's addresses start at the site's root
            file = site / address.lstrip("/") if address.startswith("/") else page.parent / address
            assert file.resolve().is_file(), f"{page.relative_to(site)}: {address}"
        assert search.endswith("assets/guide/lazy-search.js") and re.search(r"bundle\.[0-9a-f]+\.min\.js$", bundle)


def test_a_guide_with_its_own_scripts_gets_material_s_at_once(fixture_site):
    """Its scripts may use Material's (document$): the bundle is written into the page, before them."""
    config = fixture_site.config.read_text(encoding="utf-8")
    fixture_site.config.write_text(config.replace("nav:\n", "extra_javascript: [own.js]\nnav:\n", 1), encoding="utf-8")
    fixture_site.write("docs/own.js", "console.log('own')\n")
    html = (fixture_site.build() / "help" / "index.html").read_text(encoding="utf-8")
    scripts = re.findall(r'<script src="([^"]+)"', html)
    names = [address.rsplit("/", 1)[-1] for address in scripts]
    assert names[:3] == ["lazy-search.js", names[1], "own.js"] and re.fullmatch(r"bundle\.[0-9a-f]+\.min\.js", names[1])
    assert "load-material.js" not in html


KNOWN_TRACKERS = ("fonts.googleapis", "fonts.gstatic", "googletagmanager", "google-analytics", "cdn.jsdelivr",
                  "unpkg.com", "cdnjs", "polyfill.io", "use.fontawesome")


def test_no_stylesheet_or_script_refers_to_another_host(site):
    for path in list(site.rglob("*.css")) + list(site.rglob("*.js")):
        text = path.read_text("utf-8", errors="replace")
        if path.suffix == ".css":
            imports = re.findall(r"@import\s+(?:url\()?['\"]?([^'\");]+)", text)
            urls = re.findall(r"url\(\s*['\"]?([^'\")]+)", text)
            offenders = [u for u in imports + urls if is_other_host(u)]
            assert offenders == [], f"{path.relative_to(site)} loads {offenders}"
        for host in KNOWN_TRACKERS:
            assert host not in text, f"{path.relative_to(site)} mentions {host}"


def test_the_font_is_the_system_font(site):
    html = read(site, "index.html")
    assert "fonts.googleapis" not in html and "fonts.gstatic" not in html


def json_ld(html: str) -> list[dict]:
    import json

    return [json.loads(text) for text in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)]


@pytest.mark.parametrize("folder", ["", "cy/", "ar/", "so/"])
def test_the_faq_is_published_as_schema_org_faq_page(site, folder):
    html = read(site, f"{folder}families/faq/index.html")
    faq = next(data for data in json_ld(html) if data.get("@type") == "FAQPage")
    questions = {q["url"].lstrip("#"): q for q in faq["mainEntity"]}
    for anchor in ["who-are-advocates", "social-worker-says-no", "complain-if-refused", "who-pays"]:
        assert questions[anchor]["acceptedAnswer"]["text"], anchor
        assert re.search(rf'<h2 id="{anchor}">', html)
    assert faq["inLanguage"] == (folder.strip("/") or "en")


def test_contacts_are_published_as_organisations_with_the_numbers_the_page_shows(site):
    for page in ["help/directory/index.html", "families/faq/index.html", "ar/help/directory/index.html"]:
        html = read(site, page)
        graphs = [data for data in json_ld(html) if "@graph" in data]
        assert len(graphs) == 1, page
        published = {point["telephone"] for org in graphs[0]["@graph"] for point in org["contactPoint"]}
        shown = set(re.findall(r'href="tel:([^"]+)"', html))
        assert published == shown, page
    directory = json_ld(read(site, "help/directory/index.html"))
    advice = next(point for data in directory if "@graph" in data for org in data["@graph"]
                  for point in org["contactPoint"] if point["telephone"] == "+448088010366")
    assert advice["contactOption"] == "TollFree"
    assert advice["hoursAvailable"][0]["opens"] == "09:30" and advice["areaServed"] == ["England"]


def test_a_page_says_when_it_last_changed_from_git(site):
    import datetime as dt
    import subprocess

    out = subprocess.run(["git", "log", "-1", "--format=%cs", "--", "docs/families/faq.md"], cwd=ROOT,
                         capture_output=True, text=True, check=False).stdout.strip()
    dirty = subprocess.run(["git", "status", "--porcelain", "--", "docs/families/faq.md"], cwd=ROOT,
                           capture_output=True, text=True, check=False).stdout.strip()
    changed = dt.date.fromisoformat(out) if out and not dirty else dt.date.today()
    html = read(site, "families/faq/index.html")
    assert f"Page last updated on {changed.day} {changed:%B} {changed.year}." in html
