"""The measurement layer: metas (Goal), indicators, their yearly programming and execution.

Magnitudes are stored in the indicator's own unit: percentage points for a percentage
indicator ("5%" is stored as 5), counts for a count indicator.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxLengthValidator, MinValueValidator
from django.db import models
from django.db.models import Prefetch, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from indicators import limits
from indicators.choices import Annualization, Corte, MetaKind, ReportStatus, Unit
from indicators.formatting import short_text
from indicators.transitions import JUSTIFICATION_HELP

MAGNITUDE = {"max_digits": 20, "decimal_places": 6}
NON_NEGATIVE = [MinValueValidator(Decimal(0))]


def at_most(characters: int) -> list[MaxLengthValidator]:
    """A text's limit (``indicators.limits``), which the message states."""
    return [MaxLengthValidator(characters)]


def audited() -> HistoricalRecords:
    """The audit history of a model: who changed what, when, and why. The reason (a review
    note, the motive of a change) is text of any length, not simple-history's 100 characters."""
    return HistoricalRecords(history_change_reason_field=models.TextField(null=True))


class Goal(models.Model):
    """A meta: sectorial (numbered), proyecto de inversión, or de gestión (no number)."""

    kind = models.CharField(_("tipo"), max_length=20, choices=MetaKind.choices)
    code = models.CharField(_("código"), max_length=30, blank=True)
    statement = models.TextField(_("enunciado"), validators=at_most(limits.STATEMENT))

    class Meta:
        verbose_name = _("meta")
        verbose_name_plural = _("metas")
        ordering = ["kind", "code", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "code"], condition=~Q(code=""), name="goal_unique_kind_code"
            ),
        ]

    def __str__(self) -> str:
        label = MetaKind(self.kind).label
        return (
            f"{label} {self.code}".strip()
            if self.code
            else f"{label}: {short_text(self.statement, 60)}"
        )


class IndicatorQuerySet(models.QuerySet):
    def of_plan(self, plan: models.Model | int) -> "IndicatorQuerySet":
        """Every indicator linked to the plan, once (lazy: pages filter it further)."""
        return self.filter(weights__objective__plan=plan).distinct().order_by("code", "id")

    def dependencies(self) -> list[str]:
        """The responsible dependencies these indicators name, in order: one query."""
        named = self.exclude(dependency="").order_by("dependency")
        return list(named.values_list("dependency", flat=True).distinct())

    def with_corte(self, year: int, corte: int) -> "IndicatorQuerySet":
        """Each indicator with the vigencia's programming and the corte's report prefetched
        (``programming.all()`` and ``reports.all()`` hold at most one row each)."""
        return self.prefetch_related(
            Prefetch("programming", queryset=Programming.objects.filter(year=year)),
            Prefetch("reports", queryset=Report.objects.filter(year=year, corte=corte)),
        )


