"""The concept catalogue's shared vocabulary: how names are compared."""

from __future__ import annotations

import pytest

from extractor.concepts import normalise_name

CASES = [
    # (written, as compared) — spec "Scoring": NFKC, no spaces, no punctuation, no （类）/（款）/（项）
    ("完成率≥95%", "完成率≥95%"),  # symbols stay; % is part of the number
    ("完成率 ≥ 95 ％", "完成率≥95%"),  # full-width % and spaces
    ("一般公共服务支出（类）", "一般公共服务支出"),
    ("一般公共服务支出（ 类 ）", "一般公共服务支出"),  # a marker with spaces inside
    ("行政运行(项)", "行政运行"),
    ("其他支出（款）", "其他支出"),
    ("（一）一般公共服务支出", "一一般公共服务支出"),  # a list number's brackets go, its text stays
    ("“三公”经费", "三公经费"),
    ("社会保障和就业支出，", "社会保障和就业支出"),
    ("人均（元/人）", "人均元人"),
    ("95.9%", "95.9%"),
    ("-3", "-3"),
    ("≤5‰", "≤5‰"),
    ("A+B", "A+B"),
    ("ＡＢＣ１２", "ABC12"),
    ("社会 保障\u3000和\t就业", "社会保障和就业"),
    ("", ""),
    (None, ""),
]


@pytest.mark.parametrize(("written", "compared"), CASES)
def test_normalise_name(written: str | None, compared: str) -> None:
    assert normalise_name(written) == compared


def test_names_that_differ_in_a_number_stay_apart() -> None:
    assert normalise_name("95.9%") != normalise_name("959")
    assert normalise_name("完成率≥95%") != normalise_name("完成率95")
    assert normalise_name("增长-3%") != normalise_name("增长3%")


def test_every_stage_compares_names_with_the_one_normaliser() -> None:
    import extractor.backends.hybrid as hybrid
    import extractor.backends.llm.merge as merge
    import extractor.evaluate.score as score
    import extractor.reconcile.slots as slots

    for module in (hybrid, merge, score, slots):
        assert module.normalise_name is normalise_name, module.__name__
