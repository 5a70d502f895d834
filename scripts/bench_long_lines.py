#!/usr/bin/env python3
"""Time and peak memory over growing one-line inputs: is the offline path linear in length?

    .venv/bin/python scripts/bench_long_lines.py [--max-mb 5.4] [--shape sentences|clauses|both]

The bundled samples are flattened into one line (all whitespace removed) and repeated up
to each size, from 26 kB to ``--max-mb`` (UTF-8 bytes), in two shapes: ``sentences`` keeps
the sentence ends (。；), ``clauses`` turns them into commas, so the whole input is one
sentence. Each size runs in a fresh process (so its peak memory is its own): the whole
pipeline on the file (read → rules → ground → reconcile), then the rules backend and the
chunker alone on the read document. Printed: the command, the machine, each stage's CPU
seconds (the work is single-threaded; CPU time is steadier than wall time on a shared
machine, which is printed for the whole pipeline too), the peak resident memory and its
growth over the interpreter's, and the ratios to the previous size — a linear stage's ratio
follows the size ratio (2.0 per doubling); a quadratic one's goes to 4.
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from benchlib import header  # noqa: E402

START_BYTES = 26_000


def one_line(size: int, shape: str) -> str:
    """The samples as one line of about ``size`` UTF-8 bytes."""
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "eval" / "samples").glob("*.txt"))]
    line = "".join(re.sub(r"\s+", "", t) for t in texts)
    if shape == "clauses":
        line = re.sub(r"[。；;!?！？]", "，", line)
    unit = line.encode("utf-8")
    data = (unit * (size // len(unit) + 1))[:size]
    return data.decode("utf-8", errors="ignore")


def measure(size: int, shape: str) -> dict[str, float]:
    """One size in this process: seconds per stage and the peak resident memory."""
    from extractor.backends.rules import RulesBackend
    from extractor.chunk import chunk_document
    from extractor.ingest import read
    from extractor.pipeline import extract
    from extractor.settings import Settings

    settings = Settings.isolated(max_file_mb=max(50.0, size / 1e6 * 2))
    backend = RulesBackend(settings)
    extract(
        one_line(START_BYTES, shape).encode("utf-8"), filename="warm-up.txt", backend=backend, settings=settings
    )  # lazy imports and first-call costs stay out of the timings
    base_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "long.txt"
        text = one_line(size, shape)
        path.write_text(text, encoding="utf-8")
        w0, t0 = time.perf_counter(), time.process_time()
        result = extract(path, backend=backend, settings=settings)
        wall_s, pipeline_s = time.perf_counter() - w0, time.process_time() - t0
        t0 = time.process_time()
        doc = read(path, settings)
        read_s = time.process_time() - t0
    t0 = time.process_time()
    backend.extract(doc)
    rules_s = time.process_time() - t0
    t0 = time.process_time()
    chunks = chunk_document(doc, max_chars=settings.chunk_chars, overlap=settings.chunk_overlap)
    chunk_s = time.process_time() - t0
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "bytes": size,
        "chars": len(text),
        "pipeline_s": pipeline_s,
        "wall_s": wall_s,
        "read_s": read_s,
        "rules_s": rules_s,
        "chunk_s": chunk_s,
        "chunks": len(chunks),
        "facts": len(result.facts),
        "base_mib": base_kb / 1024,
        "peak_mib": peak_kb / 1024,
        "grown_mib": (peak_kb - base_kb) / 1024,
    }


def sizes(max_bytes: int) -> list[int]:
    out = [START_BYTES]
    while out[-1] * 2 < max_bytes:
        out.append(out[-1] * 2)
    out.append(max_bytes)
    return out


def report(shape: str, rows: list[dict[str, float]]) -> None:
    print(f"\nshape: {shape}")
    print(
        f"{'bytes':>9} {'chars':>9} {'x size':>6} | {'pipeline s':>10} {'x':>5} {'wall s':>7} | {'read s':>7} "
        f"{'rules s':>8} {'x':>5} | {'chunk s':>7} {'x':>5} | {'peak MiB':>8} {'grown':>6} {'x':>5} | {'s/MB':>5}"
    )
    prev: dict[str, float] | None = None
    for r in rows:

        def ratio(key: str, r: dict[str, float] = r, prev: dict[str, float] | None = prev) -> str:
            return f"{r[key] / prev[key]:5.2f}" if prev and prev[key] > 0 else f"{'-':>5}"

        grow = f"{r['bytes'] / prev['bytes']:6.2f}" if prev else f"{'-':>6}"
        print(
            f"{int(r['bytes']):9d} {int(r['chars']):9d} {grow} | {r['pipeline_s']:10.3f} {ratio('pipeline_s')} "
            f"{r['wall_s']:7.2f} | {r['read_s']:7.3f} {r['rules_s']:8.3f} {ratio('rules_s')} | {r['chunk_s']:7.3f} "
            f"{ratio('chunk_s')} | {r['peak_mib']:8.0f} {r['grown_mib']:6.0f} {ratio('grown_mib')} | "
            f"{r['pipeline_s'] / (r['bytes'] / 1e6):5.2f}"
        )
        prev = r
    print(
        f"(seconds are CPU seconds; peak memory includes the {rows[0]['base_mib']:.0f} MiB of the interpreter and "
        "imports, 'grown' is the peak above that)"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--max-mb", type=float, default=5.4, help="largest input, in MB of UTF-8 (default 5.4)")
    ap.add_argument("--shape", choices=("sentences", "clauses", "both"), default="both")
    ap.add_argument("--one", nargs=2, metavar=("BYTES", "SHAPE"), help=argparse.SUPPRESS)  # a child run
    args = ap.parse_args()
    if args.one:
        print(json.dumps(measure(int(args.one[0]), args.one[1])))
        return
    header()
    shapes = ("sentences", "clauses") if args.shape == "both" else (args.shape,)
    for shape in shapes:
        rows = []
        for size in sizes(int(args.max_mb * 1e6)):
            child = subprocess.run(
                [sys.executable, __file__, "--one", str(size), shape], check=True, capture_output=True, text=True
            )
            rows.append(json.loads(child.stdout.strip().splitlines()[-1]))
        report(shape, rows)


if __name__ == "__main__":
    main()
