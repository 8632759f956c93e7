"""Making a duty sheet from a plan folder: the cover, then organisations, sectors, units and
reserves."""

from __future__ import annotations

from pathlib import Path

from eventplan.sheet.context import Context
from eventplan.sheet.cover import cover_section
from eventplan.sheet.folder import PlanFolder, read_plan_folder
from eventplan.sheet.forces import reserves_section, units_section
from eventplan.sheet.model import DutySheet
from eventplan.sheet.organisations import organisation_sections
from eventplan.sheet.sectors import sector_sections
from eventplan.sheet.words import fill, texts


def build_sheet(plan: PlanFolder | str | Path, lang: str = "en") -> DutySheet:
    """The duty sheet of a plan, in ``lang`` (``en`` or ``zh``).

    Parameters
    ----------
    plan
        A plan folder written by ``eventplan solve``, or one already read.
    lang
        The language of the sheet's own words; names are shown as the scenario gives them.

    Raises
    ------
    InputError
        For an unknown language, or a folder that is missing, not a plan, or unreadable.
    """
    texts(lang)  # an unknown language fails before the folder is read
    folder = plan if isinstance(plan, PlanFolder) else read_plan_folder(plan)
    ctx = Context(folder, lang)
    sections = [cover_section(ctx), *organisation_sections(ctx), *sector_sections(ctx)]
    sections += [s for s in (units_section(ctx), reserves_section(ctx)) if s is not None]
    return DutySheet(
        lang=lang,
        html_lang=ctx.words["html_lang"],
        title=fill(ctx.words["title"], event=folder.scenario.event.name),
        time_format=ctx.clock.formats[0],
        excel_time_format=ctx.clock.formats[1],
        zone=ctx.clock.zone,
        offset_format=ctx.clock.pattern,
        sections=tuple(sections),
    )
