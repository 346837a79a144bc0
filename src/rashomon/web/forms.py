"""Reading an add request (multipart form) into Sources, with its size bounded before anything is parsed."""

from __future__ import annotations

from starlette.datastructures import UploadFile
from starlette.requests import Request

from rashomon.errors import UsageError
from rashomon.model import Source
from rashomon.web.uploads import MAX_FILES, Pasted, Upload, sources_from_form

FORM_OVERHEAD = 64_000  # multipart boundaries and the small text fields around the article bytes
_TEXT_FIELDS = ("title", "outlet", "byline", "url", "published")


class PayloadTooLarge(UsageError):
    code = "too-large"


class LengthRequired(UsageError):
    code = "length-required"


async def read_sources(request: Request, max_bytes: int) -> list[Source]:
    """The uploaded files and pasted text; refused whole when the request is larger than the limit."""
    length = request.headers.get("content-length")
    if length is None or not length.isdigit():
        raise LengthRequired("the upload has no Content-Length", hint="send it as an ordinary form post")
    if int(length) > max_bytes + FORM_OVERHEAD:
        raise PayloadTooLarge(
            f"the upload is {int(length):,} bytes; the limit is {max_bytes:,}",
            hint="split it into smaller uploads, or use 'rashomon analyze --db' for large corpora",
        )
    async with request.form(max_files=MAX_FILES + 1, max_fields=20, max_part_size=max_bytes) as form:
        uploads = [
            Upload(item.filename or "upload", await item.read())
            for item in form.getlist("file")
            if isinstance(item, UploadFile) and (item.filename or item.size)
        ]
        fields = {name: _text(form.get(name)) for name in ("text", *_TEXT_FIELDS)}
    pasted = Pasted(**fields) if fields["text"].strip() else None
    return sources_from_form(uploads, pasted)


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""
