"""Report profiles: the arithmetic a kind of report must obey, as a table of relations.

A profile is data, not code: the engine (:mod:`extractor.reconcile.relations` expands it
over a result, :mod:`extractor.reconcile.engine` evaluates it) has no rule of its own. A
new report family is a new :class:`Profile`.

Operands are written as *refs*: ``[-]concept[@scope][:measure][~period]``. What a ref
leaves out is a variable the relation is expanded over: the scope (for scoped concepts,
every scope), the measure (``actual`` and ``budget`` for sums) and the period (current and
prior). ``*`` as concept means every scoped money concept of the catalogue (and each stated
label of a labelled one). In per-measure relations a ref without a concept (``:budget``)
means the same concept, scope, label and period as the figure that triggered it.

Sum modes say what an unstated part means:

* ``complete`` — the parts are all the components of the total. When every part is stated,
  total = Σ parts; when some are not, only Σ stated ≤ total can be checked (the unstated
  ones may be non-zero: a union's 支出合计 also holds 上缴上级支出 when the report is silent).
* ``open`` — the parts never exhaust the total (kinds of staff): Σ parts ≤ total.
* ``exact`` — a signed identity; every operand is required except ``default_zero`` ones.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from typing import Literal

from extractor.concepts import SCOPES
from extractor.result import PROJECT_MONEY

__all__ = [
    "CN_BUDGET",
    "Form",
    "IndicatorRules",
    "LabelSum",
    "Nesting",
    "PerMeasure",
    "Profile",
    "ProjectRules",
    "Ref",
    "ShareWhole",
    "Sum",
    "parse_ref",
]


@dataclass(frozen=True)
class Ref:
    concept: str | None
    scope: str | None = None
    measure: str | None = None
    period: str | None = None
    sign: int = 1


@lru_cache(maxsize=1024)
def parse_ref(text: str) -> Ref:
    """``"-expenditure.total@fiscal:budget~prior"`` → :class:`Ref` (cached: parsed for every result)."""
    s, sign = text.strip(), 1
    if s[:1] in "+-":
        sign, s = (-1 if s[0] == "-" else 1), s[1:]
    s, _, period = s.partition("~")
    s, _, measure = s.partition(":")
    concept, _, scope = s.partition("@")
    return Ref(concept or None, scope or None, measure or None, period or None, sign)


@dataclass(frozen=True)
class Sum:
    id: str
    total: str
    parts: tuple[str, ...]
    mode: Literal["complete", "open", "exact"] = "complete"
    kind: Literal["sum", "change", "bound"] = "sum"
    measures: tuple[str, ...] = ("actual", "budget")
    scopes: tuple[str, ...] | None = None
    periods: tuple[str, ...] = ("current", "prior")
    default_zero: tuple[str, ...] = ()
    outflows: tuple[str, ...] = ()
    """Subtracted parts that are never negative: when only these are unstated, an ``exact``
    identity still bounds its total from above (total ≤ Σ stated)."""
    lined: bool = False
    """The total is a ledger's 合计 line: a part the report prints under it is no part of it
    (:mod:`extractor.reconcile.lines`; not for ``exact`` identities)."""


@dataclass(frozen=True)
class LabelSum:
    """total = Σ over the stated labels of ``part`` (same scope, measure, period).

    With a single label stated only ``label ≤ total`` is checked: a report may name just its
    main class (主要用于…)."""

    id: str
    total: str
    part: str
    measures: tuple[str, ...] = ("actual", "budget")


@dataclass(frozen=True)
class Form:
    equation: Literal["ratio", "change_pct", "prior_pct", "sum"]
    operands: tuple[str, ...]
    kind: Literal["sum", "ratio", "change", "bound"]


@dataclass(frozen=True)
class PerMeasure:
    """For every stated figure of ``measure``: the first form whose operands are all stated."""

    id: str
    measure: str
    forms: tuple[Form, ...]


@dataclass(frozen=True)
class ShareWhole:
    """Whose share a ``share`` figure is. First matching row wins; no whole → not run.

    ``concept`` is an id or a prefix ending in ``*``; ``sub_scope`` rows match only a scope
    other than ``all``. Several wholes are alternative readings: the check passes when one
    fits and fails only when none does. A whole written ``a+b`` is the sum of stated figures."""

    concept: str
    wholes: tuple[str, ...]
    sub_scope: bool = False


@dataclass(frozen=True)
class Nesting:
    """X@child ≤ X@parent for scoped money concepts (unless X@unless is stated)."""

    child: str
    parent: str
    unless: str | None = None


@dataclass(frozen=True)
class ProjectRules:
    rate: bool = True
    bounds: tuple[tuple[str, str], ...] = (("fiscal_budget", "budget"), ("fiscal_actual", "actual"))
    total_fields: tuple[str, ...] = PROJECT_MONEY
    within: tuple[tuple[str, str], ...] = (
        ("actual", "expenditure.project:actual"),
        ("budget", "expenditure.project:budget"),
    )
    """Σ of the listed projects' field ≤ a fact (the projects are part of 项目支出)."""


@dataclass(frozen=True)
class IndicatorRules:
    weights_total: Decimal | None = Decimal(100)
    score_le_weight: bool = True
    scores_eq_evaluation: bool = True
    subtotals: bool = True


@dataclass(frozen=True)
class Profile:
    id: str
    sums: tuple[Sum, ...] = ()
    label_sums: tuple[LabelSum, ...] = ()
    code_sums: bool = False
    """A classified row's code names its class: Σ of a class's 款 (or a 款's 项) ≤ the class."""
    per_measure: tuple[PerMeasure, ...] = ()
    share_wholes: tuple[ShareWhole, ...] = ()
    nesting: tuple[Nesting, ...] = ()
    projects: ProjectRules = field(default_factory=ProjectRules)
    indicators: IndicatorRules = field(default_factory=IndicatorRules)
    unchecked: tuple[tuple[str, str], ...] = ()
    """Relations the profile knows of but cannot check from a result: (id, why). Recorded
    as not run when their operands are stated."""


