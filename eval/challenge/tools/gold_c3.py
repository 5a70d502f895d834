from goldlib import F, write, yuan as Y

GPB, GF, FIS = "general_public_budget", "government_fund", "fiscal"
facts = [
    F("org.internal_units", 7, "本部门内设股室7个"),
    F("org.subordinate_units", 2, "下属事业单位2个"),
    F("staff.authorized", 46, "本部门编制人数46人"),
    F("staff.in_service", 43, "年末在职人员43人"),
    F("staff.administrative", 17, "其中行政人员17人"),
    F("staff.institutional", 26, "事业人员26人"),
    F("staff.retired", 9, "离退休人员9人"),
    # 二 收入
    F("income.total", Y(18462305.74), "本年收入合计18,462,305.74元"),
    F("income.total", -Y(956214.30), "比上年减少956,214.30元", measure="change"),
    F("income.total", -5.18, "比上年减少956,214.30元，下降5.18%", measure="change_pct"),
    F("income.total", Y(17850125.74), "其中：财政拨款收入17,850,125.74元", scope=FIS),
    F("income.other", Y(621180.00), "其他收入621,180.00元"),
    F("carryover.opening", Y(1245600.00), "年初结转和结余1,245,600.00元"),
    # 三 支出
    F("expenditure.total", Y(18105662.38), "本年支出合计18,105,662.38元"),
    F("expenditure.total", Y(19236480.15), "比2019年度的19,236,480.15元", period="prior"),
    F("expenditure.total", -Y(1130817.77), "比2019年度的19,236,480.15元减少1,130,817.77元", measure="change"),
    F("expenditure.total", -5.88, "减少1,130,817.77元，下降5.88%", measure="change_pct"),
    F("expenditure.basic", Y(6284517.26), "基本支出6,284,517.26元"),
    F("expenditure.basic", 34.71, "基本支出6,284,517.26元，占34.71%", measure="share"),
    F("expenditure.project", Y(11821145.12), "项目支出11,821,145.12元"),
    F("expenditure.project", 65.29, "项目支出11,821,145.12元，占65.29%", measure="share"),
    F("carryover.closing", Y(1602243.36), "年末结转和结余1,602,243.36元"),
    # 四 财政拨款
    F("income.total", Y(16650125.74), "一般公共预算财政拨款收入16,650,125.74元", scope=GPB),
    F("income.total", Y(1200000.00), "政府性基金预算财政拨款收入1,200,000.00元", scope=GF),
    F("expenditure.total", Y(17493482.38), "财政拨款支出17,493,482.38元", scope=FIS),
    # 五 一般公共预算
    F("expenditure.total", Y(16293482.38), "2020年度一般公共预算财政拨款支出16,293,482.38元", scope=GPB),
    F("expenditure.total", 89.99, "占本年支出合计的89.99%", measure="share", scope=GPB),
    F("expenditure.total", -Y(842517.62), "比2019年度减少842,517.62元", measure="change", scope=GPB),
    F("expenditure.total", -4.92, "减少842,517.62元，下降4.92%", measure="change_pct", scope=GPB),
    F("expenditure.basic", Y(6012346.58), "其中基本支出6,012,346.58元", scope=GPB),
    F("expenditure.project", Y(10281135.80), "项目支出10,281,135.80元", scope=GPB),
    F("expenditure.function", Y(15012306.52), "农林水支出15,012,306.52元", scope=GPB, label="农林水支出"),
    F("expenditure.function", 92.14, "农林水支出15,012,306.52元，占92.14%", measure="share", scope=GPB, label="农林水支出"),
    F("expenditure.function", Y(812430.16), "社会保障和就业支出812,430.16元", scope=GPB, label="社会保障和就业支出"),
    F("expenditure.function", 4.99, "社会保障和就业支出812,430.16元，占4.99%", measure="share", scope=GPB, label="社会保障和就业支出"),
    F("expenditure.function", Y(213560.70), "卫生健康支出213,560.70元", scope=GPB, label="卫生健康支出"),
    F("expenditure.function", 1.31, "卫生健康支出213,560.70元，占1.31%", measure="share", scope=GPB, label="卫生健康支出"),
    F("expenditure.function", Y(255185.00), "住房保障支出255,185.00元", scope=GPB, label="住房保障支出"),
    F("expenditure.function", 1.57, "住房保障支出255,185.00元，占1.57%", measure="share", scope=GPB, label="住房保障支出"),
    F("expenditure.total", Y(15680000.00), "支出年初预算为15,680,000.00元", measure="budget", scope=GPB),
    F("expenditure.total", 103.91, "支出决算为16,293,482.38元，完成年初预算的103.91%", measure="rate", scope=GPB),
]
items = [
    ("行政运行", 2836000.00, "2,836,000.00", 2915846.27, "2,915,846.27", "102.82"),
    ("事业运行", 1180000.00, "1,180,000.00", 1204330.50, "1,204,330.50", "102.06"),
    ("病虫害控制", 900000.00, "900,000.00", 865000.00, "865,000.00", "96.11"),
    ("农产品质量安全", 450000.00, "450,000.00", 412680.00, "412,680.00", "91.71"),
    ("农业生产发展", 5600000.00, "5,600,000.00", 6238449.75, "6,238,449.75", "111.40"),
    ("农田建设", 3450000.00, "3,450,000.00", 3376000.00, "3,376,000.00", "97.86"),
    ("机关事业单位基本养老保险缴费支出", 780000.00, "780,000.00", 812430.16, "812,430.16", "104.16"),
    ("行政单位医疗", 220000.00, "220,000.00", 213560.70, "213,560.70", "97.07"),
    ("住房公积金", 264000.00, "264,000.00", 255185.00, "255,185.00", "96.66"),
]
for name, b, bs, a, as_, r in items:
    facts.append(F("expenditure.function_item", Y(b), f"{name}”（项）年初预算{bs}元", measure="budget", scope=GPB, label=name))
    facts.append(F("expenditure.function_item", Y(a), f"年初预算{bs}元，决算数{as_}元", scope=GPB, label=name))
    facts.append(F("expenditure.function_item", float(r), f"决算数{as_}元，完成年初预算的{r}%", measure="rate", scope=GPB, label=name))
