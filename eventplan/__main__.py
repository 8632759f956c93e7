"""``python -m eventplan`` and the ``eventplan`` command's entry point.

The command line is imported inside :func:`run`, so that Ctrl-C while the package is still
loading (the first second of start-up) ends the command as quietly as Ctrl-C later on; once
the command is done, Ctrl-C is ignored, so that it cannot interrupt the interpreter's exit.
"""

import signal
import sys


def run() -> int:
    """Run the ``eventplan`` command on the process arguments; the exit code."""
    try:
        try:
            from eventplan.cli import main

            return main()
        except KeyboardInterrupt:
            print("interrupted", file=sys.stderr)
            return 1
        finally:
            signal.signal(signal.SIGINT, signal.SIG_IGN)
    except KeyboardInterrupt:  # it came while the command was being wound up
        print("interrupted", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(run())
