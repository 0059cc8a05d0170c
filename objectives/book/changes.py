"""What an import creates and updates, counted and listed for the preview and the command:
every row created or updated (old → new, in Colombian format), and the rows a closed vigencia
protected."""

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from indicators.formatting import value_text
from objectives.book.bulk import Batch

ENTITIES = (
    ("plan", _("Plan")),
    ("objectives", _("Objetivos")),
    ("goals", _("Metas")),
    ("indicators", _("Indicadores")),
    ("weights", _("Ponderaciones")),
    ("programming", _("Programación")),
    ("cortes", _("Programación por corte")),
    ("reports", _("Ejecución")),
    ("published", _("Avance publicado")),
    ("published_objectives", _("Cumplimiento publicado")),
    ("versions", _("Versiones de las metas")),
)
LABELS = {
    "plan": _("Plan «%(name)s»"),
    "goals": "%(goal)s",
    "objectives": _("Objetivo %(number)s"),
    "indicators": _("Indicador %(indicator)s"),
    "weights": _("Ponderación Objetivo %(number)s · %(indicator)s"),
    "programming": _("Programación %(indicator)s · %(year)s"),
    "cortes": _("Programación por corte %(indicator)s · %(year)s · %(corte)s"),
    "reports": _("Ejecución %(indicator)s · %(year)s · %(corte)s"),
    "published": _("Avance publicado %(indicator)s · %(year)s"),
    "published_objectives": _("Cumplimiento publicado Objetivo %(number)s · %(year)s"),
    "versions": _("Versión %(number)s de las metas de %(indicator)s"),
}
BLANK = "—"


class BookError(Exception):
    pass


@dataclass
class Tally:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    protected: int = 0  # rows a closed vigencia kept as they were, though the book differs


@dataclass(frozen=True)
class FieldChange:
    """One field of an updated row: its verbose name and both values, ready to show."""

    name: str
    old: str
    new: str


@dataclass(frozen=True)
class Change:
    """A row the import creates or updates: "Ejecución 545 · 2020 · 31 de diciembre".

    The label is made when shown: a large book creates a hundred thousand rows, and the
    command never shows them one by one.
    """

    entity: str
    params: dict[str, Any]
    created: bool
    fields: tuple[FieldChange, ...] = ()

    @property
    def label(self) -> str:
        return LABELS[self.entity] % self.params


@dataclass
class ImportResult:
    plan_id: int | None = None
    dry_run: bool = False
    tallies: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    changes: list[Change] = field(default_factory=list)
    protected: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return any(t.created or t.updated for t in self.tallies.values())

    def count_lines(self) -> list[str]:
        lines = []
        for key, label in ENTITIES:
            t = self.tallies[key]
            line = (
                f"{label}: {t.created} creados, {t.updated} actualizados, {t.unchanged} sin cambios"
            )
            lines.append(f"{line}, {t.protected} protegidos" if t.protected else line)
        return lines

    def lines(self) -> list[str]:
        """The tallies, then what a closed vigencia protected."""
        return self.count_lines() + self.protected


def differences(
    model: type[models.Model], instance: Any, values: dict[str, Any]
) -> dict[str, tuple[Any, Any]]:
    """Field → (stored, new) for each value that differs from what the instance (or a light
    ``stored`` tuple) holds. A related row is compared by its id: no query fetches it."""
    found = {}
    for name, value in values.items():
        stored = getattr(instance, model._meta.get_field(name).attname)
        if stored != (value.pk if isinstance(value, models.Model) else value):
            found[name] = (getattr(instance, name, stored), value)
    return found


def sync_one(
    instance: models.Model | None,
    batch: Batch,
    values: dict,
    result: ImportResult,
    entity: str,
    params: dict[str, Any],
    protected: str = "",
):
    """Create or update one row in ``batch`` and record it; a ``protected`` row is left as it
    is and the message says why."""
    tally = result.tallies[entity]
    if instance is None:
        instance = batch.new(values)
        tally.created += 1
        result.changes.append(Change(entity, params, created=True))
        return instance
    changed = differences(batch.model, instance, values)
    if not changed:
        tally.unchanged += 1
    elif protected:
        tally.protected += 1
        result.protected.append(protected)
    else:
        fields = []
        for name, (old, new) in changed.items():
            model_field = batch.model._meta.get_field(name)
            fields.append(
                FieldChange(
                    str(model_field.verbose_name),
                    value_text(old, _choices(model_field)),
                    value_text(new, _choices(model_field)),
                )
            )
        batch.change(instance, {name: new for name, (_old, new) in changed.items()})
        tally.updated += 1
        result.changes.append(Change(entity, params, created=False, fields=tuple(fields)))
    return instance


def _choices(model_field: models.Field) -> dict | None:
    return dict(model_field.flatchoices) if model_field.choices else None
