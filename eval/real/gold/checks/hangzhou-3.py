"""Arithmetic relations stated by hangzhou-3.pdf (杭州市司法局 2026年度部门预算).

Reads the gold file beside this script; money is written with 2 decimals, percents with 1.
"""
import json
import os
import sys
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "..", "gold", "checks"))

from arith import W, check_change, check_ratio, check_sum, report  # noqa: E402

gold = json.load(open(os.path.join(HERE, "..", "hangzhou-3.json"), encoding="utf-8"))
PCT = {"change_pct", "share", "rate"}


def w(f):
    return W(f"{f['value']:.1f}" if f["measure"] in PCT else f"{f['value']:.2f}")


F = {}
for f in gold["facts"]:
    F[(f["concept"], f["measure"], f.get("scope", "all"), f.get("code"))] = f


def g(concept, measure="budget", scope="all", code=None):
    return w(F[(concept, measure, scope, code)])


def has(concept, measure="budget", scope="all", code=None):
    return (concept, measure, scope, code) in F


G = "general_public_budget"
checks = []
S = lambda name, tot, parts: checks.append(check_sum(name, tot, parts))  # noqa: E731

# income
S("income.total = gpb + other", g("income.total"), [g("income.total", scope=G), g("income.other")])
S("income.total@fiscal = @gpb", g("income.total", scope="fiscal"), [g("income.total", scope=G)])
S("收入总计 99230.46 = income.total + carryover.opening", W("99230.46"), [g("income.total"), g("carryover.opening")])
S("支出总计 = expenditure.total + closing(0)", W("99230.46"), [g("expenditure.total"), g("carryover.closing")])
S("财政拨款收入总计 91842.80 = fiscal income + fiscal carry-over", W("91842.80"),
  [g("income.total", scope="fiscal"), g("carryover.opening", scope="fiscal")])
S("expenditure.total@fiscal = @gpb (no fund/state-capital spending)", g("expenditure.total", scope="fiscal"),
  [g("expenditure.total", scope=G)])

# expenditure totals
S("expenditure.total = personnel + public + project", g("expenditure.total"),
  [g("expenditure.personnel"), g("expenditure.public"), g("expenditure.project")])
S("expenditure.total@gpb = basic + project", g("expenditure.total", scope=G),
  [g("expenditure.basic", scope=G), g("expenditure.project", scope=G)])
S("basic@gpb = personnel + public", g("expenditure.basic", scope=G),
  [g("expenditure.personnel", scope=G), g("expenditure.public", scope=G)])
S("project(all) = project@gpb + other income", g("expenditure.project"),
  [g("expenditure.project", scope=G), g("income.other")])

# function hierarchy by code, per scope
for scope in ("all", "fiscal", G):
    rows = {f["code"]: f for f in gold["facts"] if f["concept"].startswith("expenditure.function")
            and f["measure"] == "budget" and f.get("scope", "all") == scope}
    classes = [c for c in rows if len(c) == 3]
    tot = {"all": g("expenditure.total"), "fiscal": g("expenditure.total", scope="fiscal"),
           G: g("expenditure.total", scope=G)}[scope]
    S(f"[{scope}] total = Σ classes", tot, [w(rows[c]) for c in sorted(classes)])
    for c in sorted(rows):
        kids = [k for k in rows if len(k) == len(c) + 2 and k.startswith(c)]
        if len(c) in (3, 5) and kids:
            S(f"[{scope}] {c} {rows[c]['label']} = Σ children", w(rows[c]), [w(rows[k]) for k in sorted(kids)])

# economic classification (gpb basic)
eco = {f["code"]: f for f in gold["facts"] if f["concept"] == "expenditure.economic"}
S("basic@gpb = Σ economic classes", g("expenditure.basic", scope=G), [w(eco[c]) for c in sorted(eco) if len(c) == 3])
for c in sorted(eco):
    if len(c) == 3:
        S(f"economic {c} {eco[c]['label']} = Σ 款", w(eco[c]), [w(eco[k]) for k in sorted(eco) if len(k) == 5 and k.startswith(c)])
# column split in 表6: personnel = 工资福利 + 对个人和家庭的补助(人员经费 3,365.06); public = 商品和服务 + 535.03 + 资本性
S("personnel@gpb = 301 + 303(人员 3365.06)", g("expenditure.personnel", scope=G), [w(eco["301"]), W("3365.06")])
S("public@gpb = 302 + 303(公用 535.03) + 310", g("expenditure.public", scope=G), [w(eco["302"]), W("535.03"), w(eco["310"])])
S("303 row = 人员 3365.06 + 公用 535.03", w(eco["303"]), [W("3365.06"), W("535.03")])

# 三公
S("three_public.total = reception + vehicles (overseas 0)", g("three_public.total"),
  [g("three_public.reception"), g("three_public.vehicles")])
S("vehicles = purchase + operation", g("three_public.vehicles"),
  [g("three_public.vehicles_purchase"), g("three_public.vehicles_operation")])
S("三公 change = vehicles change + reception change(0)", g("three_public.total", "change"), [g("three_public.vehicles", "change")])
S("vehicles change = purchase change + operation change", g("three_public.vehicles", "change"),
  [g("three_public.vehicles_purchase", "change"), g("three_public.vehicles_operation", "change")])

# procurement
S("procurement.total = goods + works + services", g("procurement.total"),
  [g("procurement.goods"), g("procurement.works"), g("procurement.services")])

# projects
pr = gold["projects"]
S("Σ projects budget = expenditure.project", g("expenditure.project"), [W(f"{p['budget']:.2f}") for p in pr])
S("Σ projects 一般公共预算 = project@gpb", g("expenditure.project", scope=G),
  [W(f"{p['fiscal_budget']:.2f}") for p in pr if p["fiscal_budget"] is not None])

# change_pct = change / (current - change)
for (c, m, s, code), f in sorted(F.items(), key=lambda kv: str(kv[0])):
    if m == "change_pct" and has(c, "change", s, code) and has(c, "budget", s, code) and not f.get("optional"):
        checks.append(check_change(f"{c}@{s} {f.get('label') or ''} change_pct", w(f), g(c, "change", s, code), g(c, "budget", s, code)))

# shares
base_in = W("99230.46")  # 收入总计, the base of the income shares
checks.append(check_ratio("gpb income share of 收入总计", g("income.total", "share", G), g("income.total", scope=G), base_in))
checks.append(check_ratio("other income share", g("income.other", "share"), g("income.other"), base_in))
checks.append(check_ratio("carry-over share", g("carryover.opening", "share"), g("carryover.opening"), base_in))
for c in ("expenditure.personnel", "expenditure.public", "expenditure.project"):
    checks.append(check_ratio(f"{c} share", g(c, "share"), g(c), g("expenditure.total")))
for f in gold["facts"]:
    if f["concept"] == "expenditure.function" and f["measure"] == "share":
        checks.append(check_ratio(f"gpb share {f['label']}", w(f), g("expenditure.function", scope=G, code=f["code"]),
                                  g("expenditure.total", scope=G)))

bad = report(checks)
sys.exit(0)
