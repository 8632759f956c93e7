"""The sweep chart: one self-contained HTML page of inline SVG line charts, KPIs against the
varied parameter.

Like the map, the page must open offline and make no network request at all: no scripts, no
fonts, no images, no links; the SVG is drawn here and every string that came from a user (ids,
names, file names, variant names) is escaped.
"""

from __future__ import annotations

import html
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

import jinja2
import pandas as pd
from markupsafe import Markup

from eventplan.scenario import PRIORITIES

WIDTH, HEIGHT = 780, 300
LEFT, RIGHT, TOP, BOTTOM = 64, 230, 28, 48
COLOURS = ("#c0392b", "#e67e22", "#2980b9", "#7f8c8d", "#27ae60", "#8e44ad", "#16a085", "#2c3e50")
DASHES = ("", "6 3", "2 3", "8 3 2 3")


@dataclass(frozen=True)
class Panel:
    """One chart: a title, a y label, and (column, series label) pairs to draw."""

    title: str
    unit: str
    lines: tuple[tuple[str, str], ...]
    share: bool = False  # y from 0 to 1, shown as %


def panels_for(table: pd.DataFrame) -> list[Panel]:
    """The charts a table calls for: coverage, uncovered hours, cost, reach, egress, and the
    no-show or smallest-force figures when the table has them."""
    out: list[Panel] = []
    if "min_force" in table.columns:
        counts = [
            c
            for c in table.columns
            if c.startswith("count:") and c[6:] == _first(table["min_force"])
        ]
        if counts:
            out.append(
                Panel(
                    f"Smallest {_first(table['min_force'])} count covering every critical need",
                    "people",
                    ((counts[0], "smallest count"), ("lower_bound", "proven lower bound")),
                )
            )
    if "kept_coverage_critical_mean" in table.columns:
        out.append(
            Panel(
                "Coverage kept after no-shows (mean of trials)",
                "share",
                tuple((f"kept_coverage_{p}_mean", p) for p in PRIORITIES),
                share=True,
            )
        )
    if "replan_coverage_critical_mean" in table.columns:
        out.append(
            Panel(
                "Coverage after re-planning without them (mean)",
                "share",
                tuple((f"replan_coverage_{p}_mean", p) for p in PRIORITIES),
                share=True,
            )
        )
    out += [
        Panel(
            "Coverage of required person-hours",
            "share",
            tuple((f"coverage_{p}", p) for p in PRIORITIES),
            share=True,
        ),
        Panel(
            "Uncovered person-hours",
            "person-hours",
            tuple((f"uncovered_h_{p}", p) for p in PRIORITIES),
        ),
        Panel("Cost", "cost units", (("cost", "cost"),)),
    ]
    reach = tuple(
        (c, c.removeprefix("reach_").replace("min", " min"))
        for c in table.columns
        if c.startswith("reach_") and c.endswith("min")
    )
    if reach:
        out.append(Panel("Response reach", "share of venue", reach, share=True))
    out.append(Panel("Worst egress time", "minutes", (("egress_worst_min", "worst zone"),)))
    return [p for p in out if any(_has_values(table, c) for c, _ in p.lines)]


def _first(values: pd.Series) -> str:
    found = values.dropna()
    return str(found.iloc[0]) if len(found) else ""


def _has_values(table: pd.DataFrame, column: str) -> bool:
    return column in table.columns and pd.to_numeric(table[column], errors="coerce").notna().any()


def chart_html(table: pd.DataFrame, title: str, axes: Sequence[str] = ()) -> str:
    """The HTML page of a sweep table (``axes``: its varied parameter columns, in order)."""
    rows = table
    if "answer" in rows.columns:
        rows = rows[rows["answer"].fillna(False).astype(bool)]
    if "error" in rows.columns:
        rows = rows[rows["error"].isna()]
    x, series = _layout(rows, axes)
    parts = [_svg(rows, panel, x, series) for panel in panels_for(rows)]
    note = (
        ""
        if len(rows) == len(table)
        else (
            f"<p>{len(table) - len(rows)} row(s) not drawn (failed variants, or the confirming "
            "solve one below each smallest force); they are in the table.</p>"
        )
    )
    return _page().render(
        title=title,
        css=Markup(_asset("chart.css").rstrip("\n")),
        charts=Markup("\n".join(parts)),
        note=Markup(note),
        table=Markup(_html_table(table)),
    )


