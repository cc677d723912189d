"""Read mkdocs.yml outside a build (scripts and tests): its settings and its languages.

MkDocs' own loader needs a full config; these readers only need the YAML. `!relative $config_dir/x`
is read as that folder (the snippets' base_path); other tags such as !ENV are read as None (their
values do not matter here); !!python/... tags (a toc slugify function) come back as
("python", name, arguments) for the caller to resolve.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from guide.yaml_lines import not_yaml

# The guide plugin's file options and where they point when a guide does not set them (paths
# from mkdocs.yml's folder; guide.options.GuideConfig has the same defaults).
DEFAULT_PATHS = {"contacts_file": "contacts.yml", "terminology_dir": "terminology",
                 "search_synonyms": "includes/search-synonyms.yml",
                 "search_question_words": "includes/search-question-words.yml",
                 "strings_dir": "strings"}
DEFAULT_EXIT_PAGE = "https://www.bbc.co.uk/weather"


class _Loader(yaml.SafeLoader):
    pass


_Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
_Loader.add_multi_constructor(
    "tag:yaml.org,2002:python/",
    lambda loader, suffix, node: ("python", suffix, loader.construct_mapping(node, deep=True)
                                  if isinstance(node, yaml.MappingNode) else None))


class SettingsError(Exception):
    """mkdocs.yml cannot be read at all: `file:line: message. Fix: ...`."""


def read_config(config_file: Path) -> dict:
    """mkdocs.yml as plain data, for the commands that do not build (status, contacts, export...);
    SettingsError, naming the file and line, when it is not YAML."""
    config_dir = Path(config_file).resolve().parent

    class Loader(_Loader):
        pass

    def relative(loader: yaml.SafeLoader, node: yaml.Node) -> str | None:
        value = loader.construct_scalar(node) if isinstance(node, yaml.ScalarNode) else ""
        if value == "$config_dir" or value.startswith("$config_dir/"):
            return str(config_dir / value.removeprefix("$config_dir").lstrip("/"))
        return None  # relative to the page or docs_dir: not needed outside a build

    Loader.add_constructor("!relative", relative)
    shown = Path(config_file).name
    try:
        data = yaml.load(Path(config_file).read_text(encoding="utf-8"), Loader=Loader) or {}
    except yaml.YAMLError as error:
        problem = not_yaml(error).problems[0]
        raise SettingsError(f"{shown}:{problem.line}: {problem.with_fix}") from None
    except UnicodeDecodeError:
        raise SettingsError(f"{shown}:1: the file is not UTF-8 text. Fix: save it as UTF-8 in your editor") from None
    if not isinstance(data, dict):
        raise SettingsError(f"{shown}:1: the settings are not a list of `name: value` lines. "
                            "Fix: start from the mkdocs.yml `guide new` writes")
    return data


def plugin_settings(config: dict, name: str) -> dict:
    """A plugin's options as mkdocs.yml writes them ({} if it has none or is not listed)."""
    plugins = config.get("plugins") or []
    if isinstance(plugins, dict):  # MkDocs also takes `plugins:` as a mapping of name to settings
        return plugins.get(name) or {}
    for plugin in plugins:
        if isinstance(plugin, dict) and name in plugin:
            return plugin[name] or {}
    return {}


def i18n_settings(config: dict) -> dict:
    """mkdocs-static-i18n's settings ({} if the site has one language)."""
    return plugin_settings(config, "i18n")


def guide_settings(config: dict) -> dict:
    """The guide plugin's options as written (its defaults are in guide.options)."""
    return plugin_settings(config, "guide")


def guide_path(config: dict, root: Path, option: str) -> Path:
    """A file or folder option of the guide plugin (contacts_file, strings_dir...), as written or
    its default, from `root`, the folder of mkdocs.yml."""
    options = guide_settings(config)
    value = options.get(option) if isinstance(options, dict) else None  # `- guide: true`, a mistake named elsewhere
    return Path(root) / (value if isinstance(value, str) and value.strip() else DEFAULT_PATHS[option])


def languages(config: dict) -> tuple[str, list[str]]:
    """The default language and the others."""
    default = (config.get("theme") or {}).get("language") or "en"
    langs = i18n_settings(config).get("languages") or []
    default = next((lang["locale"] for lang in langs if lang.get("default")), default)
    return default, [lang["locale"] for lang in langs if lang["locale"] != default]
