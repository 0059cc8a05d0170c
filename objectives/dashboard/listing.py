"""The indicators list as a table, from its query string: the page builds it from the request,
and the worker from the query string an export over EXPORT_SYNC_MAX_ROWS was asked with."""

from dataclasses import dataclass

from django.http import HttpRequest, QueryDict
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django_tables2 import RequestConfig

from indicators.choices import Corte
from indicators.models import Indicator
from objectives.dashboard import exports, indicator_selectors
from objectives.dashboard.filters import IndicatorFilter
from objectives.dashboard.tables import IndicatorTable
from objectives.figures import cortes_with_reports
from objectives.models import Plan
from objectives.shared import Shared, shared_plan_figures

EXPORT_FORMATS = ("csv", "xlsx")
PER_PAGE = 50
# The plan's rows in a vigencia, per revision: filters and pages only choose among them.
_ROWS = Shared(kept=4)


@dataclass(frozen=True)
class Listing:
    filters: IndicatorFilter
    table: IndicatorTable
    count: int


def indicator_filters(plan: Plan, params: QueryDict) -> IndicatorFilter:
    queryset = Indicator.objects.of_plan(plan)
    return IndicatorFilter(params, queryset, plan=plan, dependencies=queryset.dependencies())


def indicator_listing(
    request: HttpRequest, plan: Plan, year: int, filters: IndicatorFilter, *, export: bool
) -> Listing:
    """The filtered rows as a table, sorted as the query string asks (paged unless exported)."""
    by_id = _ROWS.get((plan.pk, plan.revision, year), lambda: _rows_by_id(plan, year))
    rows = [by_id[pk] for pk in filters.qs.values_list("pk", flat=True)]
    wanted = filters.form.cleaned_data.get("semaforo") if filters.is_valid() else None
    rows = [row for row in rows if not wanted or row.semaforo == wanted]
    table = IndicatorTable(rows)
    RequestConfig(request, paginate=False if export else {"per_page": PER_PAGE}).configure(table)
    return Listing(filters, table, len(rows))


def _rows_by_id(plan: Plan, year: int) -> dict[int, indicator_selectors.ListRow]:
    return indicator_selectors.rows_by_indicator(plan, year, shared_plan_figures(plan))


def export_name(year: int, fmt: str) -> str:
    return f"indicadores-{year}.{fmt}"


def export_file(
    plan: Plan, year: int, filters: IndicatorFilter, table: IndicatorTable, fmt: str
) -> bytes:
    """The rows as the table shows them (filtered and sorted) as an Excel book with its
    heading, or a CSV file in the Colombian convention (``objectives.dashboard.exports``)."""
    rows = [row.record for row in table.rows]
    if fmt == "csv":
        return exports.indicators_csv(rows).encode("utf-8")
    cortes = cortes_with_reports(plan, year)
    heading = exports.heading(
        plan=plan,
        year=year,
        corte=Corte(cortes[-1]).label if cortes else _("sin reportes aprobados"),
        filters=filters.described() or _("ninguno"),
        when=date_format(timezone.localtime(), "SHORT_DATETIME_FORMAT"),
    )
    return exports.indicators_xlsx(rows, heading)


def export_content(plan: Plan, year: int, query: str, fmt: str) -> bytes:
    """The export the query string asks for, as the file's bytes (for the worker)."""
    request = HttpRequest()
    request.GET = QueryDict(query)
    filters = indicator_filters(plan, request.GET)
    listing = indicator_listing(request, plan, year, filters, export=True)
    return export_file(plan, year, filters, listing.table, fmt)
