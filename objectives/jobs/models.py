"""A job the worker runs for a person (import a book, close a vigencia, export a long list),
with what that person sees of it: its step, its result or its error. Registered with the app
by ``objectives.models``.

The uploaded book and the exported file travel in the row, not on a disk, so a worker on
another machine needs nothing but the database.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from objectives.choices import JobKind, JobStatus

FINISHED = (JobStatus.TERMINADO, JobStatus.FALLIDO)


class Job(models.Model):
    kind = models.CharField(_("tipo"), max_length=20, choices=JobKind.choices)
    title = models.CharField(_("trabajo"), max_length=300)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="jobs",
        verbose_name=_("pedido por"),
    )
    status = models.CharField(
        _("estado"), max_length=12, choices=JobStatus.choices, default=JobStatus.EN_COLA
    )
    step = models.CharField(_("paso"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("pedido"), auto_now_add=True)
    started_at = models.DateTimeField(_("empezó"), null=True, blank=True)
    finished_at = models.DateTimeField(_("terminó"), null=True, blank=True)
    # What the person reads when it is done: {"messages": [[level, text]…], "next": url}.
    result = models.JSONField(_("resultado"), default=dict, blank=True)
    error = models.TextField(_("error"), blank=True)
    payload = models.BinaryField(_("archivo de entrada"), blank=True, default=b"")
    file = models.BinaryField(_("archivo de salida"), blank=True, default=b"")
    filename = models.CharField(_("nombre del archivo"), max_length=200, blank=True)
    task_id = models.CharField(_("tarea"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("trabajo en segundo plano")
        verbose_name_plural = _("trabajos en segundo plano")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.title} · {self.get_status_display()}"

    @property
    def finished(self) -> bool:
        return self.status in FINISHED

    @property
    def failed(self) -> bool:
        return self.status == JobStatus.FALLIDO
