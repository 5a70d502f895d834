"""Validate the held-out gold files against their texts.

Checks: JSON loads; schema/document fields; every quote is an exact substring of the
report text; every numeric value appears in its quote as written (allowing 元→万元 and
亿元→万元 conversion and the sign of change/vs_budget measures); indicator strings
(name, target, actual, note) appear in the quote; project score/evaluation score appear
somewhere in the text. Run: python3 eval/heldout/validate.py
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
NUM = re.compile(r"\d[\d,]*(?:\.\d+)?")


def numbers(s: str) -> list[float]:
    return [float(m.group().replace(",", "")) for m in NUM.finditer(s)]


def value_in(v: float, s: str) -> bool:
    a = abs(float(v))
    for n in numbers(s):
        for cand in (n, n * 10000, n / 10000):  # as written, 亿元→万元, 元→万元
            if abs(cand - a) < 1e-6:
                return True
    return False


def main() -> int:
    errors = 0
    files = sorted((HERE / "gold").glob("*.json"))
    for gp in files:
        g = json.loads(gp.read_text(encoding="utf-8"))
        text = (HERE / "samples" / g["document"]).read_text(encoding="utf-8")
        errs: list[str] = []
        if g.get("schema") != "cn-budget-report/1":
            errs.append("schema")
        for k in ("org_name", "fiscal_year", "report_kind", "evaluation"):
            if k not in g:
                errs.append(f"missing {k}")
        if g["org_name"] not in text:
            errs.append("org_name not in text")
        if str(g["fiscal_year"]) not in text:
            errs.append("fiscal_year not in text")
        keys = {}
        for f in g["facts"]:
            q = f["quote"]
            if q not in text:
                errs.append(f"fact quote not in text: {q!r}")
            if not value_in(f["value"], q):
                errs.append(f"fact value {f['value']} not in quote {q!r}")
            if f["measure"] in ("change", "vs_budget", "change_pct") and f["value"] < 0:
                if not re.search(r"减少|下降|节约|降低|减", q):
                    errs.append(f"negative {f['measure']} without a decrease word: {q!r}")
            key = (f["concept"], f["measure"], f["period"], f["scope"], f["label"])
            if key in keys and keys[key] != f["value"]:
                errs.append(f"two values for one key {key}: {keys[key]} / {f['value']}")
            keys[key] = f["value"]
        for p in g["projects"]:
            q = p["quote"]
            if q not in text:
                errs.append(f"project quote not in text: {q!r}")
            if p["name"] not in text:
                errs.append(f"project name not in text: {p['name']}")
            for fld in ("budget", "actual", "rate", "fiscal_budget", "fiscal_actual"):
                if p.get(fld) is not None and not value_in(p[fld], q):
                    errs.append(f"project {fld} {p[fld]} not in quote")
            if p.get("score") is not None and not value_in(p["score"], text):
                errs.append(f"project score {p['score']} not in text")
        for i in g["indicators"]:
            q = i["quote"]
            if q not in text:
                errs.append(f"indicator quote not in text: {q!r}")
            for fld in ("name", "target", "actual", "note"):
                if i.get(fld) is not None and i[fld] not in q:
                    errs.append(f"indicator {fld} {i[fld]!r} not in quote")
            for fld in ("weight", "score"):
                if i.get(fld) is not None and not value_in(i[fld], q):
                    errs.append(f"indicator {fld} {i[fld]} not in quote {q!r}")
            for fld in ("level1", "level2"):
                if i.get(fld) is not None and i[fld] not in text:
                    errs.append(f"indicator {fld} {i[fld]!r} not in text")
        ev = g["evaluation"]
        if ev.get("score") is not None and not value_in(ev["score"], text):
            errs.append("evaluation score not in text")
        if ev.get("grade") is not None and ev["grade"] not in text:
            errs.append("evaluation grade not in text")
        for ef in g["expected_findings"]:
            for k in ("kind", "concepts", "severity", "note", "culprit"):
                if k not in ef:
                    errs.append(f"expected finding missing {k}")
        n = len(text)
        if not 2000 <= n <= 7000:
            errs.append(f"text length {n} outside 2000-7000")
        print(f"{gp.name}: {n} chars, {len(g['facts'])} facts "
              f"({sum(1 for f in g['facts'] if f.get('optional'))} optional), "
              f"{len(g['projects'])} projects, {len(g['indicators'])} indicators, "
              f"{len(g['expected_findings'])} expected findings -> "
              f"{'OK' if not errs else str(len(errs)) + ' ERRORS'}")
        for e in errs:
            print("   ", e)
        errors += len(errs)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
