"""What the rules left open: figures, placed numbers, and the windows a model is shown."""

from __future__ import annotations

from decimal import Decimal

from extractor.backends.open_figures import open_figures, placed_numbers, windows
from extractor.chunk import OMITTED, chunk_document, table_spans
from extractor.document import build_document
from extractor.ground import evidence_for
from extractor.result import Extraction, Fact, Project

PROSE = (
    "一、2023年度收支情况\n"
    "1. 本年收入合计93.93万元，比上年增加19.08万元。本年支出与上年持平。第2部分见附件3，—4—\n"
    "（2）全年1-12月开展活动20余场。\n"
)


def _fact(doc, text: str, value: str, concept: str = "income.total", **kw) -> Fact:
    s = doc.text.index(text)
    return Fact(concept=concept, value=Decimal(value), evidence=evidence_for(doc, s, s + len(text)), **kw)


def test_years_list_numbers_and_page_or_annex_numbers_are_not_figures():
    doc = build_document("p.txt", PROSE)
    assert [n.text for n in open_figures(doc, set())] == ["93.93", "19.08", "持平", "20"]


def test_a_figure_a_rules_value_was_read_from_is_placed():
    doc = build_document("p.txt", PROSE)
    rules = Extraction(
        facts=(
            _fact(doc, "本年收入合计93.93万元", "93.93"),
            _fact(doc, "本年支出与上年持平", "0", concept="expenditure.total", measure="change"),
        )
    )
    left = open_figures(doc, placed_numbers(doc, rules))
    assert [n.text for n in left] == ["19.08", "20"]


def test_prose_windows_are_the_sentences_holding_open_figures():
    doc = build_document("p.txt", PROSE)
    (chunk,) = chunk_document(doc)
    rules = Extraction(facts=(_fact(doc, "本年收入合计93.93万元", "93.93"),))
    left = [n for n in open_figures(doc, placed_numbers(doc, rules)) if n.text != "20"]
    wins = windows(doc, chunk, left, table_spans(doc))
    shown = [doc.text[s:e] for s, e in wins]
    assert shown == ["1. 本年收入合计93.93万元，比上年增加19.08万元。本年支出与上年持平。"]
    narrowed = chunk.__class__(**{**{k: getattr(chunk, k) for k in chunk.__slots__}, "windows": wins})
    assert narrowed.excerpt() == f"{OMITTED}\n{shown[0]}\n{OMITTED}"


def _row(doc, line: str) -> Project:
    s = doc.text.index(line)
    name, budget, actual = line.split("\t")
    b, a = s + len(name) + 1, s + len(name) + 1 + len(budget) + 1
    return Project(
        name=name,
        budget=Decimal(budget),
        actual=Decimal(actual),
        evidence=evidence_for(doc, s, s + len(line)),
        cells={"budget": evidence_for(doc, b, b + len(budget)), "actual": evidence_for(doc, a, a + len(actual))},
    )


def test_table_windows_are_rows_with_the_table_header():
    rows = [
        "基本支出\t300.00\t311.20",
        "其中:人员经费\t250.00\t260.10",
        "公用经费\t50.00\t51.10",
        "项目支出\t50.00\t47.32",
        "合计\t350.00\t358.52",
    ]
    doc = build_document("t.txt", "支出决算表\n单位：万元\n项目\t预算数\t决算数\n" + "\n".join(rows) + "\n")
    (chunk,) = chunk_document(doc)
    rules = Extraction(projects=tuple(_row(doc, r) for r in rows if not r.startswith("项目支出")))
    left = open_figures(doc, placed_numbers(doc, rules))
    assert [n.text for n in left] == ["50.00", "47.32"]
    shown = [doc.text[a:b] for a, b in windows(doc, chunk, left, table_spans(doc))]
    assert shown == ["支出决算表\n单位:万元\n项目\t预算数\t决算数", "项目支出\t50.00\t47.32"]


def test_a_row_written_one_cell_per_line_goes_back_to_its_label():
    cells = [
        "指标",
        "目标值",
        "完成值",
        "年度累计培训职工人数合计",
        ">=2990人次(含线上培训)",
        "2990人次(含线上培训)",
        "满意度",
        ">=90%",
        "95%",
    ]
    doc = build_document("c.txt", "\n".join(cells) + "\n")
    (chunk,) = chunk_document(doc)
    left = [n for n in open_figures(doc, set()) if n.text == "95"]
    shown = [doc.text[a:b] for a, b in windows(doc, chunk, left, table_spans(doc))]
    assert shown == ["指标\n目标值\n完成值\n年度累计培训职工人数合计", "满意度\n>=90%\n95%"], (
        "header: the lines before the first figure (here the first row's label too)"
    )
