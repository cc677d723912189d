"""The benchmark's parts that can rot without anyone noticing: its synthetic guides must build
strictly (with the hook and with it switched off) and look like real pages, and its report must
say when a target is missed. The figures themselves are measured by `make bench`, never here."""

from __future__ import annotations

import json
import re

import pytest

import bench
from guide.building import build_site
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


def test_lighthouse_visits_every_page_in_english_and_arabic_and_the_faq_in_the_others():
    pages = {"home": "", "faq": "families/faq/", "procedures": "procedures/x/", "directory": "help/directory/"}
    rows = bench.lighthouse_pages(pages, ["en", "cy", "ar", "pl"], "en")
    assert rows == [("en", "home", ""), ("en", "faq", "families/faq/"), ("en", "procedures", "procedures/x/"),
                    ("en", "directory", "help/directory/"), ("cy", "faq", "cy/families/faq/"),
                    ("ar", "home", "ar/"), ("ar", "faq", "ar/families/faq/"), ("ar", "procedures", "ar/procedures/x/"),
                    ("ar", "directory", "ar/help/directory/"), ("pl", "faq", "pl/families/faq/")]


def run(performance: float, seo: float = 1.0, lost_seo: tuple = ()) -> dict:
    """A Lighthouse report cut as tests/node/lighthouse-runs.mjs cuts it."""
    audits = {"hreflang": {"score": 0 if "hreflang" in lost_seo else 1}, "total-blocking-time": {"score": 0.9,
              "numericValue": 250.0}, "largest-contentful-paint": {"score": 1, "numericValue": 1200.0},
              "first-contentful-paint": {"score": 1, "numericValue": 900.0}}
    categories = {"performance": {"score": performance, "auditRefs": [{"id": "total-blocking-time", "weight": 30}]},
                  "accessibility": {"score": 1, "auditRefs": []}, "best-practices": {"score": 1, "auditRefs": []},
                  "seo": {"score": seo, "auditRefs": [{"id": "hreflang", "weight": 1}]}}
    return bench.lighthouse_summary({"categories": categories, "audits": audits, "lighthouseVersion": "12.2.3"})


def test_lighthouse_takes_the_median_of_the_runs_that_worked_and_reports_the_rest():
    row = bench.lighthouse_row("en", "faq", [run(0.90), run(0.99, 0.91, ("hreflang",)), run(0.97),
                                             {"error": "no result after 180 s"}], say=lambda text: None)
    assert row["scores"] == {"performance": 97, "accessibility": 100, "best-practices": 100, "seo": 100}
    assert row["runs"] == 3 and row["failed_runs"] == 1 and row["errors"] == ["no result after 180 s"]
    assert row["lost"]["seo"] == ["hreflang"] and row["lost"]["performance"] == ["total-blocking-time"]
    assert row["metrics"]["total-blocking-time"] == 250.0
    failed = bench.lighthouse_row("ar", "home", [{"error": "Chrome did not start"}], say=lambda text: None)
    text = "\n".join(bench.lighthouse_report({"version": "12.2.3", "runs": 3, "pages": [row, failed]}))
    assert "| en       | faq  | 97" in text and "| ar       | home | failed" in text
    assert "SEO hreflang (en faq)" in text and "ar home: Chrome did not start" in text
    slow = bench.lighthouse_row("en", "home", [run(0.93)], say=lambda text: None)
    assert "93 MISSED" in "\n".join(bench.lighthouse_report({"version": "12.2.3", "runs": 1, "pages": [slow]}))


