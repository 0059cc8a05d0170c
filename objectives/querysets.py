"""The query sets of the strategy layer's models (``objectives.models``)."""

from typing import TYPE_CHECKING

from django.db import models

from indicators.models import Indicator

if TYPE_CHECKING:
    from objectives.models import Plan


class PlanQuerySet(models.QuerySet):
    def fed_by(self, indicator: Indicator | int) -> "PlanQuerySet":
        """The plans the indicator feeds (through a weight in one of their objectives)."""
        return self.filter(objectives__weights__indicator=indicator).distinct()

    def spanning(self, year: int) -> "PlanQuerySet":
        return self.filter(first_year__lte=year, last_year__gte=year)

    def chosen(self, plan_id: int | str | None) -> "Plan | None":
        """The plan asked for (an id, or its text from a query string or a command line), else
        the most recent one: one query."""
        text = str(plan_id or "")
        if text.isdigit():
            return self.filter(pk=int(text)).first()
        return self.first()


class ClosureQuerySet(models.QuerySet):
    def closed(self) -> "ClosureQuerySet":
        return self.filter(is_closed=True)

    def feeding(self, indicator: Indicator | int) -> "ClosureQuerySet":
        """Closures of every plan the indicator feeds."""
        return self.filter(plan__objectives__weights__indicator=indicator)

    def years(self) -> set[int]:
        """The vigencias of these closures: one query."""
        return set(self.values_list("year", flat=True))
