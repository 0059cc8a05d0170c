import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from indicators.choices import Annualization, MetaKind
from indicators.models import Indicator
from objectives.choices import Semaforo
from objectives.forms import inline_helper
from objectives.models import Objective, Plan

# The vigencia stays when filtering; "Quitar filtros" keeps only the vigencia.
FILTER_EXTRA = (
    '<input type="hidden" name="vigencia" value="{{ year }}">'
    '<a class="btn btn-link" href="?vigencia={{ year }}">{% load i18n %}'
    '{% translate "Quitar filtros" %}</a>'
)


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
        self.form.helper = inline_helper(
            list(self.filters),
            form_id="filtros",
            submit=_("Filtrar"),
            columns="col-6 col-md-4 col-xl-2",
            extra=FILTER_EXTRA,
        )

    def described(self) -> str:
        """The filters in use, as a person reads them: "Objetivo: Objetivo 5; Buscar: PQRS"."""
        if not self.is_valid():
            return ""
        parts = []
        for name, value in self.form.cleaned_data.items():
            if value in (None, ""):
                continue
            choices = dict(getattr(self.form.fields[name], "choices", []) or [])
            shown = choices.get(value, value) if isinstance(value, str) else value
            parts.append(f"{self.form.fields[name].label}: {shown}")
        return "; ".join(parts)

    def by_semaforo(self, queryset: QuerySet[Indicator], name: str, value: str):
        return queryset

    def search(self, queryset: QuerySet[Indicator], name: str, value: str):
        return queryset.filter(
            Q(code__icontains=value)
            | Q(name__icontains=value)
            | Q(goal__code__icontains=value)
            | Q(goal__statement__icontains=value)
        )
