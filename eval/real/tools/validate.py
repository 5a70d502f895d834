"""Validate hand-labelled gold for the real PDF corpus against the PDFs themselves.

    .venv/bin/python eval/real/tools/validate.py [eval/<set>/gold/<stem>.json ...]

For each gold file: it loads with the project's gold model (unknown fields, concepts, scopes and
repeated keys are refused); its document exists in the ``docs`` folder beside its ``gold`` folder (``eval/real/docs``,
``eval/real-holdout/docs``); every fact, project cell and
indicator score with a ``page`` is a number written on that page (as written, or converted
元→万元 / 亿元→万元; the sign of a change is the labeller's); every ``page`` is within the file.
Independent of the extractor's readers on purpose: page text comes from ``pdftotext -layout``.
Exit 1 when any file has an error.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from decimal import Decimal
from functools import cache
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(HERE.parent.parent))

from extractor.evaluate.gold import load_gold  # noqa: E402

_NUM = re.compile(r"\d+(?:\.\d+)?")


@cache
def _page_count(pdf: Path) -> int:
    if shutil.which("pdfinfo") is None:
        sys.exit("pdftotext and pdfinfo (Debian: poppler-utils) are needed to validate against the PDF")
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", out, re.M).group(1))  # type: ignore[union-attr]


@cache
def page_text(pdf: Path, page: int) -> str:
    """One page's text layer as ``pdftotext -layout -f N -l N`` gives it (1-based)."""
    args = ["pdftotext", "-layout", "-f", str(page), "-l", str(page), str(pdf), "-"]
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')


@cache
def _split_numbers(pdf: Path, page: int) -> frozenset[Decimal]:
    """Numbers some PDFs draw in overlapping pieces (``168,441`` then ``.81`` over its last digits,
    or ``109`` ``,`` ``703`` ``.00``), which ``-layout`` may put on two lines: joined from
    ``pdftotext -bbox`` word boxes, piece to piece, where each starts inside or right after the one
    before on the same baseline."""
    args = ["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-"]
    xml = subprocess.run(args, capture_output=True, text=True, check=True).stdout
    pieces = sorted(
        (round(float(y1)), float(x0), float(x1), w)
        for x0, _y0, x1, y1, w in _WORD.findall(xml)
        if re.fullmatch(r"[\d,.]+", w)
    )
    out: set[Decimal] = set()
    run, run_end, run_y = "", -1.0, None
    for y, x0, x1, w in [*pieces, (None, 0.0, 0.0, "")]:
        if y is not None and run and y == run_y and x0 <= run_end + 2:
            run, run_end = run + w, max(run_end, x1)
            continue
        digits = run.replace(",", "")
        if re.fullmatch(r"\d+(?:\.\d+)?", digits):
            out.add(Decimal(digits))
        run, run_end, run_y = w, x1, y
    return frozenset(out)


@cache
def _numbers(pdf: Path, page: int) -> frozenset[Decimal]:
    text = page_text(pdf, page)
    text = re.sub(r"(?<=\d)[,，](?=\d{3})", "", text)
    return frozenset(Decimal(m.group()) for m in _NUM.finditer(text))


def _written(value: Decimal, numbers: frozenset[Decimal]) -> bool:
    v = abs(value)
    return any(c in numbers for c in (v, v * 10000, v / 10000))


def validate(path: Path) -> list[str]:
    gold = load_gold(path)
    pdf = path.resolve().parent.parent / "docs" / gold.document
    if not pdf.exists():
        return [f"document {gold.document} is not in {pdf.parent}"]
    n_pages = _page_count(pdf)
    errors: list[str] = []

    def check(what: str, value: Decimal | None, page: int | None) -> None:
        if value is None or page is None:
            return
        if not 1 <= page <= n_pages:
            errors.append(f"{what}: page {page} is not in the file ({n_pages} pages)")
        elif value != 0 and not _written(value, _numbers(pdf, page)) and not _written(value, _split_numbers(pdf, page)):
            errors.append(f"{what}: {value} is not written on page {page}")

    for i, f in enumerate(gold.facts):
        if f.page is None:
            errors.append(f"facts[{i}] {f.concept}: no page")
        check(f"facts[{i}] {f.concept} {f.measure} {f.label or ''}", f.value, f.page)
    for p in gold.projects:
        for field in ("budget", "actual", "rate", "fiscal_budget", "fiscal_actual", "score"):
            check(f"project {p.name} {field}", getattr(p, field), p.page)
    for row in gold.indicators:
        for field in ("weight", "score"):
            check(f"indicator {row.name} {field}", getattr(row, field), row.page)
    if gold.report_kind == "other" and (gold.facts or gold.projects or gold.indicators):
        errors.append("a document of kind 'other' carries no facts, projects or indicators")
    return errors


def main(argv: list[str]) -> int:
    files = [Path(a) for a in argv] or sorted((HERE / "gold").glob("*.json"))
    bad = 0
    for path in files:
        try:
            errors = validate(path)
        except Exception as exc:  # a gold file that does not load is one error of that file
            errors = [str(exc)]
        status = "ok" if not errors else f"{len(errors)} error(s)"
        print(f"{path.name}: {status}")
        for e in errors[:60]:
            print(f"  {e}")
        bad += bool(errors)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
