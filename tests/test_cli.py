"""The `guide` command, as an organisation uses it: installed from a wheel of the generator, run in a
guide's own folder outside this repository, with no path to the generator."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from bad_inputs import CASES, apply
from guide import cli
from guide.building import BuildFailed
from test_translations import WELSH, with_welsh

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> dict[str, str]:
    """The generator built as a wheel and installed into a folder of its own: the environment to
    run `python -m guide.cli` from that copy (its files ahead of the repository's)."""
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"  # what the package is made from, copied: setuptools writes build/ beside it
    (source / "hooks").mkdir(parents=True)
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    shutil.copytree(ROOT / "hooks" / "guide", source / "hooks" / "guide", ignore=shutil.ignore_patterns("__pycache__"))
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(work), str(source)],
                   check=True, env={**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1"})
    [wheel] = work.glob("*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    for packaged in ("guide/theme/main.html", "guide/theme/assets/guide/lazy-search.js", "guide/strings/so.yml",
                     "guide/question-words.yml", "guide/starter/mkdocs.yml", "guide/starter/gitignore",
                     *(f"guide/example/{name}" for name in packaged_example())):
        assert packaged in names, f"{packaged} is not in the wheel"
    target = work / "site-packages"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "--quiet", "--target", str(target), str(wheel)],
                   check=True, env={**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1"})
    return {**os.environ, "PYTHONPATH": str(target), "NO_MKDOCS_2_WARNING": ""}


def packaged_example() -> list[str]:
    """The example's files as git has them (so not a site/ built in place): what the wheel must hold."""
    listed = subprocess.run(["git", "ls-files", "-z", "--", "."], cwd=cli.EXAMPLE, capture_output=True, text=True,
                            check=True).stdout.split("\0")
    assert "mkdocs.yml" in listed and "gitignore" in listed and "docs/index.cy.md" in listed, listed
    return [name for name in listed if name]


def guide(env: dict[str, str], cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "guide.cli", *args], cwd=cwd, env=env, text=True,
                          capture_output=True, timeout=300)


@pytest.mark.build
def test_a_new_guide_builds_at_once_from_the_installed_package(installed, tmp_path):
    made = guide(installed, tmp_path, "new", "my-guide")
    assert made.returncode == 0, made.stderr
    folder = tmp_path / "my-guide"
    assert {p.name for p in folder.iterdir()} == {".gitignore", "mkdocs.yml", "contacts.yml", "docs"}
    assert "site/" in (folder / ".gitignore").read_text(encoding="utf-8")

    checked = guide(installed, folder, "check")
    assert checked.returncode == 0, checked.stderr
    assert "No problems found" in checked.stdout and not (folder / "site").exists()
    built = guide(installed, folder, "build")
    assert built.returncode == 0, built.stderr
    for output in (checked, built):  # Material's end-of-life banner is not shown by any command
        assert "end of life" not in output.stdout + output.stderr

    home = (folder / "site" / "index.html").read_text(encoding="utf-8")
    assert 'href="tel:+448088010366"' in home  # the marker, filled in from the guide's contacts.yml
    assert 'class="guide-exit__button" href="https://www.bbc.co.uk/weather"' in home
    assert 'src="assets/guide/exit.js"' in home, "the generator's scripts come with the plugin"
    assert (folder / "site" / "assets" / "guide" / "load-material.js").is_file()
    help_page = (folder / "site" / "help" / "index.html").read_text(encoding="utf-8")
    assert 'href="tel:+448082000247"' in help_page
    # The packaged copy built it: the repository's theme files are not on the path.
    where = subprocess.run([sys.executable, "-c", "import guide.plugin as p; print(p.THEME_DIR)"], env=installed,
                           capture_output=True, text=True, cwd=tmp_path)
    assert not where.stdout.strip().startswith(str(ROOT)), where.stdout


