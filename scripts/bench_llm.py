#!/usr/bin/env python3
"""Benchmark the model backend's cost and wall time against a local OpenAI-compatible server.

    .venv/bin/python scripts/bench_llm.py [--latency 0.2] [--per-token-ms 0] [--concurrency 1 4 16]

Starts the test suite's stub server (tests/backends/llm/stub_server.py: starlette + uvicorn on
127.0.0.1) with an injected latency per request, answering every chunk with a plausible
answer of the right shape (money figures of the excerpt, so they ground). Then, for each
sample in eval/samples/*.txt, runs the model backend chunked and routed at each concurrency,
and the naive way — the whole document in one request with the whole schema — in the same
run. Prints requests, prompt and completion tokens (estimated by the server: one token per
CJK character, one per four other characters) and wall time per document, with the command
and the machine at the top.

What this measures is the *shape* of the cost (how many requests, how many prompt tokens,
how concurrency hides latency), not a model's speed or accuracy: no model is reachable
here, and the stub's latency is fixed (plus ``--per-token-ms`` per generated token).
"""

from __future__ import annotations

import argparse
import asyncio
import importlib.util
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import benchlib  # noqa: E402

from extractor.backends.llm import LLMBackend  # noqa: E402
from extractor.ingest import read  # noqa: E402
from extractor.result import Ledger  # noqa: E402
from extractor.settings import Settings  # noqa: E402


def load_stub():
    path = ROOT / "tests" / "extract" / "llm" / "stub_server.py"
    spec = importlib.util.spec_from_file_location("stub_server", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["stub_server"] = module
    spec.loader.exec_module(module)
    return module


def row(doc: str, way: str, conc: int | str, chunks: int | str, ledger: Ledger) -> str:
    return (f"{doc:26} {way:8} {conc!s:>4} {chunks!s:>6} {ledger.requests:>8} {ledger.prompt_tokens:>10} "
            f"{ledger.completion_tokens:>10} {ledger.wall_s:>8.2f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--latency", type=float, default=0.2, help="seconds the server waits per request")
    ap.add_argument("--per-token-ms", type=float, default=0.0, help="extra ms per completion token")
    ap.add_argument("--concurrency", type=int, nargs="+", default=[1, 4, 16])
    ap.add_argument("--chunk-chars", type=int, default=None, help="override settings.chunk_chars")
    args = ap.parse_args()
    print("command:", " ".join([Path(sys.executable).name, *sys.argv]))
    print("machine:", benchlib.machine())
    print(f"server: local stub, latency {args.latency * 1000:.0f} ms/request + {args.per_token_ms:g} ms/token; "
          "tokens ≈ CJK chars + other chars/4 (stub usage)")

    stub = load_stub()
    server = stub.StubServer(responder=stub.plausible_responder, latency=args.latency,
                             per_token_s=args.per_token_ms / 1000).start()
    try:
        base = {"EXTRACTOR_BASE_URL": server.url, "EXTRACTOR_API_KEY": "bench", "model": "bench-model"}
        if args.chunk_chars:
            base["chunk_chars"] = args.chunk_chars
        print(f"{'document':26} {'way':8} {'conc':>4} {'chunks':>6} {'requests':>8} {'prompt_tok':>10} "
              f"{'compl_tok':>10} {'wall_s':>8}")
        warm = read(sorted((ROOT / "eval" / "samples").glob("*.txt"))[0], Settings.isolated())
        LLMBackend(Settings.isolated(**base)).extract(warm)  # warm-up: imports, first connection (not shown)
        totals: dict[tuple[str, str], list[float]] = {}
        for path in sorted((ROOT / "eval" / "samples").glob("*.txt")):
            doc = read(path, Settings.isolated())
            name = path.stem[:26]
            for conc in args.concurrency:
                backend = LLMBackend(Settings.isolated(**base, concurrency=conc))
                n_chunks = len(backend.plan(doc))
                ex = backend.extract(doc)
                print(row(name, "chunked", conc, n_chunks, ex.ledger))
                t = totals.setdefault(("chunked", str(conc)), [0, 0, 0, 0.0])
                t[0] += ex.ledger.requests
                t[1] += ex.ledger.prompt_tokens
                t[2] += ex.ledger.completion_tokens
                t[3] += ex.ledger.wall_s
            backend = LLMBackend(Settings.isolated(**base, concurrency=1))
            t0 = time.perf_counter()
            ex = asyncio.run(backend.aextract(doc, backend.whole_document_plan(doc)))
            print(row(name, "naive", 1, 1, ex.ledger))
            t = totals.setdefault(("naive", "1"), [0, 0, 0, 0.0])
            t[0] += ex.ledger.requests
            t[1] += ex.ledger.prompt_tokens
            t[2] += ex.ledger.completion_tokens
            t[3] += time.perf_counter() - t0
        print("-" * 86)
        for (way, conc), (req, ptok, ctok, wall) in totals.items():
            print(f"{'all samples':26} {way:8} {conc:>4} {'':>6} {int(req):>8} {int(ptok):>10} {int(ctok):>10} "
                  f"{wall:>8.2f}")
    finally:
        server.stop()


if __name__ == "__main__":
    main()
