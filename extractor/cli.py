"""Command line: ``extractor extract|eval|reconcile|batch|serve``.

Logs go to stderr; results go to files (``-o``) or stdout. Each error class maps to its
own exit code (see :mod:`extractor.errors`); a bad file never stops the others.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from extractor._version import __version__
from extractor.errors import EXIT_MIXED, ExtractorError, InternalError
from extractor.settings import Settings, load_settings

app = typer.Typer(
    name="extractor",
    help="Grounded, reconciled numbers from Chinese budget and performance reports.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
err = Console(stderr=True)
out = Console(width=None if sys.stdout.isatty() else 160)

Verbose = Annotated[int, typer.Option("--verbose", "-v", count=True, help="More logging (-vv for debug).")]
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="Only errors.")]
BackendOpt = Annotated[
    str | None,
    typer.Option("--backend", "-b", help="auto | rules | llm | hybrid (auto: llm when a model endpoint is set)."),
]


def setup_logging(verbose: int, quiet: bool) -> None:
    level = logging.ERROR if quiet else (logging.WARNING, logging.INFO, logging.DEBUG)[min(verbose, 2)]
    logging.basicConfig(level=level, stream=sys.stderr, format="%(levelname)s %(name)s: %(message)s", force=True)
    if verbose < 2:
        # instructor logs each exhausted retry at ERROR; our own typed error already says it once
        logging.getLogger("instructor").setLevel(logging.CRITICAL)


def exit_code_for(errors: list[ExtractorError]) -> int:
    """The failing class's code when all failures share one, else EXIT_MIXED."""
    if not errors:
        return 0
    codes = {e.exit_code for e in errors}
    return codes.pop() if len(codes) == 1 else EXIT_MIXED


def make_settings(backend: str | None = None, **kw: object) -> Settings:
    from pydantic import ValidationError

    try:
        return load_settings(backend=backend, **kw)
    except ValidationError as exc:  # bad flag or EXTRACTOR_* value
        problems = "; ".join(
            f"{'.'.join(map(str, e['loc']))}={e.get('input')!r}: {e['msg']}" for e in exc.errors()
        )
        err.print(f"[red]error[/red] [ConfigError]: bad settings: {problems}", markup=True, highlight=False)
        raise typer.Exit(20) from exc


def summary_table(rows: list[dict[str, object]]) -> Table:
    table = Table(title=None, show_lines=False)
    for col in ("document", "org", "year", "kind", "facts", "projects", "indicators", "findings", "dropped", "s"):
        table.add_column(col, justify="right" if col not in ("document", "org", "kind") else "left")
    for r in rows:
        table.add_row(*(str(r.get(k, "")) for k in
                        ("document", "org", "year", "kind", "facts", "projects", "indicators", "findings", "dropped",
                         "s")))
    return table


def summarise(result) -> dict[str, object]:
    material = sum(f.severity == "material" for f in result.findings)
    kinds = {
        "department_performance_self_evaluation": "self-eval",
        "department_final_accounts": "final-accounts",
        "project_performance_self_evaluation": "project-eval",
        "other": "other",
    }
    return {
        "document": result.document,
        "org": result.org_name or "—",
        "year": result.fiscal_year or "—",
        "kind": kinds.get(result.report_kind, result.report_kind),
        "facts": len(result.facts),
        "projects": len([p for p in result.projects if not p.is_total]),
        "indicators": len(result.indicators),
        "findings": f"{material}/{len(result.findings)}",
        "dropped": result.provenance.counters.get("dropped_ungrounded", 0),
        "s": f"{sum(result.provenance.timings.values()):.2f}",
    }


@app.command("extract")
def extract_cmd(
    paths: Annotated[list[Path], typer.Argument(help="Documents: .txt .md .docx .pdf")],
    out_dir: Annotated[Path | None, typer.Option("--out", "-o", help="Write OUT/<stem>.json per document.")] = None,
    backend: BackendOpt = None,
    verbose: Verbose = 0,
    quiet: Quiet = False,
) -> None:
    """Extract facts, projects and indicators with evidence, and reconcile them."""
    setup_logging(verbose, quiet)
    from extractor.backends import get_backend
    from extractor.pipeline import extract

    settings = make_settings(backend)
    try:
        be = get_backend(settings.backend, settings)
    except ExtractorError as exc:
        err.print(f"[red]error[/red]: {exc.one_line()}")
        raise typer.Exit(exc.exit_code) from exc
    if out_dir is None and len(paths) > 1:
        err.print("[red]error[/red]: several documents need --out DIR (one JSON file each)")
        raise typer.Exit(2)
    if out_dir is not None:
        out_dir.mkdir(parents=True, exist_ok=True)
    failures: list[ExtractorError] = []
    rows = []
    for path in paths:
        try:
            result = extract(path, backend=be, settings=settings)
        except ExtractorError as exc:
            failures.append(exc)
            err.print(f"[red]error[/red] [{exc.kind}]: {exc.one_line()}")
            continue
        except Exception as exc:  # a bug in us must not lose the other documents
            bug = InternalError(f"internal error: {type(exc).__name__}: {exc}", path=path)
            logging.getLogger(__name__).debug("internal error", exc_info=True)
            failures.append(bug)
            err.print(f"[red]error[/red] [InternalError]: {bug.one_line()}")
            continue
        for w in result.provenance.warnings:
            err.print(f"[yellow]warning[/yellow]: {path}: {w}")
        if out_dir is None:
            sys.stdout.write(result.to_json() + "\n")
        else:
            (out_dir / f"{path.stem}.json").write_text(result.to_json() + "\n", encoding="utf-8")
            rows.append(summarise(result))
    if rows and not quiet:
        out.print(summary_table(rows))
        out.print(f"{len(rows)} written to {out_dir}/, {len(failures)} failed")
    raise typer.Exit(exit_code_for(failures))


@app.callback(invoke_without_command=True)
def _root(
    version: Annotated[bool, typer.Option("--version", help="Print the version and exit.")] = False,
) -> None:
    if version:
        out.print(f"extractor {__version__}")
        raise typer.Exit(0)


# --- commands owned by their stages' modules are registered here ---------------------------
# (each module defines a typer command function; importing it here keeps stages free of the CLI)
from extractor.cli_eval import eval_cmd  # noqa: E402

app.command("eval")(eval_cmd)
from extractor.cli_batch import batch_cmd  # noqa: E402

app.command("batch")(batch_cmd)
from extractor.cli_reconcile import reconcile_cmd  # noqa: E402

app.command("reconcile")(reconcile_cmd)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
