"""Arithmetic relations stated by 003_96b1011f3b853c52.txt (零陵区总工会 2022 整体支出绩效自评)."""
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))

from arith import W, check_bound, check_sum, report  # noqa: E402

checks = [
    # 基本支出 = 人员经费 + 商品和服务支出(公用经费)
    check_sum("expenditure.basic 482.96 = personnel 133.7 + public 349.26",
              W("482.96"), [W("133.7"), W("349.26")]),
    # 整体支出 = 基本支出 + 项目支出
    check_sum("expenditure.total 482.96 = basic 482.96 + project 0",
              W("482.96"), [W("482.96"), W("0")]),
    # 在职人员 = 公务员及参公 + 事业编制
    check_sum("staff.in_service 11 = administrative 6 + institutional 5",
              W("11"), [W("6"), W("5")]),
    # 较预算增加额不超过决算数 (implied budget >= 0)
    check_bound("personnel vs_budget 8.7 <= actual 133.7", W("8.7"), W("133.7")),
    check_bound("public vs_budget 343.95 <= actual 349.26", W("343.95"), W("349.26")),
]

report(checks)
# Implied budgets (not stated, informational only)
print("implied personnel budget 133.7-8.7 =", W("133.7").v - W("8.7").v)
print("implied public budget 349.26-343.95 =", W("349.26").v - W("343.95").v)
sys.exit(0)
