"""A light pipeline for the store tests: the real stages, with the models swapped for deterministic fakes.

``CountingNlp`` is the fake nlp stage declared article-scoped (as the real one is) and run article by
article, so its token indexes are per article as spaCy's are; it records which articles it analysed,
so tests can assert what a run recomputed. ``rashomon.testing.HashedEncoder`` stands in for MiniLM.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import ClassVar

from rashomon.align.stage import AlignStage
from rashomon.api import default_stages as real_default_stages  # tests may patch rashomon.api's
from rashomon.config import Config
from rashomon.model import EntityMention, Sentence, Token
from rashomon.pipeline import Advance, Batch, Stage
from rashomon.pipeline.stage import Scope
from rashomon.relate.stage import RelateStage
from rashomon.testing import FakeNlpStage, HashedEncoder


class CountingNlp(FakeNlpStage):
    scope: ClassVar[Scope] = "article"
    analysed: ClassVar[list[str]] = []

    def run(self, batch: Batch, advance: Advance = lambda n: None) -> Batch:
        sentences: list[Sentence] = []
        tokens: list[Token] = []
        mentions: list[EntityMention] = []
        for article in batch.articles:
            one = super().run(replace(batch, articles=(article,)), advance)
            sentences.extend(one.sentences)
            tokens.extend(one.tokens)
            mentions.extend(one.mentions)
            CountingNlp.analysed.append(article.id)
        return replace(batch, sentences=tuple(sentences), tokens=tuple(tokens), mentions=tuple(mentions))


class LightAlign(AlignStage):
    def __init__(self, config: Config) -> None:
        super().__init__(config, encoder=HashedEncoder())


class LightRelate(RelateStage):
    def __init__(self, config: Config) -> None:
        super().__init__(config, encoder=HashedEncoder())


def light_stages(config: Config | None = None) -> list[Stage]:
    from rashomon.claims.attribution.stage import AttributionStage
    from rashomon.claims.embed import EmbedStage
    from rashomon.framing.propaganda.fake import FakePropagandaDetector
    from rashomon.framing.techniques import TechniquesStage
    from rashomon.testing import FakeAttributionTagger

    config = config or Config()
    swap: dict[str, Stage] = {
        "nlp": CountingNlp(config),
        "attribution": AttributionStage(config, tagger=FakeAttributionTagger()),
        "techniques": TechniquesStage(config, detector=FakePropagandaDetector()),
        "embed": EmbedStage(config, encoder=HashedEncoder()),
        "align": LightAlign(config),
        "relate": LightRelate(config),
    }
    return [swap.get(stage.name, stage) for stage in real_default_stages(config)]


# Invented articles about one invented story (a harbour closed by a storm), and one about something else.
HARBOUR = {
    "port-times.txt": (
        "Storm Closes Harbour for Three Days\n\nBy Ana Ruiz\n\n"
        "The storm closed Westhaven harbour on Monday, port officials said.\n"
        "Fishing boats stayed at their moorings for three days, harbour master Tom Ellis said.\n"
        "The closure cost local traders about 2 million euros, the chamber of commerce said.\n"
    ),
    "coast-news.txt": (
        "Westhaven Harbour Shut as Storm Hits Coast\n\n"
        "Westhaven harbour was closed on Monday because of the storm, port officials said.\n"
        "Tom Ellis said the boats would return once the wind dropped.\n"
        "Traders lost 5 million euros during the closure, the chamber of commerce claims.\n"
    ),
    "daily-wave.txt": (
        "Harbour Reopens After Storm\n\n"
        "Westhaven harbour reopened on Thursday after the storm, Tom Ellis told reporters.\n"
        "The storm closed the harbour on Monday, port officials said.\n"
    ),
}
LATE = (
    "Harbour Traders Count the Cost\n\n"
    "Traders in Westhaven lost about 2 million euros while the harbour was closed, "
    "the chamber of commerce said.\n"
    "Tom Ellis said the harbour would get a new storm wall next year.\n"
)
ELSEWHERE = (
    "Library Opens New Reading Room\n\n"
    "The city library opened a new reading room on Saturday, librarian Maya Chen said.\n"
    "Visitors can borrow games as well as books, Maya Chen said.\n"
)


def write_corpus(folder: Path, articles: dict[str, str] = HARBOUR) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in articles.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder
