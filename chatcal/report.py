"""Problems found in chat files, and how they are printed."""

from __future__ import annotations

from dataclasses import dataclass, field

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    field: str
    message: str
    severity: str = ERROR

    def __str__(self) -> str:
        prefix = "warning: " if self.severity == WARNING else ""
        return f"{self.path}:{self.line}: {self.field}: {prefix}{self.message}"


@dataclass
class Report:
    """Collects every problem in a run instead of stopping at the first."""

    path: str
    problems: list[Problem] = field(default_factory=list)

    def error(self, line: int, field: str, message: str) -> None:
        self.problems.append(Problem(self.path, line, field, message, ERROR))

    def warning(self, line: int, field: str, message: str) -> None:
        self.problems.append(Problem(self.path, line, field, message, WARNING))

    @property
    def has_errors(self) -> bool:
        return any(p.severity == ERROR for p in self.problems)


def errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == ERROR]


def summary(problems: list[Problem]) -> str:
    counts = (len(errors(problems)), len(problems) - len(errors(problems)))
    parts = [f"{n} {word}{'' if n == 1 else 's'}" for n, word in zip(counts, ("error", "warning")) if n]
    return ", ".join(parts) if parts else "no problems"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_annotation(problem: Problem) -> str:
    """A GitHub Actions workflow command that marks the problem on the PR's line."""
    kind = "error" if problem.severity == ERROR else "warning"
    title = _escape_property(f"chat file: {problem.field}")
    return f"::{kind} file={_escape_property(problem.path)},line={problem.line},title={title}::{_escape_data(problem.message)}"
