"""The strategy layer: the plan's platform, its objectives and the weight of each indicator."""

import uuid
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from indicators import limits
from indicators.expected import DEFAULT_ON_TRACK
from indicators.formatting import short_text
from indicators.models import Indicator, at_most, audited
from objectives.checks import SPAN_REVERSED, counts_in, start_finding
from objectives.choices import Policy
from objectives.querysets import ClosureQuerySet, PlanQuerySet
from objectives.scoring import DEFAULT_THRESHOLDS

PERCENT = {"max_digits": 9, "decimal_places": 4}
# A published objective figure: like a published progress, it may run far above 100 %.
PUBLISHED = {"max_digits": 12, "decimal_places": 4}
RED_MAX, YELLOW_MAX, GREEN_MAX = DEFAULT_THRESHOLDS
ON_TIME_MIN, AT_RISK_MIN = DEFAULT_ON_TRACK
YEAR = [MinValueValidator(limits.FIRST_YEAR), MaxValueValidator(limits.LAST_YEAR)]


class Plan(models.Model):
    """A Plan Estratégico Institucional: the strategic platform and how it is scored."""

    entity = models.CharField(_("entidad"), max_length=200)
    name = models.CharField(_("plan"), max_length=200)
    first_year = models.PositiveSmallIntegerField(_("vigencia inicial"), validators=YEAR)
    last_year = models.PositiveSmallIntegerField(_("vigencia final"), validators=YEAR)
    mission = models.TextField(_("misión"), blank=True, validators=at_most(limits.LONG_TEXT))
    vision = models.TextField(_("visión"), blank=True, validators=at_most(limits.LONG_TEXT))
    adoption_act = models.TextField(
        _("acto de adopción"), blank=True, validators=at_most(limits.STATEMENT)
    )
    policy = models.CharField(
        _("política de agregación oficial"),
        max_length=20,
        choices=Policy.choices,
        default=Policy.LIBRO,
    )
    red_max = models.DecimalField(_("rojo hasta (%)"), default=RED_MAX, **PERCENT)
    yellow_max = models.DecimalField(_("amarillo hasta (%)"), default=YELLOW_MAX, **PERCENT)
    green_max = models.DecimalField(
        _("verde hasta (%)"),
        default=GREEN_MAX,
        help_text=_("Por encima de este valor el semáforo es naranja (sobre-ejecución)."),
        **PERCENT,
    )
    starts_on = models.DateField(
        _("inicio del plan"),
        null=True,
        blank=True,
        help_text=_(
            "Si el plan empieza a mitad de año (el PEI 2020–2024 empezó en junio de 2020), lo "
            "esperado de su primera vigencia se cuenta desde ese mes. En blanco: desde enero."
        ),
    )
    on_time_min = models.DecimalField(
        _("a tiempo desde (%)"),
        default=ON_TIME_MIN,
        help_text=_("Avance frente a lo esperado desde el cual un indicador va a tiempo."),
        **PERCENT,
    )
    at_risk_min = models.DecimalField(
        _("en riesgo desde (%)"),
        default=AT_RISK_MIN,
        help_text=_("Por debajo de este avance frente a lo esperado, el indicador va atrasado."),
        **PERCENT,
    )
    public = models.BooleanField(
        _("publicado en el portal de transparencia"),
        default=False,
        help_text=_(
            "El portal muestra sin ingreso la plataforma, los objetivos, los indicadores con su "
            "programación y solo las cifras oficiales: vigencias cerradas y cortes publicados."
        ),
    )
    # A new value on every write to the plan's figures: cached pages are keyed by it.
    revision = models.UUIDField(default=uuid.uuid4, editable=False)
    # A new value when a report is sent for review or leaves review without approval: only the
    # dashboard's preview (which counts sent reports) is keyed by it, beside ``revision``.
    preview_revision = models.UUIDField(default=uuid.uuid4, editable=False)
    # A new value on every write to a report of the plan, drafts included: the pages of the
    # quarterly cycle (Pendientes) are keyed by it, the figures' pages are not.
    cycle_revision = models.UUIDField(default=uuid.uuid4, editable=False)

    objects = PlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("plan estratégico")
        verbose_name_plural = _("planes estratégicos")
        ordering = ["-first_year", "id"]
        constraints = [
            models.UniqueConstraint(fields=["entity", "name"], name="plan_unique_entity_name"),
            models.CheckConstraint(
                condition=Q(first_year__lte=F("last_year")),
                name="plan_years_in_order",
                violation_error_message=_("La vigencia inicial no puede ser posterior a la final."),
            ),
            models.CheckConstraint(
                condition=Q(first_year__gte=limits.FIRST_YEAR, last_year__lte=limits.LAST_YEAR)
                & Q(last_year__lt=F("first_year") + limits.MAX_VIGENCIAS),
                name="plan_years_bounded",
                violation_error_message=format_lazy(
                    _("Un plan abarca como máximo {count} vigencias, entre {first} y {last}."),
                    count=limits.MAX_VIGENCIAS,
                    first=limits.FIRST_YEAR,
                    last=limits.LAST_YEAR,
                ),
            ),
            models.CheckConstraint(
                condition=Q(red_max__lte=F("yellow_max")) & Q(yellow_max__lte=F("green_max")),
                name="plan_thresholds_in_order",
                violation_error_message=_(
                    "Los umbrales del semáforo deben ir en orden: rojo ≤ amarillo ≤ verde."
                ),
            ),
            models.CheckConstraint(
                condition=Q(at_risk_min__lte=F("on_time_min")),
                name="plan_on_track_in_order",
                violation_error_message=_(
                    "El umbral «en riesgo desde» no puede superar al de «a tiempo desde»."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.first_year}–{self.last_year})"

    def clean(self) -> None:
        if outside := start_finding(self.starts_on, self.first_year):
            raise ValidationError({"starts_on": outside})

    @property
    def years(self) -> range:
        return range(self.first_year, self.last_year + 1)

    @property
    def thresholds(self) -> tuple[Decimal, Decimal, Decimal]:
        """The semáforo's upper bounds (red, yellow, green), in percentage points."""
        return self.red_max, self.yellow_max, self.green_max

    @property
    def on_track_thresholds(self) -> tuple[Decimal, Decimal]:
        """The on-track status's lower bounds (a tiempo, en riesgo), in percentage points."""
        return self.on_time_min, self.at_risk_min

    @property
    def start(self) -> tuple[int, int] | None:
        """(year, month) the plan started, when it started mid-year (``indicators.expected``)."""
        if self.starts_on is None:
            return None
        return self.starts_on.year, self.starts_on.month

    def year_asked(self, raw: str | None) -> int | None:
        """The vigencia named in a query string, if it is one of the plan's; else None."""
        if raw and raw.isdigit() and int(raw) in self.years:
            return int(raw)
        return None


class Objective(models.Model):
    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="objectives", verbose_name=_("plan")
    )
    number = models.PositiveSmallIntegerField(_("número"))
    statement = models.TextField(_("enunciado"), validators=at_most(limits.STATEMENT))
    short_name = models.CharField(
        _("nombre corto"),
        max_length=60,
        blank=True,
        help_text=_(
            "Lo que dicen los gráficos junto al número, por ejemplo «Paz y reconciliación». "
            "Vacío: las primeras palabras del enunciado."
        ),
    )
    notes = models.TextField(
        _("notas"),
        blank=True,
        help_text=_("Las notas del libro (Notas, Fuente, viñetas), una por línea."),
        validators=at_most(limits.LONG_TEXT),
    )
    indicators = models.ManyToManyField(
        Indicator, through="Weight", related_name="objectives", verbose_name=_("indicadores")
    )

    class Meta:
        verbose_name = _("objetivo estratégico")
        verbose_name_plural = _("objetivos estratégicos")
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="objective_unique_number"),
        ]

    def __str__(self) -> str:
        return f"Objetivo {self.number}"

    @property
    def label(self) -> str:
        """ "O5 · Fortalecer la prestación del servicio…": the charts' short label."""
        return f"O{self.number} · {self.short_name or short_text(self.statement, 34)}"


