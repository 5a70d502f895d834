"""Arithmetic relations stated by chongqing-2.pdf (重庆市规划和自然资源局 2026年部门预算)."""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "..", "gold", "checks"))

from arith import W, check_sum, report  # noqa: E402

gold = json.load(open(os.path.join(HERE, "..", "chongqing-2.json"), encoding="utf-8"))
FACTS = gold["facts"]


def w(v):
    return W(f"{v:.2f}")


def sel(concepts, scope, period="current", measure="budget"):
    return [f for f in FACTS if f["concept"] in concepts and f.get("scope", "all") == scope
            and f["period"] == period and f["measure"] == measure]


def tree(concepts, scope, name, period="current"):
    out = []
    by = {f["code"]: f for f in sel(concepts, scope, period) if f.get("code")}
    for code, f in sorted(by.items()):
        n = len(code)
        kids = [g for c, g in by.items() if len(c) == (5 if n == 3 else 7) and c.startswith(code)] if n < 7 else []
        if kids:
            out.append(check_sum(f"{name} {code} {f['label']} {f['value']:.2f} = sum of {len(kids)} children",
                                 w(f["value"]), [w(g["value"]) for g in kids]))
    return out


def classes(scope, period="current"):
    return [f for f in sel(("expenditure.function",), scope, period)]


FN = ("expenditure.function", "expenditure.function_item")
c = []
# 表一 收支总表
c.append(check_sum("income.total 583429.56 = gpb 227955.11 + gf 46209.19 + business 275.00 + operating 143181.29 + other 165808.97",
                   W("583429.56"), [W("227955.11"), W("46209.19"), W("275.00"), W("143181.29"), W("165808.97")]))
cl = classes("all")
c.append(check_sum(f"expenditure.total 583429.56 = sum of {len(cl)} classes", W("583429.56"), [w(f["value"]) for f in cl]))
c.append(check_sum("收入合计 583429.56 = 支出合计 583429.56", W("583429.56"), [W("583429.56")]))
# 表三 支出总表
c.append(check_sum("expenditure.total 583429.56 = basic 148002.77 + project 435426.79", W("583429.56"), [W("148002.77"), W("435426.79")]))
c += tree(FN, "all", "表三")
c.append(check_sum("表三 220 basic 108612.29 + project 362892.08 = 471504.37", W("471504.37"), [W("108612.29"), W("362892.08")]))
c.append(check_sum("表三 basic 148002.77 = 54.94+25763.40+6640.61+108612.29+6931.53", W("148002.77"),
                   [W("54.94"), W("25763.40"), W("6640.61"), W("108612.29"), W("6931.53")]))
c.append(check_sum("表三 project 435426.79 = 49055.17+650.00+1939.87+362892.08+20889.67", W("435426.79"),
                   [W("49055.17"), W("650.00"), W("1939.87"), W("362892.08"), W("20889.67")]))
