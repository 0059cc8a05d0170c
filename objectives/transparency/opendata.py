"""Open-data files of the portal: rows with flat snake_case ASCII columns, as CSV (UTF-8, comma,
dot decimals) or JSON, for the national open-data portal.

Pure functions on official sets and plain values. ``FILES`` is the one spec of every file's
columns: the builders write them and the data dictionary page lists them.
"""

import csv
import io
import json
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from indicators.formatting import machine_number
from objectives.transparency.snapshots import OfficialSet, coverage

ENTERO, DECIMAL, PORCENTAJE = "entero", "decimal", "porcentaje"
TEXTO, FECHA, FECHA_HORA = "texto", "fecha", "fecha_hora"
KIND_LABELS = {
    ENTERO: _("entero"),
    PORCENTAJE: _("puntos porcentuales, 2 decimales (punto): 49.02 es 49,02 %"),
    DECIMAL: _("número decimal (punto)"),
    TEXTO: _("texto"),
    FECHA: _("fecha (AAAA-MM-DD)"),
    FECHA_HORA: _("fecha y hora (ISO 8601)"),
}


@dataclass(frozen=True)
class Column:
    name: str
    kind: str
    description: str

    @property
    def kind_label(self) -> str:
        return str(KIND_LABELS[self.kind])


SET = [
    Column("plan_id", ENTERO, _("Identificador del plan en PEP.")),
    Column("plan", TEXTO, _("Nombre del plan estratégico.")),
    Column("entidad", TEXTO, _("Entidad que adopta el plan.")),
    Column("vigencia", ENTERO, _("Año fiscal de las cifras.")),
    Column("corte", FECHA, _("Fecha de corte de las cifras (31 de diciembre en un cierre).")),
    Column(
        "tipo_cifra",
        TEXTO,
        _("«cierre»: cifras oficiales de una vigencia cerrada; «corte»: corte publicado."),
    ),
    Column("fecha_publicacion", FECHA_HORA, _("Cuándo se congelaron y publicaron las cifras.")),
    Column("politica", TEXTO, _("Política de agregación oficial del plan (libro, tope, ...).")),
]
SOURCE = [
    Column("fuente", TEXTO, _("Entidad y sistema que producen el dato.")),
    Column("licencia", TEXTO, _("Licencia de uso de los datos.")),
]
FILES = {
    "cumplimiento": [
        *SET,
        Column("objetivo_numero", ENTERO, _("Número del objetivo estratégico.")),
        Column("objetivo", TEXTO, _("Enunciado del objetivo estratégico.")),
        Column(
            "cumplimiento_objetivo",
            PORCENTAJE,
            _(
                "Cumplimiento del objetivo, en puntos porcentuales con 2 decimales; vacío si no "
                "tuvo ejecución."
            ),
        ),
        Column("indicadores", ENTERO, _("Indicadores que cuenta el objetivo.")),
        Column(
            "indicadores_no_aplica",
            ENTERO,
            _("Indicadores sin meta programada en la vigencia (N/A: cuentan 0 con su peso)."),
        ),
        Column(
            "indicadores_con_reporte",
            ENTERO,
            _("Indicadores con reporte aprobado; vacío si la cifra congelada no lo registra."),
        ),
        Column(
            "cumplimiento_plan",
            PORCENTAJE,
            _("Cumplimiento del plan: promedio simple de los objetivos con ejecución."),
        ),
        Column("objetivos_promediados", ENTERO, _("Objetivos que promedia el plan.")),
        *SOURCE,
    ],
    "avance_indicadores": [
        *SET,
        Column("objetivo_numero", ENTERO, _("Número del objetivo estratégico.")),
        Column("indicador_codigo", TEXTO, _("Código del indicador; vacío si no tiene.")),
        Column("indicador", TEXTO, _("Nombre del indicador.")),
        Column("ponderacion", PORCENTAJE, _("Peso del indicador en el objetivo.")),
        Column(
            "avance",
            PORCENTAJE,
            _("Avance del indicador en la vigencia al corte, en puntos; vacío si es N/A."),
        ),
        Column("aporte", PORCENTAJE, _("Aporte al cumplimiento del objetivo (peso × avance).")),
        *SOURCE,
    ],
    "programacion": [
        Column("plan_id", ENTERO, _("Identificador del plan en PEP.")),
        Column("plan", TEXTO, _("Nombre del plan estratégico.")),
        Column("objetivo_numero", ENTERO, _("Número del objetivo al que aporta el indicador.")),
        Column("ponderacion", PORCENTAJE, _("Peso del indicador en ese objetivo.")),
        Column("meta_tipo", TEXTO, _("sectorial, proyecto (de inversión) o gestion.")),
        Column("meta_codigo", TEXTO, _("Número de la meta; vacío en metas de gestión.")),
        Column("meta", TEXTO, _("Enunciado de la meta.")),
        Column("indicador_codigo", TEXTO, _("Código del indicador; vacío si no tiene.")),
        Column("indicador", TEXTO, _("Nombre del indicador.")),
        Column(
            "anualizacion", TEXTO, _("suma, constante, creciente, decreciente o creciente_sin_lb.")
        ),
        Column("unidad", TEXTO, _("porcentaje (puntos porcentuales) o numero (cantidad).")),
        Column("linea_base", DECIMAL, _("Línea base; vacía si no tiene.")),
        Column("programacion_total", DECIMAL, _("Total del cuatrienio según el plan.")),
        Column("dependencia", TEXTO, _("Dependencia responsable.")),
        Column("vigencia", ENTERO, _("Año fiscal.")),
        Column("programado", DECIMAL, _("Magnitud programada; vacía si no se programó.")),
        *SOURCE,
    ],
}


