"""The ``--lang`` option the commands share, with ``EVENTPLAN_LANG`` as its default."""

from __future__ import annotations

import argparse


def add_language(parser: argparse.ArgumentParser) -> None:
    """Add ``--lang``; argparse reports an unknown language, from the option or the variable."""
    from eventplan.i18n import LANGUAGE_VARIABLE, LANGUAGES, default_language

    parser.add_argument(
        "--lang",
        type=_language,
        default=default_language(),
        metavar="|".join(LANGUAGES),
        help=f"language of what the command prints (default: ${LANGUAGE_VARIABLE}, else en)",
    )


def _language(text: str) -> str:
    from eventplan.i18n import LANGUAGE_VARIABLE, language

    try:
        return language(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"{error}; {LANGUAGE_VARIABLE} may also set it") from None
