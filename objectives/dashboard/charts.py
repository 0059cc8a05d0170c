"""Every chart of PEP, built with plotly from plain lists.

Numbers arrive already rounded; their text labels come from indicators.formatting, and the
layout uses Colombian separators, so a chart reads like the table beside it. Views embed a
figure with ``embed``; plotly.min.js is served from the installed package (no CDN).

Each figure is written as plotly's own dictionaries and handed to ``go.Figure`` without its
validation (``_figure``): validating every property took about 20 ms a chart, most of a
dashboard drawn again after a write. The shapes are the ones ``add_vline``/``add_hline``
would add; tests/objectives/dashboard/test_charts.py checks what plotly.js receives.
"""

import math
from collections.abc import Sequence

import plotly.graph_objects as go
from django.utils.translation import gettext as _

from indicators.formatting import compact_number

FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"
LINE_100 = "#6c757d"
PROGRAMMED = "#9ec5fe"
EXECUTED = "#0d6efd"
PLAN_LINE = "#212529"
GRID = "#adb5bd"
# Objectives' lines: blues, violets and greys, never the semáforo's red, yellow, green or orange.
OBJECTIVE_COLORS = (
    "#1f4e9d",
    "#7b4fc9",
    "#0a7ea4",
    "#6c757d",
    "#3d8bfd",
    "#5a2d91",
    "#4f6d8a",
    "#9b8bd8",
)
INSIDE_FROM = 0.3  # a bar at least this share of the axis carries its label inside
BAR_ROW, BAR_WIDTH = 56, 0.45  # pixels per objective; the bar's share of it (its label above)
ABOVE_BAR = {
    "xanchor": "left",
    "yanchor": "bottom",
    "yshift": BAR_ROW * BAR_WIDTH / 2,
    "showarrow": False,
    "font": {"size": 13, "color": "#212529"},
}
PERCENT_AXIS = {"ticksuffix": " %", "tickformat": ",~r", "gridcolor": "#e9ecef"}


def _figure(data: list[dict], height: int = 380, **layout) -> go.Figure:
    """The traces with PEP's layout: Colombian separators, white, no default theme."""
    settings = {
        "template": {},  # no heavy default theme in every page
        "separators": ",.",
        "font": {"family": FONT, "size": 14},
        "height": height,
        "margin": {"l": 50, "r": 20, "t": 30, "b": 60},
        "plot_bgcolor": "white",
        "paper_bgcolor": "white",
    }
    merged = settings | layout
    merged["yaxis"] = {**merged.get("yaxis", {}), "gridcolor": "#e9ecef", "zerolinecolor": GRID}
    merged["xaxis"] = {**merged.get("xaxis", {}), "zerolinecolor": GRID}
    return go.Figure({"data": data, "layout": merged}, _validate=False)


def _line_at_x(x: float) -> dict:
    """A dashed vertical line across the plot, under the traces (``add_vline``)."""
    return {
        "type": "line",
        "x0": x,
        "x1": x,
        "xref": "x",
        "y0": 0,
        "y1": 1,
        "yref": "y domain",
        "line": {"color": LINE_100, "dash": "dash"},
        "layer": "below",
    }


def _line_at_y(y: float) -> dict:
    """A dashed horizontal line across the plot, under the traces (``add_hline``)."""
    return {
        "type": "line",
        "x0": 0,
        "x1": 1,
        "xref": "x domain",
        "y0": y,
        "y1": y,
        "yref": "y",
        "line": {"color": LINE_100, "dash": "dash"},
        "layer": "below",
    }


def embed(fig: go.Figure, div_id: str, nonce: str) -> str:
    """The figure's HTML fragment, its inline script carrying the request's CSP nonce."""
    return with_nonce(fragment(fig, div_id), nonce)


def fragment(fig: go.Figure, div_id: str) -> str:
    """The figure's HTML fragment without a nonce, fit to cache; plotly.js itself is loaded
    once by the page.

    Its data is JSON that plotly escapes (< and / as \\u003c, \\u002f), so no label can
    close the script.
    """
    return fig.to_html(
        full_html=False,
        include_plotlyjs=False,
        div_id=div_id,
        config={"displaylogo": False, "responsive": True},
    )


def with_nonce(html: str, nonce: str) -> str:
    return html.replace("<script>", f'<script nonce="{nonce}">')


