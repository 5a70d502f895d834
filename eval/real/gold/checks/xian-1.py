"""Arithmetic relations stated by xian-1.pdf (西安市发展和改革委员会 2019 部门综合预算说明, prose only)."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "..", "gold", "checks"))

from arith import W, check_bound, check_change, check_sum, report  # noqa: E402

T = W("203091.65")
checks = [
    # income total = Σ parts (only 一般公共预算拨款收入)
    check_sum("income.total 203091.65 = gpb 203091.65", T, [W("203091.65")]),
    check_sum("income.total@fiscal 203091.65 = gpb 203091.65 + gov fund 0", T, [W("203091.65"), W("0")]),
    check_sum("expenditure.total@fiscal 203091.65 = gpb 203091.65 + gov fund 0", T, [W("203091.65"), W("0")]),
    # prose vs prose: income = expenditure (no carry-over spending stated)
    check_sum("expenditure.total@gpb = income.total@gpb", T, [W("203091.65")]),
    # changes stated identically for income / fiscal income / fiscal spending / gpb spending
    check_sum("income change = fiscal spending change", W("69010.99"), [W("69010.99")]),
    # function 项 listed (其中) <= total
    check_bound("Σ listed 项 (2740.23+358.07+3853.4+165+195284.3) <= 203091.65",
                W("202401.00"), T),
    # economic classes (部门分类, 其中 list) <= total
    check_bound("Σ 301+302+303+309 <= 203091.65", W("83631.65"), T),
    # 政府预算支出经济分类 classes = total
    check_sum("gpb total = 501+502+504+505+506+509+399", T,
              [W("2329.23"), W("2497.39"), W("75000"), W("3754.91"), W("450"), W("50.12"), W("119010")]),
    # 行政运行 change = 人员经费增加 + 公用经费增加 (reasons)
    check_sum("行政运行 change 957.62 = 840.12 + 117.5", W("957.62"), [W("840.12"), W("117.5")]),
    # 三公 total = parts
    check_sum("three_public.total 18.6 = overseas 0 + reception 8.6 + vehicles_operation 10",
              W("18.6"), [W("0"), W("8.6"), W("10")]),
    # 三公+会议费+培训费
    check_sum("三公及会议费、培训费 263.72 = 18.6 + 174.6 + 70.52", W("263.72"), [W("18.6"), W("174.6"), W("70.52")]),
    # change_pct = change / prior
    check_change("three_public.total change_pct -43", W("-43"), W("-24.5"), W("18.6")),
    check_change("three_public.reception change_pct 1.21", W("1.21"), W("1.5"), W("8.6")),
    check_change("three_public.vehicles_operation change_pct -1.1", W("-1.1"), W("-1"), W("10")),
    # procurement total = parts
    check_sum("procurement.total 890.65 = goods 0 + services 890.65 + works 0",
              W("890.65"), [W("0"), W("890.65"), W("0")]),
    # staff
    check_sum("staff.authorized 138 = 行政编制118 + 事业编制20", W("138"), [W("118"), W("20")]),
    check_sum("staff.in_service 138 = 行政120 + 事业18", W("138"), [W("120"), W("18")]),
    check_sum("staff.retired 78 = 离休3 + 退休72", W("78"), [W("3"), W("72")]),
]
report(checks)
sys.exit(0)
