"""Validate challenge gold files: JSON loads, shape, quotes present, values in quotes (元→万元 allowed)."""
import glob
import json
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
from goldlib import _value_in  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FACT_KEYS = {"concept", "measure", "period", "scope", "label", "value", "quote"}
MEASURES = {"actual", "budget", "rate", "share", "change", "change_pct", "vs_budget"}
SCOPES = {"all", "fiscal", "general_public_budget", "government_fund", "state_capital"}
bad = 0
for path in sorted(glob.glob(os.path.join(ROOT, "gold", "*.json"))):
    g = json.load(open(path, encoding="utf-8"))
    text = open(os.path.join(ROOT, "samples", g["document"]), encoding="utf-8").read()
    errs = []
    for k in ("schema", "document", "org_name", "fiscal_year", "report_kind", "facts", "projects",
              "indicators", "evaluation", "expected_findings", "notes"):
        if k not in g:
            errs.append(f"missing {k}")
    for f in g["facts"]:
        if not FACT_KEYS <= set(f):
            errs.append(f"fact keys {f}")
        if f["measure"] not in MEASURES or f["scope"] not in SCOPES or f["period"] not in ("current", "prior"):
            errs.append(f"bad enum {f}")
        if f["quote"] not in text:
            errs.append(f"quote not in text: {f['quote']}")
        elif not _value_in(f["value"], f["quote"]):
            errs.append(f"value {f['value']} not in quote {f['quote']}")
    for p in g["projects"]:
        if p["quote"] not in text:
            errs.append(f"project quote: {p['quote']}")
        for k in ("budget", "actual", "rate"):
            if p[k] is not None and not _value_in(p[k], p["quote"]):
                errs.append(f"project {k} {p[k]} not in quote")
    for i in g["indicators"]:
        if i["quote"] not in text:
            errs.append(f"indicator quote: {i['quote']}")
        for k in ("target", "actual", "note"):
            if i[k] and i[k] not in text:
                errs.append(f"indicator {k}: {i[k]}")
        # the row's cells appear in order after the name
        pos = text.find(i["name"])
        for k in ("weight", "target", "actual", "score"):
            cell = i[k] if isinstance(i[k], str) else (f"{i[k]:g}" if i[k] is not None else None)
            if cell is None:
                continue
            q = text.find(cell, pos + 1)
            if q < 0:
                errs.append(f"indicator {i['name']} {k} {cell} not after name")
            pos = q
    for e in g["expected_findings"]:
        if not {"kind", "concepts", "severity", "note", "culprit"} <= set(e):
            errs.append(f"finding keys {e}")
    n = len(text)
    if not 2000 <= n <= 8000:
        errs.append(f"length {n}")
    print(f"{os.path.basename(path)}: {len(g['facts'])} facts, {len(g['projects'])} projects, "
          f"{len(g['indicators'])} indicators, {len(g['expected_findings'])} findings, {n} chars, "
          f"{'OK' if not errs else str(len(errs)) + ' errors'}")
    for e in errs:
        print("   ", e)
    bad += len(errs)
sys.exit(1 if bad else 0)
