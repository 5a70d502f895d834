"""Concept terms: the wordings that name a catalogue concept, as a table of small patterns.

Each :class:`Term` is a regular expression with the concept it names and, when the wording
fixes it, the scope (``财政拨款收入`` is income of scope ``fiscal``). :func:`find_terms`
returns the non-overlapping term matches of a text, longest first, so ``基本支出`` wins over
``支出`` and ``一般公共预算财政拨款支出`` over ``财政拨款支出``.

Function classes (类) are the national 政府收支分类科目 class names; items (项) are
recognised by their ``（项）`` marker. Neither list knows any particular report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from extractor.backends.rules.firstchars import first_chars, gated, needed_words, start_index
from extractor.backends.rules.scopes import SCOPED as _SCOPED
from extractor.backends.rules.scopes import scope_in

__all__ = ["FEES_BESIDE_THREE_PUBLIC", "FUNCTION_CLASSES", "Term", "TermMatch", "concept_of_code", "find_terms"]


@dataclass(frozen=True, slots=True)
class Term:
    name: str
    pattern: re.Pattern[str]
    concept: str
    scope: str | None = None
    generic: bool = False
    """A bare 支出/收入 wording: it names the total only when no other subject is current."""
    count_units: tuple[str, ...] = ()
    """For count concepts: the units a number needs to be bound (人, 名, 个, 辆)."""
    within: str | None = None
    """A family the current subject must belong to for this wording to name a concept
    ("货物类" is procurement of goods only while procurement is being described)."""
    continues_only: bool = False
    """A wording that goes on about the current subject but never starts one ("实际支出")."""
    changes_only: bool = False
    """A wording whose level may hold more than its concept: a report's 收入预算 is often the
    收入总计 with the carry-over in it, so only its changes are read, its level left to the tables."""


class TermMatch(NamedTuple):
    term: Term
    start: int
    end: int
    label: str | None = None
    scope: str | None = None

    @property
    def concept(self) -> str:
        return self.term.concept


# ----------------------------------------------------------------------------- terms

_NOT_CARRY = r"(?!\s*(?:结转|结余))"  # "基本支出结转612万元" is a carry-over, not spending


def _t(
    name: str,
    pattern: str,
    concept: str,
    scope: str | None = None,
    *,
    generic: bool = False,
    units: tuple[str, ...] = (),
    within: str | None = None,
    continues_only: bool = False,
    changes_only: bool = False,
) -> Term:
    return Term(name, gated(pattern), concept, scope, generic, units, within, continues_only, changes_only)


_COUNT_PEOPLE = ("人", "名")
FEES_BESIDE_THREE_PUBLIC = r"会议费|培训费"  # set beside the 三公 in their tables and sentences: not of them

TERMS: tuple[Term, ...] = (
    # grand totals with carry-over (收入总计 = 本年收入 + 结转结余 …) are no catalogue concept:
    # they are a subject so that their numbers bind to nothing rather than to 收入合计
    _t(
        "grand.total",
        r"(?:本年|年度|全年|当年)?(?:收支|收、支|收入|支出)(?:决算)?总计"
        r"|(?:本年|年度|全年|当年)?可用资金(?:合计|总计|总额)?",
        "",
    ),
    # income -----------------------------------------------------------------------------
    _t("income.scoped", rf"{_SCOPED}收入(?:合计|总额)?", "income.total"),
    _t(
        "income.total", r"(?:部门|单位)?(?:本年|年度|全年|当年)?(?:总)?收入(?:合计|总额|决算数?|总预算)", "income.total"
    ),
    _t("income.year", r"(?:本年|年度|全年)(?:总)?收入", "income.total"),
    # a narrative total: "2024年度当期取得收入120.50万元"
    _t("income.gained", r"(?:当期|本期|当年|本年度?)取得(?:的)?(?:各项)?收入(?:合计|总额)?", "income.total"),
    _t("income.generic", r"(?<![\u4e00-\u9fff])收入", "income.total", generic=True),
    # a budget word right after a subject is the subject's (sentences), after a fee ("会议费预算支出") the fee's
    _t(
        "income.budget",
        r"(?<![费金较比与和占])(?:部门|单位)?(?:本年|年度|全年)?(?:收入预算|预算收入)(?:总额|合计|数)?",
        "income.total",
        changes_only=True,
    ),
    _t("income.superior", r"上级补助收入", "income.superior_subsidy"),
    _t("income.business", r"事业收入", "income.business"),
    _t("income.operating", r"(?<!非)(?:事业单位)?经营(?:服务)?收入", "income.operating"),
    _t("income.affiliated", r"附属单位上缴收入", "income.affiliated"),
    _t("income.other", r"其他收入", "income.other"),
    # money the treasury holds for the unit (财政专户管理资金收入, 财政专户拨款) and the unit's own funds
    _t("income.special", r"财政专户(?:管理)?(?:资金|拨款)(?:收入)?", "income.fiscal_special_account"),
    _t("income.unit", r"单位资金收入", "income.unit_funds"),
    # expenditure ------------------------------------------------------------------------
    _t("exp.scoped.basic", rf"{_SCOPED}基本支出{_NOT_CARRY}", "expenditure.basic"),
    _t("exp.scoped.project", rf"{_SCOPED}项目支出{_NOT_CARRY}", "expenditure.project"),
    _t(
        "exp.budget",
        r"(?:部门|单位)(?:整体)?(?:全年|年初|年度|调整后的?)?预算(?:数|总额)?|(?<![费金])财政拨款预算(?:数)?",
        "expenditure.total",
    ),
    _t("exp.scoped", rf"{_SCOPED}支出(?:合计|总额)?", "expenditure.total"),
    # "一般公共预算当年拨款X万元，比上年执行数减少…": a budget's appropriation of the year, spent in full
    _t("exp.year_grant", rf"{_SCOPED}当年拨款(?!收入)", "expenditure.total"),
    _t(
        "exp.total",
        r"(?:部门|单位)?(?:整体|本年|年度|全年|当年)?(?:总)?支出(?:合计|总额|总预算|规模)"
        rf"|(?:部门|单位)?整体支出|(?:本年|年度|全年|当年)(?:实际)?(?:总)?支出{_NOT_CARRY}|总支出",
        "expenditure.total",
    ),
    _t("exp.final", r"(?:本年|年度|全年)?决算支出(?:数|总额)?", "expenditure.total", generic=True),
    _t("exp.generic", r"(?<![\u4e00-\u9fff])支出(?=决算|预算|\s*[\d为:较比])", "expenditure.total", generic=True),
    _t(
        "exp.budget_word",  # not after 基本/项目: "基本支出预算数" is the part's budget, not the department's
        r"(?<![费金较比与和占])(?<!基本)(?<!项目)(?:部门|单位)?(?:本年|年度|全年)?(?:支出预算|预算支出)(?:总额|合计|数)?",
        "expenditure.total",
    ),
    _t("exp.actual_word", r"实际支出|实际执行|执行数", "expenditure.total", generic=True, continues_only=True),
    _t("exp.basic", rf"基本支出(?:总资金|总额|合计)?{_NOT_CARRY}", "expenditure.basic"),
    _t("exp.project", rf"项目(?:资金)?(?:总)?支出(?:总额|合计)?{_NOT_CARRY}", "expenditure.project"),
    # "其他商品和服务支出" is an item of the class, "临聘人员经费" a project: neither is the total
    _t("exp.personnel", r"(?<!临聘)(?<!聘用)(?<!编外)(?:人员经费(?:支出)?|人员支出)", "expenditure.personnel"),
    _t("exp.public", r"公用经费(?:支出)?|日常公用(?:经费|支出)|(?<!其他)商品和服务支出", "expenditure.public"),
    _t("exp.remit", r"上缴上级支出", "expenditure.remit_superior"),
    _t("exp.operating", r"(?<!非)(?:事业单位)?经营支出", "expenditure.operating"),
    _t("exp.subsidy", r"对附属单位补助支出", "expenditure.subsidy_affiliated"),
    # three public -----------------------------------------------------------------------
    # "“三公”经费及会议费、培训费预算支出共…": a whole of more than the 三公, no concept of the catalogue
    _t("tp.with_fees", rf"[“\"']?三公[”\"']?经费(?:[及和与、](?:{FEES_BESIDE_THREE_PUBLIC}))+", ""),
    _t("tp.total", r"[“\"']?三公[”\"']?经费(?:财政拨款)?(?:支出)?(?:总额|合计)?", "three_public.total"),
    _t(
        "tp.overseas",
        r"因公出国\s*[(（]?境[)）]?\s*(?:费用?|经费)(?:支出)?|因国出国\s*[(（]?境[)）]?\s*费用?",
        "three_public.overseas",
    ),
    _t(
        "tp.vehicles",
        r"公务用车购置及运行(?:维护|维修)?费(?:支出)?|公务用车购置及运行\s*[(（]?维护[)）]?费",
        "three_public.vehicles",
    ),
    _t("tp.vehicles_purchase", r"公务用车购置费?(?:支出)?(?!及)", "three_public.vehicles_purchase"),
    _t(
        "tp.vehicles_operation",
        r"公务用车运行(?:维护|维修)?费(?:支出)?|公务用车运行\s*[(（]?维护[)）]?费",
        "three_public.vehicles_operation",
    ),
    _t("tp.reception", r"(?<!国内)公务接待费(?:支出)?", "three_public.reception"),
    _t("tp.reception_foreign", r"外宾接待(?:支出|费)", "three_public.reception_foreign"),
    _t("tp.reception_domestic", r"国内公务接待(?:支出|费)", "three_public.reception_domestic"),
    # procurement ------------------------------------------------------------------------
    # 政府采购预算总额 / 政府采购资金 / 本部门政府采购安排X万元: the department's procurement
    _t("pr.total", r"政府采购(?:支出)?(?:总额|合计|预算|资金|安排)|政府采购支出(?=\s*[\d为:])", "procurement.total"),
    _t("pr.amount", r"(?:实际)?采购(?:金额|总额)", "procurement.total", within="procurement", generic=True),
    # each kind's own figure: 政府采购货物预算 / 拟采购货物支出 / 货物采购支出 (货物类采购预算 inside procurement)
    _t(
        "pr.goods",
        r"(?:政府|拟)采购货物(?:支出)?(?:预算)?|(?<!授予中小企业合同金额占)货物采购支出",
        "procurement.goods",
    ),
    _t("pr.works", r"(?:政府|拟)采购工程(?:支出)?(?:预算)?|工程采购支出", "procurement.works"),
    _t("pr.services", r"(?:政府|拟)采购服务(?:支出)?(?:预算)?|服务采购支出", "procurement.services"),
    _t("pr.goods.in", r"货物(?:类|采购)(?:采购)?(?:支出|预算)?", "procurement.goods", within="procurement"),
    _t("pr.works.in", r"工程(?:类|采购)(?:采购)?(?:支出|预算)?", "procurement.works", within="procurement"),
    _t("pr.services.in", r"服务(?:类|采购)(?:采购)?(?:支出|预算)?", "procurement.services", within="procurement"),
    _t("pr.sme", r"授予中小企业(?:的)?合同(?:金额|总?额)", "procurement.sme"),
    _t("pr.small_micro", r"授予小微企业(?:的)?合同(?:金额|总?额)", "procurement.small_micro"),
    # other money ------------------------------------------------------------------------
    _t("agency", r"机关运行经费(?:支出)?", "agency_operating_cost"),
    # "上年结转结余的一般公共预算收入": the carry-over's part of that scope, not income
    _t(
        "carry.open",
        rf"{_SCOPED}?(?:年初|上年)结转(?:(?:和|及)?结余)?(?:收入|资金)?(?:的{_SCOPED}(?:收入)?)?",
        "carryover.opening",
    ),
    _t("carry.close", rf"{_SCOPED}?(?:年末|年终)(?:结转(?:和|及)?)?结余|结转下年", "carryover.closing"),
    _t("surplus.dist", r"结余分配", "surplus_distribution"),
    _t("surplus.used", r"使用非财政拨款结余", "non_fiscal_surplus_used"),
    _t("assets", r"资产(?:总额|总计|合计)|(?<![\u4e00-\u9fff])资产(?=\s*\d)", "assets.total"),
    # counts -----------------------------------------------------------------------------
    # "购置车辆0辆" counts purchases, not the fleet
    _t(
        "veh.count",
        r"(?<!购置)(?<!购买)(?<!更新)(?:公务用车(?:保有量|数量)?|(?:共有|现有|实有)?车辆)",
        "vehicles.count",
        units=("辆",),
    ),
    _t("staff.auth", r"(?:核定的?)?(?:人员)?编制(?:人数|数)?|核定编制", "staff.authorized", units=_COUNT_PEOPLE),
    _t("staff.in", r"(?:年末|实有|实际)?在职(?:人员|人数|职工)?", "staff.in_service", units=_COUNT_PEOPLE),
    _t("staff.retired", r"离退休(?:人员|人数|职工|干部)?|退休(?:人员|职工|干部)", "staff.retired", units=_COUNT_PEOPLE),
    _t("staff.fiscal", r"财政供养(?:人员|人数)", "staff.fiscally_supported", units=_COUNT_PEOPLE),
    _t(
        "staff.admin",
        r"行政(?:人员|编制)|公务员及参照公务员(?:法)?管理(?:的)?人员|行政编",
        "staff.administrative",
        units=_COUNT_PEOPLE,
    ),
    _t("staff.inst", r"事业(?:人员|编制)", "staff.institutional", units=_COUNT_PEOPLE),
    _t("staff.on", r"在编(?:人员|人数)", "staff.on_establishment", units=_COUNT_PEOPLE),
    # the kinds of staff outside the establishment (聘用, 派遣, 公益性岗位, 编外): each its own count;
    _t(
        "staff.other",
        r"(?:其他人员|编外(?:人员|聘用人员)?|公益性岗位(?:人员)?|(?:劳务)?派遣(?:人员|制人员)?"
        r"|(?:编外|合同制?|临时)?聘用(?:人员|制人员)?|临聘人员)"
        r"(?!(?:人员|制人员)?(?:经费|费|工资|补助|补贴|支出))",  # 临聘人员经费 is money (a project)
        "staff.other",
        units=_COUNT_PEOPLE,
    ),
    _t(
        "org.internal",
        r"内设(?:职能)?(?:机构|科室|股室|部门|处室|办公室|科|股)(?:[(（][\u4e00-\u9fff]{1,4}[)）])?"
        r"(?:个数|数)?|内设职能部门(?:个数)?",
        "org.internal_units",
        units=("个",),
    ),
    _t(
        "org.sub",
        # "下设二级预算单位N个", "纳入…编制范围的二级预算单位共N个"
        r"(?:下属|直属|所属|下设)(?:二级|基层)?(?:预算)?(?:事业)?单位(?:个数|数)?|二级预算单位",
        "org.subordinate_units",
        units=("个",),
    ),
)

# National 政府收支分类科目 function classes (类), as usually written.
FUNCTION_CLASSES: tuple[str, ...] = (
    "一般公共服务支出",
    "外交支出",
    "国防支出",
    "公共安全支出",
    "教育支出",
    "科学技术支出",
    "文化旅游体育与传媒支出",
    "文化体育与传媒支出",
    "社会保障和就业支出",
    "社会保障就业支出",
    "卫生健康支出",
    "医疗卫生与计划生育支出",
    "节能环保支出",
    "城乡社区支出",
    "农林水支出",
    "交通运输支出",
    "资源勘探工业信息等支出",
    "资源勘探信息等支出",
    "商业服务业等支出",
    "金融支出",
    "援助其他地区支出",
    "自然资源海洋气象等支出",
    "国土海洋气象等支出",
    "住房保障支出",
    "粮油物资储备支出",
    "灾害防治及应急管理支出",
    "其他支出",
    "转移性支出",
    "债务还本支出",
    "债务付息支出",
    "债务发行费用支出",
)
FUNCTION_CODES = range(201, 235)
"""类 of the 支出功能分类 (201 一般公共服务支出 … 234); a 2xx code outside it is a unit's code."""
ECONOMIC_CODES = (range(301, 400), range(501, 600))
"""类 of the 部门 (3xx) and 政府 (5xx) 支出经济分类."""


