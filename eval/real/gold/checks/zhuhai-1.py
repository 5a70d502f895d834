"""Arithmetic relations stated by zhuhai-1.pdf (珠海市商务局 2026年部门预算)."""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "..", "gold", "checks"))

from arith import W, check_change, check_sum, report  # noqa: E402

gold = json.load(open(os.path.join(HERE, "..", "zhuhai-1.json"), encoding="utf-8"))


def w(v):
    return W(f"{v:.2f}")


def rows(concepts, scope):
    return [f for f in gold["facts"] if f["concept"] in concepts and f.get("scope", "all") == scope
            and f["measure"] == "budget" and f.get("code")]


def tree_checks(scope, table):
    out = []
    fs = rows(("expenditure.function", "expenditure.function_item"), scope)
    by = {f["code"]: f for f in fs}
    for code, f in sorted(by.items()):
        n = len(code)
        if n == 3:
            kids = [g for c, g in by.items() if len(c) == 5 and c.startswith(code)]
        elif n == 5:
            kids = [g for c, g in by.items() if len(c) == 7 and c.startswith(code)]
        else:
            continue
        if kids:
            out.append(check_sum(f"{table} {code} {f['label']} {f['value']} = sum of {len(kids)} children",
                                 w(f["value"]), [w(g["value"]) for g in kids]))
    return out


checks = []
# 表1 收支总表: income
checks.append(check_sum("income.total 46403.97 = fiscal 46402.33 + special 0 + business 0 + operating 0 + other 1.64 + superior 0 + affiliated 0",
                        W("46403.97"), [W("46402.33"), W("0.00"), W("0.00"), W("0.00"), W("1.64"), W("0.00"), W("0.00")]))
checks.append(check_sum("收入总计 66307.98 = income.total 46403.97 + carryover.opening 19904.01",
                        W("66307.98"), [W("46403.97"), W("19904.01")]))
checks.append(check_sum("支出总计 66307.98 = expenditure.total 66307.98 + carryover.closing 0",
                        W("66307.98"), [W("66307.98"), W("0.00")]))
# income fiscal = gpb + gf + sc (表2 / 表4)
checks.append(check_sum("income.total@fiscal 46402.33 = gpb 46402.33 + gf 0 + sc 0",
                        W("46402.33"), [W("46402.33"), W("0.00"), W("0.00")]))
# 表2 合计 column = all income columns incl. carry-over
checks.append(check_sum("表2 合计 66307.98 = 46402.33+0+0+0+0+0+0+1.64+0+0+19904.01",
                        W("66307.98"), [W("46402.33"), W("1.64"), W("19904.01")]))
# 表1 spending: classes (+ subsidy/remit rows)
cls_all = [f for f in gold["facts"] if f["concept"] == "expenditure.function" and f.get("scope") == "all"]
checks.append(check_sum(f"expenditure.total 66307.98 = sum of {len(cls_all)} 表1 function classes + 对附属 0 + 上缴 0",
                        W("66307.98"), [w(f["value"]) for f in cls_all] + [W("0.00"), W("0.00")]))
checks.append(check_sum("expenditure.total 66307.98 = basic 7519.44 + project 58788.54 + operating 0",
                        W("66307.98"), [W("7519.44"), W("58788.54"), W("0.00")]))
checks += tree_checks("all", "表3")
# 表4 财政拨款
cls_f = [f for f in gold["facts"] if f["concept"] == "expenditure.function" and f.get("scope") == "fiscal"]
checks.append(check_sum(f"expenditure.total@fiscal 46402.33 = sum of {len(cls_f)} fiscal classes",
                        W("46402.33"), [w(f["value"]) for f in cls_f]))
checks.append(check_sum("income.total@fiscal 46402.33 = expenditure.total@fiscal 46402.33 + closing 0",
                        W("46402.33"), [W("46402.33"), W("0.00")]))
checks.append(check_sum("expenditure.total@fiscal 46402.33 = gpb 46402.33 + gf 0.00 + sc 0.00",
                        W("46402.33"), [W("46402.33"), W("0.00"), W("0.00")]))
