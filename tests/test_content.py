"""The default guide's content: reachable, plain, exact anchors, and in the project's own words."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from readability import reading_ease
from seed_fingerprints import fingerprints, words

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"


def english(pages) -> list[Path]:
    """English pages only: translations are `page.<locale>.md` (reading ease is an English measure)."""
    return sorted(p for p in pages if not re.search(r"\.[a-z]{2,3}(?:[-_][A-Za-z]+)?\.md$", p.name))


FAMILY_PAGES = english([DOCS / "index.md", *(DOCS / "families").glob("*.md"), *(DOCS / "help").glob("*.md"),
                        *(DOCS / "about").glob("*.md")])
ALL_PAGES = english(DOCS.rglob("*.md"))
SCORES: dict[str, float] = {}

FAQ_ANCHORS = ["who-are-advocates", "how-an-advocate-helps", "advocate-at-child-protection-conference",
               "advocate-in-care-planning", "social-worker-says-no", "ask-for-reasons-in-writing",
               "complain-if-refused", "advocate-if-you-have-a-disability", "find-an-advocate",
               "cannot-find-an-advocate", "who-pays", "information-for-supporters", "what-you-can-do-now",
               "questions-on-this-page", "advocate-must-share-safety-worries"]


@pytest.mark.parametrize("page", ALL_PAGES, ids=lambda p: str(p.relative_to(DOCS)))
def test_reading_ease(page):
    score = reading_ease(page.read_text(encoding="utf-8"))
    SCORES[str(page.relative_to(ROOT))] = score
    if page in FAMILY_PAGES:
        assert score >= 60, f"{page.relative_to(ROOT)}: Flesch reading ease {score:.0f}; families' pages need 60+"


def test_every_faq_question_has_its_stable_anchor(site):
    html = (site / "families" / "faq" / "index.html").read_text(encoding="utf-8")
    for anchor in FAQ_ANCHORS:
        assert re.search(rf'<h[23] id="{anchor}"', html), f"#{anchor} is missing from the FAQ"


def test_the_faq_opens_with_what_a_parent_can_do_then_lists_every_question_on_it(site):
    for page in sorted(site.glob("**/families/faq/index.html")):
        html = page.read_text(encoding="utf-8")
        article = html[html.index("<article"):html.index("</article>")]
        headings = re.findall(r'<h2 id="([\w-]+)"', article)
        assert headings[:2] == ["what-you-can-do-now", "questions-on-this-page"], page
        listed = re.search(r'<h2 id="questions-on-this-page".*?<ol>(.*?)</ol>', article, re.S).group(1)
        questions = [h for h in headings[2:] if h not in ("need-help-now", "guide-sources-title")]
        assert re.findall(r'href="#([\w-]+)"', listed) == questions, page
        # An advocate's duty to pass on worries about a child's safety is among the first answers.
        assert "advocate-must-share-safety-worries" in questions[:5]


def test_every_page_is_reachable_from_the_navigation(site):
    html = (site / "index.html").read_text(encoding="utf-8")
    nav = html[html.index('<nav class="md-nav md-nav--primary"'):]
    for page in ALL_PAGES:
        relative = page.relative_to(DOCS).with_suffix("")
        url = "" if str(relative) == "index" else (str(relative.parent) + "/" if relative.name == "index"
                                                   else f"{relative}/")
        assert f'href="{url or "."}"' in nav or f'href="./{url}"' in nav or f'href="{url}"' in nav, \
            f"{page.relative_to(ROOT)} is not in the navigation"


def site_text_files() -> list[Path]:
    folders = [DOCS, ROOT / "overrides", ROOT / "hooks" / "guide" / "theme", ROOT / "includes",
               ROOT / "hooks" / "guide" / "strings"]
    files = [p for folder in folders for p in folder.rglob("*") if p.suffix in {".md", ".html", ".yml", ".txt"}]
    return files + [ROOT / "contacts.yml"]


def test_no_page_repeats_ten_words_of_a_source_document():
    known = set((ROOT / "tests" / "data" / "seed_fingerprints.txt").read_text().split())
    copied = []
    for path in site_text_files():
        mine = words(path.read_text(encoding="utf-8"))
        shared = fingerprints(mine) & known
        if shared:
            copied.append(f"{path.relative_to(ROOT)}: {len(shared)} runs of 10 words match a source")
    assert copied == [], "\n".join(copied) + "\nRun python3 ../shared/tools/overlap.py to see them"
