"""Metadata finders and sentence-stated projects, on text written for the test."""

from __future__ import annotations

from decimal import Decimal

import pytest

from extractor.backends.rules import RulesBackend, merge_projects, metadata
from extractor.backends.rules.projects import scan_projects
from tests.backends.rules.conftest import doc


def test_title_gives_year_org_and_kind() -> None:
    d = doc("2024年度某某县农业农村局部门整体支出绩效自评报告\n一、基本情况\n")
    assert metadata.find_year(d).value == 2024  # type: ignore[union-attr]
    assert metadata.find_org(d).value == "某某县农业农村局"  # type: ignore[union-attr]
    assert metadata.find_kind(d).value == "department_performance_self_evaluation"  # type: ignore[union-attr]


def test_final_accounts_title_and_org_before_the_year() -> None:
    d = doc("某市文化馆2023年度部门决算\n第一部分 概况\n")
    assert metadata.find_org(d).value == "某市文化馆"  # type: ignore[union-attr]
    assert metadata.find_kind(d).value == "department_final_accounts"  # type: ignore[union-attr]


def test_org_from_a_labelled_field() -> None:
    d = doc("绩效自评表\n单位名称:某某区卫生健康局\n")
    assert metadata.find_org(d).value == "某某区卫生健康局"  # type: ignore[union-attr]


def test_score_and_grade() -> None:
    d = doc("经综合评价，部门整体支出自评得分为91.5分，评价等级为“良”。")
    assert metadata.find_score(d).value == Decimal("91.5")  # type: ignore[union-attr]
    assert metadata.find_grade(d).value == "良"  # type: ignore[union-attr]


def test_a_project_score_is_not_the_department_score_and_praise_is_no_grade() -> None:
    d = doc("“职工书屋”项目绩效自评综述：绩效自评得分为88分。多名职工被评为“优秀工作者”。")
    assert metadata.find_score(d) is None
    assert metadata.find_grade(d) is None


def test_projects_stated_in_sentences() -> None:
    d = doc(
        "“职工书屋”项目绩效自评综述：绩效自评得分为88分。项目全年预算数为12万元，执行数为10.8万元，完成预算的90%。\n"
        "重点任务项目劳模慰问经费，年初预算为3万元，年度预算执行数为3万元，预算执行率为100%。\n"
    )
    got = {(p.name, p.budget, p.actual, p.rate, p.score) for p in scan_projects(d)}
    assert got == {
        ("职工书屋", Decimal(12), Decimal("10.8"), Decimal(90), Decimal(88)),
        ("劳模慰问经费", Decimal(3), Decimal(3), Decimal(100), None),
    }


def test_average_project_scores_are_not_the_department_score() -> None:
    assert metadata.find_score(doc("本部门对实施的20个项目开展了绩效自评，平均得分90.5分。")) is None


def test_projects_named_before_a_full_stop_keep_their_word_project() -> None:
    d = doc("(一)河道清淤项目。项目预算数200.00万元，执行数180.00万元，执行率90%。\n")
    assert [(p.name, p.budget, p.actual, p.rate) for p in scan_projects(d)] == [
        ("河道清淤项目", Decimal("200.00"), Decimal("180.00"), Decimal(90)),
    ]


def test_enumerated_funds_with_their_budget_are_projects_but_function_lines_are_not() -> None:
    d = doc(
        "(一)城乡医疗救助资金。全年预算300.00万元，实际支出280.50万元，执行率93.5%。\n"
        "1.教育支出(类)普通教育(款)小学教育(项)。年初预算为10万元，支出决算为9万元。\n"
    )
    assert [(p.name, p.budget, p.actual, p.rate) for p in scan_projects(d)] == [
        ("城乡医疗救助资金", Decimal("300.00"), Decimal("280.50"), Decimal("93.5")),
    ]


def test_a_project_report_scores_itself() -> None:
    d = doc("经综合评价，该项目自评总分92.5分，评价等级为“优”。")
    assert metadata.find_score(d) is None  # in a department report: a project's score
    assert metadata.find_score(d, "project_performance_self_evaluation").value == Decimal("92.5")  # type: ignore[union-attr]