def concept_of_code(code: str) -> str | None:
    """The concept a classification code names: a function class (3 digits) or item, an economic class."""
    head = int(code[:3])
    if head in FUNCTION_CODES:
        return "expenditure.function" if len(code) == 3 else "expenditure.function_item"
    if any(head in r for r in ECONOMIC_CODES):
        return "expenditure.economic"
    return None


_CODED_RE = gated(r"(?P<label>[\u4e00-\u9fff]{2,30}?(?:\([一二三四]\))?)\s*\(\s*(?P<code>\d{3}|\d{7})\s*\)")
"""A name with its code in brackets, as prose writes a classified row: ``工资福利支出（301）``,
``行政运行（2010401）``, ``机关资本性支出（一）（503）`` (text normalised: ASCII brackets)."""
_BRACKETED_CODE = re.compile(r"\(\s*(?:\d{3}|\d{7})\s*\)")  # how every _CODED_RE match ends: a quick first test
_LEAD_WORDS = re.compile(r"^(?:其中|包括|主要|用于|本部门|本单位)+")
_CODED_TERMS = {
    c: Term(f"coded.{c}", _CODED_RE, c)
    for c in ("expenditure.function", "expenditure.function_item", "expenditure.economic")
}


def _coded_matches(text: str) -> list[TermMatch]:
    out: list[TermMatch] = []
    for m in _CODED_RE.finditer(text) if _BRACKETED_CODE.search(text) else ():
        concept = concept_of_code(m.group("code"))
        label = _LEAD_WORDS.sub("", m.group("label"))
        if concept is None or len(label) < 2:
            continue
        out.append(TermMatch(_CODED_TERMS[concept], m.end("label") - len(label), m.end(), label=label))
    return out


