"""``pmoplan prices export``: the price sheet an L&D team fills in with its negotiated prices."""

from __future__ import annotations

import typer

from pmoplan.cli.options import ForceOption, OutputPathOption, catalogue, notice, write_text

prices_app = typer.Typer(
    help="Price sheets: export every course offering with its price; apply one with --prices FILE.",
    no_args_is_help=True,
)


def export(ctx: typer.Context, output: OutputPathOption = None, force: ForceOption = False) -> None:
    """Every course offering with its current price, as CSV to fill in and apply with --prices.

    Example: pmoplan prices export -o prices.csv; edit it; pmoplan --prices prices.csv plan --level 2
    """
    from pmoplan.price_sheet import export_sheet

    text = export_sheet(catalogue(ctx))
    if output is None:
        write_text(text)
        return
    from pmoplan.atomic import write_output
    from pmoplan.cli.options import price_sheet

    sheet = price_sheet(ctx)
    write_output(output, text, force=force, inputs=(sheet,) if sheet is not None else ())
    notice(f"price sheet written to {output}")


def register(app: typer.Typer) -> None:
    """Add the ``prices`` command group to the application."""
    prices_app.command("export")(export)
    app.add_typer(prices_app, name="prices")
