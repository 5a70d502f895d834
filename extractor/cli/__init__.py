"""Command line: ``extractor extract|eval|reconcile|batch``.

Logs go to stderr; results go to files (``-o``) or stdout, in the format ``--format`` names.
Each error class maps to its own exit code (see :mod:`extractor.errors`); a bad file never
stops the others. One module per command; what they share is :mod:`extractor.cli.common`.
"""

from __future__ import annotations

from typing import Annotated

import typer

from extractor._version import __version__
from extractor.cli.batch import batch_cmd
from extractor.cli.common import out
from extractor.cli.eval import eval_cmd
from extractor.cli.extract import extract_cmd
from extractor.cli.reconcile import reconcile_cmd

app = typer.Typer(
    name="extractor",
    help="Grounded, reconciled numbers from Chinese budget and performance reports.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.command("extract")(extract_cmd)
app.command("eval")(eval_cmd)
app.command("batch")(batch_cmd)
app.command("reconcile")(reconcile_cmd)


@app.callback(invoke_without_command=True)
def _root(
    version: Annotated[bool, typer.Option("--version", help="Print the version and exit.")] = False,
) -> None:
    if version:
        out.print(f"extractor {__version__}")
        raise typer.Exit(0)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
