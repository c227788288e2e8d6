"""The timeline of events, each date drawn as precisely as the sources state it and no more.

Beside each event a small ruler stands for its year, one cell per month. A date known to the
year fills the whole ruler, a month fills its month's cell, a day is a hairline at its day: so
"2011" is never drawn as if it were 1 January 2011. A range runs from the start's first moment
to the end's last; an inferred date is drawn hollow and dashed.
"""

from __future__ import annotations

import calendar
from itertools import groupby

from kzkg.site.layout import esc, link, page, span_of
from kzkg.site.model import DateLiteral, Entity, Site

WIDTH, HEIGHT = 120.0, 14.0  # the ruler for one year, in CSS pixels
CELL = WIDTH / 12
HAIRLINE = 2.0  # a day is narrower than this, so it is drawn at least this wide to be seen


def _first(date: DateLiteral) -> float:
    """Where the date's span starts on its year's ruler, in pixels."""
    if date.month is None:
        return 0.0
    x = (date.month - 1) * CELL
    if date.day is not None:
        days = calendar.monthrange(date.year, date.month)[1]
        x += (date.day - 1) / days * CELL
    return x


def _last(date: DateLiteral) -> float:
    """Where the date's span ends: the end of its year, month or day."""
    if date.month is None:
        return WIDTH
    if date.day is None:
        return date.month * CELL
    days = calendar.monthrange(date.year, date.month)[1]
    return (date.month - 1) * CELL + date.day / days * CELL


def extent(start: DateLiteral, end: DateLiteral | None = None) -> tuple[float, float]:
    """The drawn span (x, width) on the start's year ruler; a range into a later year runs off
    the right edge."""
    x = _first(start)
    right = WIDTH if end is not None and end.year > start.year else _last(end or start)
    width = max(right - x, HAIRLINE)
    return round(min(x, WIDTH - width), 2), round(width, 2)


def ruler(start: DateLiteral, end: DateLiteral | None = None, inferred: bool = False) -> str:
    """A small SVG of the start's year with the event's span drawn in it."""
    x, width = extent(start, end)
    precision = start.precision if end is None else f"{start.precision} to {end.precision}"
    label = f"{start.label()}{' – ' + end.label() if end else ''}, known to the {precision}"
    label += " (inferred)" if inferred else ""
    ticks = "".join(
        f'<line x1="{m * CELL:.2f}" y1="{HEIGHT - 4}" x2="{m * CELL:.2f}" y2="{HEIGHT}"/>'
        for m in range(1, 12)
    )
    cls = f"span p-{start.precision}" + (" inferred" if inferred else "")
    more = " continues" if end is not None and end.year > start.year else ""
    return (
        f'<svg class="ruler" viewBox="0 0 {WIDTH:g} {HEIGHT:g}" width="{WIDTH:g}" '
        f'height="{HEIGHT:g}" role="img" aria-label="{esc(label)}"><title>{esc(label)}</title>'
        f'<rect class="year" x="0" y="0" width="{WIDTH:g}" height="{HEIGHT:g}"/>'
        f'<g class="ticks">{ticks}</g>'
        f'<rect class="{cls}{more}" data-precision="{start.precision}" x="{x:g}" y="2" '
        f'width="{width:g}" height="{HEIGHT - 4:g}"/></svg>'
    )


def _row(entity: Entity) -> str:
    place = next((values for label, values in entity.facts if label == "place"), [])
    where = ", ".join(link(v, "") for v in place if not isinstance(v, (str, DateLiteral)))
    kind = f'<span class="tag">{esc(entity.types[0])}</span>' if entity.types else ""
    drawing = ruler(entity.start, entity.end, entity.inferred) if entity.start else ""
    note = f'<p class="muted small">{esc(entity.date_note)}</p>' if entity.date_note else ""
    where = f' <span class="muted">in {where}</span>' if where else ""
    return (
        f'<li class="event"><div class="when">{span_of(entity.start, entity.end, entity.inferred)}'
        f'{drawing}</div><div class="what">{link(entity.ref, "")} {kind}'
        f"{where}{note}</div></li>"
    )


def _order(entity: Entity) -> tuple[int, str, str, str]:
    start = entity.start.lexical if entity.start else ""
    end = entity.end.lexical if entity.end else ""
    return (entity.start is None, start, end, entity.ref.label)


def timeline_page(site: Site) -> str:
    """All events by date, grouped by year; undated events last."""
    events = sorted((e for e in site.entities.values() if e.kind == "event"), key=_order)
    groups = []
    for year, items in groupby(events, key=lambda e: str(e.start.year) if e.start else "undated"):
        rows = "".join(_row(e) for e in items)
        groups.append(
            f'<section class="year" id="y{year}"><h2>{year}</h2><ol>{rows}</ol></section>'
        )
    legend = (
        '<p class="legend">Each ruler is the event\'s year, one cell a month: '
        f"{ruler(DateLiteral('2011', 'year'))} known to the year, "
        f"{ruler(DateLiteral('2011-05', 'month'))} to the month, "
        f"{ruler(DateLiteral('2011-05-14', 'day'))} to the day; "
        f"{ruler(DateLiteral('2011-05', 'month'), inferred=True)} inferred, not stated.</p>"
    )
    body = (
        f'<h1>Timeline</h1><p class="lead">{len(events)} events, each dated as precisely as '
        f"its sources allow and never more.</p>{legend}{''.join(groups)}"
    )
    return page("Timeline", body, current="timeline.html", kind="timeline")
