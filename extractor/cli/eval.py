"""``extractor eval``: score the extractor against hand-labelled gold and gate regressions.

Exit codes: 0 scored and no gate failed; 3 (:data:`~extractor.errors.EXIT_REGRESSION`) a
``--fail-under`` threshold or the ``--baseline`` comparison failed; 40
(:class:`~extractor.errors.EvaluationError`) the eval could not run properly — no gold, a
missing document or result file, a baseline scored on other gold or by another scorer, or a
document that failed to extract (reports are still written); 20 bad settings or backend.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from extractor.errors import EXIT_REGRESSION, EvaluationError, ExtractorError, OutputError

__all__ = ["eval_cmd"]

from extractor.cli.common import (
    BackendOpt,
    OcrOpt,
    Quiet,
    Verbose,
    err,
    fail,
    make_settings,
    out,
    setup_logging,
)


def eval_cmd(
    gold: Annotated[Path, typer.Option("--gold", help="Gold directory (<stem>.json per document).")] = Path(
        "eval/gold"
    ),
    docs: Annotated[Path, typer.Option("--docs", help="Directory with the documents the gold labels.")] = Path(
        "eval/samples"
    ),
    backend: BackendOpt = None,
    ocr: OcrOpt = None,
    results: Annotated[
        Path | None, typer.Option("--results", help="Score existing result files (<stem>.json) instead of extracting.")
    ] = None,
    out_dir: Annotated[Path, typer.Option("--out", "-o", help="Where metrics.json and report.md go.")] = Path(
        "out/eval"
    ),
    baseline: Annotated[
        Path | None, typer.Option("--baseline", help="A stored metrics.json: show deltas, exit 3 on a regression.")
    ] = None,
    fail_under: Annotated[
        list[str] | None,
        typer.Option("--fail-under", help="METRIC=VALUE, e.g. facts.f1=0.9 (repeatable); exit 3 when below."),
    ] = None,
    injections: Annotated[
        Path | None,
        typer.Option(
            "--injections", help="A fault-injecting endpoint's log (eval/simulator): report what became of each error."
        ),
    ] = None,
    verbose: Verbose = 0,
    quiet: Quiet = False,
) -> None:
    """Score extraction against gold: facts, projects, indicators, metadata, findings, grounding."""
    from extractor.evaluate.baseline import check_fail_under, compare, load_metrics, parse_fail_under
    from extractor.evaluate.report import build_metrics, terminal_table, write_reports
    from extractor.harness import evaluate
    from extractor.output import ensure_folder

    def say(message: str) -> None:
        err.print(message, highlight=False, soft_wrap=True)

    setup_logging(verbose, quiet)
    settings = make_settings(backend, ocr=ocr)
    try:
        ensure_folder(out_dir)  # before the run: -o naming a file fails now, not after the eval
        thresholds = parse_fail_under(fail_under or [])
        base = load_metrics(baseline) if baseline is not None else None
        with Progress(
            TextColumn("eval"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.description}"),
            TimeElapsedColumn(),
            console=err.console,
            transient=True,
            disable=quiet,
        ) as progress:
            task = progress.add_task("", total=None)

            def tick(done: int, total: int, document: str) -> None:
                progress.update(task, completed=done, total=total, description=document)

            run = evaluate(
                gold,
                docs,
                settings=settings,
                backend=backend,
                results_dir=results,
                on_progress=tick,
                injections=injections,
            )
        metrics = build_metrics(run)
        comparison = compare(base, metrics, path=baseline) if base is not None else None
        failures = check_fail_under(metrics, thresholds)
    except ExtractorError as exc:
        raise fail(exc) from exc

    try:
        mpath, rpath = write_reports(metrics, out_dir, comparison.to_markdown() if comparison else None)
    except OSError as exc:
        raise fail(OutputError.from_os_error(exc, out_dir, doing="write the reports into")) from exc
    for w in run.warnings:
        say(f"[yellow]warning[/yellow]: {escape(w)}")
    if not quiet:
        out.print(terminal_table(metrics))
        if run.injected is not None:
            from extractor.evaluate.injected import markdown as injected_markdown

            out.print("\n".join(injected_markdown(run.injected)), highlight=False, soft_wrap=True)
        out.print(f"wrote {mpath} and {rpath}", highlight=False, soft_wrap=True)
    if comparison is not None:
        for w in comparison.warnings:
            say(f"[yellow]warning[/yellow]: {escape(w)}")
        changed = [d for d in comparison.deltas if d.delta]
        if not quiet or comparison.regressions:
            for d in changed:
                mark = "[red]regression[/red]" if d.regressed else ""
                say(f"  {d.metric}: {d.baseline} → {d.current} ({d.delta:+.4f}) {mark}")
            for label, items in (("newly wrong", comparison.newly_wrong), ("newly right", comparison.newly_right)):
                if items:
                    say(f"  {label}: {len(items)}")
                    for o in items[: 20 if not quiet else 10]:
                        say(escape(f"    {o['document']} {o['id']}: {o['was']} → {o['now']}"))
        if not quiet and not comparison.regressions:
            say(f"no regression against {baseline}")
    if run.errors:
        for e in run.errors:
            say(f"[red]error[/red]: {escape(e)}")
        raise fail(EvaluationError(f"{len(run.errors)} document(s) failed to extract; scores are incomplete"))
    regressed = bool(failures) or bool(comparison and comparison.regressions)
    for f in failures:
        say(f"[red]regression[/red]: {f}")
    if comparison is not None and comparison.regressions:
        names = ", ".join(d.metric for d in comparison.regressions)
        say(f"[red]regression[/red] against {baseline}: {names}")
    raise typer.Exit(EXIT_REGRESSION if regressed else 0)
