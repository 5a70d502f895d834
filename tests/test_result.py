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
            Fact(concept="expenditure.basic", measure="share", value=Decimal("86.8"), unit="%", decimals=1,
                 evidence=ev),
        ],
        provenance=Provenance(backend="rules", extractor_version="0", source=SourceInfo(format="txt", sha256="0",
                                                                                      size_bytes=1)),
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