# 表5 一般公共预算
cls_g = [f for f in gold["facts"] if f["concept"] == "expenditure.function" and f.get("scope") == "general_public_budget"]
checks.append(check_sum(f"expenditure.total@gpb 46402.33 = sum of {len(cls_g)} gpb classes",
                        W("46402.33"), [w(f["value"]) for f in cls_g]))
checks.append(check_sum("expenditure.total@gpb 46402.33 = basic 7517.32 + project 38885.01",
                        W("46402.33"), [W("7517.32"), W("38885.01")]))
checks += tree_checks("general_public_budget", "表5")
# fiscal class (表4) = gpb class (表5) where both exist
gmap = {f["label"]: f for f in cls_g}
for f in cls_f:
    if f["label"] in gmap:
        checks.append(check_sum(f"表4 {f['label']} {f['value']} = 表5 {gmap[f['label']]['value']}",
                                w(f["value"]), [w(gmap[f["label"]]["value"])]))
# 表6 经济分类
eco = [f for f in gold["facts"] if f["concept"] == "expenditure.economic"]
eco_cls = [f for f in eco if len(f["code"]) == 3]
checks.append(check_sum("expenditure.basic@gpb 7517.32 = sum of economic classes",
                        W("7517.32"), [w(f["value"]) for f in eco_cls]))
for c in eco_cls:
    kids = [f for f in eco if len(f["code"]) == 5 and f["code"].startswith(c["code"])]
    checks.append(check_sum(f"economic {c['code']} {c['label']} {c['value']} = sum of {len(kids)} 款",
                            w(c["value"]), [w(f["value"]) for f in kids]))
# 表7 项目支出经济分类 (rows are not facts; checked for the total)
checks.append(check_sum("表7 合计 38885.01 = 302 29417.31 + 303 7.04 + 310 10.66 + 312 9450.00",
                        W("38885.01"), [W("29417.31"), W("7.04"), W("10.66"), W("9450.00")]))
checks.append(check_sum("表7 302 29417.31 = sum of 款", W("29417.31"),
                        [W(x) for x in "1.20 0.10 317.77 6420.00 28.05 2570.80 11.70 5.50 949.11 198.15 78.50 0.60 1991.93 5.50 16838.40".split()]))
# 三公
checks.append(check_sum("three_public.total 19.84 = overseas 13.20 + vehicles 0.00 + reception 6.64",
                        W("19.84"), [W("13.20"), W("0.00"), W("6.64")]))
checks.append(check_sum("three_public.vehicles 0.00 = purchase 0.00 + operation 0.00", W("0.00"), [W("0.00"), W("0.00")]))
checks.append(check_sum("三公 overseas 13.20 = economic 30212 basic 7.70 + project 5.50", W("13.20"), [W("7.70"), W("5.50")]))
checks.append(check_sum("三公 change -5.96 = overseas -6.8 + vehicles 0 + reception 0.84",
                        W("-5.96"), [W("-6.8"), W("0"), W("0.84")]))
checks.append(check_change("three_public.total change_pct -23.1", W("-23.1"), W("-5.96"), W("19.84")))
checks.append(check_change("three_public.overseas change_pct -34", W("-34"), W("-6.8"), W("13.2")))
checks.append(check_change("three_public.reception change_pct 14.5", W("14.5"), W("0.84"), W("6.64")))
checks.append(check_change("agency_operating_cost change_pct -6.8", W("-6.8"), W("-789.13"), W("10884.55")))
checks.append(check_change("expenditure.total change_pct 23.5", W("23.5"), W("12616.73"), W("66307.98")))
# prose vs table
checks.append(check_sum("prose 三公 19.84 = 表8 19.84", W("19.84"), [W("19.84")]))
checks.append(check_sum("prose overseas 13.2 = 表8 13.20", W("13.2"), [W("13.20")]))
checks.append(check_sum("prose agency_operating_cost 10884.55 = 表8 行政经费 10884.55", W("10884.55"), [W("10884.55")]))
checks.append(check_sum("prose 支出预算 66307.98 = 表1 本年支出合计 66307.98", W("66307.98"), [W("66307.98")]))
# procurement
checks.append(check_sum("procurement.total 512.48 = goods 2.16 + works 33.42 + services 476.9",
                        W("512.48"), [W("2.16"), W("33.42"), W("476.9")]))