@pytest.mark.build
def test_the_example_guide_builds_at_once_from_the_installed_package(installed, tmp_path):
    """`guide new DIR --example`: the Welsh council's guide, copied from the installed package into a
    folder outside the repository, checks and builds in English and Welsh."""
    made = guide(installed, tmp_path, "new", "council", "--example")
    assert made.returncode == 0, made.stderr
    assert "English and Welsh" in made.stdout and "guide status -- --write docs/X.cy.md" in made.stdout, made.stdout
    folder = tmp_path / "council"
    copied = {str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()}
    assert copied == {".gitignore" if name == "gitignore" else name for name in packaged_example()}
    assert "site/" in (folder / ".gitignore").read_text(encoding="utf-8")
    for path in folder.rglob("*"):  # nothing in it leads back to the repository or the generator's files
        if path.is_file():
            text = path.read_text(encoding="utf-8")
            assert str(ROOT) not in text and "hooks" not in text, path

    checked = guide(installed, tmp_path, "check", "-f", "council/mkdocs.yml")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "No problems found" in checked.stdout and not (folder / "site").exists()
    built = guide(installed, folder, "build")
    assert built.returncode == 0, built.stdout + built.stderr

    for locale, home in (("en", "index.html"), ("cy", "cy/index.html")):
        html = (folder / "site" / home).read_text(encoding="utf-8")
        assert f'<html lang="{locale}"' in html, home
        for tel in ("+442920180123", "+448081570123"):  # the council's drama numbers, from its contacts.yml
            assert f'href="tel:{tel}"' in html, f"{home}: {tel}"
    assert "Canllaw eiriolaeth i deuluoedd Cwm Afon" in (folder / "site" / "cy" / "index.html").read_text("utf-8")
    where = subprocess.run([sys.executable, "-c", "import guide.cli as c; print(c.EXAMPLE)"], env=installed,
                           capture_output=True, text=True, cwd=tmp_path)
    assert where.returncode == 0 and not where.stdout.strip().startswith(str(ROOT)), where.stdout + where.stderr


def test_guide_new_help_names_the_example(capsys):
    with pytest.raises(SystemExit) as done:
        cli.main(["new", "--help"])
    assert done.value.code == 0
    said = " ".join(capsys.readouterr().out.split())
    assert "--example" in said and "Welsh council" in said and "English and Welsh" in said, said


@pytest.mark.parametrize("options", [[], ["--example"]], ids=["starter", "example"])
def test_a_new_guide_is_not_written_over_a_folder_in_use(tmp_path, capsys, options):
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("keep me", encoding="utf-8")
    assert cli.main(["new", str(tmp_path / "mine"), *options]) == 1
    assert "nothing was written" in capsys.readouterr().err
    assert [p.name for p in (tmp_path / "mine").iterdir()] == ["notes.txt"]


def test_the_starter_s_contacts_are_the_default_guide_s(tmp_path):
    """The starter lists two national helplines as the default guide does: the same entries, so that
    a number checked there is the number a new guide starts with."""
    from guide.contacts import load_contacts
    starter = load_contacts(cli.STARTER / "contacts.yml")
    default = {contact.id: contact for contact in load_contacts(ROOT / "contacts.yml").contacts}
    assert starter.contacts
    for contact in starter.contacts:
        ours, theirs = contact.model_dump(), default[contact.id].model_dump()
        ours.pop("translations", None), theirs.pop("translations", None)
        assert ours == theirs, contact.id


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_guide_check_finds_what_the_build_finds(fixture_site, capsys, case):
    """`guide check` and `guide build` on every bad input: both stop, with the same messages, and
    check leaves the site alone."""
    fixture_site.build()
    apply(fixture_site.path, CASES[case])
    with pytest.raises(BuildFailed) as caught:
        fixture_site.build()
    before = sorted(p.name for p in fixture_site.path.iterdir())
    assert cli.main(["check", "-f", str(fixture_site.config)]) == 1
    out, err = capsys.readouterr()
    said = out + err
    for words in CASES[case].build_says:
        assert words in said
    for line in str(caught.value).splitlines():
        if re.match(r"\S+:\d+: ", line.strip()):  # each problem the build named, with its line, on stdout
            assert line.strip() in out.splitlines()
    assert all(re.match(r"\S+:\d+: ", line) for line in out.splitlines()), out
    assert sorted(p.name for p in fixture_site.path.iterdir()) == before


@pytest.mark.browser
def test_guide_audit_passes_the_starter_and_finds_a_palette_that_fails_contrast(installed, tmp_path):
    """The whole path of an organisation: pip install (the wheel), guide new, edit, guide audit,
    guide build. The starter passes; a yellow palette (links yellow on white) fails in the light
    scheme only; without site_url the audit says so."""
    assert guide(installed, tmp_path, "new", "ours").returncode == 0
    folder = tmp_path / "ours"
    published = {**installed, "GUIDE_SITE_URL": "https://guide.example.org/"}
    passed = guide(published, folder, "audit")
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "No findings" in passed.stdout and "pages read in the dark colour scheme" in passed.stderr

    config = folder / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("primary: indigo", "primary: yellow", 1), encoding="utf-8")
    failed = guide(installed, folder, "audit")
    assert failed.returncode == 1
    findings = failed.stdout.splitlines()
    assert any(line.startswith("mkdocs.yml: site_url is empty") for line in findings)
    contrast = [line for line in findings if "color-contrast" in line]
    assert contrast and all("(light)" in line for line in contrast), failed.stdout
    assert (failed.stdout + failed.stderr).count("site_url is empty") == 1, "each message once"
    assert guide(published, folder, "build").returncode == 0  # the audit is advice: the guide still builds