# 表二 收入总表: each row total = sum of its source columns
T2 = [('205', ['54.94', '54.94']), ('20508', ['54.94', '54.94']), ('2050803', ['54.94', '54.94']), ('208', ['25763.40', '20467.99', '4707.41', '588.00']), ('20805', ['25739.76', '20449.09', '4705.99', '584.68']), ('2080501', ['36.43', '36.43']), ('2080502', ['15.44', '15.44']), ('2080505', ['12178.32', '9764.00', '2136.35', '277.96']), ('2080506', ['6089.85', '4897.70', '1056.00', '136.15']), ('2080599', ['7419.72', '5735.51', '1513.64', '170.57']), ('20899', ['23.64', '18.90', '1.42', '3.32']), ('2089999', ['23.64', '18.90', '1.42', '3.32']), ('210', ['6640.61', '5287.45', '1185.85', '167.31']), ('21011', ['6640.61', '5287.45', '1185.85', '167.31']), ('2101101', ['1512.64', '1512.64']), ('2101102', ['3808.05', '2674.73', '988.57', '144.75']), ('2101199', ['1319.92', '1100.08', '197.28', '22.56']), ('212', ['49055.17', '45559.19', '3495.98']), ('21208', ['49055.17', '45559.19', '3495.98']), ('2120806', ['38170.21', '34674.23', '3495.98']), ('2120899', ['10884.96', '10884.96']), ('213', ['650.00', '650.00']), ('21369', ['650.00', '650.00']), ('2136902', ['650.00', '650.00']), ('215', ['1939.87', '1939.87']), ('21505', ['1939.87', '1939.87']), ('2150516', ['1184.47', '1184.47']), ('2150517', ['755.40', '755.40']), ('220', ['471504.37', '184760.50', '275.00', '136039.44', '150429.43']), ('22001', ['471504.37', '184760.50', '275.00', '136039.44', '150429.43']), ('2200101', ['25112.82', '25111.87', '0.95']), ('2200102', ['1055.51', '1055.51']), ('2200103', ['2051.90', '1011.29', '260.00', '780.61']), ('2200104', ['58101.66', '28657.20', '15.00', '3329.87', '26099.60']), ('2200106', ['141896.19', '16219.45', '66009.38', '59667.36']), ('2200107', ['13065.14', '10737.88', '2327.26']), ('2200108', ['1591.09', '1301.89', '289.20']), ('2200109', ['14660.05', '7349.14', '904.20', '6406.71']), ('2200112', ['155.93', '155.93']), ('2200113', ['63.75', '63.75']), ('2200114', ['24074.73', '19271.50', '2256.21', '2547.02']), ('2200129', ['2520.87', '2520.87']), ('2200150', ['81226.33', '57834.82', '20142.68', '3248.83']), ('2200199', ['105928.39', '13469.40', '43107.90', '49351.09']), ('221', ['6931.53', '5560.00', '1248.58', '122.94']), ('22102', ['6931.53', '5560.00', '1248.58', '122.94']), ('2210201', ['6931.53', '5560.00', '1248.58', '122.94']), ('224', ['20889.67', '9884.36', '11005.31']), ('22406', ['20889.67', '9884.36', '11005.31']), ('2240601', ['20889.67', '9884.36', '11005.31'])]
allmap = {f["code"]: f for f in sel(FN, "all") if f.get("code")}
for code, nums in T2:
    if len(nums) > 2:
        c.append(check_sum(f"表二 {code} total {nums[0]} = sum of sources", W(nums[0]), [W(x) for x in nums[1:]]))
    c.append(check_sum(f"表二 {code} {nums[0]} = 表三 {allmap[code]['value']:.2f}", W(nums[0]), [w(allmap[code]["value"])]))
# 表四 财政拨款收支总表
c.append(check_sum("表四 本年收入 266026.92 = gpb 223898.88 + gf 42128.04", W("266026.92"), [W("223898.88"), W("42128.04")]))
c.append(check_sum("表四 上年结转 8137.38 = gpb 4056.23 + gf 4081.15", W("8137.38"), [W("4056.23"), W("4081.15")]))
c.append(check_sum("表四 收入合计 274164.30 = 266026.92 + 8137.38", W("274164.30"), [W("266026.92"), W("8137.38")]))
c.append(check_sum("expenditure.total@fiscal 274164.30 = gpb 227955.11 + gf 46209.19", W("274164.30"), [W("227955.11"), W("46209.19")]))
for sc, tot in (("fiscal", "274164.30"), ("general_public_budget", "227955.11"), ("government_fund", "46209.19")):
    cl = classes(sc)
    c.append(check_sum(f"expenditure.total@{sc} {tot} = sum of {len(cl)} classes", W(tot), [w(f["value"]) for f in cl]))