class Indicator(models.Model):
    goal = models.ForeignKey(
        Goal, on_delete=models.PROTECT, related_name="indicators", verbose_name=_("meta")
    )
    code = models.CharField(_("código"), max_length=30, blank=True)
    name = models.TextField(_("nombre"), validators=at_most(limits.STATEMENT))
    annualization = models.CharField(
        _("anualización"), max_length=20, choices=Annualization.choices
    )
    annualization_inferred = models.BooleanField(
        _("anualización deducida"),
        default=False,
        help_text=_("La anualización no venía en el libro: se dedujo de la programación."),
    )
    unit = models.CharField(_("unidad"), max_length=20, choices=Unit.choices, default=Unit.NUMERO)
    baseline = models.DecimalField(_("línea base"), null=True, blank=True, **MAGNITUDE)
    stated_total = models.DecimalField(
        _("programación total (según el libro)"),
        null=True,
        blank=True,
        validators=NON_NEGATIVE,
        **MAGNITUDE,
    )
    dependency = models.CharField(_("dependencia responsable"), max_length=200, blank=True)
    notes = models.TextField(_("notas"), blank=True, validators=at_most(limits.LONG_TEXT))
    version = models.PositiveIntegerField(_("versión"), default=1)
    history = audited()

    objects = IndicatorQuerySet.as_manager()

    class Meta:
        verbose_name = _("indicador")
        verbose_name_plural = _("indicadores")
        ordering = ["code", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["code"], condition=~Q(code=""), name="indicator_unique_code"
            ),
            models.CheckConstraint(
                condition=~Q(annualization=Annualization.DECRECIENTE) | Q(baseline__isnull=False),
                name="indicator_decreciente_needs_baseline",
                violation_error_message=_("Un indicador Decreciente requiere línea base."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} · {self.name}" if self.code else self.name


class Programming(models.Model):
    """The magnitude programmed for one vigencia. 0 means nothing is programmed (N/A)."""

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="programming", verbose_name=_("indicador")
    )
    year = models.PositiveSmallIntegerField(_("vigencia"))
    value = models.DecimalField(_("programado"), validators=NON_NEGATIVE, **MAGNITUDE)
    version = models.PositiveIntegerField(_("versión"), default=1)
    history = audited()

    class Meta:
        verbose_name = _("programación")
        verbose_name_plural = _("programación")
        ordering = ["indicator", "year"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "year"], name="programming_unique_year"),
            models.CheckConstraint(condition=Q(value__gte=0), name="programming_non_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} · {self.year}"


class CorteProgramming(models.Model):
    """The magnitude expected by one corte of a vigencia, when Planeación sets an explicit
    profile (10/30/60/100 % of P_t) instead of the linear rule (``indicators.expected``).
    Cumulative inside the vigencia, in the indicator's unit; each change keeps its reason."""

    indicator = models.ForeignKey(
        Indicator,
        on_delete=models.CASCADE,
        related_name="corte_programming",
        verbose_name=_("indicador"),
    )
    year = models.PositiveSmallIntegerField(_("vigencia"))
    corte = models.PositiveSmallIntegerField(_("corte"), choices=Corte.choices)
    value = models.DecimalField(_("esperado al corte"), validators=NON_NEGATIVE, **MAGNITUDE)
    history = audited()

    class Meta:
        verbose_name = _("programación por corte")
        verbose_name_plural = _("programación por corte")
        ordering = ["indicator", "year", "corte"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "year", "corte"], name="corte_programming_unique"
            ),
            models.CheckConstraint(
                condition=Q(value__gte=0), name="corte_programming_non_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} · {self.year} · {Corte(self.corte).label}"


class ReportQuerySet(models.QuerySet):
    def counted(self, pending: bool = False) -> "ReportQuerySet":
        """The reports figures are made of: approved ones, plus those sent for review in a
        preview (``pending``)."""
        statuses = [ReportStatus.APROBADO]
        if pending:
            statuses.append(ReportStatus.ENVIADO)
        return self.filter(status__in=statuses)


class Report(models.Model):
    """Magnitude executed in a vigencia up to a corte (cumulative within the year), with its
    qualitative analysis and review status.

    A vigencia's executed magnitude is its latest *approved* corte's value; the follow-up book's
    "Magnitud ejecutada a la vigencia" is an approved corte at 31 December.
    """

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="reports", verbose_name=_("indicador")
    )
    year = models.PositiveSmallIntegerField(_("vigencia"))
    corte = models.PositiveSmallIntegerField(_("corte"), choices=Corte.choices)
    executed = models.DecimalField(_("magnitud ejecutada"), **MAGNITUDE)
    status = models.CharField(
        _("estado"), max_length=12, choices=ReportStatus.choices, default=ReportStatus.APROBADO
    )
    achievements = models.TextField(_("logros"), blank=True, validators=at_most(limits.LONG_TEXT))
    delays = models.TextField(
        _("retrasos y soluciones"), blank=True, validators=at_most(limits.LONG_TEXT)
    )
    justification = models.TextField(
        _("justificación de sobre-ejecución"),
        blank=True,
        help_text=JUSTIFICATION_HELP,
        validators=at_most(limits.LONG_TEXT),
    )
    review_note = models.TextField(
        _("nota de revisión"), blank=True, validators=at_most(limits.NOTE)
    )
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reportado por"),
        help_text=_("Quien cambió por última vez el valor o el análisis del reporte."),
    )
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("enviado por"),
        help_text=_("Quien envió el reporte a revisión por última vez."),
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("revisado por"),
    )
    updated_at = models.DateTimeField(_("actualizado"), auto_now=True)
    version = models.PositiveIntegerField(_("versión"), default=1)
    history = audited()

    objects = ReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("reporte de avance")
        verbose_name_plural = _("reportes de avance")
        ordering = ["indicator", "year", "corte"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "year", "corte"], name="report_unique_corte"
            ),
        ]
        # Reports waiting for review (Mi trabajo, Pendientes) among a plan's 80.000.
        indexes = [models.Index(fields=["status"], name="report_status")]

    def __str__(self) -> str:
        return f"{self.indicator} · {self.year} · {Corte(self.corte).label}"


class Evidence(models.Model):
    """A file or a link that supports a report. Files live under MEDIA_ROOT and are served only
    through a view that checks the reader's permission."""

    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="evidence", verbose_name=_("reporte")
    )
    file = models.FileField(_("archivo"), upload_to="evidencias/%Y/%m/", blank=True)
    link = models.URLField(_("enlace"), blank=True)
    name = models.CharField(_("nombre"), max_length=255)
    is_public = models.BooleanField(
        _("pública"),
        default=False,
        help_text=_(
            "Planeación la marca pública: se puede descargar sin ingreso desde el portal de "
            "transparencia cuando su reporte hace parte de un corte publicado o una vigencia "
            "cerrada."
        ),
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("cargado por"),
    )
    uploaded_at = models.DateTimeField(_("cargado"), auto_now_add=True)

    class Meta:
        verbose_name = _("evidencia")
        verbose_name_plural = _("evidencias")
        ordering = ["uploaded_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(file="") | ~Q(link=""), name="evidence_file_or_link"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Assignment(models.Model):
    """A Responsable reports for the indicators of the dependencies assigned to the account."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="assignments",
        verbose_name=_("usuario"),
    )
    dependency = models.CharField(_("dependencia"), max_length=200)

    class Meta:
        verbose_name = _("dependencia asignada")
        verbose_name_plural = _("dependencias asignadas")
        constraints = [
            models.UniqueConstraint(fields=["user", "dependency"], name="assignment_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.dependency}"


class PublishedProgress(models.Model):
    """The progress a published book stated for a vigencia, kept to compare with PEP's own."""

    indicator = models.ForeignKey(
        Indicator,
        on_delete=models.CASCADE,
        related_name="published_progress",
        verbose_name=_("indicador"),
    )
    year = models.PositiveSmallIntegerField(_("vigencia"))
    percent = models.DecimalField(_("porcentaje publicado"), max_digits=12, decimal_places=6)

    class Meta:
        verbose_name = _("avance publicado")
        verbose_name_plural = _("avances publicados")
        ordering = ["indicator", "year"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "year"], name="published_unique_year"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} · {self.year}"


# Target versions live beside their code; importing them here registers them with the app.
from indicators.targets import TargetVersion  # noqa: E402

__all__ = [
    "Assignment",
    "Evidence",
    "Goal",
    "Indicator",
    "Programming",
    "PublishedProgress",
    "Report",
    "TargetVersion",
]