# --- guide check: every problem of every language, each as the build names it -----------------

PROBLEM_LINE = re.compile(r"^\S+:\d+: ", re.M)


def run_check(config: Path, capsys) -> tuple[int, str, str]:
    status = cli.main(["check", "-f", str(config)])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def replace_in(fixture, relative: str, old: str, new: str) -> None:
    path = fixture.path / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {relative}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.build
def test_the_real_guide_passes_guide_check(capsys):
    status, out, err = run_check(ROOT / "mkdocs.yml", capsys)
    assert status == 0, out + err
    assert out == "No problems found (site/ was not touched).\n"
    assert not PROBLEM_LINE.search(err), err


def test_the_fixture_site_passes_and_quiet_prints_nothing(fixture_site, capsys):
    assert cli.main(["check", "-f", str(fixture_site.config), "--quiet"]) == 0
    assert capsys.readouterr().out == ""


MISTAKES = {
    "typed number": ("docs/help.md", "Office:", "Or ring 020 7923 2628. Office:",
                     "docs/help.md:16: phone number '020 7923 2628' is typed into the page. Fix: write "
                     "<!-- phone: advice-line office --> instead; the number lives in contacts.yml"),
    "unknown contact": ("docs/help.md", "<!-- contact: advice-line -->", "<!-- contact: advice-lines -->",
                        "docs/help.md:14: unknown contact id 'advice-lines' in <!-- contact: advice-lines -->. "
                        "Fix: did you mean 'advice-line'?"),
    "broken link": ("docs/index.md", "(help.md#who-can-help)", "(helps.md)",
                    "docs/index.md:14: broken link 'helps.md': there is no page 'helps.md'. "
                    "Fix: did you mean 'help.md'?"),
    "broken anchor": ("docs/index.md", "(help.md#who-can-help)", "(help.md#who-helps)",
                      "docs/index.md:14: broken anchor 'help.md#who-helps': the page has no '#who-helps'. "
                      "Fix: did you mean '#who-can-help'?"),
    "overdue review": ("docs/help.md", "last_reviewed_on: 2026-11-01\nreview_in: 10 years",
                       "last_reviewed_on: 2020-01-01\nreview_in: 1 year",
                       "docs/help.md:2: the page was due for review on 2021-01-01. Fix: check every fact, "
                       "then set last_reviewed_on to the day you did"),
    "invalid contacts file": ("contacts.yml", "0808 801 0366", "0808 801 036",
                              "contacts.yml:14: contact 'advice-line', field 'phones[0].number': '0808 801 036' "
                              "is not a valid UK phone number; check the digits (UK numbers have 11 digits "
                              "starting with 0)"),
    "exit page not https": ("mkdocs.yml", "url: https://www.example.org/weather", "url: www.example.org/weather",
                            "mkdocs.yml:30: exit_page url 'www.example.org/weather' must be a full https:// "
                            "address of another, neutral site (for example https://www.bbc.co.uk/weather)"),
}


@pytest.mark.parametrize("case", MISTAKES, ids=list(MISTAKES))
def test_each_mistake_fails_the_check_with_the_line_the_build_gives(fixture_site, capsys, case):
    relative, old, new, expected = MISTAKES[case]
    replace_in(fixture_site, relative, old, new)
    status, out, err = run_check(fixture_site.config, capsys)
    assert status == 1
    assert out.splitlines() == [expected], out + err

    with pytest.raises(BuildFailed) as caught:  # the build stops with the same line
        fixture_site.build()
    assert expected in str(caught.value)


def test_a_welsh_translation_with_a_changed_marker_fails_as_the_build_does(fixture_site, capsys):
    with_welsh(fixture_site, WELSH.replace("<!-- phone: advice-line office -->", "<!-- phone: advice-line -->"))
    status, out, _ = run_check(fixture_site.config, capsys)
    assert status == 1
    [line] = out.splitlines()
    assert line.startswith("docs/help.cy.md:11: contact markers differ from docs/help.md: "
                           "missing <!--phone:advice-lineoffice-->; not in English: <!--phone:advice-line-->")
    with pytest.raises(BuildFailed) as caught:
        fixture_site.build()
    assert line in str(caught.value)


