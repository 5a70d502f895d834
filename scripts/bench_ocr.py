#!/usr/bin/env python3
"""Benchmark OCR on scanned twins of real-corpus pages: CPU-s and wall-s per page, peak
memory, and whether every number of the page came out right.

    .venv/bin/python scripts/bench_ocr.py [--pages FILE:N ...] [--degraded] [--workers N]

Each page (0-based ``N`` of a PDF in ``eval/real/docs``) is rendered at 200 dpi grayscale
(timed: render), degraded like a copier's scan with ``--degraded`` (``scripts/make_scans.py``:
rotation 0.3–1.2°, noise, blur, JPEG; not timed), then read by the OCR path exactly as a
scanned page is (timed: deskew, ruling, the engine, layout). The numbers OCR wrote are
compared with the numbers the page's text layer writes (pdfplumber): ``missed`` are in the
text layer but not in the OCR text, ``wrong`` in the OCR text but not the text layer (a
multiset difference; a figure a text layer splits over two lines counts against OCR too).
With ``--workers N`` the pages are also read by N worker processes at once, one engine
thread each, and the wall time per page of that run is printed. Numbers are compared
unsigned: a page number printed ``- 13 -`` is ``13`` in a text layer and ``-13`` in OCR text.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from benchlib import header  # noqa: E402

DOCS = ROOT / "eval" / "real" / "docs"
DEFAULT_PAGES = [
    "wuxi-2.pdf:3",
    "wuxi-2.pdf:13",
    "wuxi-2.pdf:16",
    "wuxi-2.pdf:25",
    "huzhou-2.pdf:6",
    "huzhou-2.pdf:22",
    "huzhou-2.pdf:31",
    "changchun-1.pdf:7",
    "changchun-1.pdf:10",
    "changchun-1.pdf:17",
    "suzhou-1.pdf:15",
    "suzhou-1.pdf:24",
]


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _truth(path: Path, index: int) -> Counter[str]:
    import pdfplumber

    from extractor.numbers import find_numbers

    with pdfplumber.open(path) as pdf:
        text = pdf.pages[index].extract_text() or ""
    return Counter(n.text.replace(",", "").lstrip("+-") for n in find_numbers(text.replace("，", ",")))


def _image(path: Path, index: int, degraded: bool, seed: int):
    import numpy as np
    import pypdfium2
    from make_scans import degrade

    from extractor.ingest.ocr import raster

    pdf = pypdfium2.PdfDocument(path)
    try:
        t0 = time.process_time()
        gray = raster.render_pdf_page(pdf[index])
        render = time.process_time() - t0
    finally:
        pdf.close()
    if degraded:
        gray = degrade(gray, np.random.default_rng(seed))
    return gray, render


def _read(gray, number: int) -> tuple[str, float, float]:
    """OCR one page image as the reader does; (normalised text, CPU-s, wall-s)."""
    from extractor.document import TextBuilder
    from extractor.ingest.ocr import Scans, ocr_image, raster

    c0, w0 = time.process_time(), time.perf_counter()
    page = ocr_image(gray, number, raster.DPI)
    builder = TextBuilder()
    builder.start_page(number)
    Scans().write(page, builder)
    text = builder.build("bench").text
    return text, time.process_time() - c0, time.perf_counter() - w0


def _numbers(text: str) -> Counter[str]:
    from extractor.numbers import find_numbers

    return Counter(n.text.replace(",", "").lstrip("+-") for n in find_numbers(text))


def _worker(job: tuple[str, int, bool, int]) -> tuple[float, float]:
    path, index, degraded, seed = job
    gray, _ = _image(Path(path), index, degraded, seed)
    _, cpu, wall = _read(gray, index + 1)
    return cpu, wall


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", nargs="+", default=DEFAULT_PAGES, help="FILE:N (0-based) in eval/real/docs")
    ap.add_argument("--degraded", action="store_true", help="copier-like degradation (make_scans.degrade)")
    ap.add_argument("--workers", type=int, default=0, help="also read the pages in N processes at once")
    args = ap.parse_args()
    os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")
    header()
    from extractor.ingest.ocr import engine as engine_module

    base = _rss_mb()
    t0 = time.process_time()
    engine_module.engine()
    print(f"engine load: {time.process_time() - t0:.2f} CPU-s, +{_rss_mb() - base:.0f} MB")
    print(f"scans: {'degraded (rotation 0.3-1.2°, noise, blur, JPEG)' if args.degraded else 'clean'}, 200 dpi")
    print(f"{'page':22} {'render':>7} {'cpu-s':>7} {'wall-s':>7} {'numbers':>8} {'missed':>7} {'wrong':>6}  details")
    jobs = []
    tot = Counter[str]()
    cpus: list[float] = []
    walls: list[float] = []
    for seed, spec in enumerate(args.pages):
        name, n = spec.rsplit(":", 1)
        path, index = DOCS / name, int(n)
        jobs.append((str(path), index, args.degraded, seed))
        gray, render = _image(path, index, args.degraded, seed)
        text, cpu, wall = _read(gray, index + 1)
        truth, got = _truth(path, index), _numbers(text)
        missed, wrong = truth - got, got - truth
        cpus.append(cpu)
        walls.append(wall)
        tot.update(numbers=sum(truth.values()), missed=sum(missed.values()), wrong=sum(wrong.values()))
        detail = ""
        if missed or wrong:
            detail = f"missed {dict(missed)} wrong {dict(wrong)}"[:160]
        print(
            f"{spec:22} {render:7.2f} {cpu:7.2f} {wall:7.2f} {sum(truth.values()):8} {sum(missed.values()):7} "
            f"{sum(wrong.values()):6}  {detail}",
            flush=True,
        )
    n = len(cpus)
    print(
        f"{'mean per page':22} {'':7} {sum(cpus) / n:7.2f} {sum(walls) / n:7.2f} {tot['numbers']:8} "
        f"{tot['missed']:7} {tot['wrong']:6}"
    )
    print(f"max CPU-s on a page: {max(cpus):.2f}; peak memory (this process): {_rss_mb():.0f} MB")
    if args.workers > 1:
        from concurrent.futures import ProcessPoolExecutor

        w0 = time.perf_counter()
        with ProcessPoolExecutor(max_workers=args.workers) as pool:
            times = list(pool.map(_worker, jobs))
        wall = time.perf_counter() - w0
        print(
            f"{args.workers} workers: {wall / n:.2f} wall-s per page over {n} pages "
            f"(engine load included), {sum(c for c, _ in times) / n:.2f} CPU-s per page"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
