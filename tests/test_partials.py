"""Links written by the theme partials are checked like links in pages."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from build_site import BuildFailed

ROOT = Path(__file__).resolve().parent.parent


def test_a_broken_link_in_a_contact_partial_names_the_marker_line(fixture_site):
    overrides = fixture_site.path / "overrides"
    shutil.copytree(ROOT / "overrides", overrides)
    card = overrides / "partials" / "guide" / "contact-card.html"
    card.write_text(card.read_text().replace("</div>", '<a href="../directry/">All contacts</a></div>'))
    config = fixture_site.config.read_text(encoding="utf-8")
    fixture_site.config.write_text(config.replace(f'custom_dir: "{ROOT}/overrides"', 'custom_dir: "overrides"'))
    with pytest.raises(BuildFailed) as caught:
        fixture_site.build()
    assert "docs/help.md:14: broken link '../directry/'" in str(caught.value)
