"""Allow ``python -m pmoplan``."""

from pmoplan.cli import main

if __name__ == "__main__":
    main()