def test_every_problem_of_every_file_and_language_is_listed_at_once(fixture_site, capsys):
    # The build stops after the first language with a problem; the check goes through them all.
    with_welsh(fixture_site, WELSH.replace("{#who-can-help}", "{#pwy-all-helpu}") + "\n    [Hafan](index.md#nowhere)\n")
    replace_in(fixture_site, "docs/help.md", "Office:", "Call 0808 801 0366. Office:")
    status, out, err = run_check(fixture_site.config, capsys)
    assert status == 1
    lines = out.splitlines()
    expected = [
        "docs/help.cy.md:7: heading ids differ from docs/help.md: missing who-can-help; not in English: pwy-all-helpu",
        "docs/help.cy.md:15: broken anchor 'index.md#nowhere'",  # on the Welsh home page (the English fallback)
        "docs/help.cy.md:15: links differ from docs/help.md: not in English: index.md#nowhere",
        "docs/help.md:16: phone number '0808 801 0366' is typed",
        # English, but in the Welsh build index.md links to the Welsh help page, which has other ids
        "docs/index.md:14: broken anchor 'help.md#who-can-help'",
    ]
    assert len(lines) == len(expected) and all(map(str.startswith, lines, expected)), out + err
    assert lines[-1].endswith("the page has no '#who-can-help'. Fix: did you mean '#pwy-all-helpu'?")
    assert "5 problem(s) in 3 file(s), found in the builds of 2 language(s)" in err

    # The build finds the Welsh build's problems once the English pages are right.
    replace_in(fixture_site, "docs/help.md", "Call 0808 801 0366. Office:", "Office:")
    replace_in(fixture_site, "docs/help.cy.md", "[Hafan](index.md#nowhere)", "")
    with pytest.raises(BuildFailed) as caught:
        fixture_site.build()
    assert lines[0] in str(caught.value) and lines[-1] in str(caught.value)


def test_anchors_are_the_ids_the_build_gives(fixture_site, capsys):
    # Headings without {#id} get the toc extension's id; raw HTML ids and the directory's count too.
    fixture_site.write("docs/more.md", """
        ---
        last_reviewed_on: 2026-11-01
        review_in: 10 years
        sources: [{title: Example guidance, publisher: Example Department, checked: 2026-11-01}]
        ---
        # More

        ## Opening times & costs

        ## Opening times & costs

        <p id="raw-id">Raw HTML.</p>

        ```
        <p id="in-code">An example.</p>
        ```

        <!-- directory -->

        [a](#opening-times-costs) [b](#opening-times-costs_1) [c](#raw-id) [d](#need-advice-title)
        [e](#guide-needs) [f](index.md) [g](#in-code)
        """)
    replace_in(fixture_site, "mkdocs.yml", "  - help.md", "  - help.md\n  - more.md")
    status, out, _ = run_check(fixture_site.config, capsys)
    assert status == 1
    assert out.splitlines() == ["docs/more.md:21: broken anchor '#in-code': the page has no '#in-code'. "
                                "Fix: link to a heading id that exists"]
    with pytest.raises(BuildFailed) as caught:
        fixture_site.build()
    assert out.splitlines()[0] in str(caught.value)


def test_check_without_a_config_file_says_so(tmp_path, capsys):
    assert cli.main(["check", "-f", str(tmp_path / "mkdocs.yml")]) == 1
    assert "no such file. Fix: run guide check in the guide's folder, or give -f FILE" in capsys.readouterr().err


@pytest.mark.parametrize("command", [["status"], ["contacts"], ["export"], ["add-language", "de"]])
def test_the_commands_that_read_mkdocs_yml_themselves_name_its_bad_line(fixture_site, capsys, command):
    replace_in(fixture_site, "mkdocs.yml", "nav:\n", "nav: [\n")
    # PyYAML stops on the line after the unclosed "[", where the next entry starts.
    line = fixture_site.config.read_text(encoding="utf-8").splitlines().index("nav: [") + 1
    before = sorted(p.relative_to(fixture_site.path) for p in fixture_site.path.rglob("*"))
    assert cli.main([command[0], "-f", str(fixture_site.config), *command[1:]]) == 1
    err = capsys.readouterr().err
    assert re.match(rf"mkdocs\.yml:{line + 1}: this is not valid YAML \(.*\)\. Fix: correct it\nNothing was changed", err), err
    assert sorted(p.relative_to(fixture_site.path) for p in fixture_site.path.rglob("*")) == before


def test_check_finds_a_number_typed_into_mkdocs_yml_as_the_build_does(fixture_site, capsys):
    replace_in(fixture_site, "mkdocs.yml", "site_name: Fixture guide\n",
               "site_name: Fixture guide\nsite_description: Call us on 0808 801 0366.\n")
    status, out, _ = run_check(fixture_site.config, capsys)
    assert status == 1
    [line] = out.splitlines()
    assert line.startswith("mkdocs.yml:3: phone number '0808 801 0366' is typed")
    with pytest.raises(BuildFailed) as caught:
        fixture_site.build()
    assert line in str(caught.value)
