"""Arithmetic relations stated by suzhou-3.pdf (苏州市数据局 2026年度部门预算).

Table money is written with 2 decimals; prose figures are given literally as written.
Reads the gold file beside this script for the classified rows (function and economic tables).
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "..", "gold", "checks"))

from arith import W, check_change, check_ratio, check_sum, report  # noqa: E402

gold = json.load(open(os.path.join(HERE, "..", "suzhou-3.json"), encoding="utf-8"))
G = "general_public_budget"
Z = W("0")


def w2(f):
    return W(f"{f['value']:.2f}")


checks = []
S = lambda name, tot, parts, signs=None: checks.append(check_sum(name, tot, parts, signs))  # noqa: E731

# 收支总表 p7 / 财政拨款收支总表 p11
S("income.total 64090.74 = gpb + gf 0 + sc 0 + fsa 0 + business 0 + operating 0 + superior 0 + affiliated 0 + other 0",
  W("64090.74"), [W("64090.74")] + [Z] * 8)
S("income.total@fiscal 64090.74 = gpb 64090.74 + gf 0 + sc 0", W("64090.74"), [W("64090.74"), Z, Z])
S("income.total + opening 0 = expenditure.total + closing 0", W("64090.74"), [W("64090.74"), Z, Z], [1, 1, -1])
S("收入总表 units 54502.89 + 4191.38 + 3633.41 + 1763.06 = 64090.74", W("64090.74"),
  [W("54502.89"), W("4191.38"), W("3633.41"), W("1763.06")])

# function rows per scope: total = Σ classes; class = Σ 款; 款 = Σ 项
for scope in ("all", "fiscal", G):
    rows = {f["code"]: f for f in gold["facts"] if f["concept"].startswith("expenditure.function")
            and f["measure"] == "budget" and f["period"] == "current" and f.get("scope") == scope and f.get("code")}
    S(f"[{scope}] total 64090.74 = Σ classes", W("64090.74"), [w2(rows[c]) for c in sorted(rows) if len(c) == 3])
    for c in sorted(rows):
        kids = [k for k in rows if len(k) == len(c) + 2 and k.startswith(c)]
        if len(c) in (3, 5):
            S(f"[{scope}] {c} {rows[c]['label']} = Σ children", w2(rows[c]), [w2(rows[k]) for k in sorted(kids)])

# totals: basic + project; basic = personnel + public (表03/05/07 合计 rows)
S("total 64090.74 = basic 6895.74 + project 57195.00", W("64090.74"), [W("6895.74"), W("57195.00")])
S("total = basic + project + operating 0 + remit 0 + subsidy 0", W("64090.74"), [W("6895.74"), W("57195.00"), Z, Z, Z])
S("basic 6895.74 = personnel 6377.17 + public 518.57", W("6895.74"), [W("6377.17"), W("518.57")])
# row splits of 表03/05/07 (basic | personnel | public | project)
ROWS = [("201", "4523.04", "2919.84", "2556.25", "363.59", "1603.20"),
        ("2010301", "2016.50", "2016.50", "1756.23", "260.27", None),
        ("2010350", "903.34", "903.34", "800.02", "103.32", None),
        ("208", "778.22", "778.22", "778.22", None, None),
        ("212", "6400.72", "1438.92", "1283.94", "154.98", "4961.80"),
        ("2120107", "3181.49", "974.29", "869.28", "105.01", "2207.20"),
        ("2120601", "3219.23", "464.63", "414.66", "49.97", "2754.60"),
        ("221", "1758.76", "1758.76", "1758.76", None, None)]
for code, tot, basic, pers, pub, proj in ROWS:
    S(f"row {code} {tot} = basic {basic} + project {proj}", W(tot), [W(basic)] + ([W(proj)] if proj else []))
    S(f"row {code} basic {basic} = personnel {pers} + public {pub}", W(basic), [W(pers)] + ([W(pub)] if pub else []))
S("basic column 6895.74 = Σ class basics", W("6895.74"), [W("2919.84"), W("778.22"), W("1438.92"), W("1758.76")])
S("personnel column 6377.17 = Σ class personnel", W("6377.17"), [W("2556.25"), W("778.22"), W("1283.94"), W("1758.76")])
S("public column 518.57 = Σ class public", W("518.57"), [W("363.59"), W("154.98")])
S("project column 57195.00 = Σ class projects", W("57195.00"), [W("1603.20"), W("50000.00"), W("4961.80"), W("630.00")])
S("201 basic 2919.84 = 2010301 + 2010350", W("2919.84"), [W("2016.50"), W("903.34")])
S("201 project 1603.20 = 2010302 + 2010303 + 2010399", W("1603.20"), [W("306.00"), W("966.48"), W("330.72")])

# economic tables (fiscal 表06 and gpb 表08 print the same rows)
for scope in ("fiscal", G):
    eco = {f["code"]: f for f in gold["facts"] if f["concept"] == "expenditure.economic" and f.get("scope") == scope}
    S(f"[{scope}] basic 6895.74 = Σ economic classes", W("6895.74"), [w2(eco[c]) for c in sorted(eco) if len(c) == 3])
    for c in sorted(eco):
        if len(c) == 3:
            S(f"[{scope}] economic {c} {eco[c]['label']} = Σ 款", w2(eco[c]),
              [w2(eco[k]) for k in sorted(eco) if len(k) == 5 and k.startswith(c)])
S("personnel 6377.17 = 301 6262.48 + 303 114.69", W("6377.17"), [W("6262.48"), W("114.69")])
S("public 518.57 = 302 518.57", W("518.57"), [W("518.57")])
S("economic 30108 549.24 + 30109 228.98 = class 208 778.22", W("778.22"), [W("549.24"), W("228.98")])
S("30113 住房公积金 611.51 = item 2210201 611.51", W("611.51"), [W("611.51")])

# 三公 表09 and prose
S("three_public.total 18.30 = overseas 0.00 + vehicles 4.00 + reception 14.30", W("18.30"), [W("0.00"), W("4.00"), W("14.30")])
S("vehicles 4.00 = purchase 0.00 + operation 4.00", W("4.00"), [W("0.00"), W("4.00")])
S("三公 change 0.05 = overseas 0 + purchase 0 + operation 0 + reception 0.05", W("0.05"), [Z, Z, Z, W("0.05")])
S("reception 14.30 = economic 30217 公务接待费 14.30", W("14.30"), [W("14.30")])
S("vehicles_operation 4.00 = economic 30231 4.00", W("4.00"), [W("4.00")])
S("会议费 7.30 = 30215 7.30", W("7.30"), [W("7.30")])
checks.append(check_ratio("overseas share 0 = 0/18.3", W("0"), W("0"), W("18.3")))
checks.append(check_ratio("vehicles share 21.86 = 4/18.3", W("21.86"), W("4"), W("18.3")))
checks.append(check_ratio("reception share 78.14 = 14.3/18.3", W("78.14"), W("14.3"), W("18.3")))

# 机关运行经费 表12
S("agency_operating_cost 260.27 = Σ 表12 rows", W("260.27"),
  [W(x) for x in ["23.56", "12.00", "66.80", "5.00", "5.00", "10.00", "5.00", "31.34", "63.41", "38.16"]])
S("agency_operating_cost 260.27 = 2010301 公用经费 260.27", W("260.27"), [W("260.27")])
checks.append(check_change("agency_operating_cost change_pct -2.72", W("-2.72"), W("-7.29"), W("260.27")))

# 政府采购 表13
S("procurement.total 2379.35 = goods 110.90 + works 156.00 + services 2112.45", W("2379.35"),
  [W("110.90"), W("156.00"), W("2112.45")])
S("goods 110.90 = units 10.00 + 12.00 + 85.68 + 3.22", W("110.90"), [W("10.00"), W("12.00"), W("85.68"), W("3.22")])
S("services 2112.45 = units 694.80 + 644.30 + 772.85 + 0.50", W("2112.45"), [W("694.80"), W("644.30"), W("772.85"), W("0.50")])

# prose shares
checks.append(check_ratio("basic share 10.76 = 6895.74/64090.74", W("10.76"), W("6895.74"), W("64090.74")))
checks.append(check_ratio("project share 89.24 = 57195/64090.74", W("89.24"), W("57195"), W("64090.74")))
checks.append(check_ratio("gpb income share 100", W("100"), W("64090.74"), W("64090.74")))

# prose changes: totals
checks.append(check_change("total change_pct -5.62 (change -3815.79)", W("-5.62"), W("-3815.79"), W("64090.74")))
S("total change -3815.79 = Σ class changes (incl. 商业服务业等 -750)", W("-3815.79"),
  [W("-53748.68"), W("50000"), W("99.6"), W("625.84"), W("-70"), W("-750"), W("27.45")])
S("206 change 50000 = current 50000 - prior 0", W("50000"), [W("50000"), Z], [1, -1])
for name, pct, chg, cur in [("201", "-92.24", "-53748.68", "4523.04"), ("208", "14.68", "99.6", "778.22"),
                            ("212", "10.84", "625.84", "6400.72"), ("213", "-10", "-70", "630"),
                            ("216 商业服务业等", "-100", "-750", "0"), ("221", "1.59", "27.45", "1758.76")]:
    checks.append(check_change(f"class {name} change_pct {pct}", W(pct), W(chg), W(cur)))
# class change = Σ item changes
S("201 change -53748.68 = Σ 项 changes", W("-53748.68"), [W("-16.14"), W("-366.5"), W("-15.87"), W("325.38"), W("-53675.55")])
S("206 change 50000 = 2060599 50000", W("50000"), [W("50000")])
S("208 change 99.6 = 71.81 + 27.79", W("99.6"), [W("71.81"), W("27.79")])
S("212 change 625.84 = 781.55 - 155.71", W("625.84"), [W("781.55"), W("-155.71")])
S("213 change -70 = 2139999 -70", W("-70"), [W("-70")])
S("216 change -750 = 其他涉外发展服务支出 -750", W("-750"), [W("-750")])
S("221 change 27.45 = 21.06 + 260.8 - 254.41", W("27.45"), [W("21.06"), W("260.8"), W("-254.41")])
for name, pct, chg, cur in [("2010301", "-0.79", "-16.14", "2016.5"), ("2010302", "-54.5", "-366.5", "306"),
                            ("2010303", "-1.62", "-15.87", "966.48"), ("2010350", "56.3", "325.38", "903.34"),
                            ("2010399", "-99.39", "-53675.55", "330.72"), ("2080505", "15.04", "71.81", "549.24"),
                            ("2080506", "13.81", "27.79", "228.98"), ("2120107", "32.57", "781.55", "3181.49"),
                            ("2120601", "-4.61", "-155.71", "3219.23"), ("2139999", "-10", "-70", "630"),
                            ("2160299", "-100", "-750", "0"), ("2210201", "3.57", "21.06", "611.51"),
                            ("2210202", "339.23", "260.8", "337.68"), ("2210203", "-23.91", "-254.41", "809.57")]:
    checks.append(check_change(f"item {name} change_pct {pct}", W(pct), W(chg), W(cur)))

# prose vs table
for prose, table in [("64090.74", "64090.74"), ("50000", "50000.00"), ("630", "630.00"), ("2016.5", "2016.50"),
                     ("306", "306.00"), ("57195", "57195.00"), ("18.3", "18.30"), ("14.3", "14.30"), ("4", "4.00"),
                     ("110.9", "110.90"), ("156", "156.00"), ("7.3", "7.30")]:
    S(f"prose {prose} = table {table}", W(prose), [W(table)])

report(checks)
sys.exit(0)
