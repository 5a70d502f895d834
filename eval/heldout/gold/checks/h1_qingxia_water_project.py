"""Arithmetic checks for h1_qingxia_water_project (planted errors marked PLANTED)."""
from _path import X
from arith import W, check_sum, check_ratio, report

report([
    # project funds (年度资金总额 row and text)
    check_sum("全年预算 = 年初预算 + 追加", W("3215.40"), [W("2860.00"), W("355.40")]),
    check_sum("财政资金全年预算 = 年初 + 追加", W("2955.40"), [W("2600.00"), W("355.40")]),
    check_sum("全年预算 = 财政 + 其他", W("3215.40"), [W("2955.40"), W("260.00")]),
    check_sum("全年执行数 = 财政(table) + 其他", W("3046.82"), [W("2786.82"), W("260.00")]),
    check_sum("未执行 = 预算 - 执行", W("168.58"), [W("3215.40"), W("3046.82")], [1, -1]),
    check_ratio("fiscal rate 94.30%", W("94.30"), W("2786.82"), W("2955.40")),
    check_ratio("PLANTED ratio: project rate 97.46% vs actual/budget", W("97.46"), W("3046.82"), W("3215.40")),
    check_sum("PLANTED conflict/×10: text 财政资金实际支付 278.68 + 其他 260.00 vs 执行数", W("3046.82"), [W("278.68"), W("260.00")]),
    # scores
    check_sum("Σ 分值 = 100", X("100"), [X("10")] + [X(x) for x in "5 5 5 5 8 7 8 7 8 7 5 5 5 10".split()]),
    check_ratio("fund-row 得分 9.75 = 10 × stated rate 97.46%", W("9.75"), W("97.46"), X("10"), percent=False),
    check_sum("PLANTED sum: 总分 96.75 vs 9.75 + Σ indicator 得分",
              X("96.75"), [X("9.75")] + [X(x) for x in "5 5 5 4 8 7 6 7 8 7 5 5 5 9".split()]),
])
