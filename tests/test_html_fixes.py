"""The hook's small fixes to rendered HTML: named checklist boxes, no remote script in the bundle,
and the exit page setting."""

from __future__ import annotations

from guide.a11y import name_checkboxes
from guide.checks import exit_page_problem
from guide.bundle import adjust, adjust_bundles

TASKS = ('<ul class="task-list">\n'
         '<li class="task-list-item"><label class="task-list-control"><input type="checkbox"/>'
         '<span class="task-list-indicator"></span></label> Ask <a href="../faq/">why</a>.</li>\n'
         '<li class="task-list-item"><label class="task-list-control"><input type="checkbox" checked/>'
         '<span class="task-list-indicator"></span></label> Plan your next steps.</li>\n</ul>')


def test_each_checklist_box_is_named_by_its_own_item():
    html = name_checkboxes(TASKS)
    assert '<input type="checkbox" aria-labelledby="check-1"/>' in html
    assert '<span id="check-1">Ask <a href="../faq/">why</a>.</span></li>' in html
    assert '<input type="checkbox" aria-labelledby="check-2" checked/>' in html
    assert '<span id="check-2">Plan your next steps.</span></li>' in html


def test_text_without_checklists_is_unchanged():
    html = '<ul><li>One</li></ul><p><input type="checkbox"> two</p>'
    assert name_checkboxes(html) == html


def test_remote_scripts_become_empty_inline_scripts(tmp_path):
    bundle = tmp_path / "assets" / "javascripts" / "bundle.abc.min.js"
    bundle.parent.mkdir(parents=True)
    bundle.write_text('a=_t("https://unpkg.com/resize-observer-polyfill");b=_t("https://unpkg.com/mermaid@11/dist/m.js")')
    assert adjust_bundles(tmp_path) == [bundle]
    assert bundle.read_text() == 'a=_t("data:text/javascript,");b=_t("data:text/javascript,")'
    assert adjust_bundles(tmp_path) == []  # nothing written the second time
    assert adjust("no remote here") == "no remote here"


def test_the_sitemap_fetch_per_alternate_page_is_switched_off():
    assert adjust('e.pipe(b(()=>M("link[rel=alternate]")),m(r=>new URL(r.href))') == \
        'e.pipe(b(()=>M("link[rel=alternate][data-guide-never]")),m(r=>new URL(r.href))'


def test_the_exit_page_must_be_a_full_https_address():
    assert exit_page_problem(None) is None
    assert exit_page_problem({"url": "https://www.bbc.co.uk/weather"}) is None
    assert "must be a full https://" in exit_page_problem({"url": "http://example.org"})
    assert "must be a full https://" in exit_page_problem({"url": "weather.example.org"})
    assert "needs url" in exit_page_problem({"address": "https://example.org"})
    assert "needs url" in exit_page_problem("https://example.org")
