"""The result model of ``cn-budget-report/1`` (see ``shared/spec/result-format.md``).

Frozen pydantic v2 models with keyword-only construction. Values are ``Decimal`` in the
process (money in 万元, percents in percent) and JSON numbers on the wire. Every fact,
project and indicator carries :class:`Evidence`; the grounding stage guarantees
``document.text[start:end] == quote`` and that the number occurs in the quote.

``schema/cn-budget-report-1.schema.json`` is generated from :class:`Result` by
``python scripts/gen_schema.py`` and a test keeps it current.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from decimal import Decimal
from functools import cache
from types import MappingProxyType
from typing import Annotated, Any, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer

from extractor.concepts import Measure, Period, Scope, normalise_name
from extractor.frozen import Frozen, FrozenDict, freeze

SCHEMA_ID = "cn-budget-report/1"

Number = Annotated[
    Decimal,
    PlainSerializer(
        lambda d: int(d) if d == d.to_integral_value() and abs(d) < 2**53 else float(d),
        return_type=float,
        when_used="json",
    ),
]
"""A Decimal in Python, a JSON number on the wire."""

Alignment = Literal["exact", "normalised", "fuzzy", "table"]
ReportKind = Literal[
    "department_performance_self_evaluation",
    "department_final_accounts",
    "department_budget",
    "project_performance_self_evaluation",
    "other",
]


class _Frozen(BaseModel):
    """Frozen all the way down: fields are tuples and :class:`FrozenDict` s, and
    :meth:`model_copy` validates its update (pydantic's own does not, which would let a
    list or a plain dict into a frozen model)."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Self:
        if not update:
            return self  # frozen: the copy is the value itself
        data = {name: getattr(self, name) for name in type(self).model_fields}
        data.update(update)
        return self.model_validate(data)


class Evidence(_Frozen):
    """Where a value came from: an exact quote of the normalised text and its span."""

    quote: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    page: int | None = None
    alignment: Alignment = "exact"
    bbox: tuple[float, float, float, float] | None = Field(
        None, description="[x0, top, x1, bottom] in PDF points on `page`, origin top left (sources with geometry)."
    )
    confidence: float | None = Field(
        None,
        ge=0,
        le=1,
        description="Read by OCR: the engine's lowest confidence in a character of the quote; null for a text layer.",
    )


FactKey = tuple[str, str, str, str, str | None]
"""``(concept, measure, period, scope, label)``: what a fact is matched by."""


class FactAddress(_Frozen):
    """Where a figure sits in the catalogue: concept, measure, period, scope and label — the
    one address facts and gold facts are keyed by (:class:`FigureRef` names any figure)."""

    concept: str
    measure: Measure = "actual"
    period: Period = "current"
    scope: Scope = "all"
    label: str | None = None
    code: str | None = Field(
        None,
        pattern=r"^\d{3}(?:\d{2}){0,2}$",
        description="Classification code of the row (201 / 20101 / 2010101, 301 / 30101).",
    )

    @property
    def key(self) -> FactKey:
        """The address as written."""
        return (self.concept, self.measure, self.period, self.scope, self.label)

    @property
    def match_key(self) -> FactKey:
        """The address as compared: the label by :func:`~extractor.concepts.normalise_name`."""
        return (self.concept, self.measure, self.period, self.scope, normalise_name(self.label) or None)


class Fact(FactAddress):
    """One number the report states, keyed by (concept, measure, period, scope, label)."""

    value: Number
    unit: Literal["万元", "%", "count"] = "万元"
    decimals: int = Field(0, ge=0, description="Decimals as written, in the unit of value (sets tolerance).")
    evidence: Evidence
    source_unit: str | None = Field(None, description="Unit as written when converted (元, 亿元).")
    backend: str | None = None


PROJECT_NUMBERS: Mapping[str, str] = MappingProxyType(
    {"budget": "万元", "actual": "万元", "rate": "%", "fiscal_budget": "万元", "fiscal_actual": "万元", "score": "%"}
)
"""The numeric fields of a project row and their units: the one list every stage reads."""
PROJECT_MONEY: tuple[str, ...] = tuple(k for k, unit in PROJECT_NUMBERS.items() if unit == "万元")
INDICATOR_NUMBERS: Mapping[str, str] = MappingProxyType({"weight": "%", "score": "%"})
"""The numeric fields of an indicator row (points, compared like percents)."""
INDICATOR_STRINGS: tuple[str, ...] = ("level1", "level2", "name", "target", "actual", "note")


