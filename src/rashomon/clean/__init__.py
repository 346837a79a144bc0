"""Stage 2, clean: separate each article's body from page furniture; find title, byline, outlet, date."""

from rashomon.clean.stage import CleanStage
from rashomon.clean.text import CleanText, clean_plain_text

__all__ = ["CleanStage", "CleanText", "clean_plain_text"]
