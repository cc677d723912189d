"""Bad input stops the build with the file and line, and never touches the previous site."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from bad_inputs import CASES, apply
from guide.building import BuildFailed


def tree_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        digest.update(str(path.relative_to(folder)).encode())
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


def test_the_fixture_site_builds_and_renders_its_markers(fixture_site):
    site = fixture_site.build()
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="tel:+448088010366"' in home
    assert "Monday to Friday, 9:30am to 3pm; closed on bank holidays" in home
    # A marker that starts a line stays in its sentence (Markdown would make a comment block of it).
    assert "<p>Monday to Friday, 9:30am to 3pm; closed on bank holidays is when the line is open.\n" \
           '<a class="guide-phone" href="tel:+448088010366">' in home
    assert "An example, not a marker: &lt;!-- phone: advice-line --&gt;" in home  # fenced code is left alone
    help_page = (site / "help" / "index.html").read_text(encoding="utf-8")
    assert 'href="mailto:advice@example.org"' in help_page
    assert 'href="tel:+442079232628"' in help_page  # the labelled "office" number
    assert "<!-- contact:" not in help_page and "<!-- phone:" not in help_page
    assert 'href="mailto:guide@example.org"' in help_page  # <!-- site-contact --> from extra.site_contact
    assert "Last reviewed on 1 November 2026. Next review due by 1 November 2036." in help_page
    # Not in git: the page's own file date stands for when it last changed.
    import datetime as dt
    today = dt.date.today()
    assert f"Page last updated on {today.day} {today:%B} {today.year}." in help_page


def replace_in(fixture, relative: str, old: str, new: str) -> None:
    path = fixture.path / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {relative}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_bad_input_stops_the_build_and_keeps_the_previous_site(fixture_site, case):
    site = fixture_site.build()
    before = tree_digest(site)

    apply(fixture_site.path, CASES[case])
    with pytest.raises(BuildFailed) as caught:
        fixture_site.build()

    message = str(caught.value)
    for words in CASES[case].build_says:
        assert words in message
    assert "Traceback" not in message
    assert tree_digest(site) == before, "the previous site was changed by a failed build"
    leftovers = [p.name for p in site.parent.iterdir() if p.name.startswith(".site-")]
    assert leftovers == [], "a failed build left a half-written folder behind"


def test_the_directory_can_stand_on_the_home_page(fixture_site):
    # Its "jump to a need" links are "#need-..." on a page whose URL is "" (found by the benchmark's
    # synthetic guide: the build stopped with "no page or file at '/'").
    replace_in(fixture_site, "docs/index.md", "See [the help page]", "<!-- directory -->\n\nSee [the help page]")
    home = (fixture_site.build() / "index.html").read_text(encoding="utf-8")
    assert 'href="#need-' in home and 'id="need-' in home


def test_a_raw_html_anchor_on_the_home_page_is_still_checked(fixture_site):
    replace_in(fixture_site, "docs/index.md", "See [the help page]", '<a href="#nowhere">Top</a>\n\nSee [the help page]')
    with pytest.raises(BuildFailed) as caught:
        fixture_site.build()
    assert "docs/index.md:14:" in str(caught.value) and "broken anchor '#nowhere'" in str(caught.value)


def test_all_problems_of_all_pages_are_reported_together(fixture_site):
    replace_in(fixture_site, "docs/index.md", "(help.md#who-can-help)", "(help.md#nowhere)")
    replace_in(fixture_site, "docs/help.md", "Office:", "Call 0808 801 0366. Office:")
    with pytest.raises(BuildFailed) as caught:
        fixture_site.build()
    assert "2 problem(s)" in str(caught.value)
    assert "docs/index.md:14:" in str(caught.value) and "docs/help.md:16:" in str(caught.value)


def test_the_build_script_exits_1_and_says_the_site_is_unchanged(fixture_site, capsys):
    from guide.building import main

    replace_in(fixture_site, "docs/help.md", "Office:", "Call 0808 801 0366. Office:")
    assert main(["--config", str(fixture_site.config)]) == 1
    assert "previous site (if any) is unchanged" in capsys.readouterr().err


LATE_PAGE_HOOK = '''
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File


@event_priority(-300)  # after the guide's hook has checked the other pages' sources
def on_files(files, config):
    files.append(File.generated(config, "late.md", content="# Late\\n\\nRing 0808 801 0366.\\n\\n[Gone](gone.md)\\n"))
'''


def test_a_page_another_plugin_adds_late_is_checked_too(fixture_site):
    fixture_site.write("late_page.py", LATE_PAGE_HOOK)
    replace_in(fixture_site, "mkdocs.yml", "nav:\n", f"hooks:\n  - {fixture_site.path / 'late_page.py'}\nnav:\n")
    replace_in(fixture_site, "mkdocs.yml", "  - help.md\n", "  - help.md\n  - late.md\n")
    with pytest.raises(BuildFailed) as caught:
        fixture_site.build()
    message = str(caught.value)
    assert "late.md:3: phone number '0808 801 0366' is typed into the page" in message
    assert "late.md:5: broken link 'gone.md'" in message


def test_a_page_not_saved_as_utf8_is_named_with_its_line(fixture_site):
    site = fixture_site.build()
    before = tree_digest(site)
    page = fixture_site.docs / "help.md"
    text = page.read_text(encoding="utf-8")
    page.write_bytes(text.replace("\n\n", "\n\nCaf\xe9 open.\n\n", 1).encode("cp1252"))  # as Windows editors save it
    with pytest.raises(BuildFailed) as caught:
        fixture_site.build()
    line = text.split("\n\n", 1)[0].count("\n") + 3
    assert f"docs/help.md:{line}: the page is not UTF-8 text (byte 0xe9" in str(caught.value)
    assert "save the file as UTF-8" in str(caught.value)
    assert tree_digest(site) == before


@pytest.mark.parametrize("where, words", [
    ("docs", "it is docs_dir, the pages"),
    (".", "it is the guide's folder (with mkdocs.yml)"),
    ("..", "it holds the guide's folder (with mkdocs.yml)"),
    ("docs/built", "it is inside docs_dir"),
    ("repo", "it holds a git repository (.git)"),
    ("notes", "it is not empty and is not a site built before"),
])
def test_the_build_never_replaces_a_folder_that_is_not_a_site(fixture_site, capsys, where, words):
    from guide.building import main

    (fixture_site.path / "repo" / ".git").mkdir(parents=True)
    (fixture_site.path / "notes").mkdir()
    (fixture_site.path / "notes" / "keep.txt").write_text("mine", encoding="utf-8")
    before = tree_digest(fixture_site.path.parent)
    assert main(["--config", str(fixture_site.config), "--site-dir", str(fixture_site.path / where)]) == 1
    err = capsys.readouterr().err
    assert f"Refusing to build into {(fixture_site.path / where).resolve()}: {words}. Nothing was changed." in err
    assert tree_digest(fixture_site.path.parent) == before


def test_a_site_built_before_is_replaced_and_marked_as_a_site(fixture_site):
    site = fixture_site.build()
    assert (site / ".guide-site").is_file()
    (site / "stale.html").write_text("old", encoding="utf-8")
    fixture_site.build()
    assert not (site / "stale.html").exists() and (site / "index.html").is_file()


def test_a_mkdocs_yml_that_is_not_yaml_is_named_with_its_line_not_only_the_build_stopped(fixture_site, capsys):
    from guide.building import main

    replace_in(fixture_site, "mkdocs.yml", "strict: true\n", "strict: true\n\tsite_author: Me\n")
    assert main(["--config", str(fixture_site.config)]) == 1
    err = capsys.readouterr().err
    assert "mkdocs.yml: " in err and "found character '\\t' that cannot start any token" in err and "line 4" in err
    assert "Traceback" not in err


def test_a_number_typed_into_mkdocs_yml_or_a_snippet_stops_the_build(fixture_site):
    replace_in(fixture_site, "mkdocs.yml", "site_name: Fixture guide\n",
               "site_name: Fixture guide\nsite_description: Call us on 0808 801 0366.\n")
    with pytest.raises(BuildFailed) as caught:
        fixture_site.build()
    assert "mkdocs.yml:3: phone number '0808 801 0366' is typed into the page" in str(caught.value)

    replace_in(fixture_site, "mkdocs.yml", "site_description: Call us on 0808 801 0366.\n", "")
    replace_in(fixture_site, "mkdocs.yml", "  - toc\n", "  - toc\n  - abbr\n  - pymdownx.snippets:\n"
               "      base_path: [!relative $config_dir/includes]\n      auto_append: [abbreviations.md]\n")
    fixture_site.write("includes/abbreviations.md", "*[FRG]: Family Rights Group, 0808 801 0366\n")
    with pytest.raises(BuildFailed) as caught:
        fixture_site.build()
    assert "includes/abbreviations.md:1: phone number '0808 801 0366' is typed" in str(caught.value)
