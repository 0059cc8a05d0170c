from objectives.dashboard import charts


def test_compliance_bars_carry_values_texts_colours_and_a_100_line():
    fig = charts.compliance_bars(
        ["O1", "O2"], [49.02, None], ["49,02 %", "N/A"], ["#dc3545", "#adb5bd"], ["a", "b"]
    )
    bar = fig.data[0]
    assert list(bar.y) == [49.02, 0]
    assert list(bar.text) == ["49,02 %", "N/A"]
    assert list(bar.marker.color) == ["#dc3545", "#adb5bd"]
    assert fig.layout.shapes[0].y0 == 100 and fig.layout.shapes[0].y1 == 100
    assert fig.layout.separators == ",."


def test_the_bar_axis_makes_room_for_over_achievement():
    fig = charts.compliance_bars(["O5"], [144.82], ["144,82 %"], ["#fd7e14"], ["x"])
    assert fig.layout.yaxis.range[1] > 144.82


def test_trend_has_one_line_per_objective_with_gaps_for_no_execution():
    fig = charts.compliance_trend([2020, 2021], [("O1", [49.02, None]), ("O2", [34.26, None])])
    assert [trace.name for trace in fig.data] == ["O1", "O2"]
    assert list(fig.data[0].y) == [49.02, None]
    assert list(fig.data[0].x) == ["2020", "2021"]


def test_contributions_close_on_the_total():
    fig = charts.contributions(["545", "546"], [54.21, 42.32], ["54,21 %", "42,32 %"], "96,53 %")
    waterfall = fig.data[0]
    assert list(waterfall.measure) == ["relative", "relative", "total"]
    assert list(waterfall.text)[-1] == "96,53 %"


def test_sunburst_sizes_by_weight_with_total_branches():
    fig = charts.sunburst(
        ["p", "o1"], ["Plan", "O1"], ["", "p"], [100, 100], ["#198754"] * 2, ["", ""]
    )
    assert fig.data[0].branchvalues == "total"
    assert list(fig.data[0].values) == [100, 100]


def test_embed_does_not_include_plotly_js():
    html = charts.embed(charts.compliance_trend([2020], [("O1", [1.0])]), "grafico", "n0nce")
    assert 'id="grafico"' in html
    assert "plotly.min.js" not in html and len(html) < 20_000
