"""Findings in words: one sentence in Chinese for the report's reader, one in English.

Figures are shown as the report wrote them (their decimals); computed values with the same
decimals, or one more where that is needed to show the difference.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from extractor.concepts import BY_ID
from extractor.reconcile.candidates import Candidate
from extractor.reconcile.intervals import quantize
from extractor.result import Culprit, FindingFact

__all__ = ["culprit_text", "fmt", "name_en", "name_zh", "ocr_note", "relation_text"]

_MEASURE_ZH = {
    "actual": "",
    "budget": "预算数",
    "rate": "执行率",
    "share": "占比",
    "change": "比上年增减额",
    "change_pct": "比上年增减率",
    "vs_budget": "较预算增减额",
}
_SCOPE_ZH = {
    "all": "",
    "fiscal": "财政拨款",
    "general_public_budget": "一般公共预算财政拨款",
    "government_fund": "政府性基金预算财政拨款",
    "state_capital": "国有资本经营预算财政拨款",
}
_FIELD_ZH = {
    "budget": "预算数",
    "actual": "执行数",
    "rate": "执行率",
    "fiscal_budget": "其中财政拨款预算数",
    "fiscal_actual": "其中财政拨款执行数",
    "score": "得分",
    "weight": "权重",
}
_SIGNATURE_ZH = {
    "typo": "一位数字笔误",
    "transposed": "相邻数字颠倒",
    "x10": "小数点错位（10倍）",
    "x100": "小数点错位（100倍）",
    "yuan_vs_wan": "元与万元混用",
    "sign": "正负号错误",
    "zero": "漏填为0",
}
_SIGNATURE_EN = {
    "typo": "one-digit typo",
    "transposed": "transposed digits",
    "x10": "decimal point slipped (×10)",
    "x100": "decimal point slipped (×100)",
    "yuan_vs_wan": "元 read as 万元 (×10000)",
    "sign": "wrong sign",
    "zero": "left at 0",
}


def fmt(v: Decimal, decimals: int | None = None) -> str:
    if not v.is_finite():
        return "∞" if v > 0 else "−∞"
    if decimals is None:
        exp = v.as_tuple().exponent
        return f"{v:f}" if isinstance(exp, int) and exp >= -8 else f"{v.normalize():f}"
    return f"{quantize(v, decimals):f}"


def _short(name: str, limit: int = 24) -> str:
    return name if len(name) <= limit else name[: limit - 4] + "…"


def name_zh(ff: FindingFact | Culprit) -> str:
    if ff.project is not None:
        return f"项目“{_short(ff.project)}”{_FIELD_ZH.get(ff.field or '', ff.field or '')}"
    if ff.indicator is not None:
        return f"指标“{_short(ff.indicator)}”{_FIELD_ZH.get(ff.field or '', ff.field or '')}"
    if ff.concept == "evaluation.score":
        return "自评得分"
    if ff.concept is None:
        return "常数"
    concept = BY_ID.get(ff.concept)
    base = ff.label or (concept.zh[0] if concept else ff.concept)
    scope = _SCOPE_ZH.get(ff.scope or "all", "")
    if scope and base.startswith(scope):
        scope = ""
    prior = "上年" if ff.period == "prior" else ""
    return f"{prior}{scope}{base}{_MEASURE_ZH.get(ff.measure or 'actual', '')}"


def name_en(ff: FindingFact | Culprit) -> str:
    if ff.project is not None:
        return f"project '{_short(ff.project)}' {ff.field}"
    if ff.indicator is not None:
        return f"indicator '{_short(ff.indicator)}' {ff.field}"
    if ff.concept is None:
        return "constant"
    label = f"[{ff.label}]" if ff.label else ""
    scope = f"@{ff.scope}" if ff.scope and ff.scope != "all" else ""
    measure = f" {ff.measure}" if ff.measure and ff.measure != "actual" else ""
    prior = " (prior year)" if ff.period == "prior" else ""
    return f"{ff.concept}{label}{scope}{measure}{prior}"


def _computed_text(point: Decimal | None, stated: Decimal, decimals: int) -> str:
    if point is None:
        return "?"
    shown = fmt(point, decimals)
    if Decimal(shown) == stated:
        shown = fmt(point, decimals + 1)
    return shown


def relation_text(
    bound: bool, cands: Sequence[Candidate], expression: str, stated: Decimal, point: Decimal | None
) -> tuple[str, str]:
    """(zh, en) sentence for a failed or rounding check."""
    head = cands[0]
    d = head.decimals
    pct = "%" if head.fact.measure in ("rate", "share", "change_pct") or head.fact.field == "rate" else ""
    if bound:
        whole = head.fact
        parts = cands[1:]
        part_zh = "、".join(name_zh(c.fact) for c in parts) + ("之和" if len(parts) > 1 else "")
        part_en = " + ".join(name_en(c.fact) for c in parts)
        return (
            f"{part_zh}{fmt(stated)}超过{name_zh(whole)}{fmt(whole.value, d)}",
            f"{part_en} = {fmt(stated)} exceeds {name_en(whole)} {fmt(whole.value, d)}",
        )
    comp = _computed_text(point, stated, d)
    zh = f"{name_zh(head.fact)}{fmt(stated, d)}{pct}与{expression}={comp}{pct}不符"
    en = f"{name_en(head.fact)} {fmt(stated, d)}{pct} vs {expression} = {comp}{pct}"
    return zh, en


def culprit_text(culprit: Culprit | None, undetermined: bool) -> tuple[str, str]:
    if culprit is None:
        if undetermined:
            return "；无法确定哪一个数有误", "; which figure is wrong is undetermined"
        return "", ""
    sig_zh = f"，{_SIGNATURE_ZH[culprit.signature]}" if culprit.signature in _SIGNATURE_ZH else ""
    sig_en = f", {_SIGNATURE_EN[culprit.signature]}" if culprit.signature in _SIGNATURE_EN else ""
    value = fmt(culprit.value) if culprit.value is not None else "?"
    if culprit.suggested is not None and culprit.confidence == "low" and culprit.value is not None:
        # only a bound says what fits: the suggestion is a limit
        up = culprit.suggested > culprit.value
        fix_zh = f"，应{'不低于' if up else '不超过'}{fmt(culprit.suggested)}"
        fix_en = f", should be {'at least' if up else 'at most'} {fmt(culprit.suggested)}"
    elif culprit.suggested is not None:
        fix_zh, fix_en = f"，应为{fmt(culprit.suggested)}", f", should be {fmt(culprit.suggested)}"
    else:
        fix_zh = fix_en = ""
    return (
        f"；疑为{name_zh(culprit)}{value}有误{fix_zh}{sig_zh}",
        f"; likely wrong: {name_en(culprit)} {value}{fix_en}{sig_en}",
    )


def ocr_note(facts: Sequence[FindingFact]) -> tuple[str, str]:
    """(zh, en) clause for a finding on figures read by OCR: it may be a reading error rather
    than the report's; the least sure reading is named with the engine's confidence."""
    read = [(f.evidence.confidence, f) for f in facts if f.evidence is not None and f.evidence.confidence is not None]
    if not read:
        return "", ""
    conf, least = min(read, key=lambda cf: cf[0])
    some_zh = "所涉数字" if len(read) == len(facts) else f"其中{len(read)}个数字"
    some_en = "the figures" if len(read) == len(facts) else f"{len(read)} of the figures"
    return (
        f"；{some_zh}经OCR识别，可能是识别错误而非报告本身的错误（最低置信度{conf:.3f}：{name_zh(least)}{fmt(least.value)}）",
        f"; {some_en} were read by OCR, so this may be a reading error rather than the report's "
        f"(lowest confidence {conf:.3f}: {name_en(least)} {fmt(least.value)})",
    )
