#!/usr/bin/env python3
"""Count the instructions the offline pipeline spends per TXT sample, stage by stage, and — with
``--baseline REV`` — the same for a git revision, as ratios. Deterministic where CPU time is not:
on a shared machine one tree's docs/CPU-s (``bench_rules.py``) moves by a third from run to run,
its instruction count by less than 0.1%.

    .venv/bin/python scripts/bench_instructions.py [--baseline 189a7ea] [--stages pipeline,rules,reconcile,ingest]

Each figure is ``(I(n=2) - I(n=0)) / 10``: the instructions (valgrind's cachegrind, simulation off)
of a fresh interpreter that reads the 5 samples and runs the stage once to warm it (imports, regex
compilation, first-use caches), plus two more passes over the samples with the package's caches
cleared before each, minus the same without the two passes. ``PYTHONHASHSEED=0`` keeps set and
dict orders equal between runs. Needs ``valgrind`` (Debian: ``apt-get install valgrind``).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STAGES = ("ingest", "rules", "reconcile", "pipeline")
PASSES = 2


def child(stage: str, passes: int) -> None:
    """Warm ``stage`` once over the samples, then run it ``passes`` more times (the tree on ``sys.path``)."""
    from benchlib import forget_caches

    try:
        from extractor.backends.rules import RulesBackend
    except ImportError:  # a revision before extractor/extract became extractor/backends (the day)
        from extractor.extract.rules import RulesBackend  # type: ignore[no-redef]
    from extractor.ingest import read
    from extractor.pipeline import extract
    from extractor.reconcile import reconcile
    from extractor.settings import Settings

    settings = Settings.isolated()
    backend = RulesBackend(settings)
    paths = sorted((ROOT / "eval" / "samples").glob("*.txt"))
    docs = [read(p, settings) for p in paths]
    results = [extract(p, backend=backend, settings=settings) for p in paths]  # the warm pass
    for _ in range(passes):
        forget_caches()
        if stage == "ingest":
            for p in paths:
                read(p, settings)
        elif stage == "rules":
            for d in docs:
                backend.extract(d)
        elif stage == "reconcile":
            for r in results:
                reconcile(r)
        else:
            for p in paths:
                extract(p, backend=backend, settings=settings)


def _env(code: Path) -> dict[str, str]:
    return {"PYTHONPATH": f"{code}{os.pathsep}{ROOT / 'scripts'}", "PYTHONHASHSEED": "0", "PATH": "/usr/bin:/bin"}


def _instructions(code: Path, stage: str, passes: int) -> int:
    argv = ["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null"]
    argv += [sys.executable, "-P", __file__, "--child", stage, "--passes", str(passes)]
    # only the code differs between the trees
    out = subprocess.run(argv, capture_output=True, text=True, check=True, env=_env(code), cwd=ROOT)
    m = re.search(r"I\s+refs:\s+([\d,]+)", out.stderr)
    if m is None:
        raise SystemExit(f"valgrind printed no instruction count:\n{out.stderr[-2000:]}")
    return int(m.group(1).replace(",", ""))


def per_doc(code: Path, stage: str) -> float:
    """Million instructions per document of ``stage`` in the tree at ``code``."""
    n_docs = len(list((ROOT / "eval" / "samples").glob("*.txt")))
    # a plain run first writes the bytecode of a freshly edited tree: compiling it inside one of
    # the two counted runs (each imports a module at a different moment) skews their difference
    warm = [sys.executable, "-P", __file__, "--child", stage, "--passes", "0"]
    subprocess.run(warm, env=_env(code), cwd=ROOT, check=True)
    extra = _instructions(code, stage, PASSES) - _instructions(code, stage, 0)
    return extra / (PASSES * n_docs) / 1e6


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--baseline", metavar="REV", help="also count this git revision and print ratios")
    ap.add_argument("--stages", default=",".join(STAGES), help="comma-separated: " + ", ".join(STAGES))
    ap.add_argument("--child", choices=STAGES, help=argparse.SUPPRESS)
    ap.add_argument("--passes", type=int, default=PASSES, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args.child, args.passes)
        return
    if shutil.which("valgrind") is None:
        raise SystemExit("bench_instructions needs valgrind on PATH (Debian: apt-get install valgrind)")
    sys.path.insert(0, str(ROOT / "scripts"))
    from benchlib import header

    header()
    stages = args.stages.split(",")
    with tempfile.TemporaryDirectory(prefix="bench-baseline-") as tmp:
        base = None
        if args.baseline:
            archive = subprocess.run(["git", "archive", args.baseline], cwd=ROOT, capture_output=True, check=True)
            subprocess.run(["tar", "-x", "-C", tmp], input=archive.stdout, check=True)
            base = Path(tmp)
        cols = f"{'now':>10}" + (f" {args.baseline:>10} {'ratio':>7}" if base else "")
        print(f"\n{'M instructions / TXT document':32} {cols}")
        for stage in stages:
            now = per_doc(ROOT, stage)
            row = f"{stage:32} {now:10.1f}"
            if base is not None:
                then = per_doc(base, stage)
                row += f" {then:10.1f} {then / now:6.2f}x"
            print(row, flush=True)


if __name__ == "__main__":
    main()
