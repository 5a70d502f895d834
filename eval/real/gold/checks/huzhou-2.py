"""Arithmetic relations stated by huzhou-2.pdf (湖州市财政局 2026年部门预算).

Reads the gold file beside this script; money is written with 2 decimals, percents with 1
(the few figures written otherwise are given literally).
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "..", "gold", "checks"))

from arith import W, check_change, check_ratio, check_sum, report  # noqa: E402

gold = json.load(open(os.path.join(HERE, "..", "huzhou-2.json"), encoding="utf-8"))
PCT = {"change_pct", "share", "rate"}
LITERAL = {("three_public.total", "change"): "-10", ("three_public.overseas", "change_pct"): "-100",
           ("carryover.closing", "budget"): "0"}


def w(f):
    lit = LITERAL.get((f["concept"], f["measure"]))
    if lit:
        return W(lit)
    return W(f"{f['value']:.1f}" if f["measure"] in PCT else f"{f['value']:.2f}")


F = {(f["concept"], f["measure"], f.get("scope", "all"), f.get("code")): f for f in gold["facts"]}


def g(concept, measure="budget", scope="all", code=None):
    return w(F[(concept, measure, scope, code)])


G = "general_public_budget"
checks = []
S = lambda name, tot, parts: checks.append(check_sum(name, tot, parts))  # noqa: E731

S("income.total = gpb", g("income.total"), [g("income.total", scope=G)])
S("income.total@fiscal = gpb", g("income.total", scope="fiscal"), [g("income.total", scope=G)])
S("expenditure.total = income.total (no carry-over)", g("expenditure.total"), [g("income.total")])
S("expenditure.total = personnel + public + project", g("expenditure.total"),
  [g("expenditure.personnel"), g("expenditure.public"), g("expenditure.project")])
S("expenditure.total@gpb = basic + project", g("expenditure.total", scope=G),
  [g("expenditure.basic", scope=G), g("expenditure.project", scope=G)])
S("basic@gpb = personnel + public", g("expenditure.basic", scope=G),
  [g("expenditure.personnel", scope=G), g("expenditure.public", scope=G)])
S("expenditure.total@fiscal = @gpb", g("expenditure.total", scope="fiscal"), [g("expenditure.total", scope=G)])

for scope in ("all", "fiscal", G):
    rows = {f["code"]: f for f in gold["facts"] if f["concept"].startswith("expenditure.function")
            and f["measure"] == "budget" and f.get("scope", "all") == scope}
    S(f"[{scope}] total = Σ classes", g("expenditure.total", scope=scope), [w(rows[c]) for c in sorted(rows) if len(c) == 3])
    for c in sorted(rows):
        kids = [k for k in rows if len(k) == len(c) + 2 and k.startswith(c)]
        if len(c) in (3, 5) and kids:
            S(f"[{scope}] {c} {rows[c]['label']} = Σ children", w(rows[c]), [w(rows[k]) for k in sorted(kids)])

eco = {f["code"]: f for f in gold["facts"] if f["concept"] == "expenditure.economic"}
S("basic@gpb = Σ economic classes", g("expenditure.basic", scope=G), [w(eco[c]) for c in sorted(eco) if len(c) == 3])
for c in sorted(eco):
    if len(c) == 3:
        S(f"economic {c} {eco[c]['label']} = Σ 款", w(eco[c]), [w(eco[k]) for k in sorted(eco) if len(k) == 5 and k.startswith(c)])
# 表06 columns: 303 splits 人员 300.20 / 公用 14.90
S("303 row = 人员 300.20 + 公用 14.90", w(eco["303"]), [W("300.20"), W("14.90")])
S("personnel@gpb = 301 + 303(人员 300.20)", g("expenditure.personnel", scope=G), [w(eco["301"]), W("300.20")])
S("public@gpb = 302 + 303(公用 14.90) + 310", g("expenditure.public", scope=G), [w(eco["302"]), W("14.90"), w(eco["310"])])
# 表03/表05 column split of 基本支出 by class (人员 / 公用)
S("表05 201 basic 4089.26 = 3478.23 + 611.02", W("4089.26"), [W("3478.23"), W("611.02")])
S("表05 208 人员 780.88 + 公用 15.65 = 796.52", W("796.52"), [W("780.88"), W("15.65")])
S("表05 公用 626.67 = 611.02 + 15.65", W("626.67"), [W("611.02"), W("15.65")])
S("表05 人员 4944.99 = 3478.23 + 780.88 + 265.81 + 420.07", W("4944.99"), [W("3478.23"), W("780.88"), W("265.81"), W("420.07")])

S("three_public.total = overseas + reception + vehicles", g("three_public.total"),
  [g("three_public.overseas"), g("three_public.reception"), g("three_public.vehicles")])
S("vehicles = purchase + operation", g("three_public.vehicles"),
  [g("three_public.vehicles_purchase"), g("three_public.vehicles_operation")])
checks.append(check_change("三公 change_pct (-10 on 9.30)", g("three_public.total", "change_pct"),
                           g("three_public.total", "change"), g("three_public.total")))
S("procurement.total = goods + works + services", g("procurement.total"),
  [g("procurement.goods"), g("procurement.works"), g("procurement.services")])
S("其他财政事务支出 1153.00 = 652.00 + 371.00 + 10.00 + 120.00 (prose)", W("1153.00"),
  [W("652.00"), W("371.00"), W("10.00"), W("120.00")])
S("prose 652.00 = 全市会计人员考培 + 财政管理与改革 + 财政事务综合业务管理", W("652.00"), [W("187.00"), W("110.00"), W("355.00")])
pr = gold["projects"]
S("Σ projects = expenditure.project", g("expenditure.project"), [W(f"{p['budget']:.2f}") for p in pr])
S("project 信息化建设与运维 = item 信息化建设", W("113.75"), [w(F[("expenditure.function_item", "budget", G, "2010607")])])

for key, f in F.items():
    c, m, s, code = key
    if m == "change_pct" and (c, "change", s, code) in F and (c, "budget", s, code) in F and c != "three_public.total":
        checks.append(check_change(f"{c}@{s} change_pct", w(f), g(c, "change", s, code), g(c, "budget", s, code)))

checks.append(check_ratio("gpb income share", g("income.total", "share", G), g("income.total", scope=G), g("income.total")))
for c in ("expenditure.personnel", "expenditure.public", "expenditure.project"):
    checks.append(check_ratio(f"{c} share", g(c, "share"), g(c), g("expenditure.total")))
for f in gold["facts"]:
    if f["concept"] == "expenditure.function" and f["measure"] == "share":
        checks.append(check_ratio(f"gpb share {f['label']}", w(f), g("expenditure.function", scope=G, code=f["code"]),
                                  g("expenditure.total", scope=G)))
report(checks)
sys.exit(0)