class Project(_Frozen):
    """A project (项目) with at least one number. ``cells`` holds per-field evidence."""

    name: str
    budget: Number | None = None
    actual: Number | None = None
    rate: Number | None = None
    fiscal_budget: Number | None = None
    fiscal_actual: Number | None = None
    score: Number | None = None
    evidence: Evidence
    cells: Frozen[dict[str, Evidence]] = Field(default_factory=FrozenDict)
    decimals: Frozen[dict[str, int]] = Field(default_factory=FrozenDict)
    is_total: bool = Field(False, description="A 合计 row: kept for the Σ rows check, not scored as a project.")
    restates: bool = Field(
        False,
        description="A later table's or sentence's row restating a project given before with other figures"
        " (a 绩效目标表 beside the 项目支出表): kept for the reconciler to compare, not scored as a project.",
    )

    @property
    def is_project(self) -> bool:
        """A project row of its own: neither a 合计 row nor a restatement."""
        return not (self.is_total or self.restates)


class Indicator(_Frozen):
    """A row of a performance indicator table."""

    level1: str | None = None
    level2: str | None = None
    name: str
    weight: Number | None = None
    target: str | None = None
    actual: str | None = None
    score: Number | None = None
    note: str | None = None
    evidence: Evidence
    cells: Frozen[dict[str, Evidence]] = Field(default_factory=FrozenDict)
    decimals: Frozen[dict[str, int]] = Field(default_factory=FrozenDict)
    is_total: bool = False


class Evaluation(_Frozen):
    score: Number | None = None
    grade: str | None = None
    cells: Frozen[dict[str, Evidence]] = Field(default_factory=FrozenDict)
    decimals: Frozen[dict[str, int]] = Field(default_factory=FrozenDict)


class FigureRef(_Frozen):
    """Any figure a finding can name: a fact (its :class:`FactAddress`), a project or
    indicator cell (``project`` or ``indicator`` with ``field``), or ``evaluation.score``.
    The parts that do not apply are ``None`` (on the wire too)."""

    concept: str | None = None
    measure: str | None = None
    period: str | None = None
    scope: str | None = None
    label: str | None = None
    project: str | None = None
    indicator: str | None = None
    field: str | None = None


def ref_fields(figure: FactAddress | FigureRef) -> dict[str, Any]:
    """The :class:`FigureRef` parts of ``figure`` (a fact, a finding's fact, a culprit), to name
    the same figure in another model: ``Culprit(**ref_fields(ff), value=ff.value)``."""
    held = _ref_parts_of(type(figure))
    return {name: getattr(figure, name) if name in held else None for name in FigureRef.model_fields}


@cache
def _ref_parts_of(model: type[BaseModel]) -> frozenset[str]:
    """The :class:`FigureRef` parts a model has (a field or a property); the others are ``None``
    (asking a pydantic model for an attribute it lacks is slow: the reconciler asks thousands of times)."""
    return frozenset(n for n in FigureRef.model_fields if n in model.model_fields or hasattr(model, n))


class FindingFact(FigureRef):
    """A fact, project cell or indicator cell taking part in a finding."""

    value: Number
    evidence: Evidence | None = None


class Culprit(FigureRef):
    value: Number | None = None
    suggested: Number | None = None
    signature: str | None = Field(None, description="typo, x10, x100, yuan_vs_wan, sign, transposed …")
    confidence: Literal["high", "medium", "low"] | None = None


class Finding(_Frozen):
    """One arithmetic relation the report breaks, or (``completeness``) a form the report
    must publish that is missing or empty without the statement that explains it."""

    id: str
    kind: Literal["conflict", "sum", "ratio", "change", "bound", "completeness"]
    rule: str
    severity: Literal["rounding", "material"]
    facts: tuple[FindingFact, ...]
    stated: Number | None = None
    expected: tuple[Number, ...] = Field(default_factory=tuple, description="[low, high] interval computed.")
    tolerance: Number | None = None
    culprit: Culprit | None = None
    undetermined: bool = False
    message: str
    message_en: str | None = None
    table: str | None = Field(None, description="completeness: the mandated form, as gold names it in its note.")
    evidence: Evidence | None = Field(None, description="completeness: where the empty form's title is.")


class CheckRecord(_Frozen):
    """Every check the reconciler considered: passed, failed or not run."""

    rule: str
    kind: str
    status: Literal["passed", "failed", "not_run"]
    finding_id: str | None = None
    reason: str | None = None


