"""The clean stage: raw documents in, cleaned articles out, identical articles counted once."""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar

from rashomon.clean.language import detect_language
from rashomon.clean.text import CleanText, clean_plain_text
from rashomon.errors import RashomonError
from rashomon.model import Article, InputOutcome, InputStatus, PublishedDate, RawDocument, content_id
from rashomon.pipeline import Advance, BaseStage, Batch


class CleanStage(BaseStage):
    name: ClassVar[str] = "clean"
    requires: ClassVar[frozenset[str]] = frozenset({"raw", "inputs"})
    produces: ClassVar[frozenset[str]] = frozenset({"articles", "inputs"})

    def units(self, batch: Batch) -> int:
        return len(batch.raw)

    def run(self, batch: Batch, advance: Advance = lambda n: None) -> Batch:
        articles: list[Article] = []
        outcomes = list(batch.inputs)
        first_source: dict[str, str] = {}
        for raw in batch.raw:
            article, problem = self._clean_one(raw)
            advance(1)
            if article is None:
                outcomes.append(InputOutcome(raw.source, InputStatus.SKIPPED, problem))
            elif article.id in first_source:
                reason = f"same article text as {first_source[article.id]}; counted once"
                outcomes.append(InputOutcome(raw.source, InputStatus.DUPLICATE, reason))
            else:
                first_source[article.id] = raw.source
                articles.append(article)
        return replace(batch, articles=tuple(articles), inputs=tuple(outcomes))

    def _clean_one(self, raw: RawDocument) -> tuple[Article | None, str | None]:
        try:
            cleaned = self._extract(raw)
        except RashomonError as error:
            return None, f"{error.message}; {error.hint}" if error.hint else error.message
        if not cleaned.text.strip():
            removed = len(cleaned.removed)
            return None, (
                f"no article text found ({removed} blocks judged boilerplate); "
                "check that the file holds an article body"
            )
        return self._article(raw, cleaned), None

    def _extract(self, raw: RawDocument) -> CleanText:
        if raw.kind == "html":
            from rashomon.clean.html import extract_page

            page = extract_page(raw.content, raw.url)
            return CleanText(
                text=page.text,
                removed=page.removed,
                title=page.title,
                byline=page.byline,
                outlet=page.outlet,
                published=page.published,
                warnings=page.warnings,
            )
        return self._clean_text(raw.content)

    def _clean_text(self, content: str) -> CleanText:
        """Plain text is cut to the article limit before cleaning, so cleaning time is bounded too."""
        limit = self.config.limits.max_article_chars
        if len(content) <= limit:
            return clean_plain_text(content)
        cleaned = clean_plain_text(content[:limit])
        note = f"text over {limit:,} characters: only the first {limit:,} were read"
        return replace(cleaned, warnings=(*cleaned.warnings, note))

    def _article(self, raw: RawDocument, cleaned: CleanText) -> Article:
        text, warnings = cleaned.text, [*raw.warnings, *cleaned.warnings]
        limit = self.config.limits.max_article_chars
        if len(text) > limit:
            text = text[:limit]
            warnings.append(f"body truncated to the first {limit:,} characters")
        language = detect_language(text)
        if language != "en":
            warnings.append("not recognised as English: claims and attribution are English-only for now")
        return Article(
            id=content_id("art", text),
            source=raw.source,
            text=text,
            title=raw.title or cleaned.title,
            outlet=_outlet(raw, cleaned, text),
            byline=raw.byline or cleaned.byline,
            url=raw.url,
            published=self._published(raw, cleaned.published),
            removed=cleaned.removed,
            language=language,
            warnings=tuple(warnings),
        )

    def _published(self, raw: RawDocument, found: PublishedDate) -> PublishedDate:
        """The input's own date first, then what the page or text states, then the date in its URL's path,
        then the user's --date."""
        from rashomon.clean.dates import parse_date, url_date

        if raw.published:
            given = parse_date(raw.published, evidence=f"'published' field: {raw.published}", source="user")
            if given is not None:
                return given
        if found.known:
            return found
        in_url = url_date(raw.url)
        if in_url is not None:
            return in_url
        if self.config.default_date:
            return PublishedDate(
                value=self.config.default_date, precision="day", source="user", evidence="--date"
            )
        return PublishedDate()


def _outlet(raw: RawDocument, cleaned: CleanText, text: str) -> str | None:
    """The input's own outlet first, then the page's, normalised by the registry; else what the text signs."""
    from rashomon.outlets.identify import identify

    byline = raw.byline or cleaned.byline
    return identify([raw.outlet, cleaned.outlet], raw.url, byline, text, cleaned.removed).name
