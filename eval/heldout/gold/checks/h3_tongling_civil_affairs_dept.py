"""Arithmetic checks for h3_tongling_civil_affairs_dept (planted errors marked PLANTED)."""
from _path import X
from arith import W, check_sum, check_ratio, check_change, report

report([
    check_sum("收入 = 财政拨款 + 上级补助", W("6203.18"), [W("5857.36"), W("345.82")]),
    check_sum("可用资金 = 年初结转 + 收入", W("6421.82"), [W("218.64"), W("6203.18")]),
    check_sum("支出 = 基本 + 项目", W("6158.90"), [W("3214.67"), W("2944.23")]),
    check_sum("PLANTED conflict: 自评结论 6185.90 = 基本 + 项目", W("6185.90"), [W("3214.67"), W("2944.23")]),
    check_sum("节约 = 预算 - 支出", W("323.45"), [W("6482.35"), W("6158.90")], [1, -1]),
    check_ratio("预算执行率 95.01", W("95.01"), W("6158.90"), W("6482.35")),
    check_change("同比 change_pct -7.36", W("-7.36"), W("-489.30"), W("6158.90")),
    check_ratio("财政拨款支出 share 94.4", W("94.4"), W("5812.44"), W("6158.90")),
    check_ratio("基本 share 52.2", W("52.2"), W("3214.67"), W("6158.90")),
    check_ratio("项目 share 47.8", W("47.8"), W("2944.23"), W("6158.90")),
    check_sum("基本 = 人员 + 公用", W("3214.67"), [W("2786.40"), W("428.27")]),
    check_ratio("项目中财政拨款 87.7 (of project)", W("87.7"), W("2580.78"), W("2944.23")),
    check_sum("支出 = Σ function classes", W("6158.90"), [W("5456.71"), W("190.92"), W("147.81"), W("363.46")]),
    check_ratio("社保 share 88.6", W("88.6"), W("5456.71"), W("6158.90")),
    check_ratio("卫生 share 3.1", W("3.1"), W("190.92"), W("6158.90")),
    check_ratio("PLANTED ratio: 住房保障 share 4.2", W("4.2"), W("147.81"), W("6158.90")),
    check_sum("三公 = 接待 + 运行", W("12.38"), [W("2.16"), W("10.22")]),
    check_sum("三公 节约 = 预算 - 决算", W("2.62"), [W("15.00"), W("12.38")], [1, -1]),
    check_ratio("三公 控制率 82.5", W("82.5"), W("12.38"), W("15.00")),
    check_ratio("采购执行率 95.7", W("95.7"), W("298.46"), W("312.00")),
    check_ratio("PLANTED ratio: 低保 rate 94.5", W("94.5"), W("1402.68"), W("1500.00")),
    check_ratio("特困 rate 98.0", W("98.0"), W("607.38"), W("620.00")),
    check_ratio("临时救助 rate 97.5", W("97.5"), W("146.25"), W("150.00")),
    check_ratio("福彩 rate 90.9", W("90.9"), W("363.46"), W("400.00")),
    check_sum("四项合计 2519.77", W("2519.77"), [W("1402.68"), W("607.38"), W("146.25"), W("363.46")]),
    check_ratio("四项 share of project 85.6", W("85.6"), W("2519.77"), W("2944.23")),
    check_sum("Σ 分值 = 100", X("100"), [X(x) for x in "6 6 5 6 5 6 6 10 8 6 6 10 8 6 6".split()]),
    check_sum("Σ 得分 = 96.8", X("96.8"), [X(x) for x in "6 6 5 6 4 6 6 10 6.5 6 6 10 7.6 6 5.7".split()]),
])
