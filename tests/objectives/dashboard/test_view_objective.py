from decimal import Decimal as D

import pytest

from indicators.choices import Annualization
from indicators.models import Indicator
from tests.factories import make_plan

pytestmark = pytest.mark.django_db


def objective_url(plan, number, year=2020):
    return f"/objetivos/{plan.objectives.get(number=number).pk}/?vigencia={year}"


def test_contributions_add_up_to_the_compliance_on_every_objective(user_client, seed_plan):
    for number in range(1, 9):
        page = user_client.get(objective_url(seed_plan, number)).context["page"]
        assert sum(line.line.contribution for line in page.lines) == page.compliance


def test_objective_5_under_the_three_policies(user_client, seed_plan):
    response = user_client.get(objective_url(seed_plan, 5))
    page = response.context["page"]
    assert [(p.policy, p.compliance, p.official) for p in page.policies] == [
        ("libro", D("96.53"), True),
        ("tope", D("66.66"), False),
        ("renormalizado", D("144.82"), False),
    ]
    html = response.content.decode()
    assert 'id="politica-libro">96,53 %' in html
    assert 'id="politica-tope">66,66 %' in html
    assert 'id="politica-renormalizado">144,82 %' in html
    assert "La política oficial de este plan es «Libro»" in html


def test_how_it_is_computed_shows_each_formula_with_its_numbers(user_client, seed_plan):
    html = user_client.get(objective_url(seed_plan, 5)).content.decode()
    assert "N/A: sin programación en 2020" in html
    assert "Suma: 3.253.000 / 2.000.000 = 162,65 %" in html
    assert "33,33 % × 162,65 % = 54,21 %" in html
    assert "Suma: 114.279 / 90.000 = 126,98 %" in html
    assert 'id="suma-aportes">96,53 %' in html


def test_percentage_indicators_show_their_magnitudes_as_percentages(user_client, seed_plan):
    html = user_client.get(objective_url(seed_plan, 1)).content.decode()
    assert "Creciente sin línea base: 2,37 % / 5,00 % = 47,40 %" in html
    assert "89,35 % × 47,40 % = 42,35 %" in html


def test_the_waterfall_ends_on_the_compliance(user_client, seed_plan):
    html = user_client.get(objective_url(seed_plan, 4)).content.decode()
    assert '"x":[47.57,31.68,3.23,0]' in html
    assert '"measure":["relative","relative","relative","total"]' in html
    assert '"82,48 %"' in html


def test_the_table_lists_indicators_with_na_shown_as_na(user_client, seed_plan):
    response = user_client.get(objective_url(seed_plan, 5))
    rows = response.context["table"].rows
    assert [row.get_cell("code") for row in rows][1:] == [
        f'<a href="/indicadores/{rows[1].record.indicator.pk}/">545</a>',
        f'<a href="/indicadores/{rows[2].record.indicator.pk}/">546</a>',
    ]
    assert rows[0].get_cell("progress") == "N/A"
    assert rows[1].get_cell("progress") == "162,65 %"
    assert rows[1].get_cell("programmed") == "2.000.000"


def test_the_table_sorts_by_progress(user_client, seed_plan):
    url = objective_url(seed_plan, 5) + "&sort=-progress"
    rows = user_client.get(url).context["table"].rows
    assert [row.record.indicator.code for row in rows] == ["545", "546", "544"]


def test_an_unknown_objective_is_a_404(user_client, seed_plan):
    assert user_client.get("/objetivos/9999/").status_code == 404


@pytest.mark.parametrize(("objectives", "indicators"), [(1, 2), (3, 15)])
def test_query_count_is_fixed(user_client, django_assert_num_queries, objectives, indicators):
    url = objective_url(make_plan(objectives, indicators), 1)
    # + the published figure (issue 11), + the cache's key; the figures are the plan's shared
    # ones (five; the cortes with reports and ¿vamos bien? at the latest come from them, + the
    # programming per corte)
    with django_assert_num_queries(13):
        response = user_client.get(url)
    assert len(response.context["page"].lines) == indicators
    with django_assert_num_queries(4):  # session, user, the objective (and its plan), roles
        again = user_client.get(url)
    table = lambda r: r.content.decode().split('id="como-se-calcula"')[1]  # noqa: E731
    assert table(again) == table(response)  # the same figures, from the cache


