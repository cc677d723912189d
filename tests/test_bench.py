"""The benchmark's parts that can rot without anyone noticing: its synthetic guides must build
strictly (with the hook and with it switched off) and look like real pages, and its report must
say when a target is missed. The figures themselves are measured by `make bench`, never here."""

from __future__ import annotations

import json
import re

import pytest

import bench
from build_site import build_site
from synthetic_guide import make_guide


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    folder = tmp_path_factory.mktemp("synthetic")
    return build_site(make_guide(folder / "on", pages=30, languages=3), folder / "on" / "site")


def test_a_synthetic_guide_builds_strictly_in_every_language(synthetic):
    pages = sorted(p.relative_to(synthetic).as_posix() for p in synthetic.rglob("page-*/index.html"))
    english = [p for p in pages if p.startswith("part-")]
    assert len(english) == 29  # 30 pages with the home page
    for locale in ("cy", "ar"):
        assert sorted(p.removeprefix(f"{locale}/") for p in pages if p.startswith(f"{locale}/")) == english
    welsh = (synthetic / "cy" / "part-1" / "topic-01" / "page-01" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="cy"' in welsh


def test_synthetic_pages_carry_what_real_pages_do(synthetic):
    page = (synthetic / "ar" / "part-1" / "topic-01" / "page-02" / "index.html").read_text(encoding="utf-8")
    assert 'href="tel:+44' in page                      # phone markers rendered from contacts.yml
    assert 'class="guide-contact' in page               # a contact card
    assert "<abbr lang=\"en\" dir=\"ltr\" title=" in page  # abbreviations appended, marked as English
    assert re.search(r'id="(what-happens|your-rights|next-steps|more-help)"', page)
    assert re.search("[\u0600-\u06ff]{4}", page)        # Arabic words in the Arabic page
    index = json.loads((synthetic / "ar" / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["docs"] and all(not d["location"].startswith(("cy/", "ar/")) for d in index["docs"])


def test_the_hook_off_guide_builds_and_renders_no_marker(tmp_path):
    site = build_site(make_guide(tmp_path, pages=6, languages=2, hook=False), tmp_path / "site")
    page = (site / "part-1" / "topic-01" / "page-01" / "index.html").read_text(encoding="utf-8")
    assert "<!-- phone:" in page and 'href="tel:' not in page


def test_the_hook_profile_times_the_real_hook_inside_a_build(tmp_path):
    make_guide(tmp_path / "hook-on", pages=6, languages=2)
    profile = bench.hook_profile(tmp_path, say=lambda text: None)
    events, parts = profile["events"], profile["parts"]
    assert events["import"] > 0 and events["on_page_markdown"] > 0 and events["on_post_build"] > 0
    assert parts["search.split_index"] > 0 and parts["markers.replace_in_html"] > 0  # the real hook ran
    assert parts["checks.source_problems"] > 0 and parts["hosting.write_host_files"] > 0
    assert parts["search.split_index"] <= events["on_post_build"]  # a part is inside its event
    assert 0 < profile["hook_seconds"] < profile["build_seconds"]
    site = tmp_path / "hook-on" / "site"  # and the timed build is a whole, working site
    assert (site / "cy" / "search" / "search_index.json").exists() and (site / "_headers").exists()
    assert "Where the hook's time goes" in bench.report({"machine": bench.machine(), "hook": {
        "pages": 6, "languages": 2, "runs": 1, "with_hook": 1.0, "without_hook": 1.0, "ratio": 1.0,
        "pair_ratios": [1.0], "profile": profile}})


def test_the_report_marks_a_missed_target():
    row = {"locale": "en", "page": "home", "second_page_is": "faq", "off_site": [],
           "first_visit": {"total": {"raw": 300_000, "gzip": 90_000, "files": 9}},
           "second_page": {"total": {"raw": 40_000, "gzip": 12_000, "files": 1}}}
    results = {"machine": bench.machine(),
               "weight": {"pages": [row], "search_index": [{"locale": "en", "entries": 10, "raw": 1, "gzip": 200_000}]},
               "hook": {"pages": 50, "languages": 4, "runs": 3, "with_hook": 12.0, "without_hook": 10.0, "ratio": 1.2},
               "paint": [{"locale": "en", "page": "home", "fcp_ms": 900, "lcp_ms": 1000, "tbt_ms": 151},
                         {"locale": "en", "page": "faq", "fcp_ms": 900, "lcp_ms": 1000, "tbt_ms": 150}]}
    text = bench.report(results)
    assert text.count("MISSED") == 3 and "MISSES the 1.10 target" in text


def test_growth_compares_the_largest_guide_with_the_cheapest(tmp_path):
    rows = [{"pages": 50, "languages": 1, "ms_per_page_language": 40.0},   # too small to count
            {"pages": 200, "languages": 4, "ms_per_page_language": 20.0},
            {"pages": 800, "languages": 8, "ms_per_page_language": 30.0}]
    assert bench.growth(rows) == {"largest": "800x8", "ratio": 1.5}


def test_unknown_parts_are_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exited:
        bench.main(["--only", "build,speed"])
    assert exited.value.code == 2 and "speed" in capsys.readouterr().err
