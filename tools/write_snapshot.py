"""``make snapshot``: rewrite data/catalogue.snapshot.json after editing data/levels.yaml or courses.yaml."""

from __future__ import annotations

import sys
from pathlib import Path

from pmoplan.catalogue_snapshot import write_snapshot
from pmoplan.errors import PmoplanError


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
