"""Why an input is not read: one exception that carries the outcome, and one-line reason helpers.

Every reason reads "what is wrong; how to fix it". The input's name travels in
``InputOutcome.source``, so reasons do not repeat it.
"""

from __future__ import annotations

from rashomon.config import Limits
from rashomon.errors import InputError
from rashomon.model import InputOutcome, InputStatus


class Rejected(InputError):
    """An input (or one record inside it) is skipped or failed; the batch goes on without it."""

    def __init__(self, status: InputStatus, message: str, hint: str) -> None:
        super().__init__(message, hint=hint)
        self.status = status

    @property
    def reason(self) -> str:
        return f"{self.message}; {self.hint}"

    def outcome(self, source: str) -> InputOutcome:
        return InputOutcome(source=source, status=self.status, reason=self.reason)


def skipped(message: str, hint: str) -> Rejected:
    return Rejected(InputStatus.SKIPPED, message, hint)


def failed(message: str, hint: str) -> Rejected:
    return Rejected(InputStatus.FAILED, message, hint)


def one_line(text: object, width: int = 160) -> str:
    """Squash an exception message (warcio's span many lines) into a short single line."""
    flat = " ".join(str(text).split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def human_size(n_bytes: int) -> str:
    if n_bytes >= 1_000_000:
        return f"{n_bytes / 1_000_000:.1f}".removesuffix(".0") + " MB"
    if n_bytes >= 1_000:
        return f"{n_bytes / 1_000:.1f}".removesuffix(".0") + " kB"
    return f"{n_bytes} bytes"


def too_large(n_bytes: int | None, limits: Limits) -> Rejected:
    size = f"{human_size(n_bytes)} is" if n_bytes is not None else "it is"
    return skipped(
        f"{size} over the {human_size(limits.max_input_bytes)} limit",
        "split it or raise --max-input-bytes",
    )


def empty_input() -> Rejected:
    return skipped("empty file", "nothing to analyse; check that it was saved completely")
