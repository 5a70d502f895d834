"""Wrapped lines joined into paragraphs, on text written for the test."""

from __future__ import annotations

from extractor.backends.rules.prose import join_paragraphs, width

_FULL = "本部门二〇二六年度一般公共预算财政拨款支出安排情况如下所述并"  # 31 CJK: width 62


def _page(*lines: str) -> str:
    # five full-width body lines make the width of the page's text
    filler = [_FULL + "，" if i % 2 else _FULL for i in range(6)]
    return "\n".join([*filler, "。", *lines])


def test_a_wrapped_sentence_is_one_line_and_maps_back() -> None:
    text = _page(_FULL[:26] + "增加 5.37", "万元，增长 1.27%。")
    prose = join_paragraphs(text)
    assert _FULL[:26] + "增加 5.37万元，增长 1.27%。" in prose.text.split("\n")
    assert all(text[prose.offset(i)] == c for i, c in enumerate(prose.text))
    i = prose.text.index("5.37万元")
    start, end = prose.doc_span(i, i + len("5.37万元"))
    assert text[start:end] == "5.37\n万元"


def test_short_lines_headings_rows_and_clause_ends_stay() -> None:
    lines = (
        "二、收入预算情况说明",  # short
        _FULL[:30] + "。",  # ends its sentence
        _FULL[:30],
        "(1)工资福利支出 100 万元",  # an enumerated item starts
        _FULL[:29] + " 12.50",  # a figure, then no unit or digits
        "一般公共服务支出 12.50",
        "(一)关于本部门二〇二六年度政府性基金预算支出安排的情况说明",  # a numbered title
        "本年没有安排。",
    )
    joined = join_paragraphs(_page(*lines)).text.split("\n")
    for line in lines:
        assert line in joined


def test_page_furniture_inside_a_paragraph_is_stepped_over() -> None:
    header = "某局二〇二六年部门预算"
    text = "\n".join([header, _page(_FULL[:28] + "较上年增加", "- 3 -", "", header, "957.62 万元。"), header])
    assert _FULL[:28] + "较上年增加957.62 万元。" in join_paragraphs(text).text


def test_text_without_wrapped_lines_is_unchanged() -> None:
    text = "一、概况\n本部门2023年支出合计100万元，比上年增加5万元。\n\n二、其他\t10"
    assert join_paragraphs(text).text == text


def test_width_counts_wide_characters_twice() -> None:
    assert width("支出 12.5") == 4 + 1 + 4


def test_a_figure_wrapped_before_its_count_or_date_unit_goes_on() -> None:
    text = _page(_FULL[:27] + "共有车辆 3", "辆，其中，业务用车 1 辆。", _FULL[:27] + "截至 2030", "年 6 月底。")
    joined = join_paragraphs(text).text
    assert _FULL[:27] + "共有车辆 3辆，其中，业务用车 1 辆。" in joined
    assert _FULL[:27] + "截至 2030年 6 月底。" in joined


def test_a_paragraph_cut_by_a_page_break_goes_on_where_the_reader_joined_its_lines() -> None:
    # each page's lines already joined (no band of full-width lines): only the page break cuts it
    first = "本部门项目支出预算 12.50 万元，主要是为完成特定行政工作任务或事业发展目标而发生的"
    text = f"{first}\n\n支出，包括专项业务费等。\n二、其他事项\n本年没有安排。"
    turn = text.index("支出，")
    joined = join_paragraphs(text, (0, turn)).text
    assert first + "支出，包括专项业务费等。" in joined.split("\n")
    assert "二、其他事项" in joined.split("\n")  # a heading on the next page starts its own line
    assert join_paragraphs(text).text == text  # no page break between them: a break of the text stays


def test_a_letter_spaced_line_reads_whole_and_maps_back() -> None:
    text = "其 中 ，公 务用 车 购 置 支 出 21.30 万 元。\n"
    prose = join_paragraphs(text)
    assert prose.text.startswith("其中 ，公务用车购置支出 21.30 万元。")
    i = prose.text.index("购置")
    assert text[slice(*prose.doc_span(i, i + 2))] == "购 置"


def test_a_line_short_only_by_the_number_it_could_not_fit_goes_on() -> None:
    head = _FULL[:21] + "增加"  # width 46, short of the margin (62), but "12,895.94万元，" (15) would not fit
    prose = join_paragraphs(_page(head, "12,895.94万元，其他收入增加24.6万元。")).text.split("\n")
    assert head + "12,895.94万元，其他收入增加24.6万元。" in prose
    short = _FULL[:18] + "增加"  # width 40: a short number would still have fitted
    assert short in join_paragraphs(_page(short, "12.5万元，其他收入增加24.6万元。")).text.split("\n")
