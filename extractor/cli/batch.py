"""``extractor batch``: extract many documents into a folder, with a manifest and resume."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from extractor.batch import BatchSummary
from extractor.cli.common import (
    BackendOpt,
    FormatOpt,
    Quiet,
    Verbose,
    err,
    fail,
    make_settings,
    out,
    setup_logging,
)
from extractor.errors import EXIT_MIXED, ExtractorError


def batch_cmd(
    paths: Annotated[list[Path], typer.Argument(help="Documents and/or folders (searched recursively).")],
    out_dir: Annotated[Path, typer.Option("--out", "-o", help="OUT/<name>.json per document + manifest.jsonl.")],
    backend: BackendOpt = None,
    fmt: FormatOpt = "json",
    workers: Annotated[int, typer.Option("--workers", "-j", min=1, help="Worker processes.")] = 1,
    resume: Annotated[bool, typer.Option("--resume/--no-resume", help="Skip documents already done.")] = True,
    verbose: Verbose = 0,
    quiet: Quiet = False,
) -> None:
    """Extract many documents; one bad file never loses the others' results.

    Each document's result is always kept as OUT/<name>.json (the state resume reads);
    ``--format jsonl|csv`` also collects every result into OUT/results.jsonl or
    OUT/facts.csv + OUT/findings.csv at the end."""
    from extractor.backends import get_backend
    from extractor.batch import BatchItem, discover, run_batch

    setup_logging(verbose, quiet)
    settings = make_settings(backend)
    try:
        get_backend(settings.backend, settings)  # fail fast on a bad backend or configuration
    except ExtractorError as exc:
        err.print(f"[red]error[/red] [{exc.kind}]: {exc.one_line()}")
        raise typer.Exit(exc.exit_code) from exc
    total = len(discover(paths))
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=err, disable=quiet, transient=True) as progress:
        task = progress.add_task("extracting", total=total)

        def on_item(item: BatchItem) -> None:
            progress.advance(task)
            if item.status == "failed" and item.error:
                err.print(f"[red]error[/red] [{item.error['error']}]: {item.path}: {item.error['message']}")

        summary = run_batch(paths, out_dir, settings=settings, backend=settings.backend, workers=workers,
                            resume=resume, on_item=on_item)
    if fmt != "json":
        _collect(summary, out_dir, fmt)
    if not quiet:
        out.print(f"{summary.count('ok')} extracted, {summary.count('skipped')} already done, "
                  f"{summary.count('failed')} failed → {out_dir}/ (manifest: {out_dir}/manifest.jsonl)")
    codes = {i.error["exit_code"] for i in summary.failed if i.error}
    raise typer.Exit(0 if not codes else codes.pop() if len(codes) == 1 else EXIT_MIXED)


def _collect(summary: BatchSummary, out_dir: Path, fmt: str) -> None:
    """Every document's result (done now or by an earlier run) into one collected output."""
    from extractor.output import open_writer
    from extractor.result import Result

    try:
        with open_writer(fmt, out_dir) as writer:
            for item in summary.items:
                if item.status in ("ok", "skipped") and item.output:
                    writer.write(Result.from_json(Path(item.output).read_bytes()))
    except ExtractorError as exc:
        raise fail(exc) from exc
