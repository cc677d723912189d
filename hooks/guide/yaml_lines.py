"""Read YAML into plain Python data and remember the line of every value.

Errors in the contacts file must name the line to fix, and PyYAML's `safe_load` throws
line numbers away. Composing the node tree keeps them. Every scalar stays a string
(YAML 1.1 would turn `9:30` into 570 and `2026-02-30` into a crash); the schema decides
types. Duplicate keys, which PyYAML silently overwrites, are reported.
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml

Path = tuple  # a path into the data: ("contacts", 2, "phones", 0, "number")

# libyaml's parser where PyYAML has it (ten times faster than PyYAML's own, which is the fallback).
BASE_LOADER = getattr(yaml, "CBaseLoader", yaml.BaseLoader)
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

NULLS = {"", "~", "null", "Null", "NULL"}


@dataclass(frozen=True)
class YamlProblem:
    line: int
    message: str

    @property
    def with_fix(self) -> str:
        """The message, with a fix where it has none yet."""
        return self.message if "Fix:" in self.message else f"{self.message}. Fix: correct it"


class YamlError(Exception):
    def __init__(self, problems: list[YamlProblem]):
        super().__init__("; ".join(p.message for p in problems))
        self.problems = problems


def not_yaml(error: yaml.YAMLError) -> YamlError:
    """PyYAML's error as a YamlError with its line."""
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    line = mark.line + 1 if mark else 1
    problem = getattr(error, "problem", None) or str(error)
    return YamlError([YamlProblem(line, f"this is not valid YAML ({problem})")])


def refuse_aliases(text: str) -> None:
    """Raise YamlError at the first alias (`*name`) or at the first line that is not YAML.
    A guide's own files have no use for aliases, and a few lines of nested aliases (a "billion
    laughs") expand to billions of values: reading them would hang the build. Parsing events
    is linear in the text, so this is safe to run first."""
    try:
        for event in yaml.parse(text, Loader=BASE_LOADER):
            if isinstance(event, yaml.AliasEvent):
                raise YamlError([YamlProblem(event.start_mark.line + 1, f"'*{event.anchor}' repeats a value "
                                             "written elsewhere (a YAML alias); aliases are not read here. "
                                             "Fix: write the value out in full")])
    except yaml.YAMLError as error:
        raise not_yaml(error) from None


def safe_load(text: str) -> object:
    """Plain YAML data (YAML 1.1 types, as yaml.safe_load), aliases refused; YamlError with the line."""
    refuse_aliases(text)
    try:
        return yaml.load(text, Loader=SAFE_LOADER)
    except yaml.YAMLError as error:
        raise not_yaml(error) from None


def load_with_lines(text: str) -> tuple[object, dict[Path, int]]:
    """Return (data, lines): `lines[path]` is the 1-based line where that value starts."""
    refuse_aliases(text)
    try:
        root = yaml.compose(text, Loader=BASE_LOADER)
    except yaml.YAMLError as error:
        raise not_yaml(error) from None
    lines: dict[Path, int] = {}
    problems: list[YamlProblem] = []
    if root is None:
        return None, lines
    data = _build(root, (), lines, problems)
    if problems:
        raise YamlError(problems)
    return data, lines


def _build(node: yaml.Node, path: Path, lines: dict[Path, int], problems: list[YamlProblem]):
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        result: dict[str, object] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node.value)
            if key in result:
                problems.append(YamlProblem(key_node.start_mark.line + 1,
                                            f"the key '{key}' appears twice here and YAML keeps only the last. Fix: keep one"))
                continue
            result[key] = _build(value_node, path + (key,), lines, problems)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, path + (i,), lines, problems) for i, item in enumerate(node.value)]
    if node.style is None and node.value in NULLS:  # plain, unquoted empty value
        return None
    return node.value


def mapping_value(node: yaml.Node | None, key: str) -> yaml.Node | None:
    """The value node under `key` in a composed YAML mapping (None if `node` is not a mapping or
    has no such key): for reading mkdocs.yml with lines, tags and comments left as they are."""
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
                return value_node
    return None


def plugin_options(root: yaml.Node | None, name: str) -> tuple[tuple, yaml.Node | None]:
    """Where a plugin's options are in a composed mkdocs.yml (`plugins:` as a list or a mapping)
    and their node: (("plugins", 3, "guide"), node), or ((), None) if the plugin is not listed.
    The node is None too when it is listed without options (`- guide`)."""
    plugins = mapping_value(root, "plugins")
    if isinstance(plugins, yaml.MappingNode):
        for key_node, value_node in plugins.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == name:
                return ("plugins", name), value_node
    if isinstance(plugins, yaml.SequenceNode):
        for n, item in enumerate(plugins.value):
            if isinstance(item, yaml.ScalarNode) and item.value == name:
                return ("plugins", n, name), None
            value = mapping_value(item, name)
            if value is not None:
                return ("plugins", n, name), value
    return (), None
