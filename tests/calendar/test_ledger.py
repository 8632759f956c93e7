"""A period starts from the archive's ledger: what people worked before ``--from`` counts in
every rule across days, on SQLite and on PostgreSQL. The expected numbers of duties are
derived by hand in the comments; each case is planned without the ledger too, to show the
ledger is what changes it, and the cross-day check reads the same ledger."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from eventplan.calendar.carried import read_carried
from eventplan.calendar.fairness import fairness_rows
from eventplan.calendar.loader import LoadedCalendar, load_calendar
from eventplan.calendar.plan import CalendarPlan, plan_calendar
from eventplan.calendar.verify import verify
from tests.calendar.ledger_archive import ZONE, archive_with, daily
from tests.calendar.micro import calendar, contract, duty, write


def _plans(
    tmp: Path, db: str, document: dict[str, Any], first: date, last: date
) -> tuple[LoadedCalendar, CalendarPlan, CalendarPlan]:
    """The period planned without and with the ledger; the second passes the check."""
    document["settings"] = {"timezone": ZONE}
    loaded = load_calendar(write(tmp, document))
    people = {person.id for person in loaded.people}
    carried = read_carried(db, first, people, ZONE)
    fresh = plan_calendar(loaded, first, last, time_limit=10)
    started = plan_calendar(loaded, first, last, time_limit=10, carried=carried)
    assert verify(loaded, started.assignments, first, carried) == []
    return loaded, fresh, started


def _count(plan: CalendarPlan, person: str) -> int:
    return sum(a.person == person for a in plan.assignments)


def test_hours_worked_earlier_in_the_week_count_under_its_cap(db, plans, tmp_path: Path):
    # Li and Wang worked 12 hours a day, Monday 15 to Wednesday 17 March 2027: 36 hours of a
    # 40-hour week (Monday to Sunday). From Thursday 18 to Sunday 21 a daily 2-hour duty for
    # two: Li has no overtime, 36 + 2k <= 40, so k = 2 (4 hours more); Wang may work 2 hours
    # over, 36 + 2k <= 42, k = 3. Without the ledger both take all 4 days.
    worked = daily(15, 17, "08:00", "20:00")
    archive_with(db, plans["evening"], tmp_path / "worked", {"li": worked, "wang": worked})
    windows = [{"id": "w", "start": "09:00", "end": "11:00"}]
    needs = [{"roles": ["police"], "count": 2}]
    document = calendar(
        [{"id": "li"}, {"id": "wang", "contract": "ot"}],
        [duty("d", windows=windows, needs=needs)],
        {"c": contract(), "ot": contract(overtime_cap_hours=2)},
    )
    first, last = date(2027, 3, 18), date(2027, 3, 21)
    loaded, fresh, started = _plans(tmp_path, db, document, first, last)
    assert (_count(fresh, "li"), _count(fresh, "wang")) == (4, 4)
    assert (_count(started, "li"), _count(started, "wang")) == (2, 3)
    # The check reads the ledger too: the plan made without it has Li at 36 + 8 = 44 hours.
    carried = read_carried(db, first, {"li", "wang"}, ZONE)
    breaches = verify(loaded, fresh.assignments, first, carried)
    assert (
        "li week of 2027-03-15: weekly hours: 44.0 h over 40 (36.0 h of it before the period)"
        in breaches
    )
    # Fairness: carried 36 h each; planned 4 h (Li) and 6 h (Wang), Wang's 2 h overtime
    # (36 + 6 - 40); together 40 and 42 hours.
    rows = {
        (r["measure"], r["part"]): r for r in fairness_rows(loaded, started.assignments, carried)
    }
    assert (rows["hours", "carried"]["min"], rows["hours", "carried"]["max"]) == (36, 36)
    assert (rows["hours", "planned"]["min"], rows["hours", "planned"]["max"]) == (4, 6)
    # Spread 6 - 4 = 2; Gini of (4, 6): (-4 + 6) / (2 x 10) = 0.1.
    assert (rows["hours", "planned"]["spread"], rows["hours", "planned"]["gini"]) == (2, 0.1)
    assert rows["overtime_hours", "planned"]["max"] == 2
    assert rows["overtime_hours", "carried"]["max"] == 0
    assert (rows["hours", "total"]["min"], rows["hours", "total"]["max"]) == (40, 42)


def test_consecutive_days_up_to_the_day_before(db, plans, tmp_path: Path):
    # Li worked Wednesday 10 to Sunday 14 March, 5 days in a row, at most 5 allowed: Monday
    # 15 is off, then at most 5 more (16-20) and Sunday 21 off again: 5 duties. Without the
    # ledger: W W W W W O W, 6.
    archive_with(db, plans["evening"], tmp_path / "worked", {"li": daily(10, 14, "09:00", "10:00")})
    document = calendar([{"id": "li"}], [duty("d")], {"c": contract(max_consecutive_days=5)})
    first = date(2027, 3, 15)
    loaded, fresh, started = _plans(tmp_path, db, document, first, date(2027, 3, 21))
    assert (_count(fresh, "li"), _count(started, "li")) == (6, 5)
    assert first not in {a.day for a in started.assignments}
    carried = read_carried(db, first, {"li"}, ZONE)
    breaches = verify(loaded, fresh.assignments, first, carried)
    assert "li 2027-03-15: consecutive days: 6 over 5" in breaches


def test_rest_after_a_late_shift_the_day_before(db, plans, tmp_path: Path):
    # Li's shift ended at 23:00 on Sunday 14 March; the school gate opens at 07:30 and the
    # contract asks 11 hours of rest: 8 h 30 (510 min) is too short, so Monday's gate goes to
    # nobody; Tuesday to Friday are school days: 4 duties. Without the ledger, 5.
    archive_with(db, plans["evening"], tmp_path / "worked", {"li": daily(14, 14, "18:00", "23:00")})
    gate = duty("gate", days="school", windows=[{"id": "in", "start": "07:30", "end": "08:10"}])
    document = calendar([{"id": "li"}], [gate], {"c": contract(min_rest_hours=11)})
    document["school_calendar"] = {"terms": [{"start": "2027-03-01", "end": "2027-07-09"}]}
    first = date(2027, 3, 15)
    loaded, fresh, started = _plans(tmp_path, db, document, first, date(2027, 3, 19))
    assert (_count(fresh, "li"), _count(started, "li")) == (5, 4)
    assert first not in {a.day for a in started.assignments}
    carried = read_carried(db, first, {"li"}, ZONE)
    breaches = verify(loaded, fresh.assignments, first, carried)
    assert "li 2027-03-15: rest: 510 min after work before the period" in breaches


def test_a_ledger_already_over_its_caps_leaves_nothing_more(db, plans, tmp_path: Path):
    # Li worked 12 hours on Saturday 6 and Saturday 13 March: 24 hours of a 20-hour month and
    # 2 weekends where 1 in 3 is allowed. Nothing more can be given, and the weeks are still
    # solved (proven optimal, nothing assigned), not left without a plan.
    worked = daily(6, 6, "08:00", "20:00") + daily(13, 13, "08:00", "20:00")
    archive_with(db, plans["evening"], tmp_path / "worked", {"li": worked})
    rules = contract(hours_per_month=20, max_weekends=1, weekend_period_weeks=3)
    document = calendar([{"id": "li"}], [duty("d")], {"c": rules})
    _, fresh, started = _plans(tmp_path, db, document, date(2027, 3, 15), date(2027, 3, 21))
    assert (_count(fresh, "li"), _count(started, "li")) == (7, 0)
    assert {week.status for week in started.weeks} == {"OPTIMAL"}


def test_attendance_takes_precedence_over_the_plan(db, plans, tmp_path: Path):
    # The night event's plan has Li on duty Sunday 13 July 2025 21:00 to Monday 02:00; the
    # muster says Li left at 23:00. A daily 09:00 duty, Monday 14 to Saturday 19, under 8
    # hours of rest: from the plan, 02:00 to 09:00 is 7 hours and Monday is lost (5 duties);
    # from the muster, 10 hours, and Li takes all 6 (Sunday and 6 days: 7 in a row, the most
    # allowed). The carried hours are the muster's 2, not the plan's 5.
    from eventplan.archive import add_plan, import_attendance

    add_plan(db, plans["night"])
    document = calendar([{"id": "li"}], [duty("d")], {"c": contract(min_rest_hours=8)})
    first, last = date(2025, 7, 14), date(2025, 7, 19)
    _, _, planned = _plans(tmp_path, db, document, first, last)
    muster = tmp_path / "muster.csv"
    muster.write_text("person,arrived,left\nli,2025-07-13T21:00,2025-07-13T23:00\n")
    import_attendance(db, "archive-night", muster)
    loaded, _, attended = _plans(tmp_path, db, document, first, last)
    assert (_count(planned, "li"), _count(attended, "li")) == (5, 6)
    carried = read_carried(db, first, {"li"}, ZONE)
    rows = fairness_rows(loaded, attended.assignments, carried)
    hours = next(r for r in rows if (r["measure"], r["part"]) == ("hours", "carried"))
    assert hours["max"] == 2.0


def test_the_command_writes_the_carried_figures_apart(sqlite_db, plans, tmp_path: Path, capsys):
    # Li worked 3 hours on Monday 1 March 2027, before a period of Tuesday 2 to Sunday 7
    # March with a daily 1-hour duty (Monday and 6 days: 7 in a row, the most allowed):
    # fairness.csv has each measure planned (6 hours), carried (3) and in total (9).
    from eventplan import cli

    archive_with(
        sqlite_db, plans["evening"], tmp_path / "worked", {"li": daily(1, 1, "08:00", "11:00")}
    )
    document = calendar([{"id": "li"}], [duty("d")])
    document["settings"] = {"timezone": ZONE}
    path, out = write(tmp_path, document), tmp_path / "out"
    code = cli.main(["calendar", "plan", str(path), "--from", "2027-03-02", "--to", "2027-03-07",
                     "-o", str(out), "--db", sqlite_db])  # fmt: skip
    assert code == 0
    said = (
        "ledger    1 person(s) worked before 2027-03-02 in the archive: 3.0 hours since 2027-03-01"
    )
    assert said in capsys.readouterr().out
    lines = (out / "fairness.csv").read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == "role,organisation,measure,part,people,min,max,spread,mean,gini"
    hours = [line.split(",") for line in lines if ",hours," in line]
    assert [(row[3], row[6]) for row in hours] == [
        ("planned", "6.0"),
        ("carried", "3.0"),
        ("total", "9.0"),
    ]


def test_an_archive_that_cannot_be_opened_is_named_and_nothing_written(tmp_path: Path, capsys):
    from tests.archive.conftest import run_cli

    path, out = write(tmp_path, calendar([{"id": "li"}], [duty("d")])), tmp_path / "out"
    missing = tmp_path / "no-such-folder" / "archive.sqlite"
    code = run_cli("calendar", "plan", str(path), "--from", "2027-03-02", "--to", "2027-03-08",
                   "-o", str(out), "--db", str(missing))  # fmt: skip
    assert code == 2
    assert str(missing) in capsys.readouterr().err
    assert not out.exists()