@dataclass(frozen=True)
class Source:
    """Who publishes the data and under which licence."""

    fuente: str
    licencia: str


def _set_columns(plan_id: int, plan_name: str, entity: str, official: OfficialSet) -> dict:
    return {
        "plan_id": plan_id,
        "plan": plan_name,
        "entidad": entity,
        "vigencia": official.year,
        "corte": official.corte_date,
        "tipo_cifra": "cierre" if official.closed else "corte",
        "fecha_publicacion": timezone.localtime(official.at).isoformat(timespec="seconds"),
        "politica": official.snapshot.get("policy", ""),
    }


def _source(source: Source) -> dict:
    return {"fuente": source.fuente, "licencia": source.licencia}


def compliance_rows(plan, sets: list[OfficialSet], source: Source) -> list[dict]:
    """One row per objective of each official set."""
    rows = []
    for official in sets:
        covered = coverage(official.snapshot)
        head = _set_columns(plan.pk, plan.name, plan.entity, official)
        for objective in official.snapshot.get("objectives", []):
            counted = covered.by_objective[objective["number"]]
            rows.append(
                head
                | {
                    "objetivo_numero": objective["number"],
                    "objetivo": objective.get("name", ""),
                    "cumplimiento_objetivo": objective.get("compliance"),
                    "indicadores": counted.counted,
                    "indicadores_no_aplica": counted.not_applicable,
                    "indicadores_con_reporte": counted.reported,
                    "cumplimiento_plan": official.snapshot.get("plan_compliance"),
                    "objetivos_promediados": covered.averaged,
                }
                | _source(source)
            )
    return rows


def indicator_rows(plan, sets: list[OfficialSet], source: Source) -> list[dict]:
    """One row per indicator of each objective of each official set."""
    rows = []
    for official in sets:
        head = _set_columns(plan.pk, plan.name, plan.entity, official)
        for objective in official.snapshot.get("objectives", []):
            for line in objective.get("indicators", []):
                rows.append(
                    head
                    | {
                        "objetivo_numero": objective["number"],
                        "indicador_codigo": line.get("code") or "",
                        "indicador": line.get("name", ""),
                        "ponderacion": line.get("weight"),
                        "avance": line.get("progress"),
                        "aporte": line.get("contribution"),
                    }
                    | _source(source)
                )
    return rows


def programming_rows(plan, rows, source: Source) -> list[dict]:
    """One row per indicator, objective it feeds and vigencia of the plan (``rows`` are the
    portal's ``IndicatorRow``)."""
    out = []
    for row in rows:
        indicator, goal = row.indicator, row.indicator.goal
        for number, weight in row.weights:
            for year, programmed in zip(plan.years, row.programming, strict=True):
                out.append(
                    {
                        "plan_id": plan.pk,
                        "plan": plan.name,
                        "objetivo_numero": number,
                        "ponderacion": weight,
                        "meta_tipo": goal.kind,
                        "meta_codigo": goal.code,
                        "meta": goal.statement,
                        "indicador_codigo": indicator.code,
                        "indicador": indicator.name,
                        "anualizacion": indicator.annualization,
                        "unidad": indicator.unit,
                        "linea_base": indicator.baseline,
                        "programacion_total": indicator.stated_total,
                        "dependencia": indicator.dependency,
                        "vigencia": year,
                        "programado": programmed,
                    }
                    | _source(source)
                )
    return out


def _kinds(kind: str) -> dict[str, str]:
    return {column.name: column.kind for column in FILES[kind]}


def _cell(value, kind: str) -> str:
    if kind in (DECIMAL, PORCENTAJE):
        return machine_number(value, 2 if kind == PORCENTAJE else None)
    return "" if value is None else str(value)


def to_csv(kind: str, rows: list[dict]) -> str:
    """The rows as CSV: a header of column names, then one line per row."""
    kinds = _kinds(kind)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(list(kinds))
    for row in rows:
        writer.writerow([_cell(row[name], column) for name, column in kinds.items()])
    return out.getvalue()


def _json_value(value, kind: str):
    if value is None or kind not in (DECIMAL, PORCENTAJE):
        return value
    return float(machine_number(value))


def to_json(kind: str, rows: list[dict], metadata: dict) -> str:
    """The rows as JSON, with the file's metadata (licence, source, generation date)."""
    kinds = _kinds(kind)
    data = {
        **metadata,
        "columnas": list(kinds),
        "filas": [
            {name: _json_value(row[name], column) for name, column in kinds.items()} for row in rows
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=1)
