"""``pmoplan prices export``: the price sheet an L&D team fills in with its negotiated prices."""

from __future__ import annotations

import typer

from pmoplan.cli.options import ForceOption, OutputPathOption, catalogue

prices_app = typer.Typer(
    help="Price sheets: export every course offering with its price; apply one with --prices FILE.",
    no_args_is_help=True,
)


def export(ctx: typer.Context, output: OutputPathOption = None, force: ForceOption = False) -> None:
    """Every course offering with its current price, as CSV to fill in and apply with --prices.

    Example: pmoplan prices export -o prices.csv
    Then edit the prices and plan with them: pmoplan --prices prices.csv plan --level 2
    """
    from pmoplan.cli.output import emit
    from pmoplan.price_sheet import export_sheet

    emit(export_sheet(catalogue(ctx)), output=output, force=force, what="price sheet")


def register(app: typer.Typer) -> None:
    """Add the ``prices`` command group to the application."""
    prices_app.command("export")(export)
    app.add_typer(prices_app, name="prices")
