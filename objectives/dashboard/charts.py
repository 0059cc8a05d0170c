"""Every chart of PEP, built with plotly from plain lists.

Numbers arrive already rounded; their text labels come from indicators.formatting, and the
layout uses Colombian separators, so a chart reads like the table beside it. Views embed a
figure with ``embed``; plotly.min.js is served from the installed package (no CDN).
"""

from collections.abc import Sequence

import plotly.graph_objects as go
from django.utils.translation import gettext as _

FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"
LINE_100 = "#6c757d"
PROGRAMMED = "#9ec5fe"
EXECUTED = "#0d6efd"


def _layout(fig: go.Figure, height: int = 380, **layout) -> go.Figure:
    settings = {
        "template": go.layout.Template(),  # no heavy default theme in every page
        "separators": ",.",
        "font": {"family": FONT, "size": 14},
        "height": height,
        "margin": {"l": 50, "r": 20, "t": 30, "b": 60},
        "plot_bgcolor": "white",
        "paper_bgcolor": "white",
    }
    fig.update_layout(**(settings | layout))
    fig.update_yaxes(gridcolor="#e9ecef", zerolinecolor="#adb5bd")
    return fig


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
) -> go.Figure:
    """Compliance of each objective (percent) against the 100 % line."""
    fig = go.Figure(
        go.Bar(
            x=list(labels),
            y=[0 if v is None else v for v in values],
            text=list(texts),
            textposition="outside",
            marker_color=list(colors),
            hovertext=list(hover),
            hoverinfo="text",
            cliponaxis=False,
        )
    )
    fig.add_hline(
        y=100,
        line_dash="dash",
        line_color=LINE_100,
        annotation_text="100 %",
        annotation_position="top left",
    )
    top = max([100.0, *(v for v in values if v is not None)])
    return _layout(
        fig,
        yaxis={"title": "%", "range": [0, top * 1.15]},
        xaxis={"type": "category"},
        showlegend=False,
    )


def compliance_trend(
    years: Sequence[int], series: Sequence[tuple[str, Sequence[float | None]]]
) -> go.Figure:
    """Each objective's compliance (percent) across the plan's vigencias; gaps = no execution."""
    fig = go.Figure(
        [
            go.Scatter(
                x=[str(y) for y in years],
                y=list(values),
                name=name,
                mode="lines+markers",
                connectgaps=False,
            )
            for name, values in series
        ]
    )
    fig.add_hline(y=100, line_dash="dash", line_color=LINE_100)
    return _layout(
        fig, yaxis={"title": "%", "rangemode": "tozero"}, xaxis={"type": "category"}, height=420
    )


def contributions(
    labels: Sequence[str], values: Sequence[float], texts: Sequence[str], total_text: str
) -> go.Figure:
    """Waterfall of weight × progress per indicator, closing on the objective's compliance."""
    fig = go.Figure(
        go.Waterfall(
            x=[*labels, _("Cumplimiento")],
            y=[*values, 0],
            measure=["relative"] * len(values) + ["total"],
            text=[*texts, total_text],
            textposition="outside",
            cliponaxis=False,
            connector={"line": {"color": "#adb5bd"}},
            increasing={"marker": {"color": EXECUTED}},
            totals={"marker": {"color": "#212529"}},
        )
    )
    return _layout(
        fig,
        yaxis={"title": _("puntos porcentuales")},
        xaxis={"type": "category"},  # codes like "545" are labels, not numbers
        showlegend=False,
    )


def programming_execution(
    years: Sequence[int],
    programmed: Sequence[float | None],
    executed: Sequence[float | None],
    programmed_texts: Sequence[str],
    executed_texts: Sequence[str],
) -> go.Figure:
    """Programmed against executed magnitude per vigencia, in the indicator's unit."""
    x = [str(y) for y in years]
    fig = go.Figure(
        [
            go.Bar(
                x=x,
                y=list(programmed),
                name=_("Programado"),
                marker_color=PROGRAMMED,
                text=list(programmed_texts),
                hoverinfo="x+text+name",
            ),
            go.Bar(
                x=x,
                y=list(executed),
                name=_("Ejecutado"),
                marker_color=EXECUTED,
                text=list(executed_texts),
                hoverinfo="x+text+name",
            ),
        ]
    )
    return _layout(fig, barmode="group", xaxis={"type": "category"}, height=340)


def sunburst(
    ids: Sequence[str],
    labels: Sequence[str],
    parents: Sequence[str],
    values: Sequence[float],
    colors: Sequence[str],
    hover: Sequence[str],
) -> go.Figure:
    """Plan → objectives → metas → indicators, sized by weight and coloured by semáforo."""
    fig = go.Figure(
        go.Sunburst(
            ids=list(ids),
            labels=list(labels),
            parents=list(parents),
            values=list(values),
            branchvalues="total",
            marker={"colors": list(colors), "line": {"color": "white", "width": 1}},
            hovertext=list(hover),
            hoverinfo="text",
            insidetextorientation="radial",
        )
    )
    return _layout(fig, height=620, margin={"l": 0, "r": 0, "t": 10, "b": 10})
