"""Gold files: strict validation, culprit parsing, the digest, and the real gold set."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from extractor.concepts import normalise_name
from extractor.document import normalise
from extractor.errors import EvaluationError
from extractor.evaluate.gold import gold_digest, load_gold, load_gold_dir, parse_culprit
from extractor.evaluate.report import doc_metrics
from extractor.evaluate.score import score_document
from extractor.ingest import read
from tests.evaluate.synth import gold, gold_data, result_from_gold

ROOT = Path(__file__).resolve().parents[2]
GOLD_DIR = ROOT / "eval" / "gold"
SAMPLES = ROOT / "eval" / "samples"
GOLD_FILES = sorted(GOLD_DIR.glob("*.json"))


def write(tmp_path: Path, data: dict, name: str = "synthetic_report.json") -> Path:
    p = tmp_path / name
    p.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return p


def test_synthetic_gold_loads_with_exact_decimals(tmp_path: Path) -> None:
    g = load_gold(write(tmp_path, gold_data()))
    assert g.facts[0].value == Decimal("500.00") and str(g.facts[9].value) == "120.0"
    assert g.facts[10].alternatives == (Decimal(15),)


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d["facts"][0].update(concept="expenditure.totl"), "unknown concept"),
        (lambda d: d["facts"][7].update(scope="fiscal"), "takes no scope"),
        (lambda d: d["facts"][0].update(label="x"), "takes no label"),
        (lambda d: d["facts"][5].update(label=None), "needs a label"),
        (lambda d: d["facts"].append(dict(d["facts"][0], value=1)), "repeats the key"),
        (lambda d: d["facts"][0].update(measure="spent"), "measure"),
        (lambda d: d["facts"][0].update(valeu=1), "valeu"),
        (lambda d: d.update(report_kind="annual"), "report_kind"),
        (lambda d: d["expected_findings"][0].update(kind="typo"), "kind"),
    ],
)
def test_invalid_gold_is_refused_with_the_reason(tmp_path: Path, mutate, message: str) -> None:
    data = gold_data()
    mutate(data)
    with pytest.raises(EvaluationError, match=message) as info:
        load_gold(write(tmp_path, data))
    assert info.value.exit_code == 40 and info.value.path is not None


def test_labels_differing_only_in_markers_are_one_key(tmp_path: Path) -> None:
    data = gold_data()
    data["facts"].append(dict(data["facts"][5], label="一般公共服务支出（类）"))
    with pytest.raises(EvaluationError, match="repeats the key"):
        load_gold(write(tmp_path, data))


def test_file_name_must_match_the_document(tmp_path: Path) -> None:
    with pytest.raises(EvaluationError, match="labels document"):
        load_gold(write(tmp_path, gold_data(), "other.json"))


def test_empty_or_missing_gold_dir_is_an_evaluation_error(tmp_path: Path) -> None:
    with pytest.raises(EvaluationError, match="no gold files"):
        load_gold_dir(tmp_path)
    with pytest.raises(EvaluationError, match="does not exist"):
        load_gold_dir(tmp_path / "nope")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "expenditure.project rate 173.8 (should be 173.2)",
            {"concept": "expenditure.project", "measure": "rate", "value": Decimal("173.8")},
        ),
        ("expenditure.basic 358.52 in 二(一)1", {"concept": "expenditure.basic", "measure": "actual"}),
        (
            "expenditure.function[其他支出] share 13.19 (should be 13.20)",
            {"label": "其他支出", "measure": "share", "value": Decimal("13.19")},
        ),
        ("income.total@fiscal change_pct 20", {"scope": "fiscal", "measure": "change_pct", "value": Decimal(20)}),
        (
            "project:救助困难职工… budget 0 (the other cells say 150)",
            {"project": "救助困难职工", "field": "budget", "value": Decimal(0)},
        ),
        ("project 女职工体检 rate 90 (should be 70.4)", {"project": "女职工体检", "field": "rate"}),
    ],
)
def test_culprit_text_is_parsed(text: str, expected: dict) -> None:
    c = parse_culprit(text)
    assert c is not None
    assert {k: getattr(c, k) for k in expected} == expected


@pytest.mark.parametrize("text", ["金额合计 预算数 450.5", "not.a.concept 12", "project 某项目 15.875 or other"])
def test_unparseable_culprits_are_none(text: str) -> None:
    assert parse_culprit(text) is None


def test_normalise_name() -> None:
    assert normalise_name("一般公共服务支出（类）") == normalise_name(" 一般公共服务 支出") == "一般公共服务支出"
    assert normalise_name("“三公”经费") == "三公经费"
    assert normalise_name("95.9%") != normalise_name("959")
    assert normalise_name("ＡＢＣ１２") == "ABC12"


def test_digest_ignores_quotes_and_notes_but_not_values() -> None:
    base = gold_digest([gold()])
    data = gold_data()
    data["facts"][0]["quote"] = "changed"
    data["notes"] = ["other"]
    data["expected_findings"][0]["note"] = "reworded"
    assert gold_digest([gold(data)]) == base
    data["facts"][0]["value"] = 501
    assert gold_digest([gold(data)]) != base


# --------------------------------------------------------------------------- the real gold set


def test_there_is_real_gold() -> None:
    assert GOLD_FILES, "eval/gold/*.json"


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.stem)
def test_real_gold_validates_and_its_quotes_are_in_the_sample(path: Path) -> None:
    g = load_gold(path)
    doc = read(SAMPLES / g.document)
    items = [*g.facts, *g.projects, *g.indicators]
    missing = [it.quote for it in items if it.quote and normalise(it.quote)[0] not in doc.text]
    assert not missing, f"quotes not in {g.document}: {missing[:5]}"


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.stem)
def test_real_gold_against_itself_scores_one(path: Path) -> None:
    g = load_gold(path)
    doc = read(SAMPLES / g.document)
    s = score_document(g, result_from_gold(g, doc.text), text=doc.text)
    m = doc_metrics(s)
    assert m["facts"]["f1"] == 1.0
    assert m["facts"]["correct"] == len(g.facts)
    for table in ("projects", "indicators"):
        assert m[table]["rows"]["f1"] in (1.0, None) and m[table]["cells"]["accuracy"] in (1.0, None)
    assert m["metadata"]["accuracy"] == 1.0
    assert m["findings"]["recall"] in (1.0, None) and m["findings"]["culprit_accuracy"] in (1.0, None)
    assert m["findings"]["false_alarms"] == 0
    bad = [o for o in s.outcomes if not o.good]
    assert not bad, bad[:3]
