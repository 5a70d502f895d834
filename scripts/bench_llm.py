#!/usr/bin/env python3
"""What the model path costs in prompt tokens, requests and wall time, against the model simulator.

    .venv/bin/python scripts/bench_llm.py [--latency 0.2] [--concurrency 4] [--chunk-chars N]

Starts the model simulator (eval/simulator, errors off: every item answered right) on the five
samples with an injected latency per request and runs, in the same run, each sample three ways:

* ``chunked`` — the model backend as configured (chunked, routed);
* ``hybrid``  — rules first, the model only on what the rules left;
* ``naive``   — the whole document in one request with the whole schema.

Each way gets a fresh simulator, and runs the five documents in order, so its prefix cache
warms as a provider's would over a batch. Per document and in total it prints requests,
prompt tokens, the cached share (``prompt_tokens_details.cached_tokens`` as the simulator
reports it: the prefix shared with an earlier request, ≥ 1,024 tokens, in 128-token blocks),
uncached prompt tokens, completion tokens, fact recall against gold (every gold fact, optional ones
included), and wall time; then the
ratios against naive. Tokens are estimated (one per CJK character, one per four others):
the *shape* of the cost, not a provider's bill, and no model's speed or accuracy.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import benchlib  # noqa: E402

from eval.simulator.corpus import load_corpus  # noqa: E402
from eval.simulator.server import Simulator  # noqa: E402
from extractor.backends.hybrid import HybridBackend  # noqa: E402
from extractor.backends.llm import LLMBackend, run_sync  # noqa: E402
from extractor.evaluate.gold import load_gold  # noqa: E402
from extractor.evaluate.score import score_facts  # noqa: E402
from extractor.ingest import read  # noqa: E402
from extractor.pipeline import run  # noqa: E402
from extractor.result import Extraction  # noqa: E402
from extractor.settings import Settings  # noqa: E402

WAYS = ("chunked", "hybrid", "naive")
COLS = ("requests", "prompt", "cached", "uncached", "completion", "correct", "gold", "wall_s")


class _Naive:
    """The model backend sent the whole document at once (the baseline, not a backend)."""

    name = "llm"

    def __init__(self, llm: LLMBackend) -> None:
        self.llm = llm

    def extract(self, document: Any) -> Extraction:
        return run_sync(self.llm.aextract(document, self.llm.whole_document_plan(document)))


def _backend(way: str, settings: Settings) -> Any:
    llm = LLMBackend(settings)
    return {"chunked": llm, "hybrid": HybridBackend(settings, llm=llm), "naive": _Naive(llm)}[way]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--latency", type=float, default=0.2, help="seconds the simulator waits per request")
    ap.add_argument("--concurrency", type=int, default=4)
    ap.add_argument("--chunk-chars", type=int, default=None, help="override settings.chunk_chars")
    args = ap.parse_args()
    print("command:", " ".join([Path(sys.executable).name, *sys.argv]))
    print("machine:", benchlib.machine())
    print(
        f"server: the model simulator (errors off), latency {args.latency * 1000:.0f} ms/request; "
        "tokens ≈ CJK chars + other chars/4"
    )
    corpus = load_corpus([(ROOT / "eval" / "gold", ROOT / "eval" / "samples")])
    paths = sorted((ROOT / "eval" / "samples").glob("*.txt"))
    print(f"{'document':24} {'way':8} " + " ".join(f"{c:>10}" for c in COLS))
    totals: dict[str, dict[str, float]] = {}
    for way in WAYS:
        with Simulator(corpus, rates={}, latency=args.latency) as sim:
            values: dict[str, Any] = {
                "EXTRACTOR_BASE_URL": sim.url,
                "EXTRACTOR_API_KEY": "bench",
                "model": "simulator",
                "concurrency": args.concurrency,
            }
            if args.chunk_chars:
                values["chunk_chars"] = args.chunk_chars
            settings = Settings.isolated(**values)
            backend = _backend(way, settings)
            for path in paths:
                doc = read(path, settings)
                before = len(sim.usage)
                t0 = time.perf_counter()
                result = run(doc, backend, settings)
                wall = time.perf_counter() - t0
                used = sim.usage[before:]
                gold = load_gold(ROOT / "eval" / "gold" / f"{path.stem}.json")
                facts, _, _ = score_facts(gold, result)
                row = {
                    "requests": len(used),
                    "prompt": sum(p for p, _ in used),
                    "cached": sum(c for _, c in used),
                    "completion": result.provenance.ledger.completion_tokens if result.provenance.ledger else 0,
                    "correct": facts.correct,
                    "gold": len(gold.facts),
                    "wall_s": wall,
                }
                row["uncached"] = row["prompt"] - row["cached"]
                t = totals.setdefault(way, dict.fromkeys(COLS, 0.0))
                for k in COLS:
                    t[k] += row[k]
                print(f"{path.stem[:24]:24} {way:8} " + " ".join(_fmt(row[c]) for c in COLS))
    print("-" * 120)
    for way, t in totals.items():
        print(f"{'all samples':24} {way:8} " + " ".join(_fmt(t[c]) for c in COLS))
    naive = totals["naive"]
    for way in ("chunked", "hybrid"):
        t = totals[way]
        print(
            f"{way} vs naive: prompt {t['prompt'] / naive['prompt']:.2f}x, "
            f"uncached {t['uncached'] / naive['uncached']:.2f}x, "
            f"cacheable share {t['cached'] / t['prompt']:.0%} (naive {naive['cached'] / naive['prompt']:.0%}), "
            f"requests {int(t['requests'])} vs {int(naive['requests'])}, fact recall {t['correct'] / t['gold']:.3f} "
            f"(naive {naive['correct'] / naive['gold']:.3f})"
        )


def _fmt(v: float) -> str:
    return f"{v:>10.2f}" if isinstance(v, float) and not v.is_integer() else f"{int(v):>10}"


if __name__ == "__main__":
    main()
