"""Arithmetic relations stated by yantai-2.pdf (烟台市大数据局 2026 部门预算)."""
import json
import os
import sys
from collections import defaultdict
from decimal import Decimal

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "..", "gold", "checks"))

from arith import W, check_change, check_sum, report  # noqa: E402

c = []
T = W("7503.31")
# income total = Σ categories (only 一般公共预算收入); fiscal = Σ scopes
c.append(check_sum("income.total 7503.31 = fiscal 7503.31", T, [W("7503.31")]))
c.append(check_sum("income.total@fiscal = gpb 7503.31", T, [W("7503.31")]))
# expenditure total = Σ classes = basic + project
classes = [W("5.50"), W("132.89"), W("93.33"), W("7161.14"), W("110.44")]
c.append(check_sum("expenditure.total = Σ classes (205,208,210,215,221)", T, classes))
c.append(check_sum("expenditure.total = basic 1464.31 + project 6039.00", T, [W("1464.31"), W("6039.00")]))
c.append(check_sum("income.total = expenditure.total", T, [W("7503.31")]))
# class = Σ 款, 款 = Σ 项 (same in 支出总表, 财政拨款总表 and 一般公共预算支出表)
c.append(check_sum("205 = 20508", W("5.50"), [W("5.50")]))
c.append(check_sum("20508 = 2050803", W("5.50"), [W("5.50")]))
c.append(check_sum("208 = 20805", W("132.89"), [W("132.89")]))
c.append(check_sum("20805 = 2080501 + 2080505", W("132.89"), [W("3.63"), W("129.26")]))
c.append(check_sum("210 = 21011", W("93.33"), [W("93.33")]))
c.append(check_sum("21011 = 2101101+02+03+99", W("93.33"), [W("19.43"), W("40.86"), W("10.65"), W("22.39")]))
c.append(check_sum("215 = 21505", W("7161.14"), [W("7161.14")]))
c.append(check_sum("21505 = 2150501+50+99", W("7161.14"), [W("440.62"), W("46.55"), W("6673.97")]))
c.append(check_sum("221 = 22102", W("110.44"), [W("110.44")]))
c.append(check_sum("22102 = 2210201", W("110.44"), [W("110.44")]))
# basic/project columns per row (一般公共预算支出表)
c.append(check_sum("basic 1464.31 = Σ row basic", W("1464.31"),
                   [W("3.00"), W("132.89"), W("93.33"), W("1124.64"), W("110.44")]))
c.append(check_sum("project 6039.00 = Σ row project", W("6039.00"), [W("2.50"), W("6036.50")]))
# basic = personnel + public
c.append(check_sum("basic 1464.31 = personnel 1281.90 + public 182.41", W("1464.31"), [W("1281.90"), W("182.41")]))

# economic table (公开表6 = 公开表10): class rows = Σ 款 rows within each (部门类, 政府类) block
blocks = {
    "301/501 408.13": ("408.13", ["101.65", "106.00", "89.17", "41.68", "19.43", "10.65", "3.93", "35.62"]),
    "301/505 865.18": ("865.18", ["222.58", "73.19", "165.37", "162.35", "87.58", "40.86", "22.39", "16.04", "74.82"]),
    "302/502 133.02": ("133.02", ["33.49", "2.50", "1.50", "20.46", "10.00", "3.50", "4.50", "3.00", "4.00",
                                  "23.16", "2.40", "7.90", "16.38", "0.23"]),
    "302/505 46.55": ("46.55", ["17.00", "1.70", "7.00", "0.40", "0.45", "0.45", "2.00", "14.00", "3.55"]),
    "303/509 8.59": ("8.59", ["3.63", "0.10", "4.86"]),
    "310/503 2.84": ("2.84", ["2.84"]),
}
for name, (tot, parts) in blocks.items():
    c.append(check_sum(f"economic {name} = Σ 款", W(tot), [W(p) for p in parts]))
c.append(check_sum("basic 1464.31 = Σ economic class rows", W("1464.31"),
                   [W("408.13"), W("865.18"), W("133.02"), W("46.55"), W("8.59"), W("2.84")]))
