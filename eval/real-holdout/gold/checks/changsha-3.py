"""Arithmetic relations stated by changsha-3.pdf (长沙市公安局 2025年部门预算公开)."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "..", "gold", "checks"))

from arith import W, check_change, check_ratio, check_sum, report  # noqa: E402

Z = W("0")
checks = [
    # 收支总表 p13 / prose p6
    check_sum("income.total 68632.12 = gpb 68632.12 + fsa 0 + operating 0 + superior 0 + other 0 + business 0", W("68632.12"), [W("68632.12")] + [Z] * 5),
    check_sum("income.total@fiscal 68632.12 = gpb 68632.12 + gf 0 + sc 0", W("68632.12"), [W("68632.12"), Z, Z]),
    check_sum("收入总表 经费拨款 50370.61 <= 本级财政拨款 (no key; Σ rows)", W("50370.61"), [W("3.00"), W("50367.61")]),
    check_sum("收入总表 20402 经费拨款 50367.61 = Σ 项", W("50367.61"), [W("28398.17"), W("18228.51"), W("1900.00"), W("1740.93"), W("100.00")]),
    check_sum("income.total + opening 0 = expenditure.total + closing 0", W("68632.12"), [W("68632.12"), Z, Z], [1, 1, -1]),
    # expenditure
    check_sum("expenditure.total = 201 + 204", W("68632.12"), [W("3.00"), W("68629.12")]),
    check_sum("expenditure.total = basic + project", W("68632.12"), [W("28398.17"), W("40233.95")]),
    check_sum("201 3.00 = 20111 3.00 = 2011199 3.00", W("3.00"), [W("3.00")]),
    check_sum("204 68629.12 = 20402", W("68629.12"), [W("68629.12")]),
    check_sum("20402 = Σ 项", W("68629.12"), [W("28398.17"), W("36490.02"), W("1900.00"), W("1740.93"), W("100.00")]),
    check_sum("project 40233.95 = 3.00 + 40230.95", W("40233.95"), [W("3.00"), W("40230.95")]),
    check_sum("project 204 40230.95 = 36490.02 + 1900 + 1740.93 + 100", W("40230.95"), [W("36490.02"), W("1900.00"), W("1740.93"), W("100.00")]),
    check_sum("basic 28398.17 = 2040201", W("28398.17"), [W("28398.17")]),
    # economic
    check_sum("basic = personnel + public", W("28398.17"), [W("26353.16"), W("2045.01")]),
    check_sum("basic = 301 + 302 + 303", W("28398.17"), [W("24454.16"), W("2128.48"), W("1815.53")]),
    check_sum("personnel = 301 + 302人员类 83.47 + 303", W("26353.16"), [W("24454.16"), W("83.47"), W("1815.53")]),
    check_sum("301 = Σ 款", W("24454.16"), [W(x) for x in ["2811.70", "3636.01", "4989.01", "1458.52", "785.00", "517.30", "795.14", "30.44", "1438.15", "157.63", "7835.26"]]),
    check_sum("302 = Σ 款", W("2128.48"), [W(x) for x in ["280.00", "30.00", "90.00", "18.00", "28.50", "80.55", "11.74", "250.00", "540.00", "799.69"]]),
    check_sum("302 公用 2045.01 = Σ 款 公用", W("2045.01"), [W(x) for x in ["280.00", "30.00", "90.00", "18.00", "28.50", "80.55", "11.74", "250.00", "540.00", "716.22"]]),
    check_sum("30299 799.69 = 83.47 + 716.22", W("799.69"), [W("83.47"), W("716.22")]),
    check_sum("303 = Σ 款", W("1815.53"), [W(x) for x in ["90.50", "1250.52", "23.81", "0.40", "450.30"]]),
    check_sum("agency_operating_cost 2045.01 = public 2045.01", W("2045.01"), [W("2045.01")]),
    # 三公
    check_sum("three_public.total = reception + vehicles + overseas", W("458.50"), [W("28.50"), W("400.00"), W("30.00")]),
    check_sum("vehicles = purchase + operation", W("400.00"), [W("150.00"), W("250.00")]),
    check_sum("30217 公务接待费 28.50 = reception", W("28.50"), [W("28.50")]),
    check_sum("30212 因公出国 30.00 = overseas", W("30.00"), [W("30.00")]),
    check_sum("30231 运行维护费 250.00 = vehicles_operation", W("250.00"), [W("250.00")]),
    # procurement
    check_sum("procurement.total = goods + works + services", W("16476.85"), [W("2716.09"), W("9021.25"), W("4739.51")]),
    # shares, changes
    check_ratio("201 share 0.00", W("0.00"), W("3.00"), W("68632.12")),
    check_ratio("204 share 100.00", W("100.00"), W("68629.12"), W("68632.12")),
    check_change("income/expenditure change_pct -1.88", W("-1.88"), W("-1316.82"), W("68632.12")),
    check_change("agency_operating_cost change_pct -1.41", W("-1.41"), W("-29.30"), W("2045.01")),
    # projects (项目支出绩效目标表 p23-50)
    check_sum("project 40233.95 = Σ 14 projects", W("40233.95"), [W(x) for x in ["428.69", "2791.51", "242.25", "12919.92", "15470.00", "212.51", "795.00", "305.50", "163.46", "3.00", "440.43", "1169.99", "1900.00", "2210.60"]]),
    check_sum("派驻纪检监察组办公经费 3.00 = 2011199 3.00", W("3.00"), [W("3.00")]),
    check_sum("天网工程租赁和服务费 1900.00 = 2040219 信息化建设 1900.00", W("1900.00"), [W("1900.00")]),
    check_sum("民警训练经费 163.46 = prose 培训费 163.46", W("163.46"), [W("163.46")]),
]

bad = report(checks)
sys.exit(0)
