"""What the model is asked to return: response models per field group, built from the catalogue.

The result schema is split into **field groups** (income and balances, expenditure, “三公”,
procurement, staff, projects, indicators, evaluation, metadata). A chunk is routed to the
groups whose terms it mentions (:data:`ROUTING_TERMS`, :func:`extractor.chunk.route`) and
its request carries a response model with only those groups: a staffing paragraph is not
sent the procurement concepts. :func:`response_model_for` builds (and memoises) that model;
its JSON Schema hash is part of the cache key.

Every item carries ``quote`` (exact text of the chunk) and its numbers *as written*
(strings: ``"311.20"`` keeps its decimals, ``"12,345"`` its separator). Validators check the
shape only — a number that parses, a unit that fits the measure, a label where the concept
needs one — and a failure is fed back to the model (instructor re-ask). Whether the number
is really in the text is not the model's word to give: grounding checks it in code and
drops what fails (:mod:`extractor.backends.llm.convert`).
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, create_model, field_validator, model_validator

from extractor.concepts import BY_ID, CATALOGUE, PERCENT_MEASURES, Measure, Period, Scope
from extractor.numbers import parse_number
from extractor.result import PROJECT_NUMBERS, ReportKind

__all__ = [
    "ALL_GROUPS",
    "FACT_GROUPS",
    "ROUTING_TERMS",
    "FactItem",
    "IndicatorItem",
    "ProjectItem",
    "group_of",
    "response_model_for",
    "schema_hash",
]

# --------------------------------------------------------------------------- groups

FACT_GROUPS: dict[str, tuple[str, ...]] = {
    "income": ("income.", "carryover.", "surplus_distribution", "non_fiscal_surplus_used", "assets."),
    "expenditure": ("expenditure.", "agency_operating_cost"),
    "three_public": ("three_public.",),
    "procurement": ("procurement.",),
    "staff": ("staff.", "org.", "vehicles."),
}
"""Fact groups by concept-id prefix."""

ROW_GROUPS = ("projects", "indicators", "evaluation", "metadata")
ALL_GROUPS: tuple[str, ...] = (*FACT_GROUPS, *ROW_GROUPS)

ROUTING_TERMS: dict[str, tuple[str, ...]] = {
    "income": ("收入", "结转", "结余", "资产", "上年结"),
    "expenditure": ("支出", "经费", "拨款", "预算", "决算", "执行率", "执行数"),
    "three_public": ("三公", "出国", "出境", "接待", "公务用车"),
    "procurement": ("采购", "中小企业", "小微企业"),
    "staff": ("编制", "人员", "在职", "退休", "离休", "供养", "内设", "科室", "下属", "直属", "车辆", "人数"),
    "projects": ("项目(?!支出)", "专项"),
    "indicators": ("指标", "权重", "分值", "目标值", "完成值", "指标值"),
    "evaluation": ("自评得分", "评价等级", "总分", "自评结果", "综合得分", "评分", "得分"),
    "metadata": (),
}
"""Terms (regular expressions) that route a chunk to a group; ``metadata`` goes to a document's
first chunk only. Routing errs towards asking: a wrongly routed group costs schema tokens, a
missed one costs recall."""


def group_of(concept_id: str) -> str | None:
    for group, prefixes in FACT_GROUPS.items():
        if any(concept_id == p or concept_id.startswith(p) for p in prefixes):
            return group
    return None


def concepts_in(groups: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(c.id for c in CATALOGUE if group_of(c.id) in groups)


# --------------------------------------------------------------------------- items


def _check_number(v: str | None) -> str | None:
    if v is None:
        return None
    s = str(v).strip().rstrip("%").strip()
    if not s:
        return None
    try:
        parse_number(s)
    except ValueError:
        raise ValueError(f"{v!r} is not a number as written (digits, optional sign and decimals, e.g. 311.20)") from None
    return s


class _Item(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    quote: str = Field(description="Copied exactly from the excerpt: the clause or table row stating the value(s).")

    @field_validator("quote")
    @classmethod
    def _quote(cls, v: str) -> str:
        if not v.strip():
            raise ValueError("quote must be copied from the excerpt, not empty")
        if len(v) > 600:
            raise ValueError("quote too long: copy only the clause or table row that states the value")
        return v


MoneyUnit = Literal["元", "万元", "亿元"]
FactUnit = Literal["元", "万元", "亿元", "%", "count"]


class FactItem(_Item):
    """One number the excerpt states."""

    concept: str
    measure: Measure = "actual"
    period: Period = "current"
    scope: Scope = "all"
    label: str | None = None
    value: str = Field(description="The number as written, e.g. \"311.20\".")
    unit: FactUnit | None = None

    @field_validator("value", mode="before")
    @classmethod
    def _value(cls, v: Any) -> str:
        s = _check_number(None if v is None else str(v))
        if s is None:
            raise ValueError("value is required: the number as written")
        return s

    @model_validator(mode="after")
    def _fits(self) -> FactItem:
        c = BY_ID.get(self.concept)
        if c is None:
            raise ValueError(f"unknown concept {self.concept!r}: use an id from the catalogue")
        if c.labelled and not (self.label or "").strip():
            raise ValueError(f"{self.concept} needs a label (the function class or item name as written)")
        if not c.scoped and self.scope != "all":
            raise ValueError(f"{self.concept} takes no scope; use scope \"all\"")
        if self.unit is not None:
            if self.measure in PERCENT_MEASURES and self.unit != "%":
                raise ValueError(f"measure {self.measure} is a percentage: unit must be \"%\"")
            if self.measure not in PERCENT_MEASURES:
                want = ("count",) if c.kind == "count" else ("元", "万元", "亿元")
                if self.unit not in want:
                    raise ValueError(f"{self.concept} ({self.measure}) is in {'/'.join(want)}, not {self.unit}")
        return self


_NUMBER_FIELDS = tuple(PROJECT_NUMBERS)


class ProjectItem(_Item):
    """A project (项目) with its numbers, from one table row or sentence."""

    name: str
    budget: str | None = None
    actual: str | None = None
    rate: str | None = None
    fiscal_budget: str | None = None
    fiscal_actual: str | None = None
    score: str | None = None
    unit: MoneyUnit = "万元"
    is_total: bool = False

    @field_validator(*_NUMBER_FIELDS, mode="before")
    @classmethod
    def _num(cls, v: Any) -> str | None:
        return _check_number(None if v is None else str(v))

    @model_validator(mode="after")
    def _some_number(self) -> ProjectItem:
        if not self.name.strip():
            raise ValueError("project name is required")
        if all(getattr(self, f) is None for f in _NUMBER_FIELDS):
            raise ValueError("a project needs at least one number; leave rows without numbers out")
        return self


class IndicatorItem(_Item):
    """A row of a performance indicator table."""

    level1: str | None = None
    level2: str | None = None
    name: str
    weight: str | None = None
    target: str | None = None
    actual: str | None = None
    score: str | None = None
    note: str | None = None

    @field_validator("weight", "score", mode="before")
    @classmethod
    def _num(cls, v: Any) -> str | None:
        return _check_number(None if v is None else str(v))


class EvaluationItem(_Item):
    score: str | None = None
    grade: str | None = None

    @field_validator("score", mode="before")
    @classmethod
    def _num(cls, v: Any) -> str | None:
        return _check_number(None if v is None else str(v))


class MetadataItem(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    org_name: str | None = None
    fiscal_year: int | None = None
    report_kind: ReportKind = "other"
    quote: str = Field(description="Copied exactly from the excerpt: the text naming the unit and year.")


# --------------------------------------------------------------------------- models


class ChunkAnswer(BaseModel):
    """Base of every per-chunk response model; fields depend on the groups asked for."""

    model_config = ConfigDict(extra="forbid", frozen=True)


@cache
def response_model_for(groups: tuple[str, ...]) -> type[ChunkAnswer]:
    """The response model for a request about ``groups`` (memoised; order-insensitive key)."""
    groups = tuple(g for g in ALL_GROUPS if g in groups)
    fields: dict[str, Any] = {}
    concepts = concepts_in(groups)
    if concepts:
        concept_t = Literal[concepts]  # type: ignore[valid-type]
        fact_t = create_model(
            "Fact", __base__=FactItem,
            concept=(concept_t, ...),
        )
        fields["facts"] = (list[fact_t], Field(default_factory=list))
    if "projects" in groups:
        fields["projects"] = (list[ProjectItem], Field(default_factory=list))
    if "indicators" in groups:
        fields["indicators"] = (list[IndicatorItem], Field(default_factory=list))
    if "evaluation" in groups:
        fields["evaluation"] = (EvaluationItem | None, None)
    if "metadata" in groups:
        fields["metadata"] = (MetadataItem | None, None)
    model: type[ChunkAnswer] = create_model(
        "ChunkExtraction",
        __base__=ChunkAnswer,
        __doc__="Numbers stated in the excerpt, each with its exact quote.",
        **fields,
    )
    return model


@cache
def schema_hash(model: type[BaseModel]) -> str:
    """A short, stable hash of a response model's JSON Schema (part of the cache key)."""
    blob = json.dumps(model.model_json_schema(), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(blob.encode()).hexdigest()[:16]