c.append(check_sum("personnel 1281.90 = 301 rows + 303", W("1281.90"), [W("408.13"), W("865.18"), W("8.59")]))
c.append(check_sum("public 182.41 = 302 rows + 310", W("182.41"), [W("133.02"), W("46.55"), W("2.84")]))
# economic vs function: 住房公积金, 养老保险, 医疗
c.append(check_sum("2210201 住房公积金 110.44 = 30113 35.62 + 74.82", W("110.44"), [W("35.62"), W("74.82")]))
c.append(check_sum("2080505 129.26 = 30108 41.68 + 87.58", W("129.26"), [W("41.68"), W("87.58")]))
c.append(check_sum("2080501 行政单位离退休 3.63 = 30302 退休费 3.63", W("3.63"), [W("3.63")]))

# 三公 (table p18 and prose p27)
c.append(check_sum("三公 2026 19.45 = 10.00 + 5.00 + 4.45", W("19.45"), [W("10.00"), W("5.00"), W("4.45")]))
c.append(check_sum("三公 2025 20.45 = 10.00 + 5.00 + 5.45", W("20.45"), [W("10.00"), W("5.00"), W("5.45")]))
c.append(check_sum("vehicles 2026 5.00 = purchase 0 + operation 5.00", W("5.00"), [W("0"), W("5.00")]))
c.append(check_sum("vehicles 2025 5.00 = operation 5.00", W("5.00"), [W("5.00")]))
c.append(check_sum("三公 change -1 = 19.45 - 20.45", W("-1"), [W("19.45"), W("20.45")], [1, -1]))
c.append(check_change("三公 change_pct -4.89", W("-4.89"), W("-1"), W("19.45")))
c.append(check_sum("reception change -1 = 4.45 - 5.45", W("-1"), [W("4.45"), W("5.45")], [1, -1]))
c.append(check_change("reception change_pct -18.35", W("-18.35"), W("-1"), W("4.45")))
c.append(check_sum("overseas change 0 = 10.00 - 10.00", W("0"), [W("10.00"), W("10.00")], [1, -1]))
c.append(check_sum("vehicles_operation change 0 = 5.00 - 5.00", W("0"), [W("5.00"), W("5.00")], [1, -1]))
c.append(check_sum("三公 overseas 10.00 = 30212 因公出国（境）费用 10.00", W("10.00"), [W("10.00")]))
c.append(check_sum("三公 reception 4.45 = 30217 4.00 + 0.45", W("4.45"), [W("4.00"), W("0.45")]))
# prose changes
c.append(check_sum("income change -1226.81 = gpb -1219.11 + non-fiscal surplus -7.7",
                   W("-1226.81"), [W("-1219.11"), W("-7.7")]))
c.append(check_sum("expenditure change -1226.81 = basic +92.17 + project -1318.98",
                   W("-1226.81"), [W("92.17"), W("-1318.98")]))
c.append(check_sum("prose project 6039 = table 6039.00", W("6039"), [W("6039.00")]))
# projects
c.append(check_sum("project 6039.00 = Σ projects", W("6039.00"), [W("5.00"), W("6000.00"), W("33.00"), W("1.00")]))
# procurement
c.append(check_sum("procurement 5931.40 = goods 6.1 + works 0 + services 5925.3", W("5931.40"),
                   [W("6.1"), W("0"), W("5925.3")]))
c.append(check_sum("procurement table 5931.40 = 11.33 + 0.17 + 5919.90", W("5931.40"),
                   [W("11.33"), W("0.17"), W("5919.90")]))
c.append(check_sum("procurement prose 5931.4 = table 5931.40", W("5931.4"), [W("5931.40")]))
# agency operating cost vs 机关商品和服务支出 (502)
c.append(check_sum("agency_operating_cost 133.02 = 502 机关商品和服务支出 133.02", W("133.02"), [W("133.02")]))
# 委托业务费 (not a fact): 1311 / (6003.4+1311) = 17.92%
c.append(check_change("委托业务费 change_pct -17.92", W("-17.92"), W("-1311"), W("6003.4")))

report(c)
sys.exit(0)
