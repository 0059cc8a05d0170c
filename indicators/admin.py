from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from indicators.models import (
    Assignment,
    CorteProgramming,
    Evidence,
    Goal,
    Indicator,
    Programming,
    PublishedProgress,
    Report,
)


class ProgrammingInline(admin.TabularInline):
    model = Programming
    extra = 0


class CorteProgrammingInline(admin.TabularInline):
    """The explicit profile of a vigencia; the indicator page edits it with a reason."""

    model = CorteProgramming
    extra = 0


class ReportInline(admin.TabularInline):
    model = Report
    fields = ["year", "corte", "executed", "status"]
    extra = 0
    show_change_link = True


class EvidenceInline(admin.TabularInline):
    model = Evidence
    fields = ["name", "file", "link", "is_public", "uploaded_by"]
    extra = 0


class PublishedProgressInline(admin.TabularInline):
    model = PublishedProgress
    extra = 0


class IndicatorInline(admin.TabularInline):
    model = Indicator
    fields = ["code", "name", "annualization", "unit"]
    extra = 0
    show_change_link = True


@admin.register(Goal)
class GoalAdmin(admin.ModelAdmin):
    list_display = ["__str__", "kind", "code"]
    list_filter = ["kind"]
    search_fields = ["code", "statement"]
    inlines = [IndicatorInline]


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "goal", "annualization", "unit", "dependency"]
    list_filter = ["annualization", "unit", "goal__kind", "dependency"]
    search_fields = ["code", "name", "goal__code", "goal__statement"]
    list_select_related = ["goal"]
    autocomplete_fields = ["goal"]
    inlines = [ProgrammingInline, CorteProgrammingInline, ReportInline, PublishedProgressInline]


@admin.register(Report)
class ReportAdmin(SimpleHistoryAdmin):
    list_display = ["indicator", "year", "corte", "executed", "status", "reported_by"]
    list_filter = ["status", "year", "corte"]
    search_fields = ["indicator__code", "indicator__name"]
    list_select_related = ["indicator", "reported_by"]
    autocomplete_fields = ["indicator"]
    readonly_fields = ["version"]
    inlines = [EvidenceInline]


@admin.register(Assignment)
class AssignmentAdmin(admin.ModelAdmin):
    """Which dependencies each Responsable reports for."""

    list_display = ["user", "dependency"]
    list_filter = ["dependency"]
    search_fields = ["user__username", "dependency"]
