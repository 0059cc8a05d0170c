from django.db import models
from django.utils.translation import gettext_lazy as _

from indicators.choices import OnTrack


class Policy(models.TextChoices):
    """How an objective's compliance aggregates its indicators' progress."""

    LIBRO = "libro", _("Libro: pesos como están, N/A cuenta 0, sin tope")
    TOPE = "tope", _("Tope: cada avance entre 0 % y 100 %")
    RENORMALIZADO = "renormalizado", _("Renormalizado: sin los N/A, pesos reescalados a 100")


# A policy's short name, as a column of "the same objective under the three policies" says it.
POLICY_NAMES = {
    Policy.LIBRO: _("Libro"),
    Policy.TOPE: _("Tope"),
    Policy.RENORMALIZADO: _("Renormalizado"),
}


class Semaforo(models.TextChoices):
    ROJO = "rojo", _("Rojo")
    AMARILLO = "amarillo", _("Amarillo")
    VERDE = "verde", _("Verde")
    NARANJA = "naranja", _("Naranja (sobre-ejecución)")
    SIN_DATO = "sin_dato", _("Sin ejecución")
    NO_APLICA = "no_aplica", _("N/A: no programado")


# The one home of the semáforo's colours: the charts take them from here and the pages' CSS is
# written from here (the ``palette_css`` tag), with the text colour that reads on each.
SEMAFORO_COLORS = {
    Semaforo.ROJO: "#dc3545",
    Semaforo.AMARILLO: "#ffc107",
    Semaforo.VERDE: "#198754",
    Semaforo.NARANJA: "#fd7e14",
    Semaforo.SIN_DATO: "#adb5bd",
    Semaforo.NO_APLICA: "#ced4da",
}
SEMAFORO_TEXT_COLORS = {
    Semaforo.ROJO: "#ffffff",
    Semaforo.AMARILLO: "#212529",
    Semaforo.VERDE: "#ffffff",
    Semaforo.NARANJA: "#212529",
    Semaforo.SIN_DATO: "#212529",
    Semaforo.NO_APLICA: "#212529",
}

# The colour an on-track status is shown with (always beside its text label).
ON_TRACK_LIGHTS = {
    OnTrack.A_TIEMPO: Semaforo.VERDE,
    OnTrack.EN_RIESGO: Semaforo.AMARILLO,
    OnTrack.ATRASADO: Semaforo.ROJO,
    OnTrack.SIN_REPORTE: Semaforo.SIN_DATO,
    OnTrack.NO_APLICA: Semaforo.NO_APLICA,
}


class ActionStatus(models.TextChoices):
    """An improvement action's status. «Vencida» is never stored: an open action past its due
    date is shown so (``ImprovementAction.shown_status``)."""

    ABIERTA = "abierta", _("Abierta")
    EN_CURSO = "en_curso", _("En curso")
    CUMPLIDA = "cumplida", _("Cumplida")
    VENCIDA = "vencida", _("Vencida")


ACTION_STATUS_BADGES = {
    ActionStatus.ABIERTA: "primary",
    ActionStatus.EN_CURSO: "info",
    ActionStatus.CUMPLIDA: "success",
    ActionStatus.VENCIDA: "danger",
}


class ReminderKind(models.TextChoices):
    """Why a message about a corte goes out on a day (objectives.calendar.schedule says when)."""

    APERTURA = "apertura", _("Se abrió el reporte")
    ANTES = "antes", _("El reporte vence pronto")
    VENCE = "vence", _("El reporte vence hoy")
    VENCIDO = "vencido", _("El reporte está vencido")
    ESCALAMIENTO = "escalamiento", _("Reportes vencidos de la dependencia")
    RESUMEN = "resumen", _("Resumen semanal del corte")


class JobKind(models.TextChoices):
    IMPORTACION = "importacion", _("Importar libro")
    CIERRE = "cierre", _("Cerrar vigencia")
    EXPORTACION = "exportacion", _("Exportar indicadores")


class JobStatus(models.TextChoices):
    EN_COLA = "en_cola", _("En cola")
    EN_CURSO = "en_curso", _("En curso")
    TERMINADO = "terminado", _("Terminado")
    FALLIDO = "fallido", _("Falló")
