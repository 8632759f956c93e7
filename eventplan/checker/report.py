"""What the checker hands back: violations, and a report that sums them up."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from eventplan.i18n import Texts


@dataclass(frozen=True, slots=True)
class Violation:
    """One way in which a plan breaks a rule of its scenario.

    Parameters
    ----------
    rule
        Short name of the rule broken, e.g. ``"overlap"`` or ``"coverage"``.
    subject
        What the violation is about: a person id, a post id, or a file name.
    message
        What is wrong, naming people, posts and times.
    """

    rule: str
    subject: str
    message: str

    def __str__(self) -> str:
        return f"[{self.rule}] {self.subject}: {self.message}"

    def text(self, t: Texts) -> str:
        """The violation in the language of ``t``: the rule's name and the message translated,
        the subject (an id or a file name) as it is."""
        return t(
            "check.violation",
            rule=t.get(f"rule.{self.rule}", self.rule),
            subject=self.subject,
            message=t.message(self.message),
        )


@dataclass
class CheckReport:
    """The outcome of checking one plan.

    Parameters
    ----------
    violations
        Every violation found, in the order the checks ran.
    people
        Distinct people in the roster rows that could be read.
    stints
        Roster rows that could be read and were checked.
    coverage_rows
        Coverage rows that could be read and were checked.
    warnings
        What the checker could not verify but did not stop for (a folder without identity).
    """

    violations: list[Violation] = field(default_factory=list)
    people: int = 0
    stints: int = 0
    coverage_rows: int = 0
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Whether the plan holds: no violation at all."""
        return not self.violations

    def by_rule(self) -> Counter[str]:
        """How many violations each rule has."""
        return Counter(v.rule for v in self.violations)

    def summary(self, t: Texts | None = None) -> str:
        """One line: the counts checked when the plan holds, else the violations by rule.

        In the language of ``t`` (default English).
        """
        t = t or Texts()
        if self.ok:
            return t("check.holds", people=self.people, stints=self.stints, rows=self.coverage_rows)
        rules = t.join(
            [
                t("check.rule_count", n=count, rule=t.get(f"rule.{rule}", rule))
                for rule, count in sorted(self.by_rule().items())
            ]
        )
        return t("check.fails", n=len(self.violations), rules=rules)
