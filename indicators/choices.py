"""Closed vocabularies of the measurement layer (no ORM queries, safe to import anywhere)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class MetaKind(models.TextChoices):
    SECTORIAL = "sectorial", _("Meta sectorial")
    PROYECTO = "proyecto", _("Meta proyecto de inversión")
    GESTION = "gestion", _("Meta de gestión")


class Annualization(models.TextChoices):
    SUMA = "suma", _("Suma")
    CONSTANTE = "constante", _("Constante")
    CRECIENTE = "creciente", _("Creciente")
    DECRECIENTE = "decreciente", _("Decreciente")
    CRECIENTE_SIN_LB = "creciente_sin_lb", _("Creciente sin línea base")


class Unit(models.TextChoices):
    PORCENTAJE = "porcentaje", _("Porcentaje (puntos porcentuales)")
    NUMERO = "numero", _("Número (cantidad)")


class Corte(models.IntegerChoices):
    """A reporting cut-off inside a vigencia; the value is the month it closes."""

    MARZO = 3, _("31 de marzo")
    JUNIO = 6, _("30 de junio")
    SEPTIEMBRE = 9, _("30 de septiembre")
    DICIEMBRE = 12, _("31 de diciembre")


# A corte on a chart's axis, where "31 de marzo" does not fit a phone.
CORTE_SHORT = {
    Corte.MARZO: _("31 mar"),
    Corte.JUNIO: _("30 jun"),
    Corte.SEPTIEMBRE: _("30 sep"),
    Corte.DICIEMBRE: _("31 dic"),
}


class OnTrack(models.TextChoices):
    """Whether an indicator or an objective is where it should be by a corte
    (indicators.expected: its execution against what was expected to date)."""

    A_TIEMPO = "a_tiempo", _("A tiempo")
    EN_RIESGO = "en_riesgo", _("En riesgo")
    ATRASADO = "atrasado", _("Atrasado")
    SIN_REPORTE = "sin_reporte", _("Sin reporte al corte")
    NO_APLICA = "no_aplica", _("N/A: nada esperado aún")


class ReportStatus(models.TextChoices):
    BORRADOR = "borrador", _("Borrador")
    ENVIADO = "enviado", _("Enviado")
    DEVUELTO = "devuelto", _("Devuelto")
    APROBADO = "aprobado", _("Aprobado")


class ActKind(models.TextChoices):
    """The administrative act that adopts a reprogramming."""

    RESOLUCION = "resolucion", _("Resolución")
    DECRETO = "decreto", _("Decreto")
    ACUERDO = "acuerdo", _("Acuerdo")
    ACTA = "acta", _("Acta del comité")
    CIRCULAR = "circular", _("Circular")


class VersionStatus(models.TextChoices):
    PROPUESTA = "propuesta", _("Propuesta")
    APROBADA = "aprobada", _("Aprobada")
    RECHAZADA = "rechazada", _("Rechazada")


class Targets(models.TextChoices):
    """Which targets a figure is computed against."""

    CURRENT = "vigentes", _("metas vigentes")
    ORIGINAL = "originales", _("metas originales")


# The colour (a Bootstrap badge) each report status is shown with.
REPORT_STATUS_BADGES = {
    ReportStatus.BORRADOR: "secondary",
    ReportStatus.ENVIADO: "info",
    ReportStatus.DEVUELTO: "warning",
    ReportStatus.APROBADO: "success",
}