@cache
def _page() -> jinja2.Template:
    environment = jinja2.Environment(autoescape=True, keep_trailing_newline=True)
    return environment.from_string(_asset("chart.html.j2"))


def _asset(name: str) -> str:
    return (files("eventplan.whatif") / "templates" / name).read_text(encoding="utf-8")


def _layout(rows: pd.DataFrame, axes: Sequence[str]) -> tuple[str | None, list[str]]:
    """The x column (a numeric parameter that varies) and the columns that split series."""
    varying = [
        c for c in [*axes, "no_show_rate"] if c in rows.columns and rows[c].nunique(dropna=True) > 1
    ]
    x = varying[-1] if "no_show_rate" in varying else (varying[0] if varying else None)
    series = [c for c in varying if c != x]
    if "scenario" in rows.columns and rows["scenario"].nunique() > 1:
        series = ["scenario", *series]
    return x, series


Line = tuple[str, list[tuple[float, float]]]  # series label, (x, y) points in x order
PLOT_W, PLOT_H = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM


@dataclass(frozen=True)
class _PlotArea:
    """The data ranges of one chart, mapped onto its plot area."""

    x0: float
    x1: float
    y0: float
    y1: float

    def sx(self, value: float) -> float:
        return LEFT + (value - self.x0) / (self.x1 - self.x0) * PLOT_W

    def sy(self, value: float) -> float:
        return TOP + PLOT_H - (value - self.y0) / (self.y1 - self.y0) * PLOT_H


def _svg(rows: pd.DataFrame, panel: Panel, x: str | None, series: list[str]) -> str:
    lines, labels = _lines(rows, panel, x, series)
    if not lines:
        return ""
    all_x = [p[0] for _, pts in lines for p in pts]
    all_y = [p[1] for _, pts in lines for p in pts]
    x0, x1 = min(all_x), max(all_x)
    y0, y1 = (0.0, 1.0) if panel.share else (min(0.0, min(all_y)), max(all_y))
    if x1 == x0:
        x0, x1 = x0 - 1, x1 + 1
    if y1 == y0:
        y1 = y0 + 1
    frame = _PlotArea(x0, x1, y0, y1)
    out = [
        f'<figure><svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" '
        f'height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-label="{html.escape(panel.title)}">',
        f'<text x="{LEFT}" y="18" class="t">{html.escape(panel.title)}</text>',
        f'<rect x="{LEFT}" y="{TOP}" width="{PLOT_W}" height="{PLOT_H}" class="frame"/>',
        *_y_axis(panel, frame),
        *_x_axis(frame, sorted(set(all_x)), labels, x),
        f'<text x="14" y="{TOP + PLOT_H / 2:.1f}" class="yl" transform="rotate(-90 14 '
        f'{TOP + PLOT_H / 2:.1f})">{html.escape(panel.unit)}</text>',
    ]
    for n, (label, points) in enumerate(lines[:24]):
        out += _drawn(n, label, points, frame)
    out.append("</svg></figure>")
    return "\n".join(out)


def _lines(
    rows: pd.DataFrame, panel: Panel, x: str | None, series: list[str]
) -> tuple[list[Line], list[str]]:
    """The lines of a panel (one per series and column) and the x labels (variant names)."""
    if x is None:
        xs = list(range(len(rows)))
        labels = [str(v) for v in rows.get("variant", pd.Series(xs))]
        groups = [((), rows.index.tolist())]
    else:
        xs = pd.to_numeric(rows[x], errors="coerce").tolist()
        labels = []
        groups = (
            [(key, group.index.tolist()) for key, group in rows.groupby(series, sort=False)]
            if series
            else [((), rows.index.tolist())]
        )
    position = {index: xs[i] for i, index in enumerate(rows.index)}
    lines = []
    for key, members in groups:
        key = key if isinstance(key, tuple) else (key,)
        prefix = ", ".join(_setting(c, v) for c, v in zip(series, key, strict=False))
        for column, label in panel.lines:
            if column not in rows.columns:
                continue
            points = [(position[i], _num(rows.at[i, column])) for i in members]
            points = sorted(
                (px, py) for px, py in points if math.isfinite(py) and math.isfinite(px)
            )
            if points:
                lines.append((f"{prefix}: {label}" if prefix else label, points))
    return lines, labels


