from django.db import models
from django.utils.translation import gettext_lazy as _


class Policy(models.TextChoices):
    """How an objective's compliance aggregates its indicators' progress."""

    LIBRO = "libro", _("Libro: pesos como están, N/A cuenta 0, sin tope")
    TOPE = "tope", _("Tope: cada avance limitado a 100 %")
    RENORMALIZADO = "renormalizado", _("Renormalizado: sin los N/A, pesos reescalados a 100")


class Semaforo(models.TextChoices):
    ROJO = "rojo", _("Rojo")
    AMARILLO = "amarillo", _("Amarillo")
    VERDE = "verde", _("Verde")
    NARANJA = "naranja", _("Naranja (sobre-ejecución)")
    SIN_DATO = "sin_dato", _("Sin ejecución")
