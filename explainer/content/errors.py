"""Problems found in the content, and the exception that carries them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the content.

    Parameters
    ----------
    file : str
        Path of the file, as the user named the data directory.
    message : str
        What is wrong, in one line.
    record : str or None
        Id of the record (or ``#N`` for the N-th record when it has no id).
    field : str or None
        Name of the field, dotted for nested fields (``questions[2].options``).
    """

    file: str
    message: str
    record: str | None = None
    field: str | None = None

    def __str__(self) -> str:
        parts = [self.file]
        if self.record is not None:
            parts.append(f"record {self.record}")
        if self.field is not None:
            parts.append(f"field {self.field}")
        text = ": ".join(parts) + f": {self.message}"
        # One line, always: content may hold newlines or control characters.
        return " ".join(text.split())


class ContentError(Exception):
    """Raised when the content in a data directory does not validate.

    Attributes
    ----------
    problems : tuple of Problem
        Every problem found, in file order.
    """

    def __init__(self, problems: list[Problem] | tuple[Problem, ...]):
        self.problems = tuple(problems)
        super().__init__(self.summary())

    def summary(self) -> str:
        """All problems, one per line, with a count first."""
        n = len(self.problems)
        head = f"{n} problem{'s' if n != 1 else ''} in the content:"
        return "\n".join([head, *(str(p) for p in self.problems)])