facts += [
    # 六
    F("expenditure.personnel", Y(5236780.12), "人员经费5,236,780.12元", scope=GPB),
    F("expenditure.public", Y(775566.46), "公用经费775,566.46元", scope=GPB),
    # 七
    F("expenditure.total", Y(1200000.00), "政府性基金预算财政拨款支出1,200,000.00元", scope=GF),
    F("expenditure.total", 0, "政府性基金预算财政拨款支出1,200,000.00元，与上年持平", measure="change", scope=GF),
    # 八 三公 (full-width digits)
    F("three_public.total", Y(126350.00), "“三公”经费财政拨款支出决算为１２６，３５０．００元"),
    F("three_public.total", -Y(23650.00), "比年初预算减少２３，６５０．００元", measure="vs_budget"),
    F("three_public.total", -Y(18420.00), "较2019年度减少18,420.00元", measure="change"),
    F("three_public.total", -12.72, "较2019年度减少18,420.00元，下降12.72%", measure="change_pct"),
    F("three_public.overseas", 0, "因公出国（境）费0元"),
    F("three_public.overseas", 0, "因公出国（境）费0元，与上年持平", measure="change"),
    F("three_public.vehicles", Y(98600.00), "公务用车购置及运行维护费98,600.00元"),
    F("three_public.vehicles_purchase", 0, "公务用车购置费0元"),
    F("three_public.vehicles_operation", Y(98600.00), "公务用车运行维护费98,600.00元"),
    F("three_public.reception", Y(27750.00), "公务接待费27,750.00元"),
    # 九 机关运行经费
    F("agency_operating_cost", Y(650000.00), "机关运行经费年初预算650,000.00元", measure="budget"),
    F("agency_operating_cost", Y(612408.30), "支出612,408.30元"),
    F("agency_operating_cost", -Y(37591.70), "较年初预算减少37,591.70元", measure="vs_budget"),
    # 十 政府采购
    F("procurement.total", Y(2386540.00), "政府采购支出总额2,386,540.00元"),
    F("procurement.goods", Y(1026540.00), "政府采购货物支出1,026,540.00元"),
    F("procurement.works", 0, "政府采购工程支出0元"),
    F("procurement.services", Y(1360000.00), "政府采购服务支出1,360,000.00元"),
    F("procurement.sme", Y(2386540.00), "授予中小企业合同金额2,386,540.00元"),
    F("procurement.sme", 100, "占政府采购支出总额的100%", measure="share"),
    F("procurement.small_micro", Y(1850200.00), "授予小微企业合同金额1,850,200.00元"),
    F("procurement.small_micro", 77.53, "占授予中小企业合同金额的77.53%", measure="share"),
    # 十一
    F("assets.total", Y(36524819.47), "本部门资产总额36,524,819.47元"),
    F("vehicles.count", 4, "共有车辆4辆"),
]

