"""``rashomon eval timeline`` on a small invented benchmark folder laid out as the SemEval release."""

from __future__ import annotations

from pathlib import Path

import pytest

from rashomon.errors import DataError
from rashomon.evaluation.registry import run_task
from rashomon.evaluation.timeline import load_corpora, read_cat

SENTENCES = [
    "Zorblax unveils Quibble phone",
    "June 8 , 2010",
    "Yesterday , Zorblax chief Mara Lind unveiled the Quibble phone .",
    "The Quibble phone will go on sale on June 24 .",
]


def _cat(doc_id: str) -> str:
    tokens = []
    t_id = 1
    for number, sentence in enumerate(SENTENCES):
        for word in sentence.split():
            tokens.append(f'<token number="{t_id - 1}" sentence="{number}" t_id="{t_id}">{word}</token>')
            t_id += 1
    dct = '<TIMEX3 functionInDocument="CREATION_TIME" m_id="9" type="DATE" value="2010-06-08"/>'
    return f'<Document doc_id="{doc_id}">' + "".join(tokens) + f"<Markables>{dct}</Markables></Document>"


@pytest.fixture
def benchmark(tmp_path: Path) -> Path:
    docs = tmp_path / "Corpus-trial-data_task4"
    gold = tmp_path / "TimeLines_trial_data_task4_v1.2"
    docs.mkdir()
    gold.mkdir()
    (docs / "100-Zorblax.xml").write_text(_cat("100"), encoding="utf-8")
    (gold / "quibble.txt").write_text(
        "Quibble phone\n0\t2010-06-07\t100-2-unveiled\n1\t2010-06-24\t100-3-go\n", encoding="utf-8"
    )
    return tmp_path


def test_read_cat_groups_tokens_by_sentence_and_finds_the_dct(benchmark: Path) -> None:
    document = read_cat(benchmark / "Corpus-trial-data_task4" / "100-Zorblax.xml")
    assert document.id == "100" and document.dct == "2010-06-08"
    assert document.sentences[2][-3:] == ("Quibble", "phone", ".")


def test_missing_folder_is_a_data_error(tmp_path: Path) -> None:
    with pytest.raises(DataError):
        load_corpora(tmp_path, "dev")
    with pytest.raises(DataError):
        load_corpora(tmp_path, "test")


def test_eval_timeline_prints_contract_metrics(benchmark: Path) -> None:
    pytest.importorskip("spacy")
    try:
        result = run_task("timeline", benchmark)
    except Exception as error:  # the spaCy model package is optional in CI
        if "spaCy" in str(error):
            pytest.skip(str(error))
        raise
    assert result.task == "timeline" and result.n == 1 and result.primary == "f1"
    assert set(result.metrics) >= {"f1", "precision", "recall"}
    assert result.score > 0  # "unveiled" anchored to yesterday (2010-06-07) is found
