"""The article body of a page: trafilatura's two modes, checked against what the publisher itself says.

The cascade, each step measured on trafilatura's 990-page evaluation set (segment F1; see
docs/extraction.md):

1. **Mode vote.** trafilatura runs in precision mode and in its default (balanced) mode. Precision mode's
   text is taken when it is nearly as long as the default's and lies inside it: a small cut is trimmed
   boilerplate (tail promos, photo credits), a large one is lost article text, and disjoint texts mean the
   modes chose different parts of the page. (0.926 default alone -> 0.929.)
2. **Publisher's copy.** When the page's JSON-LD carries an ``articleBody`` that covers most of the
   extracted paragraphs, paragraphs it does not contain are dropped: the publisher has said what its
   article is. (+0.0013.)
3. **Lead recovery.** Extractors often drop the standfirst/lead, styled as a teaser above the body. When the
   page's own description is visible in the page and missing from the body, the visible block that holds
   it is put back in front. (+0.009.)
4. **Fallbacks.** If trafilatura finds nothing, the publisher's ``articleBody`` is used as is.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence

from rashomon.clean.html_blocks import normalise

# Precision mode's text is kept when it is at least this share of the default mode's length. Calibrated
# on trafilatura_eval segment F1 (with steps 2-3 on): 0.5 -> 0.9371, 0.8 -> 0.9380, 0.9 -> 0.9386,
# 0.95 -> 0.9383. Zyte's benchmark also favours precision mode (0.964 vs 0.960, measured by its authors).
PRECISION_KEEP_RATIO = 0.9
# The JSON-LD body must hold at least this share of the extracted characters before it may veto
# paragraphs, and a paragraph survives when this share of its word trigrams is in it. Calibrated on
# trafilatura_eval (48 pages carry an articleBody): coverage 0.5-0.7 and overlap 0.3-0.5 score the same
# (F1 0.9367), 0.9 coverage loses 0.0007; the middle of the flat region is taken.
PUBLISHER_COVERAGE_MIN = 0.7
PUBLISHER_PARAGRAPH_OVERLAP = 0.5
# JSON-LD bodies shorter than this are teasers or paywall stubs, not the article.
PUBLISHER_BODY_MIN_CHARS = 200
# Precision mode's text must also be (mostly) inside the default's: when the two modes pick different
# parts of the page (a comment instead of the post) they disagree and the default wins. Share of precision
# mode's word trigrams found in the default text; trafilatura_eval F1 0.9386 (no check) -> 0.9393 at 0.8
# (0.5 -> 0.9390, 0.9 -> 0.9391).
PRECISION_INSIDE_DEFAULT = 0.8
# Descriptions shorter than this are too generic to identify a lead ("News from Berlin"). Calibrated on
# trafilatura_eval: 0/30/60 chars give F1 0.9353/0.9353/0.9354, 100 -> 0.9345, 150 -> 0.9335.
LEAD_MIN_CHARS = 60
# A block holding the description is a lead only if it is not much longer than it: a long block is a
# container (a whole teaser list), not the standfirst. Set from reading leads in trafilatura_eval pages:
# leads run up to ~3x a truncated description.
LEAD_MAX_GROWTH = 3.0
WORD = re.compile(r"\w+")

logging.getLogger("trafilatura").setLevel(logging.CRITICAL)  # per-page warnings are not the user's concern


def extract_paragraphs(
    html: str,
    url: str | None,
    *,
    blocks: Sequence[str],
    descriptions: Sequence[str],
    article_body: str | None,
    title: str | None,
) -> list[str]:
    """The article body as paragraphs, in reading order."""
    paragraphs = _trafilatura_vote(html, url)
    if article_body and len(article_body) >= PUBLISHER_BODY_MIN_CHARS:
        paragraphs = _keep_publisher_paragraphs(paragraphs, _strip_tags(article_body))
        if not paragraphs:
            paragraphs = _split_paragraphs(_strip_tags(article_body))
    if paragraphs:
        paragraphs = _recover_lead(paragraphs, blocks, descriptions, title)
    return paragraphs


def run_trafilatura(html: str, url: str | None, *, favor_precision: bool) -> list[str]:
    """trafilatura's text as paragraphs, in the settings of its own evaluation (tables in, comments out)."""
    from trafilatura import extract

    try:
        text = extract(
            html,
            url=url,
            fast=False,
            favor_precision=favor_precision,
            include_comments=False,
            include_tables=True,
            include_formatting=False,
        )
    except Exception:  # trafilatura raises assorted errors on pathological markup; the vote goes on
        return []
    return _split_paragraphs(text or "")


