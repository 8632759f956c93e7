"""Printing the duty sheet's page to PDF with headless Chromium.

Chromium lays the page out with its print stylesheet (A4 landscape, a page per part, table
headers repeated) exactly as a planner's browser would print it. It runs with a fresh,
temporary profile and without background networking; the page itself makes no request.
Chinese text needs a CJK font on the machine (Debian: ``fonts-noto-cjk``).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from eventplan.errors import InputError

#: Where Chromium is looked for, in order (``EVENTPLAN_CHROMIUM`` first, when set).
CANDIDATES = ("/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-pdf-header-footer",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
#: Seconds Chromium may take to print.
TIMEOUT = 300


class PrintFailed(Exception):
    """Chromium ran but gave no PDF (or did not finish in time)."""


def find_chromium(explicit: str | None = None) -> str | None:
    """The Chromium to print with: ``explicit``, ``EVENTPLAN_CHROMIUM``, or the first of
    :data:`CANDIDATES` found; None when there is none."""
    for candidate in (explicit, os.environ.get("EVENTPLAN_CHROMIUM"), *CANDIDATES):
        if candidate:
            found = shutil.which(candidate)
            if found:
                return found
    return None


def print_pdf(html: str, chromium: str | None = None) -> bytes:
    """The PDF Chromium prints from a page.

    Raises
    ------
    InputError
        When no Chromium is found; the message says how to install it.
    PrintFailed
        When Chromium fails or times out.
    """
    program = find_chromium(chromium)
    if program is None:
        raise InputError(
            "--pdf needs Chromium, which was not found (looked for "
            f"{', '.join(CANDIDATES)}; set EVENTPLAN_CHROMIUM to another). Install it with "
            "'apt-get install chromium fonts-noto-cjk' (Debian/Ubuntu), or write --html and "
            "print that page from a browser"
        )
    with tempfile.TemporaryDirectory(prefix="eventplan-sheet-") as folder:
        page, output = Path(folder) / "sheet.html", Path(folder) / "sheet.pdf"
        page.write_text(html, encoding="utf-8")
        command = [
            program,
            *FLAGS,
            f"--user-data-dir={Path(folder) / 'profile'}",
            f"--print-to-pdf={output}",
            page.as_uri(),
        ]
        try:
            done = subprocess.run(command, capture_output=True, timeout=TIMEOUT, check=False)
        except subprocess.TimeoutExpired:
            raise PrintFailed(f"Chromium did not print the sheet within {TIMEOUT} s") from None
        if done.returncode != 0 or not output.is_file() or output.stat().st_size == 0:
            said = done.stderr.decode("utf-8", "replace").strip().splitlines()[-3:]
            raise PrintFailed(
                f"Chromium ({program}) exited {done.returncode} without a PDF: " + " / ".join(said)
            )
        return output.read_bytes()
