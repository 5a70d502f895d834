"""Arithmetic relations stated by xian-2.pdf (西安市医疗保障局 2022年部门综合预算). Tables in 元, prose in 万元."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "..", "gold", "checks"))

from arith import W, check_change, check_sum, report  # noqa: E402


def Y(s):
    """a 元 figure as written, in 万元 with its written precision (decimal shift keeps the half-unit)."""
    from decimal import Decimal
    d = Decimal(s).scaleb(-4)
    return W(format(d, "f"))


Z = Y("0.00")
checks = []
# --- 表1 收支总表 (p29) ---
checks.append(check_sum("income.total = fiscal + superior + business + operating + affiliated + other",
                        Y("480544221.62"), [Y("480544221.62"), Z, Z, Z, Z, Z]))
checks.append(check_sum("income.total@fiscal = GPB + GF + SC", Y("480544221.62"), [Y("480544221.62"), Z, Z]))
classes = ["390000.00", "1948860.94", "475907032.42", "2298328.26"]  # the non-zero classes; the other 25 are 0.00
checks.append(check_sum("expenditure.total = Σ 29 function classes (表1)", Y("480544221.62"), [Y(v) for v in classes] + [Z] * 25))
checks.append(check_sum("expenditure.total@fiscal = Σ function classes (表4)", Y("480544221.62"), [Y(v) for v in classes] + [Z] * 25))
checks.append(check_sum("expenditure.total = basic + project + remit + operating + affiliated",
                        Y("480544221.62"), [Y("23111876.62"), Y("457432345.00"), Z, Z, Z]))
checks.append(check_sum("basic = 工资福利 + 商品和服务 + 对个人和家庭 + 资本性 (表1 sub-rows)",
                        Y("23111876.62"), [Y("20368125.45"), Y("2567411.17"), Y("176340.00"), Y("0.00")]))
checks.append(check_sum("project = Σ 专项业务经费 sub-rows (表1)",
                        Y("457432345.00"), [Z, Y("28353345.00"), Z, Z, Z, Y("2399000.00"), Z, Z, Y("426680000.00"), Z]))
gov = ["20368125.45", "25280256.17", "909500.00", "0.00", "5640500.00", "1489500.00", "0.00", "0.00", "176340.00",
       "426680000.00", "0.00", "0.00", "0.00", "0.00", "0.00"]
checks.append(check_sum("expenditure.total = Σ 政府预算经济分类 类 (表1)", Y("480544221.62"), [Y(v) for v in gov]))

# --- 表5 一般公共预算支出 (功能) p33 ---
T = Y("480544221.6")
checks.append(check_sum("GPB total = Σ classes", T, [Y("390000"), Y("1948860.94"), Y("475907032.4"), Y("2298328.26")]))
checks.append(check_sum("GPB total = personnel + public + project", T, [Y("21477243.45"), Y("1634633.17"), Y("457432345")]))
checks.append(check_sum("GPB basic (表7) = personnel + public", Y("23111876.62"), [Y("21477243.45"), Y("1634633.17")]))
checks.append(check_sum("205 = 20508", Y("390000"), [Y("390000")]))
checks.append(check_sum("20508 = 2050803", Y("390000"), [Y("390000")]))
checks.append(check_sum("208 = 20805 + 20899", Y("1948860.94"), [Y("1934653.65"), Y("14207.29")]))
checks.append(check_sum("20805 = 2080505 + 2080506", Y("1934653.65"), [Y("1282574.11"), Y("652079.54")]))
checks.append(check_sum("20899 = 2089999", Y("14207.29"), [Y("14207.29")]))
checks.append(check_sum("210 = 21011 + 21012 + 21013 + 21015", Y("475907032.4"),
                        [Y("58069417.06"), Y("329400000"), Y("40000000"), Y("48437615.36")]))
checks.append(check_sum("21011 = 2101101 + 2101102 + 2101103", Y("58069417.06"), [Y("594390.8"), Y("53680000"), Y("3795026.26")]))
checks.append(check_sum("21012 = 2101202", Y("329400000"), [Y("329400000")]))
checks.append(check_sum("21013 = 2101301", Y("40000000"), [Y("40000000")]))
checks.append(check_sum("21015 = 2101501 + 2101505 + 2101506 + 2101599", Y("48437615.36"),
                        [Y("18075270.36"), Y("10118500"), Y("13113845"), Y("7130000")]))
checks.append(check_sum("221 = 22102", Y("2298328.26"), [Y("2298328.26")]))
checks.append(check_sum("22102 = 2210201 + 2210203", Y("2298328.26"), [Y("1514331.7"), Y("783996.56")]))
checks.append(check_sum("表5 210 vs 表1 卫生健康支出", Y("475907032.4"), [Y("475907032.42")]))

# --- 表6 经济分类 p34-35 ---
checks.append(check_sum("GPB total = Σ economic classes", T,
                        [Y("20368125.45"), Y("30920756.17"), Y("176340"), Y("2399000"), Y("426680000")]))
checks.append(check_sum("301 = Σ 款", Y("20368125.45"), [Y(v) for v in ["4409294.4", "5345895.31", "2910000", "1282574.11",
                        "652079.54", "594390.8", "315050.26", "14207.29", "1514331.7", "3330302.04"]]))
checks.append(check_sum("302 = Σ 款 rows (duplicated 款 rows both counted)", Y("30920756.17"), [Y(v) for v in [
    "1216645", "500", "537300", "172600", "400500", "2640000", "110000", "600000", "202300", "390000", "10000", "195000",
    "475600", "15394100", "3900000", "151433.17", "25000", "962778", "1907000", "1630000"]]))
checks.append(check_sum("303 = 30302 + 30399", Y("176340"), [Y("1884"), Y("174456")]))
checks.append(check_sum("310 = Σ 款 rows", Y("2399000"), [Y("809500"), Y("289500"), Y("1200000"), Y("100000")]))
checks.append(check_sum("313 = 31302", Y("426680000"), [Y("426680000")]))
# 表8 basic by economic class
checks.append(check_sum("表8 basic = 301 + 302 + 303 + 310 + 313", Y("23111876.62"),
                        [Y("20368125.45"), Y("2567411.17"), Y("176340"), Y("0"), Y("0")]))
# 表8 is the table gold keys at scope general_public_budget (表6 values are alternatives)
checks.append(check_sum("表8 302 = Σ 款 rows (duplicated 款 rows both counted)", Y("2567411.17"), [Y(v) for v in [
    "887100", "0", "60000", "104100", "60000", "100000", "0", "0", "0", "0", "10000", "0", "10000", "0", "0", "151433.17",
    "25000", "962778", "197000", "0"]]))
checks.append(check_sum("表8 303 = 30302 + 30399", Y("176340"), [Y("1884"), Y("174456")]))

# --- prose vs tables (万元) ---
prose = [("GPB total prose 48054.42", "48054.42", "480544221.62"),
         ("培训支出 39", "39", "390000"), ("2080505 128.26", "128.26", "1282574.11"), ("2080506 65.21", "65.21", "652079.54"),
         ("2089999 1.42", "1.42", "14207.29"), ("2101101 59.44", "59.44", "594390.8"), ("2101102 5368", "5368", "53680000"),
         ("2101103 379.5", "379.5", "3795026.26"), ("2101202 32940", "32940", "329400000"), ("2101301 4000", "4000", "40000000"),
         ("2101501 1807.53", "1807.53", "18075270.36"), ("2101505 1011.85", "1011.85", "10118500"),
         ("2101506 1311.38", "1311.38", "13113845"), ("2101599 713", "713", "7130000"), ("2210201 151.43", "151.43", "1514331.7"),
         ("2210203 78.4", "78.4", "783996.56"),
         ("301 2036.82", "2036.82", "20368125.45"), ("302 3092.07", "3092.07", "30920756.17"), ("303 17.64", "17.64", "176340"),
         ("310 239.9", "239.9", "2399000"), ("313 42668", "42668", "426680000"),
         ("501 2036.82", "2036.82", "20368125.45"), ("502 2528.02", "2528.02", "25280256.17"), ("503 90.95", "90.95", "909500.00"),
         ("505 564.05", "564.05", "5640500.00"), ("506 148.95", "148.95", "1489500.00"), ("509 17.64", "17.64", "176340.00"),
         ("510 42668", "42668", "426680000.00"),
         ("三公 3.5", "3.5", "35000"), ("接待 1", "1", "10000"), ("用车运行 2.5", "2.5", "25000"),
         ("三公 change 0.46", "0.46", "4600"), ("接待 change 2.04", "2.04", "20400"),
         ("procurement 2107 vs 表12 合计", "2107", "21069995"),
         ("机关运行经费 163.46 vs 公用经费 表5", "163.46", "1634633.17")]
for name, p, t in prose:
    checks.append(check_sum("prose = table: " + name, W(p), [Y(t)]))

# --- prose changes ---
checks.append(check_sum("Σ dept economic class changes = total change", W("-29940.47"),
                        [W("-103.68"), W("935.57"), W("-38995.61"), W("-444.73"), W("8668")]))
checks.append(check_sum("Σ gov economic class changes = total change", W("-29940.47"),
                        [W("1300.35"), W("1262.65"), W("-462.28"), W("-1731.12"), W("17.55"), W("-38995.61"), W("8668")]))

# --- 三公 (表13, 元) ---
checks.append(check_sum("三公 2022 = overseas + reception + vehicles", Y("35000"), [Y("0"), Y("10000"), Y("25000")]))
checks.append(check_sum("vehicles 2022 = purchase + operation", Y("25000"), [Y("0"), Y("25000")]))
checks.append(check_sum("三公 2021 = overseas + reception + vehicles", Y("30400"), [Y("0"), Y("30400"), Y("0")]))
checks.append(check_sum("三公 change = current - prior", Y("4600"), [Y("35000"), Y("30400")], [1, -1]))
checks.append(check_sum("reception change = current - prior", Y("-20400"), [Y("10000"), Y("30400")], [1, -1]))
checks.append(check_sum("vehicles change = current - prior", Y("25000"), [Y("25000"), Y("0")], [1, -1]))
checks.append(check_change("三公 change_pct 15.13", W("15.13"), W("0.46"), W("3.5")))
checks.append(check_change("reception change_pct -67.11", W("-67.11"), W("-2.04"), W("1")))

# --- 采购, 人员, 项目 ---
checks.append(check_sum("procurement = goods + services + works", W("2107"), [W("238.83"), W("1868.17"), W("0")]))
checks.append(check_sum("in_service = 行政 + 事业 + 工勤", W("102"), [W("40"), W("61"), W("1")]))
checks.append(check_sum("authorized = 行政编制 + 事业编制", W("142"), [W("32"), W("110")]))
u1 = ["500000", "3500000", "50000", "3000000", "988500", "50000", "1854000", "566000"]
u2 = ["68500", "5250000", "50000", "329400000", "40000000", "195000", "235500", "446900", "155600", "594345", "3600000",
      "53680000", "2285200", "1822000", "243000", "197300", "1500000", "70500"]
u3 = ["2000000", "390000", "290000", "50000", "70000", "300000", "2000000", "400000", "30000", "100000", "1500000"]
checks.append(check_sum("245001 projects", Y("10508500"), [Y(v) for v in u1]))
checks.append(check_sum("245002 projects", Y("439793845"), [Y(v) for v in u2]))
checks.append(check_sum("245003 projects (leaf rows)", Y("7130000"), [Y(v) for v in u3]))
checks.append(check_sum("245003 = 网络信息化建设 + 委托咨询业务 + 专项购置 (category rows)", Y("7130000"),
                        [Y("2000000"), Y("3100000"), Y("2030000")]))
checks.append(check_sum("项目 合计 = Σ units", Y("457432345"), [Y("10508500"), Y("439793845"), Y("7130000")]))

report(checks)
# Expected BAD: prose 301/501 2036.82, 302 3092.07, 303/509 17.64, 502 2528.02 vs the 元 tables -> conflict findings in gold.
sys.exit(0)
