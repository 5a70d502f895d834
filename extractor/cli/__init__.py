"""Command line: ``extractor extract|eval|reconcile|batch``.

Logs go to stderr; results go to files (``-o``) or stdout, in the format ``--format`` names.
Each error class maps to its own exit code (see :mod:`extractor.errors`); a bad file never
stops the others. One module per command; what they share is :mod:`extractor.cli.common`.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Sequence
from typing import Annotated

import typer

from extractor._version import __version__

COMMANDS: dict[str, str] = {
    "extract": "extractor.cli.extract:extract_cmd",
    "eval": "extractor.cli.eval:eval_cmd",
    "batch": "extractor.cli.batch:batch_cmd",
    "reconcile": "extractor.cli.reconcile:reconcile_cmd",
}
"""Each command and where it lives: a run imports only the command it runs (start-up time)."""


def _root(
    version: Annotated[bool, typer.Option("--version", help="Print the version and exit.")] = False,
) -> None:
    if version:
        print(f"extractor {__version__}")
        raise typer.Exit(0)


def build_app(only: str | None = None) -> typer.Typer:
    """The CLI with every command, or with ``only`` that one (the rest are not imported)."""
    app = typer.Typer(
        name="extractor",
        help="Grounded, reconciled numbers from Chinese budget and performance reports.",
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
    )
    app.callback(invoke_without_command=True)(_root)
    for name, target in COMMANDS.items():
        if only is None or name == only:
            module, _, attr = target.partition(":")
            app.command(name)(getattr(importlib.import_module(module), attr))
    return app


def main(argv: Sequence[str] | None = None) -> None:
    args = list(sys.argv[1:] if argv is None else argv)
    command = args[0] if args and args[0] in COMMANDS else None
    build_app(command)(args=args, prog_name="extractor")


def __getattr__(name: str) -> typer.Typer:
    """``extractor.cli.app``: the whole CLI (for tests and embedding), built on first access."""
    if name == "app":
        return build_app()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


if __name__ == "__main__":
    main()
