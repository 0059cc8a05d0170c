"""Issue 11: import_book on the 2020 book typed exactly as the source document shows it.

`fixtures/libro_2020_como_en_el_documento.xlsx` (written by
`tools/fixtures/libro_como_en_el_documento.py`) has the document's tables as a planning officer
types them: no Anualización column but in objective 2's second table, figures as text
(«89,35%», «13.200.000,00»), statements wrapped over rows, notes above the table, blank rows,
Total rows, the «Magnitud vigencia / Avance vigencia» lines and objective 2 as two stacked tables.
"""

import json
import re
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from openpyxl import load_workbook

from indicators.models import Goal, Indicator, Programming, PublishedProgress, Report
from objectives.models import Objective, Plan, PublishedCompliance, Weight

pytestmark = pytest.mark.django_db

DOCUMENT_BOOK = Path(settings.BASE_DIR) / "fixtures" / "libro_2020_como_en_el_documento.xlsx"
TIDY_BOOK = Path(settings.BASE_DIR) / "fixtures" / "libro_seguimiento_2020.xlsx"
PUBLISHED_2020 = {1: 49.02, 2: 34.26, 3: 0.0, 4: 82.48, 5: 96.53, 6: 71.43, 7: 69.92, 8: 74.0}


def run(path: Path = DOCUMENT_BOOK) -> tuple[int, str, str]:
    out, err = StringIO(), StringIO()
    try:
        call_command("import_book", str(path), stdout=out, stderr=err)
        code = 0
    except SystemExit as exit_:
        code = exit_.code
    return code, out.getvalue(), err.getvalue()


def imported() -> str:
    """Import the book typed as the document; what it printed on stdout."""
    code, out, err = run()
    assert (code, err) == (0, "")
    return out


def compliance_2020() -> dict:
    out = StringIO()
    call_command("compliance", "--year", "2020", "--format", "json", stdout=out)
    return json.loads(out.getvalue())


def stated_figures(path: Path = DOCUMENT_BOOK) -> dict[int, float]:
    """The book's own «Avance vigencia: 49,02%» per objective sheet, in one cell or two."""
    figures = {}
    for sheet in load_workbook(path, read_only=True).worksheets[1:]:
        text = " ".join(str(v) for row in sheet.iter_rows(values_only=True) for v in row if v)
        [figure] = set(re.findall(r"Avance vigencia: (\d+,\d+)%", text))
        figures[int(sheet.title.split()[-1])] = float(figure.replace(",", "."))
    return figures


def test_it_imports_into_an_empty_database_with_no_error():
    code, out, err = run()
    assert (code, err) == (0, "")
    assert "Error" not in out
    assert "Libro importado" in out
    assert [
        model.objects.count()
        for model in (Plan, Objective, Goal, Indicator, Weight, Programming, Report)
    ] == [1, 8, 12, 19, 20, 95, 15]
    assert PublishedProgress.objects.count() == 15


def test_it_gives_the_documents_2020_figures():
    imported()
    data = compliance_2020()
    assert {o["number"]: o["compliance"] for o in data["objectives"]} == PUBLISHED_2020
    assert data["plan_compliance"] == 59.71


def test_each_objective_equals_the_figure_the_book_states_with_no_mismatch_warning():
    out = imported()
    computed = {o["number"]: o["compliance"] for o in compliance_2020()["objectives"]}
    assert stated_figures() == PUBLISHED_2020
    assert computed == stated_figures()
    # A published figure (an objective's or an indicator's) that disagrees is warned as
    # «… es X % y el calculado es Y %»: none here.
    assert "calculado" not in out


def test_no_false_weights_warning_and_no_summary_or_header_read_as_an_indicator():
    _, out, err = run()
    printed = out + err
    assert "Las ponderaciones del objetivo" not in printed
    assert "«Magnitud vigencia: 100%»" not in printed
    assert "«Meta»" not in printed


def test_wrapped_statements_are_joined_and_notes_are_not_the_statement():
    imported()
    statements = dict(Objective.objects.values_list("number", "statement"))
    assert statements[2] == (
        "Posicionar un modelo de gobierno abierto bajo los pilares de transparencia, "
        "participación y colaboración, con articulación intersectorial, que facilite un "
        "relacionamiento democrático entre la administración y la ciudadanía, a través del "
        "aprovechamiento de las TIC y la innovación pública."
    )
    assert statements[7] == (
        "Mejorar la oportunidad en la ejecución de los recursos, a través del fortalecimiento "
        "de una cultura financiera, para lograr una gestión pública efectiva."
    )
    assert statements[8] == (
        "Fomentar la innovación y la gestión del conocimiento, a través del fortalecimiento de "
        "las competencias del talento humano de la entidad, con el propósito de mejorar la "
        "capacidad institucional y su gestión."
    )


def test_it_holds_exactly_the_data_of_the_tidy_2020_book():
    """The tidy book imported over it finds every goal, indicator and figure already there."""
    imported()
    code, out, _ = run(TIDY_BOOK)
    assert code == 0
    for line in ("Objetivos", "Metas", "Ponderaciones", "Programación", "Ejecución"):
        assert f"{line}: 0 creados, 0 actualizados" in out
    assert "Avance publicado: 0 creados, 0 actualizados, 15 sin cambios" in out


def test_the_books_own_figures_and_notes_are_stored():
    imported()
    stored = {
        p.objective.number: (p.year, float(p.magnitude), float(p.compliance))
        for p in PublishedCompliance.objects.select_related("objective")
    }
    assert stored == {number: (2020, 100.0, value) for number, value in PUBLISHED_2020.items()}
    notes = dict(Objective.objects.values_list("number", "notes"))
    assert notes[7] == (
        "• Este indicador está a cargo de la Subsecretaría Corporativa.\n"
        "• Este es un indicador de gestión del proyecto de inversión Fortalecimiento de la "
        "capacidad institucional de la Secretaría General."
    )
    assert notes[8].splitlines()[2:] == [
        "• Fuente: Secretaría General. Libro de seguimiento al Plan Distrital de Desarrollo, "
        "proyectos de inversión (2020)",
        "• Nota1* La ponderación de las metas por objetivo estratégico se realizó teniendo en "
        "cuenta la programación presupuestal total para el cuatrienio de conformidad con la "
        "información registrada en el Componente de Gestión por Sector. Sector Gestión "
        "Pública. (2020)",
    ]
    assert [notes[n] for n in range(1, 7)] == [""] * 6


def test_it_warns_exactly_what_the_tidy_book_warns():
    """21 warnings, each a known trait of the 2020 book: 16 inferred annualizations, the
    indicator without a name (objective 1), the two metas de gestión without a statement
    (objective 7), 555's stated total and meta 503's repeated statement."""
    warnings = [line for line in imported().splitlines() if line.startswith("Advertencia")]
    kinds = [next(kind for kind in KINDS if kind in warning) for warning in warnings if warning]
    assert len(warnings) == 21
    assert {kind: kinds.count(kind) for kind in KINDS} == {
        "Sin anualización: se deduce": 16,
        "El indicador no tiene nombre": 1,
        "La meta no tiene código ni enunciado": 2,
        "indicador 555: La programación total dice 128": 1,
        "La meta 503 repite": 1,
    }


KINDS = (
    "Sin anualización: se deduce",
    "El indicador no tiene nombre",
    "La meta no tiene código ni enunciado",
    "indicador 555: La programación total dice 128",
    "La meta 503 repite",
)
