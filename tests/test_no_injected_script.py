"""Nothing an editor types can run as a script in a reader's browser: the security policy allows
only the theme's and the guide's own scripts, so a page, a front matter value or a setting that
would add one stops the build (issue: the CSP hashed every inline script it found)."""

from __future__ import annotations

import json
import re

import pytest

from guide.building import BuildFailed
from test_build_errors import replace_in, tree_digest


@pytest.mark.parametrize("relative, old, new, expected", [
    ("docs/help.md", "Office:", "<script>alert(1)</script>\n\nOffice:",
     "docs/help.md:16: a <script> element in a page would run as a script"),
    ("docs/help.md", "Office:", '<img src="x.png" onerror="alert(1)">\n\nOffice:',
     "docs/help.md:16: an event attribute (on...=) in a page would run as a script"),
    ("docs/help.md", "Office:", "[Click](javascript:alert(1))\n\nOffice:",
     "docs/help.md:16: a javascript: link in a page would run as a script"),
    ("docs/help.md", "last_reviewed_on: 2026-11-01", "title: Help <script>alert(1)</script>\nlast_reviewed_on: 2026-11-01",
     "docs/help.md:2: the front matter's title has < or >"),
    ("mkdocs.yml", "url: https://www.example.org/weather", 'url: https://www.example.org/weather"><script>alert(1)</script>',
     "mkdocs.yml:30: exit_page url"),
])
def test_a_script_an_editor_writes_stops_the_build_and_the_site_is_kept(fixture_site, relative, old, new, expected):
    site = fixture_site.build()
    before = tree_digest(site)
    replace_in(fixture_site, relative, old, new)
    with pytest.raises(BuildFailed) as caught:
        fixture_site.build()
    assert expected in str(caught.value)
    assert tree_digest(site) == before


def test_code_that_shows_a_script_is_not_a_script(fixture_site):
    replace_in(fixture_site, "docs/help.md", "Office:", "Write `<script>` nowhere.\n\n```\n<script>x()</script>\n```\n\nOffice:")
    html = (fixture_site.build() / "help" / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;" in html


def test_an_organisation_s_name_cannot_end_the_structured_data_early(fixture_site):
    replace_in(fixture_site, "contacts.yml", "organisation: Example Advice", "organisation: \"Example's Aid <!--<script>\"")
    html = (fixture_site.build() / "help" / "index.html").read_text(encoding="utf-8")
    [data] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert "<" not in data and json.loads(data)["@graph"][0]["name"] == "Example's Aid <!--<script>"
    assert html.count("<script") == html.count("</script>")  # nothing swallowed the scripts after it
    assert 'src="../assets/guide/exit.js"' in html
