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
                     "guide/question-words.yml", "guide/starter/mkdocs.yml", "guide/starter/gitignore"):
        assert packaged in names, f"{packaged} is not in the wheel"
    target = work / "site-packages"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "--quiet", "--target", str(target), str(wheel)],
                   check=True, env={**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1"})
    return {**os.environ, "PYTHONPATH": str(target), "NO_MKDOCS_2_WARNING": ""}


def guide(env: dict[str, str], cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "guide.cli", *args], cwd=cwd, env=env, text=True,
                          capture_output=True, timeout=300)


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


def test_a_new_guide_is_not_written_over_a_folder_in_use(tmp_path, capsys):
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("keep me", encoding="utf-8")
    assert cli.main(["new", str(tmp_path / "mine")]) == 1
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
    said = capsys.readouterr().err
    for words in CASES[case].build_says:
        assert words in said
    for line in str(caught.value).splitlines():
        if re.match(r"\S+:\d+: ", line.strip()):  # each problem the build named, with its line
            assert line.strip() in said
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
