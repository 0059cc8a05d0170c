"""A corte published on the transparency portal, with its frozen figures: ``objectives.models``
registers it (kept apart so that module stays within the house's size)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from indicators.choices import Corte
from objectives.models import Plan


class Publication(models.Model):
    """A corte of an open vigencia published on the transparency portal.

    ``snapshot`` freezes the corte's official figures when it was published (approved reports up
    to the corte, under the plan's policy), in the shape of ``Closure.snapshot``: a later
    approval never changes what the public saw. Unpublishing keeps the row and needs a reason.
    """

    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="publications", verbose_name=_("plan")
    )
    year = models.PositiveSmallIntegerField(_("vigencia"))
    corte = models.PositiveSmallIntegerField(_("corte"), choices=Corte.choices)
    is_published = models.BooleanField(_("publicado"), default=True)
    snapshot = models.JSONField(_("cifras publicadas"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("publicó"),
    )
    published_at = models.DateTimeField(_("publicado el"))
    reason = models.TextField(_("motivo del retiro"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("corte publicado")
        verbose_name_plural = _("cortes publicados")
        ordering = ["plan", "year", "corte"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "year", "corte"], name="publication_unique_corte"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.plan} · {self.year} · {Corte(self.corte).label}"
