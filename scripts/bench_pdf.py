#!/usr/bin/env python3
"""Benchmark PDF reading: pages per CPU-second of the whole pipeline against bare text readers.

    .venv/bin/python scripts/bench_pdf.py [--repeat N] [--pages 200] [--baseline main] [--docs DIR]

Measured in this one process, on the same files and in the same run:

* ``pipeline``: ``extractor.extract`` with the rules backend (OCR off), geometry included;
* ``ingest``: ``extractor.ingest.read`` alone (pages, characters, ruling, layout);
* ``pdfplumber text``: pdfplumber's ``extract_text`` of every page, nothing else;
* ``pypdfium2 text``: pypdfium2's ``get_text_range`` of every page, nothing else;

each as pages per CPU-second (CPU time, not wall time: the machine is shared; best of
``--repeat`` passes), and the pipeline's speed as a multiple of each bare reader's. Two sets:
the real PDFs in ``--docs`` (eval/real/docs) and one ``--pages``-page PDF built at run time by
concatenating their pages (pypdfium2 ``import_pages``, in a temporary folder, not committed).
Peak memory is each reader's peak resident set (``VmHWM``) on the long PDF, in a fresh child
process, so it includes the interpreter and the reader's imports (a child that only imports
the pipeline, pdfplumber and pypdfium2 is printed for reference). ``--baseline REV`` exports
REV (``git archive``) and measures its pipeline in a child process with the same interpreter
and packages, in the same run.
Prints the command and the machine first.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from benchlib import forget_caches  # scripts/ is on sys.path: run as a script, or put there by the children

ROOT = Path(__file__).resolve().parent.parent
READERS = ("pipeline", "ingest", "pdfplumber text", "pypdfium2 text")


def _pipeline(path: Path) -> None:
    from extractor.pipeline import extract
    from extractor.settings import Settings

    extract(path, backend="rules", settings=Settings.isolated(ocr="never"))


def _ingest(path: Path) -> None:
    from extractor.ingest import read
    from extractor.settings import Settings

    read(path, Settings.isolated(ocr="never"))


def _pdfplumber_text(path: Path) -> None:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()
            page.close()


def _pypdfium2_text(path: Path) -> None:
    import pypdfium2

    pdf = pypdfium2.PdfDocument(path)
    try:
        for page in pdf:
            text = page.get_textpage()
            text.get_text_range()
            text.close()
            page.close()
    finally:
        pdf.close()


RUN: dict[str, Callable[[Path], None]] = {
    "pipeline": _pipeline,
    "ingest": _ingest,
    "pdfplumber text": _pdfplumber_text,
    "pypdfium2 text": _pypdfium2_text,
}


def cpu_seconds(reader: str, paths: list[Path], repeat: int) -> float:
    """Best-of-``repeat`` CPU seconds of one pass of ``reader`` over ``paths`` (after a warm-up)."""
    run = RUN[reader]
    run(paths[0])  # imports and first-use set-up are not the reader's speed
    best = float("inf")
    for _ in range(repeat):
        forget_caches()
        t0 = time.process_time()
        for p in paths:
            run(p)
        best = min(best, time.process_time() - t0)
    return best


def page_count(paths: list[Path]) -> int:
    import pypdfium2

    total = 0
    for p in paths:
        pdf = pypdfium2.PdfDocument(p)
        total += len(pdf)
        pdf.close()
    return total


def long_pdf(paths: list[Path], pages: int, out: Path) -> Path:
    """One ``pages``-page PDF of the given PDFs' pages, in turn, as many rounds as it takes."""
    import pypdfium2

    target = pypdfium2.PdfDocument.new()
    sources = [pypdfium2.PdfDocument(p) for p in paths]
    while len(target) < pages:
        for src in sources:
            take = min(len(src), pages - len(target))
            if take <= 0:
                break
            target.import_pages(src, list(range(take)))
    with out.open("wb") as f:
        target.save(f)
    for src in sources:
        src.close()
    target.close()
    return out


