"""The concept catalogue of ``cn-budget-report/1`` as data.

Each concept has an id, its usual Chinese wordings (not the only ones), the unit of its
``actual`` value, and whether it takes a scope or a label. Stages read this table; nothing
here imports a stage. :func:`normalise_name` is how labels and row names are compared, by
every stage that compares them (the spec's "Scoring").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Literal

Measure = Literal["actual", "budget", "rate", "share", "change", "change_pct", "vs_budget"]
Period = Literal["current", "prior"]
Scope = Literal["all", "fiscal", "general_public_budget", "government_fund", "state_capital"]
Unit = Literal["万元", "%", "count"]
"""The unit of a value in a result: money in 万元, percents in percent, counts."""

MoneyUnit = Literal["元", "万元", "亿元"]
WAN_SHIFT: Mapping[str, int] = MappingProxyType({"元": 4, "万元": 0, "亿元": -4})
"""The unit table: each money unit and the decimal places an amount written in it moves when
converted to 万元 (元 → 万元 divides by 10^4). Every conversion goes through it."""
UNIT_ALIASES: Mapping[str, str] = MappingProxyType({"万": "万元", "亿": "亿元"})
"""Short forms written after a number (``358.52万``)."""
MONEY_UNIT_RE = "|".join(sorted(WAN_SHIFT, key=len, reverse=True))
"""The money units as a regex alternation, longest first (``万元|亿元|元``)."""


def money_unit(written: str | None) -> str | None:
    """The money unit ``written`` names (``万`` → ``万元``), or ``None`` when it names none."""
    if written is None:
        return None
    unit = UNIT_ALIASES.get(written, written)
    return unit if unit in WAN_SHIFT else None


MEASURES: tuple[str, ...] = ("actual", "budget", "rate", "share", "change", "change_pct", "vs_budget")
PERIODS: tuple[str, ...] = ("current", "prior")
SCOPES: tuple[str, ...] = ("all", "fiscal", "general_public_budget", "government_fund", "state_capital")
PERCENT_MEASURES = frozenset({"rate", "share", "change_pct"})

REPORT_KINDS: tuple[str, ...] = (
    "department_performance_self_evaluation",
    "department_final_accounts",
    "department_budget",
    "project_performance_self_evaluation",
    "other",
)


@dataclass(frozen=True, slots=True)
class Concept:
    id: str
    zh: tuple[str, ...]
    kind: Literal["money", "count"] = "money"
    scoped: bool = False
    labelled: bool = False
    kinds: tuple[str, ...] = ()
    """Wordings that name kinds of the concept counted apart (聘用 and 派遣 staff): figures of
    different kinds are not two statements of one number."""

    @property
    def family(self) -> str:
        return family_of(self.id)


def _m(id: str, *zh: str, scoped: bool = False, labelled: bool = False) -> Concept:
    return Concept(id, zh, "money", scoped, labelled)


def _c(id: str, *zh: str, kinds: tuple[str, ...] = ()) -> Concept:
    return Concept(id, zh, "count", kinds=kinds)


CATALOGUE: tuple[Concept, ...] = (
    _m("income.total", "收入合计", "本年收入", "财政拨款收入", "一般公共预算财政拨款收入", scoped=True),
    _m("income.superior_subsidy", "上级补助收入", scoped=True),
    _m("income.business", "事业收入", scoped=True),
    _m("income.operating", "经营收入", scoped=True),
    _m("income.affiliated", "附属单位上缴收入", scoped=True),
    _m("income.other", "其他收入", scoped=True),
    _m("income.fiscal_special_account", "财政专户管理资金收入", scoped=True),
    _m("income.unit_funds", "单位资金", scoped=True),
    _m("expenditure.total", "支出合计", "整体支出", "本年支出", "财政拨款支出", scoped=True),
    _m("expenditure.basic", "基本支出", scoped=True),
    _m("expenditure.project", "项目支出", scoped=True),
    _m("expenditure.personnel", "人员经费", scoped=True),
    _m("expenditure.public", "公用经费", "商品和服务支出", scoped=True),
    _m("expenditure.remit_superior", "上缴上级支出", scoped=True),
    _m("expenditure.operating", "经营支出", scoped=True),
    _m("expenditure.subsidy_affiliated", "对附属单位补助支出", scoped=True),
    _m("expenditure.function", "功能分类(类)", scoped=True, labelled=True),
    _m("expenditure.function_item", "功能分类(项)", scoped=True, labelled=True),
    _m("expenditure.economic", "经济分类", scoped=True, labelled=True),
    _m("three_public.total", "“三公”经费"),
    _m("three_public.overseas", "因公出国（境）费"),
    _m("three_public.reception", "公务接待费"),
    _m("three_public.reception_foreign", "外宾接待支出"),
    _m("three_public.reception_domestic", "国内公务接待支出"),
    _m("three_public.vehicles", "公务用车购置及运行（维护）费"),
    _m("three_public.vehicles_purchase", "公务用车购置费"),
    _m("three_public.vehicles_operation", "公务用车运行（维护）费"),
    _m("procurement.total", "政府采购支出总额"),
    _m("procurement.goods", "货物"),
    _m("procurement.works", "工程"),
    _m("procurement.services", "服务"),
    _m("procurement.sme", "授予中小企业合同金额"),
    _m("procurement.small_micro", "授予小微企业合同金额"),
    _m("agency_operating_cost", "机关运行经费"),
    _m("carryover.opening", "年初结转和结余", scoped=True),
    _m("carryover.closing", "年末结转和结余", scoped=True),
    _m("surplus_distribution", "结余分配"),
    _m("non_fiscal_surplus_used", "使用非财政拨款结余"),
    _m("assets.total", "资产总额"),
    _c("vehicles.count", "车辆", "公务用车保有量"),
    _c("staff.authorized", "编制人数", "核定编制"),
    _c("staff.in_service", "在职人员"),
    _c("staff.retired", "离退休人员"),
    _c("staff.fiscally_supported", "财政供养人数"),
    _c("staff.administrative", "行政人员", "公务员及参照公务员管理人员"),
    _c("staff.institutional", "事业人员", "事业编制"),
    _c("staff.on_establishment", "在编人员"),
    _c("staff.other", "其他人员", "编外", "公益性岗位", kinds=("编外", "聘", "派遣", "公益性岗位")),
    _c("org.internal_units", "内设机构数"),
    _c("org.subordinate_units", "下属单位数"),
)

BY_ID: dict[str, Concept] = {c.id: c for c in CATALOGUE}


def family_of(concept_id: str) -> str:
    """``expenditure.basic`` → ``expenditure``; ``agency_operating_cost`` → itself."""
    return concept_id.split(".", 1)[0]


def unit_for(concept_id: str, measure: str) -> str:
    """The unit a value of this concept and measure is expressed in."""
    if measure in PERCENT_MEASURES:
        return "%"
    concept = BY_ID.get(concept_id)
    if concept is not None and concept.kind == "count":
        return "count"
    return "万元"


def is_known(concept_id: str) -> bool:
    return concept_id in BY_ID


_MARKERS = re.compile(r"\((?:类|款|项)\)")
_KEEP = frozenset(".%‰-")
"""Punctuation that carries meaning in a name or a value (``完成率≥95%``, ``95.9%``, ``-3``)."""


def normalise_name(text: str | None) -> str:
    """A label or a row name as compared (spec, "Scoring"): NFKC, without whitespace,
    without （类）/（款）/（项） and without punctuation, except ``. % ‰ -``, which are part of
    the numbers names carry (``95.9%`` is not ``959``). Symbols such as ``≥`` stay.

    One function for extraction, merging, reconciliation and evaluation, so that two names
    one stage holds equal are equal in every other. ``None`` gives ``""``."""
    if text is None:
        return ""
    s = "".join(unicodedata.normalize("NFKC", text).split())  # spaces first: "（ 类 ）" is a marker too
    s = _MARKERS.sub("", s)
    return "".join(c for c in s if not (unicodedata.category(c).startswith("P") and c not in _KEEP))
