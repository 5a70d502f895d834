"""Arithmetic relations stated by huzhou-1.pdf (湖州市卫生健康委员会 2026年部门预算).

Reads the gold file beside this script; money is written with 2 decimals, percents with 1.
Expected BAD: 表04 income side (38191.21 / 25591.21 / 12600.00) against 表01 and the prose,
表04 支出总计 38191.21 against its own rows, and the gpb change -23.9% (24.00%).
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "..", "gold", "checks"))

from arith import W, check_change, check_ratio, check_sum, report  # noqa: E402

gold = json.load(open(os.path.join(HERE, "..", "huzhou-1.json"), encoding="utf-8"))
PCT = {"change_pct", "share", "rate"}


def w(f):
    if f["concept"] in ("carryover.closing",) and f["value"] == 0:
        return W("0")
    return W(f"{f['value']:.1f}" if f["measure"] in PCT else f"{f['value']:.2f}")


F = {(f["concept"], f["measure"], f.get("scope", "all"), f.get("code")): f for f in gold["facts"]}


def g(concept, measure="budget", scope="all", code=None):
    return w(F[(concept, measure, scope, code)])


G, GF, FI = "general_public_budget", "government_fund", "fiscal"
checks = []
S = lambda name, tot, parts: checks.append(check_sum(name, tot, parts))  # noqa: E731
R = lambda name, st, num, den: checks.append(check_ratio(name, st, num, den))  # noqa: E731
C = lambda name, pct, ch, cur: checks.append(check_change(name, pct, ch, cur))  # noqa: E731

# income
S("income.total = fiscal + business + other", g("income.total"),
  [g("income.total", scope=FI), g("income.business"), g("income.other")])
S("income.total@fiscal = gpb + gf", g("income.total", scope=FI), [g("income.total", scope=G), g("income.total", scope=GF)])
S("表04 38191.21 = 25591.21 + 12600.00 (internally consistent)", W("38191.21"), [W("25591.21"), W("12600.00")])
S("表04 本年收入 38191.21 vs income.total@fiscal 64618.75", W("38191.21"), [g("income.total", scope=FI)])
S("表04 一般公共预算 25591.21 vs income.total@gpb", W("25591.21"), [g("income.total", scope=G)])
S("表04 政府性基金预算 12600.00 vs income.total@gf", W("12600.00"), [g("income.total", scope=GF)])
S("income.total = expenditure.total (no carry-over)", g("income.total"), [g("expenditure.total")])
for c, sc in (("income.total", G), ("income.total", GF), ("income.business", "all"), ("income.other", "all")):
    R(f"share {c}@{sc}", g(c, "share", sc), g(c, scope=sc), g("income.total"))
C("income.total change -1.9%", g("income.total", "change_pct"), g("income.total", "change"), g("income.total"))
C("expenditure.total change -1.9%", g("expenditure.total", "change_pct"), g("expenditure.total", "change"), g("expenditure.total"))
S("income change = expenditure change", g("income.total", "change"), [g("expenditure.total", "change")])

# expenditure totals
S("expenditure.total = personnel + public + project (表03)", g("expenditure.total"),
  [g("expenditure.personnel"), g("expenditure.public"), g("expenditure.project")])
for c in ("expenditure.personnel", "expenditure.public", "expenditure.project"):
    R(f"share {c}", g(c, "share"), g(c), g("expenditure.total"))
S("expenditure.total@fiscal (prose) = gpb + gf", g("expenditure.total", scope=FI),
  [g("expenditure.total", scope=G), g("expenditure.total", scope=GF)])
S("表04 支出总计 38191.21 = Σ its class rows", W("38191.21"),
  [w(f) for f in gold["facts"] if f["concept"] == "expenditure.function" and f.get("scope") == FI and f["measure"] == "budget"])
S("expenditure.total@gpb = basic + project", g("expenditure.total", scope=G),
  [g("expenditure.basic", scope=G), g("expenditure.project", scope=G)])
S("basic@gpb = personnel + public", g("expenditure.basic", scope=G),
  [g("expenditure.personnel", scope=G), g("expenditure.public", scope=G)])
S("project (all) = project@gpb + project@gf + 单位资金 8397.95", g("expenditure.project"),
  [g("expenditure.project", scope=G), g("expenditure.project", scope=GF), W("8397.95")])
S("expenditure.total@gf = project@gf", g("expenditure.total", scope=GF), [g("expenditure.project", scope=GF)])
C("gpb change -23.9%", g("expenditure.total", "change_pct", G), g("expenditure.total", "change", G), g("expenditure.total", scope=G))
C("gf change -45.9%", g("expenditure.total", "change_pct", GF), g("expenditure.total", "change", GF), g("expenditure.total", scope=GF))
S("income gf change_pct = expenditure gf change_pct", g("income.total", "change_pct", GF), [g("expenditure.total", "change_pct", GF)])
# 表03 合计 row columns, 表05 合计 row
S("表03 合计 row", W("515313.35"), [W("212605.27"), W("250851.67"), W("51856.41")])
S("表05 合计 = 小计 + 项目", W("37018.75"), [W("21160.29"), W("15858.46")])

rows = {}
for f in gold["facts"]:
    if f["concept"].startswith("expenditure.function") and f["measure"] == "budget":
        rows.setdefault(f.get("scope", "all"), {})[f["code"]] = f
for scope, rs in rows.items():
    S(f"[{scope}] total = Σ classes", g("expenditure.total", scope=scope), [w(rs[c]) for c in sorted(rs) if len(c) == 3])
    for c in sorted(rs):
        kids = [k for k in rs if len(k) == len(c) + 2 and k.startswith(c)]
        if len(c) in (3, 5) and kids:
            S(f"[{scope}] {c} {rs[c]['label']} = Σ children", w(rs[c]), [w(rs[k]) for k in sorted(kids)])
for code, f in sorted(rows[FI].items()):
    parts = [w(rows[s][code]) for s in (G, GF) if code in rows[s]]
    S(f"[fiscal] {code} {f['label']} = gpb + gf rows", w(f), parts)
for code in sorted(rows["all"]):
    if code not in rows[FI]:
        print("note: no fiscal row for", code)
for scope in (G, GF):
    for f in gold["facts"]:
        if f["concept"] == "expenditure.function" and f["measure"] == "share" and f.get("scope") == scope:
            R(f"share [{scope}] {f['label']}", w(f), w(rows[scope][f["code"]]), g("expenditure.total", scope=scope))

# economic 表06
eco = {f["code"]: f for f in gold["facts"] if f["concept"] == "expenditure.economic"}
S("basic@gpb = Σ economic classes", g("expenditure.basic", scope=G), [w(eco[c]) for c in sorted(eco) if len(c) == 3])
for c in sorted(eco):
    if len(c) == 3:
        S(f"economic {c} {eco[c]['label']} = Σ 款", w(eco[c]), [w(eco[k]) for k in sorted(eco) if len(k) == 5 and k.startswith(c)])
S("303 row = 人员 3397.46 + 公用 19.90", w(eco["303"]), [W("3397.46"), W("19.90")])
S("personnel@gpb = 301 + 303(人员 3397.46)", g("expenditure.personnel", scope=G), [w(eco["301"]), W("3397.46")])
S("public@gpb = 302 + 303(公用 19.90) + 310", g("expenditure.public", scope=G), [w(eco["302"]), W("19.90"), w(eco["310"])])

# 三公
S("three_public.total = overseas + reception + vehicles", g("three_public.total"),
  [g("three_public.overseas"), g("three_public.reception"), g("three_public.vehicles")])
S("vehicles = purchase + operation", g("three_public.vehicles"),
  [g("three_public.vehicles_purchase"), g("three_public.vehicles_operation")])
C("三公 change -39.7%", g("three_public.total", "change_pct"), g("three_public.total", "change"), g("three_public.total"))
S("vehicles_operation 38.50 = 30231", g("three_public.vehicles_operation"), [w(eco["30231"])])

# other
C("agency_operating_cost -24.0%", g("agency_operating_cost", "change_pct"), g("agency_operating_cost", "change"),
  g("agency_operating_cost"))
S("procurement.total = goods + works + services", g("procurement.total"),
  [g("procurement.goods"), g("procurement.works"), g("procurement.services")])

# projects 表10
pr = gold["projects"]
S("Σ projects = expenditure.project", g("expenditure.project"), [W(f"{p['budget']:.2f}") for p in pr])
S("Σ projects' 一般公共预算 = project@gpb", g("expenditure.project", scope=G),
  [W(f"{p['fiscal_budget']:.2f}") for p in pr if p["fiscal_budget"] is not None])
S("表10 政府性基金 column = project@gf", g("expenditure.project", scope=GF), [W("6500.00"), W("15600.00"), W("5500.00")])
S("表10 单位资金 column 8397.95", W("8397.95"),
  [W(x) for x in ("8.86", "3365.50", "383.48", "35.96", "2391.80", "18.00", "1779.55", "414.50", "0.30")])
S("表10 row 医院建设发展 (中心医院)", W("10202.50"), [W("337.00"), W("6500.00"), W("3365.50")])
S("表10 row 医院能力建设 (一院)", W("16623.88"), [W("640.40"), W("15600.00"), W("383.48")])
report(checks)
sys.exit(0)