def peak_mib(reader: str, path: Path, code: Path) -> float:
    """Peak resident memory (MiB) of a fresh process that runs ``reader`` on ``path`` once: its
    ``VmHWM`` (``ru_maxrss`` would not do: Linux carries it over from the parent through exec)."""
    script = (
        f"import sys; sys.path[:0] = [{str(code)!r}, {str(ROOT / 'scripts')!r}]; "
        f"import bench_pdf; "
        + (
            "bench_pdf.RUN[sys.argv[1]](__import__('pathlib').Path(sys.argv[2])); "
            if reader != "none"
            else "import extractor.pipeline, pdfplumber, pypdfium2; "
        )
        + "print(next(ln for ln in open('/proc/self/status') if ln.startswith('VmHWM')).split()[1])"
    )
    out = subprocess.run([sys.executable, "-c", script, reader, str(path)], capture_output=True, text=True, check=True)
    return int(out.stdout.split()[-1]) / 1024


def _baseline(rev: str, sets: dict[str, list[Path]], repeat: int, long: Path | None) -> dict[str, float]:
    """The pipeline's CPU seconds per set at git revision ``rev``, measured in a child process,
    and (``memory``) its peak memory on ``long``, unless that is ``None``."""
    archive = subprocess.run(["git", "archive", rev], cwd=ROOT, capture_output=True, check=True).stdout
    with tempfile.TemporaryDirectory(prefix="bench-baseline-") as tmp:
        subprocess.run(["tar", "-x", "-C", tmp], input=archive, check=True)
        code = (
            f"import sys, json; sys.path[:0] = [{tmp!r}, {str(ROOT / 'scripts')!r}]; import bench_pdf; "
            f"sets = json.loads(sys.argv[1]); "
            f"print(json.dumps({{k: bench_pdf.cpu_seconds('pipeline', [__import__('pathlib').Path(p) for p in v], "
            f"{repeat}) for k, v in sets.items()}}))"
        )
        out = subprocess.run(
            [sys.executable, "-c", code, json.dumps({k: [str(p) for p in v] for k, v in sets.items()})],
            capture_output=True,
            text=True,
            check=True,
            env={"PYTHONPATH": tmp, "PATH": "/usr/bin:/bin"},
        )
        result: dict[str, float] = json.loads(out.stdout.splitlines()[-1])
        if long is not None:
            result["memory"] = peak_mib("pipeline", long, Path(tmp))
    return result


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=1, help="passes per measurement (the best is kept)")
    ap.add_argument("--pages", type=int, default=200, help="pages of the concatenated PDF")
    ap.add_argument("--docs", type=Path, default=ROOT / "eval" / "real" / "docs", help="folder of PDFs")
    ap.add_argument("--baseline", metavar="REV", help="also measure this git revision's pipeline")
    ap.add_argument("--no-memory", action="store_true", help="skip the peak-memory children")
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "scripts"))
    from benchlib import header

    header()
    docs = sorted(args.docs.glob("*.pdf"))
    with tempfile.TemporaryDirectory(prefix="bench-pdf-") as tmp:
        sets = {
            f"{args.docs.name} ({len(docs)} PDFs)": docs,
            f"{args.pages}-page PDF": [long_pdf(docs, args.pages, Path(tmp) / "long.pdf")],
        }
        pages = {name: page_count(paths) for name, paths in sets.items()}
        secs = {name: {r: cpu_seconds(r, paths, args.repeat) for r in READERS} for name, paths in sets.items()}
        long = sets[f"{args.pages}-page PDF"][0]
        base = _baseline(args.baseline, sets, args.repeat, None if args.no_memory else long) if args.baseline else None
        memory = {} if args.no_memory else {r: peak_mib(r, long, ROOT) for r in ("none", *READERS)}
        if base and "memory" in base:
            memory[f"pipeline @{args.baseline}"] = base["memory"]
    for name in sets:
        print(f"\n{name}: {pages[name]} pages")
        print(f"  {'reader':18} {'pages/CPU-s':>12} {'pipeline is':>14}")
        rows = [(r, secs[name][r]) for r in READERS]
        if base:
            rows.append((f"pipeline @{args.baseline}", base[name]))
        for reader, s in rows:
            print(f"  {reader:18} {pages[name] / s:12.1f} {s / secs[name]['pipeline']:13.2f}x")
    if memory:
        print(f"\npeak resident memory, {args.pages}-page PDF, fresh process each:")
        for reader, mib in memory.items():
            print(f"  {'(imports alone)' if reader == 'none' else reader:18} {mib:8.0f} MiB")


if __name__ == "__main__":
    main()
