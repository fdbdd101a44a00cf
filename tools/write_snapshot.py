"""``make snapshot``: rewrite data/catalogue.snapshot.json after editing data/levels.yaml or courses.yaml.

The writer lives here, not in the package: the program only ever reads the snapshot, and keeping
the writer out of :mod:`pmoplan.catalogue_snapshot` keeps that module below the loader.
"""

from __future__ import annotations

import sys
from pathlib import Path

from pmoplan.atomic import atomic_write
from pmoplan.catalogue_snapshot import SNAPSHOT_FILE, render, snapshot_document
from pmoplan.errors import PmoplanError
from pmoplan.loading import load_catalogue_from_yaml, shipped_data_dir


def write_snapshot(data_dir: Path | None = None) -> Path:
    """Rewrite the snapshot from the YAML in ``data_dir`` (the shipped data by default).

    Raises :class:`~pmoplan.errors.InputError` (and writes nothing) if the catalogue has a problem.
    """
    folder = data_dir if data_dir is not None else shipped_data_dir()
    catalogue = load_catalogue_from_yaml(folder)
    target = folder / SNAPSHOT_FILE
    atomic_write(target, render(snapshot_document(catalogue, folder)))
    return target


def main(argv: list[str]) -> int:
    """Write the snapshot for the folder in ``argv`` (default: the shipped data); 1 on a bad catalogue."""
    try:
        written = write_snapshot(Path(argv[0]) if argv else None)
    except PmoplanError as error:
        sys.stderr.write(f"pmoplan: error: {error}\n")
        return 1
    sys.stderr.write(f"wrote {written}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