class Weight(models.Model):
    """An indicator's ponderación inside one objective, in percentage points (31,34 % → 31.34).

    The weight belongs to the link: one indicator can weigh differently in two objectives.
    """

    objective = models.ForeignKey(
        Objective, on_delete=models.CASCADE, related_name="weights", verbose_name=_("objetivo")
    )
    indicator = models.ForeignKey(
        Indicator, on_delete=models.PROTECT, related_name="weights", verbose_name=_("indicador")
    )
    weight = models.DecimalField(
        _("ponderación (%)"), validators=[MinValueValidator(Decimal(0))], **PERCENT
    )
    # {"2021": "40.00"}: the vigencias whose weight is not ``weight``. A JSON column, not a
    # table, so every page reads a link's weights in the query that reads the link.
    by_year = models.JSONField(_("ponderación por vigencia"), default=dict, blank=True)
    first_year = models.PositiveSmallIntegerField(
        _("cuenta desde la vigencia"), null=True, blank=True, validators=YEAR
    )
    last_year = models.PositiveSmallIntegerField(
        _("cuenta hasta la vigencia"), null=True, blank=True, validators=YEAR
    )
    version = models.PositiveIntegerField(_("versión"), default=1)
    history = audited()

    class Meta:
        verbose_name = _("ponderación")
        verbose_name_plural = _("ponderaciones")
        ordering = ["objective", "id"]
        constraints = [
            models.UniqueConstraint(fields=["objective", "indicator"], name="weight_unique_link"),
            models.CheckConstraint(condition=Q(weight__gte=0), name="weight_non_negative"),
            models.CheckConstraint(
                condition=Q(first_year__isnull=True)
                | Q(last_year__isnull=True)
                | Q(first_year__lte=F("last_year")),
                name="weight_years_in_order",
                violation_error_message=SPAN_REVERSED,
            ),
        ]

    def __str__(self) -> str:
        return f"{self.objective} · {self.indicator}"

    def counts_in(self, year: int) -> bool:
        """Whether the link is part of its objective in the vigencia."""
        return counts_in(self.first_year, self.last_year, year)

    def weight_in(self, year: int) -> Decimal:
        """The weight in force in the vigencia: its own, else the plan-wide one."""
        own = self.by_year.get(str(year))
        return self.weight if own is None else Decimal(own)

    @staticmethod
    def stored(value: Decimal) -> str:
        """A weight as ``by_year`` keeps it: four decimals, as the column does."""
        return str(Decimal(value).quantize(Decimal("0.0001")))

    @property
    def year_weights(self) -> list[tuple[int, Decimal]]:
        """The vigencias with a weight of their own, in order."""
        return sorted((int(year), Decimal(value)) for year, value in self.by_year.items())

    def clean(self) -> None:
        if self.weight is not None and self.weight > 100:
            raise ValidationError({"weight": _("Una ponderación no puede pasar de 100 %.")})
        if any(not 0 <= Decimal(str(v)) <= 100 for v in (self.by_year or {}).values()):
            raise ValidationError(
                {"by_year": _("La ponderación de cada vigencia va de 0 % a 100 %.")}
            )


