"""Allow ``python -m pmoplan``."""

from pmoplan.console import main

if __name__ == "__main__":
    main()