class Ledger(_Frozen):
    """Cost of model calls (zeros for the rules backend): the one cost type, for a request, a
    document, a failed document (on its error) and an evaluation run (summed with ``+``)."""

    requests: int = 0
    attempts: int = Field(0, description="HTTP calls: transport retries and re-asks included.")
    reasks: int = 0
    prompt_tokens: int = Field(0, description="Of every answer received, failed attempts included.")
    completion_tokens: int = 0
    cached_tokens: int = Field(0, description="Prompt tokens the server served from its prefix cache, where reported.")
    reasoning_tokens: int = Field(0, description="Completion tokens spent reasoning, where reported.")
    cache_hits: int = Field(0, description="Answers served from the response cache (no request).")
    recorded_prompt_tokens: int = Field(0, description="What the answers served from the cache cost when recorded.")
    recorded_completion_tokens: int = 0
    feedback_asked: int = Field(0, description="Arithmetic feedback: figures blamed by a material finding re-asked.")
    feedback_corrected: int = Field(
        0, description="Arithmetic feedback: re-asks whose new value grounded and was kept."
    )
    wall_s: float = 0.0

    def __add__(self, other: Ledger) -> Ledger:
        summed = {k: getattr(self, k) + getattr(other, k) for k in type(self).model_fields}
        summed["wall_s"] = round(summed["wall_s"], 3)
        return Ledger(**summed)


class SourceInfo(_Frozen):
    path: str | None = None
    format: str
    sha256: str
    size_bytes: int
    pages: int | None = None
    encoding: str | None = None
    chars: int = 0


class OcrValue(_Frozen):
    """A value read from characters the OCR engine was unsure of: kept, with its confidence."""

    name: str = Field(description="What the value is: the fact's key, or project/indicator and field.")
    value: Number
    evidence: Evidence


class OcrReport(_Frozen):
    """What OCR read in a document and how sure it was."""

    pages: Frozen[dict[int, float]] = Field(description="Page → the engine's mean character confidence on it.")
    low_confidence: float = Field(description="Values read with a character below this are listed in `uncertain`.")
    uncertain: tuple[OcrValue, ...] = Field(default_factory=tuple)


class Provenance(_Frozen):
    backend: str
    extractor_version: str
    prompt_version: str | None = None
    model: str | None = None
    source: SourceInfo
    timings: Frozen[dict[str, float]] = Field(default_factory=FrozenDict)
    counters: Frozen[dict[str, int]] = Field(default_factory=FrozenDict)
    ledger: Ledger = Field(default_factory=Ledger)
    warnings: tuple[str, ...] = Field(default_factory=tuple)
    disagreements: Frozen[tuple[dict[str, Any], ...]] = Field(default_factory=tuple)
    ocr: OcrReport | None = Field(None, description="Pages read by OCR (null when none was).")


class Result(_Frozen):
    """An extraction result for one document."""

    schema_: Literal["cn-budget-report/1"] = Field("cn-budget-report/1", alias="schema")
    document: str
    org_name: str | None = None
    fiscal_year: int | None = None
    report_kind: ReportKind = "other"
    metadata_evidence: Frozen[dict[str, Evidence]] = Field(default_factory=FrozenDict)
    facts: tuple[Fact, ...] = Field(default_factory=tuple)
    projects: tuple[Project, ...] = Field(default_factory=tuple)
    indicators: tuple[Indicator, ...] = Field(default_factory=tuple)
    evaluation: Evaluation = Field(default_factory=Evaluation)
    findings: tuple[Finding, ...] = Field(default_factory=tuple)
    checks: tuple[CheckRecord, ...] = Field(default_factory=tuple)
    provenance: Provenance

    def to_json(self, **kw: Any) -> str:
        return self.model_dump_json(by_alias=True, indent=kw.pop("indent", 2), **kw)

    @classmethod
    def from_json(cls, data: str | bytes) -> Result:
        return cls.model_validate_json(data)


@dataclass(frozen=True, kw_only=True)
class Extraction:
    """What a backend found in one document, before grounding and reconciliation."""

    org_name: str | None = None
    fiscal_year: int | None = None
    report_kind: ReportKind = "other"
    metadata_evidence: Mapping[str, Evidence] = field(default_factory=FrozenDict)
    facts: tuple[Fact, ...] = ()
    projects: tuple[Project, ...] = ()
    indicators: tuple[Indicator, ...] = ()
    evaluation: Evaluation = field(default_factory=Evaluation)
    ledger: Ledger = field(default_factory=Ledger)
    counters: Mapping[str, int] = field(default_factory=FrozenDict)
    prompt_version: str | None = None
    model: str | None = None
    disagreements: tuple[dict[str, Any], ...] = ()
    warnings: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        for f in fields(self):  # a backend may hand in lists and dicts: frozen from here on
            object.__setattr__(self, f.name, freeze(getattr(self, f.name)))
