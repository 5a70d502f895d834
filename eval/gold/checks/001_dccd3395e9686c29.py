"""Arithmetic relations stated in 001_dccd3395e9686c29 (广州市增城区总工会 2022 部门整体支出绩效自评报告)."""
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))

from arith import W, check_bound, check_ratio, report  # noqa: E402

checks = [
    # 年度支出总预算 922.64, 支出决算数 902.83, 执行率 97.85%
    check_ratio("expenditure.total rate = actual/budget", W("97.85"), W("902.83"), W("922.64")),
    # 年初收入总预算 922.64, 收入决算数 902.83, 执行率 97.85%
    check_ratio("income.total rate = actual/budget", W("97.85"), W("902.83"), W("922.64")),
    # 年初预算项目 共计 287.99; 1-7 月支付 236.43, 完成年初预算的 82.1%
    check_ratio("expenditure.project rate (1-7月) = 236.43/287.99", W("82.1"), W("236.43"), W("287.99")),
    check_bound("expenditure.project budget <= expenditure.total budget", W("287.99"), W("922.64")),
    check_bound("expenditure.project paid (1-7月) <= expenditure.total actual", W("236.43"), W("902.83")),
    # 困难职工帮扶资金（送温暖费）: 9.67 / 9.67 / 100%
    check_ratio("project 困难职工帮扶资金（送温暖费） rate", W("100"), W("9.67"), W("9.67")),
    check_bound("project 困难职工帮扶资金 budget <= project budget total", W("9.67"), W("287.99")),
    # evaluation score within 0..100
    check_bound("evaluation.score <= 100", W("94.79"), W("100")),
]

report(checks)
sys.exit(0)
