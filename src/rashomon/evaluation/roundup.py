"""``rashomon eval roundup``: rashomon's extractive roundup against AllSides' human-written ones.

NeuS (Lee et al. 2022) pairs three articles on one story (left, center, right; title and AllSides' opening
paragraphs) with AllSides' neutral roundup. For each story the three articles are analysed as one story
and the roundup (``stories.roundup``) is read as plain text: the articles' own words each line quotes,
without rashomon's framing ("2 articles, 1 independent origin"). Scored with ROUGE-L F (longest common
subsequence over lower-cased alphanumeric tokens, no stemming, as ``rouge-score``'s ``rougeL`` without its
stemmer) against the roundup's text with its ``TITLE=>`` / ``ARTICLE=>`` markers removed. The lead
baseline (each article's title and first sentence) is scored the same way, beside it.

dev = ``naacl2022_lrc_roundup_random_order_probe/val``; test = ``HIDDEN/test``. ``--limit`` scores the
first N stories (a full pass runs the pipeline on 921 articles).
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path

from rashomon.errors import DataError
from rashomon.evaluation.registry import EvalTask, Scores, register
from rashomon.model import Source

FOLDER = "naacl2022_lrc_roundup_random_order_probe"
PART = re.compile(r"TITLE=>\s*(?P<title>.*?)\s*ARTICLE=>\s*(?P<text>.*)", re.DOTALL)
TOKEN = re.compile(r"[a-z0-9]+")
FIRST_SENTENCE = re.compile(r"^.*?[.!?](?=\s|$)", re.DOTALL)


def tokens(text: str) -> list[str]:
    return TOKEN.findall(text.lower())


def lcs(a: Sequence[str], b: Sequence[str]) -> int:
    """Length of the longest common subsequence (one row of the table at a time)."""
    if not a or not b:
        return 0
    previous = [0] * (len(b) + 1)
    for x in a:
        current = [0]
        for j, y in enumerate(b, 1):
            current.append(previous[j - 1] + 1 if x == y else max(previous[j], current[j - 1]))
        previous = current
    return previous[-1]


def rouge_l(candidate: str, reference: str) -> tuple[float, float, float]:
    """(precision, recall, F1) of ROUGE-L."""
    c, r = tokens(candidate), tokens(reference)
    common = lcs(c, r)
    if not common:
        return 0.0, 0.0, 0.0
    precision, recall = common / len(c), common / len(r)
    return precision, recall, 2 * precision * recall / (precision + recall)


def read_stories(data: Path, split: str) -> list[tuple[list[tuple[str, str]], str]]:
    """(articles as (title, text), the reference roundup text) per story."""
    base = data / "HIDDEN" if split == "test" else data / FOLDER
    name = "test" if split == "test" else "val"
    source, target = base / f"{name}.source", base / f"{name}.target"
    if not source.is_file() or not target.is_file():
        raise DataError(f"'{source}' or '{target}' is missing", hint="point --data at neus_allsides/")
    sources = [s for s in source.read_text(encoding="utf-8").split("\n") if s.strip()]
    targets = [t for t in target.read_text(encoding="utf-8").split("\n") if t.strip()]
    stories = []
    for line, reference in zip(sources, targets, strict=True):
        articles = [_part(piece) for piece in line.split("[SEP]")]
        title, text = _part(reference)
        stories.append(([a for a in articles if a[1]], f"{title} {text}".strip()))
    return stories


def _part(piece: str) -> tuple[str, str]:
    match = PART.search(piece)
    return (match.group("title").strip(), match.group("text").strip()) if match else ("", piece.strip())


def lead(articles: Sequence[tuple[str, str]]) -> str:
    return " ".join(f"{title} {_first(text)}" for title, text in articles)


def _first(text: str) -> str:
    match = FIRST_SENTENCE.match(text)
    return match.group(0) if match else text


def system_roundup(articles: Sequence[tuple[str, str]], story: int) -> str:
    import rashomon
    from rashomon.stories.roundup import build_roundup

    sources = [
        Source(f"story{story}-{n}.json", data=json.dumps({"title": title, "text": text}).encode("utf-8"))
        for n, (title, text) in enumerate(articles)
    ]
    evidence = rashomon.analyze(sources).evidence
    return " ".join(line.quote for line in build_roundup(evidence) if line.quote)


def run(data: Path, split: str, limit: int | None) -> Scores:
    stories = read_stories(data, split)[:limit]
    ours, baseline = [], []
    for n, (articles, reference) in enumerate(stories):
        ours.append(rouge_l(system_roundup(articles, n), reference))
        baseline.append(rouge_l(lead(articles), reference))
    count = max(1, len(stories))
    metrics = {
        "rougeL_f": sum(s[2] for s in ours) / count,
        "rougeL_p": sum(s[0] for s in ours) / count,
        "rougeL_r": sum(s[1] for s in ours) / count,
        "lead_rougeL_f": sum(s[2] for s in baseline) / count,
        "empty_roundups": float(sum(1 for s in ours if s == (0.0, 0.0, 0.0))),
    }
    return Scores(len(stories), metrics, "rougeL_f")


TASK = register(
    EvalTask(
        name="roundup",
        dataset="neus_allsides",
        primary="rougeL_f",
        anchor="none published for extractive roundups (NeuS scores framing bias); lead baseline beside it",
        splits=("dev", "test"),
        run=run,
    )
)
