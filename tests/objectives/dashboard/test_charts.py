import plotly.graph_objects as go

from objectives.dashboard import charts


def test_compliance_bars_carry_values_texts_colours_and_a_100_line():
    fig = charts.compliance_bars(
        ["O1 · Paz", "O2 · Gobierno"],
        [49.02, None],
        ["49,02 %", "N/A"],
        ["#dc3545", "#adb5bd"],
        ["a", "b"],
        ["#ffffff", "#212529"],
    )
    bar = fig.data[0]
    assert bar.orientation == "h"
    assert list(bar.y) == ["O1 · Paz", "O2 · Gobierno"]
    assert list(bar.x) == [49.02, 0]
    assert list(bar.text) == ["49,02 %", "N/A"]
    assert list(bar.marker.color) == ["#dc3545", "#adb5bd"]
    line = fig.layout.shapes[0]
    assert (line.x0, line.x1, line.layer) == (100, 100, "below")
    assert fig.layout.separators == ",."


def test_labels_sit_inside_long_bars_and_beyond_short_ones_never_on_the_100_line():
    fig = charts.compliance_bars(
        ["a", "b", "c"], [96.53, 5.0, 130.0], ["96,53 %", "5,00 %", "130,00 %"], ["#000"] * 3, []
    )
    assert list(fig.data[0].textposition) == ["inside", "outside", "inside"]
    assert fig.data[0].insidetextanchor == "end"


def test_the_bar_axis_makes_room_for_over_achievement():
    fig = charts.compliance_bars(["O5"], [144.82], ["144,82 %"], ["#fd7e14"], ["x"])
    assert fig.layout.xaxis.range[1] > 144.82


def test_trend_has_one_line_per_objective_and_the_plan_line_with_gaps_for_no_execution():
    fig = charts.compliance_trend(
        ["2020", "2021"],
        [41.64, None],
        ["41,64 %", ""],
        [("O1", [49.02, None]), ("O2", [34.26, None])],
        "Plan",
    )
    assert [trace.name for trace in fig.data] == ["O1", "O2", "Plan"]
    assert list(fig.data[0].y) == [49.02, None]
    assert list(fig.data[0].x) == ["2020", "2021"]
    plan = fig.data[-1]
    assert (list(plan.y), list(plan.text), plan.line.width) == ([41.64, None], ["41,64 %", ""], 4)
    semaforo = {"#dc3545", "#ffc107", "#198754", "#fd7e14"}
    assert not {trace.line.color for trace in fig.data} & semaforo


def test_magnitude_ticks_read_as_a_person_says_them():
    axis = charts.magnitude_axis([2_000_000, 3_253_000, None])
    assert axis["tickvals"][:3] == [0, 1_000_000, 2_000_000]
    assert axis["ticktext"][:3] == ["0", "1 millón", "2 millones"]
    assert charts.magnitude_axis([90_000])["ticktext"][:2] == ["0", "50.000"]


def test_contributions_close_on_the_total():
    fig = charts.contributions(["545", "546"], [54.21, 42.32], ["54,21 %", "42,32 %"], "96,53 %")
    waterfall = fig.data[0]
    assert list(waterfall.y) == ["545", "546", "Cumplimiento"]
    assert list(waterfall.measure) == ["relative", "relative", "total"]
    assert list(waterfall.text)[-1] == "96,53 %"


def test_sunburst_sizes_by_weight_with_total_branches():
    fig = charts.sunburst(
        ["p", "o1"], ["Plan", "O1"], ["", "p"], [100, 100], ["#198754"] * 2, ["", ""]
    )
    assert fig.data[0].branchvalues == "total"
    assert list(fig.data[0].values) == [100, 100]


def test_embed_does_not_include_plotly_js():
    trend = charts.compliance_trend(["2020"], [1.0], ["1,00 %"], [("O1", [1.0])])
    html = charts.embed(trend, "grafico", "n0nce")
    assert 'id="grafico"' in html
    assert "plotly.min.js" not in html and len(html) < 20_000


def test_every_chart_is_valid_plotly_though_built_without_its_validation():
    figures = [
        charts.compliance_bars(["O1"], [49.02], ["49,02 %"], ["#dc3545"], ["a"], ["#fff"]),
        charts.compliance_trend(["2020"], [1.0], ["1,00 %"], [("O1", [1.0])]),
        charts.contributions(["545"], [54.21], ["54,21 %"], "54,21 %", ["545: 54,21 %"]),
        charts.programming_execution([2020], [10.0], [5.0], ["10"], ["5"]),
        charts.expected_execution(["30 jun."], [10.0], [5.0], ["10"], ["5"]),
        charts.sunburst(["p"], ["Plan"], [""], [100], ["#198754"], [""]),
    ]
    for fig in figures:
        spec = fig.to_plotly_json()
        validated = go.Figure(spec)  # raises on any property plotly does not know
        assert validated.to_plotly_json()["data"] == spec["data"]
    assert figures[0].layout.shapes[0].yref == "y domain"  # add_vline's line, 100 % across
    assert figures[1].layout.shapes[0].xref == "x domain"  # add_hline's
    assert figures[4].data[0].name == "Esperado a la fecha"
