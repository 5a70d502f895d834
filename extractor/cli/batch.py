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
    OcrOpt,
    Quiet,
    Verbose,
    err,
    fail,
    make_settings,
    out,
    print_error,
    setup_logging,
)
from extractor.errors import EXIT_MIXED, ExtractorError, OutputError

__all__ = ["batch_cmd"]


def batch_cmd(
    out_dir: Annotated[
        Path,
        typer.Option("--out", "-o", help="OUT/<path>.json per document (the input tree mirrored) + manifest.jsonl."),
    ],
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="Documents and/or folders (searched recursively; hidden files left out).", readable=False),
    ] = None,
    backend: BackendOpt = None,
    ocr: OcrOpt = None,
    fmt: FormatOpt = "json",
    workers: Annotated[
        int | None,
        typer.Option("--workers", "-j", min=1, help="Worker processes (default: the CPUs available, at most 4)."),
    ] = None,
    resume: Annotated[
        bool, typer.Option("--resume/--no-resume", help="Skip documents whose same content is already done.")
    ] = True,
    compact: Annotated[
        bool,
        typer.Option(
            "--compact", help="Rewrite manifest.jsonl to one row per document (after the run; alone without PATHS)."
        ),
    ] = False,
    verbose: Verbose = 0,
    quiet: Quiet = False,
) -> None:
    """Extract many documents; one bad file (or a dead worker) never loses the others' results.

    Each document's result is always kept as OUT/<path>.json (the state resume reads);
    ``--format jsonl|csv`` also collects every result into OUT/results.jsonl or
    OUT/facts.csv + OUT/findings.csv at the end. One batch at a time per OUT (a lock file);
    exit 52 when another holds it."""
    from extractor.backends import get_backend
    from extractor.batch import BatchItem, compact_folder, run_batch

    setup_logging(verbose, quiet)
    if not paths:
        if not compact:
            print_error("ConfigError", "give documents or folders to extract (or --compact to tidy OUT's manifest)")
            raise typer.Exit(20)
        try:
            before, after = compact_folder(out_dir)
        except ExtractorError as exc:
            raise fail(exc) from exc
        if not quiet:
            out.print(f"manifest: {before} rows → {after} (one per document)", highlight=False)
        raise typer.Exit(0)
    settings = make_settings(backend, ocr=ocr)
    try:
        get_backend(settings.backend, settings)  # fail fast on a bad backend or configuration
    except ExtractorError as exc:
        raise fail(exc) from exc
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err.console,
        disable=quiet,
        transient=True,
    ) as progress:
        task = progress.add_task("extracting", total=None)

        def on_item(item: BatchItem) -> None:
            progress.advance(task)
            if item.status == "failed" and item.error:
                print_error(item.error["error"], f"{item.path}: {item.error['message']}")

        try:
            summary = run_batch(
                paths,
                out_dir,
                settings=settings,
                backend=settings.backend,
                workers=workers,
                resume=resume,
                compact_manifest=compact,
                on_start=lambda n: progress.update(task, total=n),
                on_item=on_item,
            )
        except ExtractorError as exc:  # the folder: a file, not writable, held by another batch
            raise fail(exc) from exc
    if fmt != "json" and summary.stopped is None:
        _collect(summary, out_dir, fmt)
    if not quiet:
        unsupported = summary.count("skipped")
        out.print(
            f"{summary.count('ok')} extracted, {summary.count('done')} already done, "
            f"{summary.count('failed')} failed"
            + (f", {unsupported} skipped (unsupported type)" if unsupported else "")
            + (f", {summary.not_attempted} not attempted" if summary.not_attempted else "")
            + f" → {out_dir}/ (manifest: {out_dir}/manifest.jsonl)",
            highlight=False,
        )
    if summary.stopped is not None:
        raise fail(summary.stopped)
    codes = {i.error["exit_code"] for i in summary.failed if i.error}
    raise typer.Exit(0 if not codes else codes.pop() if len(codes) == 1 else EXIT_MIXED)


def _collect(summary: BatchSummary, out_dir: Path, fmt: str) -> None:
    """Every document's result (done now or by an earlier run) into one collected output."""
    from extractor.output import open_writer
    from extractor.result import Result

    try:
        with open_writer(fmt, out_dir) as writer:
            for item in summary.items:
                if item.status in ("ok", "done") and item.output:
                    writer.write(Result.from_json(Path(item.output).read_bytes()))
    except OSError as exc:
        raise fail(OutputError.from_os_error(exc, out_dir, doing="collect results in")) from exc
    except ExtractorError as exc:
        raise fail(exc) from exc