_SUB = tuple(s for s in SCOPES if s not in ("all", "fiscal"))

CN_BUDGET = Profile(
    id="cn-budget",
    sums=(
        Sum(
            "expenditure.total=basic+project",
            "expenditure.total",
            (
                "expenditure.basic",
                "expenditure.project",
                "expenditure.remit_superior",
                "expenditure.operating",
                "expenditure.subsidy_affiliated",
            ),
        ),
        # a change of the whole is the changes of its two parts, where the report states both
        Sum(
            "expenditure.total=basic+project:change",
            "expenditure.total",
            ("expenditure.basic", "expenditure.project"),
            mode="exact",
            measures=("change",),
        ),
        Sum("expenditure.basic=personnel+public", "expenditure.basic", ("expenditure.personnel", "expenditure.public")),
        Sum(
            "income.total=sources",
            "income.total",
            (
                "income.total@fiscal",
                "income.superior_subsidy",
                "income.business",
                "income.operating",
                "income.affiliated",
                "income.other",
            ),
            scopes=("all",),
            lined=True,
        ),
        Sum("fiscal=gpb+fund+capital", "*@fiscal", tuple(f"*@{s}" for s in _SUB)),
        Sum(
            "three_public.total=parts",
            "three_public.total",
            ("three_public.overseas", "three_public.vehicles", "three_public.reception"),
        ),
        Sum(
            "three_public.vehicles=parts",
            "three_public.vehicles",
            ("three_public.vehicles_purchase", "three_public.vehicles_operation"),
        ),
        Sum(
            "three_public.reception=parts",
            "three_public.reception",
            ("three_public.reception_foreign", "three_public.reception_domestic"),
        ),
        Sum(
            "procurement.total=parts",
            "procurement.total",
            ("procurement.goods", "procurement.works", "procurement.services"),
        ),
        Sum("procurement.sme<=total", "procurement.total", ("procurement.sme",), mode="open", kind="bound"),
        Sum("procurement.small_micro<=sme", "procurement.sme", ("procurement.small_micro",), mode="open", kind="bound"),
        Sum(
            "carryover.closing",
            "carryover.closing",
            (
                "carryover.opening",
                "income.total",
                "-expenditure.total",
                "-surplus_distribution",
                "non_fiscal_surplus_used",
            ),
            mode="exact",
            measures=("actual",),
            scopes=("all",),
            default_zero=("non_fiscal_surplus_used",),
            outflows=("surplus_distribution",),
        ),
        Sum(
            "agency_operating_cost<=public",
            "expenditure.public@general_public_budget",
            ("agency_operating_cost",),
            mode="open",
            kind="bound",
            measures=("actual",),
        ),
        Sum(
            "staff.in_service>=admin+institutional",
            "staff.in_service",
            ("staff.administrative", "staff.institutional"),
            mode="open",
            kind="bound",
            measures=("actual",),
        ),
        Sum(
            "staff.in_service>=establishment+other",
            "staff.in_service",
            ("staff.on_establishment", "staff.other"),
            mode="open",
            kind="bound",
            measures=("actual",),
        ),
    ),
    label_sums=(LabelSum("expenditure.total=function_classes", "expenditure.total", "expenditure.function"),),
    code_sums=True,
    per_measure=(
        PerMeasure("rate", "rate", (Form("ratio", (":rate", ":actual", ":budget"), "ratio"),)),
        # a budget's change is the budget year's figure against last year's (Revision 2)
        PerMeasure(
            "change_pct",
            "change_pct",
            (
                Form("change_pct", (":change_pct", ":change", ":actual"), "change"),
                Form("prior_pct", (":change_pct", ":actual", ":actual~prior"), "change"),
                Form("change_pct", (":change_pct", ":change", ":budget"), "change"),
                Form("prior_pct", (":change_pct", ":budget", ":budget~prior"), "change"),
                Form("prior_pct", (":change_pct", ":budget", ":actual~prior"), "change"),
            ),
        ),
        PerMeasure(
            "change",
            "change",
            (
                Form("sum", (":actual", ":actual~prior", ":change"), "change"),
                Form("sum", (":budget", ":budget~prior", ":change"), "change"),
                Form("sum", (":budget", ":actual~prior", ":change"), "change"),
            ),
        ),
        PerMeasure("vs_budget", "vs_budget", (Form("sum", (":actual", ":budget", ":vs_budget"), "sum"),)),
    ),
    share_wholes=(
        ShareWhole("expenditure.total", ("expenditure.total@all",), sub_scope=True),
        # a budget lists 上年结转 among its 收入 with a share: the whole is then 收入总计 (本年收入 + 上年结转)
        ShareWhole("income.total", ("income.total@all", "income.total@all+carryover.opening@all"), sub_scope=True),
        ShareWhole("expenditure.function_item", ()),
        ShareWhole("expenditure.*", ("expenditure.total@{scope}",)),
        ShareWhole("income.*", ("income.total@{scope}", "income.total@{scope}+carryover.opening@{scope}")),
        ShareWhole("procurement.*", ("procurement.total",)),
        ShareWhole("three_public.*", ("three_public.total",)),
    ),
    nesting=(
        Nesting("fiscal", "all"),
        *(Nesting(s, "all", unless="fiscal") for s in _SUB),
    ),
    unchecked=(
        (
            "expenditure.function=items",
            "a function class = Σ its items by name: an uncoded item does not say its class (coded rows are "
            "checked by code, class>=Σcodes)",
        ),
    ),
)
