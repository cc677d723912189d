"""What a reader's browser does with the default guide: nothing fetched from another host."""

from __future__ import annotations

import json
import re
from urllib.parse import urlsplit

import pytest

from test_languages import OTHER as OTHER_LANGUAGES

pytestmark = pytest.mark.browser






@pytest.mark.parametrize("path", ["", "families/faq/", "help/directory/", "procedures/"])
def test_a_page_loads_everything_from_its_own_origin(browser, base_url, path):
    context = browser.new_context()
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    failures: list[str] = []
    page.on("requestfailed", lambda request: failures.append(request.url))
    response = page.goto(base_url + path, wait_until="networkidle")
    assert response.status == 200
    origin = urlsplit(base_url).netloc
    elsewhere = [url for url in requests if urlsplit(url).scheme in ("http", "https")
                 and urlsplit(url).netloc != origin]
    assert elsewhere == []
    assert len(requests) > 3  # the page, its stylesheets and scripts were really fetched
    assert failures == []
    assert context.cookies() == [] and page.evaluate("document.cookie") == ""  # no cookies, ever
    context.close()


def test_the_advice_line_is_a_visible_tap_to_call_link(browser, base_url):
    page = browser.new_page()
    page.goto(base_url)
    link = page.locator('a[href="tel:+448088010366"]').first
    assert link.is_visible()
    assert link.inner_text() == "0808 801 0366"
    page.close()


@pytest.mark.parametrize("path, query, expected", [
    ("", "complain", "families/faq/?h=complain#complain-if-refused"),
    ("cy/families/faq/", "eiriolwr", "cy/families/faq/"),
    ("ar/", "مناصر", "ar/families/faq/"),
    ("bn/", "সমাজকর্মী", "bn/families/faq/"),
])
def test_search_finds_pages_of_the_readers_language_only(browser, base_url, path, query, expected):
    page = browser.new_page()
    page.goto(base_url + path)
    page.locator(".md-search__input").click()
    page.keyboard.type(query)
    page.keyboard.press("End")  # type() sends no keyup for non-US characters; results need one
    results = page.locator(".md-search-result__item a")
    results.first.wait_for()
    hrefs = results.evaluate_all("links => links.map(a => a.href)")
    language = path.split("/")[0] if path.split("/")[0] in OTHER_LANGUAGES else ""
    for href in hrefs:
        first = href.removeprefix(base_url).split("/")[0]
        assert first == language if language else first not in OTHER_LANGUAGES
    # Results come grouped by page (the page, then its matching sections): look in the first three pages.
    top = page.locator(".md-search-result__item").evaluate_all(
        "items => items.slice(0, 3).flatMap(item => [...item.querySelectorAll('a')].map(a => a.href))")
    assert any(expected in href for href in top), top
    # A section result opens the page at that section.
    link = page.locator(".md-search-result__item a[href*='#']:visible").first
    section = link.evaluate("a => a.href")
    link.click()
    page.wait_for_url(section)
    anchor = section.split("#")[1]
    assert page.evaluate(f"document.getElementById({anchor!r}).getBoundingClientRect().top") < 200
    page.close()


@pytest.mark.parametrize("path, query", [("", "complain"), ("ar/", "مناصر")])
def test_search_costs_no_data_until_the_reader_searches(browser, base_url, path, query):
    # The worker and the index are 45-70 KB gzip: a reader who never searches never pays for them.
    page = browser.new_page()
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url))
    page.goto(base_url + path, wait_until="networkidle")
    page.mouse.wheel(0, 600)  # reading the page does not start search
    page.wait_for_timeout(500)
    searching = lambda: [u for u in asked if "search_index" in u or "/workers/search" in u]  # noqa: E731
    assert searching() == [], "search was loaded before the reader opened it"
    page.locator(".md-search__input").click()
    page.keyboard.type(query)
    page.keyboard.press("End")
    page.locator(".md-search-result__item").first.wait_for()
    assert any(u.endswith(path + "search/search_index.json") for u in searching())
    page.close()


def test_the_search_shortcut_starts_search_too(browser, base_url):
    page = browser.new_page()
    page.goto(base_url, wait_until="networkidle")
    page.keyboard.press("/")  # Material's shortcut: focuses the search box
    page.keyboard.type("advocate")
    page.keyboard.press("End")
    page.locator(".md-search-result__item").first.wait_for()
    page.close()


def test_the_watch_on_other_hosts_catches_a_request(browser, base_url):
    """The guard every browser test runs under (conftest.py) really sees a request elsewhere."""
    # The page's own security policy would block the fetch before it is made: set it aside here,
    # as a page with an injected tracker on a host with no policy would be.
    page = browser.new_page(bypass_csp=True)
    page.route("https://tracker.example/**", lambda route: route.fulfill(status=204, body=""))
    page.goto(base_url)
    page.evaluate("fetch('https://tracker.example/pixel').catch(() => null)")
    page.wait_for_timeout(300)
    assert browser.off_site == ["https://tracker.example/pixel"]
    browser.off_site.clear()  # seen and expected: the test's own guard must not fail on it
    page.close()


