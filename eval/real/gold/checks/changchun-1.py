"""Arithmetic relations stated by changchun-1.pdf (长春市信访局 2026年度部门预算)."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "gold", "checks"))

from arith import W, check_ratio, check_sum, check_change, report  # noqa: E402

checks = [
    # 收支总表 income side (p6)
    check_sum("income.total 1682.76 = fiscal 1682.76 + special account 0 + unit funds 0",
              W("1682.76"), [W("1682.76"), W("0.00"), W("0.00")]),
    check_sum("income.total@fiscal 1682.76 = gpb + gf + sc",
              W("1682.76"), [W("1682.76"), W("0.00"), W("0.00")]),
    check_sum("income.unit_funds 0 = business + operating + superior + affiliated + other",
              W("0.00"), [W("0.00")] * 5),
    # expenditure totals
    check_sum("expenditure.total 1682.76 = Σ classes (p6/p8)",
              W("1682.76"), [W("1378.41"), W("178.42"), W("32.65"), W("93.27")]),
    check_sum("expenditure.total 1682.76 = basic 1208.2 + project 474.56 + operating 0",
              W("1682.76"), [W("1208.2"), W("474.56"), W("0.00")]),
    check_sum("income.total 1682.76 = expenditure.total 1682.76 + closing carryover 0",
              W("1682.76"), [W("1682.76"), W("0.00")]),
    # class = Σ 款, 款 = Σ 项 (p8, p10)
    check_sum("201 1378.41 = 20140 1378.41", W("1378.41"), [W("1378.41")]),
    check_sum("20140 1378.41 = 2014001 + 2014002 + 2014099",
              W("1378.41"), [W("903.85"), W("458.00"), W("16.56")]),
    check_sum("208 178.42 = 20805 178.42", W("178.42"), [W("178.42")]),
    check_sum("20805 178.42 = 2080501 72.62 + 2080505 105.80", W("178.42"), [W("72.62"), W("105.80")]),
    check_sum("210 32.65 = 21011 = 2101101", W("32.65"), [W("32.65")]),
    check_sum("221 93.27 = 22102 = 2210201", W("93.27"), [W("93.27")]),
    # gpb table (p10)
    check_sum("gpb total 1682.76 = basic 1208.20 + project 474.56", W("1682.76"), [W("1208.20"), W("474.56")]),
    check_sum("gpb basic 1208.20 = personnel 997.20 + public 211.00", W("1208.20"), [W("997.20"), W("211.00")]),
    check_sum("gpb 行政运行 basic 903.85 = personnel 692.85 + public 211.00", W("903.85"), [W("692.85"), W("211.00")]),
    check_sum("gpb project 474.56 = 2014002 458.00 + 2014099 16.56", W("474.56"), [W("458.00"), W("16.56")]),
    # economic (p11)
    check_sum("basic 1208.20 = 301 + 302 + 303", W("1208.20"), [W("911.21"), W("211.00"), W("85.98")]),
    check_sum("personnel 997.20 = 301 911.21 + 303 85.98", W("997.20"), [W("911.21"), W("85.98")]),
    check_sum("public 211.00 = 302 211.00", W("211.00"), [W("211.00")]),
    check_sum("301 911.21 = Σ 款", W("911.21"),
              [W(x) for x in ("297.50", "179.46", "194.78", "105.80", "32.65", "3.36", "93.27", "4.40", "9.74")]),
    check_sum("302 211.00 = Σ 款", W("211.00"),
              [W(x) for x in ("34.82", "1.50", "1.00", "23.37", "36.18", "10.00", "12.61", "3.98", "0.86",
                              "13.28", "10.35", "6.75", "54.08", "12.59")]),
    check_sum("303 85.98 = 30302 78.88 + 30307 7.10", W("85.98"), [W("78.88"), W("7.10")]),
    check_sum("30108 养老保险 105.80 = 2080505 105.80", W("105.80"), [W("105.80")]),
    check_sum("30113 住房公积金 93.27 = 2210201 93.27", W("93.27"), [W("93.27")]),
    check_sum("30110 医保 32.65 = 2101101 32.65", W("32.65"), [W("32.65")]),
    # 三公 (p12, p18)
    check_sum("三公 7.61 = overseas 0 + vehicles 6.75 + reception 0.86", W("7.61"), [W("0.00"), W("6.75"), W("0.86")]),
    check_sum("vehicles 6.75 = purchase 0 + operation 6.75", W("6.75"), [W("0.00"), W("6.75")]),
    check_sum("三公 change -1.62 = 7.61 - 9.23", W("-1.62"), [W("7.61"), W("9.23")], [1, -1]),
    check_sum("30217 公务接待费 0.86 = 三公 reception 0.86", W("0.86"), [W("0.86")]),
    check_sum("30231 公务用车运行维护费 6.75 = 三公 vehicles_operation 6.75", W("6.75"), [W("6.75")]),
    # prose shares and changes (p17, p18)
    check_ratio("basic share 71.80%", W("71.80"), W("1208.20"), W("1682.76")),
    check_ratio("project share 28.20%", W("28.20"), W("474.56"), W("1682.76")),
    check_change("total change_pct 3.08% from +50.32", W("3.08"), W("50.32"), W("1682.76")),
    check_ratio("工资福利 share 54.15% of 1682.76", W("54.15"), W("911.21"), W("1682.76")),
    check_ratio("商品和服务 share 12.54% of 1682.76", W("12.54"), W("211.00"), W("1682.76")),
    check_ratio("对个人和家庭 share 5.11% of 1682.76", W("5.11"), W("85.98"), W("1682.76")),
    check_ratio("机关运行经费 211 share 17.46% of basic", W("17.46"), W("211"), W("1208.20")),
    check_sum("机关运行经费 211 = 商品和服务支出 211.00", W("211"), [W("211.00")]),
    check_sum("prose gpb classes = table (1378.41, 178.42, 32.65, 93.27) sum", W("1682.76"),
              [W("1378.41"), W("178.42"), W("32.65"), W("93.27")]),
    # projects (p14, p18)
    check_sum("project total 474.56 = Σ projects (table)", W("474.56"),
              [W("30.00"), W("116.00"), W("312.00"), W("16.56")]),
    check_sum("project total 474.56 = Σ projects (prose p18, 临聘 15.56)", W("474.56"),
              [W("116"), W("30"), W("312"), W("15.56")]),
    check_sum("临聘人员经费 prose 15.56 = table 16.56", W("15.56"), [W("16.56")]),
    check_sum("2014099 其他信访事务支出 16.56 = 临聘人员经费 16.56", W("16.56"), [W("16.56")]),
    check_sum("2014002 458.00 = 30 + 116 + 312", W("458.00"), [W("30.00"), W("116.00"), W("312.00")]),
    # 机关运行经费 item list vs table
    check_sum("其他商品和服务支出 prose 12.58 = table 30299 12.59", W("12.58"), [W("12.59")]),
    # staff
    check_sum("实有人员 72 = 在职 46 + 离退休 26", W("72"), [W("46"), W("26")]),
]

report(checks)
sys.exit(0)
