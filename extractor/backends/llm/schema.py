"""What the model is asked to return: response models per field group, built from the catalogue.

The result schema is split into **field groups** (income and balances, expenditure, “三公”,
procurement, staff, projects, indicators, evaluation, metadata). A chunk is routed to the
groups whose terms it mentions (:data:`ROUTING_TERMS`, :func:`extractor.chunk.route`) and
its request carries a response model with only those groups: a staffing paragraph is not
sent the procurement concepts. :func:`response_model_for` builds (and memoises) that model;
its JSON Schema hash is part of the cache key.

Every item carries ``quote`` (exact text of the chunk) and its numbers *as written*
(strings: ``"311.20"`` keeps its decimals, ``"12,345"`` its separator). Amounts are read by
code (:func:`extractor.numbers.parse_amount`): ``"358.52万元"`` is 358.52 with unit 万元,
``"(0.40)"`` is −0.40, full-width digits and thousands separators are fine.

**Items, not answers, fail.** Validators check the shape of one item — a number that
parses, a concept of the catalogue, a unit that fits the measure, a label where the concept
needs one, no extra keys — and an item that fails is dropped and recorded in
``ChunkAnswer.rejected`` with its reason (``unknown_concept``, ``not_a_number``,
``extra_key`` …); the rest of the answer is kept and nothing is re-asked. Only an answer
that is not a JSON object of the right shape is re-asked (instructor feeds the error back).
Whether a number is really in the text is not the model's word to give: grounding checks it
in code and drops what fails (:mod:`extractor.backends.llm.convert`).
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from typing import Any, Literal, get_args, get_origin

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    create_model,
    field_validator,
    model_validator,
)
from pydantic.json_schema import SkipJsonSchema
from pydantic_core import PydanticCustomError

from extractor.concepts import (
    BY_ID,
    CATALOGUE,
    PERCENT_MEASURES,
    WAN_SHIFT,
    Measure,
    MoneyUnit,
    Period,
    Scope,
)
from extractor.numbers import Amount, parse_amount
from extractor.result import PROJECT_NUMBERS, ReportKind

__all__ = [
    "ALL_GROUPS",
    "FACT_GROUPS",
    "ROUTING_TERMS",
    "FactItem",
    "IndicatorItem",
    "ProjectItem",
    "Rejected",
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


def _amount(v: Any) -> Amount | None:
    if v is None or (isinstance(v, str) and not v.strip()):
        return None
    if isinstance(v, bool) or not isinstance(v, str | int | float):
        raise PydanticCustomError("not_a_number", "{value!r} is not a number as written", {"value": v})
    try:
        return parse_amount(str(v))
    except ValueError:
        raise PydanticCustomError(
            "not_a_number",
            "{value!r} is not a number as written (digits, optional sign and decimals, e.g. 311.20)",
            {"value": v},
        ) from None


def _amounts(data: Any, fields: tuple[str, ...], unit_field: str, units: tuple[str, ...]) -> Any:
    """Read the amounts of a raw item; a unit written with a number ("358.52万元") fills the
    item's unit when the item names none."""
    if not isinstance(data, dict):
        return data
    out = dict(data)
    for f in fields:
        a = _amount(out.get(f))
        out[f] = None if a is None else a.text
        if a is not None and a.unit in units and not out.get(unit_field):
            out[unit_field] = a.unit
    return out


def _error(kind: str, message: str, **context: Any) -> PydanticCustomError:
    return PydanticCustomError(kind, message, context)