def test_the_bench_server_sends_text_gzip_compressed_as_a_static_host_does(tmp_path):
    import gzip
    import urllib.request

    from local_browser import serve

    (tmp_path / "faq").mkdir()
    (tmp_path / "faq" / "index.html").write_text("<p>" + "words " * 200, encoding="utf-8")
    (tmp_path / "mark.png").write_bytes(b"\x89PNG" + bytes(300))
    with serve(tmp_path, headers={"X-Content-Type-Options": "nosniff"}, compress=True) as base:
        def get(path):
            request = urllib.request.Request(base + path, headers={"Accept-Encoding": "gzip"})
            with urllib.request.urlopen(request) as response:
                return response.headers, response.read(), response.url
        headers, body, _ = get("faq/")
        assert headers["Content-Encoding"] == "gzip" and headers["X-Content-Type-Options"] == "nosniff"
        assert gzip.decompress(body).decode() == "<p>" + "words " * 200 and len(body) < 200
        headers, body, _ = get("mark.png")  # images go as they are
        assert headers["Content-Encoding"] is None and body.startswith(b"\x89PNG")
        _, _, url = get("faq")  # a folder without its slash is sent to it, as hosts do
        assert url == base + "faq/"


@pytest.mark.browser
def test_the_lighthouse_runner_scores_a_page_in_debian_chromium(tmp_path):
    """The pinned Lighthouse, through tests/node/lighthouse-runs.mjs, in Debian's chromium (no
    browser downloaded): one run on a small page gives every category and the metrics."""
    from local_browser import serve

    (tmp_path / "index.html").write_text(
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A page</title>'
        '<meta name="viewport" content="width=device-width"><meta name="description" content="A page.">'
        '</head><body><main><h1>A page</h1><p>Some words.</p></main></body></html>', encoding="utf-8")
    (tmp_path / "robots.txt").write_text("User-agent: *\nAllow: /\n", encoding="utf-8")
    with serve(tmp_path, compress=True) as base:
        runs = bench.lighthouse_runs([base], 1, say=lambda text: None)[base]
    assert len(runs) == 1 and "error" not in runs[0], runs
    assert runs[0]["version"] == "12.2.3"
    assert set(runs[0]["scores"]) == set(bench.LIGHTHOUSE_TARGETS)
    assert runs[0]["scores"]["accessibility"] == 100 and runs[0]["metrics"]["largest-contentful-paint"] > 0


@pytest.mark.browser
def test_a_lighthouse_run_that_fails_is_reported_not_fatal():
    """No server on the port: the runner tries twice and reports it; the bench goes on."""
    said = []
    url = f"http://127.0.0.1:{bench.free_port()}/"
    runs = bench.lighthouse_runs([url], 1, say=said.append)[url]
    assert len(runs) == 1 and runs[0]["error"] and " / " in runs[0]["error"]  # both tries, both reasons
    assert any("failed" in line for line in said)
    row = bench.lighthouse_row("en", "home", runs, say=said.append)
    assert row["failed_runs"] == 1 and "scores" not in row


@pytest.mark.browser
def test_the_checks_part_counts_nu_errors_and_axe_violations_on_every_page(fixture_site, tmp_path):
    """`make bench` reports the validators' counts: a page with an HTML error and an image with no
    text alternative are counted, and named. (Run as the benchmark runs, in its own process: the
    suite's own browser is already open in this one.)"""
    import subprocess
    import sys
    fixture_site.write("docs/help.md", (fixture_site.docs / "help.md").read_text(encoding="utf-8")
                       + '\n<p><img src="../assets/images/favicon.png"></p>\n\n<div><p>x</div></p>\n')
    out = tmp_path / "bench.json"
    run = subprocess.run([sys.executable, str(bench.ROOT / "scripts" / "bench.py"), "--only", "checks",
                          "--config", str(fixture_site.config), "--json", str(out)],
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    checks = json.loads(out.read_text(encoding="utf-8"))["checks"]
    assert checks["pages"] >= 3 and checks["axe_pages"] >= 3
    assert checks["nu_errors"] >= 1 and any("help/index.html" in line for line in checks["nu_first"])
    assert checks["axe_violations"] >= 2  # image-alt, in the light and the dark scheme
    assert any("image-alt" in line and "help/" in line for line in checks["axe_first"])
    assert "Nu HTML checker, errors" in run.stdout and "axe-core" in run.stdout
