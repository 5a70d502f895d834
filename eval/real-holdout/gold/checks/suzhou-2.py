"""Arithmetic relations stated by suzhou-2.pdf (苏州市生态环境局 2026年度单位预算)."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "gold", "checks"))

from arith import W, check_bound, check_change, check_ratio, check_sum, report  # noqa: E402


def S(*xs):
    return [W(x.replace(",", "")) for x in xs]


Z = W("0")
checks = [
    # 收支总表 p10 / 收入总表 p11 / 财政拨款收支总表 p13-14
    check_sum("income.total 41183.84 = gpb 41183.84 + zero categories", W("41183.84"), [W("41183.84")] + [Z] * 8),
    check_sum("income.total + opening 0 = expenditure.total + closing 0", W("41183.84"), [W("41183.84"), Z, Z], [1, 1, -1]),
    check_sum("收入总表 per-unit row 41183.84 = 合计 (not a fact)", W("41183.84"), S("41,183.84")),
    check_sum("income.total@fiscal 41183.84 = gpb + gf 0 + sc 0", W("41183.84"), [W("41183.84"), Z, Z]),
    # expenditure (all = fiscal = gpb, same rows p12/p15/p18)
    check_sum("expenditure.total 41183.84 = Σ classes", W("41183.84"), S("380.98", "39,803.47", "999.39")),
    check_sum("expenditure.total 41183.84 = basic 3373.21 + project 37810.63", W("41183.84"), S("3,373.21", "37,810.63")),
    check_sum("208 380.98 = 20805", W("380.98"), S("380.98")),
    check_sum("20805 380.98 = 31.45 + 237.58 + 111.95", W("380.98"), S("31.45", "237.58", "111.95")),
    check_sum("211 39803.47 = 21101 + 21103", W("39803.47"), S("35,259.72", "4,543.75")),
    check_sum("21101 35259.72 = 34618.99 + 640.73", W("35259.72"), S("34,618.99", "640.73")),
    check_sum("21103 4543.75 = 2110399", W("4543.75"), S("4,543.75")),
    check_sum("221 999.39 = 22102", W("999.39"), S("999.39")),
    check_sum("22102 999.39 = 278.06 + 377.81 + 343.52", W("999.39"), S("278.06", "377.81", "343.52")),
    check_sum("basic 3373.21 = Σ basic column of classes", W("3373.21"), S("380.98", "1,992.84", "999.39")),
    check_sum("project 37810.63 = 211 project column", W("37810.63"), S("37,810.63")),
    check_sum("211 39803.47 = basic 1992.84 + project 37810.63", W("39803.47"), S("1,992.84", "37,810.63")),
    check_sum("2110101 34618.99 = basic 1992.84 + project 32626.15", W("34618.99"), S("1,992.84", "32,626.15")),
    check_sum("project 37810.63 = 32626.15 + 640.73 + 4543.75", W("37810.63"), S("32,626.15", "640.73", "4,543.75")),
    check_sum("basic 3373.21 = personnel 3014.75 + public 358.46", W("3373.21"), S("3,014.75", "358.46")),
    check_sum("personnel 3014.75 = Σ personnel column of classes", W("3014.75"), S("380.98", "1,634.38", "999.39")),
    check_sum("2110101 basic 1992.84 = 1634.38 + 358.46", W("1992.84"), S("1,634.38", "358.46")),
    # economic tables p16-17 (fiscal) = p19-20 (gpb)
    check_sum("basic 3373.21 = 301 + 302 + 303", W("3373.21"), S("2,777.16", "358.46", "237.59")),
    check_sum("personnel 3014.75 = 301 + 303", W("3014.75"), S("2,777.16", "237.59")),
    check_sum("public 358.46 = 302", W("358.46"), S("358.46")),
    check_sum("301 2777.16 = Σ 款", W("2777.16"),
              S("376.14", "1,090.08", "458.17", "237.58", "111.95", "74.07", "4.08", "58.15", "278.06", "88.88")),
    check_sum("302 358.46 = Σ 款", W("358.46"),
              S("26.00", "6.00", "0.50", "6.60", "79.60", "2.40", "2.00", "20.00", "2.00", "9.00", "35.52", "58.88", "109.96")),
    check_sum("303 237.59 = Σ 款", W("237.59"), S("39.69", "192.85", "0.03", "5.02")),
    # 三公 p21
    check_sum("三公 20.00 = 0.00 + 0.00 + 20.00", W("20.00"), S("0.00", "0.00", "20.00")),
    check_sum("vehicles 0.00 = 0.00 + 0.00", W("0.00"), S("0.00", "0.00")),
    check_sum("reception 20.00 = economic 30217 20.00", W("20.00"), S("20.00")),
    check_ratio("三公 shares: reception 100%", W("100"), W("20"), W("20")),
    # 机关运行经费 p24, 政府采购 p25
    check_sum("agency_operating_cost 358.46 = Σ its rows", W("358.46"),
              S("26.00", "6.00", "0.50", "6.60", "79.60", "2.40", "2.00", "20.00", "2.00", "9.00", "35.52", "58.88", "109.96")),
    check_sum("procurement 3721.79 = goods 382.74 + works 0 + services 3339.05", W("3721.79"), S("382.74", "0", "3,339.05")),
    check_sum("goods 382.74 = Σ lines", W("382.74"), S("2.00", "2.00", "2.00", "2.00", "374.74")),
    check_sum("services 3339.05 = Σ lines", W("3339.05"), S("5.00", "18.00", "238.05", "45.00", "6.00", "51.30", "2,975.70")),
    check_bound("agency_operating_cost 358.46 <= basic 3373.21", W("358.46"), W("3373.21")),
    # prose shares p28-29
    check_ratio("income gpb share 100", W("100"), W("41183.84"), W("41183.84")),
    check_ratio("basic share 8.19", W("8.19"), W("3373.21"), W("41183.84")),
    check_ratio("project share 91.81", W("91.81"), W("37810.63"), W("41183.84")),
    check_ratio("fiscal share of 本年支出合计 100", W("100"), W("41183.84"), W("41183.84")),
    # prose changes p27-32 (scope all = fiscal = gpb, totals -1300.99)
    check_change("total change_pct -3.06", W("-3.06"), W("-1300.99"), W("41183.84")),
    check_sum("total change -1300.99 = Σ class changes", W("-1300.99"), S("10.99", "-1,332.74", "20.76")),
    check_change("208 change_pct 2.97", W("2.97"), W("10.99"), W("380.98")),
    check_change("211 change_pct -3.24", W("-3.24"), W("-1332.74"), W("39803.47")),
    check_change("221 change_pct 2.12", W("2.12"), W("20.76"), W("999.39")),
    check_sum("208 change 10.99 = 3.02 + 4.84 + 3.13", W("10.99"), S("3.02", "4.84", "3.13")),
    check_sum("211 change -1332.74 = -17.38 + 12.23 - 1327.59", W("-1332.74"), S("-17.38", "12.23", "-1,327.59")),
    check_sum("221 change 20.76 = 2.97 + 200.4 - 182.61", W("20.76"), S("2.97", "200.4", "-182.61")),
    check_change("2080501 change_pct 10.62", W("10.62"), W("3.02"), W("31.45")),
    check_change("2080505 change_pct 2.08", W("2.08"), W("4.84"), W("237.58")),
    check_change("2080506 change_pct 2.88", W("2.88"), W("3.13"), W("111.95")),
    check_change("2110101 change_pct -0.05", W("-0.05"), W("-17.38"), W("34618.99")),
    check_change("2110102 change_pct 1.95", W("1.95"), W("12.23"), W("640.73")),
    check_change("2110399 change_pct -22.61", W("-22.61"), W("-1327.59"), W("4543.75")),
    check_change("2210201 change_pct 1.08", W("1.08"), W("2.97"), W("278.06")),
    check_change("2210202 change_pct 112.96", W("112.96"), W("200.4"), W("377.81")),
    check_change("2210203 change_pct -34.71", W("-34.71"), W("-182.61"), W("343.52")),
    check_change("agency_operating_cost change_pct -0.73", W("-0.73"), W("-2.64"), W("358.46")),
    # prose figures = table figures
    check_sum("prose 2080501 31.45 = table", W("31.45"), S("31.45")),
    check_sum("prose 2110399 4543.75 = table", W("4543.75"), S("4,543.75")),
    check_sum("prose 9 projects 37810.63 = 项目支出", W("37810.63"), S("37,810.63")),
]

report(checks)
sys.exit(0)
