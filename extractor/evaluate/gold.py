"""Gold files: load, validate and fingerprint hand-labelled ``cn-budget-report/1`` files.

A gold file has the shape of a result without evidence (see the spec), plus a few gold-only
fields: per-item ``quote`` (where the labeller read it; shown in reports, never scored),
``optional`` and ``alternatives`` on facts, ``notes``, and ``expected_findings`` whose
``culprit`` is free text such as ``"expenditure.project rate 173.8 (should be 173.2)"`` or an
object with the fields of :class:`~extractor.result.Culprit`.

Validation is strict because a typo in gold never shows up as an error later, only as a
fact nobody can ever match: unknown fields, unknown concepts, a scope on an unscoped concept,
a label on an unlabelled one, and two facts with the same key are all refused with
:class:`~extractor.errors.EvaluationError` naming the file and the item.

:func:`gold_digest` fingerprints the *scored* content of a gold set (quotes and notes
excluded, JSON canonicalised), so a baseline stays comparable when a labeller fixes a quote
or a note, and is refused when a scored number, key or row changes.
"""

from __future__ import annotations

import hashlib
import json
import re
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from extractor.concepts import BY_ID, MEASURES
from extractor.errors import EvaluationError
from extractor.result import INDICATOR_NUMBERS, PROJECT_NUMBERS, FactAddress, FactKey, FigureRef, ReportKind

__all__ = [
    "ExpectedFinding",
    "FactKey",
    "Gold",
    "GoldCulprit",
    "GoldEvaluation",
    "GoldFact",
    "GoldIndicator",
    "GoldProject",
    "gold_digest",
    "load_gold",
    "load_gold_dir",
    "parse_culprit",
]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class GoldFact(FactAddress):
    """A fact as gold states it, matched by its address's :attr:`~FactAddress.match_key`."""

    value: Decimal
    optional: bool = False
    alternatives: tuple[Decimal, ...] = ()
    quote: str | None = None
    page: int | None = None

    @model_validator(mode="after")
    def _known(self) -> GoldFact:
        concept = BY_ID.get(self.concept)
        if concept is None:
            raise ValueError(f"unknown concept {self.concept!r}")
        if self.scope != "all" and not concept.scoped:
            raise ValueError(f"{self.concept} takes no scope (got {self.scope!r})")
        if self.label is not None and not concept.labelled:
            raise ValueError(f"{self.concept} takes no label (got {self.label!r})")
        if concept.labelled and not self.label:
            raise ValueError(f"{self.concept} needs a label")
        return self


class GoldProject(_Frozen):
    name: str = Field(min_length=1)
    budget: Decimal | None = None
    actual: Decimal | None = None
    rate: Decimal | None = None
    fiscal_budget: Decimal | None = None
    fiscal_actual: Decimal | None = None
    score: Decimal | None = None
    quote: str | None = None
    page: int | None = None


class GoldIndicator(_Frozen):
    level1: str | None = None
    level2: str | None = None
    name: str = Field(min_length=1)
    weight: Decimal | None = None
    target: str | None = None
    actual: str | None = None
    score: Decimal | None = None
    note: str | None = None
    quote: str | None = None
    page: int | None = None


class GoldEvaluation(_Frozen):
    score: Decimal | None = None
    grade: str | None = None


class GoldCulprit(FigureRef):
    """The figure gold names as wrong. ``text`` keeps the free-text form it was parsed from."""

    value: Decimal | None = None
    text: str | None = None


_NUM = r"(?P<value>-?\d+(?:\.\d+)?)"
_CONCEPT_CULPRIT = re.compile(
    r"^(?P<concept>[a-z_]+(?:\.[a-z_]+)*)(?:\[(?P<label>[^\]]+)\])?(?:@(?P<scope>[a-z_]+))?"
    rf"(?:\s+(?P<measure>{'|'.join(MEASURES)}))?\s+{_NUM}(?!\d)"
)
_ROW_FIELDS = "|".join(dict.fromkeys((*PROJECT_NUMBERS, *INDICATOR_NUMBERS)))
_ROW_CULPRIT = re.compile(
    rf"^(?P<kind>project|indicator)(?::|\s+)(?P<name>.+?)\s+(?P<field>{_ROW_FIELDS})\s+{_NUM}(?!\d)"
)


