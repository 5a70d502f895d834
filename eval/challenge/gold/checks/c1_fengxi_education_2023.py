"""Arithmetic relations of c1_fengxi_education_2023.txt (丰溪县教育体育局 2023 部门决算)."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "..", "gold", "checks"))
from arith import W, check_bound, check_change, check_ratio, check_sum, report  # noqa: E402

INC, FIS_INC, BUS, OTH = W("68452.37"), W("64107.85"), W("3516.42"), W("828.10")
EXP, BASIC, PROJ = W("67215.90"), W("49806.33"), W("17409.57")
OPEN, CLOSE, CLOSE_ALT = W("3866.27"), W("5102.74"), W("5120.74")
GPB = W("63178.12")
items = [("行政运行", "356.20", "372.58", "104.60"), ("学前教育", "2180.00", "2436.75", "111.78"),
         ("小学教育", "21350.40", "22018.93", "103.13"), ("初中教育", "15620.00", "16485.27", "105.45"),
         ("高中教育", "9860.00", "9412.66", "95.46"), ("中等职业教育", "2960.00", "3108.45", "105.02"),
         ("农村中小学校舍建设", "1200.00", "1386.40", "115.53"), ("其他教育支出", "0", "3683.62", None),
         ("养老保险缴费", "2650.00", "2761.20", "104.20"), ("事业单位医疗", "680.00", "703.45", "103.45"),
         ("住房公积金", "790.00", "808.81", "102.38")]
checks = [
    check_sum("income = fiscal + business + other", INC, [FIS_INC, BUS, OTH]),
    check_ratio("fiscal income share 93.65", W("93.65"), FIS_INC, INC),
    check_ratio("business share 5.41", W("5.41"), BUS, INC),
    check_ratio("other share 1.21", W("1.21"), OTH, INC),
    check_sum("收入总计 = income + opening", W("72318.64"), [INC, OPEN]),
    check_sum("支出总计 = expenditure + closing", W("72318.64"), [EXP, CLOSE]),
    check_sum("closing = opening + income - expenditure", CLOSE, [OPEN, INC, EXP], [1, 1, -1]),
    check_sum("closing(十三 5120.74) = opening + income - expenditure", CLOSE_ALT, [OPEN, INC, EXP], [1, 1, -1]),
    check_sum("closing = 基本结转 + 项目结转结余", CLOSE, [W("612.40"), W("4490.34")]),
    check_change("收支总计 change_pct 4.96", W("4.96"), W("3415.20"), W("72318.64")),
    check_sum("expenditure = basic + project", EXP, [BASIC, PROJ]),
    check_ratio("basic share", W("74.10"), BASIC, EXP),
    check_ratio("project share", W("25.90"), PROJ, EXP),
    check_sum("fiscal income = gpb + gf", FIS_INC, [W("63695.85"), W("412.00")]),
    check_sum("fiscal exp = gpb + gf", W("63590.12"), [GPB, W("412.00")]),
    check_change("fiscal income change_pct", W("3.45"), W("2136.54"), FIS_INC),
    check_change("fiscal exp change_pct", W("3.04"), W("1874.36"), W("63590.12")),
    check_change("gpb exp change_pct", W("2.37"), W("1462.36"), GPB),
    check_ratio("gpb share of total", W("93.99"), GPB, EXP),
    check_bound("fiscal exp <= total", W("63590.12"), EXP),
    check_sum("gpb = Σ classes", GPB, [W("58904.66"), W("2761.20"), W("703.45"), W("808.81")]),
    check_sum("教育支出 = Σ items", W("58904.66"), [W(a) for _, _, a, _ in items[:8]]),
    check_sum("gpb budget = Σ item budgets", W("57646.60"), [W(b) for _, b, _, _ in items]),
    check_ratio("gpb rate", W("109.60"), GPB, W("57646.60")),
    check_sum("gpb basic = personnel + public", W("47356.84"), [W("44120.37"), W("3236.47")]),
    check_bound("gpb basic <= basic", W("47356.84"), BASIC),
    check_sum("三公 = 0 + vehicles + reception", W("72.18"), [W("0"), W("54.26"), W("17.92")]),
    check_sum("三公 budget", W("86.50"), [W("0"), W("62.00"), W("24.50")]),
    check_ratio("三公 rate", W("83.45"), W("72.18"), W("86.50")),
    check_change("三公 change_pct (decrease)", W("-11.78"), W("-9.64"), W("72.18")),
    check_ratio("vehicles rate", W("87.52"), W("54.26"), W("62.00")),
    check_sum("vehicles = purchase + operation", W("54.26"), [W("0"), W("54.26")]),
    check_ratio("reception rate", W("73.14"), W("17.92"), W("24.50")),
    check_sum("reception = foreign + domestic", W("17.92"), [W("0"), W("17.92")]),
    check_sum("vehicles.count 9 = 1+2+3+3", W("9"), [W("1"), W("2"), W("3"), W("3")]),
    check_sum("机关运行经费 vs_budget", W("12.15"), [W("168.35"), W("156.20")], [1, -1]),
    check_bound("机关运行经费 <= 公用经费", W("168.35"), W("3236.47")),
    check_sum("procurement total = goods+works+services", W("3856.20"), [W("2104.35"), W("1236.80"), W("425.05")]),
    check_ratio("sme share", W("84.04"), W("3240.63"), W("3856.20")),
    check_ratio("small_micro share (of sme)", W("62.30"), W("2018.76"), W("3240.63")),
    check_sum("staff in service = admin + institutional", W("3058"), [W("11"), W("3047")]),
]
for name, b, a, r in items:
    if r:
        checks.append(check_ratio(f"{name} rate", W(r), W(a), W(b)))
for name, a, s in [("教育", "58904.66", "93.24"), ("社保", "2761.20", "4.37"), ("卫生", "703.45", "1.11"), ("住房", "808.81", "1.28")]:
    checks.append(check_ratio(f"{name} share", W(s), W(a), GPB))

if __name__ == "__main__":
    report(checks)
