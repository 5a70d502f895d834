#!/usr/bin/env python3
"""What a reliability engineer does to ``extractor batch``, with the numbers it prints.

    .venv/bin/python scripts/chaos_batch.py              # every scenario, N=300 documents
    .venv/bin/python scripts/chaos_batch.py -n 60 kill   # one scenario, fewer documents

Scenarios (each in a fresh temporary folder, the CLI run as a subprocess):

* ``kill``: a worker process is SIGKILLed (what the OOM killer does) once some results are
  written: exit code, documents never attempted, failed, traceback on stderr.
* ``disk``: the output folder on a small tmpfs (needs root to mount; skipped otherwise):
  exit code, results written, ``.part`` files left, manifest lines that do not parse.
* ``twice``: two batches started at once on one output folder: exit codes, documents
  extracted twice, ``failed`` rows whose output exists.
* ``resume``: a run by absolute path, then one by relative path, then a third: manifest
  lines after each, documents redone, ``ok`` rows per document.
* ``stems``: ``a/report.txt`` and ``b/report.txt`` through ``extract -o`` and ``batch``:
  outputs written for two inputs.
* ``unsupported``: a folder with .xlsx .png .doc beside the documents: manifest rows for them.

The inputs are copies of ``eval/samples`` (a line appended so each has its own content).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXE = Path(sys.executable).parent / "extractor"


def corpus(folder: Path, n: int) -> Path:
    samples = sorted((ROOT / "eval" / "samples").glob("*.txt"))
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        src = samples[i % len(samples)]
        (folder / f"doc{i:04d}.txt").write_text(
            src.read_text(encoding="utf-8") + f"\n附：第{i}份。\n", encoding="utf-8"
        )
    return folder


def env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith(("EXTRACTOR_", "OPENAI_"))}


def rows(out: Path) -> tuple[list[dict[str, object]], int]:
    good: list[dict[str, object]] = []
    bad = 0
    manifest = out / "manifest.jsonl"
    if manifest.exists():
        for line in manifest.read_text(encoding="utf-8").splitlines():
            try:
                good.append(json.loads(line))
            except json.JSONDecodeError:
                bad += 1
    return good, bad


def batch(*args: str, cwd: Path | None = None) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [str(EXE), "batch", *args, "-q"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env(), cwd=cwd
    )


def children(pid: int) -> list[int]:
    try:
        kids = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return []
    return [int(k) for k in kids]


def scenario_kill(tmp: Path, n: int) -> dict[str, object]:
    src, out = corpus(tmp / "in", n), tmp / "out"
    proc = batch(str(src), "-o", str(out), "-j", "2")
    killed = None
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if len(rows(out)[0]) >= 20:
            workers = [c for c in children(proc.pid) if "extractor" in Path(f"/proc/{c}/cmdline").read_text()]
            if workers:
                killed = workers[-1]
                os.kill(killed, signal.SIGKILL)
                break
        time.sleep(0.05)
    _, stderr = proc.communicate(timeout=600)
    got, bad = rows(out)
    attempted = {r["path"] for r in got}
    return {
        "exit": proc.returncode,
        "killed_worker": killed,
        "never_attempted": n - len(attempted),
        "ok": sum(r["status"] == "ok" for r in got),
        "failed": sum(r["status"] == "failed" for r in got),
        "traceback": "Traceback" in stderr,
        "bad_manifest_lines": bad,
        "stderr_tail": stderr.strip().splitlines()[-1:],
    }


def scenario_disk(tmp: Path, n: int) -> dict[str, object]:
    if os.geteuid() != 0:
        return {"skipped": "needs root to mount a tmpfs"}
    src, out = corpus(tmp / "in", n), tmp / "out"
    out.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(out)], capture_output=True)
    if mounted.returncode:
        return {"skipped": f"mount failed: {mounted.stderr.decode().strip()}"}
    try:
        proc = batch(str(src), "-o", str(out), "-j", "2")
        _, stderr = proc.communicate(timeout=600)
        got, bad = rows(out)
        return {
            "exit": proc.returncode,
            "results_written": len(list(out.glob("*.json"))),
            "part_files_left": len(list(out.glob("*.part"))),
            "bad_manifest_lines": bad,
            "manifest_rows": len(got),
            "traceback": "Traceback" in stderr,
            "stderr_tail": stderr.strip().splitlines()[-1:],
        }
    finally:
        subprocess.run(["umount", str(out)], check=False)


def scenario_twice(tmp: Path, n: int) -> dict[str, object]:
    src, out = corpus(tmp / "in", n), tmp / "out"
    first, second = batch(str(src), "-o", str(out), "-j", "2"), batch(str(src), "-o", str(out), "-j", "2")
    (_, e1), (_, e2) = first.communicate(timeout=600), second.communicate(timeout=600)
    refused = e1 if first.returncode else e2
    got, _ = rows(out)
    ok: dict[object, int] = {}
    for r in got:
        if r["status"] == "ok":
            ok[r["path"]] = ok.get(r["path"], 0) + 1
    false_failed = sum(r["status"] == "failed" and Path(str(r.get("output") or out / "none")).exists() for r in got)
    return {
        "exits": [first.returncode, second.returncode],
        "extracted_twice": sum(c > 1 for c in ok.values()),
        "failed_rows": sum(r["status"] == "failed" for r in got),
        "failed_but_output_exists": false_failed,
        "refused_one_says": (refused.strip().splitlines() or [""])[-1][:160],
    }


def scenario_resume(tmp: Path, n: int) -> dict[str, object]:
    src, out = corpus(tmp / "in", n), tmp / "out"
    lines, redone = [], []
    for arg in (str(src.resolve()), "in", "in"):
        before = len(rows(out)[0])
        proc = batch(arg, "-o", str(out), "-j", "2", cwd=tmp)
        proc.communicate(timeout=600)
        got, _ = rows(out)
        lines.append(len(got))
        redone.append(sum(r["status"] == "ok" for r in got[before:]))
    per_doc: dict[str, int] = {}
    for r in rows(out)[0]:
        if r["status"] == "ok":
            key = str(r.get("sha256"))
            per_doc[key] = per_doc.get(key, 0) + 1
    return {
        "manifest_lines_after_each_run": lines,
        "redone_per_run": redone,
        "max_ok_rows_per_document": max(per_doc.values(), default=0),
    }


def scenario_stems(tmp: Path, n: int) -> dict[str, object]:
    samples = sorted((ROOT / "eval" / "samples").glob("*.txt"))
    for sub, sample in (("a", samples[0]), ("b", samples[1])):
        (tmp / sub).mkdir()
        shutil.copy(sample, tmp / sub / "report.txt")
    ex = subprocess.run(
        [
            str(EXE),
            "extract",
            str(tmp / "a" / "report.txt"),
            str(tmp / "b" / "report.txt"),
            "-o",
            str(tmp / "ex"),
            "-q",
        ],
        capture_output=True,
        text=True,
        env=env(),
    )
    proc = batch(str(tmp / "a"), str(tmp / "b"), "-o", str(tmp / "bt"))
    proc.communicate(timeout=600)
    return {
        "extract_exit": ex.returncode,
        "extract_outputs_for_2_inputs": len(list((tmp / "ex").rglob("*.json"))),
        "batch_exit": proc.returncode,
        "batch_outputs_for_2_inputs": len([p for p in (tmp / "bt").rglob("*.json")]),
    }


def scenario_unsupported(tmp: Path, n: int) -> dict[str, object]:
    src = corpus(tmp / "in", 3)
    for name in ("table.xlsx", "scan.png", "old.doc"):
        (src / name).write_bytes(b"\x00not a document\x00")
    proc = batch(str(src), "-o", str(tmp / "out"))
    proc.communicate(timeout=600)
    got, _ = rows(tmp / "out")
    names = {Path(str(r["path"])).name: r["status"] for r in got}
    return {
        "exit": proc.returncode,
        "rows_for_unsupported": sum(k in names for k in ("table.xlsx", "scan.png", "old.doc")),
        "statuses": sorted(set(names.values())),
    }


SCENARIOS = {
    "kill": scenario_kill,
    "disk": scenario_disk,
    "twice": scenario_twice,
    "resume": scenario_resume,
    "stems": scenario_stems,
    "unsupported": scenario_unsupported,
}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("scenarios", nargs="*", help=f"some of: {' '.join(SCENARIOS)} (default: all)")
    ap.add_argument("-n", type=int, default=300, help="documents per scenario")
    args = ap.parse_args()
    unknown = set(args.scenarios) - set(SCENARIOS)
    if unknown:
        ap.error(f"unknown scenario(s): {', '.join(sorted(unknown))}")
    print(f"machine: {os.cpu_count()} cpu, python {sys.version.split()[0]}, {args.n} documents per scenario")
    for name in args.scenarios or SCENARIOS:
        with tempfile.TemporaryDirectory(prefix=f"chaos-{name}-") as tmp:
            t0 = time.perf_counter()
            res = SCENARIOS[name](Path(tmp), args.n)
            print(f"{name:12s} {time.perf_counter() - t0:6.1f}s  {json.dumps(res, ensure_ascii=False)}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