def test_an_organisation_alone_on_the_first_line() -> None:
    d = doc("\n某某市自然资源局\n2024年度项目支出绩效自评报告\n")
    assert metadata.find_org(d).value == "某某市自然资源局"  # type: ignore[union-attr]
    assert metadata.find_org(doc("关于开展绩效自评的说明\n正文。\n")) is None


@pytest.mark.parametrize(
    "title",
    [
        "某市某某局(本级)\n2026年度部门预算公开\n初审:某某\n",
        "某市某某局\n2026 年部门预算情况说明\n一、单位基本情况\n",
        "2026 年度\n某区某某局\n单位预算\n目录\n",
        "某市某某委员会\n2019 年部门综合预算说明\n",
    ],
)
def test_budget_titles_name_the_budget_kind(title: str) -> None:
    assert metadata.find_kind(doc(title + "一、收支总表\n")).value == "department_budget"  # type: ignore[union-attr]


def test_budget_words_in_a_body_do_not_make_a_budget() -> None:
    d = doc("某市文化馆2023年度部门决算\n第一部分 概况\n" + "本年预算公开……部门预算执行情况。\n" * 3)
    assert metadata.find_kind(d).value == "department_final_accounts"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "title",
    [
        "某市人民政府办公室文件\n某政办发〔2026〕11 号\n关于公布年度重大行政决策事项目录的通知\n",
        "某市某某局政府信息公开申请表\n申请人信息\t公民\t姓名\n",
        "某市财政局 2025 年度\n法治政府建设报告\n",
    ],
)
def test_documents_that_are_not_disclosures_are_other_and_yield_no_facts(title: str) -> None:
    d = doc(title + "全年预算支出合计1682.76万元，其中基本支出1208.20万元。\n")
    assert metadata.is_not_a_disclosure(d)
    ex = RulesBackend().extract(d)
    assert ex.report_kind == "other" and not ex.facts and ex.org_name is None and ex.fiscal_year is None


def test_a_count_of_projects_is_no_project() -> None:
    d = doc("一级预算项目3个，预算资金60万元，其中财政拨款60万元。\n")
    assert scan_projects(d) == []


def test_merged_sources_keep_one_sources_two_rows_of_one_name_and_flag_another_sources_restatement() -> None:
    (row,) = scan_projects(doc("“日常运行”项目：年初预算为10万元，执行数为10万元。\n"))
    twice = [row, row.model_copy(update={"budget": Decimal(20)})]  # two units' rows of one table
    again = [row.model_copy(update={"budget": Decimal(30)})]  # a later source restating it otherwise
    assert [p.budget for p in merge_projects(twice, again)] == [Decimal(10), Decimal(20)]
    # a sentence of the prose restating it otherwise stays, flagged; restating it alike, it is the same row
    got = [(p.budget, p.restates) for p in merge_projects(twice, prose=again)]
    assert got == [(Decimal(10), False), (Decimal(20), False), (Decimal(30), True)]
    assert len(merge_projects(twice, prose=[row.model_copy(update={"actual": None})])) == 2


@pytest.mark.parametrize("label", ["预算单位：", "编制单位：", "评价项目单位： ", "项目主管部门："])
def test_org_from_a_labelled_cover_line_not_the_publisher(label: str) -> None:
    d = doc(
        f"某市财政项目支出绩效评价报告\n评价项目名称：某专项资金绩效评价\n{label}某某市退役军人事务局\n"
        "评价项目金额：120万元\n某市财政局制\n"
    )
    assert metadata.find_org(d).value == "某某市退役军人事务局"  # type: ignore[union-attr]


def test_a_composite_score_in_the_conclusion() -> None:
    d = doc("六、评价结论\n按照五个方面进行总体评价，项目综合评分88.75分，评价级次为良。\n")
    found = metadata.find_score(d, "project_performance_self_evaluation")
    assert found is not None and found.value == Decimal("88.75")
