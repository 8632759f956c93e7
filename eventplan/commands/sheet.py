"""``eventplan sheet PLAN_DIR -o FILE.xlsx``: the duty sheet of a plan, per organisation and post.

Also as a printable HTML page (``--html``) and as that page printed to PDF by headless
Chromium (``--pdf``). Made from the plan folder only; it never solves.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from eventplan.commands.language import add_language

NAME = "sheet"
HELP = "the duty sheet of a plan: a workbook, a printable page or a PDF per organisation and post"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the plan folder, the three outputs and the language."""
    parser.add_argument("plan_dir", metavar="PLAN_DIR", help="folder written by eventplan solve")
    parser.add_argument("-o", "--output", metavar="FILE.xlsx", help="workbook to write")
    parser.add_argument("--html", metavar="FILE.html", help="printable page to write")
    parser.add_argument("--pdf", metavar="FILE.pdf", help="PDF to print with headless Chromium")
    add_language(parser)


def run(args: argparse.Namespace) -> int:
    """Write the outputs asked for; problems with the folder or an output raise
    :class:`InputError` (exit 2)."""
    from eventplan.errors import InputError, Problem
    from eventplan.i18n import Texts
    from eventplan.sheet import build_sheet, write_html, write_pdf, write_workbook
    from eventplan.sheet.pdf import PrintFailed

    outputs = [(args.output, write_workbook), (args.html, write_html), (args.pdf, write_pdf)]
    outputs = [(Path(path), write) for path, write in outputs if path]
    if not outputs:
        raise InputError(
            Problem(
                "sheet", "", "say what to write: -o FILE.xlsx, --html FILE.html, --pdf FILE.pdf"
            )
        )
    if args.output and Path(args.output).suffix.lower() != ".xlsx":
        raise InputError(Problem(args.output, "", "the workbook's name must end in .xlsx"))
    t = Texts(args.lang)
    sheet = build_sheet(args.plan_dir, args.lang)
    for path, write in outputs:
        try:
            write(sheet, path)
        except PrintFailed as error:
            print(t("cli.error", error=t.message(str(error))), file=sys.stderr)
            return 1
        except OSError as error:
            reason = error.strerror or str(error)
            raise InputError(Problem(str(path), "", f"cannot write: {reason}")) from None
        print(t("sheet.written", file=path))
    return 0
