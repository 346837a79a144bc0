"""Publication dates stated in an article's own furniture (date lines, image signatures).

Only lines that *are* a date or say "Published/Updated/Posted ..." count, and only in the head of the
article. A date inside a caption ("In this file photo taken on October 21, 2020") dates the photo, and
a year after "©" is a copyright year: neither is taken as the publication date.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from rashomon.model import PublishedDate
from rashomon.model.article import Precision

MONTHS = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?"
    r"|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
WEEKDAY = r"(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?,?\s+)?"
DATE_FORMS = (
    rf"{WEEKDAY}{MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}",
    rf"{WEEKDAY}\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTHS},?\s+\d{{4}}",
    r"\d{4}-\d{2}-\d{2}",
    r"\d{1,2}\.\d{1,2}\.\d{4}",
    rf"{MONTHS}\s+\d{{4}}",
)
DATE = re.compile("|".join(f"(?:{form})" for form in DATE_FORMS), re.IGNORECASE)
DATE_KEYWORD = re.compile(
    r"^\s*(?:published|posted|updated|last updated|first published|date|dated|veröffentlicht|publié)\b[:\s]*",
    re.IGNORECASE,
)
TIME_NOISE = re.compile(r"\b\d{1,2}:\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*[A-Z]{2,4}\b)?", re.IGNORECASE)


# The longest date lines ("Published: Wednesday, September 23rd, 2020 - 10:42 am EDT | Updated ...") stay
# well under this; longer lines are prose, and searching megabyte lines for dates took seconds.
DATE_LINE_MAX_CHARS = 300


def date_line(line: str) -> PublishedDate | None:
    """A publication date if the whole line is a date statement, else None."""
    stripped = line.strip()
    if len(stripped) > DATE_LINE_MAX_CHARS:
        return None
    keyword = DATE_KEYWORD.match(stripped)
    rest = stripped[keyword.end() :] if keyword else stripped
    rest = TIME_NOISE.sub(" ", rest).strip(" |,·-–—")
    match = DATE.search(rest)
    if match is None:
        return None
    leftover = (rest[: match.start()] + rest[match.end() :]).strip(" |,·-–—")
    if not keyword and len(leftover.split()) > 2:
        return None  # a sentence that contains a date, not a date line
    return parse_date(match.group(0), evidence=stripped)


def parse_date(expression: str, *, evidence: str, source: str = "text") -> PublishedDate | None:
    """Normalise with dateparser, keeping the precision it reports (day/month/year), never more."""
    data = _parser().get_date_data(expression)
    if data.date_obj is None:
        return None
    period: Precision = data.period if data.period in ("day", "month", "year") else "day"
    formats = {"day": "%Y-%m-%d", "month": "%Y-%m", "year": "%Y"}
    return PublishedDate(
        value=data.date_obj.strftime(formats[period]),
        precision=period,
        source=source,  # type: ignore[arg-type]
        evidence=evidence,
    )


@lru_cache(maxsize=1)
def _parser() -> Any:
    from dateparser.date import DateDataParser

    # Day-first for numeric dates with dots (07.05.2022 is 7 May in the sites that print it that way).
    return DateDataParser(
        languages=["en", "de", "fr", "es", "ru"],
        settings={"PREFER_DAY_OF_MONTH": "first", "DATE_ORDER": "DMY", "STRICT_PARSING": False},
    )


# A date in a URL's path, as most news sites write one: "/2015/06/30/us/politics/..." (day),
# "/2015-06-30/slug" (day), "/2015/06/slug" (month). Years 1990-2099 only: "/2048/..." may be an id.
URL_DAY = re.compile(r"/((?:19|20)\d\d)[/-](0?[1-9]|1[0-2])[/-](0?[1-9]|[12]\d|3[01])(?=[/._-]|$)")
URL_MONTH = re.compile(r"/((?:19|20)\d\d)/(0?[1-9]|1[0-2])/(?=[\w-]{8,})")


def url_date(url: str | None) -> PublishedDate | None:
    """The publication date a news URL's path states, with its precision (day or month)."""
    if not url:
        return None
    path = re.sub(r"^[a-z]+://[^/]*", "", url, flags=re.IGNORECASE).split("?")[0]
    day = URL_DAY.search(path)
    if day and int(day.group(1)) >= 1990:
        value = f"{day.group(1)}-{int(day.group(2)):02d}-{int(day.group(3)):02d}"
        return PublishedDate(value=value, precision="day", source="page", evidence=f"URL path: {path}")
    month = URL_MONTH.search(path)
    if month and int(month.group(1)) >= 1990:
        value = f"{month.group(1)}-{int(month.group(2)):02d}"
        return PublishedDate(value=value, precision="month", source="page", evidence=f"URL path: {path}")
    return None