_CLASS_NAMES = "|".join(sorted((re.escape(c) for c in FUNCTION_CLASSES), key=len, reverse=True))
_MARK_CLASS = r"\s*[(（]\s*类\s*[)）]"
_MARK_KUAN = r"\s*[(（]\s*款\s*[)）]"
_MARK_ITEM = r"\s*[(（]\s*项\s*[)）]"
_CJK_NAME = r"[\u4e00-\u9fff、]"

FUNCTION_CLASS_RE = re.compile(
    rf"(?P<label>{_CLASS_NAMES}|{_CJK_NAME}{{2,20}}?(?:支出)?)(?={_MARK_CLASS})"
    rf"|(?P<bare>{_CLASS_NAMES})"
)
# a justified line spaces its characters out ("职 业 年 金 缴 费 支 出 ( 项 )"): single spaces are layout
FUNCTION_ITEM_RE = re.compile(rf"(?P<label>{_CJK_NAME}(?: ?{_CJK_NAME}){{1,29}}?)[”\"」]?(?={_MARK_ITEM})")
KUAN_RE = re.compile(rf"{_CJK_NAME}{{2,30}}?{_MARK_KUAN}")
_FUNCTION_CLASS_TERM = Term("function.class", FUNCTION_CLASS_RE, "expenditure.function")
_FUNCTION_ITEM_TERM = Term("function.item", FUNCTION_ITEM_RE, "expenditure.function_item")
_MARKERS = re.compile(rf"{_MARK_CLASS}|{_MARK_KUAN}|{_MARK_ITEM}")
_HAS_CLASS_MARK, _HAS_ITEM_MARK = gated(_MARK_CLASS), gated(_MARK_ITEM)
_BARE_CLASS_RE = re.compile(rf"(?P<bare>{_CLASS_NAMES})")
"""FUNCTION_CLASS_RE where no （类） marker is (its first branch needs one); every class name ends in 支出."""


