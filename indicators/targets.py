"""Target versions: the original targets of an indicator and each reprogramming of them.

A reprogramming changes the programming of some vigencias, the stated total or the baseline,
through an act (a resolución, an acta del comité…). Each version keeps the whole set of
targets it adopted, so the original and the current ones stay side by side. The current
targets are also the indicator's own rows (``Programming``, ``Indicator.baseline`` and
``stated_total``): what every figure reads by default.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from indicators import limits
from indicators.choices import ActKind, VersionStatus
from indicators.formatting import act_text

MAGNITUDE = {"max_digits": 20, "decimal_places": 6}


class TargetVersionQuerySet(models.QuerySet):
    def originals(self, indicator_ids) -> dict[int, "TargetVersion"]:
        """Each indicator's first version (the targets before any reprogramming): one query."""
        return {v.indicator_id: v for v in self.filter(indicator_id__in=indicator_ids, number=1)}


class TargetVersion(models.Model):
    indicator = models.ForeignKey(
        "indicators.Indicator",
        on_delete=models.CASCADE,
        related_name="target_versions",
        verbose_name=_("indicador"),
    )
    number = models.PositiveIntegerField(_("versión"))  # 1 is the original
    status = models.CharField(
        _("estado"), max_length=12, choices=VersionStatus.choices, default=VersionStatus.APROBADA
    )
    # {"2021": "100"}: every vigencia's programmed magnitude in this version.
    programming = models.JSONField(_("programación"), default=dict)
    baseline = models.DecimalField(_("línea base"), null=True, blank=True, **MAGNITUDE)
    stated_total = models.DecimalField(_("programación total"), null=True, blank=True, **MAGNITUDE)
    reason = models.TextField(_("motivo"), max_length=limits.NOTE)
    act_kind = models.CharField(
        _("tipo de acto"), max_length=20, choices=ActKind.choices, blank=True
    )
    act_number = models.CharField(_("número del acto"), max_length=60, blank=True)
    act_date = models.DateField(_("fecha del acto"), null=True, blank=True)
    act_file = models.FileField(_("archivo del acto"), upload_to="actos/%Y/", blank=True)
    effective_date = models.DateField(_("rige desde"), null=True, blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("propuso"),
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("aprobó"),
    )
    proposed_at = models.DateTimeField(_("propuesta el"))
    decided_at = models.DateTimeField(_("decidida el"), null=True, blank=True)
    decision_note = models.TextField(_("nota de la decisión"), blank=True)
    # Like ``indicators.models.audited()``, which this module cannot import (models imports it).
    history = HistoricalRecords(history_change_reason_field=models.TextField(null=True))

    objects = TargetVersionQuerySet.as_manager()

    class Meta:
        verbose_name = _("versión de las metas")
        verbose_name_plural = _("versiones de las metas")
        ordering = ["indicator", "number"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "number"], name="target_version_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} · v{self.number}"

    @property
    def programmed(self) -> dict[int, Decimal]:
        return {int(year): Decimal(value) for year, value in self.programming.items()}

    @property
    def act(self) -> str:
        """«Resolución 045 del 15 de marzo de 2021», or "" for the original targets."""
        return act_text(
            self.get_act_kind_display() if self.act_kind else "", self.act_number, self.act_date
        )
