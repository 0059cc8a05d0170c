from copy import copy

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from objectives.models import (
    Closure,
    Dependency,
    Job,
    Objective,
    Plan,
    Publication,
    PublishedCompliance,
    Reminder,
    Reopening,
    ReportingWindow,
    Weight,
)
from objectives.reprogramming.weights import closed_kept


class WeightForm(forms.ModelForm):
    """A link edited here may not change a closed vigencia (``weights.closed_kept``); the
    Reprogramar form is the way to change weights from an open vigencia on."""

    class Meta:
        model = Weight
        fields = ["objective", "indicator", "weight", "by_year", "first_year", "last_year"]

    def clean(self) -> dict:
        data = super().clean()
        objective = data.get("objective") or getattr(self.instance, "objective", None)
        if objective is None or self.errors:
            return data
        after = copy(self.instance)
        for field in ("weight", "by_year", "first_year", "last_year"):
            if field in data:
                setattr(after, field, data[field])
        before = Weight.objects.filter(pk=self.instance.pk).first() if self.instance.pk else None
        closed = Closure.objects.closed().filter(plan=objective.plan_id).years()
        closed_kept(before, after, objective.plan, closed)
        return data


def counts_in_closed(weight: Weight) -> bool:
    """Whether deleting the link would take it out of a closed vigencia."""
    closed = Closure.objects.closed().filter(plan__objectives__weights=weight).years()
    return any(weight.counts_in(year) for year in closed)


class ObjectiveInline(admin.TabularInline):
    model = Objective
    fields = ["number", "short_name", "statement"]
    extra = 0
    show_change_link = True


class WeightInline(admin.TabularInline):
    model = Weight
    form = WeightForm

    def has_delete_permission(self, request, obj=None) -> bool:
        """No link leaves an objective whose plan has a closed vigencia (``obj``: the
        objective); the Reprogramar form ends a link at an open vigencia instead."""
        if obj is not None and Closure.objects.closed().filter(plan=obj.plan_id).exists():
            return False
        return super().has_delete_permission(request, obj)

    extra = 0
    autocomplete_fields = ["indicator"]


class PublishedComplianceInline(admin.TabularInline):
    """The figures the book published for the objective, to compare with PEP's."""

    model = PublishedCompliance
    fields = ["year", "magnitude", "compliance"]
    extra = 0


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = ["name", "entity", "first_year", "last_year", "policy", "public"]
    list_filter = ["public"]
    fieldsets = [
        (None, {"fields": ["entity", "name", ("first_year", "last_year")]}),
        (_("Plataforma estratégica"), {"fields": ["mission", "vision", "adoption_act"]}),
        (_("Medición"), {"fields": ["policy", ("red_max", "yellow_max", "green_max")]}),
        (_("¿Vamos bien?"), {"fields": ["starts_on", ("on_time_min", "at_risk_min")]}),
        (_("Portal de transparencia"), {"fields": ["public"]}),
    ]
    inlines = [ObjectiveInline]


@admin.register(Objective)
class ObjectiveAdmin(admin.ModelAdmin):
    list_display = ["__str__", "short_name", "plan", "statement"]
    list_filter = ["plan"]
    search_fields = ["statement"]
    fields = ["plan", "number", "statement", "notes"]
    inlines = [WeightInline, PublishedComplianceInline]


@admin.register(Weight)
class WeightAdmin(SimpleHistoryAdmin):
    form = WeightForm

    def has_delete_permission(self, request, obj=None) -> bool:
        if obj is not None and counts_in_closed(obj):
            return False
        return super().has_delete_permission(request, obj)

    list_display = ["objective", "indicator", "weight"]
    list_filter = ["objective__plan", "objective"]
    list_select_related = ["objective", "indicator"]
    search_fields = ["indicator__code", "indicator__name"]
    autocomplete_fields = ["indicator"]


@admin.register(Closure)
class ClosureAdmin(SimpleHistoryAdmin):
    """Closing and reopening happen on the dashboard, with their checks; here they are read."""

    list_display = ["plan", "year", "is_closed", "closed_by", "closed_at"]
    list_filter = ["plan", "is_closed"]
    readonly_fields = ["plan", "year", "is_closed", "snapshot", "closed_by", "closed_at", "reason"]

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(Dependency)
class DependencyAdmin(SimpleHistoryAdmin):
    """The directory of dependencies: the head told when a dependency's reports are overdue."""

    list_display = ["name", "head_name", "head_email"]
    search_fields = ["name", "head_name", "head_email"]


class ReopeningInline(admin.TabularInline):
    model = Reopening
    fields = ["dependency", "indicator", "until", "reason", "created_by", "created_at"]
    readonly_fields = fields
    extra = 0

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(ReportingWindow)
class ReportingWindowAdmin(SimpleHistoryAdmin):
    """Windows are published and changed on the calendar page, with a reason; here they are
    read."""

    list_display = ["plan", "year", "corte", "opens_on", "due_on", "locks_on"]
    list_filter = ["plan", "year"]
    readonly_fields = ["plan", "year", "corte", "opens_on", "due_on", "locks_on", "version"]
    inlines = [ReopeningInline]

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    """What was sent to whom, and whether the mail server took it."""

    list_display = ["day", "recipient", "kind", "indicator", "sent_at", "error"]
    list_filter = ["kind", "day"]
    list_select_related = ["indicator"]
    search_fields = ["recipient"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    list_display = ["title", "user", "status", "created_at", "finished_at"]
    list_filter = ["kind", "status"]
    exclude = ["payload", "file"]
    readonly_fields = [
        "kind",
        "title",
        "user",
        "status",
        "step",
        "created_at",
        "started_at",
        "finished_at",
        "result",
        "error",
        "filename",
        "task_id",
    ]

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(Publication)
class PublicationAdmin(SimpleHistoryAdmin):
    """What the transparency portal shows, when it was published and by whom. Publishing and
    unpublishing happen on the publishing desk, with their checks; here they are read."""

    list_display = ["plan", "year", "corte", "is_published", "published_by", "published_at"]
    list_filter = ["plan", "is_published", "year"]
    list_select_related = ["plan", "published_by"]
    readonly_fields = [
        "plan",
        "year",
        "corte",
        "is_published",
        "snapshot",
        "published_by",
        "published_at",
        "reason",
    ]

    def has_add_permission(self, request) -> bool:
        return False