def _function_matches(text: str) -> list[TermMatch]:
    out: list[TermMatch] = []
    for m in FUNCTION_ITEM_RE.finditer(text) if _HAS_ITEM_MARK.search(text) else ():
        label = m.group("label")
        # the item name starts after the last 类/款 marker or enumerator before it
        label = re.split(r"[)）]", label)[-1]
        label = re.sub(r"^[\d.、]+", "", label)
        start = m.end("label") - len(label)
        item_marker = _MARKERS.match(text, m.end())
        end = item_marker.end() if item_marker else m.end()
        out.append(TermMatch(_FUNCTION_ITEM_TERM, start, end, label=label.replace(" ", "")))
    classes = FUNCTION_CLASS_RE if _HAS_CLASS_MARK.search(text) else _BARE_CLASS_RE if "支出" in text else None
    for m in classes.finditer(text) if classes else ():
        group = m.lastgroup or "bare"
        label = re.sub(r"^[\d.、]+", "", m.group(group))
        marker = _MARKERS.match(text, m.end(group))
        # "一般公共服务（类）支出" writes the class name around its marker
        spent = marker is not None and text.startswith("支出", marker.end())
        known = next((c for c in FUNCTION_CLASSES if label.endswith(c)), None)
        split = next((c for c in FUNCTION_CLASSES if spent and label.endswith(c.removesuffix("支出"))), None)
        written = known or (split.removesuffix("支出") if split else label)
        start = m.end(group) - len(written)  # "用于一般公共服务支出（类）" names the class, not "用于…"
        label = known or split or label
        end = marker.end() if marker else m.end(group)
        if marker is None and group == "label":
            continue
        out.append(TermMatch(_FUNCTION_CLASS_TERM, start, end, label=label))
    return out


