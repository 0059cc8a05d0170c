import os
import time
from decimal import Decimal as D
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from indicators.formatting import round_half_up
from indicators.models import Indicator, Programming, Report
from objectives.book import views as import_views
from objectives.book.views import SESSION_KEY
from objectives.figures import plan_scores
from objectives.models import Closure, Plan
from tests.books import Pct, indicator_row, simple_book

pytestmark = pytest.mark.django_db

UPLOAD = reverse("objectives:import")
CONFIRM = reverse("objectives:import_confirm")


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Uploaded books land in a temporary MEDIA_ROOT, never in the project's media folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def administrator(client, make_user):
    """A client logged in as a member of the Administrador group (not a superuser)."""
    user = make_user("Administrador")
    client.force_login(user)
    client.user = user
    return client


def upload(client, path, name=None):
    book = SimpleUploadedFile(name or path.name, path.read_bytes())
    return client.post(UPLOAD, {"book": book})


def waiting_books(media):
    folder = media / "importaciones"
    return sorted(folder.iterdir()) if folder.exists() else []


def texts(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def counts_of(response):
    return {
        str(label): (t.created, t.updated, t.unchanged, t.protected)
        for label, t in response.context["counts"]
    }


def test_anonymous_visitors_are_sent_to_log_in(client):
    assert client.get(UPLOAD).url == f"/cuenta/login/?next={UPLOAD}"
    assert client.post(CONFIRM).url == f"/cuenta/login/?next={CONFIRM}"


@pytest.mark.parametrize("role", [None, "Planeación", "Directivo", "Responsable"])
def test_users_without_the_administrador_role_are_refused(client, make_user, seed_book, role):
    client.force_login(make_user(role))
    assert client.get(UPLOAD).status_code == 403
    assert upload(client, seed_book).status_code == 403
    assert client.post(CONFIRM).status_code == 403
    assert Plan.objects.count() == 0


def test_the_upload_page_offers_the_form_and_states_the_limit(
    administrator, django_assert_num_queries
):
    with django_assert_num_queries(3):  # session, user, the user's groups
        response = administrator.get(UPLOAD)
    html = response.content.decode()
    assert 'enctype="multipart/form-data"' in html
    assert 'type="file" name="book"' in html
    assert "hasta 5 MB" in html
    assert 'action="/importar/confirmar/"' not in html


def test_a_superuser_is_an_administrador(admin_client):
    response = admin_client.get(UPLOAD)
    assert response.status_code == 200
    assert "Importar libro de seguimiento" in response.content.decode()


def test_confirm_only_accepts_post(administrator):
    assert administrator.get(CONFIRM).status_code == 405


def test_the_preview_of_the_2020_book_shows_what_would_be_created_and_writes_nothing(
    administrator, seed_book, media
):
    response = upload(administrator, seed_book)
    assert response.status_code == 200
    assert counts_of(response) == {
        "Plan": (1, 0, 0, 0),
        "Objetivos": (8, 0, 0, 0),
        "Metas": (12, 0, 0, 0),
        "Indicadores": (19, 0, 0, 0),
        "Ponderaciones": (20, 0, 0, 0),
        "Programación": (95, 0, 0, 0),
        "Programación por corte": (0, 0, 0, 0),  # no «Programación AAAA Tn» columns (issue 14)
        "Ejecución": (15, 0, 0, 0),
        "Avance publicado": (15, 0, 0, 0),
        "Cumplimiento publicado": (8, 0, 0, 0),  # the book's «Avance vigencia» (issue 11)
        "Versiones de las metas": (0, 0, 0, 0),  # the sheet «Reprogramaciones» (issue 15)
    }
    html = response.content.decode()
    assert '<th scope="row">Indicadores</th><td class="num">19</td>' in html
    assert (
        "Advertencia (hoja «Objetivo 2», fila 12, columna L (Programación Total)): indicador 555"
        in html
    )
    assert "La meta 503 repite palabra por palabra el enunciado de la meta 498" in html
    assert "<li>Ejecución 545 · 2020 · 31 de diciembre</li>" in html
    assert response.context["updates"] == []
    assert 'id="confirmar"' in html
    assert [Plan.objects.count(), Indicator.objects.count(), Report.objects.count()] == [0, 0, 0]
    stored = waiting_books(media)
    assert [p.name for p in stored] == [f"{administrator.session[SESSION_KEY]['token']}.xlsx"]
    assert stored[0].read_bytes() == seed_book.read_bytes()
    assert administrator.session[SESSION_KEY]["filename"] == "libro_seguimiento_2020.xlsx"


def test_a_large_preview_lists_the_first_new_rows_and_counts_them_all(
    administrator, seed_book, media, monkeypatch
):
    monkeypatch.setattr(import_views, "SHOWN", 10)
    response = upload(administrator, seed_book)
    html = response.content.decode()
    assert len(response.context["creations"]) == 10
    # 185 rows, and since issue 11 the eight objectives' published figures
    assert "193 filas nuevas</summary>" in html
    assert "Se muestran las primeras 10 de 193 filas nuevas." in html


def test_confirming_writes_the_book_and_goes_to_the_dashboard(administrator, seed_book, media):
    upload(administrator, seed_book)
    response = administrator.post(CONFIRM)
    plan = Plan.objects.get()
    assert response.url == f"/?plan={plan.pk}"
    assert Indicator.objects.count() == 19
    objective_1 = plan_scores(plan, 2020).objectives[0][1]
    assert round_half_up(objective_1.compliance) == D("49.02")
    [message] = texts(response)
    assert message.startswith("Libro «libro_seguimiento_2020.xlsx» importado. Plan: 1 creados")
    assert "Indicadores: 19 creados, 0 actualizados, 0 sin cambios" in message
    assert waiting_books(media) == []
    assert SESSION_KEY not in administrator.session


def test_a_second_confirmation_finds_nothing_to_import(administrator, seed_book):
    upload(administrator, seed_book)
    administrator.post(CONFIRM)
    response = administrator.post(CONFIRM)
    assert response.url == UPLOAD
    assert texts(response)[-1] == "La carga ya no está disponible: vuelva a cargar el libro."
    assert Plan.objects.count() == 1


def test_a_changed_execution_is_previewed_old_to_new_in_colombian_format(administrator, tmp_path):
    call_command(
        "import_book",
        str(simple_book(tmp_path / "a.xlsx", [indicator_row(executed=2000000)])),
        stdout=StringIO(),
    )
    response = upload(
        administrator, simple_book(tmp_path / "b.xlsx", [indicator_row(executed=3253000.5)])
    )
    [change] = response.context["updates"]
    assert change.label == "Ejecución 101 · 2020 · 31 de diciembre"
    assert [(f.name, f.old, f.new) for f in change.fields] == [
        ("magnitud ejecutada", "2.000.000", "3.253.000,5")
    ]
    assert counts_of(response)["Ejecución"] == (0, 1, 0, 0)
    table = response.content.decode().split('id="tabla-cambios"')[1].split("</table>")[0]
    assert "Ejecución 101 · 2020 · 31 de diciembre" in table
    assert "<td>Magnitud ejecutada</td>" in table
    assert '<td class="text-break">2.000.000</td>' in table
    assert '<td class="text-break">3.253.000,5</td>' in table
    assert Report.objects.get().executed == D(2000000)
    administrator.post(CONFIRM)
    assert Report.objects.get().executed == D("3253000.5")


def test_a_book_with_errors_lists_them_and_cannot_be_confirmed(administrator, tmp_path, media):
    rows = [indicator_row(code="1", weight=Pct(0.5)), indicator_row(code="2", weight="mucho")]
    response = upload(administrator, simple_book(tmp_path / "malo.xlsx", rows))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Error (hoja «Objetivo 1», fila 6, columna F (Ponderación Indicador))" in html
    assert "«mucho» no es un número" in html
    assert "no se puede importar nada hasta corregirlo" in html
    assert 'id="confirmar"' not in html
    assert response.context["counts"] == []
    assert SESSION_KEY not in administrator.session
    assert waiting_books(media) == []
    confirmed = administrator.post(CONFIRM)
    assert confirmed.url == UPLOAD
    assert Plan.objects.count() == 0


def test_a_new_upload_replaces_the_one_waiting(administrator, seed_book, tmp_path, media):
    upload(administrator, seed_book)
    upload(administrator, simple_book(tmp_path / "a.xlsx"))
    assert len(waiting_books(media)) == 1
    administrator.post(CONFIRM)
    assert Plan.objects.get().name == "Plan de prueba"


@pytest.mark.parametrize("content", [b"hola", b"PK\x03\x04\x14\x00corrupto"])
def test_a_file_that_is_not_a_workbook_shows_the_readers_error(
    administrator, tmp_path, media, content
):
    path = tmp_path / "libro.xlsx"
    path.write_bytes(content)
    response = upload(administrator, path)
    html = response.content.decode()
    assert response.status_code == 200
    assert "El archivo no es un libro de Excel (.xlsx) válido." in html
    assert 'id="confirmar"' not in html
    assert waiting_books(media) == []


@pytest.mark.parametrize("name", ["datos.csv", "libro.xls", "libro"])
def test_a_file_without_the_xlsx_extension_is_refused(administrator, seed_book, media, name):
    response = upload(administrator, seed_book, name=name)
    assert response.status_code == 200
    assert response.context["form"].errors["book"] == [
        f"«{name}» no es un libro .xlsx: guárdelo como «Libro de Excel (.xlsx)»."
    ]
    assert "no es un libro .xlsx" in response.content.decode()
    assert Plan.objects.count() == 0
    assert waiting_books(media) == []


def test_a_file_over_the_limit_is_refused_naming_the_limit(administrator, tmp_path, media):
    path = tmp_path / "grande.xlsx"
    path.write_bytes(b"0" * (6 * 1024 * 1024))
    response = upload(administrator, path)
    assert response.status_code == 200
    assert response.context["form"].errors["book"] == ["El archivo pesa 6 MB; el límite es 5 MB."]
    assert waiting_books(media) == []


def test_the_limit_follows_the_setting(administrator, seed_book, settings):
    settings.BOOK_MAX_BYTES = 1024
    response = upload(administrator, seed_book)
    [error] = response.context["form"].errors["book"]
    assert error.endswith("el límite es 1 KB.")
    assert "hasta 1 KB" in response.content.decode()
    assert Plan.objects.count() == 0


def test_an_upload_waiting_too_long_cannot_be_confirmed(administrator, seed_book, media):
    upload(administrator, seed_book)
    [stored] = waiting_books(media)
    two_hours_ago = time.time() - 2 * 60 * 60
    os.utime(stored, (two_hours_ago, two_hours_ago))
    response = administrator.post(CONFIRM)
    assert response.url == UPLOAD
    assert Plan.objects.count() == 0
    assert waiting_books(media) == []


def test_a_web_import_never_overwrites_an_approved_report_of_a_closed_vigencia(
    administrator, tmp_path
):
    first = [indicator_row(executed=5, programmed=(10, 10), total=20)]
    call_command("import_book", str(simple_book(tmp_path / "a.xlsx", first)), stdout=StringIO())
    Closure.objects.create(
        plan=Plan.objects.get(),
        year=2020,
        is_closed=True,
        snapshot={},
        closed_by=administrator.user,
        closed_at=timezone.now(),
    )
    second = [indicator_row(executed=7, programmed=(10, 12), total=22)]
    response = upload(administrator, simple_book(tmp_path / "b.xlsx", second))
    protected = (
        "La vigencia 2020 está cerrada: no se cambió la ejecución aprobada de 101 "
        "(31 de diciembre)."
    )
    assert counts_of(response)["Ejecución"] == (0, 0, 0, 1)
    assert protected in response.content.decode().split('id="protegidos"')[1]
    assert [c.label for c in response.context["updates"]] == [
        "Indicador 101",
        "Programación 101 · 2021",
    ]
    confirmed = administrator.post(CONFIRM)
    assert texts(confirmed)[-1] == protected
    assert Report.objects.get().executed == D(5)
    assert Programming.objects.get(year=2021).value == D(12)


def test_the_preview_lists_a_report_under_review_as_protected_with_both_figures(
    administrator, seed_book, make_user
):
    """Issue 12: the web import overwrote a sent report (90) with the book's 84."""
    call_command("import_book", str(seed_book), stdout=StringIO())
    budget = Indicator.objects.get(name__startswith="Porcentaje de presupuesto comprometido")
    Report.objects.filter(indicator=budget, year=2020).update(
        executed=90, status="enviado", reported_by=make_user("Responsable")
    )
    response = upload(administrator, seed_book)
    html = response.content.decode()
    protected = html.split('id="protegidos"')[1].split("</div>")[0]
    assert (
        "está enviado en PEP: el libro no lo cambia. PEP tiene 90; el libro dice 84." in protected
    )
    assert 'id="nada-que-importar"' in html and not response.context["can_confirm"]
    assert counts_of(response)["Ejecución"] == (0, 0, 14, 1)
    assert Report.objects.get(indicator=budget, year=2020).executed == D(90)


def test_the_preview_of_the_book_typed_as_the_document_shows_its_own_objective_figures(
    administrator,
):
    """Issue 11: the web import goes through the same reader: the document-typed book has no
    error, and the preview lists each objective's «Avance vigencia» beside PEP's figure."""
    path = Path(settings.BASE_DIR) / "fixtures" / "libro_2020_como_en_el_documento.xlsx"
    response = upload(administrator, path)
    assert response.context["errors"] == []
    assert len(response.context["warnings"]) == 21
    published = [
        (f["number"], f["year"], f["published"], round_half_up(f["computed"]))
        for f in response.context["published"]
    ]
    assert published == [
        (number, 2020, D(str(value)).quantize(D("0.0001")), D(str(value)).quantize(D("0.01")))
        for number, value in zip(range(1, 9), SEED_FIGURES, strict=True)
    ]
    table = response.content.decode().split('id="tabla-publicadas"')[1].split("</table>")[0]
    assert (
        '<tr><th scope="row">7</th><td>2020</td><td class="num">100,00 %</td>'
        '<td class="num">69,92 %</td><td class="num">69,92 %</td></tr>'
    ) in table
    assert counts_of(response)["Cumplimiento publicado"] == (8, 0, 0, 0)


SEED_FIGURES = (49.02, 34.26, 0, 82.48, 96.53, 71.43, 69.92, 74)
