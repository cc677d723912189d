"""Links written by the theme partials are checked like links in pages."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from guide.building import BuildFailed

ROOT = Path(__file__).resolve().parent.parent
THEME = ROOT / "hooks" / "guide" / "theme"  # the generator's own templates and partials


def test_a_broken_link_in_a_contact_partial_names_the_marker_line(fixture_site):
    # The guide's own theme folder (custom_dir) replaces one of the generator's partials.
    card = fixture_site.path / "overrides" / "partials" / "guide" / "contact-card.html"
    card.parent.mkdir(parents=True)
    shutil.copy(THEME / "partials" / "guide" / "contact-card.html", card)
    card.write_text(card.read_text().replace("</div>", '<a href="../directry/">All contacts</a></div>'))
    config = fixture_site.config.read_text(encoding="utf-8")
    fixture_site.config.write_text(config.replace("  font: false\n", '  font: false\n  custom_dir: "overrides"\n'))
    with pytest.raises(BuildFailed) as caught:
        fixture_site.build()
    assert "docs/help.md:14: broken link '../directry/'" in str(caught.value)