class _Item(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    quote: str = Field(description="Copied exactly from the excerpt: the clause or table row stating the value(s).")

    @field_validator("quote")
    @classmethod
    def _quote(cls, v: str) -> str:
        if not v.strip():
            raise _error("empty_quote", "quote must be copied from the excerpt, not empty")
        if len(v) > 600:
            raise _error("quote_too_long", "quote too long: copy only the clause or table row that states the value")
        return v


FactUnit = Literal[MoneyUnit, "%", "count"]


class FactItem(_Item):
    """One number the excerpt states."""

    concept: str
    measure: Measure = "actual"
    period: Period = "current"
    scope: Scope = "all"
    label: str | None = None
    value: str = Field(description='The number as written, e.g. "311.20".')
    unit: FactUnit | None = None

    @model_validator(mode="before")
    @classmethod
    def _read_amount(cls, data: Any) -> Any:
        out = _amounts(data, ("value",), "unit", (*WAN_SHIFT, "%"))
        if isinstance(out, dict) and out.get("value") is None:
            raise _error("missing_value", "value is required: the number as written")
        return out

    @model_validator(mode="after")
    def _fits(self) -> FactItem:
        c = BY_ID.get(self.concept)
        if c is None:
            raise _error(
                "unknown_concept", "unknown concept {concept!r}: use an id from the catalogue", concept=self.concept
            )
        if c.labelled and not (self.label or "").strip():
            raise _error(
                "missing_label",
                "{concept} needs a label (the function class or item name as written)",
                concept=self.concept,
            )
        if not c.scoped and self.scope != "all":
            raise _error("scope_not_allowed", '{concept} takes no scope; use scope "all"', concept=self.concept)
        if self.unit is not None:
            if self.measure in PERCENT_MEASURES and self.unit != "%":
                raise _error(
                    "unit_mismatch", 'measure {measure} is a percentage: unit must be "%"', measure=self.measure
                )
            if self.measure not in PERCENT_MEASURES:
                want = ("count",) if c.kind == "count" else tuple(WAN_SHIFT)
                if self.unit not in want:
                    raise _error(
                        "unit_mismatch",
                        "{concept} ({measure}) is in {want}, not {unit}",
                        concept=self.concept,
                        measure=self.measure,
                        want="/".join(want),
                        unit=self.unit,
                    )
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
    unit: MoneyUnit | None = None
    is_total: bool = False

    @model_validator(mode="before")
    @classmethod
    def _read_amounts(cls, data: Any) -> Any:
        return _amounts(data, _NUMBER_FIELDS, "unit", tuple(WAN_SHIFT))

    @model_validator(mode="after")
    def _some_number(self) -> ProjectItem:
        if not self.name.strip():
            raise _error("missing_name", "project name is required")
        if all(getattr(self, f) is None for f in _NUMBER_FIELDS):
            raise _error("no_number", "a project needs at least one number; leave rows without numbers out")
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

    @model_validator(mode="before")
    @classmethod
    def _read_amounts(cls, data: Any) -> Any:
        return _amounts(data, ("weight", "score"), "", ())


class EvaluationItem(_Item):
    score: str | None = None
    grade: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _read_amounts(cls, data: Any) -> Any:
        return _amounts(data, ("score",), "", ())


class MetadataItem(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    org_name: str | None = None
    fiscal_year: int | None = None
    report_kind: ReportKind = "other"
    quote: str = Field(description="Copied exactly from the excerpt: the text naming the unit and year.")


# --------------------------------------------------------------------------- models


class Rejected(BaseModel):
    """An item of an answer that failed validation: where, why (a short code), and the detail."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    field: str
    reason: str
    detail: str = ""


def reason_of(exc: ValidationError) -> tuple[str, str]:
    """A short reason code and a one-line detail for a failed item."""
    err = exc.errors()[0]
    kind, loc = err["type"], err.get("loc") or ()
    where = ".".join(str(p) for p in loc)
    if kind == "literal_error":
        code = f"unknown_{loc[0]}" if loc else "unknown_value"
        return code, f"{where}={err.get('input')!r}"[:160]
    code = {"extra_forbidden": "extra_key", "missing": "missing_field"}.get(kind, kind)
    return code, f"{where + ': ' if where else ''}{err['msg']}"[:160]


class ChunkAnswer(BaseModel):
    """Base of every per-chunk response model; fields depend on the groups asked for.

    Validation is per item (see the module docstring): each list item and each optional
    object is validated on its own, and what fails goes to ``rejected`` (not part of the
    JSON Schema the model sees, but kept in the cache so a replay counts the same)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    rejected: SkipJsonSchema[tuple[Rejected, ...]] = ()

    @model_validator(mode="before")
    @classmethod
    def _per_item(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data  # not an object: the whole answer is re-asked
        out: dict[str, Any] = {}
        rejected: list[Any] = list(data.get("rejected") or ())
        for key, raw in data.items():
            if key == "rejected":
                continue
            spec = cls.model_fields.get(key)
            if spec is None:
                rejected.append(Rejected(field=key, reason="extra_key", detail=f"{key}: not a field of the answer"))
                continue
            item_type = _item_type(spec.annotation)
            if item_type is None or raw is None:
                out[key] = raw
            elif isinstance(raw, list) and get_origin(spec.annotation) is list:
                out[key] = []
                for i, item in enumerate(raw):
                    try:
                        out[key].append(item_type.model_validate(item))
                    except ValidationError as exc:
                        code, detail = reason_of(exc)
                        rejected.append(Rejected(field=f"{key}[{i}]", reason=code, detail=detail))
            elif get_origin(spec.annotation) is not list:
                try:
                    out[key] = item_type.model_validate(raw)
                except ValidationError as exc:
                    code, detail = reason_of(exc)
                    out[key] = None
                    rejected.append(Rejected(field=key, reason=code, detail=detail))
            else:
                out[key] = raw  # a list field that is not a list: the whole answer is re-asked
        out["rejected"] = tuple(rejected)
        return out


def _item_type(annotation: Any) -> type[BaseModel] | None:
    """The item model of ``list[Item]`` or ``Item | None``."""
    for arg in (annotation, *get_args(annotation)):
        if isinstance(arg, type) and issubclass(arg, BaseModel):
            return arg
    return None


@cache
def response_model_for(groups: tuple[str, ...]) -> type[ChunkAnswer]:
    """The response model for a request about ``groups`` (memoised; order-insensitive key)."""
    groups = tuple(g for g in ALL_GROUPS if g in groups)
    fields: dict[str, Any] = {}
    if concepts_in(groups):  # concept ids are listed once, in the system prompt's catalogue, not as an enum
        fields["facts"] = (list[FactItem], Field(default_factory=list))
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
