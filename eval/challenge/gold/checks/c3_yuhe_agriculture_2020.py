"""Arithmetic relations of c3_yuhe_agriculture_2020.txt (玉河区农业农村局 2020 部门决算, amounts in 元)."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "..", "gold", "checks"))
from arith import W, check_bound, check_change, check_ratio, check_sum, report  # noqa: E402

INC, FIS, OTH = W("18462305.74"), W("17850125.74"), W("621180.00")
EXP, BASIC, PROJ = W("18105662.38"), W("6284517.26"), W("11821145.12")
GPB, GPB_BASIC, GPB_PROJ = W("16293482.38"), W("6012346.58"), W("10281135.80")
items = [("行政运行", "2836000.00", "2915846.27", "102.82"), ("事业运行", "1180000.00", "1204330.50", "102.06"),
         ("病虫害控制", "900000.00", "865000.00", "96.11"), ("农产品质量安全", "450000.00", "412680.00", "91.71"),
         ("农业生产发展", "5600000.00", "6238449.75", "111.40"), ("农田建设", "3450000.00", "3376000.00", "97.86"),
         ("养老保险缴费", "780000.00", "812430.16", "104.16"), ("行政单位医疗", "220000.00", "213560.70", "97.07"),
         ("住房公积金", "264000.00", "255185.00", "96.66")]
classes = [("农林水", "15012306.52", "92.14"), ("社保", "812430.16", "4.99"), ("卫生", "213560.70", "1.31"), ("住房", "255185.00", "1.57")]
checks = [
    check_sum("income = fiscal + other", INC, [FIS, OTH]),
    check_sum("income(if other 612,180.00) = fiscal + other", INC, [FIS, W("612180.00")]),
    check_change("income change_pct -5.18", W("-5.18"), W("-956214.30"), INC),
    check_sum("收入总计 = income + opening", W("19707905.74"), [INC, W("1245600.00")]),
    check_sum("支出总计 = expenditure + closing", W("19707905.74"), [EXP, W("1602243.36")]),
    check_change("收支总计 change_pct -4.89", W("-4.89"), W("-1012330.55"), W("19707905.74")),
    check_sum("expenditure change = current - prior", W("-1130817.77"), [EXP, W("19236480.15")], [1, -1]),
    check_change("expenditure change_pct -5.88", W("-5.88"), W("-1130817.77"), EXP),
    check_sum("expenditure = basic + project", EXP, [BASIC, PROJ]),
    check_ratio("basic share", W("34.71"), BASIC, EXP),
    check_ratio("project share", W("65.29"), PROJ, EXP),
    check_sum("fiscal income = gpb + gf", FIS, [W("16650125.74"), W("1200000.00")]),
    check_sum("fiscal exp = gpb + gf", W("17493482.38"), [GPB, W("1200000.00")]),
    check_ratio("gpb share", W("89.99"), GPB, EXP),
    check_change("gpb change_pct -4.92", W("-4.92"), W("-842517.62"), GPB),
    check_sum("gpb = basic + project", GPB, [GPB_BASIC, GPB_PROJ]),
    check_sum("gpb basic = personnel + public", GPB_BASIC, [W("5236780.12"), W("775566.46")]),
    check_sum("gpb basic (六 as 万元→元 ×10000) = personnel + public", W("60123465800"), [W("5236780.12"), W("775566.46")]),
    check_bound("gpb basic <= basic", GPB_BASIC, BASIC),
    check_sum("gpb = Σ classes", GPB, [W(a) for _, a, _ in classes]),
    check_sum("农林水 = Σ items", W("15012306.52"), [W(a) for _, _, a, _ in items[:6]]),
    check_sum("gpb budget = Σ item budgets", W("15680000.00"), [W(b) for _, b, _, _ in items]),
    check_ratio("gpb rate", W("103.91"), GPB, W("15680000.00")),
    check_sum("三公 = 0 + vehicles + reception", W("126350.00"), [W("0"), W("98600.00"), W("27750.00")]),
    check_sum("vehicles = purchase + operation", W("98600.00"), [W("0"), W("98600.00")]),
    check_change("三公 change_pct -12.72", W("-12.72"), W("-18420.00"), W("126350.00")),
    check_ratio("三公 vs budget pct 15.77 (not a fact)", W("15.77"), W("23650.00"), W("150000.00")),
    check_sum("机关运行经费 vs_budget", W("-37591.70"), [W("612408.30"), W("650000.00")], [1, -1]),
    check_ratio("机关运行经费 vs budget pct 5.78 (not a fact)", W("5.78"), W("37591.70"), W("650000.00")),
    check_bound("机关运行经费 <= 公用经费", W("612408.30"), W("775566.46")),
    check_sum("procurement = goods + works + services", W("2386540.00"), [W("1026540.00"), W("0"), W("1360000.00")]),
    check_ratio("sme share", W("100"), W("2386540.00"), W("2386540.00")),
    check_ratio("small_micro share", W("77.53"), W("1850200.00"), W("2386540.00")),
    check_sum("staff in service = admin + institutional", W("43"), [W("17"), W("26")]),
    check_sum("vehicles 4 = 2 + 2", W("4"), [W("2"), W("2")]),
]
for name, b, a, r in items:
    checks.append(check_ratio(f"{name} rate", W(r), W(a), W(b)))
for name, a, s in classes:
    checks.append(check_ratio(f"{name} share", W(s), W(a), GPB))

if __name__ == "__main__":
    report(checks)
