"""A number bound to its subject: the checks that decide whether the words between them make a
fact, and the fact built with its evidence.

The scanner (:mod:`.sentences`) decides which subject a number belongs to; :func:`bind` decides
whether they make a fact — the unit fits the concept (a count of people, not 万元; money, not a
percentage), the number is no target, the words between are few enough to be sure — and reads its
measure and period from the cue words before the number (:func:`patterns.classify`). Offsets are
into the joined paragraphs (:class:`View`), the evidence into the document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from extractor.backends.rules import patterns
from extractor.backends.rules.lexicon import TermMatch
from extractor.backends.rules.prose import Prose
from extractor.backends.rules.scopes import scope_in
from extractor.concepts import BY_ID, WAN_SHIFT, money_unit, unit_for
from extractor.document import Document
from extractor.ground import evidence_for
from extractor.numbers import decimals_of, parse_number, to_wan
from extractor.result import Fact

__all__ = ["MAX_QUOTE", "View", "as_budget", "bind", "fact", "rate_after_budget", "rate_of"]

MAX_QUOTE = 120
"""The longest quote from the subject to its number; a longer one starts near the number."""


@dataclass(frozen=True, slots=True)
class View:
    """The document and the paragraphs the scanner reads (offsets into ``prose.text``)."""

    doc: Document
    prose: Prose

    @property
    def text(self) -> str:
        return self.prose.text


def rate_of(view: View, change: Fact, m: re.Match[str], measure: str = "change_pct") -> Fact:
    """The rate of a change written in brackets right after it, with the change's sign; with
    ``measure="rate"``, the execution rate written after the budget it is of."""
    value = parse_number(m.group("num"))
    if measure == "change_pct" and change.value < 0 < value:
        value = -value
    end = view.prose.doc_span(m.start(), m.end())[1]
    return change.model_copy(
        update={
            "measure": measure,
            "value": value,
            "unit": unit_for(change.concept, measure),
            "decimals": decimals_of(m.group("num")),
            "source_unit": None,
            "evidence": evidence_for(view.doc, change.evidence.start, end),
        }
    )


_COMPLETED_BUDGET = re.compile(r"完成(?:了)?(?:年初|全年|调整后?的?)?预算(?:数)?\s*[\d,.]+\s*(?:万元|元|亿元)$")
"""A budget figure an execution rate is of: "…完成预算100万元的80%"."""


def rate_after_budget(view: View, budget: Fact, m: re.Match[str]) -> Fact | None:
    """The execution rate written after the budget it is of ("完成预算100万元的80%"), else ``None``."""
    if m.group("unit") != "%" or budget.measure != "budget" or not _COMPLETED_BUDGET.search(budget.evidence.quote):
        return None
    return rate_of(view, budget, m, "rate")


_GLOSS = re.compile(r"\([^()]*\)")
_JOINED = re.compile(r"\s*(?:和|及|与|以及|、)\s*")
_NOUN_AFTER = re.compile(r"\s*[\u4e00-\u9fff]")
_BASIS = re.compile(r"[，,]\s*(?:按照?|根据|依据)[^，,。；;\d]{0,24}?(?:编报|编制|核定|测算|安排)(?=\s*[，,])")
"""How a figure was drawn up ("…9.5万元，按照支出标准编报，较上年减少…"): no other item."""


def bind(
    view: View,
    s: int,
    m: re.Match[str],
    subject: TermMatch | None,
    scope: str,
    last_token_end: int,
    last_bound_end: int,
    comparisons: patterns.LineComparisons,
    *,
    lead_from: int | None = None,
) -> Fact | None:
    if subject is None:
        return None
    concept = BY_ID.get(subject.concept)
    if concept is None:
        return None
    unit = m.group("unit")
    kind = patterns.unit_kind(unit)
    if unit == "人次":
        return None
    if concept.kind == "count":
        if kind != "count" or unit not in (subject.term.count_units or (unit,)):
            return None
    elif kind == "count":
        return None
    text = view.text
    if patterns.is_target(text[max(s, m.start() - 8) : m.start()]):
        return None
    if patterns.is_bound(text[max(s, m.start() - 8) : m.start()], text[m.end() : m.end() + 6]):
        return None
    lead_start = max(subject.start, last_token_end)
    between = _BASIS.sub("", _GLOSS.sub("", text[max(subject.end, last_bound_end) : m.start()]))
    if kind == "percent" and "占" in between:
        between = between[: between.rfind("占")]  # "占授予中小企业合同金额的": the whole, not noise
    if patterns.noisy(between, strict=concept.kind == "count" and last_bound_end > subject.end):
        return None  # too many other words between the subject and the number: unsure
    if concept.kind == "count" and _JOINED.fullmatch(between) and _NOUN_AFTER.match(text, m.end()):
        return None  # "3个内设机构和2个派出大队": a count joined on after the subject counts the noun after it
    # the comparison a change refers to may open the line ("与上年相比，A增加…；B增加…")
    if concept.scoped and scope == "all":
        scope = scope_in(text[subject.end : m.start()]) or scope
    if lead_from is not None:
        lead_start = lead_from  # a listed subject: its cue words stand before the number, not after it
    # the comparison named anywhere in the line before the number (looked up, not re-read: linear time)
    measured = patterns.classify(text[lead_start : m.start()], unit, comparison=comparisons.before(m.start()))
    if measured is None:
        return None
    if concept.kind == "count" and measured.measure != "actual":
        return None
    if subject.term.changes_only and measured.measure not in ("change", "change_pct"):
        return None
    if kind == "percent" and measured.measure not in ("rate", "share", "change_pct"):
        return None
    if kind == "money" and measured.measure in ("rate", "share", "change_pct"):
        return None
    raw = m.group("num")
    value = parse_number(raw)
    decimals = decimals_of(raw)
    if kind == "money":
        value, decimals = to_wan(value, unit, decimals)
    if measured.negative and value > 0:
        value = -value
    quote_start = subject.start if m.end() - subject.start <= MAX_QUOTE else max(lead_start, m.start() - 40)
    return fact(
        view,
        subject,
        scope,
        measured.measure,
        value,
        decimals,
        quote_start,
        m.end(),
        money_unit(unit) if kind == "money" else None,
        period=measured.period,
    )


def fact(
    view: View,
    subject: TermMatch,
    scope: str,
    measure: str,
    value: Decimal,
    decimals: int,
    start: int,
    end: int,
    source_unit: str | None,
    *,
    period: str = "current",
) -> Fact:
    return Fact(
        concept=subject.concept,
        measure=measure,
        period=period,
        scope=scope,
        label=subject.label,
        value=value,
        unit=unit_for(subject.concept, measure),
        decimals=decimals,
        evidence=evidence_for(view.doc, *view.prose.doc_span(start, end)),
        source_unit=source_unit if WAN_SHIFT.get(source_unit or "万元") else None,  # only a converted one
        backend="rules",
    )


_EXECUTED = re.compile(r"决算|执行|实际|完成|使用|到位|发生")
"""Words of execution (``patterns.ACTUAL_WORD`` without 支出, which every spending term holds)."""


def as_budget(facts: list[Fact]) -> list[Fact]:
    """In a budget's prose a sum of money stated with no word of execution (执行, 决算, 实际,
    完成 …) is the budget: ``一般公共服务支出2,345.67万元`` in a 部门预算 is its budget."""
    out = []
    for f in facts:
        if f.measure == "actual" and f.unit == "万元" and not _EXECUTED.search(f.evidence.quote):
            f = f.model_copy(update={"measure": "budget", "unit": unit_for(f.concept, "budget")})
        out.append(f)
    return out
