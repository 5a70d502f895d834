"""Arithmetic relations stated by fuzhou-2.pdf (福州市公安局交通管理支队 2026年度单位预算).

Reads the gold file beside this script; money is written with 2 decimals, percents with 2
(the few figures written otherwise are given literally).
Expected BAD: 20402 公安 ≠ Σ 项 (all and general_public_budget), procurement total ≠ Σ parts.
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "..", "gold", "checks"))

from arith import W, check_change, check_sum, report  # noqa: E402

gold = json.load(open(os.path.join(HERE, "..", "fuzhou-2.json"), encoding="utf-8"))
LITERAL = {("expenditure.public", "budget"): "2916.1", ("agency_operating_cost", "budget"): "2916.1",
           ("agency_operating_cost", "change"): "-206.4", ("procurement.total", "budget"): "0",
           ("procurement.works", "budget"): "0", ("procurement.goods", "budget"): "3456.6",
           ("procurement.services", "budget"): "4683.6"}


def w(f):
    lit = LITERAL.get((f["concept"], f["measure"]))
    return W(lit) if lit else W(f"{f['value']:.2f}")


F = {(f["concept"], f["measure"], f.get("scope", "all"), f.get("code")): f for f in gold["facts"]}


def g(concept, measure="budget", scope="all", code=None):
    return w(F[(concept, measure, scope, code)])


G, GF = "general_public_budget", "government_fund"
Z = W("0.00")
checks = []
S = lambda name, tot, parts: checks.append(check_sum(name, tot, parts))  # noqa: E731

# income
S("income.total = gpb + gf + zeros", g("income.total"),
  [g("income.total", scope=G), g("income.total", scope=GF), g("income.total", scope="state_capital")] + [Z] * 6)
S("income.total@fiscal = gpb + gf + state capital", g("income.total", scope="fiscal"),
  [g("income.total", scope=G), g("income.total", scope=GF), g("income.total", scope="state_capital")])
S("收入合计 61764.88 = 本年收入 + 上年结转", W("61764.88"), [g("income.total"), g("carryover.opening")])
S("支出合计 61764.88 = 本年支出 + 结转下年", W("61764.88"), [g("expenditure.total"), g("carryover.closing")])
S("收入总表 合计 61764.88 = its columns", W("61764.88"),
  [g("income.total", scope=G), g("income.total", scope=GF), g("carryover.opening")] + [Z] * 7)
# expenditure
S("expenditure.total = basic + project + operating + remit + subsidy", g("expenditure.total"),
  [g("expenditure.basic"), g("expenditure.project"), g("expenditure.operating"),
   g("expenditure.remit_superior"), g("expenditure.subsidy_affiliated")])
S("expenditure.total@fiscal = gpb + gf", g("expenditure.total", scope="fiscal"),
  [g("expenditure.total", scope=G), g("expenditure.total", scope=GF)])
S("expenditure.total@fiscal = income.total@fiscal", g("expenditure.total", scope="fiscal"), [g("income.total", scope="fiscal")])
S("expenditure.total@gpb = basic + project", g("expenditure.total", scope=G),
  [g("expenditure.basic", scope=G), g("expenditure.project", scope=G)])
S("expenditure.total@gf = basic + project", g("expenditure.total", scope=GF),
  [g("expenditure.basic", scope=GF), g("expenditure.project", scope=GF)])
S("expenditure.basic (all) = basic@gpb + basic@gf", g("expenditure.basic"),
  [g("expenditure.basic", scope=G), g("expenditure.basic", scope=GF)])
S("expenditure.project (all) = gpb + gf + carry-over 8000", g("expenditure.project"),
  [g("expenditure.project", scope=G), g("expenditure.project", scope=GF), g("carryover.opening")])
S("expenditure.total (all) = fiscal + carry-over", g("expenditure.total"),
  [g("expenditure.total", scope="fiscal"), g("carryover.opening")])
# 支出总表 columns by class (p9) / 一般公共预算表 (p11)
S("p9 204 48200.88 = basic 22431.07 + project 25769.81", W("48200.88"), [W("22431.07"), W("25769.81")])
S("p9 basic 30995.07 = 22431.07 + 5064.00 + 3500.00", W("30995.07"), [W("22431.07"), W("5064.00"), W("3500.00")])
S("p9 project 30769.81 = 25769.81 + 5000.00", W("30769.81"), [W("25769.81"), W("5000.00")])
S("p11 204 40200.88 = basic 22431.07 + project 17769.81", W("40200.88"), [W("22431.07"), W("17769.81")])

for scope in ("all", "fiscal", G, GF):
    rows = {f["code"]: f for f in gold["facts"] if f["concept"].startswith("expenditure.function")
            and f["measure"] == "budget" and f.get("scope", "all") == scope}
    S(f"[{scope}] total = Σ classes", g("expenditure.total", scope=scope), [w(rows[c]) for c in sorted(rows) if len(c) == 3])
    for c in sorted(rows):
        kids = [k for k in rows if len(k) == len(c) + 2 and k.startswith(c)]
        if len(c) in (3, 5) and kids:
            S(f"[{scope}] {c} {rows[c]['label']} = Σ children", w(rows[c]), [w(rows[k]) for k in sorted(kids)])

# economic (basic table) and its p14 alternatives
eco = {f["code"]: f for f in gold["facts"] if f["concept"] == "expenditure.economic"}
S("basic@gpb = Σ economic classes", g("expenditure.basic", scope=G), [w(eco[c]) for c in sorted(eco) if len(c) == 3])
for c in sorted(eco):
    if len(c) == 3:
        S(f"economic {c} {eco[c]['label']} = Σ 款", w(eco[c]), [w(eco[k]) for k in sorted(eco) if len(k) == 5 and k.startswith(c)])
S("p14 total 48764.88 = 301 + 302 + 303 + 310", g("expenditure.total", scope=G),
  [W("27495.26"), W("19712.55"), w(eco["303"]), w(eco["310"])])
S("personnel@gpb = 301 + 303", g("expenditure.personnel", scope=G), [w(eco["301"]), w(eco["303"])])
S("public@gpb = 302 + 310", g("expenditure.public", scope=G), [w(eco["302"]), w(eco["310"])])
S("basic@gpb = personnel + public", g("expenditure.basic", scope=G),
  [g("expenditure.personnel", scope=G), g("expenditure.public", scope=G)])
S("agency_operating_cost = public@gpb", g("agency_operating_cost"), [g("expenditure.public", scope=G)])

# 三公
S("three_public.total = overseas + reception + vehicles", g("three_public.total"),
  [g("three_public.overseas"), g("three_public.reception"), g("three_public.vehicles")])
S("vehicles = purchase + operation", g("three_public.vehicles"),
  [g("three_public.vehicles_purchase"), g("three_public.vehicles_operation")])
S("overseas 5.38 = 30212", g("three_public.overseas"), [w(eco["30212"])])
S("reception 14.09 = 30217", g("three_public.reception"), [w(eco["30217"])])
S("vehicles_purchase 221.04 = 31013", g("three_public.vehicles_purchase"), [w(eco["31013"])])
checks.append(check_change("vehicles_operation -2.62%", g("three_public.vehicles_operation", "change_pct"),
                           g("three_public.vehicles_operation", "change"), g("three_public.vehicles_operation")))

# prose changes
checks.append(check_change("expenditure.total +16.29%", g("expenditure.total", "change_pct"),
                           g("expenditure.total", "change"), g("expenditure.total")))
checks.append(check_change("expenditure.total@gpb +1.35%", g("expenditure.total", "change_pct", G),
                           g("expenditure.total", "change", G), g("expenditure.total", scope=G)))
S("total change 8649.85 = basic 335.94 + project 8313.91", g("expenditure.total", "change"),
  [g("expenditure.basic", "change"), g("expenditure.project", "change")])
S("gpb change 649.85 = personnel 335.94 + project 313.91", g("expenditure.total", "change", G),
  [g("expenditure.personnel", "change", G), g("expenditure.project", "change", G)])
S("gpb income change = gpb expenditure change", g("income.total", "change", G), [g("expenditure.total", "change", G)])
S("收入合计 change 8649.85 = gpb 649.85 + carry-over 8000", W("8649.85"), [g("income.total", "change", G), g("carryover.opening")])

# procurement
S("procurement.total = goods + works + services", g("procurement.total"),
  [g("procurement.goods"), g("procurement.works"), g("procurement.services")])

# projects (published 绩效目标表 only: a bound, not a sum)
pr = gold["projects"]
from arith import check_bound  # noqa: E402
checks.append(check_bound("Σ projects <= expenditure.project", W(f"{sum(p['budget'] for p in pr):.2f}"), g("expenditure.project")))
S("Σ projects' 其他资金 = carry-over 8000", g("carryover.opening"),
  [W(f"{p['budget'] - p['fiscal_budget']:.2f}") for p in pr])
report(checks)
sys.exit(0)
