"""The plan archive: plans, people, attendance and what everyone worked, in a database.

A SQLite file by default, PostgreSQL by URL, through SQLAlchemy; the schema is versioned with
Alembic and upgraded whenever an archive is opened. The archive reads plan folders and muster
files and never solves.

- :func:`add_plan`: a plan folder (one whole plan, its lineage when replanned);
- :func:`import_attendance`: who actually worked an event, from its muster file;
- :func:`report`: hours per person and organisation, events per person, no-shows per pool,
  posts left short, over a period;
- :func:`ledger`: what each person already worked in a period (hours, days, weekends,
  nights), for a planner to start from.
"""

from eventplan.archive.attendance import Imported, import_attendance
from eventplan.archive.database import ARCHIVE_VARIABLE, DEFAULT_FILE, database_url, open_archive
from eventplan.archive.ledger import Worked, ledger, work_rows
from eventplan.archive.report import Report, report
from eventplan.archive.store import Added, add_plan

__all__ = [
    "ARCHIVE_VARIABLE",
    "DEFAULT_FILE",
    "Added",
    "Imported",
    "Report",
    "Worked",
    "add_plan",
    "database_url",
    "import_attendance",
    "ledger",
    "open_archive",
    "report",
    "work_rows",
]
