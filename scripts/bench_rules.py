#!/usr/bin/env python3
"""Benchmark the offline pipeline: start-up, then documents/s per stage on the TXT, DOCX and
PDF forms of the samples — and, with ``--baseline REV``, the same for a git revision, as ratios.

    .venv/bin/python scripts/bench_rules.py [--repeat N] [--baseline main] [--forms txt,docx,pdf]

Stages: ``ingest`` (read and normalise), ``rules`` (the rules backend), ``reconcile`` (the
reconciler on the result), ``pipeline`` (``extractor.extract`` end to end), each as documents
per CPU-second of this process (CPU time, not wall time: the machine is shared). Start-up is a
whole one-file ``extractor extract`` of a TXT sample in a fresh interpreter (best of 5 after
one warm-up run that writes the bytecode, as for an installed package; CPU and wall seconds),
and the import of the CLI alone. The forms are generated once by
scripts/make_fixtures.py into a temporary folder (not timed) and both trees read the same files;
the package's functools caches are cleared before every pass, so a pass sees its documents anew.
``--baseline REV`` exports REV (``git archive``) into a temporary folder. Each tree is measured in a
child process with the same interpreter and packages, and the two alternate for ``--rounds``
rounds (working tree, REV, working tree, REV, …); each figure is the best of its rounds, the
lower bound least disturbed by other work on a shared machine (as ``timeit`` does). Prints the
command, the machine, the rounds, the peak resident memory of the working tree's children and
the CPU time the hypervisor gave other guests meanwhile (steal: a shared machine slows the
trees unevenly, so a run with steal is no measure of their ratio).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchlib import forget_caches  # scripts/ is on sys.path: run as a script, or put there by the children

ROOT = Path(__file__).resolve().parent.parent
STAGES = ("ingest", "rules", "reconcile", "pipeline")
_CLI = "import sys; from extractor.cli import main; sys.argv[0] = 'extractor'; sys.exit(main())"


def _child_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def startup(code: Path, sample: Path, runs: int = 5) -> dict[str, float]:
    """Best-of-``runs`` CPU and wall seconds of a one-file extract, and of importing the CLI."""
    env = {"PYTHONPATH": str(code), "PATH": "/usr/bin:/bin"}  # bytecode cached, as for an installed package
    best: dict[str, float] = {}
    for name, argv in (
        ("extract", [sys.executable, "-c", _CLI, "extract", str(sample), "-q", "--backend", "rules"]),
        ("import", [sys.executable, "-c", "import extractor.cli"]),
    ):
        cpu, wall = [], []
        subprocess.run(argv, cwd=code, env=env, stdout=subprocess.DEVNULL, check=True)  # warm: writes bytecode
        for _ in range(runs):
            c0, t0 = _child_cpu(), time.perf_counter()
            subprocess.run(argv, cwd=code, env=env, stdout=subprocess.DEVNULL, check=True)
            wall.append(time.perf_counter() - t0)
            cpu.append(_child_cpu() - c0)
        best[f"{name}_cpu_s"], best[f"{name}_wall_s"] = min(cpu), min(wall)
    return best


def stages(forms: dict[str, list[Path]], repeat: int) -> dict[str, dict[str, float]]:
    """CPU seconds per document of each stage and form (the tree on ``sys.path`` is measured)."""
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
    out: dict[str, dict[str, float]] = {}
    for form, paths in forms.items():
        n = len(paths) * repeat
        docs = [read(p, settings) for p in paths]  # warm caches and imports first
        results = [extract(p, backend=backend, settings=settings) for p in paths]
        timed: dict[str, float] = {}
        t0 = time.process_time()
        for _ in range(repeat):
            for p in paths:
                read(p, settings)
        timed["ingest"] = time.process_time() - t0
        t0 = time.process_time()
        for _ in range(repeat):
            forget_caches()
            for d in docs:
                backend.extract(d)
        timed["rules"] = time.process_time() - t0
        t0 = time.process_time()
        for _ in range(repeat):
            for r in results:
                reconcile(r)
        timed["reconcile"] = time.process_time() - t0
        t0 = time.process_time()
        for _ in range(repeat):
            forget_caches()
            for p in paths:
                extract(p, backend=backend, settings=settings)
        timed["pipeline"] = time.process_time() - t0
        out[form] = {stage: secs / n for stage, secs in timed.items()}
    return out


def measure(code: Path, forms: dict[str, list[Path]], repeat: int) -> dict[str, Any]:
    stats = {"startup": startup(code, forms["txt"][0]), "stages": stages(forms, repeat)}
    stats["peak_kib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return stats


def _child(code: Path, forms_dir: Path, forms: str, repeat: int) -> dict[str, Any]:
    """One round of :func:`measure` over the tree at ``code``, in a fresh interpreter."""
    out = subprocess.run(
        [
            sys.executable,
            __file__,
            "--child",
            str(code),
            "--forms-dir",
            str(forms_dir),
            "--forms",
            forms,
            "--repeat",
            str(repeat),
        ],
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONPATH": f"{code}{os.pathsep}{ROOT / 'scripts'}", "PATH": "/usr/bin:/bin"},
    )
    result: dict[str, Any] = json.loads(out.stdout.splitlines()[-1])
    return result


def _best(rounds: list[dict[str, Any]]) -> dict[str, Any]:
    """The best (least) figure of each measurement over the rounds."""
    first = rounds[0]
    return {
        "startup": {k: min(r["startup"][k] for r in rounds) for k in first["startup"]},
        "stages": {
            form: {stage: min(r["stages"][form][stage] for r in rounds) for stage in per}
            for form, per in first["stages"].items()
        },
        "peak_kib": max(r["peak_kib"] for r in rounds),
    }


def _export(rev: str, into: Path) -> Path:
    archive = subprocess.run(["git", "archive", rev], cwd=ROOT, capture_output=True, check=True).stdout
    into.mkdir()
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    return into


def _forms(forms_dir: Path, names: list[str]) -> dict[str, list[Path]]:
    every = {
        "txt": sorted((ROOT / "eval" / "samples").glob("*.txt")),
        "docx": sorted((forms_dir / "samples").glob("*.docx")),
        "pdf": sorted((forms_dir / "samples").glob("*.pdf")),
    }
    return {name: every[name] for name in names}


def _report(now: dict[str, Any], base: dict[str, Any] | None, rev: str | None) -> None:
    cols = f"{'now':>10}" + (f" {rev or 'base':>10} {'speed-up':>9}" if base else "")
    print(f"\n{'start-up (one-file extract, fresh process)':44} {cols}")
    for key, label in (
        ("extract_cpu_s", "extractor extract, CPU s"),
        ("extract_wall_s", "extractor extract, wall s"),
        ("import_cpu_s", "import extractor.cli, CPU s"),
    ):
        row = f"{label:44} {now['startup'][key]:10.3f}"
        if base:
            row += f" {base['startup'][key]:10.3f} {base['startup'][key] / now['startup'][key]:8.2f}x"
        print(row)
    print(f"\n{'docs/CPU-s':16} {'form':5} {cols}")
    for form, per in now["stages"].items():
        for stage in STAGES:
            row = f"{stage:16} {form:5} {1 / per[stage]:10.1f}"
            if base:
                b = base["stages"][form][stage]
                row += f" {1 / b:10.1f} {b / per[stage]:8.2f}x"
            print(row)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5, help="passes over the samples per measurement")
    ap.add_argument("--baseline", metavar="REV", help="also measure this git revision and print ratios")
    ap.add_argument("--forms", default="txt,docx,pdf", help="comma-separated: txt, docx, pdf")
    ap.add_argument("--rounds", type=int, default=3, help="alternating rounds per tree; the best of them is kept")
    ap.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--forms-dir", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    names = args.forms.split(",")
    if args.child:  # one round over one tree: that tree's extractor is first on sys.path
        print(json.dumps(measure(args.child, _forms(args.forms_dir, names), args.repeat)))
        return
    sys.path.insert(0, str(ROOT / "scripts"))
    from benchlib import header, print_steal, steal_seconds
    from make_fixtures import generate

    header()
    print(f"rounds: {args.rounds} per tree, alternating; {args.repeat} passes each; best of the rounds kept")
    steal, t0 = steal_seconds(), time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        forms_dir = generate(Path(tmp) / "forms")
        base_tree = _export(args.baseline, Path(tmp) / "base") if args.baseline else None
        now_rounds, base_rounds = [], []
        for _ in range(args.rounds):
            now_rounds.append(_child(ROOT, forms_dir, args.forms, args.repeat))
            if base_tree:
                base_rounds.append(_child(base_tree, forms_dir, args.forms, args.repeat))
    now = _best(now_rounds)
    _report(now, _best(base_rounds) if base_rounds else None, args.baseline)
    print(f"\npeak resident memory (working tree, one round): {now['peak_kib'] / 1024:.0f} MiB")
    print_steal(steal, time.perf_counter() - t0)


if __name__ == "__main__":
    main()
