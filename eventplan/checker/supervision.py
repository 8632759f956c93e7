"""Rule ``supervision``: people of some roles stand at a post only with their supervisors.

For each rule of ``rules.supervision`` with ``scope: post`` (the default), at every post (or
only the listed ``posts``) and in every slot, the people of ``roles`` on duty there number at
most ``per_supervisor`` x the people of ``by`` on duty there; without ``per_supervisor``, none
of ``roles`` stands at a post in a slot unless one of ``by`` stands there too. ``scope: venue``
sums both counts over the posts (the listed ones, if any). Only posts count: units, patrols,
drone crews, sector leaders and reserves are not posts. People on break stand nowhere and a
briefing is not duty.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from eventplan.checker import clock
from eventplan.checker.coverage import Presence
from eventplan.checker.report import Violation
from eventplan.scenario.model import Scenario, Supervision

#: People of the supervised roles and of the supervising roles in one slot.
Counts = tuple[int, int]


def check_supervision(scenario: Scenario, presence: Presence) -> list[Violation]:
    """A violation per rule, place and run of slots with the same counts that break a rule."""
    slot = scenario.event.slot_minutes
    post_ids = {p.id for p in scenario.posts}
    found = []
    for rule in scenario.rules.supervision:
        scope = set(rule.posts) if rule.posts else post_ids
        counts = _counts(rule, presence, scope)
        for place, per_slot in sorted(counts.items()):
            broken = {t: c for t, c in per_slot.items() if _breaks(rule, c)}
            found += _report(rule, place, broken, slot, _names(scenario))
    return found


def _counts(rule: Supervision, presence: Presence, scope: set[str]) -> dict[str, dict[int, Counts]]:
    """The counts per place (a post, or ``venue``) and slot."""
    supervised, supervising = set(rule.roles), set(rule.by)
    per_place: dict[str, Counter[tuple[int, bool]]] = defaultdict(Counter)
    for (post, t), people in presence.at.items():
        if post not in scope:
            continue
        place = "venue" if rule.scope == "venue" else post
        for (role, _), n in people.items():
            if role in supervised or role in supervising:
                per_place[place][(t, role in supervised)] += n
    return {
        place: {t: (n[(t, True)], n[(t, False)]) for t in {t for t, _ in n}}
        for place, n in per_place.items()
    }


def _breaks(rule: Supervision, counts: Counts) -> bool:
    supervised, supervisors = counts
    if rule.per_supervisor is None:
        return supervised > 0 and supervisors == 0
    return supervised > rule.per_supervisor * supervisors


def _names(scenario: Scenario) -> dict[str, str]:
    """What to call each role in a message: its label, else its id."""
    return {role_id: role.label or role_id for role_id, role in scenario.roles.items()}


def _report(
    rule: Supervision, place: str, broken: dict[int, Counts], slot: int, names: dict[str, str]
) -> list[Violation]:
    """One violation per run of consecutive slots with the same counts."""
    runs: dict[Counts, list[int]] = defaultdict(list)
    for t, counts in broken.items():
        runs[counts].append(t)
    spans = [(span, counts) for counts, starts in runs.items() for span in clock.runs(starts, slot)]
    roles = "/".join(names.get(r, r) for r in rule.roles)
    by = "/".join(names.get(r, r) for r in rule.by)
    where = "over the venue" if place == "venue" else f"at {place}"
    found = []
    for (start, end), (supervised, supervisors) in sorted(spans):
        when = clock.show_span(start, end)
        if rule.per_supervisor is None:
            text = f"{supervised} {roles} without a {by} {where} {when}"
        else:
            text = (
                f"{supervised} {roles} with {supervisors} {by} {where} {when}: more than "
                f"{rule.per_supervisor} per {by} (at most {rule.per_supervisor * supervisors})"
            )
        found.append(Violation("supervision", place, text))
    return found