class PublishedCompliance(models.Model):
    """The objective's figure a published book states for a vigencia («Magnitud vigencia:
    100 % · Avance vigencia: 49,02 %»), in percentage points, kept to compare with PEP's own."""

    objective = models.ForeignKey(
        Objective,
        on_delete=models.CASCADE,
        related_name="published_figures",
        verbose_name=_("objetivo"),
    )
    year = models.PositiveSmallIntegerField(_("vigencia"))
    magnitude = models.DecimalField(
        _("magnitud de la vigencia publicada (%)"), null=True, blank=True, **PUBLISHED
    )
    compliance = models.DecimalField(_("avance de la vigencia publicado (%)"), **PUBLISHED)

    class Meta:
        verbose_name = _("cumplimiento publicado")
        verbose_name_plural = _("cumplimientos publicados")
        ordering = ["objective", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["objective", "year"], name="published_compliance_unique_year"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.objective} · {self.year}"


class Closure(models.Model):
    """A closed vigencia of a plan: its official figures, frozen when it was closed.

    ``snapshot`` holds what the compliance command prints as JSON, under the plan's policy.
    """

    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="closures", verbose_name=_("plan")
    )
    year = models.PositiveSmallIntegerField(_("vigencia"))
    is_closed = models.BooleanField(_("cerrada"), default=True)
    snapshot = models.JSONField(_("cifras oficiales"))
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("cerró"),
    )
    closed_at = models.DateTimeField(_("cerrada el"))
    reason = models.TextField(_("motivo"), blank=True)
    history = audited()

    objects = ClosureQuerySet.as_manager()

    class Meta:
        verbose_name = _("cierre de vigencia")
        verbose_name_plural = _("cierres de vigencia")
        ordering = ["plan", "year"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "year"], name="closure_unique_year"),
        ]

    def __str__(self) -> str:
        return f"{self.plan} · {self.year}"


# The rooms keep their models beside their code; importing them here registers them with the
# app (and its migrations).
from objectives.actions.models import FollowUp, ImprovementAction  # noqa: E402
from objectives.calendar.models import Dependency, Reminder, Reopening, ReportingWindow  # noqa: E402
from objectives.jobs.models import Job  # noqa: E402
from objectives.publications import Publication  # noqa: E402

__all__ = [
    "Closure",
    "Dependency",
    "FollowUp",
    "ImprovementAction",
    "Job",
    "Objective",
    "Plan",
    "Publication",
    "Reminder",
    "Reopening",
    "ReportingWindow",
    "Weight",
]