def compliance_bars(
    labels: Sequence[str],
    values: Sequence[float | None],
    texts: Sequence[str],
    colors: Sequence[str],
    hover: Sequence[str],
    text_colors: Sequence[str] = (),
) -> go.Figure:
    """Compliance of each objective (percent): one horizontal bar per objective with its short
    label written above it, so the bars keep the whole width on a phone, against the 100 %
    line. The line is drawn under the bars and a value sits inside its bar (or beyond a short
    one), so no label is ever struck by it."""
    shown = [0 if v is None else v for v in values]
    top = max([100.0, *shown]) * 1.12
    inside = [v >= top * INSIDE_FROM for v in shown]
    bar = {
        "type": "bar",
        "x": shown,
        "y": list(labels),
        "orientation": "h",
        "width": BAR_WIDTH,
        "text": list(texts),
        "textposition": ["inside" if i else "outside" for i in inside],
        "insidetextanchor": "end",
        "constraintext": "none",
        "textfont": {"size": 14, "color": _label_colors(inside, text_colors)},
        "marker": {"color": list(colors)},
        "hovertext": list(hover),
        "hoverinfo": "text",
        "cliponaxis": False,
    }
    hundred = {
        "x": 100,
        "y": 1,
        "yref": "paper",
        "yanchor": "bottom",
        "yshift": 14,
        "text": "100 %",
        "showarrow": False,
        "font": {"color": LINE_100, "size": 12},
    }
    above = [{"x": 0, "y": label, "text": label, **ABOVE_BAR} for label in labels]
    return _figure(
        [bar],
        height=BAR_ROW * len(labels) + 80,
        margin={"l": 8, "r": 16, "t": 40, "b": 40},
        xaxis={**PERCENT_AXIS, "range": [0, top]},
        yaxis={"type": "category", "autorange": "reversed", "showticklabels": False},
        showlegend=False,
        shapes=[_line_at_x(100)],
        annotations=[*above, hundred],
    )


def _label_colors(inside: Sequence[bool], on_bar: Sequence[str]) -> list[str]:
    """A label inside its bar takes the colour that reads on the bar's; beyond it, dark."""
    return [(on_bar[n] if on_bar else "#ffffff") if i else "#212529" for n, i in enumerate(inside)]


def compliance_trend(
    x: Sequence[str],
    plan: Sequence[float | None],
    plan_texts: Sequence[str],
    series: Sequence[tuple[str, Sequence[float | None]]],
    plan_name: str = "",
) -> go.Figure:
    """The plan's compliance (a bold dark line, labelled) and each objective's (thin lines in
    colours that do not fight the semáforo) along ``x``: the cortes of a vigencia or the
    vigencias of the plan. Gaps are cortes or vigencias without approved reports."""
    traces = [
        {
            "type": "scatter",
            "x": list(x),
            "y": list(values),
            "name": name,
            "mode": "lines+markers",
            "line": {"color": OBJECTIVE_COLORS[n % len(OBJECTIVE_COLORS)], "width": 1.5},
            "marker": {"size": 6},
            "opacity": 0.8,
            "connectgaps": False,
            "hovertemplate": "%{y:,.2f} %<extra>" + name + "</extra>",
        }
        for n, (name, values) in enumerate(series)
    ]
    traces.append(
        {
            "type": "scatter",
            "x": list(x),
            "y": list(plan),
            "name": plan_name or _("Plan"),
            "mode": "lines+markers+text",
            "text": list(plan_texts),
            "textposition": "top center",
            "textfont": {"size": 14, "color": PLAN_LINE},
            "line": {"color": PLAN_LINE, "width": 4},
            "marker": {"size": 10},
            "connectgaps": False,
            "cliponaxis": False,
            "hoverinfo": "x+text+name",
        }
    )
    top = max([100.0, *(v for _, vs in series for v in vs if v is not None)])
    return _figure(
        traces,
        height=400,
        margin={"l": 10, "r": 36, "t": 20, "b": 10},
        yaxis={**PERCENT_AXIS, "range": [0, top * 1.15], "automargin": True},
        xaxis={"type": "category", "automargin": True, "range": [-0.5, len(x) - 0.5]},
        legend={"orientation": "h", "yanchor": "top", "y": -0.12, "x": 0, "font": {"size": 12}},
        shapes=[_line_at_y(100)],
    )


