"""`guide audit`: what an organisation's own guide looks like to a reader, checked in a browser.

The build checks the sources; it cannot see the pages as a reader does. The audit builds the guide
into a folder that is thrown away, serves it on this machine and opens every page in Debian's
headless chromium, in the light and the dark colour scheme:

- axe-core's WCAG 2.2 AA and best-practice rules on every page (so a palette whose colours fail
  contrast is found: in the colour scheme where they fail);
- every request the pages make to another host (the guide promises readers none);
- the settings a build lets through but a published guide should not have: an empty `site_url`
  (the sitemap, canonical and hreflang addresses are then relative, which search engines ignore),
  and an exit page on the guide's own host.

It needs the browser tools, which the build does not: `pip install "family-advocacy-guide[audit]"`
(Playwright and axe-core, pinned) and Debian's chromium (`apt-get install chromium`).
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from guide import building, settings
from guide.local_browser import CHROMIUM_ARGS, chromium_path, serve

RULES = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
SCHEMES = ("light", "dark")


@dataclass(frozen=True)
class Finding:
    where: str  # a page of the built site, or mkdocs.yml
    what: str

    def __str__(self) -> str:
        return f"{self.where}: {self.what}"


class AuditError(Exception):
    """The audit could not run (no browser tools, or the guide does not build)."""


def pages(site: Path) -> list[str]:
    """Every HTML page of a built site, as a path from its root ("", "help/", "404.html")."""
    found = []
    for path in sorted(site.rglob("*.html")):
        if "<body" not in path.read_text(encoding="utf-8", errors="replace"):
            continue  # a redirect page for a moved page: nothing to read
        relative = path.relative_to(site)
        found.append("" if str(relative) == "index.html" else
                     f"{relative.parent.as_posix()}/" if relative.name == "index.html" else relative.as_posix())
    return found


def settings_findings(config_file: Path, site_url: str) -> list[Finding]:
    """`site_url` as the build read it (`!ENV [GUIDE_SITE_URL, ""]` is read from the environment)."""
    config = settings.read_config(config_file)
    shown = config_file.name
    findings = []
    if not site_url:
        findings.append(Finding(shown, "site_url is empty: the sitemap, canonical and hreflang addresses are relative, "
                                       "which search engines ignore. Fix: set site_url (or GUIDE_SITE_URL when you "
                                       "build) to the address the guide is published at"))
    exit_url = (settings.guide_settings(config).get("exit_page") or {}).get("url") or settings.DEFAULT_EXIT_PAGE
    if site_url and urlsplit(exit_url).hostname == urlsplit(site_url).hostname:
        findings.append(Finding(shown, f"the exit page {exit_url} is on the guide's own site, so leaving shows "
                                       "the guide's address. Fix: choose another, neutral site"))
    return findings


def _browser_tools():
    try:
        from importlib.resources import files

        from playwright.sync_api import sync_playwright
        axe = (files("axe_playwright_python") / "axe.min.js").read_text(encoding="utf-8")
    except (ImportError, FileNotFoundError) as error:
        raise AuditError(f"guide audit needs Playwright and axe-core ({error}). Fix: pip install "
                         "\"family-advocacy-guide[audit]\"") from None
    try:
        chromium = chromium_path()
    except RuntimeError as error:
        raise AuditError(str(error)) from None
    return sync_playwright, axe, chromium


def page_findings(site: Path, say=print) -> list[Finding]:
    """axe-core and other hosts, on every page of the built `site`, in both colour schemes."""
    sync_playwright, axe, chromium = _browser_tools()
    findings: list[Finding] = []
    listed = pages(site)
    with serve(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        local = urlsplit(base).hostname
        for scheme in SCHEMES:
            context = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 800})
            elsewhere: dict[str, set[str]] = {}
            current = {"page": ""}

            def watch(request) -> None:
                parts = urlsplit(request.url)
                if parts.scheme in ("http", "https") and parts.hostname != local:
                    elsewhere.setdefault(current["page"], set()).add(request.url)

            context.on("request", watch)
            tab = context.new_page()
            for path in listed:
                current["page"] = path or "index.html"
                tab.goto(base + path, wait_until="load")
                tab.evaluate(axe)
                result = tab.evaluate("(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}})", RULES)
                for violation in result["violations"]:
                    targets = "; ".join(" ".join(node["target"]) for node in violation["nodes"][:3])
                    findings.append(Finding(f"{path or 'index.html'} ({scheme})",
                                            f"{violation['id']}: {violation['help']} ({targets})"))
            for path, urls in sorted(elsewhere.items()):
                for url in sorted(urls):
                    findings.append(Finding(f"{path} ({scheme})", f"asked another host for {url}: readers' browsers "
                                                                  "must not. Fix: serve the file from the guide"))
            context.close()
            say(f"{len(listed)} pages read in the {scheme} colour scheme")
        browser.close()
    return findings


def audit(config_file: Path, say=print) -> list[Finding]:
    """Every finding for the guide of `config_file` (AuditError if the audit cannot run)."""
    _browser_tools()  # before a build that would be wasted
    with tempfile.TemporaryDirectory(prefix="guide-audit-") as folder:
        try:
            site = building.build_site(Path(config_file), Path(folder) / "site")
        except building.BuildFailed as error:
            raise AuditError(f"{error}\nThe guide does not build (above): run guide check and fix that first") from None
        from mkdocs.config import load_config
        site_url = load_config(str(config_file)).site_url or ""
        return settings_findings(Path(config_file), site_url) + page_findings(site, say)
