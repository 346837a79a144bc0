"""Domain errors: each has a stable code and a message that names the input, the problem and the fix.

The CLI turns a `RashomonError` into one line on stderr and an exit code; nothing user-caused ever
surfaces as a traceback.
"""

from __future__ import annotations


class RashomonError(Exception):
    """Base of every error rashomon raises on purpose."""

    code = "error"

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def one_line(self) -> str:
        text = f"{self.code}: {self.message}"
        return f"{text} ({self.hint})" if self.hint else text


class InputError(RashomonError):
    """One input cannot be read or is not an article; the batch goes on without it."""

    code = "input"


class UsageError(RashomonError):
    """The command was called wrongly (missing path, bad option value)."""

    code = "usage"


class DependencyMissing(RashomonError):
    """An optional heavy dependency (a model package) is not installed."""

    code = "missing-dependency"


class DataError(RashomonError):
    """A benchmark folder or data file is not laid out as expected."""

    code = "data"


class NotFound(RashomonError):
    """A story, article or claim id that the store does not hold."""

    code = "not-found"