def contributions(
    labels: Sequence[str],
    values: Sequence[float],
    texts: Sequence[str],
    total_text: str,
    hover: Sequence[str] = (),
) -> go.Figure:
    """Waterfall of weight × progress per indicator, closing on the objective's compliance;
    horizontal, so indicator labels read whole on a phone."""
    waterfall = {
        "type": "waterfall",
        "y": [*labels, _("Cumplimiento")],
        "x": [*values, 0],
        "orientation": "h",
        "measure": ["relative"] * len(values) + ["total"],
        "text": [*texts, total_text],
        "textposition": "outside",
        "constraintext": "none",
        "textfont": {"size": 14},
        "cliponaxis": False,
        "connector": {"line": {"color": GRID}},
        "increasing": {"marker": {"color": EXECUTED}},
        "totals": {"marker": {"color": PLAN_LINE}},
    }
    if hover:
        waterfall |= {"hovertext": [*hover, total_text], "hoverinfo": "text"}
    return _figure(
        [waterfall],
        height=max(260, 40 * (len(labels) + 1) + 70),
        margin={"l": 10, "r": 60, "t": 20, "b": 40},
        xaxis={**PERCENT_AXIS, "title": {"text": _("puntos porcentuales")}, "ticksuffix": ""},
        yaxis={"type": "category", "autorange": "reversed", "automargin": True},
        showlegend=False,
    )


def magnitude_axis(values: Sequence[float | None]) -> dict:
    """An axis of magnitudes with ticks as a person reads them ("2 millones", "500.000")."""
    top = max([v for v in values if v is not None] or [1.0])
    step = _nice_step(top / 4)
    ticks = [step * n for n in range(int(top // step) + 2)]
    return {"tickvals": ticks, "ticktext": [compact_number(t) for t in ticks]}


def _nice_step(raw: float) -> float:
    """1, 2 or 5 times a power of ten, at least ``raw``."""
    if raw <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 5, 10) if m * power >= raw)


def expected_execution(
    labels: Sequence[str],
    expected: Sequence[float | None],
    executed: Sequence[float | None],
    expected_texts: Sequence[str],
    executed_texts: Sequence[str],
) -> go.Figure:
    """Expected to date against executed at each corte of a vigencia, in the indicator's unit."""
    fig = programming_execution(labels, expected, executed, expected_texts, executed_texts)
    fig.data[0].name = _("Esperado a la fecha")
    return fig


def programming_execution(
    years: Sequence[int | str],
    programmed: Sequence[float | None],
    executed: Sequence[float | None],
    programmed_texts: Sequence[str],
    executed_texts: Sequence[str],
) -> go.Figure:
    """Programmed against executed magnitude per vigencia, in the indicator's unit."""
    x = [str(y) for y in years]
    bars = [
        {
            "type": "bar",
            "x": x,
            "y": list(ys),
            "name": name,
            "marker": {"color": color},
            "text": list(texts),
            "hoverinfo": "x+text+name",
        }
        for name, ys, texts, color in (
            (_("Programado"), programmed, programmed_texts, PROGRAMMED),
            (_("Ejecutado"), executed, executed_texts, EXECUTED),
        )
    ]
    return _figure(
        bars,
        barmode="group",
        xaxis={"type": "category"},
        yaxis=magnitude_axis([*programmed, *executed]) | {"automargin": True},
        height=340,
        margin={"l": 10, "r": 10, "t": 30, "b": 40},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
    )


def sunburst(
    ids: Sequence[str],
    labels: Sequence[str],
    parents: Sequence[str],
    values: Sequence[float],
    colors: Sequence[str],
    hover: Sequence[str],
) -> go.Figure:
    """Plan → objectives → metas → indicators, sized by weight and coloured by semáforo."""
    sunburst = {
        "type": "sunburst",
        "ids": list(ids),
        "labels": list(labels),
        "parents": list(parents),
        "values": list(values),
        "branchvalues": "total",
        "marker": {"colors": list(colors), "line": {"color": "white", "width": 1}},
        "hovertext": list(hover),
        "hoverinfo": "text",
        "insidetextorientation": "radial",
    }
    return _figure(
        [sunburst],
        height=620,
        margin={"l": 0, "r": 0, "t": 10, "b": 10},
        uniformtext={"minsize": 11, "mode": "hide"},  # a label too small to read is left out
    )
