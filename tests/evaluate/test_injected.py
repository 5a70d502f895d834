"""The guardrail audit: each injected error is classified by what the final result holds."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from extractor.evaluate.injected import audit, classify, load_injections, markdown
from extractor.result import Evidence, Fact, Finding, FindingFact, Project, Provenance, Result, SourceInfo

TEXT = "本年支出合计405.35万元，其中基本支出318.20万元。"
KEY = {"concept": "expenditure.basic", "measure": "actual", "period": "current", "scope": "all", "label": None}


def _result(*facts: Fact, findings: tuple[Finding, ...] = (), projects: tuple[Project, ...] = ()) -> Result:
    return Result(
        document="a.txt",
        facts=list(facts),
        findings=list(findings),
        projects=list(projects),
        provenance=Provenance(
            backend="llm", extractor_version="0", source=SourceInfo(format="txt", sha256="", size_bytes=0)
        ),
    )


def _fact(value: str, alignment: str = "exact") -> Fact:
    s = TEXT.index("318.20")
    return Fact(
        concept="expenditure.basic",
        value=Decimal(value),
        decimals=2,
        evidence=Evidence(quote=TEXT[s : s + 6], start=s, end=s + 6, alignment=alignment),
    )  # type: ignore[arg-type]


def _rec(error: str, gold: str | None = "318.2", wrong: str | None = "3182", **kw: object) -> dict[str, object]:
    return {
        "event": "injected",
        "id": f"x#{error}",
        "document": "a.txt",
        "kind": "fact",
        "error": error,
        "key": KEY,
        "field": "value",
        "gold": gold,
        "wrong": wrong,
        "span": [20, 30],
        **kw,
    }


def _finding(value: str) -> Finding:
    return Finding(
        id="f1",
        kind="sum",
        rule="r",
        severity="material",
        message="m",
        facts=[
            FindingFact(
                concept="expenditure.basic", measure="actual", period="current", scope="all", value=Decimal(value)
            )
        ],
    )


def test_a_wrong_value_is_dropped_flagged_or_reached() -> None:
    rec = _rec("transposed_digit", wrong="381.2")
    assert classify(rec, _result(_fact("318.20")), set()) == "dropped"
    assert classify(rec, _result(_fact("381.20")), set()) == "reached"
    assert classify(rec, _result(_fact("381.20"), findings=(_finding("381.2"),)), set()) == "flagged"
    rounding = _finding("381.2").model_copy(update={"severity": "rounding"})
    assert classify(rec, _result(_fact("381.20"), findings=(rounding,)), set()) == "reached"


def test_feedback_corrects_only_when_it_was_asked_and_the_gold_value_is_there() -> None:
    rec = _rec("neighbour_value", wrong="405.35")
    assert classify(rec, _result(_fact("318.20")), {"x#neighbour_value"}) == "corrected"
    assert classify(rec, _result(), {"x#neighbour_value"}) == "dropped"


def test_paraphrase_reaches_only_through_a_loose_alignment_over_its_own_text() -> None:
    rec = _rec("paraphrased_quote", wrong=None)
    assert classify(rec, _result(_fact("318.20", "exact")), set()) == "dropped"
    assert classify(rec, _result(_fact("318.20", "fuzzy")), set()) == "reached"
    elsewhere = {**rec, "span": [0, 5]}
    assert classify(elsewhere, _result(_fact("318.20", "fuzzy")), set()) == "dropped"


def test_missed_and_malformed_items_are_missing_or_recovered() -> None:
    assert classify(_rec("missed_item", wrong=None), _result(), set()) == "missing"
    assert classify(_rec("missed_item", wrong=None), _result(_fact("318.20")), set()) == "recovered"
    assert classify(_rec("malformed_item", wrong=None), _result(), set()) == "dropped"


def test_project_cells_are_found_by_row_name_and_field() -> None:
    ev = Evidence(quote=TEXT, start=0, end=len(TEXT))
    row = Project(name="宣传经费", budget=Decimal(10), actual=Decimal(12), evidence=ev)
    rec = {
        "event": "injected",
        "id": "p",
        "document": "a.txt",
        "kind": "project",
        "error": "budget_as_actual",
        "key": {"name": "宣传经费"},
        "field": "actual",
        "gold": "9",
        "wrong": "12",
    }
    assert classify(rec, _result(projects=(row,)), set()) == "reached"


def test_audit_counts_each_injection_once_and_reads_the_log(tmp_path: Path) -> None:
    log = tmp_path / "log.jsonl"
    recs = [
        _rec("transposed_digit", wrong="381.2"),
        _rec("transposed_digit", wrong="381.2"),
        _rec("invented_number", wrong="77"),
        {**_rec("wrong_unit"), "document": "other.txt"},
    ]
    log.write_text("\n".join(json.dumps(r) for r in recs) + "\n", encoding="utf-8")
    section = audit(load_injections(log), {"a.txt": _result(_fact("381.20"))})
    assert section["injected"] == 2 and section["reached_unflagged"] == 1 and section["reached_share"] == 0.5
    assert section["by_error"]["invented_number"]["dropped"] == 1
    table = "\n".join(markdown(section))
    assert "| transposed_digit | 1 | 0 | 0 | 0 | 1 |" in table and "1 of 2 injected errors" in table
