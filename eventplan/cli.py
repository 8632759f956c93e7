"""The ``eventplan`` command: parses arguments and hands over to one subcommand module.

Exit codes: 0 done, 2 invalid input or usage, 3 uncovered critical need with ``--strict``,
1 anything else. User-facing errors never show a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from types import ModuleType

from eventplan import __version__
from eventplan.errors import InputError

#: Subcommand modules in the order ``--help`` lists them.
COMMANDS: tuple[str, ...] = ("validate", "solve", "check", "map", "whatif", "venue", "generate")

EXIT_OK, EXIT_FAILURE, EXIT_INPUT, EXIT_STRICT = 0, 1, 2, 3


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # usage errors exit 2 without a traceback
        self.print_usage(sys.stderr)
        self.exit(EXIT_INPUT, f"{self.prog}: error: {message}\n")


def _load_commands() -> list[ModuleType]:
    return [importlib.import_module(f"eventplan.commands.{name}") for name in COMMANDS]


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="eventplan",
        description="Plan the security deployment of a large public event.",
    )
    parser.add_argument("--version", action="version", version=f"eventplan {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for module in _load_commands():
        cmd = sub.add_parser(module.NAME, help=module.HELP, description=module.HELP)
        module.add_arguments(cmd)
        cmd.set_defaults(_run=module.run)
    return parser


def print_problems(error: InputError) -> None:
    """Print every problem of an input error to stderr, errors before warnings."""
    for problem in sorted(error.problems, key=lambda p: p.severity != "error"):
        print(problem, file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as done:  # --help, --version and usage errors end here
        return done.code if isinstance(done.code, int) else EXIT_INPUT
    if not getattr(args, "_run", None):
        parser.print_help()
        return EXIT_INPUT
    try:
        return int(args._run(args))
    except InputError as error:
        print_problems(error)
        return EXIT_INPUT
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return EXIT_FAILURE
    except (OSError, MemoryError) as error:
        print(f"eventplan: error: {error}", file=sys.stderr)
        return EXIT_FAILURE


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