def test_indicators_without_a_code_read_sin_codigo_numbered_in_the_chart(user_client, seed_plan):
    response = user_client.get(objective_url(seed_plan, 7))
    html = response.content.decode()
    assert '"y":["sin c\\u00f3digo (1)","sin c\\u00f3digo (2)","Cumplimiento"]' in html
    assert ">N/A<" not in html


def test_it_shows_its_coverage_notes_and_the_books_own_figure(user_client, seed_plan):
    html = user_client.get(objective_url(seed_plan, 8)).content.decode()
    assert (
        'id="cobertura">Datos al 31 de diciembre · 1 de 1 indicadores con reporte aprobado</p>'
    ) in html
    assert 'id="cumplimiento">74,00 %' in html
    assert (
        'id="cifra-publicada">Publicado en el libro: 74,00 % · magnitud de la vigencia 100,00 %'
    ) in html
    assert 'id="cifra-publicada-difiere"' not in html
    notes = html.split('id="notas"')[1].split("</section>")[0]
    assert notes.count("<li>") == 4
    assert "<li>• Fuente: Secretaría General. Libro de seguimiento" in notes


def test_a_published_figure_that_disagrees_is_said_beside_the_computed_one(user_client, seed_plan):
    weight = seed_plan.objectives.get(number=8).weights.get()
    weight.weight = 50
    weight.save()
    html = user_client.get(objective_url(seed_plan, 8)).content.decode()
    assert 'id="cumplimiento">37,00 %' in html
    assert (
        'role="status">El cumplimiento publicado del objetivo 8 para 2020 es 74,00 % y el '
        "calculado es 37,00 %.</p>"
    ) in html


def test_an_unreported_indicator_with_a_baseline_counts_zero_not_minus_200(user_client, db):
    plan = make_plan(1, 2)
    indicator = Indicator.objects.filter(weights__objective__plan=plan).order_by("id").last()
    indicator.annualization, indicator.baseline = Annualization.CRECIENTE, D(4)
    indicator.save()
    indicator.reports.all().delete()
    page = user_client.get(objective_url(plan, 1)).context["page"]
    assert [line.line.progress for line in page.lines] == [D("0.5"), D(0)]
    assert page.headline.compliance == D(25)  # 50 × 50 % + 50 × 0 %, never 50 × −67 %
    assert page.lines[1].progress_text == "Creciente: meta 10 · 0,00 % (sin reporte: cuenta 0)"


def test_the_objective_on_track_at_june_with_its_indicators_behind(user_client, seed_plan):
    from decimal import Decimal as D

    from indicators.models import Indicator, Report

    for code, executed in (("544", 1), ("545", 1000000), ("546", 75000)):
        Report.objects.create(
            indicator=Indicator.objects.get(code=code), year=2021, corte=6, executed=executed
        )
    response = user_client.get(objective_url(seed_plan, 5, 2021))
    page = response.context["page"]
    # 33,33 × (100 % + 57,14 % + 100 %) = 33,33 + 19,05 + 33,33.
    assert (page.corte, page.on_track.on_track, page.on_track.status) == (
        6, D("85.71"), "en_riesgo",
    )  # fmt: skip
    assert [row.indicator.code for row in page.on_track.behind()] == ["545"]
    html = response.content.decode()
    assert "Frente a lo esperado a 30 de junio: 85,71 %" in html
    table = html.split('id="tabla-atrasados-objetivo"')[1].split("</table>")[0]
    assert "750.000" in table and "57,14 %" in table


def test_a_cached_page_changes_right_after_a_write_to_its_figures(user_client):
    from indicators.models import Report

    plan = make_plan(1, 2)
    url = objective_url(plan, 1)
    total = lambda: user_client.get(url).content.decode().split('id="suma-aportes">')[1][:9]  # noqa: E731
    assert total().startswith("50,00 %")
    assert total().startswith("50,00 %")  # cached
    report = Report.objects.filter(indicator__weights__objective__plan=plan, corte=12).first()
    report.executed = 10  # one of two indicators (50 each) now at 100 %
    report.save()
    assert total().startswith("75,00 %")
