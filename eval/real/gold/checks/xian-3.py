"""Arithmetic relations stated by xian-3.pdf (西安市交通运输局 2022年部门综合预算). Tables and prose in 万元.

Figures are given as written (2 decimals in the tables; the few prose figures written otherwise literally).
Table rows are read from the gold file beside this script where gold keys them; rows gold does not key
(表7 function rows, the second row of a cross-classified 款, 表1 sub-rows, 表10 category rows) are literal.
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "..", "gold", "checks"))

from arith import W, check_change, check_sum, report  # noqa: E402

gold = json.load(open(os.path.join(HERE, "..", "xian-3.json"), encoding="utf-8"))
G = "general_public_budget"
checks = []
S = lambda name, tot, parts: checks.append(check_sum(name, tot, parts))  # noqa: E731
C = lambda name, a, b: checks.append(check_sum(name, a, [b]))  # noqa: E731  (one figure stated twice)
w2 = lambda v: W(f"{v:.2f}")  # noqa: E731


def rows(concepts, scope, measure="budget"):
    return {f["code"]: f for f in gold["facts"] if f["concept"] in concepts and f.get("scope", "all") == scope
            and f["measure"] == measure and f.get("code")}


# --- 表1 收支总表 / 表4 财政拨款收支总表 (p27-34) ---
T = W("74868.34")
S("income.total = 财政拨款 (only source)", T, [W("74868.34")])
S("表1 expenditure.total = Σ 5 function classes", T, [W("179.17"), W("1983.46"), W("792.20"), W("70074.57"), W("1838.94")])
S("表1 expenditure.total = basic + project", T, [W("19443.34"), W("55424.99")])
S("表1 expenditure.total = Σ 政府经济分类 类", T, [W("2243.55"), W("2319.86"), W("28883.50"), W("23277.01"), W("4509.70"),
                                            W("13082.00"), W("552.72")])
S("表1 basic = 工资福利 + 商品和服务 + 对个人和家庭 (sub-rows)", W("19443.34"), [W("17067.96"), W("1822.67"), W("552.72")])
S("表1 project = Σ 专项业务经费 sub-rows", W("55424.99"), [W("8949.80"), W("216.00"), W("33177.20"), W("13082.00")])
# 表2/表3 unit rows
units = ["44572.50", "2074.57", "9076.59", "595.82", "1098.92", "14903.46", "573.68", "269.88", "614.64", "565.18", "105.10", "418.00"]
S("表2/表3 合计 = Σ 12 unit rows", T, [W(u) for u in units])

# --- 表5 一般公共预算支出 (功能) p35-37: class = Σ 款 = Σ 项 ---
fn = rows({"expenditure.function", "expenditure.function_item"}, G)
T5 = W("74868.33")
S("表5 合计 74868.33 = Σ classes", T5, [w2(fn[c]["value"]) for c in sorted(fn) if len(c) == 3])
S("表5 合计 = personnel + public + project columns", T5, [W("17739.88"), W("1703.46"), W("55424.99")])
for c in sorted(fn):
    kids = [k for k in fn if len(k) == len(c) + 2 and k.startswith(c)]
    if len(c) in (3, 5) and kids:
        S(f"表5 {c} {fn[c]['label']} = Σ children", w2(fn[c]["value"]), [w2(fn[k]["value"]) for k in sorted(kids)])
# column splits of 表5 rows (人员 + 公用 + 专项 = 合计)
for name, tot, parts in [("214", "70074.56", ["13207.28", "1612.07", "55255.21"]), ("21401", "56242.17", ["12903.02", "1573.94", "41765.21"]),
                         ("2140106", "22973.30", ["7941.49", "973.50", "14058.31"]), ("2140109", "557.18", ["141.02", "16.16", "400.00"]),
                         ("2140112", "4258.62", ["2208.40", "282.22", "1768.00"]), ("2140199", "1750.63", ["780.82", "107.41", "862.40"]),
                         ("21499", "13444.39", ["304.26", "38.13", "13102.00"]), ("205", "179.17", ["91.39", "87.78"])]:
    S(f"表5 {name} columns", W(tot), [W(p) for p in parts])
S("表5 personnel column = Σ class personnel", W("17739.88"), [W("1901.46"), W("792.20"), W("13207.28"), W("1838.94")])
S("表5 public column = Σ class public", W("1703.46"), [W("91.39"), W("1612.07")])
S("表5 project column = Σ class project", W("55424.99"), [W("87.78"), W("82.00"), W("55255.21")])
C("表1 交通运输支出 70074.57 vs 表5 214 70074.56 (all spending is 一般公共预算)", W("70074.57"), W("70074.56"))
C("表5 合计 74868.33 vs 表1/表3/prose 74868.34 (expenditure.total@gpb)", W("74868.33"), W("74868.34"))

# --- 表7 一般公共预算基本支出 (功能) p44-46 ---
S("表7 合计 = Σ classes", W("19443.34"), [W("91.39"), W("1901.46"), W("792.20"), W("14819.35"), W("1838.94")])
S("表7 合计 = personnel + public", W("19443.34"), [W("17739.88"), W("1703.46")])
S("表7 214 = 21401 + 21499", W("14819.35"), [W("14476.96"), W("342.39")])
S("表7 21401 = Σ 项", W("14476.96"), [W("2025.94"), W("8914.99"), W("157.18"), W("2490.62"), W("888.23")])
S("表7 208 = 20805 + 20899", W("1901.46"), [W("1886.00"), W("15.46")])

# --- 表8 / 表6 经济分类 (p38-52) ---
eco = rows({"expenditure.economic"}, G)
second = {  # the second row of a 款 printed under two 政府经济 codes (表8 for 301/302/303, 表6 for 309/310/312)
    "30101": "3791.22", "30102": "1819.57", "30103": "3036.00", "30108": "1094.18", "30109": "547.09", "30110": "522.61",
    "30111": "170.97", "30112": "13.68", "30113": "1272.44", "30201": "240.62", "30202": "53.84", "30205": "19.70", "30206": "78.20",
    "30207": "74.79", "30208": "43.26", "30209": "79.46", "30211": "298.00", "30213": "99.07", "30215": "32.03", "30216": "88.39",
    "30217": "33.60", "30228": "127.24", "30231": "150.00", "30299": "57.47", "31002": "532.70", "31006": "159.00", "31007": "185.00"}
for c in sorted(eco):
    if len(c) == 3:
        kids = [k for k in eco if len(k) == 5 and k.startswith(c)]
        parts = [w2(eco[k]["value"]) for k in sorted(kids)] + [W(second[k]) for k in sorted(kids) if k in second]
        S(f"economic {c} {eco[c]['label']} = Σ 款 rows", w2(eco[c]["value"]), parts)
S("表8 合计 19443.33 = 301 + 302 + 303", W("19443.33"), [W("17067.93"), W("1822.69"), W("552.71")])
S("表8 personnel 17739.85 = 301 + 302 人员 119.21 + 303", W("17739.85"), [W("17067.93"), W("119.21"), W("552.71")])
S("表8 合计 = personnel + public", W("19443.33"), [W("17739.85"), W("1703.48")])
S("表6 合计 74868.33 = Σ classes", W("74868.33"), [W("17067.93"), W("10772.49"), W("552.71"), W("216.00"), W("33177.20"), W("13082.00")])
S("表6 合计 = personnel + public + project", W("74868.33"), [W("17739.85"), W("1703.48"), W("55425.00")])
S("表6 302 = 人员 + 公用 + 专项", W("10772.49"), [W("119.21"), W("1703.48"), W("8949.80")])
t6_302 = ["360.12", "497.09", "17.60", "85.29", "21.00", "0.15", "1.00", "3.00", "24.03", "2.50", "231.32", "13.00", "91.57", "9.64",
          "126.40", "25.60", "433.16", "70.50", "337.35", "84.64", "321.07", "74.84", "2.45", "42.43", "33.00", "146.17", "5.24",
          "33.60", "18.00", "93.74", "1375.00", "5489.70", "29.52", "127.24", "5.00", "10.00", "200.00", "119.21", "3.00", "137.85", "70.47"]
S("表6 302 10772.49 = Σ its 41 款 rows", W("10772.49"), [W(v) for v in t6_302])
S("表6 301 = 表8 301 (basic only; no project 工资福利)", W("17067.93"), [W("17067.93")])
# the same figures in several tables (keys gold holds once)
C("expenditure.personnel@gpb: 表5/表7 17739.88 vs 表6/表8 17739.85", W("17739.88"), W("17739.85"))
C("expenditure.public@gpb: 表5/表7 1703.46 vs 表6/表8 1703.48", W("1703.46"), W("1703.48"))
C("expenditure.project@gpb: 表5 55424.99 vs 表6 55425.00", W("55424.99"), W("55425.00"))
C("expenditure.basic@gpb: 表7 19443.34 vs 表8 19443.33", W("19443.34"), W("19443.33"))
C("303 对个人和家庭的补助: 表6/表8 552.71 vs 表1 / prose 552.72", W("552.71"), W("552.72"))
C("agency_operating_cost 1703.46 = 公用经费 (表5/表7)", W("1703.46"), W("1703.46"))
# not keyed (表1 basic sub-rows), but the same thing as 表8's classes
C("表1 basic (1)工资福利支出 17067.96 vs 表8 301 17067.93 [not keyed: 表1 sub-rows are no facts]", W("17067.96"), W("17067.93"))
C("表1 basic (2)商品和服务支出 1822.67 vs 表8 302 1822.69 [not keyed]", W("1822.67"), W("1822.69"))
C("表1 project 商品和服务 8949.80 + basic 1822.67 vs 表6 302 10772.49 / prose", W("10772.49"), W("10772.47"))

# --- prose (p15-22) ---
S("prose: total change = basic change + project change (all, fiscal, gpb: stated 3 times)", W("6915.49"), [W("-8627.56"), W("15496.49")])
S("prose: 行政运行(行政及参公单位基本支出) + 事业运行 = basic", W("19443.34"), [W("2678.58"), W("16764.76")])
S("prose: their changes = basic change", W("-8627.56"), [W("-176.59"), W("-8450.97")])
S("prose: 政府经济 class changes + new 对企业补助 13082 = basic + project changes", W("6868.93"),
  [W("-274.99"), W("530.17"), W("-5056.14"), W("-4069.25"), W("2528.75"), W("128.39"), W("13082")])
C("prose 一般行政管理事务 1249.50 = 表5 2140102", W("1249.50"), W("1249.50"))

# --- 三公 (表13 p78, prose p20-21) ---
for yr, tot, ov, rec, veh, pur, op in [("2021", "117.49", "0.00", "40.49", "77.00", "0.00", "77.00"),
                                       ("2022", "248.84", "0.00", "38.84", "210.00", "0.00", "210.00"),
                                       ("增减", "131.35", "0.00", "-1.65", "133.00", "0.00", "133.00")]:
    S(f"三公 {yr} total = overseas + reception + vehicles", W(tot), [W(ov), W(rec), W(veh)])
    S(f"三公 {yr} vehicles = purchase + operation", W(veh), [W(pur), W(op)])
S("三公 change = 2022 − 2021", W("131.35"), [W("248.84"), W("-117.49")])
S("reception change", W("-1.65"), [W("38.84"), W("-40.49")])
S("vehicles change", W("133.00"), [W("210.00"), W("-77.00")])
checks.append(check_change("三公 change_pct 111.8", W("111.8"), W("131.35"), W("248.84")))
checks.append(check_change("reception change_pct -4.08", W("-4.08"), W("-1.65"), W("38.84")))
checks.append(check_change("vehicles_operation change_pct 172.7", W("172.7"), W("133"), W("210")))

# --- 政府采购 (p22, 表12 p66-77) ---
S("procurement.total = goods + services + works", W("9493.7"), [W("965.57"), W("8528.13"), W("0")])
S("表12 合计 = Σ 8 功能科目 全额 rows", W("9493.70"), [W(v) for v in ["1056.50", "1462.91", "258.00", "4704.00", "1136.93",
                                                                    "481.00", "320.01", "74.35"]])

# --- projects (表10 p54-64) and the 绩效目标 tables ---
pr = gold["projects"]
S("Σ 125 表10 projects = 表10 合计 55425.00", W("55425.00"), [w2(p["budget"]) for p in pr])
C("表10 合计 55425.00 vs expenditure.project 55424.99 (表1/表4/表5)", W("55425.00"), W("55424.99"))
S("表15 金额合计 = 任务1 + 任务2", W("45947.34"), [W("19443.34"), W("26504.00")])
S("项目支出 = 表15 专项业务 26504 + 表16 专项资金 28921", W("55425.00"), [W("26504.00"), W("28921.00")])
S("表16 专项资金 28921 = 表2 其中：专项资金列入部门预算项目 (单位 222001)", W("28921.00"), [W("28921.00")])
S("表14 办公场所租赁 78 = 表10 categories 办公场所租赁 (222003 20 + 222010 58)", W("78"), [W("20.00"), W("58.00")])
S("表14 专项购置 280.7 = 7 purchase projects of 表10", W("280.7"),
  [W("19.50"), W("10.00"), W("100.00"), W("37.00"), W("1.20"), W("75.00"), W("38.00")])
S("表14 大型活动 50 = 表10 2022年城市交通发展论坛项目", W("50"), [W("50.00")])
by_unit = {"西安市交通运输局": "43200.50"}
S("表10 西安市交通运输局 43200.50 = Σ its 32 projects", W("43200.50"), [w2(p["budget"]) for p in pr[:32]])
report(checks)
sys.exit(0)
