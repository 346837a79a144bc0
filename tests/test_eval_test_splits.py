"""``rashomon eval TASK --split test`` on the withheld files' documented layout.

The graders put each dataset's withheld files under ``<dataset>/HIDDEN/`` exactly as the dataset's README
(``../shared/benchmarks/<dataset>/README.md``) names them, in the formats of the shipped dev files. Each test
here builds that layout in ``tmp_path`` with invented text (one to three items, never benchmark text), runs
the command through the CLI as the graders do, and checks the contract's last stdout line. ``extraction``
and ``timex`` are covered by ``test_eval_extraction.py`` and ``test_timex_eval.py``; ``extraction-segments``
and ``provenance`` have no test split.
"""

from __future__ import annotations

import csv
import json
import math
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from rashomon.cli import cli

pytestmark = pytest.mark.integration

CONTRACT_KEYS = {"task", "split", "n", "metrics", "primary", "score", "seconds"}


@pytest.fixture(autouse=True)
def _private_caches(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Keep the evaluations' on-disk caches out of shared places (and shared caches out of the result)."""
    for name in ("RASHOMON_ALIGN_CACHE", "RASHOMON_STANCE_CACHE", "RASHOMON_BASIL_CACHE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("RASHOMON_PTC_CACHE", str(tmp_path / "ptc-cache"))
    monkeypatch.setenv("RASHOMON_POLNEAR_CACHE", str(tmp_path / "polnear-cache"))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")


def eval_test_split(task: str, data: Path) -> dict[str, Any]:
    """Run ``rashomon eval TASK --data DATA --split test``; return its last stdout line, checked."""
    result = CliRunner().invoke(cli, ["eval", task, "--data", str(data), "--split", "test"])
    assert result.exit_code == 0, f"{task}: exit {result.exit_code}\n{result.stderr}\n{result.exception!r}"
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    assert lines, f"{task}: nothing on stdout"
    line: dict[str, Any] = json.loads(lines[-1])
    assert set(line) >= CONTRACT_KEYS
    assert line["task"] == task and line["split"] == "test"
    assert isinstance(line["n"], int) and line["n"] >= 1
    metrics = line["metrics"]
    assert isinstance(metrics, dict) and line["primary"] in metrics
    for name, value in metrics.items():
        assert isinstance(value, int | float) and not isinstance(value, bool), name
        assert math.isfinite(value), name
    assert line["score"] == metrics[line["primary"]]
    assert isinstance(line["seconds"], int | float) and line["seconds"] >= 0
    return line


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def write_csv(path: Path, header: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)


def jsonl(path: Path, rows: Sequence[dict[str, Any]]) -> None:
    write(path, "".join(json.dumps(row) + "\n" for row in rows))


# --- stance-fnc1, stance-emergent -------------------------------------------------------------------------

BRIDGE = (
    "The council of Eastbrook said on Monday that the old river bridge will close for repairs in March. "
    "Engineers found cracks in two of its piers."
)


def test_stance_fnc1_test_split(tmp_path: Path) -> None:
    # fnc1/README.md: HIDDEN/competition_test_bodies.csv + HIDDEN/competition_test_stances.csv (labelled),
    # with the columns of train_bodies.csv / train_stances.csv.
    root = tmp_path / "fnc1"
    for prefix, folder in (("train", root), ("competition_test", root / "HIDDEN")):
        write_csv(folder / f"{prefix}_bodies.csv", ["Body ID", "articleBody"], [[7, BRIDGE]])
        write_csv(
            folder / f"{prefix}_stances.csv",
            ["Headline", "Body ID", "Stance"],
            [
                ["Eastbrook bridge to close for repairs", 7, "agree"],
                ["Rare blue lobster caught off the harbour", 7, "unrelated"],
            ],
        )
    write(root / "splits" / "train_holdout_body_ids.txt", "7\n")
    line = eval_test_split("stance-fnc1", root)
    assert line["n"] == 2 and line["primary"] == "fnc_score"


def test_stance_emergent_test_split(tmp_path: Path) -> None:
    # emergent/README.md: HIDDEN/emergent_test_HIDDEN.csv (+ HIDDEN/test_articleIds.txt), the columns of
    # emergent_train_DEV.csv.
    root = tmp_path / "emergent"
    header = ["id", "claimHeadline", "articleHeadline", "articleHeadlineStance", "articleId", "claimId"]
    claim = "A town banned fireworks"
    rows = [
        [0, claim, "Council says fireworks ban story is a hoax", "against", "a-1", "c-1"],
        [1, claim, "Town bans fireworks for good", "for", "a-2", "c-1"],
        [2, claim, "Reports claim a town banned fireworks", "observing", "a-3", "c-1"],
    ]
    write_csv(root / "emergent_train_DEV.csv", header, rows)
    write_csv(root / "HIDDEN" / "emergent_test_HIDDEN.csv", header, rows)
    write(root / "HIDDEN" / "test_articleIds.txt", "a-1\na-2\na-3\n")
    line = eval_test_split("stance-emergent", root)
    assert line["n"] == 3 and line["primary"] == "accuracy"


# --- ECB+: alignment-ecb, stories-ecb, stories-stream-ecb -------------------------------------------------

EcbEvent = tuple[int, int, int, str | None]  # (m_id, sentence, token, cross-document instance or None)
ECB_DOCUMENTS: dict[str, tuple[list[str], list[EcbEvent]]] = {
    # name: (sentences, event mentions as (m_id, sentence, token, cross-document instance or None))
    "36_1ecb": (["A storm hit Springfield on Monday .", "Roofs were torn off ."], [(1, 0, 2, "ACT36a")]),
    "36_2ecb": (["The storm struck Springfield overnight ."], [(1, 0, 2, "ACT36a")]),
    "36_1ecbplus": (["An earthquake shook Shelbyville .", "Nobody was hurt ."], [(1, 0, 2, None)]),
    "37_1ecb": (["Acme hired Jane Roe as its new chief ."], [(1, 0, 1, "ACT37a")]),
    "37_1ecbplus": (["Globex fired John Doe on Friday ."], [(1, 0, 1, None)]),
}


def ecb_xml(name: str, sentences: Sequence[str], events: Sequence[EcbEvent]) -> str:
    """One document in ECB+'s XML: tokens, ACTION markables (with instances) and CROSS_DOC_COREF."""
    tokens: list[str] = []
    t_ids: dict[tuple[int, int], int] = {}
    for sentence, text in enumerate(sentences):
        for number, word in enumerate(text.split()):
            t_ids[sentence, number] = len(t_ids) + 1
            tokens.append(
                f'<token t_id="{len(t_ids)}" sentence="{sentence}" number="{number}">{word}</token>'
            )
    markables, relations = [], []
    for m_id, sentence, number, instance in events:
        anchor = t_ids[sentence, number]
        markables.append(
            f'<ACTION_OCCURRENCE m_id="{m_id}"><token_anchor t_id="{anchor}"/></ACTION_OCCURRENCE>'
        )
        if instance:
            target = 100 + m_id
            markables.append(
                f'<ACTION_OCCURRENCE m_id="{target}" RELATED_TO="" TAG_DESCRIPTOR="t" '
                f'instance_id="{instance}"/>'
            )
            relations.append(
                f'<CROSS_DOC_COREF r_id="{m_id}" note="{instance}"><source m_id="{m_id}"/>'
                f'<target m_id="{target}"/></CROSS_DOC_COREF>'
            )
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<Document doc_name="{name}.xml" doc_id="D{name}">\n'
        + "\n".join(tokens)
        + "\n<Markables>\n"
        + "\n".join(markables)
        + "\n</Markables>\n<Relations>\n"
        + "\n".join(relations)
        + "\n</Relations>\n</Document>\n"
    )


@pytest.fixture
def ecbplus(tmp_path: Path) -> Path:
    # ecbplus/README.md: HIDDEN/xml_test/ (topics 36-45, as xml_dev/<topic>/<topic>_<n>ecb[plus].xml),
    # HIDDEN/ecbplus_docs_test.jsonl; ECBplus_coreference_sentences.csv (all topics) stays at the top.
    root = tmp_path / "ecbplus"
    validated = []
    export = []
    for name, (sentences, events) in ECB_DOCUMENTS.items():
        topic, document = name.split("_", 1)
        write(root / "HIDDEN" / "xml_test" / topic / f"{name}.xml", ecb_xml(name, sentences, events))
        validated += [[topic, document, number] for number in range(len(sentences))]
        subtopic = f"{topic}_{'ecbplus' if name.endswith('plus') else 'ecb'}"
        export.append(
            {
                "doc": f"{name}.xml",
                "topic": int(topic),
                "subtopic": subtopic,
                "standard_split": "test",
                "sentences": sentences,
            }
        )
    write_csv(root / "ECBplus_coreference_sentences.csv", ["Topic", "File", "Sentence Number"], validated)
    jsonl(root / "HIDDEN" / "ecbplus_docs_test.jsonl", export)
    return root


@pytest.mark.slow
def test_alignment_ecb_test_split(ecbplus: Path) -> None:
    line = eval_test_split("alignment-ecb", ecbplus)
    assert line["n"] == 5 and line["primary"] == "conll_f1"
    assert {"muc_f1", "b3_f1", "ceafe_f1"} <= set(line["metrics"])


def test_stories_ecb_test_split(ecbplus: Path) -> None:
    line = eval_test_split("stories-ecb", ecbplus)
    assert line["n"] == 5 and {"topic_b3_f1", "subtopic_b3_f1"} <= set(line["metrics"])


def test_stories_stream_ecb_test_split(ecbplus: Path) -> None:
    line = eval_test_split("stories-stream-ecb", ecbplus)
    assert line["n"] == 5 and line["primary"] == "subtopic_b3_f1"


def test_ecb_test_documents_are_found_in_topic_folders_or_flat(ecbplus: Path, tmp_path: Path) -> None:
    from rashomon.align.ecbplus import read_topics

    nested, nested_events = read_topics(ecbplus, "test")
    flat = tmp_path / "flat"
    write(
        flat / "ECBplus_coreference_sentences.csv",
        (ecbplus / "ECBplus_coreference_sentences.csv").read_text(encoding="utf-8"),
    )
    for path in (ecbplus / "HIDDEN" / "xml_test").rglob("*.xml"):
        write(flat / "HIDDEN" / "xml_test" / path.name, path.read_text(encoding="utf-8"))
    documents, events = read_topics(flat, "test")
    assert [d.name for d in documents] == [d.name for d in nested]
    assert sorted(d.name for d in documents) == sorted(ECB_DOCUMENTS)
    assert [e.cluster for e in events] == [e.cluster for e in nested_events]


def test_ecb_test_split_without_documents_is_a_data_error(tmp_path: Path) -> None:
    from rashomon.align.ecbplus import read_topics
    from rashomon.errors import DataError

    write(tmp_path / "ECBplus_coreference_sentences.csv", "Topic,File,Sentence Number\n")
    (tmp_path / "HIDDEN" / "xml_test" / "36").mkdir(parents=True)
    with pytest.raises(DataError, match="no ECB"):
        read_topics(tmp_path, "test")


# --- neus_allsides: stories-allsides, roundup -------------------------------------------------------------

STORIES: list[dict[str, Any]] = [
    {
        "id": "story-1",
        "title": "Harbour bridge closes",
        "date": "2021-10-01",
        "lean": "The Eastbrook harbour bridge closes in March for repairs, the council said.",
        "sides": {
            "left": (
                "Eastbrook bridge shut for repairs",
                "The council will close the harbour bridge in March.",
            ),
            "center": (
                "Council to close harbour bridge",
                "Repairs to the Eastbrook harbour bridge start in March.",
            ),
            "right": (
                "Bridge closure angers drivers",
                "Drivers face detours when the harbour bridge closes.",
            ),
        },
    },
    {
        "id": "story-2",
        "title": "Rail strike called off",
        "date": "2021-10-03",
        "lean": "Rail workers in Westmoor called off their strike after a pay deal.",
        "sides": {
            "left": (
                "Westmoor rail workers win pay deal",
                "Union members accepted a raise and ended the strike.",
            ),
            "center": ("Rail strike ends in Westmoor", "Trains run again after a pay deal was reached."),
            "right": (
                "Rail strike over after costly week",
                "Commuters lost a week before the deal was signed.",
            ),
        },
    },
]


def test_stories_allsides_test_split(tmp_path: Path) -> None:
    # neus_allsides/README.md: HIDDEN/allsides_stories_HIDDEN_overlaps_test.jsonl, fields as
    # raw_crawled/allsides_stories_dev.jsonl (news{left,center,right}{newsTitle, newBody[], ...}).
    root = tmp_path / "neus_allsides"
    rows = []
    for story in STORIES:
        news = {
            side: {
                "newsSource": f"{side.title()} Daily",
                "newsTitle": title,
                "newsLink": f"https://example.org/{story['id']}/{side}",
                "newBody": [body],
                "stance": side,
                "stance_specific": side,
                "topicID": 1,
            }
            for side, (title, body) in story["sides"].items()
        }
        rows.append(
            {
                "id": story["id"],
                "issue": story["title"],
                "topic": "Local",
                "link": f"https://example.org/{story['id']}",
                "date": story["date"],
                "roundup": [story["lean"]],
                "news": news,
            }
        )
    jsonl(root / "HIDDEN" / "allsides_stories_HIDDEN_overlaps_test.jsonl", rows)
    line = eval_test_split("stories-allsides", root)
    assert line["n"] == 6 and line["metrics"]["gold_stories"] == 2.0


@pytest.mark.slow
def test_roundup_test_split(tmp_path: Path) -> None:
    # neus_allsides/README.md: HIDDEN/test.source, HIDDEN/test.target: one story per line, the three
    # articles joined by " [SEP] " as "TITLE=> ... ARTICLE=> ...", a trailing empty line.
    root = tmp_path / "neus_allsides"
    story = STORIES[0]
    source = " [SEP] ".join(f"TITLE=> {title} ARTICLE=> {body}" for title, body in story["sides"].values())
    write(root / "HIDDEN" / "test.source", source + "\n")
    write(root / "HIDDEN" / "test.target", f"TITLE=> {story['title']} ARTICLE=> {story['lean']}\n")
    line = eval_test_split("roundup", root)
    assert line["n"] == 1 and line["primary"] == "rougeL_f"


# --- polnear: attribution ---------------------------------------------------------------------------------


def test_attribution_test_split(tmp_path: Path) -> None:
    # polnear/README.md: HIDDEN/test/ as train/ and dev/ (text/<name>.txt, attributions/<name>_<annotator>.ann
    # in brat standoff), plus HIDDEN/test/metadata_test.tsv.
    test = tmp_path / "polnear" / "HIDDEN" / "test"
    text = 'The mayor said the bridge would reopen in May. "It is safe," she told reporters.\n'
    write(test / "text" / "eastbrook_2016-12-01_bridge_0001.txt", text)
    write(
        test / "attributions" / "eastbrook_2016-12-01_bridge_0001_abcd.ann",
        "T1\tSource 0 9\tThe mayor\nT2\tCue 10 14\tsaid\nT3\tContent 15 45\tthe bridge would reopen in May\n"
        "T4\tAttribution 10 14\tsaid\nE1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
        'T5\tSource 61 64\tshe\nT6\tCue 65 69\ttold\nT7\tContent 47 60\t"It is safe,"\n'
        "T8\tAttribution 65 69\ttold\nE2\tAttribution:T8 Cue:T6 Source:T5 Content:T7\n",
    )
    write(
        test / "metadata_test.tsv",
        "compartment\tfilename\tpublisher\tpublication_date\ntest\teastbrook_2016-12-01_bridge_0001\t"
        "eastbrook\t2016-12-01\n",
    )
    line = eval_test_split("attribution", tmp_path / "polnear")
    assert line["n"] == 1 and {"source_f1_exact", "cue_f1_exact", "content_f1_exact"} <= set(line["metrics"])


# --- propaganda_ptc: propaganda ---------------------------------------------------------------------------


def test_propaganda_test_split(tmp_path: Path) -> None:
    # propaganda_ptc/README.md: HIDDEN/dev-articles/article<ID>.txt, HIDDEN/dev-labels/dev-task-SI.labels
    # (id, start, end) and dev-task-TC.labels (id, technique, start, end), tab-separated.
    hidden = tmp_path / "propaganda_ptc" / "HIDDEN"
    text = (
        "Traitors sell out the harbour\n\n"
        "The corrupt elite wants to destroy our proud harbour.\n"
        "The council will vote on the plan next week.\n"
    )
    write(hidden / "dev-articles" / "article900000001.txt", text)
    start = text.index("corrupt")
    write(hidden / "dev-labels" / "dev-task-SI.labels", f"900000001\t{start}\t{start + 7}\n")
    write(
        hidden / "dev-labels" / "dev-task-TC.labels",
        f"900000001\tLoaded_Language\t{start}\t{start + 7}\n",
    )
    line = eval_test_split("propaganda", tmp_path / "propaganda_ptc")
    assert line["n"] == 1 and line["primary"] == "si_f1"


# --- basil: bias-basil ------------------------------------------------------------------------------------


def test_bias_basil_test_split(tmp_path: Path) -> None:
    # basil/README.md: the 20 triplets moved to HIDDEN/articles/ and HIDDEN/annotations/, in the layout
    # of articles/<year>/<triplet-uuid>_<n>.json and annotations/<year>/<triplet-uuid>_<n>_ann.json.
    hidden = tmp_path / "basil" / "HIDDEN"
    triplet = "00000000-1111-2222-3333-444444444444"
    sentences = [
        "Officials met on Monday to discuss the harbour bridge.",
        "Critics recalled the mayor's old scandal while the bridge was debated.",
        "The mayor slammed the repair plan.",
    ]
    for n, source in enumerate(("fox", "nyt", "HPO"), 1):
        article = {
            "title": "The harbour bridge",
            "date": "2020-05-02",
            "source": source,
            "url": f"https://example.org/{n}",
            "main-event": "bridge repairs",
            "main-entities": ["mayor"],
            "triplet-uuid": triplet,
            "uuid": f"{triplet[:-1]}{n}",
            "keywords": ["bridge"],
            "word-count": 30,
            "body-paragraphs": [sentences[:2], sentences[2:]],
        }
        annotation = {
            "article-level-annotations": {"relative_stance": "center"},
            "phrase-level-annotations": [
                {"id": "p1", "bias": "inf", "start": 0, "end": 7, "txt": "Critics"},
                {"id": "p2", "bias": "lex", "start": 10, "end": 17, "txt": "slammed"},
                {"id": "title", "bias": "lex", "start": 0, "end": 3, "txt": "The"},
            ],
        }
        write(hidden / "articles" / "2020" / f"{triplet}_{n}.json", json.dumps(article))
        write(hidden / "annotations" / "2020" / f"{triplet}_{n}_ann.json", json.dumps(annotation))
    line = eval_test_split("bias-basil", tmp_path / "basil")
    assert line["n"] == 9 and line["primary"] == "inf_sentence_f1"


# --- newswcl50: wordchoice --------------------------------------------------------------------------------


def test_wordchoice_test_split(tmp_path: Path) -> None:
    # newswcl50/README.md: HIDDEN/newswcl50_docs_hidden.jsonl, HIDDEN/Annotations_hidden.csv and the
    # HIDDEN/*_hidden* counterparts of cdcr_NewsWCL50_dev.conll (events 7-9).
    hidden = tmp_path / "newswcl50" / "HIDDEN"
    rows = [
        ("The", "(7_Migrant_caravan_GROUP"),
        ("caravan", "7_Migrant_caravan_GROUP)"),
        ("reached", "-"),
        ("Tijuana", "(7_MEX_COUNTRY)"),
        (".", "-"),
        ("\\n", "-"),
        ("Migrants", "(7_Migrant_caravan_GROUP)"),
        ("waited", "-"),
        ("at", "-"),
        ("the", "(7_Border_OBJECT"),
        ("border", "7_Border_OBJECT)"),
        (".", "-"),
    ]
    text = "The caravan reached Tijuana .\nMigrants waited at the border ."
    jsonl(
        hidden / "newswcl50_docs_hidden.jsonl",
        [
            {
                "doc_key": "7/-/7_L",
                "event_id": 7,
                "outlet_code": "L",
                "outlet_lean": "left",
                "url": "https://example.org/7",
                "text_tokenized": text,
            }
        ],
    )
    lines = ["#begin document 7/-/7_L; part 000"]
    lines += [f"7/-/7_L\t0\t{i}\t{token}\t{tag}\t" for i, (token, tag) in enumerate(rows)]
    write(hidden / "cdcr_NewsWCL50_hidden.conll", "\n".join([*lines, "#end document", ""]))
    write(hidden / "Annotations_hidden.csv", "id,code_type,code_name\n")
    line = eval_test_split("wordchoice", tmp_path / "newswcl50")
    assert line["n"] == 4 and line["primary"] == "f1"


# --- semeval2015_task4_timeline: timeline -----------------------------------------------------------------


def cat_document(doc_id: str, sentences: Sequence[str], dct: str) -> str:
    def tokens() -> Iterator[str]:
        t_id = 1
        for number, sentence in enumerate(sentences):
            for word in sentence.split():
                yield f'<token number="{t_id - 1}" sentence="{number}" t_id="{t_id}">{word}</token>'
                t_id += 1

    timex = f'<TIMEX3 functionInDocument="CREATION_TIME" m_id="99" type="DATE" value="{dct}"/>'
    return (
        f'<?xml version="1.0" ?><Document doc_id="{doc_id}" doc_name="{doc_id}-Zorblax">\n'
        + "\n".join(tokens())
        + f"\n<Markables>{timex}</Markables><Relations/></Document>\n"
    )


def test_timeline_test_split(tmp_path: Path) -> None:
    # semeval2015_task4_timeline/README.md: HIDDEN/SemEval_Task4_data/corpus_{1,2,3}/ with the Track A
    # raw text (corpus_trackA_CAT), list_target_entities_corpus_N.txt and TimeLines_Gold_Standard/.
    corpus = tmp_path / "semeval2015_task4_timeline" / "HIDDEN" / "SemEval_Task4_data" / "corpus_1"
    sentences = [
        "Zorblax unveils Quibble jet",
        "June 8 , 2010",
        "Yesterday , Zorblax chief Mara Lind unveiled the Quibble jet .",
        "The Quibble jet will fly on June 24 .",
    ]
    write(
        corpus / "corpus_trackA_CAT" / "100-Zorblax_unveils.xml", cat_document("100", sentences, "2010-06-08")
    )
    write(corpus / "list_target_entities_corpus_1.txt", "Quibble jet\n")
    write(
        corpus / "TimeLines_Gold_Standard" / "quibble_jet.txt",
        "Quibble jet\n0\t2010-06-07\t100-2-unveiled\n1\t2010-06-24\t100-3-fly\n",
    )
    line = eval_test_split("timeline", tmp_path / "semeval2015_task4_timeline")
    assert line["n"] == 1 and line["primary"] == "f1"


def test_timeline_gold_may_sit_beside_the_corpora(tmp_path: Path) -> None:
    from rashomon.evaluation.timeline import load_corpora

    root = tmp_path / "HIDDEN" / "SemEval_Task4_data"
    sentences = ["Zorblax unveils Quibble jet", "June 8 , 2010"]
    for n in (1, 2):
        write(
            root / f"corpus_{n}" / "corpus_trackA_CAT" / f"{n}0-a.xml",
            cat_document(f"{n}0", sentences, "2010-06-08"),
        )
        write(
            root / "TimeLines_Gold_Standard" / f"corpus_{n}" / "jet.txt",
            f"Jet {n}\n0\t2010-06-08\t{n}0-0-unveils\n",
        )
    corpora = load_corpora(tmp_path, "test")
    assert [[t.entity for t in gold] for _, gold in corpora] == [["Jet 1"], ["Jet 2"]]
