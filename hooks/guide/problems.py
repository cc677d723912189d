"""A problem found in a guide's files: the file, the line, and what to do about it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


def every_problem_message(problems: list[Problem], languages: int) -> str:
    """What `guide check` says when it has gone through every language: each problem once."""
    files = len({problem.path for problem in problems})
    return (f"{len(problems)} problem(s) in {files} file(s), found in the builds of {languages} language(s); "
            "the build would stop at the first.\n  " + "\n  ".join(map(str, problems)))
