"""Publishing recipes: they build with the strict build and publish only what it made."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent


def test_github_pages_publishes_only_after_the_strict_build():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "publish.yml").read_text(encoding="utf-8"))
    build = workflow["jobs"]["build"]["steps"]
    commands = [step.get("run") for step in build]
    uploads = [i for i, step in enumerate(build) if "upload-pages-artifact" in step.get("uses", "")]
    assert "make site" in commands and uploads
    assert commands.index("make site") < uploads[0], "the site is uploaded before it is built"
    assert build[uploads[0]]["with"]["path"] == "site"
    assert workflow["jobs"]["deploy"]["needs"] == "build"
    checkout = next(step for step in build if step.get("uses", "").startswith("actions/checkout"))
    assert checkout["with"]["fetch-depth"] == 0, "a shallow clone gives every page today's date as its last change"


def test_netlify_and_cloudflare_build_with_make_site_and_publish_site():
    text = (ROOT / "netlify.toml").read_text(encoding="utf-8")
    assert 'command = "make site' in text and 'publish = "site"' in text


def test_the_workflow_gives_the_build_the_address_it_publishes_at():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "publish.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["build"]["steps"]
    pages = next(step for step in steps if "configure-pages" in step.get("uses", ""))
    build = next(step for step in steps if step.get("run") == "make site")
    assert build["env"]["GUIDE_SITE_URL"] == "${{ steps.%s.outputs.base_url }}/" % pages["id"]
    assert steps.index(pages) < steps.index(build)


@pytest.mark.build
def test_with_site_url_every_address_search_engines_read_is_a_full_address(tmp_path, monkeypatch):
    from guide.building import build_site

    monkeypatch.setenv("GUIDE_SITE_URL", "https://guide.example.org/")
    site = build_site(ROOT / "mkdocs.yml", tmp_path / "site")
    page = (site / "cy" / "families" / "faq" / "index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://guide.example.org/cy/families/faq/">' in page
    alternates = re.findall(r'<link rel="alternate" href="([^"]*)" hreflang="([^"]*)"', page)
    assert len(alternates) == 8 and all(href.startswith("https://guide.example.org/") for href, _ in alternates)
    assert ("https://guide.example.org/ar/families/faq/", "ar") in alternates
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert re.findall(r"<loc>([^<]*)</loc>", sitemap) and all(
        loc.startswith("https://guide.example.org/") for loc in re.findall(r"<loc>([^<]*)</loc>", sitemap))


def test_an_empty_site_url_is_said_but_does_not_stop_the_build(fixture_site, caplog):
    import logging

    with caplog.at_level(logging.WARNING, logger="guide.settings"):
        fixture_site.build()
    said = [r.getMessage() for r in caplog.records if r.name == "guide.settings"]
    assert len(said) == 1 and "mkdocs.yml: site_url is empty" in said[0] and "Fix: set site_url" in said[0]
