"""Arithmetic relations stated by quanzhou-2.pdf (泉州市人民政府办公室 2026 部门预算)."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "..", "gold", "checks"))

from arith import W, check_change, check_sum, report  # noqa: E402

Z = W("0.00")
checks = [
    # income
    check_sum("income.total 15184.81 = gpb 10984.81 + zeros + other 4200.00", W("15184.81"),
              [W("10984.81")] + [Z] * 7 + [W("4200.00")]),
    check_sum("income.total@fiscal 10984.81 = gpb + gf + sc", W("10984.81"), [W("10984.81"), Z, Z]),
    check_sum("income.total = expenditure.total (no carry-over)", W("15184.81"), [W("15184.81")]),
    # expenditure total
    check_sum("expenditure.total 15184.81 = Σ classes (all)", W("15184.81"),
              [W("13215.69"), W("1095.52"), W("176.62"), W("696.98")]),
    check_sum("expenditure.total 15184.81 = basic + project + operating", W("15184.81"),
              [W("5915.38"), W("9269.43"), Z]),
    check_sum("expenditure.total@fiscal 10984.81 = Σ classes (fiscal)", W("10984.81"),
              [W("9015.69"), W("1095.52"), W("176.62"), W("696.98")]),
    check_sum("expenditure.total@gpb 10984.81 = basic + project", W("10984.81"), [W("5915.38"), W("5069.43")]),
    # classes = Σ 项 (支出总表 lists only 项 rows)
    check_sum("201 all 13215.69 = 2010301+02+50+99", W("13215.69"),
              [W("3452.35"), W("1126.82"), W("493.91"), W("8142.61")]),
    check_sum("201 fiscal 9015.69 = 2010301+02+50+99 (gpb)", W("9015.69"),
              [W("3452.35"), W("1126.82"), W("493.91"), W("3942.61")]),
    check_sum("208 1095.52 = 2080501 + 2080505", W("1095.52"), [W("653.08"), W("442.44")]),
    check_sum("210 176.62 = 2101101+02+03", W("176.62"), [W("125.11"), W("18.28"), W("33.23")]),
    check_sum("221 696.98 = 2210201+02+03", W("696.98"), [W("539.87"), W("144.48"), W("12.63")]),
    check_sum("gpb total 10984.81 = Σ 项", W("10984.81"),
              [W(x) for x in ["3452.35", "1126.82", "493.91", "3942.61", "653.08", "442.44", "125.11",
                              "18.28", "33.23", "539.87", "144.48", "12.63"]]),
    check_sum("project (all) 9269.43 = 2010302 + 2010399", W("9269.43"), [W("1126.82"), W("8142.61")]),
    check_sum("project@gpb 5069.43 = 2010302 + 2010399", W("5069.43"), [W("1126.82"), W("3942.61")]),
    check_sum("other income 4200 = 2010399 all − gpb", W("4200.00"), [W("8142.61"), W("3942.61")], [1, -1]),
    # economic
    check_sum("p20 gpb 10984.81 = 301+302+303+310 (+zeros)", W("10984.81"),
              [W("4417.07"), W("5474.56"), W("701.61"), W("391.57")] + [Z] * 6),
    check_sum("basic 5915.38 = 301+302+303+310", W("5915.38"), [W("4407.07"), W("832.69"), W("673.62"), W("2.00")]),
    check_sum("301 4407.07 = Σ 款", W("4407.07"),
              [W(x) for x in ["1027.39", "974.62", "1184.21", "56.00", "442.44", "137.87", "33.23", "6.64", "539.87", "4.80"]]),
    check_sum("302 832.69 = Σ 款", W("832.69"),
              [W(x) for x in ["250.93", "5.00", "7.00", "8.35", "1.50", "42.49", "32.00", "215.83", "269.59"]]),
    check_sum("303 673.62 = Σ 款", W("673.62"), [W("26.39"), W("21.32"), W("625.91")]),
    check_sum("310 2.00 = 31002", W("2.00"), [W("2.00")]),
    check_sum("basic 5915.38 = personnel 5080.69 + public 834.69", W("5915.38"), [W("5080.69"), W("834.69")]),
    check_sum("personnel 5080.69 = 301 + 303", W("5080.69"), [W("4407.07"), W("673.62")]),
    check_sum("public 834.69 = 302 + 310", W("834.69"), [W("832.69"), W("2.00")]),
    # 三公
    check_sum("three_public.total 312.75 = 0.00 + 18.85 + 293.90", W("312.75"), [Z, W("18.85"), W("293.90")]),
    check_sum("vehicles 293.90 = 261.90 + 32.00", W("293.90"), [W("261.90"), W("32.00")]),
    check_change("vehicles_purchase change_pct -0.87 (-2.30 on 261.90)", W("-0.87"), W("-2.30"), W("261.90")),
    # procurement
    check_sum("procurement 5514.93 = 320.07 + 0.00 + 5194.86", W("5514.93"), [W("320.07"), Z, W("5194.86")]),
    # changes
    check_change("gpb change_pct 1.72 (185.72 on 10984.81)", W("1.72"), W("185.72"), W("10984.81")),
    check_change("agency_operating_cost change_pct 2.70 (19.92 on 758.24)", W("2.70"), W("19.92"), W("758.24")),
    # vehicles by kind
    check_sum("vehicles 194 = 0+0+153+0+0+41", W("194"), [W("0"), W("0"), W("153"), W("0"), W("0"), W("41")]),
    # 部门整体支出绩效目标表 (p37) against the budget tables
    check_sum("p37 资金总额 8200.95 = 项目 2285.57 + 基本 5915.38", W("8200.95"), [W("2285.57"), W("5915.38")]),
    check_sum("CONFLICT p37 项目支出 2285.57 vs 支出总表 9269.43", W("2285.57"), [W("9269.43")]),
    check_sum("CONFLICT p37 资金总额 8200.95 vs 本年支出合计 15184.81", W("8200.95"), [W("15184.81")]),
]

report(checks)
sys.exit(0)
