"""Arithmetic relations of c4_yunxi_street_2024.txt (云溪街道办事处 2024 整体支出绩效自评)."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "..", "gold", "checks"))
from arith import W, check_bound, check_change, check_ratio, check_sum, report  # noqa: E402

EXP = W("9352.18")
checks = [
    check_sum("income = fiscal + other", W("9410.62"), [W("8960.45"), W("450.17")]),
    check_ratio("total rate", W("94.98"), EXP, W("9846.30")),
    check_sum("total = basic + project", EXP, [W("3418.65"), W("5933.53")]),
    check_sum("total (五 9325.18) = basic + project", W("9325.18"), [W("3418.65"), W("5933.53")]),
    check_sum("budget = basic + project budgets", W("9846.30"), [W("3466.30"), W("6380.00")]),
    check_ratio("basic rate", W("98.63"), W("3418.65"), W("3466.30")),
    check_ratio("project rate", W("93.00"), W("5933.53"), W("6380.00")),
    check_bound("fiscal exp <= total", W("8960.45"), EXP),
    check_sum("三公 = vehicles op + reception", W("12.36"), [W("8.90"), W("3.46")]),
    check_change("三公 change_pct", W("-8.04"), W("-1.08"), W("12.36")),
    check_sum("procurement = goods + works + services", W("1126.40"), [W("86.40"), W("752.00"), W("288.00")]),
    check_ratio("sme share", W("100"), W("1126.40"), W("1126.40")),
    check_bound("在编 <= 编制", W("76"), W("80")),
    check_bound("Σ project actuals <= project spending", W("2457.04"), W("5933.53")),
]
for name, b, a, r in [("老旧小区改造提升", "1260.00", "1174.80", "95.24"), ("垃圾分类", "986.50", "986.50", "100"),
                      ("居家养老", "318.00", "295.74", "93.0")]:
    checks.append(check_ratio(f"project {name} rate", W(r), W(a), W(b)))
rows = [(10, 10), (5, 5), (5, 5), (10, 10), (5, 4), (5, 4), (10, 9), (10, 10), (5, 6), (10, 10), (5, 5), (10, 10), (10, 10)]
checks.append(check_sum("Σ weights = 100", W("100"), [W(str(w)) for w, _ in rows]))
checks.append(check_sum("Σ scores = 总得分 98", W("98"), [W(str(s)) for _, s in rows]))

# Weights and scores in a scoring table are exact numbers, not rounded measurements, so the
# per-row bound is checked exactly (arith's ±0.5 interval would let 6 <= 5 pass).
for i, (w, s) in enumerate(rows, 1):
    if s > w:
        print(f"BAD row {i} score {s} > weight {w} (exact; material)")

if __name__ == "__main__":
    report(checks)
