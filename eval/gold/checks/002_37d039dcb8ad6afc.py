"""Arithmetic relations of 002_37d039dcb8ad6afc.txt (鄂城区总工会 2023 部门决算 + 绩效附件).

Numbers typed from reading the report; line numbers refer to the sample text.
0/0 relations (三公 rates and change_pct over a 0 budget / 0 change, procurement shares of 0)
are not checkable and are left out.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
from arith import W, check_bound, check_change, check_ratio, check_sum, report  # noqa: E402

# 二/三 income and expenditure (lines 32-42)
INC, INC_CHG = W("93.93"), W("19.08")
INC_FIS, INC_OTH = W("84.25"), W("9.68")
EXP, EXP_CHG, EXP_CHG_YUAN = W("93.93"), W("14.14"), W("26.94")  # 一: '增加26.94元'
BASIC, PROJECT = W("89.65"), W("4.28")
Z = W("0")
# 四 财政拨款 (lines 46-50)
FIS_INC, FIS_INC_CHG = W("84.25"), W("9.72")
GPB_INC, GPB_INC_CHG = W("84.25"), W("9.72")
FIS_EXP, FIS_EXP_CHG = W("82.16"), W("2.68")
# 五 一般公共预算财政拨款支出 (lines 56-76)
GPB_EXP, GPB_EXP_CHG, GPB_BUDGET = W("84.25"), W("4.46"), W("86.86")
F_GEN, F_SOC = W("82.16"), W("2.09")
I_ADM, I_ADM_B = W("77.88"), W("69.9")
I_GEN, I_GEN_B = W("4.28"), W("16.96")
I_PEN, I_PEN_B = W("0.53"), W("0")
I_INS, I_INS_B = W("1.56"), W("0")
# 六 基本支出 (lines 78-82)
GPB_BASIC, PERSONNEL, PUBLIC = W("79.98"), W("76.19"), W("3.78")
# 十 机关运行经费 (line 115)
AOC = W("77.88")
# 附件 (line 197, 目标表 lines 293-296, 项目自评表 lines 568-571), optional facts
ATT_BUDGET, ATT_ACTUAL, ATT_RATE = W("15.87"), W("15.87"), W("100")
TGT_BASIC_B, TGT_PROJECT_B = W("89.65"), W("15.87")
P_NZG_B, P_NZG_A, P_NZG_R = W("6.08"), W("4.28"), W("90")  # 女职工体检
P_ZH_B, P_ZH_A, P_ZH_R = W("15.875"), W("15.875"), W("100")  # 工会综合专项经费

checks = [
    # ---- staff
    check_sum("财政供养 13 = 在职 3 + 离退休 8 + 公益性岗位 2", W("13"), [W("3"), W("8"), W("2")]),
    check_bound("在职 3 <= 编制 3", W("3"), W("3")),
    # ---- totals
    check_sum("income total = fiscal + superior + business + operating + affiliated + other",
              INC, [INC_FIS, Z, Z, Z, Z, INC_OTH]),
    check_sum("expenditure total = basic + project + remit + operating + subsidy", EXP, [BASIC, PROJECT, Z, Z, Z]),
    check_sum("fiscal income = gpb + gf + sc", FIS_INC, [GPB_INC, Z, Z]),
    check_sum("fiscal income change = gpb change + gf change + sc change", FIS_INC_CHG, [GPB_INC_CHG, Z, Z]),
    check_sum("fiscal expenditure 82.16 = gpb 84.25 + gf 0 + sc 0", FIS_EXP, [GPB_EXP, Z, Z]),
    check_bound("fiscal income <= total income", FIS_INC, INC),
    check_bound("gpb expenditure <= total expenditure", GPB_EXP, EXP),
    check_bound("fiscal expenditure <= total expenditure", FIS_EXP, EXP),
    check_sum("gpb expenditure = Σ function classes", GPB_EXP, [F_GEN, F_SOC]),
    check_sum("一般公共服务支出 = 行政运行 + 一般行政管理事务", F_GEN, [I_ADM, I_GEN]),
    check_sum("社会保障和就业支出 = 养老保险缴费 + 社会保险补贴", F_SOC, [I_PEN, I_INS]),
    check_sum("gpb expenditure = Σ items", GPB_EXP, [I_ADM, I_GEN, I_PEN, I_INS]),
    check_sum("gpb budget = Σ item budgets", GPB_BUDGET, [I_ADM_B, I_GEN_B, I_PEN_B, I_INS_B]),
    check_sum("gpb basic = personnel + public", GPB_BASIC, [PERSONNEL, PUBLIC]),
    check_bound("gpb basic <= basic", GPB_BASIC, BASIC),
    check_bound("gpb project (84.25-79.98) <= project 4.28",
                W(str(GPB_EXP.v - GPB_BASIC.v)), PROJECT),
    check_sum("gf closing = opening + income - expenditure", Z, [Z, Z, Z], [1, 1, -1]),
    check_sum("三公 total budget = overseas + vehicles + reception", Z, [Z, Z, Z]),
    check_sum("三公 total actual = overseas + purchase + operation + reception", Z, [Z, Z, Z, Z]),
    check_sum("reception = foreign + domestic", Z, [Z, Z]),
    check_sum("procurement total = goods + works + services", Z, [Z, Z, Z]),
    check_bound("sme <= procurement total", Z, Z),
    check_bound("small_micro <= sme", Z, Z),
    check_bound("机关运行经费 77.88 <= basic 89.65", AOC, BASIC),
    check_bound("机关运行经费 77.88 <= gpb 公用经费 3.78 (名词解释: goods and services money)", AOC, PUBLIC),
    # ---- shares
    check_ratio("fiscal income share 90 (of 93.93)", W("90"), INC_FIS, INC),
    check_ratio("other income share 10", W("10"), INC_OTH, INC),
    check_sum("income shares 90+0+0+0+0+10 = 100", W("100"), [W("90"), Z, Z, Z, Z, W("10")]),
    check_ratio("basic share 95", W("95"), BASIC, EXP),
    check_ratio("project share 5", W("5"), PROJECT, EXP),
    check_sum("expenditure shares 95+5+0+0+0 = 100", W("100"), [W("95"), W("5"), Z, Z, Z]),
    check_ratio("gpb expenditure share 93 (of 本年支出合计 93.93)", W("93"), GPB_EXP, EXP),
    check_ratio("一般公共服务支出 share 99 (of gpb 84.25)", W("99"), F_GEN, GPB_EXP),
    check_ratio("社会保障和就业支出 share 1 (of gpb 84.25)", W("1"), F_SOC, GPB_EXP),
    check_sum("function shares 99+1 = 100", W("100"), [W("99"), W("1")]),
    # ---- rates
    check_ratio("gpb rate 98 = 84.25/86.86", W("98"), GPB_EXP, GPB_BUDGET),
    check_ratio("行政运行 rate 100 = 77.88/69.9", W("100"), I_ADM, I_ADM_B),
    check_ratio("一般行政管理事务 rate 100 = 4.28/16.96", W("100"), I_GEN, I_GEN_B),
    check_ratio("project 女职工体检 rate 90 = 4.28/6.08", P_NZG_R, P_NZG_A, P_NZG_B),
    check_ratio("project 工会综合专项经费 rate 100 = 15.875/15.875", P_ZH_R, P_ZH_A, P_ZH_B),
    check_ratio("附件 rate 100 on its own numbers 15.87/15.87", ATT_RATE, ATT_ACTUAL, ATT_BUDGET),
    check_ratio("附件 rate 100 on key values (actual 93.93 / budget 15.87)", ATT_RATE, EXP, ATT_BUDGET),
    # ---- changes (change_pct = change / (current - change))
    check_change("income change_pct 16 (二)", W("16"), INC_CHG, INC),
    check_change("income change_pct 21 (一)", W("21"), INC_CHG, INC),
    check_change("expenditure change_pct 9 (三) with 14.14", W("9"), EXP_CHG, EXP),
    check_change("expenditure change_pct 23 (一) with 26.94 (unit typo read as 万元)", W("23"), EXP_CHG_YUAN, EXP),
    check_change("expenditure change_pct 23 (一) with 26.94元 = 0.002694万元", W("23"), W("0.002694"), EXP),
    check_change("fiscal income change_pct 20", W("20"), FIS_INC_CHG, FIS_INC),
    check_change("gpb income change_pct 8", W("8"), GPB_INC_CHG, GPB_INC),
    check_change("fiscal expenditure change_pct 8", W("8"), FIS_EXP_CHG, FIS_EXP),
    check_change("gpb expenditure change_pct 8", W("8"), GPB_EXP_CHG, GPB_EXP),
    # ---- conflicts stated as equalities (two numbers for one key)
    check_sum("conflict: expenditure.total change 14.14 (三) = 26.94 (一, as 万元)", EXP_CHG, [EXP_CHG_YUAN]),
    check_sum("conflict: expenditure.total change_pct 9 (三) = 23 (一)", W("9"), [W("23")]),
    check_sum("conflict: income.total change_pct 16 (二) = 21 (一)", W("16"), [W("21")]),
    check_sum("conflict: expenditure.total actual 93.93 = 15.87 (附件 执行数)", EXP, [ATT_ACTUAL]),
    # ---- budgets in 附件 / 目标表 (optional facts)
    check_sum("total budget 15.87 (附件) = basic budget 89.65 + project budget 15.87 (目标表)",
              ATT_BUDGET, [TGT_BASIC_B, TGT_PROJECT_B]),
    check_bound("gpb budget 86.86 <= total budget 15.87 (附件)", GPB_BUDGET, ATT_BUDGET),
    check_bound("project budget 15.87 (目标表) ~ 工会综合专项经费 15.875 (<=)", TGT_PROJECT_B, P_ZH_B),
    # ---- projects vs department totals
    check_bound("女职工体检 actual 4.28 <= project 4.28", P_NZG_A, PROJECT),
    check_bound("工会综合专项经费 actual 15.875 <= project 4.28", P_ZH_A, PROJECT),
    check_sum("项目自评表 预算控制数 15.875 = 年度财政资金总额 15.875", W("15.875"), [P_ZH_B]),
]

report(checks)
sys.exit(0)
