"""The result model: JSON round trip, numbers on the wire, the committed schema is current."""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from pydantic import ValidationError

from extractor.result import Evidence, Fact, Provenance, Result, SourceInfo

ROOT = Path(__file__).resolve().parent.parent


def _result() -> Result:
    ev = Evidence(quote="基本支出311.20万元", start=10, end=23, page=2)
    return Result(
        document="x.txt",
        org_name="某某局",
        fiscal_year=2023,
        report_kind="department_final_accounts",
        facts=[
            Fact(concept="expenditure.basic", value=Decimal("311.20"), decimals=2, evidence=ev),
            Fact(
                concept="expenditure.basic", measure="share", value=Decimal("86.8"), unit="%", decimals=1, evidence=ev
            ),
        ],
        provenance=Provenance(
            backend="rules", extractor_version="0", source=SourceInfo(format="txt", sha256="0", size_bytes=1)
        ),
    )


def test_json_round_trip_keeps_values_and_evidence() -> None:
    r = _result()
    data = json.loads(r.to_json())
    assert data["schema"] == "cn-budget-report/1"
    assert data["facts"][0]["value"] == 311.2 and isinstance(data["facts"][0]["value"], float)
    back = Result.from_json(r.to_json())
    assert back.facts[0].value == Decimal("311.2")
    assert back.facts[0].evidence == r.facts[0].evidence
    assert back.facts[0].key == ("expenditure.basic", "actual", "current", "all", None)


def test_models_are_frozen_and_strict() -> None:
    r = _result()
    with pytest.raises(ValidationError):
        r.facts[0].value = Decimal(1)  # type: ignore[misc]
    with pytest.raises(ValidationError):
        Fact(concept="x", value=Decimal(1), evidence=r.facts[0].evidence, measure="bogus")  # type: ignore[arg-type]
    with pytest.raises(ValidationError):
        Fact(concept="x", value=Decimal(1), evidence=r.facts[0].evidence, surprise=1)  # type: ignore[call-arg]


def test_committed_json_schema_is_current() -> None:
    rc = subprocess.call([sys.executable, str(ROOT / "scripts" / "gen_schema.py"), "--check"])
    assert rc == 0, "schema is stale: run .venv/bin/python scripts/gen_schema.py"


def test_result_validates_against_committed_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((ROOT / "extractor" / "schema" / "cn-budget-report-1.schema.json").read_text())
    jsonschema.validate(json.loads(_result().to_json()), schema)
    bad = json.loads(_result().to_json())
    bad["facts"][0]["evidence"].pop("quote")
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema)


def test_one_address_type_for_every_figure() -> None:
    """Facts and gold facts are FactAddresses; finding facts, culprits and gold culprits are
    FigureRefs: no other model declares the parts of a figure's address."""
    import inspect

    from pydantic import BaseModel

    import extractor.evaluate.gold as gold
    import extractor.result as result
    from extractor.result import FactAddress, FigureRef

    models = [
        m
        for mod in (result, gold)
        for _, m in inspect.getmembers(mod, inspect.isclass)
        if issubclass(m, BaseModel) and m.__module__ == mod.__name__
    ]
    naming = {m.__name__ for m in models if "concept" in m.model_fields}
    assert naming == {"FactAddress", "Fact", "GoldFact", "FigureRef", "FindingFact", "Culprit", "GoldCulprit"}
    for m in models:
        if "concept" in m.model_fields and m not in (FactAddress, FigureRef):
            assert issubclass(m, FactAddress | FigureRef), m.__name__
            base = FactAddress if issubclass(m, FactAddress) else FigureRef
            own = {n for n in m.model_fields if n in base.model_fields and n in m.__annotations__}
            assert not own, f"{m.__name__} redeclares {own}"


