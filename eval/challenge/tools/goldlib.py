"""Small helpers to write challenge gold files (cn-budget-report/1) and check quotes."""
import json
import os
import re
import unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def yuan(x):
    """元 -> 万元 (exact decimal shift, no rounding beyond float noise)."""
    return round(x / 10000, 8)


def F(concept, value, quote, measure="actual", scope="all", label=None, period="current",
      optional=False, alternatives=None):
    f = {"concept": concept, "measure": measure, "period": period, "scope": scope,
         "label": label, "value": value, "quote": quote}
    if optional:
        f["optional"] = True
    if alternatives:
        f["alternatives"] = alternatives
    return f


def P(name, budget, actual, rate, quote, fiscal_budget=None, fiscal_actual=None, score=None):
    return {"name": name, "budget": budget, "actual": actual, "rate": rate,
            "fiscal_budget": fiscal_budget, "fiscal_actual": fiscal_actual, "score": score,
            "quote": quote}


def I(level1, level2, name, weight, target, actual, score, note=None, quote=None):
    return {"level1": level1, "level2": level2, "name": name, "weight": weight,
            "target": target, "actual": actual, "score": score, "note": note or None,
            "quote": quote or name}


def _nums(s):
    s = unicodedata.normalize("NFKC", s).replace(",", "")
    return [float(m) for m in re.findall(r"\d+(?:\.\d+)?", s)]


def _value_in(value, quote):
    if value is None:
        return True
    nums = _nums(quote)
    v = abs(value)
    for n in nums:
        for k in (1, 10000):  # 万元 as written, or 元 converted to 万元
            if abs(n / k - v) < 1e-6:
                return True
    if v == 0 and "持平" in quote:
        return True
    return False


def write(doc, gold):
    text = open(os.path.join(ROOT, "samples", doc), encoding="utf-8").read()
    gold = {"schema": "cn-budget-report/1", "document": doc, **gold}
    errs = []
    for f in gold["facts"]:
        if f["quote"] not in text:
            errs.append(("quote missing", f))
        elif not _value_in(f["value"], f["quote"]):
            errs.append(("value not in quote", f))
    for p in gold["projects"]:
        if p["quote"] not in text:
            errs.append(("project quote missing", p))
        for k in ("budget", "actual", "rate"):
            if p[k] is not None and not _value_in(p[k], p["quote"]):
                errs.append((f"project {k} not in quote", p))
    for i in gold["indicators"]:
        if i["quote"] not in text:
            errs.append(("indicator quote missing", i))
        for k in ("target", "actual", "note"):
            if i[k] and i[k] not in text:
                errs.append((f"indicator {k} not in text", i))
    keys = [(f["concept"], f["measure"], f["period"], f["scope"], f["label"]) for f in gold["facts"]]
    dup = {k for k in keys if keys.count(k) > 1}
    if dup:
        errs.append(("duplicate keys", sorted(map(str, dup))))
    out = os.path.join(ROOT, "gold", doc.replace(".txt", ".json"))
    with open(out, "w", encoding="utf-8") as fh:
        fh.write(dumps(gold))
    json.load(open(out, encoding="utf-8"))
    print(f"{doc}: {len(gold['facts'])} facts, {len(gold['projects'])} projects, "
          f"{len(gold['indicators'])} indicators, {len(gold['expected_findings'])} findings, "
          f"{len(text)} chars")
    for e in errs:
        print("  ERROR", e)
    return not errs


def dumps(gold):
    """One fact/project/indicator per line, like the hand-written gold files."""
    lines = ["{"]
    items = list(gold.items())
    for i, (k, v) in enumerate(items):
        comma = "," if i < len(items) - 1 else ""
        if isinstance(v, list) and k in ("facts", "projects", "indicators", "expected_findings", "notes"):
            if not v:
                lines.append(f'  "{k}": []{comma}')
                continue
            lines.append(f'  "{k}": [')
            for j, e in enumerate(v):
                c = "," if j < len(v) - 1 else ""
                lines.append("    " + json.dumps(e, ensure_ascii=False) + c)
            lines.append(f"  ]{comma}")
        else:
            lines.append(f'  "{k}": {json.dumps(v, ensure_ascii=False)}{comma}')
    lines.append("}")
    return "\n".join(lines) + "\n"
