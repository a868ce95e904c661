"""Problems found in data/, collected and reported together."""
from __future__ import annotations

import difflib
from dataclasses import dataclass, field


@dataclass(frozen=True, order=True)
class Problem:
    """One problem in a data file: where it is and what to do about it."""

    file: str
    line: int
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return printable(f"{where}: {self.message}")  # one line, whatever a file name or value holds


@dataclass
class Problems:
    """Every problem found so far; the run stops once, after all are collected."""

    items: list[Problem] = field(default_factory=list)

    def add(self, file: str, line: int, message: str) -> None:
        self.items.append(Problem(file, line or 0, message))

    def __bool__(self) -> bool:
        return bool(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def report(self, folder: str = "data/") -> str:
        """All problems, sorted by file and line, then a count."""
        lines = [str(p) for p in sorted(set(self.items))]
        count = len(lines)
        lines.append(f"{count} error{'s' if count != 1 else ''} in {folder}")
        return "\n".join(lines)


class DataInvalid(Exception):
    """Raised when data/ has problems; carries them all."""

    def __init__(self, problems: Problems):
        super().__init__(problems.report())
        self.problems = problems


class OutputRefused(Exception):
    """Raised when writing would overwrite or delete a file the generator did not make."""


class Stopped(KeyboardInterrupt):
    """SIGTERM, raised as Ctrl-C is, so that the same clean-up runs (build_site.py turns both into one line)."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


class WorkerLost(Exception):
    """Raised when a worker process dies before finishing its share (e.g. killed for lack of memory)."""


QUOTE_LIMIT = 60   # characters of a value quoted in a message: enough to find it, never a whole file


def printable(text: str) -> str:
    """Text safe to print on one line of a terminal or CI log: control, invisible and direction-changing
    characters (newlines, escape codes, U+202E...) are written as escapes such as \\n, \\x1b, \\u202e."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() or c == " " else c.encode("unicode_escape", "backslashreplace").decode("ascii")
                   for c in text)


def quoted(value, limit: int = QUOTE_LIMIT) -> str:
    """A value from data as a message quotes it: printable, in quotes, cut to `limit` characters."""
    text = printable(str(value))
    return f"'{text[:limit - 1]}…'" if len(text) > limit else f"'{text}'"


def did_you_mean(word: str, choices) -> str:
    """A "; did you mean 'x'?" suffix when a close match exists, else ''."""
    options = {str(c).lower(): str(c) for c in choices}
    match = difflib.get_close_matches(str(word).lower(), list(options), n=1, cutoff=0.6)
    return f"; did you mean '{options[match[0]]}'?" if match else ""