c.append(check_sum("表四 gpb: 本年收入 223898.88 + 上年结转 4056.23 = 支出 227955.11", W("227955.11"), [W("223898.88"), W("4056.23")]))
c.append(check_sum("表四 gf: 本年收入 42128.04 + 上年结转 4081.15 = 支出 46209.19", W("46209.19"), [W("42128.04"), W("4081.15")]))
# the key relation on income.total@fiscal with the primary (表一) values of gpb / gf
c.append(check_sum("income.total@fiscal 266026.92 = income.total@gpb 227955.11 + @gf 46209.19 (表一 values)",
                   W("266026.92"), [W("227955.11"), W("46209.19")]))
c.append(check_sum("conflict: income.total@gpb 表一 227955.11 = 表四 本年收入 223898.88", W("227955.11"), [W("223898.88")]))
c.append(check_sum("conflict: income.total@gf 表一 46209.19 = 表四 本年收入 42128.04", W("46209.19"), [W("42128.04")]))
# 表五 一般公共预算支出
c.append(check_sum("expenditure.total@gpb 227955.11 = basic 113007.22 + project 114947.89", W("227955.11"), [W("113007.22"), W("114947.89")]))
c.append(check_sum("expenditure.basic@gpb 113007.22 = personnel 97954.58 + public 15052.64", W("113007.22"), [W("97954.58"), W("15052.64")]))
c.append(check_sum("表五 public 15052.64 = 54.94 + 63.13 + 14934.57", W("15052.64"), [W("54.94"), W("63.13"), W("14934.57")]))
c.append(check_sum("表五 basic 113007.22 = 54.94+20467.99+5287.45+81636.84+5560.00", W("113007.22"),
                   [W("54.94"), W("20467.99"), W("5287.45"), W("81636.84"), W("5560.00")]))
c.append(check_sum("表五 project 114947.89 = 1939.87+103123.66+9884.36", W("114947.89"), [W("1939.87"), W("103123.66"), W("9884.36")]))
c += tree(FN, "general_public_budget", "表五")
cl = classes("general_public_budget", "prior")
c.append(check_sum(f"expenditure.total@gpb prior 219607.38 = sum of {len(cl)} prior classes", W("219607.38"), [w(f["value"]) for f in cl]))
c += tree(FN, "general_public_budget", "表五 prior", "prior")
c.append(check_sum("expenditure.total@gpb change 8347.73 = 227955.11 - 219607.38", W("8347.73"), [W("227955.11"), W("219607.38")], [1, -1]))
# 表六 基本支出经济分类
eco = {f["code"]: f for f in FACTS if f["concept"] == "expenditure.economic"}
ecl = [f for k, f in eco.items() if len(k) == 3]
c.append(check_sum("expenditure.basic@gpb 113007.22 = sum of economic classes", W("113007.22"), [w(f["value"]) for f in ecl]))
for k, f in sorted(eco.items()):
    n = len(k)
    kids = [g for kk, g in eco.items() if len(kk) == (5 if n == 3 else 7) and kk.startswith(k)] if n < 7 else []
    if kids:
        c.append(check_sum(f"economic {k} {f['label']} {f['value']:.2f} = sum of {len(kids)}", w(f["value"]), [w(g["value"]) for g in kids]))
c.append(check_sum("表六 合计 113007.22 = 人员经费 97954.58 + 公用经费 15052.63", W("113007.22"), [W("97954.58"), W("15052.63")]))
c.append(check_sum("表六 公用经费 15052.63 = 96.97+14681.91+90.52+4.06+179.17", W("15052.63"), [W("96.97"), W("14681.91"), W("90.52"), W("4.06"), W("179.17")]))
c.append(check_sum("表六 人员经费 97954.58 = 91809.93+6144.65", W("97954.58"), [W("91809.93"), W("6144.65")]))
c.append(check_sum("conflict: expenditure.public@gpb 表五 15052.64 = 表六 15052.63", W("15052.64"), [W("15052.63")]))
# 表七 政府性基金
c += tree(FN, "government_fund", "表七")
c.append(check_sum("expenditure.project@gf 46209.19 = total@gf 46209.19", W("46209.19"), [W("46209.19")]))
# 表八 三公
for yr, t, o, v, vp, vo, r in (("2026", "2171.85", "321.91", "1570.75", "342.25", "1228.50", "279.19"),
                               ("2025", "2552.50", "343.41", "1726.00", "458.00", "1268.00", "483.09")):
    c.append(check_sum(f"三公 {yr} total {t} = overseas {o} + vehicles {v} + reception {r}", W(t), [W(o), W(v), W(r)]))
    c.append(check_sum(f"三公 {yr} vehicles {v} = purchase {vp} + operation {vo}", W(v), [W(vp), W(vo)]))
