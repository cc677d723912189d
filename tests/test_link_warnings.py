"""Each broken link is said once: MkDocs' own warning (no line, no fix) is dropped where the
guide's link check names the same link with its line and fix, and kept where it does not."""

from __future__ import annotations

import pytest

from guide import cli
from guide.building import BuildFailed
from guide.link_warnings import PAGES_LOG

MKDOCS_SAYS = "Doc file 'index.md' contains a link"


def add_to_home(fixture_site, text: str) -> None:
    home = fixture_site.docs / "index.md"
    home.write_text(home.read_text(encoding="utf-8") + f"\n{text}\n", encoding="utf-8")


def test_a_broken_link_is_named_once_by_the_build_and_by_the_check(fixture_site, capsys):
    add_to_home(fixture_site, "See [the old page](helps.md).")
    with pytest.raises(BuildFailed) as caught:
        fixture_site.build()
    said = str(caught.value)
    assert said.count("broken link 'helps.md'") == 1, said
    assert MKDOCS_SAYS not in said, said

    line = (fixture_site.docs / "index.md").read_text(encoding="utf-8").splitlines().index("See [the old page](helps.md).")
    assert cli.main(["check", "-f", str(fixture_site.config)]) == 1
    out, err = capsys.readouterr()
    assert [line for line in out.splitlines() if "helps.md" in line] == [
        f"docs/index.md:{line + 1}: broken link 'helps.md': there is no page 'helps.md'. Fix: did you mean 'help.md'?"]
    assert MKDOCS_SAYS not in err, err


def test_what_only_mkdocs_finds_is_still_said_and_still_stops_the_build(fixture_site, capsys):
    # A link in angle brackets (a path with a space) is one the guide's check does not read.
    add_to_home(fixture_site, "See [the old page](<old help.md>).")
    with pytest.raises(BuildFailed) as caught:
        fixture_site.build()
    assert f"{MKDOCS_SAYS} 'old help.md', but the target is not found" in str(caught.value)

    assert cli.main(["check", "-f", str(fixture_site.config)]) == 1
    assert f"{MKDOCS_SAYS} 'old help.md'" in capsys.readouterr().err


def test_nothing_is_held_after_a_build_good_or_bad(fixture_site):
    fixture_site.build()
    assert PAGES_LOG.filters == []
    # A hook that fails while the pages render: the build ends between holding and releasing.
    fixture_site.write("boom.py", """
        def on_page_markdown(markdown, **kwargs):
            raise RuntimeError("boom")
    """)
    config = fixture_site.config.read_text(encoding="utf-8")
    fixture_site.config.write_text(config.replace("nav:\n", f"hooks:\n  - {fixture_site.path / 'boom.py'}\nnav:\n", 1),
                                   encoding="utf-8")
    with pytest.raises(BuildFailed) as caught:
        fixture_site.build()
    assert "boom" in str(caught.value)
    assert PAGES_LOG.filters == []
