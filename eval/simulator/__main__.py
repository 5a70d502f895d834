"""``python3 -m eval.simulator``: a model simulator answering from gold, with injected errors.

    # a server on 127.0.0.1:8001 for the samples, logging what it injects
    .venv/bin/python -m eval.simulator serve --set samples --port 8001 --log out/sim/injections.jsonl
    EXTRACTOR_BASE_URL=http://127.0.0.1:8001/v1 EXTRACTOR_API_KEY=sim \\
        .venv/bin/extractor eval --backend llm --injections out/sim/injections.jsonl -o out/sim/eval

    # the same in one command: start, run `extractor eval` against it, stop
    .venv/bin/python -m eval.simulator eval --backend hybrid --mode json --set challenge

Rates are per error type and item (``--rate 0.03`` for all, ``--rate-of wrong_unit=0.1`` for
one; ``--rate 0`` answers every item right). The seed fixes every decision.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

from eval.simulator.corpus import load_corpus
from eval.simulator.inject import DEFAULT_RATE, ERRORS
from eval.simulator.server import Simulator
from extractor.evaluate.injected import markdown

ROOT = Path(__file__).resolve().parents[2]
SETS = {
    "samples": ("eval/gold", "eval/samples"),
    "challenge": ("eval/challenge/gold", "eval/challenge/samples"),
    "heldout": ("eval/heldout/gold", "eval/heldout/samples"),
}


def _pairs(args: argparse.Namespace) -> list[tuple[Path, Path]]:
    if args.gold:
        if len(args.gold) != len(args.docs or []):
            raise SystemExit("give one --docs per --gold")
        return [(Path(g), Path(d)) for g, d in zip(args.gold, args.docs, strict=True)]
    names = list(SETS) if "all" in args.set else args.set
    return [(ROOT / SETS[n][0], ROOT / SETS[n][1]) for n in names]


def _rates(args: argparse.Namespace) -> dict[str, float]:
    rates = dict.fromkeys(ERRORS, args.rate)
    for spec in args.rate_of or []:
        name, _, value = spec.partition("=")
        if name not in ERRORS:
            raise SystemExit(f"unknown error type {name!r}; known: {', '.join(ERRORS)}")
        rates[name] = float(value)
    return rates


def build(args: argparse.Namespace, log: Path | None) -> Simulator:
    corpus = load_corpus(_pairs(args))
    sim = Simulator(
        corpus, seed=args.seed, rates=_rates(args), log_path=log, fix_on_feedback=not args.no_fix_on_feedback
    )
    sim.port = args.port
    return sim


def serve(args: argparse.Namespace) -> None:
    sim = build(args, Path(args.log) if args.log else None).start()
    items = sum(len(d.items) for d in sim.corpus.docs)
    print(
        f"simulator at {sim.url}: {len(sim.corpus.docs)} documents, {items} answerable items "
        f"({len(sim.corpus.unanswerable)} gold items not answerable); log {args.log or 'off'}",
        flush=True,
    )
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        sim.stop()


def run_eval(args: argparse.Namespace) -> int:
    out = Path(args.out or f"out/sim/{args.backend}-{args.mode}")
    log = out / "injections.jsonl"
    pairs = _pairs(args)
    code = 0
    with build(args, log) as sim:
        env = {
            **os.environ,
            "EXTRACTOR_BASE_URL": sim.url,
            "EXTRACTOR_API_KEY": "simulator",
            "EXTRACTOR_MODEL": "simulator",
            "EXTRACTOR_INSTRUCTOR_MODE": args.mode,
        }
        env.pop("EXTRACTOR_CACHE_PATH", None)
        exe = Path(sys.executable).with_name("extractor")
        for gold, docs in pairs:
            target = out if len(pairs) == 1 else out / gold.parent.name
            cmd = [
                str(exe),
                "eval",
                "--backend",
                args.backend,
                "--gold",
                str(gold),
                "--docs",
                str(docs),
                "--out",
                str(target),
                "--injections",
                str(log),
                *(["-q"] if args.quiet else []),
            ]
            print("+", " ".join(cmd), flush=True)
            code = subprocess.run(cmd, env=env, check=False).returncode or code
    if len(pairs) > 1:
        _total([out / gold.parent.name / "metrics.json" for gold, _ in pairs])
    return code


def _total(paths: list[Path]) -> None:
    """One table over several eval runs (each audited its own documents)."""
    merged: dict[str, dict[str, int]] = {}
    for p in paths:
        section = json.loads(p.read_text(encoding="utf-8")).get("injected") or {"by_error": {}}
        for error, row in section["by_error"].items():
            into = merged.setdefault(error, dict.fromkeys(row, 0))
            for k, v in row.items():
                into[k] += v
    total = sum(r["injected"] for r in merged.values())
    reached = sum(r["reached"] for r in merged.values())
    print(f"\nall sets ({', '.join(str(p.parent) for p in paths)}):")
    print(
        "\n".join(
            markdown(
                {
                    "by_error": dict(sorted(merged.items())),
                    "injected": total,
                    "reached_unflagged": reached,
                    "reached_share": reached / total if total else None,
                }
            )
        )
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m eval.simulator", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = ap.add_subparsers(dest="command", required=True)
    for name in ("serve", "eval"):
        p = sub.add_parser(name)
        p.add_argument("--set", nargs="+", default=["samples"], choices=[*SETS, "all"])
        p.add_argument("--gold", action="append", help="a gold directory (instead of --set; repeatable)")
        p.add_argument("--docs", action="append", help="its documents directory")
        p.add_argument("--seed", type=int, default=0)
        p.add_argument("--rate", type=float, default=DEFAULT_RATE, help="rate of every error type")
        p.add_argument("--rate-of", action="append", metavar="ERROR=RATE", help="rate of one error type")
        p.add_argument(
            "--no-fix-on-feedback",
            action="store_true",
            help="do not correct an item when a request names its injected value",
        )
        p.add_argument("--port", type=int, default=8001 if name == "serve" else 0)
        if name == "serve":
            p.add_argument("--log", help="append injected errors here (JSON lines)")
        else:
            p.add_argument("--backend", default="llm", choices=["llm", "hybrid"])
            p.add_argument("--mode", default="tools", help="EXTRACTOR_INSTRUCTOR_MODE")
            p.add_argument("--out", "-o", help="default out/sim/<backend>-<mode>")
            p.add_argument("--quiet", "-q", action="store_true")
    args = ap.parse_args(argv)
    if args.command == "serve":
        serve(args)
        return 0
    return run_eval(args)


if __name__ == "__main__":
    raise SystemExit(main())
