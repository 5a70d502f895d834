"""Document metadata: organisation, fiscal year, report kind, self-evaluation score and grade.

Each value comes with the span it was read from. The title block (the first lines) is
searched first; body wordings (``单位名称：…``, ``…（本级）``, ``自评得分98分``) next.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from extractor.backends.rules.firstchars import gated
from extractor.document import Document
from extractor.numbers import decimals_of, parse_number

TITLE_CHARS = 400

_ORG_SUFFIX = (
    r"(?:委员会|联合会|总工会|工会|管理局|局|厅|委|办公室|办|院|中心|所|站|馆|队|学校|大学|学院|医院|政府|"
    r"协会|学会|联社|社|团|部|处|署|会|集团|公司|法院|检察院)"
)
_ORG = rf"[\u4e00-\u9fff()（）]{{2,40}}?{_ORG_SUFFIX}"

ORG_PATTERNS: tuple[tuple[re.Pattern[str], tuple[str, ...]], ...] = (
    # a labelled line of a cover: 预算单位：X / 编制单位：X / 评价项目单位：X / 项目主管部门：X
    (
        re.compile(
            rf"^\s*(?:预算单位|编制单位|(?:评价|被评价)?项目(?:实施)?单位|被评价单位|项目主管部门)\s*[:：]\s*"
            rf"(?P<org>{_ORG})\s*$",
            re.M,
        ),
        ("单位", "部门"),
    ),
    # 单位名称：X / 部门（单位）名称 ⏎ X / 单位名称 X
    (
        re.compile(
            rf"(?:部门|单位|预算单位)(?:\((?:单位|部门)\))?名称\s*[:：]?\s*\n?\s*(?P<org>{_ORG})(?![\u4e00-\u9fff])"
        ),
        ("名称",),
    ),
    # 2022年度X部门整体支出… / X2023年度部门决算
    (re.compile(rf"^\s*\(?\d{{4}}\s*年度?\)?\s*(?P<org>{_ORG})\s*(?:部门|单位)?(?:整体支出|决算|预算)", re.M), ("年",)),
    (re.compile(rf"^\s*(?P<org>{_ORG})\s*\d{{4}}\s*年度?\s*(?:部门|单位)?(?:整体支出|决算|预算)", re.M), ("年",)),
    # 所属单位：X（本级） / X（本级）
    (re.compile(rf"(?P<org>{_ORG})\s*\(本级\)"), ("(本级)",)),
    # X（部门）内设…
    (re.compile(rf"(?P<org>{_ORG})\s*\((?:部门|单位)\)"), ("(部门)", "(单位)")),
    # a cover page that opens with the organisation's name on a line of its own
    (re.compile(rf"\A\s*(?P<org>{_ORG})\s*$", re.M), ("",)),
)
"""Where a report names its organisation, in order of trust, each with the words one of which a
match holds (a text without them is not searched: most patterns open with a name, which the
engine would try at every position)."""

_YEAR_TITLE = gated(r"(?<!\d)(20\d{2}|19\d{2})\s*年(?:度)?")
_YEAR_ANY = re.compile(r"(?<!\d)(20\d{2})\s*年")

_KIND_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"项目支出绩效自评|项目绩效自评报告|项目支出绩效评价"), "project_performance_self_evaluation"),
    (
        re.compile(r"整体支出.{0,12}(?:绩效|自评)|绩效自评报告|整体绩效自评|整体支出\s*$", re.M),
        "department_performance_self_evaluation",
    ),
    (re.compile(r"(?:部门|单位)决算|决算公开|决算说明"), "department_final_accounts"),
    (re.compile(r"(?:部门|单位)(?:综合)?预算|预算(?:公开|情况说明)"), "department_budget"),
)
_BUDGET_ONLY_IN_TITLE = frozenset({"department_budget"})
"""Kinds read from the title only: 预算 words run through the body of every other kind."""

TITLE_LINES = 4
"""A disclosure names its kind in its first lines (a cover, or a title under the organisation)."""
_NOT_A_DISCLOSURE = re.compile(
    r"文件\s*$|〔\d{4}〕|[(（]\d{4}[)）]\s*\d+\s*号|通知\s*$|申请表|公报|法治政府建设|工作报告|工作要点|实施意见|"
    r"实施方案|管理办法|信息公开工作年度报告|年度报告\s*$",
    re.M,
)
"""Title lines of documents that are not budget disclosures (a notice, a government document,
a form, a bulletin, an annual report): a batch of real downloads holds such files."""

_SCORE = re.compile(
    r"(?:自评(?:价)?(?:结果)?(?:总)?得分|自评总分|总得分|综合得分|综合评分|评价总分|绩效自评得分|评价得分|得分)(?:为|是)?\s*[:：]?\s*\n?\s*"
    r"(?P<n>\d{1,3}(?:\.\d{1,2})?)\s*分"
)
_SCORE_TOTAL_ROW = gated(r"^\s*(?:总\s*分|合\s*计|总\s*计)\s*$", re.M)
_GRADE = gated(
    r"(?:评价等级|绩效等级|评定等级|等级|登记|级别)\s*(?:为|是|:|：)?\s*[“\"'「]?(?P<g>优秀|优|良好|良|中|合格|及格|差|不合格)[”\"'」]?"
    r"|(?:评价|自评|绩效|结果|得分)[^。\n]{0,24}(?:属于|评为|定为|评价为|为)\s*[“\"'「]?"
    r"(?P<g2>优秀|优|良好|良|中|合格|及格|差|不合格)[”\"'」]?"
)
_GRADE_END = re.compile(r"[”\"'」。，,;；)）\s]|$")


@dataclass(frozen=True)
class Found:
    value: object
    start: int
    end: int
    decimals: int = 0


def find_year(doc: Document) -> Found | None:
    head = doc.text[:TITLE_CHARS]
    m = _YEAR_TITLE.search(head)
    if m:
        return Found(int(m.group(1)), m.start(1), m.end(1))
    years = Counter(m.group(1) for m in _YEAR_ANY.finditer(doc.text))
    if not years:
        return None
    year, _ = years.most_common(1)[0]
    m2 = re.search(rf"(?<!\d){year}\s*年", doc.text)
    assert m2 is not None
    return Found(int(year), m2.start(), m2.start() + 4)


def find_org(doc: Document) -> Found | None:
    for pattern, needs in ORG_PATTERNS:
        if not any(word in doc.text for word in needs):
            continue
        for m in pattern.finditer(doc.text):
            org = m.group("org").strip()
            # drop leading words that belong to the title ("年度", "附件")
            org = re.sub(r"^(?:年度|附件\d*|关于)", "", org)
            if len(org) < 3:
                continue
            start = m.start("org") + m.group("org").index(org)
            return Found(org, start, start + len(org))
    return None


def _title(doc: Document) -> str:
    """The first few non-empty lines (at most TITLE_CHARS characters)."""
    lines: list[str] = []
    end = 0
    for m in re.finditer(r"[^\n]*\n?", doc.text[:TITLE_CHARS]):
        if m.group().strip():
            lines.append(m.group())
            end = m.end()
            if len(lines) == TITLE_LINES:
                break
    return doc.text[:end]


def _earliest(where: str, rules: tuple[tuple[re.Pattern[str], str], ...]) -> Found | None:
    best: Found | None = None
    for pattern, kind in rules:
        m = pattern.search(where)
        if m and (best is None or m.start() < best.start):
            best = Found(kind, m.start(), m.end())
    return best


def is_not_a_disclosure(doc: Document) -> bool:
    """True when the title names another kind of document and no disclosure kind."""
    title = _title(doc)
    return _NOT_A_DISCLOSURE.search(title) is not None and _earliest(title, _KIND_RULES) is None


def find_kind(doc: Document) -> Found | None:
    """The kind its title names; else the first kind wording in the body (never a budget:
    预算 words run through every kind's body)."""
    found = _earliest(_title(doc), _KIND_RULES) or _earliest(doc.text[:TITLE_CHARS], _KIND_RULES)
    if found is not None:
        return found
    body_rules = tuple(r for r in _KIND_RULES if r[1] not in _BUDGET_ONLY_IN_TITLE)
    return _earliest(doc.text, body_rules)


def find_score(doc: Document, kind: str | None = None) -> Found | None:
    """The self-evaluation score. In a department report a score inside a project's
    paragraph is the project's; in a project report it is the report's own."""
    candidates = []
    for m in _SCORE.finditer(doc.text):
        value = parse_number(m.group("n"))
        context = doc.text[max(0, m.start() - 60) : m.start()]
        if kind != "project_performance_self_evaluation" and "项目" in context and not re.search(r"整体|部门", context):
            continue  # a project's own self-evaluation score
        if doc.text[max(0, m.start() - 2) : m.start()].endswith("平均"):
            continue  # "平均得分91.6分": an average over projects
        if Decimal(0) < value <= Decimal(100):
            candidates.append(Found(value, m.start("n"), m.end("n"), decimals_of(m.group("n"))))
    if candidates:
        return candidates[0]
    # an indicator table closing on a "总分 | 100 | 98" row: weight total, then the score
    for m in _SCORE_TOTAL_ROW.finditer(doc.text):
        nums = list(re.finditer(r"(?<![\d.])\d{1,3}(?:\.\d{1,2})?(?![\d.])", doc.text[m.end() : m.end() + 40]))
        if len(nums) >= 2 and parse_number(nums[0].group()) == 100:
            n = nums[1]
            value = parse_number(n.group())
            if value <= 100:
                return Found(value, m.end() + n.start(), m.end() + n.end(), decimals_of(n.group()))
    return None


def find_grade(doc: Document) -> Found | None:
    for m in _GRADE.finditer(doc.text):
        g = "g" if m.group("g") else "g2"
        if not _GRADE_END.match(doc.text, m.end(g)):
            continue  # "优秀党员" is no grade
        return Found(m.group(g), m.start(g), m.end(g))
    return None
