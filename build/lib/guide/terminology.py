"""The words each language uses for the guide's key terms, and the check that pages use them.

A folder `terminology/` (beside contacts.yml; `extra.terminology_dir` in mkdocs.yml names
another) has `en.yml`, the English words of each term (matched without case as the start of a
word or phrase), and one file per language with the word families and councils use:

    # terminology/en.yml                    # terminology/ro.yml
    advocate: [advocate]                    advocate:
    learning-disability: [learning disab]     use: [avocat al familiei]   # at least one must appear
                                              avoid: [susținător]         # never to appear

A translation whose English page uses a term but which never writes its language's word for it,
or which writes a rendering to avoid, stops the build at the line to fix.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from guide.markers import outside_fences
from guide.problems import Problem
from guide.yaml_lines import YamlError, load_with_lines


@dataclass(frozen=True)
class Rendering:
    use: tuple[str, ...]
    avoid: tuple[str, ...]


@dataclass(frozen=True)
class Term:
    name: str
    english: tuple[str, ...]
    languages: dict[str, Rendering]


@dataclass(frozen=True)
class Terminology:
    path: str  # as messages name it
    terms: tuple[Term, ...]


class TerminologyError(Exception):
    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(map(str, problems)))
        self.problems = problems


def _words(value: object) -> tuple[str, ...] | None:
    items = value if isinstance(value, list) else [value] if isinstance(value, str) else None
    if items is None or not all(isinstance(item, str) and item.strip() for item in items):
        return None
    return tuple(item.strip() for item in items)


def _read(path: Path, shown: str) -> tuple[dict, dict]:
    try:
        data, lines = load_with_lines(path.read_text(encoding="utf-8"))
    except YamlError as error:
        raise TerminologyError([Problem(shown, p.line, p.message) for p in error.problems]) from None
    except UnicodeDecodeError:
        raise TerminologyError([Problem(shown, 1, "the file is not UTF-8 text. Fix: save it as UTF-8")]) from None
    if data is None:
        return {}, {}
    if not isinstance(data, dict):
        raise TerminologyError([Problem(shown, 1, "expected one entry per term, like 'advocate:'")])
    # A term's line is its key's (a value in block style starts on the next line).
    text = path.read_text(encoding="utf-8").splitlines()
    keys = {name: next((n for n, row in enumerate(text, 1) if row.startswith(f"{name}:")), lines.get((name,), 1))
            for name in data}
    return data, keys


def load_terminology(folder: Path, shown: str) -> Terminology | None:
    """The terminology folder (None when there is none); every mistake in it, at its line."""
    english_file = folder / "en.yml"
    if not english_file.exists():
        return None
    english, lines = _read(english_file, f"{shown}/en.yml")
    problems: list[Problem] = []
    words: dict[str, tuple[str, ...]] = {}
    for name, value in english.items():
        forms = _words(value)
        if forms is None:
            problems.append(Problem(f"{shown}/en.yml", lines.get(name, 1), f"term '{name}' needs a list of "
                                    "its English words, like advocate: [advocate]"))
        else:
            words[name] = forms
    languages: dict[str, dict[str, Rendering]] = {}
    for path in sorted(folder.glob("*.yml")):
        locale = path.stem
        if locale == "en":
            continue
        file = f"{shown}/{path.name}"
        data, lines = _read(path, file)
        languages[locale] = {}
        for name, entry in data.items():
            line = lines.get(name, 1)
            if name not in words:
                problems.append(Problem(file, line, f"'{name}' is not a term of {shown}/en.yml. Fix: add it there "
                                        "with its English words, or correct the name"))
                continue
            use = _words(entry.get("use")) if isinstance(entry, dict) else None
            avoid = _words(entry.get("avoid", [])) if isinstance(entry, dict) else None
            if use is None or avoid is None or set(entry) - {"use", "avoid"}:
                problems.append(Problem(file, line, f"term '{name}': give use: (and optionally avoid:), each a "
                                        "list of words"))
                continue
            languages[locale][name] = Rendering(use, avoid)
    if problems:
        raise TerminologyError(problems)
    terms = tuple(Term(name, forms, {locale: table[name] for locale, table in languages.items() if name in table})
                  for name, forms in words.items())
    return Terminology(shown, terms)


def _body_lines(text: str) -> list[tuple[int, str]]:
    """(line number, lower-cased line) outside front matter and fenced code."""
    lines = text.splitlines()
    start = 0
    if lines and lines[0].strip() == "---":
        start = next((i + 1 for i, line in enumerate(lines[1:], 1) if line.strip() in ("---", "...")), 0)
    return [(number, line.casefold()) for number, line in outside_fences(lines) if number > start]


def problems(table: Terminology | None, locale: str, path: str, text: str, english_text: str) -> list[Problem]:
    """A translation's key terms against the language's table."""
    if table is None:
        return []
    found: list[Problem] = []
    body, english = _body_lines(text), _body_lines(english_text)
    for term in table.terms:
        rendering = term.languages.get(locale)
        if rendering is None:
            continue
        for avoid in rendering.avoid:
            needle = avoid.casefold()
            for number, line in body:
                if needle in line:
                    found.append(Problem(path, number, f"'{avoid}' is not the word this guide uses for "
                                         f"'{term.english[0]}'. Fix: write '{rendering.use[0]}' ({table.path}/{locale}.yml)"))
                    break
        needs = any(word.casefold() in line for word in term.english for _, line in english)
        if needs and not any(word.casefold() in line for word in rendering.use for _, line in body):
            found.append(Problem(path, 1, f"the English page speaks of '{term.english[0]}', but this page never "
                                 f"writes '{rendering.use[0]}'"
                                 + (f" (or {', '.join(repr(w) for w in rendering.use[1:])})" if rendering.use[1:]
                                    else "")
                                 + f", the word {table.path}/{locale}.yml gives for it. Fix: use that word"))
    return found