gold = {
    "org_name": "玉河区农业农村局",
    "fiscal_year": 2020,
    "report_kind": "department_final_accounts",
    "facts": facts,
    "projects": [],
    "indicators": [],
    "evaluation": {"score": None, "grade": None},
    "expected_findings": [
        {"kind": "conflict", "concepts": ["expenditure.basic@general_public_budget"], "severity": "material",
         "note": "一般公共预算财政拨款基本支出 stated 6,012,346.58元 (五(一)) = 601.234658万元 and '6,012,346.58万元' (六, unit slip ×10000); 人员经费5,236,780.12元 + 公用经费775,566.46元 = 6,012,346.58元 and 16,293,482.38 - 10,281,135.80 = 6,012,346.58元",
         "culprit": "expenditure.basic@general_public_budget 6012346.58万元 in 六 (unit should be 元: 601.234658万元)"},
        {"kind": "change", "concepts": ["income.total"], "severity": "material",
         "note": "收入 change_pct: 956,214.30/(18,462,305.74+956,214.30)=4.92% but stated 5.18% (= 956,214.30/18,462,305.74, divided by the current year instead of the prior year)",
         "culprit": "income.total change_pct -5.18 (should be -4.92)"},
        {"kind": "sum", "concepts": ["income.total", "income.total@fiscal", "income.other"], "severity": "material",
         "note": "财政拨款收入17,850,125.74 + 其他收入621,180.00 = 18,471,305.74元 but 本年收入合计 stated 18,462,305.74元 (diff 9,000.00元 = 0.9万元); total supported by 收入总计 19,707,905.74 = 18,462,305.74 + 1,245,600.00 and closing 1,602,243.36 = 1,245,600.00 + 18,462,305.74 - 18,105,662.38; 财政拨款收入 stated twice consistently",
         "culprit": "income.other 621,180.00元 (should be 612,180.00元, digits transposed)"},
    ],
    "notes": [
        "Synthetic challenge report (fictional district in 广西); amounts in 元 with thousands separators, converted to 万元 (÷10000, unrounded). Numbers checked with checks/c3_yuhe_agriculture_2020.py.",
        "收入总计/支出总计 19,707,905.74 and '收、支总计各减少1,012,330.55元，下降4.89%' include carry-over: not catalogue facts.",
        "Scopes by section: 二/三 → all; 四 → fiscal / general_public_budget / government_fund as worded; 五/六 → general_public_budget; 七 → government_fund.",
        "Function classes written without （类） markers; items written as “类—款—项”（项）: label = the last segment (项 name).",
        "Decreases are signed: income change -95.621430 / -5.18, expenditure change -113.081777 / -5.88, gpb change -84.251762 / -4.92, 三公 change -1.842 / -12.72, vs_budget -2.365 (三公) and -3.759170 (机关运行经费).",
        "'比2019年度的19,236,480.15元' → expenditure.total period prior 1923.648015.",
        "八 first sentence is in full-width digits (１２６，３５０．００元 = 12.635万元); '下降１５．７７％' and '下降5.78%' are percentages against the budget (23,650/150,000; 37,591.70/650,000): no catalogue measure → not facts. The 三公 budget (150,000) is implied, not stated → no budget fact.",
        "'与上年持平' → change 0 for 政府性基金预算财政拨款支出 (non-zero amount) and 因公出国（境）费.",
        "Function shares 92.14+4.99+1.31+1.57 = 100.01: rounding only, not listed.",
        "十二 '32个项目…平均得分91.6分' is an average of project self-evaluations, not a department evaluation → evaluation.score null; 32个, 12.6万亩, 1.35万亩, 100%免疫密度, 1,150人次, 86户, 21批次186人次 are not facts.",
        "vehicles.count 4 from 共有车辆4辆 (= 2 特种专业技术用车 + 2 其他用车).",
    ],
}
write("c3_yuhe_agriculture_2020.txt", gold)
