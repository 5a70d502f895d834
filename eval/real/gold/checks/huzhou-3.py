"""Arithmetic relations stated by huzhou-3.pdf (湖州市退役军人事务局 2026年部门预算, 万元)."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "..", "gold", "checks"))

from arith import W, check_change, check_ratio, check_sum, report  # noqa: E402

c = []
# 收支总表 / 收入总表
c.append(check_sum("income.total = fiscal + other", W("6256.31"), [W("5973.01"), W("283.30")]))
c.append(check_sum("income.total@fiscal = GPB", W("5973.01"), [W("5973.01")]))
c.append(check_sum("income.total = expenditure.total", W("6256.31"), [W("6256.31")]))
# 支出总表 (scope all)
c.append(check_sum("expenditure.total = Σ classes", W("6256.31"), [W("6039.81"), W("71.42"), W("145.08")]))
c.append(check_sum("expenditure.total = personnel + public + project", W("6256.31"), [W("1487.48"), W("116.93"), W("4651.90")]))
c.append(check_sum("208 = Σ 款 (all)", W("6039.81"), [W("188.49"), W("166.50"), W("3597.17"), W("2087.66")]))
c.append(check_sum("20805 = Σ 项", W("188.49"), [W("4.26"), W("46.86"), W("91.58"), W("45.79")]))
c.append(check_sum("20808 = 2080899 (all)", W("166.50"), [W("166.50")]))
c.append(check_sum("20809 = Σ 项 (all)", W("3597.17"), [W("2447.80"), W("148.60"), W("52.57"), W("948.20")]))
c.append(check_sum("20828 = Σ 项", W("2087.66"), [W("571.56"), W("409.00"), W("35.00"), W("627.86"), W("444.24")]))
c.append(check_sum("210 = 21011", W("71.42"), [W("71.42")]))
c.append(check_sum("21011 = Σ 项", W("71.42"), [W("16.85"), W("21.29"), W("33.27")]))
c.append(check_sum("221 = 22102 = 2210201", W("145.08"), [W("145.08")]))
# 财政拨款 / 一般公共预算 (表04 = 表05)
c.append(check_sum("GPB total = Σ classes", W("5973.01"), [W("5756.51"), W("71.42"), W("145.08")]))
c.append(check_sum("GPB 208 = Σ 款", W("5756.51"), [W("188.49"), W("136.50"), W("3343.87"), W("2087.66")]))
c.append(check_sum("GPB 20808 = 2080899", W("136.50"), [W("136.50")]))
c.append(check_sum("GPB 20809 = Σ 项", W("3343.87"), [W("2194.50"), W("148.60"), W("52.57"), W("948.20")]))
c.append(check_sum("GPB total = basic + project", W("5973.01"), [W("1604.41"), W("4368.60")]))
c.append(check_sum("GPB basic = personnel + public", W("1604.41"), [W("1487.48"), W("116.93")]))
c.append(check_sum("all - fiscal 208 = other income 283.30", W("283.30"), [W("6039.81"), W("5756.51")], [1, -1]))
c.append(check_sum("all project - GPB project = 单位资金 283.30", W("283.30"), [W("4651.90"), W("4368.60")], [1, -1]))
# 基本支出表 (经济)
c.append(check_sum("basic = Σ economic classes", W("1604.41"), [W("1436.51"), W("114.53"), W("53.37")]))
c.append(check_sum("301 = Σ 款", W("1436.51"), [W(x) for x in ["228.09", "111.75", "356.47", "122.40", "91.58", "45.79",
                                                                 "38.15", "33.27", "2.17", "145.08", "12.44", "249.32"]]))
c.append(check_sum("302 = Σ 款", W("114.53"), [W(x) for x in ["7.90", "1.20", "0.40", "0.50", "2.20", "4.40", "19.60", "16.10",
                                                                "1.00", "1.10", "0.50", "15.40", "4.47", "0.10", "39.65"]]))
c.append(check_sum("303 = Σ 款", W("53.37"), [W("48.60"), W("2.35"), W("0.02"), W("2.40")]))
c.append(check_sum("personnel = 301 + 303 personnel column", W("1487.48"), [W("1436.51"), W("50.97")]))
c.append(check_sum("public = 302 + 30399", W("116.93"), [W("114.53"), W("2.40")]))
# prose shares
c.append(check_ratio("GPB income share 95.5", W("95.5"), W("5973.01"), W("6256.31")))
c.append(check_ratio("other income share 4.5", W("4.5"), W("283.30"), W("6256.31")))
c.append(check_ratio("personnel share 23.8", W("23.8"), W("1487.48"), W("6256.31")))
c.append(check_ratio("public share 1.9", W("1.9"), W("116.93"), W("6256.31")))
c.append(check_ratio("project share 74.4", W("74.4"), W("4651.90"), W("6256.31")))
c.append(check_ratio("208 share 96.4", W("96.4"), W("5756.51"), W("5973.01")))
c.append(check_ratio("210 share 1.2", W("1.2"), W("71.42"), W("5973.01")))
c.append(check_ratio("221 share 2.4", W("2.4"), W("145.08"), W("5973.01")))
# prose change percentages
c.append(check_change("income.total change_pct -5.0", W("-5.0"), W("-336.67"), W("6256.31")))
c.append(check_change("expenditure.total change_pct 4.0", W("4.0"), W("268.28"), W("6256.31")))
c.append(check_change("GPB expenditure change_pct -4.0", W("-4.0"), W("-263.59"), W("5973.01")))
c.append(check_change("三公 change_pct -95.0", W("-95.0"), W("-25"), W("1.10")))
c.append(check_change("机关运行经费 change_pct -9.0", W("-9.0"), W("-4.98"), W("48.78")))
# 三公
c.append(check_sum("三公 = overseas + reception + vehicles", W("1.10"), [W("0.00"), W("1.10"), W("0.00")]))
c.append(check_sum("vehicles = purchase + operation", W("0.00"), [W("0.00"), W("0.00")]))
c.append(check_sum("三公 change = reception change 0 + vehicles change (-prior vehicles)", W("-25"), [W("0"), W("-25")]))
# 采购
c.append(check_sum("procurement = goods + works + services", W("921.97"), [W("443.97"), W("156.00"), W("322.00")]))
# projects (表10)
c.append(check_sum("Σ project 总计 = 合计", W("4651.90"), [W(x) for x in ["1010.47", "432.17", "409.00", "2596.40", "166.50", "2.37", "35.00"]]))
c.append(check_sum("Σ project 一般公共预算 = 合计", W("4368.60"), [W(x) for x in ["1010.47", "432.17", "409.00", "2343.10", "136.50", "2.37", "35.00"]]))
c.append(check_sum("军休服务管理 = GPB + 单位资金", W("2596.40"), [W("2343.10"), W("253.30")]))
c.append(check_sum("革命烈士纪念及保护 = GPB + 单位资金", W("166.50"), [W("136.50"), W("30.00")]))
c.append(check_sum("GPB project total (表05) = 表10", W("4368.60"), [W("4368.60")]))
report(c)
# Expected BAD: four change_pct checks (三公 passes only by the integer rounding of 25) (percentages truncated to whole percents) -> change findings in gold.
sys.exit(0)
