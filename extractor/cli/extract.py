"""``extractor extract``: documents → results (stdout for one, ``--out DIR`` for many)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Annotated

import typer

from extractor.cli.common import (
    BackendOpt,
    FormatOpt,
    OcrOpt,
    Quiet,
    Verbose,
    exit_code_for,
    fail,
    make_settings,
    out,
    print_error,
    print_warning,
    setup_logging,
    summarise,
    summary_table,
)
from extractor.errors import ExtractorError, InternalError

__all__ = ["extract_cmd"]

OutDir = Annotated[
    Path | None,
    typer.Option(
        "--out", "-o", help="Write into OUT/ (json: OUT/<stem>.json each; inputs with one stem keep their folders)."
    ),
]


def extract_cmd(
    paths: Annotated[list[Path], typer.Argument(help="Documents: .txt .md .docx .pdf .png .jpg .tif", readable=False)],
    out_dir: OutDir = None,
    backend: BackendOpt = None,
    ocr: OcrOpt = None,
    fmt: FormatOpt = "json",
    verbose: Verbose = 0,
    quiet: Quiet = False,
) -> None:
    """Extract facts, projects and indicators with evidence, and reconcile them."""
    setup_logging(verbose, quiet)
    from extractor.backends import get_backend
    from extractor.batch import name_files
    from extractor.output import ensure_folder, open_writer
    from extractor.pipeline import extract

    settings = make_settings(backend, ocr=ocr)
    if out_dir is None and len(paths) > 1 and fmt == "json":
        print_error("ConfigError", "several documents need --out DIR (one JSON file each) or --format jsonl")
        raise typer.Exit(2)
    try:
        be = get_backend(settings.backend, settings)
        if out_dir is not None:
            ensure_folder(out_dir)
        writer = open_writer(fmt, out_dir)
    except ExtractorError as exc:
        raise fail(exc) from exc
    names = name_files(paths)  # one output per input: two report.pdf keep their folders
    failures: list[ExtractorError] = []
    rows: list[dict[str, object]] = []
    try:
        with writer:
            for path in paths:
                try:
                    result = extract(path, backend=be, settings=settings)
                    for w in result.provenance.warnings:
                        print_warning(f"{path}: {w}")
                    writer.write(result, name=names[path])
                except ExtractorError as exc:
                    if exc.path is None:  # a model or output error names the document it belongs to
                        exc.path = str(path)
                    failures.append(exc)
                    print_error(exc.kind, exc.one_line())
                    continue
                except Exception as exc:  # a bug in us must not lose the other documents
                    bug = InternalError(f"internal error: {type(exc).__name__}: {exc}", path=path)
                    logging.getLogger(__name__).debug("internal error", exc_info=True)
                    failures.append(bug)
                    print_error(bug.kind, bug.one_line())
                    continue
                if out_dir is not None:
                    rows.append(summarise(result))
    except ExtractorError as exc:  # the collected output (jsonl, csv) could not be written
        raise fail(exc) from exc
    if rows and not quiet:
        out.print(summary_table(rows))
        out.print(f"{len(rows)} written to {out_dir}/, {len(failures)} failed")
    raise typer.Exit(exit_code_for(failures))
