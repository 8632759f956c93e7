"""``python -m eventplan`` and the ``eventplan`` command's entry point.

The command line is imported inside :func:`run`, so that Ctrl-C while the package is still
loading (the first second of start-up) ends the command as quietly as Ctrl-C later on.
"""

import sys


def run() -> int:
    """Run the ``eventplan`` command on the process arguments; the exit code."""
    try:
        from eventplan.cli import main

        return main()
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(run())
