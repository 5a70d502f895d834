"""The chunk stage (extractor/chunk.py): offsets, budget, structure, routing."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest

from extractor.backends.llm.schema import ROUTING_TERMS
from extractor.chunk import chunk_document, route, split_chunk
from extractor.document import build_document
from extractor.ingest import read
from extractor.settings import Settings

SAMPLE_PATHS = sorted((Path(__file__).resolve().parents[1] / "eval" / "samples").glob("*.txt"))
assert SAMPLE_PATHS, "the bundled samples are where this test expects them"


@pytest.mark.parametrize("path", SAMPLE_PATHS, ids=lambda p: p.stem)
@pytest.mark.parametrize("budget", [400, 1500, 3000])
def test_invariants_on_the_samples(path, budget):
    doc = read(path, Settings.isolated())
    chunks = chunk_document(doc, max_chars=budget, overlap=100)
    assert chunks
    for i, c in enumerate(chunks):
        assert c.index == i
        assert doc.text[c.start : c.end] == c.text
        assert len(c) <= budget
        assert re.search(r"[0-9]", c.text), "chunks without figures are skipped"
    assert all(a.start < b.start for a, b in itertools.pairwise(chunks))
    covered = set()
    for c in chunks:
        covered.update(range(c.start, c.end))
    missed = [m.group() for m in re.finditer(r"[0-9]+(?:\.[0-9]+)?", doc.text) if m.start() not in covered]
    assert missed == [], "every figure is in some chunk"


def test_tab_table_is_kept_whole_and_headings_start_chunks():
    intro = "一、概况\n" + "本单位主要职责是服务群众，经费收支情况如下。" * 20 + "支出合计12.5万元。\n"
    table = "项目名称\t预算数\t执行数\n" + "".join(f"项目{i}\t{i}.00\t{i}.00\n" for i in range(1, 30))
    tail = "二、问题\n整改1项。\n"
    doc = build_document("t.txt", intro + table + tail)
    chunks = chunk_document(doc, max_chars=1000, overlap=50)
    t0 = doc.text.index("项目名称")
    holding = [c for c in chunks if c.start <= t0 < c.end]
    assert len(holding) == 1 and holding[0].text.rstrip().endswith("29.00\t29.00")
    assert chunks[-1].text.startswith("二、问题")


def test_table_larger_than_the_budget_is_cut_at_rows_with_its_header_as_context():
    table = "项目名称\t预算数\t执行数\n" + "".join(f"项目{i}\t{i}.00\t{i}.00\n" for i in range(1, 200))
    doc = build_document("t.txt", table)
    chunks = chunk_document(doc, max_chars=500, overlap=0)
    assert len(chunks) > 3
    for c in chunks:
        assert c.text.endswith(".00") and "\n项目" not in c.text[:1]
    assert chunks[1].context == "项目名称\t预算数\t执行数"


def test_overlap_only_where_the_budget_forced_the_cut():
    para = "".join(f"第{i}笔支出{i}.5万元。" for i in range(1, 200))
    doc = build_document("t.txt", "一、甲\n" + para + "\n二、乙\n收入3.5万元。\n")
    chunks = chunk_document(doc, max_chars=600, overlap=60)
    body = [c for c in chunks if "二、乙" not in c.text]
    assert any(b.start < a.end for a, b in itertools.pairwise(body)), "forced cuts overlap"
    last = chunks[-1]
    assert last.text.startswith("二、乙") and last.start >= chunks[-2].end, "no overlap across a heading"


def test_chunks_without_figures_are_skipped():
    doc = build_document("t.txt", "一、职责\n负责全县工作。\n二、收支\n支出10万元。\n")
    assert [c.text for c in chunk_document(doc, max_chars=200)] == ["一、职责\n负责全县工作。\n二、收支\n支出10万元。"]
    doc2 = build_document("t.txt", "一、职责\n" + "负责全县工作。" * 40 + "\n二、收支\n支出10万元。\n")
    chunks = chunk_document(doc2, max_chars=200)
    assert all("10万元" in c.text for c in chunks)


def test_split_chunk_halves_at_a_line():
    doc = build_document("t.txt", "".join(f"第{i}行支出{i}万元\n" for i in range(10)))
    (c,) = chunk_document(doc, max_chars=1000)
    left, right = split_chunk(c)
    assert left.text + right.text == c.text and left.end == right.start
    assert left.text.endswith("\n") and abs(len(left) - len(right)) < 15


def test_route_by_terms():
    assert route("项目支出47.32万元", ROUTING_TERMS) == ("expenditure",)
    assert route("女职工体检项目预算6.08万元", ROUTING_TERMS) == ("expenditure", "projects")
    assert route("在职人员22人，公务用车1辆", ROUTING_TERMS) == ("three_public", "staff")
    assert route("政府采购支出0万元", ROUTING_TERMS) == ("expenditure", "procurement")
    assert route("无", ROUTING_TERMS, always=("metadata",)) == ("metadata",)


def test_windows_narrow_what_is_shown_and_survive_a_split():
    from dataclasses import replace

    from extractor.chunk import OMITTED

    doc = build_document("w.txt", "第一行10\n第二行20\n第三行30\n第四行40\n")
    (chunk,) = chunk_document(doc)
    a, b = doc.text.index("第二行"), doc.text.index("第四行")
    narrowed = replace(chunk, windows=((a, a + 5), (b, b + 5)))
    assert narrowed.excerpt() == f"{OMITTED}\n第二行20\n{OMITTED}\n第四行40"
    left, right = split_chunk(narrowed)
    assert left.windows == ((a, a + 5),) and right.windows == ((b, b + 5),)
    assert chunk.excerpt() == chunk.text


def test_a_table_chunk_carries_its_unit_line_and_header_rows():
    head = "表1 收入支出决算表\n单位：元\n项目\t2023年预算数\t2023年决算数\n\t（一）\t（二）\n"
    table = head + "".join(f"项目{i}\t{i}000.00\t{i}100.00\n" for i in range(1, 120))
    doc = build_document("u.txt", "一、概况\n" + "本单位经费收支情况如下。" * 30 + "\n" + table)
    chunks = chunk_document(doc, max_chars=600, overlap=0)
    inside = [c for c in chunks if c.start > doc.text.index("项目1\t")]
    assert len(inside) >= 3
    for c in inside:
        assert c.context == "表1 收入支出决算表\n单位:元\n项目\t2023年预算数\t2023年决算数\n\t(一)\t(二)", c.context
        assert c.text.split("\n")[0].startswith("项目") and c.text.endswith("00.00"), "cut between rows"
    first = next(c for c in chunks if c.start <= doc.text.index("项目\t2023") < c.end)
    assert "单位:元" in first.text and first.context == "", "nothing repeated that the chunk holds"


def test_a_table_whose_unit_line_is_in_the_chunk_before_gets_it_as_context():
    doc = build_document("v.txt", "说明" * 10 + "\n单位：万元\n" + "\n" * 1 + "项目\t决算数\n基本支出\t311.20\n")
    text = doc.text
    units = text.index("项目\t")
    from extractor.chunk import _line_units, _merge_tables, _table_context

    tables = [u for u in _merge_tables(doc, _line_units(doc)) if u.kind == "table"]
    assert _table_context(text, tables, units, len(text)) == "单位:万元"
