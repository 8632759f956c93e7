"""Staffing: every force allocated to posts and shifts by an aggregated integer model.

The entry point is :func:`eventplan.staffing.run.staff`: demands in, a
:class:`~eventplan.staffing.run.StaffingResult` out (roster, coverage, shortfalls and what the
search proved). Nothing here reads files, prints or knows of plans; this package imports
nothing at import time, so the HiGHS worker process (:mod:`eventplan.staffing.highs_worker`)
starts without loading OR-Tools.
"""
