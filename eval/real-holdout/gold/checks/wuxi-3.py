"""Arithmetic relations stated by wuxi-3.pdf (无锡市发展和改革委员会 2025年度部门预算)."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "gold", "checks"))

from arith import W, check_change, check_ratio, check_sum, report  # noqa: E402


def S(*xs):
    return [W(x.replace(",", "")) for x in xs]


Z = W("0")
checks = [
    # 收支总表 p11 / 收入总表 p12
    check_sum("income.total 9947.88 = gpb 9947.88 + 8 zero categories", W("9947.88"), [W("9947.88")] + [Z] * 8),
    check_sum("income.total@fiscal 9947.88 = gpb 9947.88 + gf 0 + sc 0", W("9947.88"), [W("9947.88"), Z, Z]),
    check_sum("收入总表 合计 9947.88 = Σ per-unit rows (not facts)", W("9947.88"), S("7,526.46", "1,188.86", "541.82", "690.74")),
    check_sum("income.total + opening 0 = expenditure.total + closing 0", W("9947.88"), [W("9947.88"), Z, Z], [1, 1, -1]),
    # expenditure: classes, basic + project
    check_sum("expenditure.total 9947.88 = Σ classes", W("9947.88"),
              S("5,368.21", "699.36", "226.99", "630.00", "1,172.70", "502.00", "1,348.62")),
    check_sum("expenditure.total 9947.88 = basic 6389.83 + project 3558.05", W("9947.88"), S("6,389.83", "3,558.05")),
    check_sum("expenditure.total = basic + project + operating 0 + remit 0 + subsidy 0", W("9947.88"), S("6,389.83", "3,558.05") + [Z, Z, Z]),
    check_sum("201 5368.21 = 20104 5368.21", W("5368.21"), S("5368.21")),
    check_sum("20104 5368.21 = Σ 项", W("5368.21"), S("2,759.94", "979.62", "64.31", "1,474.34", "90.00")),
    check_sum("208 699.36 = 20805 699.36", W("699.36"), S("699.36")),
    check_sum("20805 699.36 = 2080505 466.24 + 2080506 233.12", W("699.36"), S("466.24", "233.12")),
    check_sum("210 226.99 = 21011 226.99", W("226.99"), S("226.99")),
    check_sum("21011 226.99 = 2101101 148.74 + 2101102 78.25", W("226.99"), S("148.74", "78.25")),
    check_sum("215 630.00 = 21505 = 2150517", W("630.00"), S("630.00")),
    check_sum("216 1172.70 = 21699 = 2169999", W("1172.70"), S("1,172.70")),
    check_sum("219 502.00 = 21999 502.00 (row printed twice; the second is its only sub-row)", W("502.00"), S("502.00")),
    check_sum("221 1348.62 = 22102 1348.62", W("1348.62"), S("1,348.62")),
    check_sum("22102 1348.62 = 2210201 + 2210202 + 2210203", W("1348.62"), S("425.90", "398.79", "523.93")),
    # basic column by function row (not facts) = basic total
    check_sum("basic 6389.83 = Σ basic column of class rows", W("6389.83"), S("4,114.86", "699.36", "226.99", "1,348.62")),
    check_sum("project 3558.05 = Σ project column of class rows", W("3558.05"), S("1,253.35", "630.00", "1,172.70", "502.00")),
    check_sum("201 basic 4114.86 = 2708.17 + 1406.69", W("4114.86"), S("2,708.17", "1,406.69")),
    check_sum("201 project 1253.35 = 51.77 + 979.62 + 64.31 + 67.65 + 90.00", W("1253.35"), S("51.77", "979.62", "64.31", "67.65", "90.00")),
    # personnel / public (05/07 表)
    check_sum("basic 6389.83 = personnel 6040.86 + public 348.97", W("6389.83"), S("6,040.86", "348.97")),
    check_sum("201 personnel 3765.89 = 2460.72 + 1305.17", W("3765.89"), S("2,460.72", "1,305.17")),
    check_sum("201 public 348.97 = 247.45 + 101.52", W("348.97"), S("247.45", "101.52")),
    check_sum("personnel 6040.86 = 3765.89 + 699.36 + 226.99 + 1348.62", W("6040.86"), S("3,765.89", "699.36", "226.99", "1,348.62")),
    # economic (06/08 表)
    check_sum("basic 6389.83 = 301 + 302 + 303", W("6389.83"), S("5,457.98", "348.97", "582.88")),
    check_sum("personnel 6040.86 = 301 5457.98 + 303 582.88", W("6040.86"), S("5,457.98", "582.88")),
    check_sum("public 348.97 = 302 348.97", W("348.97"), S("348.97")),
    check_sum("301 5457.98 = Σ 款", W("5457.98"),
              S("768.85", "1,884.57", "819.98", "547.88", "466.24", "233.12", "226.99", "40.26", "425.90", "25.29", "18.90")),
    check_sum("302 348.97 = Σ 款", W("348.97"),
              S("123.29", "23.27", "7.37", "1.45", "12.20", "64.93", "14.03", "2.80", "86.91", "12.72")),
    check_sum("303 582.88 = Σ 款", W("582.88"), S("65.22", "492.21", "3.78", "0.13", "21.54")),
    check_sum("30108 466.24 = 2080505", W("466.24"), S("466.24")),
    check_sum("30109 233.12 = 2080506", W("233.12"), S("233.12")),
    check_sum("30110 226.99 = 21011", W("226.99"), S("226.99")),
    check_sum("30113 425.90 = 2210201", W("425.90"), S("425.90")),
    # 三公 (09 表 p23, prose p36)
    check_sum("三公 38.27 = overseas 23.27 + vehicles 2.80 + reception 12.20", W("38.27"), S("23.27", "2.80", "12.20")),
    check_sum("vehicles 2.80 = purchase 0.00 + operation 2.80", W("2.80"), S("0.00", "2.80")),
    check_sum("30212 23.27 = 三公 overseas", W("23.27"), S("23.27")),
    check_sum("30217 12.20 = 三公 reception", W("12.20"), S("12.20")),
    check_sum("30231 2.80 = 三公 vehicles_operation", W("2.80"), S("2.80")),
    check_ratio("overseas share 60.8%", W("60.8"), W("23.27"), W("38.27")),
    check_ratio("vehicles share 7.32%", W("7.32"), W("2.8"), W("38.27")),
    check_ratio("reception share 31.88%", W("31.88"), W("12.2"), W("38.27")),
    # 机关运行经费 (12 表 p26)
    check_sum("agency_operating_cost 247.45 = Σ rows", W("247.45"), S("67.53", "23.27", "7.16", "11.54", "34.81", "8.48", "85.66", "9.00")),
    check_sum("agency_operating_cost 247.45 = 2010401 public 247.45", W("247.45"), S("247.45")),
    check_change("agency_operating_cost change_pct -4.14", W("-4.14"), W("-10.68"), W("247.45")),
    # procurement (13 表 p27, prose p37)
    check_sum("procurement 720.00 = goods 0 + works 0 + services 720.00", W("720.00"), [Z, Z, W("720.00")]),
    check_sum("procurement 720.00 = Σ project rows", W("720.00"), S("160.00", "100.00", "80.00", "380.00")),
    # prose shares (p31)
    check_ratio("basic share 64.23%", W("64.23"), W("6389.83"), W("9947.88")),
    check_ratio("project share 35.77%", W("35.77"), W("3558.05"), W("9947.88")),
    # prose changes (p28-p35)
    check_change("income/gpb change_pct -37.43", W("-37.43"), W("-5951.66"), W("9947.88")),
    check_sum("total change -5951.66 = Σ class changes", W("-5951.66"),
              S("-207.3", "38.37", "-9.3", "-6100", "392.7", "15", "-81.13")),
    check_change("201 change_pct -3.72", W("-3.72"), W("-207.3"), W("5368.21")),
    check_change("208 change_pct 5.8", W("5.8"), W("38.37"), W("699.36")),
    check_change("210 change_pct -3.94", W("-3.94"), W("-9.3"), W("226.99")),
    check_change("215 change_pct -90.64", W("-90.64"), W("-6100"), W("630")),
    check_change("216 change_pct 50.35", W("50.35"), W("392.7"), W("1172.7")),
    check_change("219 change_pct 3.08", W("3.08"), W("15"), W("502")),
    check_change("221 change_pct -5.67", W("-5.67"), W("-81.13"), W("1348.62")),
    check_sum("201 change -207.3 = Σ 项 changes (incl. 2010102 -85, 2010499 0)", W("-207.3"),
              S("-85", "-216.09", "-147.79", "20", "221.58", "0")),
    check_sum("208 change 38.37 = 25.58 + 12.79", W("38.37"), S("25.58", "12.79")),
    check_sum("210 change -9.3 = -5.92 - 3.38", W("-9.3"), S("-5.92", "-3.38")),
    check_sum("221 change -81.13 = -25.64 - 57.86 + 2.37", W("-81.13"), S("-25.64", "-57.86", "2.37")),
    check_change("2010102 change_pct -100", W("-100"), W("-85"), W("0")),
    check_change("2010401 change_pct -7.26", W("-7.26"), W("-216.09"), W("2759.94")),
    check_change("2010402 change_pct -13.11", W("-13.11"), W("-147.79"), W("979.62")),
    check_change("2010408 change_pct 45.14", W("45.14"), W("20"), W("64.31")),
    check_change("2010450 change_pct 17.69", W("17.69"), W("221.58"), W("1474.34")),
    check_change("2080505 change_pct 5.8", W("5.8"), W("25.58"), W("466.24")),
    check_change("2080506 change_pct 5.8", W("5.8"), W("12.79"), W("233.12")),
    check_change("2101101 change_pct -3.83", W("-3.83"), W("-5.92"), W("148.74")),
    check_change("2101102 change_pct -4.14", W("-4.14"), W("-3.38"), W("78.25")),
    check_change("2150517 change_pct -90.64", W("-90.64"), W("-6100"), W("630")),
    check_change("2169999 change_pct 50.35", W("50.35"), W("392.7"), W("1172.7")),
    check_change("21999 change_pct 3.08", W("3.08"), W("15"), W("502")),
    check_change("2210201 change_pct -5.68", W("-5.68"), W("-25.64"), W("425.9")),
    check_change("2210202 change_pct -12.67", W("-12.67"), W("-57.86"), W("398.79")),
    check_change("2210203 change_pct 0.45", W("0.45"), W("2.37"), W("523.93")),
    check_sum("prose figures = table figures (630, 1172.7, 502, 425.9, 2.8, 12.2)", W("630"), S("630.00")),
]

report(checks)
sys.exit(0)
