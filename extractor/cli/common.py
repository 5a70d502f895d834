"""What every command shares: the consoles, the flags defined once, logging, settings from
flags, exit codes, and the one-line summary of a result."""

from __future__ import annotations

import functools
import logging
import sys
from typing import TYPE_CHECKING, Annotated, Any

import typer

from extractor.errors import EXIT_MIXED, ExtractorError, RedactingFilter
from extractor.output import FORMATS
from extractor.result import Result
from extractor.settings import Settings, load_settings

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table

__all__ = [
    "BackendOpt",
    "FormatOpt",
    "OcrOpt",
    "Quiet",
    "Verbose",
    "err",
    "exit_code_for",
    "fail",
    "make_settings",
    "out",
    "print_error",
    "print_warning",
    "setup_logging",
    "summarise",
    "summary_table",
]


class _Terminal:
    """A rich console made when first printed to: a run that prints nothing to the terminal
    (``extract`` writing JSON, ``-q``) does not import rich (start-up time)."""

    def __init__(self, *, stderr: bool) -> None:
        self._stderr = stderr

    @functools.cached_property
    def console(self) -> Console:
        from rich.console import Console

        if self._stderr:  # soft_wrap: an error is one line however long (a log reader greps it)
            return Console(stderr=True, soft_wrap=True)
        return Console(width=None if sys.stdout.isatty() else 160)

    def print(self, *objects: Any, **kwargs: Any) -> None:
        self.console.print(*objects, **kwargs)


err = _Terminal(stderr=True)
out = _Terminal(stderr=False)

Verbose = Annotated[int, typer.Option("--verbose", "-v", count=True, help="More logging (-vv for debug).")]
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="Only errors.")]
BackendOpt = Annotated[
    str | None,
    typer.Option("--backend", "-b", help="auto | rules | llm | hybrid (auto: rules unless EXTRACTOR_BASE_URL is set)."),
]
OcrOpt = Annotated[
    str | None,
    typer.Option(
        "--ocr",
        help="auto (pages without a usable text layer, and images) | always | never; default EXTRACTOR_OCR or auto.",
    ),
]
FormatOpt = Annotated[
    str, typer.Option("--format", "-f", help=f"Output format: {' | '.join(FORMATS)} (csv: facts.csv + findings.csv).")
]


def print_error(kind: str, line: str) -> None:
    """``error [Kind]: <file>: <reason>`` on one line of stderr (file names are not markup)."""
    from rich.markup import escape

    err.print(f"[red]error[/red] [{kind}]: {escape(line)}".replace("\n", " "), highlight=False)


def print_warning(line: str) -> None:
    """``warning: <line>`` on stderr (the line is not markup)."""
    from rich.markup import escape

    err.print(f"[yellow]warning[/yellow]: {escape(line)}", highlight=False)


def fail(exc: ExtractorError) -> typer.Exit:
    """Print a typed error on one line and return the exit carrying its code."""
    print_error(exc.kind, exc.one_line())
    return typer.Exit(exc.exit_code)


def setup_logging(verbose: int, quiet: bool) -> None:
    level = logging.ERROR if quiet else (logging.WARNING, logging.INFO, logging.DEBUG)[min(verbose, 2)]
    logging.basicConfig(level=level, stream=sys.stderr, format="%(levelname)s %(name)s: %(message)s", force=True)
    for handler in logging.getLogger().handlers:  # no secret in a log line, whatever a server echoed
        handler.addFilter(RedactingFilter())
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
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}={e.get('input')!r}: {e['msg']}" for e in exc.errors())
        err.print(f"[red]error[/red] [ConfigError]: bad settings: {problems}", markup=True, highlight=False)
        raise typer.Exit(20) from exc


def summary_table(rows: list[dict[str, object]]) -> Table:
    from rich.table import Table

    table = Table(title=None, show_lines=False)
    for col in ("document", "org", "year", "kind", "facts", "projects", "indicators", "findings", "dropped", "s"):
        table.add_column(col, justify="right" if col not in ("document", "org", "kind") else "left")
    for r in rows:
        table.add_row(
            *(
                str(r.get(k, ""))
                for k in (
                    "document",
                    "org",
                    "year",
                    "kind",
                    "facts",
                    "projects",
                    "indicators",
                    "findings",
                    "dropped",
                    "s",
                )
            )
        )
    return table


def summarise(result: Result) -> dict[str, object]:
    material = sum(f.severity == "material" for f in result.findings)
    kinds = {
        "department_performance_self_evaluation": "self-eval",
        "department_final_accounts": "final-accounts",
        "department_budget": "budget",
        "project_performance_self_evaluation": "project-eval",
        "other": "other",
    }
    return {
        "document": result.document,
        "org": result.org_name or "—",
        "year": result.fiscal_year or "—",
        "kind": kinds.get(result.report_kind, result.report_kind),
        "facts": len(result.facts),
        "projects": len([p for p in result.projects if p.is_project]),
        "indicators": len(result.indicators),
        "findings": f"{material}/{len(result.findings)}",
        "dropped": result.provenance.counters.get("dropped_ungrounded", 0),
        "s": f"{sum(result.provenance.timings.values()):.2f}",
    }
