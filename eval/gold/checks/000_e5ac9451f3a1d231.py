"""Arithmetic relations of 000_e5ac9451f3a1d231.txt (浏阳市总工会 2022 整体支出绩效自评)."""
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
from arith import W, check_bound, check_ratio, check_sum, report  # noqa: E402

TOTAL = W("358.52")
BASIC = W("311.20")
BASIC_ALT = W("358.52")  # 二(一)1 '基本支出总资金358.52万元' (conflict)
PROJECT = W("47.32")
PERSONNEL, PUBLIC = W("302.92"), W("8.28")
F_GEN, F_SOC, F_OTH = W("257.03"), W("54.17"), W("47.32")

checks = [
    # totals
    check_sum("total = basic + project", TOTAL, [BASIC, PROJECT]),
    check_sum("basic = personnel + public", BASIC, [PERSONNEL, PUBLIC]),
    check_sum("basic(alt 358.52) = personnel + public", BASIC_ALT, [PERSONNEL, PUBLIC]),
    check_sum("total = Σ function classes", TOTAL, [F_GEN, F_SOC, F_OTH]),
    check_sum("staff in service = admin + institutional", W("22"), [W("8"), W("14")]),
    check_sum("三公 total = overseas + vehicles + reception", W("0"), [W("0"), W("0"), W("0")]),
    check_sum("procurement total = goods + works + services", W("0"), [W("0"), W("0"), W("0")]),
    check_bound("small_micro <= sme", W("0"), W("0")),
    # shares
    check_ratio("basic share 86.80", W("86.80"), BASIC, TOTAL),
    check_ratio("project share 13.2", W("13.2"), PROJECT, TOTAL),
    check_ratio("一般公共服务支出 share 71.69", W("71.69"), F_GEN, TOTAL),
    check_ratio("社会保障和就业支出 share 15.12", W("15.12"), F_SOC, TOTAL),
    check_ratio("其他支出 share 13.19", W("13.19"), F_OTH, TOTAL),
    check_ratio("personnel share 84.49 (of 358.52)", W("84.49"), PERSONNEL, TOTAL),
    check_ratio("public share 2.31 (of 358.52)", W("2.31"), PUBLIC, TOTAL),
    check_sum("shares basic+project = 100", W("100"), [W("86.80"), W("13.2")]),
    # 自评表 budget / actual / rate
    check_sum("fiscal budget = basic budget + project budget", W("277.06"), [W("249.74"), W("27.32")]),
    check_ratio("fiscal total rate 129.4", W("129.4"), W("358.52"), W("277.06")),
    check_ratio("basic rate 125", W("125"), BASIC, W("249.74")),
    check_ratio("project rate 173.8", W("173.8"), PROJECT, W("27.32")),
    check_bound("fiscal actual <= total actual", W("358.52"), TOTAL),
]

# indicators: (weight, score); level groups
inputs = [(3, 3), (4, 3), (4, 4), (5, 5), (4, 4), (3, 3), (3, 3), (4, 4)]
output = {"数量": [(3, 3), (3, 3)], "质量": [(4, 4), (4, 4)], "时效": [(3, 3), (2, 2)], "成本": [(6, 6)]}
output_l2w = {"数量": 6, "质量": 8, "时效": 5, "成本": 6}
benefit = {"社会效益": [(10, 10), (10, 10)], "生态效益": [(7, 6)], "可持续影响": [(8, 8)], "满意度": [(10, 10)]}
benefit_l2w = {"社会效益": 20, "生态效益": 7, "可持续影响": 8, "满意度": 10}
rows = inputs + [r for v in output.values() for r in v] + [r for v in benefit.values() for r in v]

checks.append(check_sum("投入管理指标 weight 30 = Σ rows", W("30"), [W(str(w)) for w, _ in inputs]))
checks.append(check_sum("产出指标 weight 25 = Σ level2", W("25"), [W(str(w)) for w in output_l2w.values()]))
for k, rs in {**output, **benefit}.items():
    l2w = {**output_l2w, **benefit_l2w}[k]
    checks.append(check_sum(f"{k}指标 weight {l2w} = Σ rows", W(str(l2w)), [W(str(w)) for w, _ in rs]))
for i, (w, s) in enumerate(rows):
    checks.append(check_bound(f"indicator #{i + 1} score <= weight", W(str(s)), W(str(w))))
checks.append(check_sum("Σ weights = 100 (总分)", W("100"), [W(str(w)) for w, _ in rows]))
checks.append(check_sum("Σ scores = 98 (自评得分/总分)", W("98"), [W(str(s)) for _, s in rows]))

report(checks)

# Weights and scores are exact integers: the ±0.5-per-term intervals above are too loose
# for 20-term sums, so check them exactly as well.
exact = [
    ("投入管理指标 weight", 30, sum(w for w, _ in inputs)),
    ("产出指标 weight", 25, sum(output_l2w.values())),
    ("Σ weights", 100, sum(w for w, _ in rows)),
    ("Σ scores", 98, sum(s for _, s in rows)),
]
exact += [(f"{k}指标 weight", {**output_l2w, **benefit_l2w}[k], sum(w for w, _ in rs))
          for k, rs in {**output, **benefit}.items()]
bad_exact = [e for e in exact if e[1] != e[2]]
for name, stated, got in exact:
    print(f"{'OK ' if stated == got else 'BAD'} exact {name}: stated {stated}, sum {got}")
print(f"{len(bad_exact)} exact-integer mismatches of {len(exact)}")
sys.exit(0)
