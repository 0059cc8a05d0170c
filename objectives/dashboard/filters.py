import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from indicators.choices import Annualization, MetaKind
from indicators.models import Indicator
from objectives.choices import Semaforo
from objectives.models import Objective, Plan


class IndicatorFilter(django_filters.FilterSet):
    """Filters of the indicators list. The semáforo depends on the vigencia's figures, so the
    view applies it after computing them; here it only validates the choice."""

    objetivo = django_filters.ModelChoiceFilter(
        field_name="weights__objective",
        queryset=Objective.objects.none(),
        label=_("Objetivo"),
        empty_label=_("Todos"),
    )
    tipo_meta = django_filters.ChoiceFilter(
        field_name="goal__kind",
        choices=MetaKind.choices,
        label=_("Tipo de meta"),
        empty_label=_("Todos"),
    )
    anualizacion = django_filters.ChoiceFilter(
        field_name="annualization",
        choices=Annualization.choices,
        label=_("Anualización"),
        empty_label=_("Todas"),
    )
    semaforo = django_filters.ChoiceFilter(
        choices=Semaforo.choices, method="by_semaforo", label=_("Semáforo"), empty_label=_("Todos")
    )
    dependencia = django_filters.ChoiceFilter(
        field_name="dependency", choices=[], label=_("Dependencia"), empty_label=_("Todas")
    )
    q = django_filters.CharFilter(method="search", label=_("Buscar"))

    class Meta:
        model = Indicator
        fields: list[str] = []

    def __init__(self, data, queryset: QuerySet[Indicator], *, plan: Plan, dependencies: list[str]):
        super().__init__(data, queryset=queryset)
        self.filters["objetivo"].queryset = Objective.objects.filter(plan=plan)
        self.filters["dependencia"].extra["choices"] = [(d, d) for d in dependencies]

    def by_semaforo(self, queryset: QuerySet[Indicator], name: str, value: str):
        return queryset

    def search(self, queryset: QuerySet[Indicator], name: str, value: str):
        return queryset.filter(
            Q(code__icontains=value)
            | Q(name__icontains=value)
            | Q(goal__code__icontains=value)
            | Q(goal__statement__icontains=value)
        )
