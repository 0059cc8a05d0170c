"""Query-string filters of the API's lists (django-filter)."""

import django_filters

from indicators.choices import Annualization
from indicators.models import Indicator, Programming
from objectives.models import Objective, Plan


class PlanFilter(django_filters.FilterSet):
    class Meta:
        model = Plan
        fields = ["public"]


class ObjectiveFilter(django_filters.FilterSet):
    class Meta:
        model = Objective
        fields = ["plan", "number"]


class IndicatorFilter(django_filters.FilterSet):
    plan = django_filters.NumberFilter(
        field_name="weights__objective__plan", distinct=True, label="plan"
    )
    objective = django_filters.NumberFilter(
        field_name="weights__objective", distinct=True, label="objective"
    )
    annualization = django_filters.ChoiceFilter(choices=Annualization.choices)
    q = django_filters.CharFilter(field_name="name", lookup_expr="icontains", label="q")

    class Meta:
        model = Indicator
        fields = ["plan", "objective", "code", "annualization", "dependency", "q"]


class ProgrammingFilter(django_filters.FilterSet):
    plan = django_filters.NumberFilter(
        field_name="indicator__weights__objective__plan", distinct=True, label="plan"
    )

    class Meta:
        model = Programming
        fields = ["plan", "indicator", "year"]
