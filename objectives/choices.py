from django.db import models
from django.utils.translation import gettext_lazy as _


class Policy(models.TextChoices):
    """How an objective's compliance aggregates its indicators' progress."""

    LIBRO = "libro", _("Libro: pesos como están, N/A cuenta 0, sin tope")
    TOPE = "tope", _("Tope: cada avance entre 0 % y 100 %")
    RENORMALIZADO = "renormalizado", _("Renormalizado: sin los N/A, pesos reescalados a 100")


class Semaforo(models.TextChoices):
    ROJO = "rojo", _("Rojo")
    AMARILLO = "amarillo", _("Amarillo")
    VERDE = "verde", _("Verde")
    NARANJA = "naranja", _("Naranja (sobre-ejecución)")
    SIN_DATO = "sin_dato", _("Sin ejecución")
    NO_APLICA = "no_aplica", _("N/A: no programado")


SEMAFORO_COLORS = {
    Semaforo.ROJO: "#dc3545",
    Semaforo.AMARILLO: "#ffc107",
    Semaforo.VERDE: "#198754",
    Semaforo.NARANJA: "#fd7e14",
    Semaforo.SIN_DATO: "#adb5bd",
    Semaforo.NO_APLICA: "#ced4da",
}
