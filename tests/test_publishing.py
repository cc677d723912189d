"""Publishing recipes: they build with the strict build and publish only what it made."""

from __future__ import annotations

from pathlib import Path

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


def test_netlify_and_cloudflare_build_with_make_site_and_publish_site():
    text = (ROOT / "netlify.toml").read_text(encoding="utf-8")
    assert 'command = "make site' in text and 'publish = "site"' in text
