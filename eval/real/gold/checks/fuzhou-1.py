"""Arithmetic relations stated by fuzhou-1.pdf (福州经济技术开发区生态环境局 2026 单位预算)."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "..", "gold", "checks"))

from arith import W, check_change, check_sum, report  # noqa: E402

checks = [
    # income
    check_sum("income.total 1369.27 = gpb 1369.27 + zeros", W("1369.27"),
              [W("1369.27")] + [W("0.00")] * 8),
    # expenditure total = classes = basic + project
    check_sum("expenditure.total 1369.27 = 208 + 211 + 221", W("1369.27"),
              [W("177.58"), W("1061.72"), W("129.97")]),
    check_sum("expenditure.total 1369.27 = basic 1063.27 + project 306.00 + operating 0",
              W("1369.27"), [W("1063.27"), W("306.00"), W("0.00")]),
    check_sum("income.total = expenditure.total (no carry-over)", W("1369.27"), [W("1369.27")]),
    # class = sum of 款, 款 = sum of 项
    check_sum("208 = 20805", W("177.58"), [W("177.58")]),
    check_sum("20805 = 2080501+02+05+06", W("177.58"), [W("42.18"), W("28.17"), W("71.48"), W("35.75")]),
    check_sum("211 = 21101 + 21102", W("1061.72"), [W("369.23"), W("692.49")]),
    check_sum("21101 = 2110101 + 2110102", W("369.23"), [W("63.23"), W("306.00")]),
    check_sum("21102 = 2110299", W("692.49"), [W("692.49")]),
    check_sum("221 = 22102", W("129.97"), [W("129.97")]),
    check_sum("22102 = 2210201+02+03", W("129.97"), [W("78.31"), W("14.29"), W("37.37")]),
    # basic / project columns by class (p9/p11)
    check_sum("basic 1063.27 = 177.58 + 755.72 + 129.97", W("1063.27"), [W("177.58"), W("755.72"), W("129.97")]),
    check_sum("211 1061.72 = basic 755.72 + project 306.00", W("1061.72"), [W("755.72"), W("306.00")]),
    # economic (p14: all GPB; p15-17: basic)
    check_sum("p14 GPB total 1369.27 = 301 + 302(377.92) + 303", W("1369.27"), [W("921.53"), W("377.92"), W("69.82")]),
    check_sum("p14 302 377.92 = basic 302 71.92 + project 306.00", W("377.92"), [W("71.92"), W("306.00")]),
    check_sum("basic 1063.27 = 301 + 302 + 303", W("1063.27"), [W("921.53"), W("71.92"), W("69.82")]),
    check_sum("301 921.53 = Σ 款", W("921.53"),
              [W(x) for x in ["197.77", "129.39", "251.08", "93.51", "71.48", "35.75", "31.59", "25.42", "2.67", "78.31", "4.56"]]),
    check_sum("302 71.92 = Σ 款", W("71.92"), [W(x) for x in ["2.00", "13.00", "5.50", "12.76", "38.66"]]),
    check_sum("303 69.82 = Σ 款", W("69.82"), [W("7.45"), W("1.57"), W("60.80")]),
    # basic = personnel + public
    check_sum("basic 1063.27 = personnel 991.35 + public 71.92", W("1063.27"), [W("991.35"), W("71.92")]),
    check_sum("personnel 991.35 = 301 + 303", W("991.35"), [W("921.53"), W("69.82")]),
    check_sum("public 71.92 = 302 (basic)", W("71.92"), [W("71.92")]),
    # 三公
    check_sum("three_public.total 19.50 = 0.00 + 2.00 + 17.50", W("19.50"), [W("0.00"), W("2.00"), W("17.50")]),
    check_sum("vehicles 17.50 = purchase 0.00 + operation 17.50", W("17.50"), [W("0.00"), W("17.50")]),
    # procurement
    check_sum("procurement 161.96 = 148.96 + 0 + 13", W("161.96"), [W("148.96"), W("0"), W("13")]),
    # changes
    check_change("income/expenditure change_pct 0.67 (9.11 on 1369.27)", W("0.67"), W("9.11"), W("1369.27")),
    check_change("agency_operating_cost change_pct -52.29 (-41.36 on 37.73)", W("-52.29"), W("-41.36"), W("37.73")),
]

bad = report(checks)
sys.exit(0)