for name, ch, cu, pr in (("total", "-380.65", "2171.85", "2552.50"), ("overseas", "-21.5", "321.91", "343.41"),
                         ("reception", "-203.9", "279.19", "483.09"), ("vehicles_operation", "-39.5", "1228.50", "1268.00"),
                         ("vehicles_purchase", "-115.75", "342.25", "458.00")):
    c.append(check_sum(f"three_public.{name} change {ch} = {cu} - {pr}", W(ch), [W(cu), W(pr)], [1, -1]))
c.append(check_sum("三公 change -380.65 = -21.5 -203.9 -39.5 -115.75", W("-380.65"), [W("-21.5"), W("-203.9"), W("-39.5"), W("-115.75")]))
# prose changes
c.append(check_sum("income.total change -29815.76 = operating -16897.63 + other -21159.85 + gf -368.01 + gpb 8347.73 + business 262",
                   W("-29815.76"), [W("-16897.63"), W("-21159.85"), W("-368.01"), W("8347.73"), W("262")]))
c.append(check_sum("expenditure.total change -29815.76 = basic 9481.64 + project -39297.4", W("-29815.76"), [W("9481.64"), W("-39297.4")]))
c.append(check_sum("expenditure.total@gpb change 8347.73 = basic 7130.26 + project 1217.47", W("8347.73"), [W("7130.26"), W("1217.47")]))
c.append(check_sum("income.total@gpb change 8347.73 = expenditure.total@gpb change 8347.73", W("8347.73"), [W("8347.73")]))
# procurement
c.append(check_sum("procurement.total 110390.99 = goods 6005.76 + works 6599.5 + services 97785.73", W("110390.99"), [W("6005.76"), W("6599.5"), W("97785.73")]))
c.append(check_sum("表九 合计 110390.99 = 50106.43 + 15057.75 + 12013.07 + 33213.75", W("110390.99"), [W("50106.43"), W("15057.75"), W("12013.07"), W("33213.75")]))
c.append(check_sum("表九 货物 6005.76 = 664.38+87.40+4845.79+408.19", W("6005.76"), [W("664.38"), W("87.40"), W("4845.79"), W("408.19")]))
c.append(check_sum("表九 工程 6599.50 = 2520.00+4079.50", W("6599.50"), [W("2520.00"), W("4079.50")]))
c.append(check_sum("表九 服务 97785.73 = 49442.05+14970.35+4647.28+28726.06", W("97785.73"), [W("49442.05"), W("14970.35"), W("4647.28"), W("28726.06")]))
c.append(check_sum("prose gpb procurement 50106.43 = 664.38 + 0 + 49442.05", W("50106.43"), [W("664.38"), W("0"), W("49442.05")]))
# other prose
c.append(check_sum("vehicles 411 = 292+24+27+9+0+59", W("411"), [W("292"), W("24"), W("27"), W("9"), W("0"), W("59")]))
c.append(check_sum("表十一 当年预算 88197.35 = 市级 60192.30 + 区县 28005.05", W("88197.35"), [W("60192.30"), W("28005.05")]))
c.append(check_sum("prose 绩效目标 gpb 114947.89 = expenditure.project@gpb 114947.89", W("114947.89"), [W("114947.89")]))

report(c)
sys.exit(0)
