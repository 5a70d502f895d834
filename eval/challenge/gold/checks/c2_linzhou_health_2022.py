"""Arithmetic relations of c2_linzhou_health_2022.txt (临州市卫生健康委员会 2022 整体支出绩效自评)."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "..", "gold", "checks"))
from arith import W, check_bound, check_change, check_ratio, check_sum, report  # noqa: E402

EXP, BASIC, PROJ = W("28156.42"), W("12436.18"), W("15802.24")
checks = [
    check_sum("income = fiscal + business + other", W("28645.30"), [W("21380.56"), W("6412.38"), W("852.36")]),
    check_ratio("total rate 90.70", W("90.70"), EXP, W("31260.00")),
    check_ratio("fiscal rate 89.87", W("89.87"), W("21045.18"), W("23416.50")),
    check_bound("fiscal exp <= total", W("21045.18"), EXP),
    check_sum("change = current - prior", W("1251.71"), [EXP, W("26904.71")], [1, -1]),
    check_change("change_pct 4.65", W("4.65"), W("1251.71"), EXP),
    check_sum("total = basic + project", EXP, [BASIC, PROJ]),
    check_sum("basic = personnel + public", BASIC, [W("10985.62"), W("1450.56")]),
    check_ratio("basic share", W("44.17"), BASIC, EXP),
    check_ratio("project share", W("55.83"), PROJ, EXP),
    check_ratio("project share if 15720.24", W("55.83"), W("15720.24"), EXP),
    check_sum("三公 = overseas + vehicles op + reception", W("38.62"), [W("0"), W("26.40"), W("12.22")]),
    check_sum("三公(五 36.82) = parts", W("36.82"), [W("0"), W("26.40"), W("12.22")]),
    check_sum("三公 vs_budget", W("-6.38"), [W("38.62"), W("45.00")], [1, -1]),
    check_change("三公 change_pct", W("-11.83"), W("-5.18"), W("38.62")),
    check_sum("staff in service = admin + institutional", W("1198"), [W("86"), W("1112")]),
]
for name, b, a, r in [("基本公共卫生服务", "9620.00", "9486.35", "98.61"), ("基层能力提升", "1850.00", "1623.40", "89.75"),
                      ("重大传染病防控", "1280.00", "1215.76", "94.98"), ("人才引进培养", "460.00", "412.30", "89.63")]:
    checks.append(check_ratio(f"project {name} rate", W(r), W(a), W(b)))
checks.append(check_bound("Σ project actuals <= project spending", W("12737.81"), W("15720.24")))
weights = [6, 6, 5, 6, 5, 5, 10, 8, 10, 8, 8, 8, 10, 5]
scores = ["6", "6", "5", "5.5", "4", "5", "7", "8", "10", "8", "8", "8", "10", "5"]
checks.append(check_sum("Σ weights = 100", W("100"), [W(str(w)) for w in weights]))
checks.append(check_sum("Σ scores = 95.5", W("95.5"), [W(s) for s in scores]))

if __name__ == "__main__":
    report(checks)
