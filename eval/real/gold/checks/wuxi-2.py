"""Arithmetic relations stated by wuxi-2.pdf (无锡市统计局 2026年度部门预算)."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "..", "gold", "checks"))

from arith import W, check_change, check_ratio, check_sum, report  # noqa: E402

Z = W("0")
checks = [
    # 收支总表 p8 / 收入总表 p9
    check_sum("income.total 3210.10 = gpb 3210.10 + gf 0 + sc 0 + fsa 0 + business 0 + operating 0 + superior 0 + affiliated 0 + other 0",
              W("3210.10"), [W("3210.10")] + [Z] * 8),
    check_sum("income.total@fiscal 3210.10 = gpb 3210.10 + gf 0 + sc 0", W("3210.10"), [W("3210.10"), Z, Z]),
    check_sum("收入总表 合计 3210.10 = 本级 2663.92 + 普查中心 546.18 (per-unit rows, not facts)", W("3210.10"), [W("2663.92"), W("546.18")]),
    check_sum("income.total + opening 0 = expenditure.total + closing 0", W("3210.10"), [W("3210.10"), Z, Z], [1, 1, -1]),
    # expenditure total = Σ classes = basic + project
    check_sum("expenditure.total 3210.10 = 201 + 208 + 210 + 221", W("3210.10"), [W("2404.17"), W("263.85"), W("76.95"), W("465.13")]),
    check_sum("expenditure.total 3210.10 = basic 2235.04 + project 975.06", W("3210.10"), [W("2235.04"), W("975.06")]),
    check_sum("expenditure.total = basic + project + operating 0 + remit 0 + subsidy 0", W("3210.10"), [W("2235.04"), W("975.06"), Z, Z, Z]),
    # class = Σ 款, 款 = Σ 项
    check_sum("201 2404.17 = 20105 2404.17", W("2404.17"), [W("2404.17")]),
    check_sum("20105 2404.17 = Σ 项", W("2404.17"), [W("1429.11"), W("391.72"), W("315.58"), W("77.76"), W("190.00")]),
    check_sum("208 263.85 = 20805 263.85", W("263.85"), [W("263.85")]),
    check_sum("20805 263.85 = 2080505 175.90 + 2080506 87.95", W("263.85"), [W("175.90"), W("87.95")]),
    check_sum("210 76.95 = 21011 76.95 = 2101101 76.95", W("76.95"), [W("76.95")]),
    check_sum("221 465.13 = 22102 465.13", W("465.13"), [W("465.13")]),
    check_sum("22102 465.13 = 2210201 149.63 + 2210202 148.32 + 2210203 167.18", W("465.13"), [W("149.63"), W("148.32"), W("167.18")]),
    # basic / project by function rows
    check_sum("basic 2235.04 = personnel 2103.71 + public 131.33", W("2235.04"), [W("2103.71"), W("131.33")]),
    check_sum("basic 2235.04 = 2010501 + 208 + 210 + 221", W("2235.04"), [W("1429.11"), W("263.85"), W("76.95"), W("465.13")]),
    check_sum("project 975.06 = 2010502 + 2010507 + 2010508 + 2010599", W("975.06"), [W("391.72"), W("315.58"), W("77.76"), W("190.00")]),
    check_sum("2010501 1429.11 = personnel 1297.78 + public 131.33", W("1429.11"), [W("1297.78"), W("131.33")]),
    check_sum("personnel 2103.71 = 1297.78 + 263.85 + 76.95 + 465.13", W("2103.71"), [W("1297.78"), W("263.85"), W("76.95"), W("465.13")]),
    # economic
    check_sum("basic 2235.04 = 301 1959.13 + 302 131.33 + 303 144.58", W("2235.04"), [W("1959.13"), W("131.33"), W("144.58")]),
    check_sum("personnel 2103.71 = 301 1959.13 + 303 144.58", W("2103.71"), [W("1959.13"), W("144.58")]),
    check_sum("public 131.33 = 302 131.33", W("131.33"), [W("131.33")]),
    check_sum("301 1959.13 = Σ 款", W("1959.13"), [W(x) for x in ["302.69", "829.90", "316.84", "175.90", "87.95", "76.95", "10.99", "149.63", "8.28"]]),
    check_sum("302 131.33 = Σ 款", W("131.33"), [W(x) for x in ["42.73", "2.61", "7.39", "3.00", "19.65", "46.66", "9.29"]]),
    check_sum("303 144.58 = Σ 款", W("144.58"), [W("135.66"), W("8.92")]),
    check_sum("agency_operating_cost 131.33 = 302 rows (table 12)", W("131.33"), [W("131.33")]),
    # 三公
    check_sum("three_public.total 3.00 = overseas 0 + vehicles 0 + reception 3.00", W("3.00"), [W("0.00"), W("0.00"), W("3.00")]),
    check_sum("vehicles 0 = purchase 0 + operation 0", W("0.00"), [W("0.00"), W("0.00")]),
    check_sum("三公 change -11.3 = overseas -10 + purchase 0 + operation 0 + reception -1.3", W("-11.3"), [W("-10"), Z, Z, W("-1.3")]),
    check_sum("30217 公务接待费 3.00 = three_public.reception 3.00", W("3.00"), [W("3.00")]),
    check_sum("30215 会议费 2.61 = 三公表 会议费 2.61", W("2.61"), [W("2.61")]),
    check_ratio("reception share 100 = 3/3", W("100"), W("3"), W("3")),
    # procurement
    check_sum("procurement.total 2.61 = goods 0 + works 0 + services 2.61", W("2.61"), [Z, Z, W("2.61")]),
    check_sum("procurement services 2.61 = 本级 2.00 + 普查中心 0.61", W("2.61"), [W("2.00"), W("0.61")]),
    # prose shares
    check_ratio("basic share 69.63 = 2235.04/3210.1", W("69.63"), W("2235.04"), W("3210.1")),
    check_ratio("project share 30.37 = 975.06/3210.1", W("30.37"), W("975.06"), W("3210.1")),
    check_ratio("gpb income share 100", W("100"), W("3210.1"), W("3210.1")),
    # prose changes
    check_change("total change_pct 8.16 (change 242.3, current 3210.1)", W("8.16"), W("242.3"), W("3210.1")),
    check_sum("total change 242.3 = Σ class changes", W("242.3"), [W("223.26"), W("8.12"), W("-4.5"), W("15.42")]),
    check_change("201 change_pct 10.24", W("10.24"), W("223.26"), W("2404.17")),
    check_change("208 change_pct 3.18", W("3.18"), W("8.12"), W("263.85")),
    check_change("210 change_pct -5.52", W("-5.52"), W("-4.5"), W("76.95")),
    check_change("221 change_pct 3.43", W("3.43"), W("15.42"), W("465.13")),
    check_sum("201 change 223.26 = 50.65 - 6.12 + 181.78 - 3.05 + 0", W("223.26"), [W("50.65"), W("-6.12"), W("181.78"), W("-3.05"), Z]),
    check_sum("208 change 8.12 = 5.42 + 2.7", W("8.12"), [W("5.42"), W("2.7")]),
    check_sum("210 change -4.5 = 2101101 -4.5", W("-4.5"), [W("-4.5")]),
    check_sum("221 change 15.42 = 7.6 - 4.55 + 12.37", W("15.42"), [W("7.6"), W("-4.55"), W("12.37")]),
    check_change("2010501 change_pct 3.67", W("3.67"), W("50.65"), W("1429.11")),
    check_change("2010502 change_pct -1.54", W("-1.54"), W("-6.12"), W("391.72")),
    check_change("2010507 change_pct 135.86", W("135.86"), W("181.78"), W("315.58")),
    check_change("2010508 change_pct -3.77", W("-3.77"), W("-3.05"), W("77.76")),
    check_change("2080505 change_pct 3.18", W("3.18"), W("5.42"), W("175.9")),
    check_change("2080506 change_pct 3.17", W("3.17"), W("2.7"), W("87.95")),
    check_change("2101101 change_pct -5.52", W("-5.52"), W("-4.5"), W("76.95")),
    check_change("2210201 change_pct 5.35", W("5.35"), W("7.6"), W("149.63")),
    check_change("2210202 change_pct -2.98", W("-2.98"), W("-4.55"), W("148.32")),
    check_change("2210203 change_pct 7.99", W("7.99"), W("12.37"), W("167.18")),
    check_change("agency_operating_cost change_pct -1.65", W("-1.65"), W("-2.21"), W("131.33")),
    # prose vs table
    check_sum("prose 收入 3210.1 = table 3210.10", W("3210.1"), [W("3210.10")]),
    check_sum("prose 2080505 175.9 = table 175.90", W("175.9"), [W("175.90")]),
    check_sum("prose 2010599 190 = table 190.00", W("190"), [W("190.00")]),
    check_sum("prose 三公 3 = table 3.00", W("3"), [W("3.00")]),
    check_sum("prose 培训费 19.03 = table 19.03", W("19.03"), [W("19.03")]),
]

bad = report(checks)
sys.exit(0)
