"""Arithmetic relations stated by suzhou-1.pdf (苏州市应急管理局 2026年度部门预算)."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "..", "gold", "checks"))

from arith import W, check_change, check_ratio, check_sum, report  # noqa: E402

Z = W("0")
checks = [
    # 收支总表 p10: income total = Σ categories; fiscal = Σ scopes
    check_sum("income.total 7062.80 = gpb 7062.80 + gf 0 + sc 0 + fsa 0 + business 0 + operating 0 + superior 0 + affiliated 0 + other 0",
              W("7062.80"), [W("7062.80")] + [Z] * 8),
    check_sum("income.total@fiscal 7062.80 = gpb 7062.80 + gf 0 + sc 0", W("7062.80"), [W("7062.80"), Z, Z]),
    check_sum("income.total + opening 0 = expenditure.total + closing 0", W("7062.80"), [W("7062.80"), Z, Z], [1, 1, -1]),
    # expenditure total = Σ classes = basic + project (all, fiscal, gpb tables show the same figures)
    check_sum("expenditure.total 7062.80 = 208 + 221 + 224", W("7062.80"), [W("429.13"), W("1117.45"), W("5516.22")]),
    check_sum("expenditure.total 7062.80 = basic 4069.62 + project 2993.18", W("7062.80"), [W("4069.62"), W("2993.18")]),
    check_sum("expenditure.total = basic + project + operating 0 + remit 0 + subsidy 0", W("7062.80"), [W("4069.62"), W("2993.18"), Z, Z, Z]),
    # class = Σ 款, 款 = Σ 项
    check_sum("208 429.13 = 20805 429.13", W("429.13"), [W("429.13")]),
    check_sum("20805 429.13 = 2080505 291.24 + 2080506 137.89", W("429.13"), [W("291.24"), W("137.89")]),
    check_sum("221 1117.45 = 22102 1117.45", W("1117.45"), [W("1117.45")]),
    check_sum("22102 1117.45 = 2210201 347.82 + 2210202 258.00 + 2210203 511.63", W("1117.45"), [W("347.82"), W("258.00"), W("511.63")]),
    check_sum("224 5516.22 = 22401 5516.22", W("5516.22"), [W("5516.22")]),
    check_sum("22401 5516.22 = 2240101 2523.04 + 2240102 527.26 + 2240199 2465.92", W("5516.22"), [W("2523.04"), W("527.26"), W("2465.92")]),
    # basic = personnel + public; by function rows
    check_sum("basic 4069.62 = personnel 3594.73 + public 474.89", W("4069.62"), [W("3594.73"), W("474.89")]),
    check_sum("basic 4069.62 = 208 429.13 + 221 1117.45 + 2240101 2523.04", W("4069.62"), [W("429.13"), W("1117.45"), W("2523.04")]),
    check_sum("project 2993.18 = 2240102 527.26 + 2240199 2465.92", W("2993.18"), [W("527.26"), W("2465.92")]),
    check_sum("2240101 2523.04 = personnel 2048.15 + public 474.89", W("2523.04"), [W("2048.15"), W("474.89")]),
    # economic
    check_sum("basic 4069.62 = 301 3469.08 + 302 474.89 + 303 125.65", W("4069.62"), [W("3469.08"), W("474.89"), W("125.65")]),
    check_sum("personnel 3594.73 = 301 3469.08 + 303 125.65", W("3594.73"), [W("3469.08"), W("125.65")]),
    check_sum("public 474.89 = 302 474.89", W("474.89"), [W("474.89")]),
    check_sum("301 3469.08 = Σ 款", W("3469.08"), [W(x) for x in ["440.76", "1402.13", "585.71", "291.24", "137.89", "88.99", "5.34", "68.64", "347.82", "100.56"]]),
    check_sum("302 474.89 = Σ 款", W("474.89"), [W(x) for x in ["74.60", "5.00", "5.00", "15.00", "53.40", "25.00", "10.00", "30.00", "15.00", "3.00", "13.00", "35.00", "72.74", "118.15"]]),
    check_sum("303 125.65 = Σ 款", W("125.65"), [W("120.50"), W("0.15"), W("5.00")]),
    check_sum("agency_operating_cost 474.89 = 302 rows (table 12)", W("474.89"), [W("474.89")]),
    # 三公
    check_sum("three_public.total 15.00 = overseas 0 + vehicles 0 + reception 15.00", W("15.00"), [W("0.00"), W("0.00"), W("15.00")]),
    check_sum("vehicles 0 = purchase 0 + operation 0", W("0.00"), [W("0.00"), W("0.00")]),
    check_sum("三公 change -6 = overseas 0 + purchase 0 + operation -1 + reception -5", W("-6"), [Z, Z, W("-1"), W("-5")]),
    check_sum("三公 table 30217 公务接待费 15.00 = three_public.reception 15.00", W("15.00"), [W("15.00")]),
    check_ratio("reception share 100 = 15/15", W("100"), W("15"), W("15")),
    # procurement
    check_sum("procurement.total 1099.35 = goods 0 + works 0 + services 1099.35", W("1099.35"), [Z, Z, W("1099.35")]),
    # prose shares
    check_ratio("basic share 57.62 = 4069.62/7062.8", W("57.62"), W("4069.62"), W("7062.8")),
    check_ratio("project share 42.38 = 2993.18/7062.8", W("42.38"), W("2993.18"), W("7062.8")),
    check_ratio("gpb income share 100 = 7062.8/7062.8", W("100"), W("7062.8"), W("7062.8")),
    # prose changes
    check_change("total change_pct -11.45 (change -913.48, current 7062.8)", W("-11.45"), W("-913.48"), W("7062.8")),
    check_sum("total change -913.48 = Σ class changes", W("-913.48"), [W("5.37"), W("37.57"), W("-956.42")]),
    check_change("208 change_pct 1.27", W("1.27"), W("5.37"), W("429.13")),
    check_change("221 change_pct 3.48", W("3.48"), W("37.57"), W("1117.45")),
    check_change("224 change_pct -14.78", W("-14.78"), W("-956.42"), W("5516.22")),
    check_sum("208 change 5.37 = 2080505 3.58 + 2080506 1.79", W("5.37"), [W("3.58"), W("1.79")]),
    check_sum("221 change 37.57 = 3.99 + 173.22 - 139.64", W("37.57"), [W("3.99"), W("173.22"), W("-139.64")]),
    check_sum("224 change -956.42 = -46.44 - 273.02 - 636.96", W("-956.42"), [W("-46.44"), W("-273.02"), W("-636.96")]),
    check_change("2080505 change_pct 1.24", W("1.24"), W("3.58"), W("291.24")),
    check_change("2080506 change_pct 1.32", W("1.32"), W("1.79"), W("137.89")),
    check_change("2210201 change_pct 1.16", W("1.16"), W("3.99"), W("347.82")),
    check_change("2210202 change_pct 204.32", W("204.32"), W("173.22"), W("258")),
    check_change("2210203 change_pct -21.44", W("-21.44"), W("-139.64"), W("511.63")),
    check_change("2240101 change_pct -1.81", W("-1.81"), W("-46.44"), W("2523.04")),
    check_change("2240102 change_pct -34.12", W("-34.12"), W("-273.02"), W("527.26")),
    check_change("2240199 change_pct -20.53", W("-20.53"), W("-636.96"), W("2465.92")),
    check_change("agency_operating_cost change_pct -1.59", W("-1.59"), W("-7.67"), W("474.89")),
    # prose vs table
    check_sum("prose 收入 7062.8 = table 7062.80", W("7062.8"), [W("7062.80")]),
    check_sum("prose 提租补贴 258 = table 258.00", W("258"), [W("258.00")]),
    check_sum("prose 三公 15 = table 15.00", W("15"), [W("15.00")]),
]

bad = report(checks)
sys.exit(0)
