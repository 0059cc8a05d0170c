"""Reads of improvement actions: the list (per objective, per dependency, overdue), one action,
and the dashboard's counts; each in a fixed number of queries."""

from dataclasses import dataclass
from datetime import date

from django.core.paginator import Page, Paginator
from django.db.models import Count, Q

from objectives.actions.models import ImprovementAction
from objectives.choices import ActionStatus
from objectives.models import Objective, Plan


@dataclass(frozen=True)
class ActionCounts:
    open: int
    overdue: int


def counts(plan: Plan, today: date) -> ActionCounts:
    """Open and overdue actions of the plan: one query."""
    still_open = ~Q(status=ActionStatus.CUMPLIDA)
    found = ImprovementAction.objects.filter(plan=plan).aggregate(
        open=Count("pk", filter=still_open),
        overdue=Count("pk", filter=still_open & Q(due_on__lt=today)),
    )
    return ActionCounts(found["open"], found["overdue"])


@dataclass(frozen=True)
class ActionRow:
    action: ImprovementAction
    status: str  # as shown: vencida when open past due


@dataclass(frozen=True)
class ActionList:
    plan: Plan
    rows: list[ActionRow]
    objectives: list[Objective]
    dependencies: list[str]
    objective: int | None
    dependency: str
    show: str  # abiertas, vencidas, todas
    counts: ActionCounts
    page: Page  # of PER_PAGE actions, in due-date order


SHOWS = ("abiertas", "vencidas", "todas")
PER_PAGE = 50


def action_list(
    plan: Plan,
    today: date,
    objective: str | None,
    dependency: str | None,
    show: str | None,
    number: str | None = None,
) -> ActionList:
    """The plan's actions, filtered, a page of them (``number``; the last one when past it):
    five queries."""
    show = show if show in SHOWS else "abiertas"
    actions = ImprovementAction.objects.filter(plan=plan)
    objectives = list(Objective.objects.filter(plan=plan).order_by("number"))
    chosen = next((o.pk for o in objectives if str(o.pk) == (objective or "")), None)
    if chosen is not None:
        actions = actions.filter(indicator__weights__objective=chosen).distinct()
    if dependency:
        actions = actions.filter(dependency=dependency)
    if show == "abiertas":
        actions = actions.still_open()
    elif show == "vencidas":
        actions = actions.overdue(today)
    dependencies = ImprovementAction.objects.filter(plan=plan).order_by("dependency")
    rows = actions.select_related("indicator", "responsible").order_by("due_on", "pk")
    page = Paginator(rows, PER_PAGE).get_page(number)
    return ActionList(
        plan=plan,
        rows=[ActionRow(a, a.shown_status(today)) for a in page.object_list],
        objectives=objectives,
        dependencies=list(dependencies.values_list("dependency", flat=True).distinct()),
        objective=chosen,
        dependency=dependency or "",
        show=show,
        counts=counts(plan, today),
        page=page,
    )


@dataclass(frozen=True)
class ActionPage:
    action: ImprovementAction
    status: str
    follow_ups: list
    history: list


def action_page(pk: int, today: date) -> ActionPage | None:
    """One action with its follow-ups and its history: three queries."""
    action = (
        ImprovementAction.objects.select_related("indicator", "plan", "responsible")
        .filter(pk=pk)
        .first()
    )
    if action is None:
        return None
    follow_ups = list(action.follow_ups.select_related("created_by"))
    history = list(action.history.select_related("history_user").order_by("-history_date"))
    return ActionPage(action, action.shown_status(today), follow_ups, history)