_GATED: tuple[tuple[Term, frozenset[str] | None], ...] = tuple((t, first_chars(t.pattern)) for t in TERMS)
"""Each term with the characters its matches start with: a text holding none of them is not
scanned for the term (most fragments hold none of most terms)."""
_STARTS = start_index([first for _, first in _GATED], [needed_words(t.pattern) for t in TERMS])


@lru_cache(maxsize=4096)
def find_terms(text: str) -> tuple[TermMatch, ...]:
    """Non-overlapping concept terms in ``text``, in order; longer matches win overlaps.

    Cached: a document repeats many fragments (table labels, headers, sentences read by
    several readers), and the answer depends on the text alone."""
    candidates = _function_matches(text)
    if "(" in text:
        candidates += _coded_matches(text)
    for i in _STARTS.of(text):  # the terms a character of the text can start, in table order
        term = TERMS[i]
        for m in term.pattern.finditer(text):
            if m.end() > m.start():
                candidates.append(TermMatch(term, m.start(), m.end(), scope=term.scope or scope_in(m.group())))
    # function rows are decided by their markers: they win over any term inside them
    candidates.sort(
        key=lambda c: (c.term.concept.startswith("expenditure.function") is False, -(c.end - c.start), c.start)
    )
    # a position map of the terms taken so far: a candidate is free when none of its characters
    # is taken (linear in the text, where comparing with every taken term was quadratic)
    taken: list[TermMatch] = []
    used = bytearray(len(text))
    for c in candidates:
        if c.end > c.start and not any(used[c.start : c.end]):
            taken.append(c)
            used[c.start : c.end] = b"\x01" * (c.end - c.start)
    taken.sort(key=lambda c: c.start)
    return tuple(taken)