def test_a_finding_names_a_fact_by_its_address() -> None:
    from extractor.evaluate.gold import GoldFact
    from extractor.result import Culprit, FindingFact, ref_fields

    r = _result()
    share = r.facts[1]
    ff = FindingFact(**ref_fields(share), value=share.value, evidence=share.evidence)
    assert (ff.concept, ff.measure, ff.period, ff.scope, ff.label) == share.key
    assert ff.project is None and ff.field is None
    culprit = Culprit(**ref_fields(ff), value=ff.value, suggested=Decimal("86.9"))
    assert ref_fields(culprit) == ref_fields(ff)
    labelled = GoldFact(concept="expenditure.function", label="一般公共服务支出（类）", value=Decimal(1))
    assert labelled.key[-1] == "一般公共服务支出（类）"
    assert labelled.match_key == ("expenditure.function", "actual", "current", "all", "一般公共服务支出")


def test_one_list_of_numeric_fields_per_row_model() -> None:
    """PROJECT_NUMBERS / INDICATOR_NUMBERS are the numeric fields of the row models, result and gold."""
    from pydantic import BaseModel

    from extractor.evaluate.gold import GoldIndicator, GoldProject
    from extractor.result import INDICATOR_NUMBERS, INDICATOR_STRINGS, PROJECT_NUMBERS, Indicator, Project

    def numeric(model: type[BaseModel]) -> set[str]:
        return {n for n, f in model.model_fields.items() if "Decimal" in str(f.annotation)}

    assert numeric(Project) == numeric(GoldProject) == set(PROJECT_NUMBERS)
    assert numeric(Indicator) == numeric(GoldIndicator) == set(INDICATOR_NUMBERS)
    strings = {
        n for n, f in GoldIndicator.model_fields.items() if n not in ("quote", "page") and "str" in str(f.annotation)
    }
    assert strings == set(INDICATOR_STRINGS)


def test_a_result_cannot_be_changed_in_place() -> None:
    """Frozen all the way down: no append, no item assignment, no dict mutation, anywhere."""
    import copy
    import pickle

    from extractor.result import Extraction, FrozenDict

    r = _result()
    r = r.model_copy(
        update={
            "provenance": r.provenance.model_copy(
                update={"counters": {"dropped_ungrounded": 1}, "disagreements": [{"fields": {"budget": [1, 2]}}]}
            )
        }
    )
    fact = r.facts[0]
    mutations = [
        lambda: r.facts.append(fact),  # type: ignore[attr-defined]
        lambda: r.facts.__setitem__(0, fact),  # type: ignore[operator]
        lambda: r.findings.extend([]),  # type: ignore[attr-defined]
        lambda: r.provenance.counters.__setitem__("dropped_ungrounded", 0),
        lambda: r.provenance.counters.update(x=1),
        lambda: r.provenance.timings.clear(),
        lambda: r.metadata_evidence.setdefault("org_name", fact.evidence),
        lambda: r.evaluation.cells.pop("score", None),
        lambda: r.provenance.disagreements[0]["fields"]["budget"].append(3),
        lambda: r.provenance.warnings.append("x"),  # type: ignore[attr-defined]
    ]
    for mutate in mutations:
        with pytest.raises((AttributeError, TypeError)):
            mutate()
    assert r.provenance.counters == {"dropped_ungrounded": 1}
    # model_copy validates its update: a list or a plain dict handed in comes out frozen
    copied = r.model_copy(update={"facts": [fact], "metadata_evidence": {"org_name": fact.evidence}})
    assert isinstance(copied.facts, tuple) and isinstance(copied.metadata_evidence, FrozenDict)
    # and the frozen containers still behave as values
    assert Result.from_json(r.to_json()) == r
    assert pickle.loads(pickle.dumps(r)) == r and copy.deepcopy(r) == r
    ex = Extraction(facts=[fact], counters={"n": 1})  # type: ignore[arg-type]
    assert isinstance(ex.facts, tuple)
    with pytest.raises(TypeError):
        ex.counters["n"] = 2  # type: ignore[index]
