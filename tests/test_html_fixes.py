"""The hook's small fixes to rendered HTML: named checklist boxes, no remote script in the bundle,
and the exit page setting."""

from __future__ import annotations

from guide.a11y import name_checkboxes
from guide.checks import exit_page_problem
from types import SimpleNamespace

import pytest
from mkdocs.structure.files import File, Files

from guide.bundle import BundleChanged, adjust, adjusted_files

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


BUNDLE_TEXT = ('a=_t("https://unpkg.com/resize-observer-polyfill");b=_t("https://unpkg.com/mermaid@11/dist/m.js");'
               'c=M("link[rel=alternate]")')


def bundle_files(tmp_path, text: str):
    """Material's bundle and another theme file, as the build's files."""
    config = SimpleNamespace(site_dir=str(tmp_path / "site"), use_directory_urls=True)
    for name, content in (("bundle.0123abcd.min.js", text), ("other.js", "x")):
        (tmp_path / "assets" / "javascripts").mkdir(parents=True, exist_ok=True)
        (tmp_path / "assets" / "javascripts" / name).write_text(content, encoding="utf-8")
    files = Files([File(f"assets/javascripts/{name}", str(tmp_path), config.site_dir, True)
                   for name in ("bundle.0123abcd.min.js", "other.js")])
    return files, config


def test_remote_scripts_become_empty_inline_scripts(tmp_path):
    files, config = bundle_files(tmp_path, BUNDLE_TEXT)
    assert adjusted_files(files, config) == ["assets/javascripts/bundle.0123abcd.min.js"]
    bundle = files.get_file_from_path("assets/javascripts/bundle.0123abcd.min.js")
    assert bundle.content_string == ('a=_t("data:text/javascript,");b=_t("data:text/javascript,");'
                                     'c=M("link[rel=alternate][data-guide-never]")')
    assert adjust("no remote here") == "no remote here"


def test_a_material_release_without_what_is_replaced_stops_the_build(tmp_path):
    files, config = bundle_files(tmp_path, BUNDLE_TEXT.replace("https://unpkg.com/mermaid@11/dist/m.js", "mermaid.js"))
    with pytest.raises(BundleChanged, match="has changed: it no longer has the polyfill and Mermaid addresses "
                                            r"on unpkg.com \(found 1, expected 2\)"):
        adjusted_files(files, config)


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


def test_every_kind_of_marker_has_its_renderer():
    """A kind of marker is added in one place (markers.REGISTRY), with a Renderer method of its name."""
    from guide.markers import REGISTRY
    from guide.render import Renderer
    for kind in REGISTRY.values():
        assert callable(getattr(Renderer, kind.renderer, None)), kind.name
