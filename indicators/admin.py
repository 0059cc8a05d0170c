from django.contrib import admin

from indicators.models import Goal, Indicator, Programming, PublishedProgress, Report


class ProgrammingInline(admin.TabularInline):
    model = Programming
    extra = 0


class ReportInline(admin.TabularInline):
    model = Report
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
    inlines = [ProgrammingInline, ReportInline, PublishedProgressInline]
