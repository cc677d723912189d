"""WCAG 2.2 AA, checked by axe-core in Debian's headless chromium, on every built page in the
light and the dark colour scheme, and the layout at 320 px wide (400% zoom on a 1280 px screen)."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

import pytest


pytestmark = pytest.mark.browser

# axe-core itself, as shipped inside the axe-playwright-python wheel (no download at test time).
AXE = (files("axe_playwright_python") / "axe.min.js").read_text(encoding="utf-8")
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def built_pages(site: Path) -> list[str]:
    return sorted(str(p.relative_to(site).parent) + "/" if p.name == "index.html" else str(p.relative_to(site))
                  for p in site.rglob("*.html") if "<body" in p.read_text("utf-8"))






def violations(page) -> list[str]:
    page.evaluate(AXE)
    result = page.evaluate("(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_22_AA)
    return [f"{v['id']} ({v['impact']}): {v['help']} -- "
            + "; ".join(" ".join(node["target"]) for node in v["nodes"][:5])
            for v in result["violations"]]


def site_violations(browser, site, base_url: str, scheme: str) -> str:
    """axe-core's WCAG 2.2 AA problems on every built page of `site` served at `base_url`, as a
    message ("" when there are none)."""
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    problems = {}
    for path in built_pages(site):
        page.goto(base_url + path.removeprefix("./"))
        found = violations(page)
        if found:
            problems[path] = found
    context.close()
    return "\n".join(f"{path}:\n  " + "\n  ".join(found) for path, found in problems.items())


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_page_passes_axe_core(browser, base_url, site, scheme):
    problems = site_violations(browser, site, base_url, scheme)
    assert problems == "", problems


def test_every_page_reflows_at_320_pixels(browser, base_url, site):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    too_wide = []
    for path in built_pages(site):
        page.goto(base_url + path.removeprefix("./"))
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 320:
            too_wide.append(f"{path}: {width}px")
    context.close()
    assert too_wide == [], "pages that scroll sideways at 320px: " + ", ".join(too_wide)


@pytest.mark.parametrize("path", ["families/faq/", "ar/help/directory/"])
def test_keyboard_focus_is_always_visible(browser, base_url, path):
    """Tab through the controls: each shows a thick outline (or its label does, for the hidden
    inputs behind the colour and menu toggles)."""
    page = browser.new_page()
    page.goto(base_url + path)
    seen = []
    for _ in range(25):
        page.keyboard.press("Tab")
        style = page.evaluate("""() => {
            let e = document.activeElement;
            if (e.matches("input.md-option, input.md-toggle") && e.nextElementSibling) e = e.nextElementSibling;
            const s = getComputedStyle(e);
            return [e.tagName + "." + e.className, s.outlineStyle, parseFloat(s.outlineWidth)];
        }""")
        seen.append(style)
    hidden = [name for name, outline, width in seen if outline == "none" or width < 2]
    assert hidden == [], f"no visible focus on {hidden}"
    page.close()
