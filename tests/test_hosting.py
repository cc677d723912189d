"""Hosting: the headers a static host sends (`_headers`), robots.txt, and the site working under
exactly those headers in Chromium: navigation, search, language switch and the exit button, with
no Content-Security-Policy violation."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from browser import read_headers_file, serve


def test_the_site_carries_security_headers_and_robots_txt(site):
    headers = read_headers_file(site / "_headers")
    csp = headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp and "http" not in csp
    assert headers["Referrer-Policy"] == "no-referrer"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert "camera=()" in headers["Permissions-Policy"]
    assert (site / "robots.txt").read_text(encoding="utf-8").startswith("User-agent: *\nAllow: /\n")


@pytest.mark.browser
def test_the_site_works_under_its_own_headers_without_a_csp_violation(site, browser):
    with serve(site, read_headers_file(site / "_headers")) as url:
        context = browser.new_context()
        context.route(re.compile(r"^https://www\.bbc\.co\.uk/.*"),
                      lambda route: route.fulfill(status=200, content_type="text/html", body="<title>Weather</title>"))
        page = context.new_page()
        console: list[str] = []
        page.on("console", lambda message: console.append(f"{message.type}: {message.text}"))
        page.on("pageerror", lambda error: console.append(f"error: {error}"))

        response = page.goto(url + "families/faq/")
        assert response.headers["content-security-policy"].startswith("default-src 'self'")
        # Navigation: the guide's own scripts ran; Material's bundle comes at the first key and runs
        # (it marks <html>) under the policy.
        expect(page.locator("html")).to_have_class(re.compile(r"\bguide-js\b"))
        page.keyboard.press("ArrowDown")
        expect(page.locator("html")).to_have_class(re.compile(r"(^|\s)js(\s|$)"))
        page.locator(".md-nav--primary a[href$='meetings/']").first.click()
        page.wait_for_url(re.compile(r"families/meetings/$"))

        # Search, in its worker.
        page.locator(".md-search__input").click()
        page.keyboard.type("complain")
        expect(page.locator(".md-search-result__item").first).to_be_visible()
        page.keyboard.press("Escape")

        # Language switch: the Welsh page of the same page.
        welsh = page.locator("a.md-select__link[hreflang='cy']").first
        page.goto(welsh.evaluate("a => a.href"))
        assert page.url.endswith("/cy/families/meetings/")

        # The exit button.
        page.get_by_role("link", name=re.compile("Gadael")).click()
        page.wait_for_url("https://www.bbc.co.uk/weather")

        violations = [line for line in console if "Content Security Policy" in line or line.startswith("error")]
        assert violations == []
        context.close()


def test_every_page_carries_the_policy_itself_for_hosts_that_send_no_headers(site):
    policy = read_headers_file(site / "_headers")["Content-Security-Policy"]
    expected = "; ".join(part for part in policy.split("; ") if not part.startswith("frame-ancestors"))
    pages = list(site.rglob("*.html"))
    without = [str(p.relative_to(site)) for p in pages
               if f'<meta http-equiv="Content-Security-Policy" content="{expected}">' not in p.read_text("utf-8")]
    assert without == [] and len(pages) > 100
    assert all('<meta name="referrer" content="no-referrer">' in p.read_text("utf-8") for p in pages
               if "<body" in p.read_text("utf-8"))


@pytest.mark.browser
def test_without_headers_the_page_s_own_policy_stops_a_script_that_was_slipped_in(site, browser, tmp_path):
    """As GitHub Pages serves it (no _headers): the guide's scripts run, and a script added to a
    built page afterwards (by a compromised editor or host) does not."""
    import shutil

    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    page_file = copy / "families" / "faq" / "index.html"
    html = page_file.read_text("utf-8")
    page_file.write_text(html.replace("</body>", "<script>document.title = 'INJECTED'</script></body>"), "utf-8")
    with serve(copy) as url:
        page = browser.new_page()
        blocked: list[str] = []
        page.on("console", lambda message: blocked.append(message.text) if "Content Security Policy" in message.text
                else None)
        response = page.goto(url + "families/faq/")
        assert "content-security-policy" not in response.headers
        page.keyboard.press("ArrowDown")  # Material's bundle comes at the first key
        expect(page.locator("html")).to_have_class(re.compile(r"(^|\s)js(\s|$)"))  # and ran
        assert page.title() != "INJECTED"
        assert blocked, "the browser should report the blocked script"
        page.close()


@pytest.mark.browser
def test_the_site_works_under_a_sub_path(site, browser):
    """Hosted at https://example.github.io/guide/: every link, the language menu and search stay
    inside /guide/, and nothing is fetched from the host's root."""
    with serve(site, sub_path="guide") as url:
        page = browser.new_page()
        outside: list[str] = []
        page.on("response", lambda response: outside.append(f"{response.status} {response.url}")
                if response.status >= 400 or "/guide/" not in response.url else None)
        page.goto(url + "cy/")
        page.goto(page.locator("a.md-select__link[hreflang='en']").first.evaluate("a => a.href"))
        assert page.url == url
        page.locator("a.guide-audience").first.click()
        page.wait_for_url(url + "families/faq/")
        page.goto(page.locator("a.md-select__link[hreflang='ar']").first.evaluate("a => a.href"))
        assert page.url == url + "ar/families/faq/"
        page.locator(".md-search__input").click()
        page.keyboard.type("مناصر")
        page.keyboard.press("End")
        expect(page.locator(".md-search-result__item").first).to_be_visible()
        hrefs = page.locator(".md-search-result__item a").evaluate_all("links => links.map(a => a.href)")
        assert hrefs and all(href.startswith(url + "ar/") for href in hrefs)
        assert outside == []
        page.close()
