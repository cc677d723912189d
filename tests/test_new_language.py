"""`guide add-language` (guide.new_language) on copies of a guide: mkdocs.yml gains the language and nothing else
changes; the new language builds (every page in English, with the right lang and dir); Material's
words are created only when Material has none; the pages to translate are listed; a bad or existing
locale changes nothing."""

from __future__ import annotations

import difflib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from guide import settings
from guide.new_language import material_languages

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures"
MATERIAL = material_languages()
ENGLISH_STRINGS = yaml.safe_load((ROOT / "hooks" / "guide" / "strings" / "en.yml").read_text("utf-8"))
LOCALES_USED = ["ps", "de", "de-AT", "pt-BR", "yi"]


def run(module: str, *args, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """One of the generator's modules run as the `guide` command runs it (`guide add-language`
    is guide.new_language), in its own process."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, "-m", f"guide.{module}", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd, env=env, timeout=300)


def new_language(*args) -> subprocess.CompletedProcess:
    return run("new_language", *args)


def tree(path: Path) -> dict[str, bytes]:
    """Every file under a folder, with its bytes."""
    return {str(p.relative_to(path)): p.read_bytes() for p in sorted(path.rglob("*"))
            if p.is_file() and "__pycache__" not in p.parts}


def _copy_generator(target: Path) -> None:
    """The hook and theme overrides, copied: the script writes the theme's words beside them, and
    must leave the copy of the package (hooks/guide/strings) as it was."""
    ignore = shutil.ignore_patterns("__pycache__")
    shutil.copytree(ROOT / "hooks", target / "hooks", ignore=ignore)
    shutil.copytree(ROOT / "overrides", target / "overrides", ignore=ignore)


@pytest.fixture
def guide(tmp_path) -> Path:
    """tests/fixtures/minimal with its own copy of hooks/ and overrides/ (never the real ones)."""
    path = tmp_path / "guide"
    shutil.copytree(FIXTURES / "minimal", path)
    _copy_generator(path)
    config = path / "mkdocs.yml"  # with its own theme folder, where a language's theme words go
    config.write_text(config.read_text("utf-8").replace("  font: false\n", "  font: false\n  custom_dir: overrides\n"),
                      "utf-8")
    return path


@pytest.fixture
def real_guide(tmp_path) -> Path:
    """The real mkdocs.yml (comments, !ENV tags, eight languages) with its pages, in a temporary folder."""
    path = tmp_path / "real"
    path.mkdir()
    shutil.copy2(ROOT / "mkdocs.yml", path / "mkdocs.yml")
    shutil.copy2(ROOT / "contacts.yml", path / "contacts.yml")
    shutil.copytree(ROOT / "docs", path / "docs")
    shutil.copytree(ROOT / "includes", path / "includes")
    _copy_generator(path)
    return path


@pytest.fixture(autouse=True)
def the_real_guide_is_never_touched():
    yield
    assert not re.search(rf"locale: ({'|'.join(map(re.escape, LOCALES_USED))})\s*$",
                         (ROOT / "mkdocs.yml").read_text("utf-8"), re.M)
    for locale in LOCALES_USED:
        assert not (ROOT / "hooks" / "guide" / "strings" / f"{locale}.yml").exists()
        assert not (ROOT / "overrides" / "partials" / "languages" / f"{locale}.html").exists()


def one_insertion(old: str, new: str) -> list[str]:
    """The lines inserted into `old` to make `new`; fails unless that is the only change."""
    old_lines, new_lines = old.splitlines(keepends=True), new.splitlines(keepends=True)
    changes = [op for op in difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False).get_opcodes()
               if op[0] != "equal"]
    assert len(changes) == 1 and changes[0][0] == "insert", changes
    _, _, _, start, end = changes[0]
    return new_lines[start:end]


def languages(config: Path) -> list[dict]:
    return settings.i18n_settings(settings.read_config(config))["languages"]


def theme_keys(text: str) -> list[str]:
    return re.findall(r'^\s*"([\w.]+)":', text, re.M)


# --- what it adds ----------------------------------------------------------------------------

def test_help_exits_0():
    result = new_language("--help")
    assert result.returncode == 0
    for option in ("LOCALE", "--name", "--dir", "--config", "--dry-run"):
        assert option in result.stdout


def test_a_right_to_left_language_material_lacks_gets_every_file(guide):
    config = guide / "mkdocs.yml"
    before = config.read_text("utf-8")
    (guide / "docs" / "help.ps.md").write_text((guide / "docs" / "help.md").read_text("utf-8"), "utf-8")

    result = new_language("ps", "--config", config)
    assert result.returncode == 0, result.stderr
    out = result.stdout

    # mkdocs.yml: one block inserted after the last language; it reads back with the new language.
    added = one_insertion(before, config.read_text("utf-8"))
    assert added[0] == "        - locale: ps\n"
    assert languages(config)[-1] == {"locale": "ps", "name": "پښتو", "build": True, "site_name": "Fixture guide"}
    assert "site_name" in out and "copied from English" in out

    # Material has no Pashto words: they are created from its English ones, right to left.
    partial = guide / "overrides" / "partials" / "languages" / "ps.html"
    text = partial.read_text("utf-8")
    assert '"language": "ps"' in text and '"direction": "rtl"' in text and "NOT TRANSLATED YET" in text
    assert theme_keys(text) == theme_keys((MATERIAL / "en.html").read_text("utf-8"))
    assert '"action.skip": "Skip to content"' in text
    assert "overrides/partials/languages/ps.html: created" in out and "translate every value" in out

    # The build's words, in the guide's own strings/ (not the package): every key of en.yml,
    # commented out, so every key still counts as missing.
    strings = guide / "strings" / "ps.yml"
    assert not (guide / "hooks" / "guide" / "strings" / "ps.yml").exists()
    assert "strings/ps.yml: created" in out
    text = strings.read_text("utf-8")
    assert (yaml.safe_load(text) or {}) == {}
    assert all(re.search(rf"^#{re.escape(key)}:", text, re.M) for key in ENGLISH_STRINGS)
    uncommented = yaml.safe_load(re.sub(r"^#(?! \S)", "", text, flags=re.M))
    assert uncommented == ENGLISH_STRINGS  # deleting the # of every key gives en.yml back
    assert f"still in English: {len(ENGLISH_STRINGS)} of {len(ENGLISH_STRINGS)} keys" in out

    # The pages to translate, with their files; the one already written is not among them.
    assert re.search(r"^  docs/index\.md\s+->  docs/index\.ps\.md$", out, re.M)
    assert "docs/help.md  ->" not in out and "Already there: docs/help.ps.md." in out
    assert "Pages to translate (1 of 2)" in out
    assert f"guide status -f {guide / 'mkdocs.yml'}" in out and f"guide check -f {guide / 'mkdocs.yml'}" in out

    # A second run says it exists and changes nothing.
    files = tree(guide)
    again = new_language("ps", "--config", config)
    assert again.returncode == 1
    assert re.match(r"\S*mkdocs\.yml:\d+: 'ps' is already a language of this guide; nothing was changed", again.stderr)
    assert tree(guide) == files


def test_new_languages_build_with_the_right_lang_and_dir(guide, tmp_path):
    config = guide / "mkdocs.yml"
    for locale in ("ps", "de", "de-AT"):
        result = new_language(locale, "--config", config)
        assert result.returncode == 0, result.stderr
        if locale == "de":
            assert re.search(r"Material [\d.]+ has its own de interface words", result.stdout)
    own = guide / "overrides" / "partials" / "languages"
    assert not (own / "de.html").exists()  # Material has German: nothing created
    austrian = (own / "de-AT.html").read_text("utf-8")  # Material lacks de-AT: its German words, re-coded
    assert '"language": "de-AT"' in austrian and '"action.skip": "Zum Inhalt"' in austrian
    assert "NOT TRANSLATED" not in austrian
    assert [lang["locale"] for lang in languages(config)] == ["en", "ps", "de", "de-AT"]

    # Strict build in a separate process, so it loads this copy's hook and its strings.
    site = tmp_path / "site"
    built = run("building", "--config", config, "--site-dir", site)
    assert built.returncode == 0, built.stdout + built.stderr
    for locale, direction in (("ps", "rtl"), ("de", "ltr"), ("de-AT", "ltr")):
        for page in ("index.html", "help/index.html"):
            html = (site / locale / page).read_text("utf-8")
            assert f'<html lang="{locale}"' in html, (locale, page)
            assert f'<body dir="{direction}"' in html, (locale, page)
            # No page is translated: the English page, marked as English, with the notice.
            assert '<p class="guide-fallback" role="note">' in html
            assert 'class="guide-fallback-content" lang="en" dir="ltr"' in html
        assert (site / locale / "404.html").exists()
    assert 'hreflang="ps"' in (site / "index.html").read_text("utf-8")

    # translation_status reports the new languages honestly: every page missing, exit 1.
    status = run("translation_status", "--config", config)
    assert status.returncode == 1
    rows = [line.split() for line in status.stdout.splitlines() if line.startswith(("index.md", "help.md"))]
    assert rows and all(row[1:] == ["missing"] * 3 for row in rows)


def test_the_real_mkdocs_yml_keeps_every_line_comment_and_tag(real_guide):
    config = real_guide / "mkdocs.yml"
    before = config.read_text("utf-8")
    files = tree(real_guide)

    dry = new_language("PT_br", "--config", config, "--dry-run")  # written any way: pt-BR
    assert dry.returncode == 0, dry.stderr
    assert tree(real_guide) == files
    assert "+        - locale: pt-BR\n" in dry.stdout and "Nothing was written (--dry-run)" in dry.stdout

    result = new_language("PT_br", "--config", config)
    assert result.returncode == 0, result.stderr
    after = config.read_text("utf-8")
    added = one_insertion(before, after)  # every other line, comment and !ENV tag is as it was
    assert "enabled: !ENV [GUIDE_OFFLINE, false]" in after
    assert sum(line.lstrip().startswith("#") for line in added) == 1  # the "translate these" note

    english = settings.read_config(ROOT / "mkdocs.yml")
    entry = languages(config)[-1]
    titles = [title for lang in languages(ROOT / "mkdocs.yml")[1:2] for title in lang["nav_translations"]]
    assert entry["locale"] == "pt-BR" and entry["name"] == "Português (Brasil)" and entry["build"] is True
    assert entry["site_name"] == english["site_name"] and entry["site_description"] == english["site_description"]
    assert list(entry["nav_translations"]) == titles  # the keys every other language carries
    assert all(key == value for key, value in entry["nav_translations"].items())
    assert set(entry) == set(languages(ROOT / "mkdocs.yml")[1])  # the keys the other languages carry

    # Material has Brazilian Portuguese: no theme file; the build's words are set up.
    assert not (real_guide / "overrides" / "partials" / "languages" / "pt-BR.html").exists()
    assert "has its own pt-BR interface words" in result.stdout and 'lang="pt"' in result.stdout
    assert (real_guide / "strings" / "pt-BR.yml").exists()
    assert not (real_guide / "hooks" / "guide" / "strings" / "pt-BR.yml").exists()

    # Every English page is listed with the file its translation goes in.
    others = [lang["locale"] for lang in languages(ROOT / "mkdocs.yml")]
    english_pages = sorted(p.relative_to(real_guide).as_posix() for p in (real_guide / "docs").rglob("*.md")
                           if not any(p.name.endswith(f".{locale}.md") for locale in others))
    listed = re.findall(r"^  (\S+)\s+->  (\S+)$", result.stdout, re.M)
    assert sorted(listed) == [(page, page[:-3] + ".pt-BR.md") for page in english_pages]
    assert f"Pages to translate ({len(english_pages)} of {len(english_pages)})" in result.stdout

    # The edited guide passes every check of the build (pages fall back to English), with the
    # installed package: the new language's words are the guide's own.
    check = subprocess.run([sys.executable, "-c", "import sys; from guide import cli; sys.exit(cli.main(sys.argv[1:]))",
                            "check", "-f", str(config)], capture_output=True, text=True, timeout=300,
                           env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert check.returncode == 0, check.stdout + check.stderr
    assert check.stdout == "No problems found (site/ was not touched).\n"


def test_an_existing_language_changes_nothing(real_guide):
    files = tree(real_guide)
    for code in ("so", "UR", "en"):
        result = new_language(code, "--config", real_guide / "mkdocs.yml")
        assert result.returncode == 1
        line = next(n for n, row in enumerate((real_guide / "mkdocs.yml").read_text("utf-8").splitlines(), 1)
                    if row.strip() == f"- locale: {code.lower()}")
        assert f"mkdocs.yml:{line}: '{code.lower()}' is already a language of this guide" in result.stderr
    assert tree(real_guide) == files


BAD = {
    "junk": (["english"], "'english' is not a language code the guide can use"),
    "one letter": (["e"], "is not a language code"),
    "path": (["../x"], "is not a language code"),
    "too many parts": (["pt-BR-x"], "is not a language code"),
    "three letters": (["ckb"], "accepts only two-letter language codes. Fix: use 'ku-IQ'"),
    "three letters, none": (["haw"], "'haw' has three letters"),
    "withdrawn code": (["iw"], "'iw' is a withdrawn ISO 639 code. Fix: use 'he'"),
    "unknown to CLDR": (["xx"], "CLDR (babel) does not name this language"),
    "empty name": (["yi", "--name", " "], "--name is empty"),
    "wrong direction": (["de", "--dir", "rtl"], "written left to right (partials/languages/de.html), not rtl"),
}


@pytest.mark.parametrize("case", BAD, ids=list(BAD))
def test_a_bad_locale_exits_1_and_changes_nothing(guide, case):
    args, message = BAD[case]
    files = tree(guide)
    result = new_language(*args, "--config", guide / "mkdocs.yml")
    assert result.returncode == 1
    assert message in result.stderr and "Fix:" in result.stderr and result.stdout == ""
    assert tree(guide) == files


def test_a_guide_without_the_i18n_plugin_changes_nothing(guide):
    config = guide / "mkdocs.yml"
    config.write_text(re.sub(r"  - i18n:.*?(?=^nav:)", "", config.read_text("utf-8"), flags=re.S | re.M), "utf-8")
    files = tree(guide)
    result = new_language("ps", "--config", config)
    assert result.returncode == 1 and "no `plugins: - i18n: languages:` list" in result.stderr
    assert tree(guide) == files


def test_usage_problems_exit_2(tmp_path):
    assert new_language().returncode == 2
    missing = new_language("ps", "--config", tmp_path / "mkdocs.yml")
    assert missing.returncode == 2 and "no such file" in missing.stderr
    assert new_language("ps", "--dir", "up", "--config", tmp_path / "mkdocs.yml").returncode == 2


def test_name_and_direction_come_from_cldr_unless_given(guide):
    config = guide / "mkdocs.yml"
    result = new_language("yi", "--config", config, "--dry-run")  # CLDR knows Yiddish: right to left
    assert result.returncode == 0 and "named ייִדיש, written right to left" in result.stdout
    result = new_language("yi", "--name", "Yidish", "--dir", "ltr", "--config", config)
    assert result.returncode == 0, result.stderr
    assert languages(config)[-1]["name"] == "Yidish"
    partial = (guide / "overrides" / "partials" / "languages" / "yi.html").read_text("utf-8")
    assert '"direction": "ltr"' in partial


def test_plugins_as_a_mapping_and_comments_after_the_last_language(guide):
    config = guide / "mkdocs.yml"
    text = config.read_text("utf-8")
    text = text.replace("plugins:\n  - search\n  - i18n:\n", "plugins:\n  search: {}\n  i18n:\n")
    text = text.replace("  - guide:\n", "  guide:\n")
    text = text.replace("          build: true\n", "          build: true   # built\n        # - locale: de (later)\n\n")
    assert "  search: {}\n" in text and "# - locale: de (later)" in text
    config.write_text(text, "utf-8")
    assert new_language("EN", "--config", config).returncode == 1  # found in the mapping form too
    result = new_language("ps", "--config", config)
    assert result.returncode == 0, result.stderr
    added = one_insertion(text, config.read_text("utf-8"))
    after = config.read_text("utf-8")
    assert after.index("build: true   # built\n") < after.index("- locale: ps") \
        < after.index("# - locale: de (later)")
    assert [lang["locale"] for lang in languages(config)] == ["en", "ps"]
    assert added[0].startswith("        - locale: ps")


def test_the_words_go_in_the_folder_strings_dir_names(guide):
    config = guide / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("  - guide:\n", "  - guide:\n      strings_dir: words/own\n"),
                      "utf-8")
    package = tree(guide / "hooks")
    result = new_language("ps", "--config", config)
    assert result.returncode == 0, result.stderr
    assert "words/own/ps.yml: created" in result.stdout
    assert re.search(r"^#free_to_call: Free to call$", (guide / "words" / "own" / "ps.yml").read_text("utf-8"), re.M)
    assert not (guide / "strings").exists()
    assert tree(guide / "hooks") == package  # the package's own words are never written to

    # A language the generator has words for: nothing to create; the report says where to change one.
    result = new_language("cy", "--config", config)
    assert result.returncode == 0, result.stderr
    assert not (guide / "words" / "own" / "cy.yml").exists()
    assert "The generator has cy's words already: nothing to create" in result.stdout
    assert "Words the build writes still in English: 0 of" in result.stdout


def test_a_bad_strings_file_of_the_guide_stops_add_language(guide):
    (guide / "strings").mkdir()
    (guide / "strings" / "en.yml").write_text("free_to_call: Free\ncall: [Call\n", "utf-8")
    files = tree(guide)
    result = new_language("ps", "--config", guide / "mkdocs.yml")
    assert result.returncode == 1
    assert re.match(r"strings/en\.yml:\d+: this is not valid YAML", result.stderr), result.stderr
    assert "Nothing was changed" in result.stderr
    assert tree(guide) == files


def test_every_other_byte_of_a_hand_written_mkdocs_yml_stays(guide):
    """What a round-trip YAML library (ruamel.yaml) would rewrite is kept: the document start,
    spaces after a colon, flow collections' spacing, `~`, a list written without indent beside
    one written with it, !!python/name and !ENV tags, Windows line ends."""
    config = guide / "mkdocs.yml"
    text = config.read_text("utf-8")
    text = "---\n" + text.replace("site_name: Fixture guide", "site_name:   Fixture guide   ")
    text = text.replace("nav:\n  - index.md\n  - help.md\n", "nav:\n- index.md\n- help.md\n")
    text = text.replace("  - toc\n", "  - toc:\n      slugify: !!python/name:pymdownx.slugs.slugify\n"
                                      "      permalink_title: ~\n")
    text += "extra:\n  flags: [ a,  b ]\n  offline: !ENV [GUIDE_OFFLINE, false]\n"
    text = text.replace("\n", "\r\n")
    config.write_bytes(text.encode("utf-8"))
    result = new_language("ps", "--config", config)
    assert result.returncode == 0, result.stderr
    after = config.read_bytes().decode("utf-8")
    added = one_insertion(text.replace("\r\n", "\n"), after.replace("\r\n", "\n"))
    assert added[0] == "        - locale: ps\n"
    assert after.count("\r\n") == after.count("\n")  # every line end as it was