def parse_culprit(text: str) -> GoldCulprit | None:
    """``"expenditure.function[其他支出] share 13.19 (…)"`` or ``"project:<name> budget 0 (…)"``
    (also ``"project <name> rate 90"``) → :class:`GoldCulprit`; ``None`` when the text names no figure in a
    form we can check."""
    s = text.strip()
    m = _CONCEPT_CULPRIT.match(s)
    if m and m["concept"] in BY_ID:
        return GoldCulprit(
            concept=m["concept"],
            measure=m["measure"] or "actual",
            scope=m["scope"],
            label=m["label"],
            value=Decimal(m["value"]),
            text=text,
        )
    m = _ROW_CULPRIT.match(s)
    if m:
        name = m["name"].rstrip("…").rstrip(".")
        if m["kind"] == "project":
            return GoldCulprit(project=name, field=m["field"], value=Decimal(m["value"]), text=text)
        return GoldCulprit(indicator=name, field=m["field"], value=Decimal(m["value"]), text=text)
    return None


class ExpectedFinding(_Frozen):
    kind: Literal["conflict", "sum", "ratio", "change", "bound", "completeness"]
    concepts: tuple[str, ...] = ()
    severity: Literal["rounding", "material"] = "material"
    optional: bool = False
    note: str | None = None
    culprit: str | GoldCulprit | None = None

    @property
    def culprit_ref(self) -> GoldCulprit | None:
        """The culprit in a checkable form, or ``None`` (none named, or free text we cannot parse)."""
        if self.culprit is None or isinstance(self.culprit, GoldCulprit):
            return self.culprit
        return parse_culprit(self.culprit)


class Gold(_Frozen):
    schema_: Literal["cn-budget-report/1"] = Field("cn-budget-report/1", alias="schema")
    document: str = Field(min_length=1)
    org_name: str | None = None
    fiscal_year: int | None = None
    report_kind: ReportKind = "other"
    facts: tuple[GoldFact, ...] = ()
    projects: tuple[GoldProject, ...] = ()
    indicators: tuple[GoldIndicator, ...] = ()
    evaluation: GoldEvaluation = Field(default_factory=GoldEvaluation)
    expected_findings: tuple[ExpectedFinding, ...] = ()
    notes: tuple[str, ...] = ()

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    @property
    def stem(self) -> str:
        return Path(self.document).stem

    @model_validator(mode="after")
    def _unique_keys(self) -> Gold:
        seen: dict[FactKey, list[int]] = {}
        for i, f in enumerate(self.facts):
            for j in seen.get(f.match_key, ()):
                other = self.facts[j]
                if f.code is None or other.code is None or f.code == other.code:
                    raise ValueError(
                        f"facts[{i}] repeats the key of facts[{j}]: {f.match_key}"
                        " (a repeated label needs a different classification code)"
                    )
            seen.setdefault(f.match_key, []).append(i)
        return self

    def scored_content(self) -> dict[str, Any]:
        """Everything the scorer reads, as canonical JSON data (no quotes, pages, codes, notes)."""
        drop_quote: dict[str, Any] = {"__all__": {"quote", "page", "code"}}
        data: dict[str, Any] = self.model_dump(
            mode="json",
            by_alias=True,
            exclude={
                "notes": True,
                "facts": drop_quote,
                "projects": drop_quote,
                "indicators": drop_quote,
                "expected_findings": {"__all__": {"note"}},
            },
        )
        for finding in data["expected_findings"]:  # revision 2's flag, left out while unset: digests stay
            if not finding["optional"]:
                del finding["optional"]
        return data


def _summarise(exc: ValidationError) -> str:
    return "; ".join(f"{'.'.join(map(str, e['loc'])) or '<file>'}: {e['msg']}" for e in exc.errors()[:8])


def load_gold(path: str | Path) -> Gold:
    """Read and validate one gold file; :class:`EvaluationError` says what is wrong where."""
    p = Path(path)
    try:
        data = json.loads(p.read_text(encoding="utf-8"), parse_float=Decimal)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise EvaluationError(f"cannot read gold file: {exc}", path=p) from exc
    try:
        gold = Gold.model_validate(data)
    except ValidationError as exc:
        raise EvaluationError(f"invalid gold file: {_summarise(exc)}", path=p) from exc
    if gold.stem != p.stem:
        raise EvaluationError(f"gold file is named {p.name} but labels document {gold.document!r}", path=p)
    return gold


def load_gold_dir(directory: str | Path) -> list[Gold]:
    """Every ``*.json`` gold file directly in ``directory``, sorted by name."""
    d = Path(directory)
    if not d.is_dir():
        raise EvaluationError("gold directory does not exist", path=d)
    files = sorted(d.glob("*.json"))
    if not files:
        raise EvaluationError("no gold files (*.json) in the gold directory", path=d)
    return [load_gold(f) for f in files]


def gold_digest(golds: list[Gold]) -> str:
    """sha256 over the sorted gold set's scored content, canonical JSON."""
    h = hashlib.sha256()
    for g in sorted(golds, key=lambda g: g.document):
        blob = json.dumps(g.scored_content(), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        h.update(g.document.encode())
        h.update(b"\0")
        h.update(blob.encode())
        h.update(b"\n")
    return h.hexdigest()
