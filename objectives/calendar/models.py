"""The reporting calendar: the window of each corte of a vigencia whose calendar Planeación
published, the reopenings it granted, the directory of dependencies (whose head is told of
overdue reports) and the reminders sent. Registered with the app by ``objectives.models``.
"""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from indicators.choices import Corte
from objectives.calendar.schedule import Dates
from objectives.choices import ReminderKind


class ReportingWindowQuerySet(models.QuerySet):
    def feeding(self, indicator_id: int, year: int, corte: int) -> "ReportingWindowQuerySet":
        """The windows of the corte in every plan the indicator feeds."""
        return self.filter(
            plan__objectives__weights__indicator=indicator_id, year=year, corte=corte
        ).distinct()

    def running_on(self, day: date) -> "ReportingWindowQuerySet":
        """Windows open on ``day``, on time or overdue, not yet locked."""
        return self.filter(opens_on__lte=day, locks_on__gt=day)


class ReportingWindow(models.Model):
    """When a corte of a plan's vigencia is reported: from ``opens_on`` to the day before
    ``locks_on``; after ``due_on`` the report is late. A vigencia has its four windows once
    Planeación publishes its calendar; a vigencia without them is reported at any time."""

    plan = models.ForeignKey(
        "objectives.Plan", on_delete=models.CASCADE, related_name="windows", verbose_name=_("plan")
    )
    year = models.PositiveSmallIntegerField(_("vigencia"))
    corte = models.PositiveSmallIntegerField(_("corte"), choices=Corte.choices)
    opens_on = models.DateField(_("abre el"))
    due_on = models.DateField(_("vence el"))
    locks_on = models.DateField(
        _("se bloquea el"), help_text=_("Desde este día ya no se puede reportar.")
    )
    version = models.PositiveIntegerField(_("versión"), default=1)
    history = HistoricalRecords()

    objects = ReportingWindowQuerySet.as_manager()

    class Meta:
        verbose_name = _("ventana de reporte")
        verbose_name_plural = _("ventanas de reporte")
        ordering = ["plan", "year", "corte"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "year", "corte"], name="window_unique_corte"),
            models.CheckConstraint(
                condition=Q(opens_on__lte=F("due_on")) & Q(due_on__lt=F("locks_on")),
                name="window_dates_in_order",
                violation_error_message=_(
                    "Las fechas deben ir en orden: abre ≤ vence < se bloquea."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.plan} · {self.year} · {Corte(self.corte).label}"

    @property
    def dates(self) -> Dates:
        return Dates(self.opens_on, self.due_on, self.locks_on)


class Reopening(models.Model):
    """Planeación lets one dependency, or one indicator, report a corte outside its window,
    until a day (included), for a stated reason."""

    window = models.ForeignKey(
        ReportingWindow,
        on_delete=models.CASCADE,
        related_name="reopenings",
        verbose_name=_("ventana"),
    )
    dependency = models.CharField(_("dependencia"), max_length=200, blank=True)
    indicator = models.ForeignKey(
        "indicators.Indicator",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("indicador"),
    )
    until = models.DateField(_("hasta el"))
    reason = models.TextField(_("motivo"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("por")
    )
    created_at = models.DateTimeField(_("el"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("reapertura")
        verbose_name_plural = _("reaperturas")
        ordering = ["window", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(dependency="") & Q(indicator__isnull=False))
                | (~Q(dependency="") & Q(indicator__isnull=True)),
                name="reopening_dependency_or_indicator",
                violation_error_message=_("Reabra para una dependencia o para un indicador."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.window} · {self.dependency or self.indicator}"

    def covers(self, indicator, day: date) -> bool:
        """Whether this reopening lets ``indicator`` be reported on ``day``."""
        if day > self.until:
            return False
        if self.indicator_id is not None:
            return self.indicator_id == indicator.pk
        return self.dependency == indicator.dependency


class Dependency(models.Model):
    """A dependency of the entity, by the name indicators and assignments give it, with the
    head told when its reports are overdue."""

    name = models.CharField(_("nombre"), max_length=200, unique=True)
    head_name = models.CharField(_("jefe de la dependencia"), max_length=200, blank=True)
    head_email = models.EmailField(_("correo del jefe"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("dependencia")
        verbose_name_plural = _("dependencias")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Reminder(models.Model):
    """One item of a reminder to one recipient on one day. The row is taken before the message
    is sent and the unique constraint lets only one run take it: however many runs or workers
    go, nobody is reminded twice of the same thing on the same day."""

    recipient = models.CharField(
        _("destinatario"),
        max_length=254,
        help_text=_("Su correo, o «usuario:<id>» para una cuenta sin correo."),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="reminders",
        verbose_name=_("usuario"),
    )
    kind = models.CharField(_("tipo"), max_length=20, choices=ReminderKind.choices)
    item = models.CharField(_("asunto"), max_length=100)
    day = models.DateField(_("día"))
    window = models.ForeignKey(
        ReportingWindow, on_delete=models.CASCADE, related_name="+", verbose_name=_("ventana")
    )
    indicator = models.ForeignKey(
        "indicators.Indicator",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("indicador"),
    )
    run = models.UUIDField(_("envío"))
    sent_at = models.DateTimeField(_("enviado"), null=True, blank=True)
    error = models.TextField(_("error de envío"), blank=True)

    class Meta:
        verbose_name = _("recordatorio")
        verbose_name_plural = _("recordatorios")
        ordering = ["-day", "recipient", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "kind", "item", "day"], name="reminder_once_a_day"
            ),
        ]
        indexes = [models.Index(fields=["user", "day"]), models.Index(fields=["run"])]

    def __str__(self) -> str:
        return f"{self.day} · {self.recipient} · {self.get_kind_display()}"
