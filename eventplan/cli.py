"""The ``eventplan`` command: parses arguments and hands over to one subcommand module.

Exit codes: 0 done, 2 invalid input or usage, 3 uncovered critical need with ``--strict``,
1 anything else. User-facing errors never show a traceback.

Start-up stays short: a command module imports only argparse-level things at its top and the
rest when it runs, and only the subcommand named on the command line gets its arguments (a
command may import a little of the package to describe them).
"""

from __future__ import annotations

import argparse
import importlib
import os
import signal
import sys
import threading
from collections.abc import Sequence
from types import ModuleType

from eventplan import __version__
from eventplan.commands.problems import print_problems
from eventplan.errors import InputError
from eventplan.i18n import Texts

#: Subcommand modules in the order ``--help`` lists them.
COMMANDS: tuple[str, ...] = (
    "validate",
    "solve",
    "check",
    "replan",
    "map",
    "sheet",
    "whatif",
    "venue",
    "generate",
    "archive",
    "calendar",
)

EXIT_OK, EXIT_FAILURE, EXIT_INPUT, EXIT_STRICT = 0, 1, 2, 3


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # usage errors exit 2 without a traceback
        self.print_usage(sys.stderr)
        self.exit(EXIT_INPUT, f"{self.prog}: error: {message}\n")


def _load_commands() -> list[ModuleType]:
    return [importlib.import_module(f"eventplan.commands.{name}") for name in COMMANDS]


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser of the ``eventplan`` command.

    Parameters
    ----------
    command
        The subcommand that will parse the rest of the line: only it gets its arguments
        (every subcommand is still listed). None gives every subcommand its arguments.
    """
    parser = _Parser(
        prog="eventplan",
        description="Plan the security deployment of a large public event.",
    )
    parser.add_argument("--version", action="version", version=f"eventplan {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for module in _load_commands():
        cmd = sub.add_parser(module.NAME, help=module.HELP, description=module.HELP)
        if command is None or command == module.NAME:
            module.add_arguments(cmd)
        cmd.set_defaults(_run=module.run)
    return parser


def _command_named(argv: Sequence[str]) -> str:
    """The subcommand of a command line: its first word that is not an option ("" if none).

    The top-level options (``--help``, ``--version``) take no value, so this is the word the
    parser will hand the rest of the line to.
    """
    return next((word for word in argv if not word.startswith("-")), "")


def _terminated(signum: int, _frame: object) -> None:
    """SIGTERM unwinds like an error: temporary files, solver workers and locks are cleaned
    up on the way out, and no output is left half-written."""
    raise SystemExit(128 + signum)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``eventplan`` command on ``argv`` (default: the process arguments); the exit code.

    Ctrl-C at any point, while the parser and the command's modules load included, ends it
    with "interrupted" and exit code 1; SIGTERM unwinds it (see :func:`_terminated`).
    """
    if threading.current_thread() is not threading.main_thread():
        return _interruptible(argv)
    previous = signal.signal(signal.SIGTERM, _terminated)
    try:
        return _interruptible(argv)
    finally:
        signal.signal(signal.SIGTERM, previous)


def _interruptible(argv: Sequence[str] | None) -> int:
    try:
        return _run(list(sys.argv[1:] if argv is None else argv))
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return EXIT_FAILURE


def _run(words: list[str]) -> int:
    parser = build_parser(_command_named(words))
    try:
        args = parser.parse_args(words)
    except SystemExit as done:  # --help, --version and usage errors end here
        return done.code if isinstance(done.code, int) else EXIT_INPUT
    if not getattr(args, "_run", None):
        parser.print_help()
        return EXIT_INPUT
    t = Texts(getattr(args, "lang", "en"))  # a command without --lang speaks English
    try:
        return int(args._run(args))
    except InputError as error:
        print_problems(error, t)
        return EXIT_INPUT
    except KeyboardInterrupt:
        print(t("cli.interrupted"), file=sys.stderr)
        return EXIT_FAILURE
    except BrokenPipeError:
        # The reader (``| head``) has gone: stop quietly, as command-line tools do, and keep
        # the interpreter's exit from failing on the same closed pipe.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_FAILURE
    except (OSError, MemoryError) as error:
        print(t("cli.error", error=t.message(str(error))), file=sys.stderr)
        return EXIT_FAILURE


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