# 表11 基本支出 by unit
checks.append(check_sum("表11 合计 7519.44 = 商务局 6258.73 + 贸易服务中心 1069.53 + 会议展览局 191.17",
                        W("7519.44"), [W("6258.73"), W("1069.53"), W("191.17")]))
checks.append(check_sum("表11 商务局 6258.73 = 4250.28+445.41+1507.04+56.00", W("6258.73"),
                        [W("4250.28"), W("445.41"), W("1507.04"), W("56.00")]))
checks.append(check_sum("表11 贸易服务中心 1069.53 = 703.41+69.17+294.79+2.16", W("1069.53"),
                        [W("703.41"), W("69.17"), W("294.79"), W("2.16")]))
checks.append(check_sum("表11 会议展览局 191.17 = 179.04+11.58+0.55", W("191.17"),
                        [W("179.04"), W("11.58"), W("0.55")]))
# 表12 项目 by unit
P = {p["name"]: p for p in gold["projects"]}
names = list(P)
shangwu = names[:71]
checks.append(check_sum("表12 珠海市商务局 58446.21 = sum of its 71 projects", W("58446.21"), [w(P[n]["budget"]) for n in shangwu]))
checks.append(check_sum("表12 珠海市贸易服务中心 20.60 = 11.00+6.50+3.10", W("20.60"), [W("11.00"), W("6.50"), W("3.10")]))
checks.append(check_sum("表12 珠海市会议展览局 321.73 = 21.73+300.00", W("321.73"), [W("21.73"), W("300.00")]))
checks.append(check_sum("表12 合计 58788.54 = 58446.21+20.60+321.73", W("58788.54"), [W("58446.21"), W("20.60"), W("321.73")]))
checks.append(check_sum("表12 合计 58788.54 = expenditure.project 58788.54", W("58788.54"), [W("58788.54")]))
# 重点项目绩效目标表 (p32-34) amounts vs 表12
prose_proj = {
    "珠海市内外经贸发展专项资金（稳外贸事项）": "750",
    "珠海市内外经贸发展专项资金（利用外资奖励事项）": "300",
    "珠海市内外经贸发展专项资金(配套省级促进开放型经济发展水平提升专项资金(利用外资奖励事项））": "250",
    "2026高质量发展行动——租赁和商务服务业项目": "400",
    "2026高质量发展行动——稳住批发、零售业发展势头项目": "500",
    "珠海市内外经贸发展专项资金（促进会展业发展事项）": "300",
    "查验配套服务费": "450",
    "港口口岸安检服务费": "206.44",
    "港珠澳大桥珠海公路口岸安检服务经费": "968.69",
    "青茂口岸安检服务经费": "573.84",
    "港珠澳大桥珠海公路口岸运营管理费": "6500",
    "辅助人员补助经费-拱北海关": "7672.25",
    "辅助人员补助经费-珠海边检总站": "5411.25",
    "2026年春节慰问金-拱北海关": "1060",
    "2026年春节慰问金-珠海边检总站": "500",
    "拱北口岸和青茂口岸设施设备维保费": "175",
    "珠海机场货运口岸临时开放期间拱北海关补助经费": "491.25",
    "珠海机场货运口岸临时开放期间珠海边检总站补助经费": "288.75",
    "拱北海关出境“货兼客”运行保障经费": "120",
    "珠海边检总站出境“货兼客”运行保障经费": "120",
    "港珠澳大桥旅游珠海边检总站保障补贴经费": "585",
    "拱北口岸旧联检楼边检快捷通道和相关配套设施设备安装应急工程尾款": "465",
}
for n, v in prose_proj.items():
    checks.append(check_sum(f"绩效目标表 {n} {v} = 表12 {P[n]['budget']:.2f}", W(f"{P[n]['budget']:.2f}"), [W(v)]))

bad = report(checks)
sys.exit(0)
