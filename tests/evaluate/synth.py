"""Synthetic gold, its document and results built from gold, for the scorer's tests.

The document is small and generic (no sample names or values); every gold quote is a line
of it, so a result built from the gold is perfectly grounded. :func:`result_from_gold` works
for any gold file (the real ones too): evidence is the gold quote re-found in the text, and
each expected finding becomes a material result finding naming its concepts and culprit.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from extractor.document import normalise
from extractor.evaluate.gold import Gold, GoldCulprit
from extractor.ground import align
from extractor.numbers import find_numbers
from extractor.result import (
    Culprit,
    Evaluation,
    Evidence,
    Fact,
    Finding,
    FindingFact,
    Indicator,
    Project,
    Provenance,
    Result,
    SourceInfo,
)

DOCUMENT = "synthetic_report.txt"

TEXT = (
    "\n".join(
        [
            "示例单位2023年度部门整体支出绩效自评报告",
            "本年支出合计500.00万元",
            "基本支出400.00万元，占80.00%",
            "项目支出100.00万元",
            "财政拨款支出450.00万元",
            "一般公共服务支出（类）300.00万元",
            "社会保障和就业支出（类）200.00万元",
            "年末在职人员25人",
            "项目支出预算80.00万元",
            "项目支出执行率120.0%",
            "收入合计增长12%",
            "收入合计比上年增长15%",
            "办公设备购置项目\t20.00\t18.00\t90.0%",
            "职工培训项目\t10.00\t10.00\t100.0%",
            "产出指标\t数量指标\t培训人次\t10\t≥100人次\t120人次\t10",
            "产出指标\t质量指标\t设备验收合格率\t10\t100%\t100%\t9",
            "效益指标\t满意度指标\t职工满意度\t20\t≥90%\t95%\t20",
            "自评得分92分，评价等级为优",
        ]
    )
    + "\n"
)


def _fact(concept: str, value: float | int, quote: str, **kw: Any) -> dict[str, Any]:
    return {
        "concept": concept,
        "measure": "actual",
        "period": "current",
        "scope": "all",
        "label": None,
        "value": value,
        "quote": quote,
        **kw,
    }


def gold_data() -> dict[str, Any]:
    """The synthetic gold file as JSON data (a fresh copy each call)."""
    return {
        "schema": "cn-budget-report/1",
        "document": DOCUMENT,
        "org_name": "示例单位",
        "fiscal_year": 2023,
        "report_kind": "department_performance_self_evaluation",
        "facts": [
            _fact("expenditure.total", 500.00, "本年支出合计500.00万元"),
            _fact("expenditure.basic", 400.00, "基本支出400.00万元"),
            _fact("expenditure.basic", 80.00, "基本支出400.00万元，占80.00%", measure="share"),
            _fact("expenditure.project", 100.00, "项目支出100.00万元"),
            _fact("expenditure.total", 450.00, "财政拨款支出450.00万元", scope="fiscal"),
            _fact("expenditure.function", 300.00, "一般公共服务支出（类）300.00万元", label="一般公共服务支出"),
            _fact("expenditure.function", 200.00, "社会保障和就业支出（类）200.00万元", label="社会保障和就业支出"),
            _fact("staff.in_service", 25, "年末在职人员25人"),
            _fact("expenditure.project", 80.00, "项目支出预算80.00万元", measure="budget", optional=True),
            _fact("expenditure.project", 120.0, "项目支出执行率120.0%", measure="rate"),
            _fact("income.total", 12, "收入合计增长12%", measure="change_pct", alternatives=[15]),
        ],
        "projects": [
            {
                "name": "办公设备购置项目",
                "budget": 20.00,
                "actual": 18.00,
                "rate": 90.0,
                "fiscal_budget": None,
                "fiscal_actual": None,
                "score": None,
                "quote": "办公设备购置项目\t20.00\t18.00\t90.0%",
            },
            {
                "name": "职工培训项目",
                "budget": 10.00,
                "actual": 10.00,
                "rate": 100.0,
                "fiscal_budget": None,
                "fiscal_actual": None,
                "score": None,
                "quote": "职工培训项目\t10.00\t10.00\t100.0%",
            },
        ],
        "indicators": [
            {
                "level1": "产出指标",
                "level2": "数量指标",
                "name": "培训人次",
                "weight": 10,
                "target": "≥100人次",
                "actual": "120人次",
                "score": 10,
                "note": None,
                "quote": "培训人次\t10\t≥100人次\t120人次\t10",
            },
            {
                "level1": "产出指标",
                "level2": "质量指标",
                "name": "设备验收合格率",
                "weight": 10,
                "target": "100%",
                "actual": "100%",
                "score": 9,
                "note": None,
                "quote": "设备验收合格率\t10\t100%\t100%\t9",
            },
            {
                "level1": "效益指标",
                "level2": "满意度指标",
                "name": "职工满意度",
                "weight": 20,
                "target": "≥90%",
                "actual": "95%",
                "score": 20,
                "note": None,
                "quote": "职工满意度\t20\t≥90%\t95%\t20",
            },
        ],
        "evaluation": {"score": 92, "grade": "优"},
        "expected_findings": [
            {
                "kind": "ratio",
                "concepts": ["expenditure.project"],
                "severity": "material",
                "note": "100.00/80.00 = 125% but stated 120.0%",
                "culprit": "expenditure.project rate 120.0 (should be 125.0)",
            },
            {
                "kind": "conflict",
                "concepts": ["income.total"],
                "severity": "material",
                "note": "收入 change_pct stated 12% and 15%",
                "culprit": None,
            },
        ],
        "notes": ["synthetic"],
    }


def gold(data: dict[str, Any] | None = None) -> Gold:
    raw = json.loads(json.dumps(data or gold_data()), parse_float=Decimal)
    return Gold.model_validate(raw)


def _evidence(text: str, quote: str | None, value: Decimal | None = None) -> Evidence:
    """The gold quote re-found in the (normalised) text; narrowed to the number when asked."""
    if quote:
        q = normalise(quote)[0]
        a = align(q, text)
        if a is not None:
            if value is not None:
                for n in find_numbers(text[a.start : a.end], a.start):
                    if n.value == value:
                        return Evidence(quote=n.text, start=n.start, end=n.end)
            return Evidence(quote=text[a.start : a.end], start=a.start, end=a.end)
    return Evidence(quote="?", start=0, end=1)


def _finding_fact(ref: str) -> FindingFact:
    if ref.startswith(("project:", "indicator:")):
        kind, _, name = ref.partition(":")
        return FindingFact(**{kind: name.rstrip("…"), "field": "budget"}, value=Decimal(0))
    if ref.startswith(("projects.", "indicators.")):
        kind, _, field = ref.partition(".")
        return FindingFact(**{kind[:-1]: "x", "field": field}, value=Decimal(0))
    concept, _, scope = ref.partition("@")
    return FindingFact(concept=concept, scope=scope or "all", value=Decimal(0))


def _culprit(c: GoldCulprit | None) -> Culprit | None:
    if c is None:
        return None
    return Culprit(
        concept=c.concept,
        measure=c.measure,
        scope=c.scope,
        label=c.label,
        project=c.project,
        indicator=c.indicator,
        field=c.field,
        value=c.value,
    )


def result_from_gold(g: Gold, text: str = "", *, findings: bool = True) -> Result:
    """A result saying exactly what the gold says (optional facts included)."""
    facts = [
        Fact(
            concept=f.concept,
            measure=f.measure,
            period=f.period,
            scope=f.scope,
            label=f.label,
            value=f.value,
            evidence=_evidence(text, f.quote),
        )
        for f in g.facts
    ]
    projects = []
    for p in g.projects:
        numbers = {k: getattr(p, k) for k in ("budget", "actual", "rate", "fiscal_budget", "fiscal_actual", "score")}
        cells = {k: _evidence(text, p.quote, v) for k, v in numbers.items() if v is not None}
        projects.append(Project(name=p.name, **numbers, evidence=_evidence(text, p.quote), cells=cells))
    indicators = []
    for i in g.indicators:
        cells = {k: _evidence(text, i.quote, getattr(i, k)) for k in ("weight", "score") if getattr(i, k) is not None}
        indicators.append(
            Indicator(
                level1=i.level1,
                level2=i.level2,
                name=i.name,
                weight=i.weight,
                target=i.target,
                actual=i.actual,
                score=i.score,
                note=i.note,
                evidence=_evidence(text, i.quote),
                cells=cells,
            )
        )
    ev_cells = {}
    if g.evaluation.score is not None:
        ev_cells["score"] = _evidence(text, f"{g.evaluation.score}分" if text else None, g.evaluation.score)
    found = (
        [
            Finding(
                id=f"f{n}",
                kind=ef.kind,
                rule=ef.kind,
                severity="material",
                facts=[_finding_fact(r) for r in ef.concepts],
                culprit=_culprit(ef.culprit_ref),
                message=ef.note or "",
            )
            for n, ef in enumerate(g.expected_findings)
            if ef.severity == "material"
        ]
        if findings
        else []
    )
    return Result(
        document=g.document,
        org_name=g.org_name,
        fiscal_year=g.fiscal_year,
        report_kind=g.report_kind,
        facts=facts,
        projects=projects,
        indicators=indicators,
        evaluation=Evaluation(score=g.evaluation.score, grade=g.evaluation.grade, cells=ev_cells),
        findings=found,
        provenance=Provenance(
            backend="gold",
            extractor_version="test",
            source=SourceInfo(format="txt", sha256="0" * 64, size_bytes=len(text.encode())),
        ),
    )


def write_tree(root: Path, data: dict[str, Any] | None = None) -> tuple[Path, Path, Path]:
    """``root/gold``, ``root/docs`` and ``root/results`` holding the synthetic case, perfectly answered."""
    gold_dir, docs_dir, results_dir = root / "gold", root / "docs", root / "results"
    for d in (gold_dir, docs_dir, results_dir):
        d.mkdir(parents=True, exist_ok=True)
    data = data or gold_data()
    (gold_dir / "synthetic_report.json").write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    (docs_dir / DOCUMENT).write_text(TEXT, encoding="utf-8")
    text = normalise(TEXT)[0]
    write_result(results_dir, result_from_gold(gold(data), text))
    return gold_dir, docs_dir, results_dir


def write_result(results_dir: Path, result: Result) -> None:
    (results_dir / f"{Path(result.document).stem}.json").write_text(result.to_json(), encoding="utf-8")