def _y_axis(panel: Panel, frame: _PlotArea) -> list[str]:
    """Six grid lines with their values."""
    out = []
    for i in range(6):
        value = frame.y0 + (frame.y1 - frame.y0) * i / 5
        y = frame.sy(value)
        text = f"{value:.0%}" if panel.share else _short(value)
        out.append(
            f'<line x1="{LEFT}" x2="{LEFT + PLOT_W}" y1="{y:.1f}" y2="{y:.1f}" '
            f'class="grid"/><text x="{LEFT - 6}" y="{y + 4:.1f}" class="yl">{text}</text>'
        )
    return out


def _x_axis(frame: _PlotArea, values: list[float], labels: list[str], x: str | None) -> list[str]:
    """Ticks at the x values (nine even ones when there are many), and the axis name."""
    x0, x1 = frame.x0, frame.x1
    ticks = values if len(values) <= 12 else [x0 + (x1 - x0) * i / 8 for i in range(9)]
    out = []
    for value in ticks:
        name = (
            labels[int(value)]
            if labels and float(value).is_integer() and int(value) < len(labels)
            else _short(value)
        )
        out.append(
            f'<text x="{frame.sx(value):.1f}" y="{TOP + PLOT_H + 16}" class="xl">'
            f"{html.escape(name[:18])}</text>"
        )
    out.append(
        f'<text x="{LEFT + PLOT_W / 2:.1f}" y="{HEIGHT - 8}" class="xl">'
        f"{html.escape(x or 'variant')}</text>"
    )
    return out


def _drawn(n: int, label: str, points: list[tuple[float, float]], frame: _PlotArea) -> list[str]:
    """The ``n``-th line: its polyline, a point with a tooltip per value, its legend entry."""
    colour = COLOURS[n % len(COLOURS)]
    dash = DASHES[(n // len(COLOURS)) % len(DASHES)]
    path = " ".join(f"{frame.sx(px):.1f},{frame.sy(py):.1f}" for px, py in points)
    out = [
        f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"'
        + (f' stroke-dasharray="{dash}"' if dash else "")
        + "/>"
    ]
    for px, py in points:
        out.append(
            f'<circle cx="{frame.sx(px):.1f}" cy="{frame.sy(py):.1f}" r="3" fill="{colour}">'
            f"<title>{html.escape(label)}: {_short(py)} at {_short(px)}</title>"
            "</circle>"
        )
    ly = TOP + 12 + 16 * n
    out.append(
        f'<line x1="{WIDTH - RIGHT + 10}" x2="{WIDTH - RIGHT + 28}" y1="{ly - 4}" '
        f'y2="{ly - 4}" stroke="{colour}" stroke-width="2"/>'
        f'<text x="{WIDTH - RIGHT + 32}" y="{ly}" class="lg">'
        f"{html.escape(label[:24])}</text>"
    )
    return out


def _setting(column: str, value: object) -> str:
    """``count:police`` 120 -> ``police=120``; ``scale:guards`` 0.8 -> ``guards×0.8``."""
    shown = _short(float(value)) if isinstance(value, int | float) else str(value)
    if column.startswith("count:"):
        return f"{column[6:]}={shown}"
    if column.startswith("scale:"):
        return f"{column[6:]}×{shown}"
    if column == "no_show_rate":
        return f"no-show {shown}"
    return shown


def _num(value: object) -> float:
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return math.nan
    return number


def _short(value: float) -> str:
    if not math.isfinite(value):
        return ""
    if abs(value) >= 1000:
        return f"{value:,.0f}"
    return f"{value:.3g}"


def _html_table(table: pd.DataFrame) -> str:
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in table.columns)
    body = []
    for row in table.itertuples(index=False):
        cells = "".join(f"<td>{html.escape(_cell(v))}</td>" for v in row)
        body.append(f"<tr>{cells}</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def _cell(value: object) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, float):
        return f"{value:.6g}"
    return str(value)