@pytest.mark.parametrize("path, query, expected", [
    ("pl/", "błedny", "pl/about/report-a-problem/"),  # one of two Polish letters left out: błędny
    ("ar/", "امكانية", "ar/about/accessibility/"),  # no hamza on the alef: إمكانية
    ("ur/", "رسايی", "ur/about/accessibility/"),  # a plain yeh for the hamza: رسائی
    # whole questions (their question words left out), a letter wrong, an everyday word
    ("", "what is a child protection plan", "help/glossary/#child-protection-plan"),
    ("", "what if the social worker says no", "families/faq/#social-worker-says-no"),
    ("", "advocasy", "procedures/"),
    ("", "I need an interpreter", "families/meetings/"),
    ("", "what is a child in need", "help/glossary/#child-in-need"),
    ("cy/", "dw i angen cyfieithydd", "cy/families/meetings/#before-the-meeting"),
    ("so/", "waxaan u baahanahay turjumaan", "so/families/meetings/#before-the-meeting"),
    ("ro/", "am nevoie de interpret", "ro/families/meetings/#before-the-meeting"),
    ("ro/", "trebuie să plătesc", "ro/families/faq/#who-pays"),
    # with the punctuation a reader types; Arabic and Bengali questions
    ("", "can I bring a friend to the meeting?", "families/meetings/#bringing-a-friend"),
    ("ro/", "ce fac daca asistentul social spune nu?", "ro/families/faq/#social-worker-says-no"),
    ("ar/", "هل يجب ان ادفع للمناصر", "ar/families/faq/#who-pays"),
    ("bn/", "মিটিংয়ে আমার সাথে কে আসতে পারে", "bn/families/meetings/#bringing-a-friend"),
])
def test_words_typed_as_a_reader_types_them_find_their_page(browser, base_url, path, query, expected):
    page = browser.new_page()
    page.goto(base_url + path)
    page.locator(".md-search__input").click()
    page.keyboard.type(query)
    page.keyboard.press("End")
    results = page.locator(".md-search-result__item")
    results.first.wait_for()
    # What the first three results link to, without the ?h= highlight Material adds. Results of a
    # query typed halfway may still arrive: wait (up to 5 s) for the last one's.
    found, top = False, []
    for _ in range(50):
        top = results.evaluate_all("items => items.slice(0, 3).flatMap(item => [...item.querySelectorAll('a')]"
                                   ".map(a => a.href.replace(/\\?h=[^#]*/, '')))")
        found = any(href.startswith(base_url + expected) for href in top)
        if found:
            break
        page.wait_for_timeout(100)
    assert found, top
    page.close()


def open_with_search_script(page, url: str) -> None:
    """lazy-search.js comes with Material's script, at the reader's first key or touch."""
    page.goto(url)
    page.keyboard.press("ArrowDown")
    page.wait_for_function("() => window.guideSearchForm && window.guideWorkerQuery")


def test_the_browser_gives_each_word_the_same_search_form_as_the_build(browser, base_url):
    """lazy-search.js folds the query as hooks/guide/search.py folds the index."""
    from guide.search import search_form

    words = ["advocate", "błędny", "błedny", "skargę", "grŵp", "plângere", "Łódź", "Straße", "إمكانية", "الإبلاغ",
             "أنا", "مستشفى", "رسائی", "کتاب", "كتاب", "نگہداشت", "সমাজকর্মী", "নিয়ে", "নিয়ে", "ড়", "½"]
    page = browser.new_page()
    open_with_search_script(page, base_url)
    assert page.evaluate("words => words.map(window.guideSearchForm)", words) == [search_form(w) for w in words]
    page.close()


def test_the_browser_sends_the_worker_the_query_the_build_expects(browser, base_url, site):
    """lazy-search.js rewrites what was typed as hooks/guide/search.py's worker_query does (the
    search table, tests/test_search.py, runs through the Python one)."""
    from guide.search import worker_query
    skip = ["what", "is", "a", "i", "my", "the", "sut", "ce", "أنا", "আমি"]
    typed = ["What is a child protection plan", "advocasy", "  I   need an interpreter ", "what is",
             "PLO 2011", "skargę złożyć", "sut i gwyno", "Ce înseamnă PLO", "أنا أحتاج مترجم", "আমি সমাজকর্মী",
             "২০১১ সালের", "child-in-need", '"child protection"', "+advocate -court", "advocate~1", "a b"]
    typed += ["child in need", "I need a child in need plan", "in need", "said no", "social worker said no"]
    # punctuation typed with a word: split where the index splits, so "what?" is still "what"
    typed += ["What is a child protection plan?", "ce? PLO", "need, an interpreter.", "أنا؟ مترجم", "আমি। সমাজকর্মী",
              "(advocate)", "PLO 2011.", "advocate's role", "what?", "?"]
    skip += ["need"]
    phrases, stop = ["child in need", "in need"], ["in", "no", "said"]
    separator = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["config"]["separator"]
    page = browser.new_page()
    open_with_search_script(page, base_url)
    got = page.evaluate("([typed, skip, phrases, stop, separator]) =>"
                        " typed.map(t => window.guideWorkerQuery(t, skip, phrases, stop, separator))",
                        [typed, skip, phrases, stop, separator])
    want = [worker_query(t, frozenset(skip), tuple(tuple(p.split()) for p in phrases), frozenset(stop),
                         re.compile(separator)) for t in typed]
    assert got == want
    assert want[typed.index("What is a child protection plan?")] == "child*^10 protection*^10 plan*^10 child~1 protection~1"
    assert want[typed.index("what?")] == "what", "only question words: they are searched"
    page.close()
