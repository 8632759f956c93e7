"""What to generate: the size of the event, and every choice derived from the seed.

A :class:`Spec` holds what the user asked for; :func:`resolve` fills what they left out from
the seed, so that the same seed and the same options always give the same scenario.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace

#: Real stadiums to lay generated venues around: (name, city, lat, lon, timezone).
CENTRES: tuple[tuple[str, str, float, float, str], ...] = (
    ("City Stadium", "Hohhot", 40.8512, 111.6504, "Asia/Shanghai"),
    ("Shanghai Stadium", "Shanghai", 31.1833, 121.4372, "Asia/Shanghai"),
    ("Workers' Stadium", "Beijing", 39.9298, 116.4469, "Asia/Shanghai"),
    ("Olympic Sports Centre", "Nanjing", 32.0090, 118.7300, "Asia/Shanghai"),
    ("Sports Centre Stadium", "Wuhan", 30.5120, 114.1880, "Asia/Shanghai"),
    ("Stade Louis II", "Monaco", 43.7276, 7.4155, "Europe/Monaco"),
    ("Olympiastadion", "Munich", 48.1731, 11.5466, "Europe/Berlin"),
    ("Wembley Stadium", "London", 51.5560, -0.2796, "Europe/London"),
)


@dataclass(frozen=True)
class Spec:
    """Size and shape of a generated event.

    Parameters
    ----------
    staff
        People in all pools together (pool counts add up to exactly this).
    posts
        Number of posts.
    attendance
        Expected attendees (per day on multi-day events); derived from ``staff`` when None.
    days
        Event days; more than one writes ``event.days`` and ``HH:MM`` phase times.
    slot_minutes
        Planning resolution.
    hours
        Length of each day's planned span (first phase start to last phase end).
    seed
        Seed of every random choice.
    shortage
        Share of the needed people the pools lack: 0.1 is 10 % short, -0.2 is 20 % to spare.
        Derived from the seed when None (between -0.25 and 0.15), so that some generated
        events are short of staff and some are not.
    shift_hours
        Shortest and longest shift (hours) of every role but the volunteers, who keep their
        short shifts; None keeps each role's own span (4-12 h for most).
    uneven
        How unevenly the need is spread across posts: each post's scalable needs are
        multiplied by a factor drawn from a log-normal with this sigma (0: the usual spread,
        0.6 to 1.5).
    """

    staff: int = 1000
    posts: int | None = None
    attendance: int | None = None
    days: int = 1
    slot_minutes: int = 15
    hours: int = 16
    seed: int = 0
    shortage: float | None = None
    shift_hours: tuple[float, float] | None = None
    uneven: float = 0.0

    def __post_init__(self) -> None:
        if self.staff < 10:
            raise ValueError("staff must be at least 10")
        if self.posts is not None and self.posts < 1:
            raise ValueError("posts must be at least 1")
        if self.attendance is not None and self.attendance < 100:
            raise ValueError("attendance must be at least 100")
        if not 1 <= self.days <= 31:
            raise ValueError("days must be between 1 and 31")
        if self.slot_minutes <= 0 or 60 % self.slot_minutes:
            raise ValueError("slot minutes must divide 60 (5, 10, 15, 20, 30 or 60)")
        if not 8 <= self.hours <= 20:
            raise ValueError("hours must be between 8 and 20")
        if self.shortage is not None and not -0.9 <= self.shortage <= 0.9:
            raise ValueError("shortage must lie between -0.9 and 0.9")
        if self.shift_hours is not None:
            low, high = self.shift_hours
            if not 1 <= low <= high <= 16:
                raise ValueError("shift hours must satisfy 1 <= shortest <= longest <= 16")
        if not 0 <= self.uneven <= 2:
            raise ValueError("uneven must lie between 0 and 2")


def resolve(spec: Spec) -> Spec:
    """The spec with every open choice filled in from its seed."""
    rng = random.Random(f"spec:{spec.seed}")
    attendance = spec.attendance
    if attendance is None:
        # Published deployments put all staff at 1 per 12 to 1 per 70 spectators; generated
        # events sit at the well-staffed end of that range (1 per 8 to 1 per 14).
        attendance = max(100, int(round(spec.staff * rng.uniform(8.0, 14.0), -2)))
    posts = spec.posts if spec.posts is not None else max(1, spec.staff // 10)
    shortage = spec.shortage
    if shortage is None:
        shortage = round(rng.uniform(-0.25, 0.15), 2)
    return replace(spec, attendance=attendance, posts=posts, shortage=shortage)