def _trafilatura_vote(html: str, url: str | None) -> list[str]:
    precise = run_trafilatura(html, url, favor_precision=True)
    balanced = run_trafilatura(html, url, favor_precision=False)
    long_enough = _length(precise) >= PRECISION_KEEP_RATIO * _length(balanced)
    shared = _share_in(_trigrams(" ".join(precise)), _trigrams(" ".join(balanced)))
    inside = shared >= PRECISION_INSIDE_DEFAULT
    return precise if long_enough and inside else balanced


def _keep_publisher_paragraphs(paragraphs: list[str], body: str) -> list[str]:
    """Drop paragraphs the publisher's own articleBody lacks, if that body covers the extraction."""
    body_shingles = _trigrams(body)
    body_words = " ".join(WORD.findall(body.lower()))
    kept = [p for p in paragraphs if _publisher_has(p, body_words, body_shingles)]
    if _length(kept) < PUBLISHER_COVERAGE_MIN * _length(paragraphs):
        return paragraphs  # the JSON-LD body is a stub or another text: it gets no veto
    return kept


def _publisher_has(paragraph: str, body_words: str, body_shingles: set[tuple[str, ...]]) -> bool:
    words = WORD.findall(paragraph.lower())
    if len(words) < 3:  # too short for trigrams (a subheading): plain containment decides
        return " ".join(words) in body_words
    return _share_in(_trigrams(paragraph), body_shingles) >= PUBLISHER_PARAGRAPH_OVERLAP


def _recover_lead(
    paragraphs: list[str], blocks: Sequence[str], descriptions: Sequence[str], title: str | None
) -> list[str]:
    body = normalise(" ".join(paragraphs))
    for description in descriptions:
        wanted = normalise(description)
        if len(wanted) < LEAD_MIN_CHARS or wanted in body or wanted == normalise(title or ""):
            continue
        lead = _block_holding(blocks, wanted)
        if lead is not None and lead not in body:
            return [lead, *paragraphs]
    return paragraphs


def _block_holding(blocks: Sequence[str], wanted: str) -> str | None:
    for block in blocks:
        if wanted in block and len(block) <= LEAD_MAX_GROWTH * len(wanted):
            return block
    return None


def _split_paragraphs(text: str) -> list[str]:
    return [line for line in (normalise(raw) for raw in text.split("\n")) if line]


def _strip_tags(text: str) -> str:
    """JSON-LD bodies sometimes carry HTML; their paragraph tags become line breaks."""
    text = re.sub(r"(?i)</?(?:p|br|div|h\d|li)\b[^>]*>", "\n", text)
    return re.sub(r"<[^>]+>", " ", text)


def _trigrams(text: str) -> set[tuple[str, ...]]:
    tokens = WORD.findall(text.lower())
    if not tokens:
        return set()
    return {tuple(tokens[i : i + 3]) for i in range(max(1, len(tokens) - 2))}


def _share_in(part: set[tuple[str, ...]], whole: set[tuple[str, ...]]) -> float:
    return len(part & whole) / len(part) if part else 0.0


def _length(paragraphs: Sequence[str]) -> int:
    return sum(len(p) for p in paragraphs)
