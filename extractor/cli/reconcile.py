"""``extractor reconcile RESULT.json...``: re-check result files and show what they break.

Each file is read as a ``cn-budget-report/1`` result, its findings and checks are recomputed
from its figures (so an edited or older result is checked by today's rules), and a table of
findings is printed. ``--out DIR`` writes the re-checked results.

Exit codes: 0 no material finding (or ``--no-fail``); 4
(:data:`~extractor.errors.EXIT_FINDINGS`) material findings; 10 a file is not a readable
result (the other files are still checked).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from extractor.errors import EXIT_FINDINGS, ExtractorError, InputError

__all__ = ["reconcile_cmd"]

from extractor.cli.common import (
    FormatOpt,
    Quiet,
    Verbose,
    err,
    exit_code_for,
    fail,
    out,
    print_error,
    setup_logging,
)

if TYPE_CHECKING:  # imported when a command runs: the CLI starts fast
    from extractor.result import Finding, Result


def _load(path: Path) -> Result:
    from pydantic import ValidationError

    from extractor.result import Result

    try:
        return Result.from_json(path.read_bytes())
    except OSError as exc:
        raise InputError(f"cannot read result file: {exc.strerror or exc}", path=path) from exc
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(map(str, first["loc"])) or "<file>"
        raise InputError(f"not a cn-budget-report/1 result: {where}: {first['msg']}", path=path) from exc


def _culprit(f: Finding) -> str:
    c = f.culprit
    if c is None:
        return "undetermined" if f.undetermined else ""
    from extractor.reconcile.messages import fmt, name_en

    fix = f" → {fmt(c.suggested)}" if c.suggested is not None else ""
    sig = f" ({c.signature})" if c.signature else ""
    return f"{name_en(c)} {fmt(c.value) if c.value is not None else '?'}{fix}{sig}"


def reconcile_cmd(
    paths: Annotated[list[Path], typer.Argument(help="Result files written by `extractor extract`.")],
    no_fail: Annotated[bool, typer.Option("--no-fail", help="Exit 0 even when material findings exist.")] = False,
    out_dir: Annotated[Path | None, typer.Option("--out", "-o", help="Write re-checked results to OUT/<name>.")] = None,
    fmt: FormatOpt = "json",
    verbose: Verbose = 0,
    quiet: Quiet = False,
) -> None:
    """Re-check the arithmetic of result files; exit 4 when material findings exist."""
    from rich.table import Table

    from extractor.reconcile import reconcile

    setup_logging(verbose, quiet)
    failures: list[ExtractorError] = []
    material = rounding = checked = 0
    table = Table(show_lines=False)
    for col in ("file", "severity", "kind", "rule", "culprit → fits", "message"):
        table.add_column(col, overflow="fold", ratio=3 if col == "message" else 1)
    writer = None
    if out_dir is not None:
        from extractor.output import ensure_folder, open_writer

        try:
            writer = open_writer(fmt, ensure_folder(out_dir))
        except ExtractorError as exc:
            raise fail(exc) from exc
    for path in paths:
        try:
            result = reconcile(_load(path))
        except ExtractorError as exc:
            failures.append(exc)
            print_error(exc.kind, exc.one_line())
            continue
        checked += 1
        if writer is not None:
            try:
                writer.write(result, name=path.stem)
            except ExtractorError as exc:
                raise fail(exc) from exc
        for f in sorted(result.findings, key=lambda f: (f.severity != "material", f.kind, f.rule)):
            material += f.severity == "material"
            rounding += f.severity == "rounding"
            table.add_row(path.stem, f.severity, f.kind, f.rule, _culprit(f), f.message)
        if verbose:
            statuses = [c.status for c in result.checks]
            err.print(
                f"{path}: {statuses.count('passed')} passed, {statuses.count('failed')} failed, "
                f"{statuses.count('not_run')} not run",
                highlight=False,
            )
    if writer is not None:
        try:
            writer.close()
        except ExtractorError as exc:
            raise fail(exc) from exc
    if not quiet and table.row_count:
        out.print(table)
    out.print(
        f"{checked} result(s) checked: {material} material, {rounding} rounding finding(s)"
        + (f", {len(failures)} unreadable" if failures else ""),
        highlight=False,
    )
    if failures:
        raise typer.Exit(exit_code_for(failures))
    raise typer.Exit(EXIT_FINDINGS if material and not no_fail else 0)
