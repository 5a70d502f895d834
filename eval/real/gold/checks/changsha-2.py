"""Arithmetic relations stated by changsha-2.pdf (长沙市信访局 2026年部门预算)."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "..", "gold", "checks"))

from arith import W, check_change, check_ratio, check_sum, report  # noqa: E402

z = W("0.00")
checks = [
    # income total = Σ parts (prose p5-6; 收支总表 p12)
    check_sum("income.total 1935.36 = gpb 1935.36 + 专户 + 经营 + 上级补助 + 其他 + 事业",
              W("1935.36"), [W("1935.36"), z, z, z, z, z]),
    check_sum("income.total@fiscal 1935.36 = gpb 1935.36 (+ fund, state capital empty)",
              W("1935.36"), [W("1935.36")]),
    # expenditure total = Σ classes = basic + project
    check_sum("expenditure.total 1935.36 = Σ classes (201)", W("1935.36"), [W("1935.36")]),
    check_sum("expenditure.total 1935.36 = basic 1517.95 + project 417.41", W("1935.36"),
              [W("1517.95"), W("417.41")]),
    check_sum("class 201 1935.36 = 款 20140 1935.36", W("1935.36"), [W("1935.36")]),
    check_sum("款 20140 1935.36 = 2014001 1517.95 + 2014004 417.41", W("1935.36"),
              [W("1517.95"), W("417.41")]),
    check_sum("expenditure.total@gpb 1935.36 = basic 1517.95 + project 417.41", W("1935.36"),
              [W("1517.95"), W("417.41")]),
    # basic = personnel + public; economic classes
    check_sum("basic@gpb 1517.95 = personnel 1394.97 + public 122.98", W("1517.95"),
              [W("1394.97"), W("122.98")]),
    check_sum("basic@gpb 1517.95 = 301 + 302 + 303", W("1517.95"),
              [W("1212.01"), W("171.78"), W("134.16")]),
    check_sum("301 1212.01 = Σ 款", W("1212.01"),
              [W(x) for x in ["225.08", "167.48", "334.66", "27.46", "95.50", "62.75", "33.61",
                              "38.36", "2.32", "89.70", "7.10", "127.99"]]),
    check_sum("302 171.78 = Σ 款", W("171.78"),
              [W(x) for x in ["33.00", "14.00", "4.00", "2.14", "3.00", "17.10", "5.00", "33.60", "59.94"]]),
    check_sum("303 134.16 = Σ 款", W("134.16"),
              [W(x) for x in ["95.42", "9.53", "19.86", "0.05", "9.30"]]),
    check_sum("personnel 1394.97 = 301 + 302 人员类 48.80 + 303", W("1394.97"),
              [W("1212.01"), W("48.80"), W("134.16")]),
    check_sum("302 人员类 48.80 = 10.92 + 32.76 + 5.12", W("48.80"), [W("10.92"), W("32.76"), W("5.12")]),
    check_sum("public 122.98 = 302 公用经费 column", W("122.98"),
              [W(x) for x in ["33.00", "14.00", "4.00", "2.14", "3.00", "6.18", "5.00", "0.84", "54.82"]]),
    check_sum("302 171.78 = 人员类 48.80 + 公用 122.98", W("171.78"), [W("48.80"), W("122.98")]),
    check_sum("agency_operating_cost 122.98 = public 122.98", W("122.98"), [W("122.98")]),
    # 三公
    check_sum("three_public.total 8.00 = overseas 0 + reception 3.00 + vehicles 5.00", W("8.00"),
              [z, W("3.00"), W("5.00")]),
    check_sum("vehicles 5.00 = purchase 0 + operation 5.00", W("5.00"), [z, W("5.00")]),
    check_sum("三公 reception 3.00 = 30217 3.00", W("3.00"), [W("3.00")]),
    check_sum("三公 vehicle operation 5.00 = 30231 5.00", W("5.00"), [W("5.00")]),
    # procurement
    check_sum("procurement 43.9 = goods 25.4 + works 0 + services 18.5", W("43.9"),
              [W("25.4"), W("0"), W("18.5")]),
    # changes
    check_change("income change_pct 2.88 from +54.13 on 1935.36", W("2.88"), W("54.13"), W("1935.36")),
    check_change("expenditure change_pct 2.88 from +54.13 on 1935.36", W("2.88"), W("54.13"), W("1935.36")),
    check_change("agency_operating_cost change_pct 6.22 from +7.20 on 122.98", W("6.22"), W("7.20"), W("122.98")),
    # prose share
    check_ratio("一般公共服务支出 share 100.00 of gpb", W("100.00"), W("1935.36"), W("1935.36")),
    # projects in 绩效目标表 vs 项目支出 (note: 已剔除涉密部分)
    check_sum("项目支出 417.41 = Σ listed projects (涉密 removed)", W("417.41"),
              [W("35.78"), W("10.22"), W("102.80"), W("138.11")]),
]

report(checks)
sys.exit(0)
