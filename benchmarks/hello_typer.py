"""The floor for any Typer tool: a minimal hello-world app, timed by ``benchmarks/run.py``.

Run as ``python benchmarks/hello_typer.py [--name NAME]``; prints ``Hello NAME``.
"""

from __future__ import annotations

import typer

app = typer.Typer(add_completion=False)


@app.command()
def hello(name: str = "World") -> None:
    """Say hello."""
    typer.echo(f"Hello {name}")


if __name__ == "__main__":
    app()
