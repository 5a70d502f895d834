"""Arithmetic relations of 004_9f785aea458f6f0e.txt (大同市总工会 2021 整体支出绩效自评), typed by hand."""

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))

from arith import W, check_bound, check_sum, report  # noqa: E402

# Fund table rows: (预算数, 其中财政拨款, 执行数, 其中财政拨款)
rows = {
    "离退休党支部活动管理": ("0.5", "0.5", "0.5", "0.5"),
    "救助困难职工…": ("0", "150", "150", "150"),
    "付代收工会经费…": ("450", "450", "450", "450"),
}
total_row = ("450.5", "600.5", "600.5", "600.5")  # 金额合计
cols = ["预算数", "预算其中财政拨款", "执行数", "执行其中财政拨款"]

checks = []
for i, col in enumerate(cols):
    checks.append(check_sum(f"金额合计 {col} = Σ rows", W(total_row[i]), [W(r[i]) for r in rows.values()]))
for name, (b, fb, a, fa) in rows.items():
    checks.append(check_bound(f"{name}: 预算其中财政拨款 <= 预算数", W(fb), W(b)))
    checks.append(check_bound(f"{name}: 执行其中财政拨款 <= 执行数", W(fa), W(a)))
checks.append(check_bound("金额合计: 预算其中财政拨款 <= 预算数", W(total_row[1]), W(total_row[0])))

# Staff
checks.append(check_sum("在职 93 = 在编 82 + 其他 11", W("93"), [W("82"), W("11")]))
checks.append(check_bound("在编 82 <= 编制 89", W("82"), W("89")))

# Optional cost-indicator facts: basic + project <= 本年支出 (equality not expected: remittances etc.)
checks.append(check_bound("basic 257.18 + project 1163.13 <= 本年支出 3282.24", W("1420.31"), W("3282.24")))

# Indicators: weights and scores (by level2 group)
ind = [  # (weight, score)
    # 数量
    ("3", "3"), ("3", "3"), ("1", "1"), ("3", "3"), ("2", "2"), ("1", "1"), ("1", "1"),
    # 质量
    ("2", "2"), ("2", "1.6"), ("1", "0.8"), ("2", "2"), ("1", "1"), ("1", "0.88"), ("3", "3"),
    ("2", "2"), ("3", "3"), ("1", "1"), ("1", "1"), ("3", "3"), ("1", "1"), ("1", "1"),
    # 时效
    ("3", "3"), ("1", "1"), ("1", "1"), ("1", "1"), ("1", "1"),
    # 成本
    ("3", "0"), ("2", "0"),
    # 社会效益
    ("8", "7.84"), ("7", "6.86"), ("5", "5"), ("5", "5"),
    # 可持续影响
    ("9", "9"), ("6", "6"),
    # 满意度
    ("5", "5"), ("5", "5"),
]
assert len(ind) == 36
checks.append(check_sum("Σ weights = 100", W("100"), [W(w) for w, _ in ind]))
checks.append(check_sum("Σ scores = 总得分 93.98", W("93.98"), [W(s) for _, s in ind]))
for k, (w, s) in enumerate(ind, 1):
    checks.append(check_bound(f"indicator #{k}: score {s} <= weight {w}", W(s), W(w)))

bad = report(checks)

from decimal import Decimal  # noqa: E402

print("exact Σ weights =", sum(Decimal(w) for w, _ in ind), "| exact Σ scores =", sum(Decimal(x) for _, x in ind))

# Information only (年初结转和结余 not stated, so not a checkable relation):
# closing = opening + income - expenditure - distribution + non-fiscal surplus used, with opening = 0
info = check_sum("INFO closing 364.55 = 0 + 3689.06 - 3282.24 - 42.27 + 0 (opening assumed 0)",
                 W("364.55"), [W("3689.06"), W("3282.24"), W("42.27"), W("0")], [1, -1, -1, 1])
print(("OK " if info.ok else "BAD"), info.name, f"[{info.lo:.4f}, {info.hi:.4f}]")

sys.exit(0)
