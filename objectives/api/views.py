"""Read-only endpoints of /api/v1/. Every list is paginated and filterable; what a client sees
is ``permissions.visible_plans``: public plans for anonymous clients, all for a role."""

import hashlib

from django.core.cache import cache
from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import get_language
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import viewsets
from rest_framework.exceptions import NotAuthenticated
from rest_framework.generics import GenericAPIView
from rest_framework.request import Request
from rest_framework.response import Response

from indicators.models import Indicator, Programming
from objectives.api import filters, serializers
from objectives.api.figures import figure_set
from objectives.api.permissions import HasRole, visible_plans
from objectives.dashboard.cache import TIMEOUT, page_key
from objectives.figures import compliance_snapshot
from objectives.models import Objective, Weight
from objectives.transparency.selectors import sets_of


class CachedLists:
    """A list answered from the cache, keyed by the revisions of the plans the client sees
    (a write to a plan gives it a new one), the query string, the host and the language: the
    same page is built once per revision, whoever asks."""

    def list(self, request: Request, *args, **kwargs) -> Response:
        plans = visible_plans(request.user).order_by("pk").values_list("pk", "revision")
        state = "|".join(f"{pk}-{revision}" for pk, revision in plans)
        parts = (self.basename, request.get_host(), request.GET.urlencode(), get_language())
        digest = hashlib.sha256(repr((parts, state)).encode()).hexdigest()
        key = f"pep:api-list:{digest}"
        data = cache.get(key)
        if data is None:
            data = super().list(request, *args, **kwargs).data
            cache.set(key, data, TIMEOUT)
        return Response(data)


class PlanViewSet(CachedLists, viewsets.ReadOnlyModelViewSet):
    """Plans with their strategic platform (mission, vision, adopting act) and policy."""

    serializer_class = serializers.PlanSerializer
    filterset_class = filters.PlanFilter

    def get_queryset(self) -> QuerySet:
        return visible_plans(self.request.user).order_by("id")


class ObjectiveViewSet(CachedLists, viewsets.ReadOnlyModelViewSet):
    serializer_class = serializers.ObjectiveSerializer
    filterset_class = filters.ObjectiveFilter

    def get_queryset(self) -> QuerySet:
        plans = visible_plans(self.request.user)
        return Objective.objects.filter(plan__in=plans).order_by("plan_id", "number")


class IndicatorViewSet(CachedLists, viewsets.ReadOnlyModelViewSet):
    """Indicators with their meta, their weight in each objective and their programming."""

    serializer_class = serializers.IndicatorSerializer
    filterset_class = filters.IndicatorFilter

    def get_queryset(self) -> QuerySet:
        plans = visible_plans(self.request.user)
        weights = Weight.objects.filter(objective__plan__in=plans).select_related("objective")
        return (
            Indicator.objects.filter(weights__objective__plan__in=plans)
            .distinct()
            .select_related("goal")
            .prefetch_related(
                Prefetch("weights", queryset=weights.order_by("id"), to_attr="visible_weights"),
                Prefetch("programming", queryset=Programming.objects.order_by("year")),
            )
            .order_by("code", "id")
        )


class ProgrammingViewSet(CachedLists, viewsets.ReadOnlyModelViewSet):
    """The magnitude programmed for each indicator and vigencia (0: nothing programmed)."""

    serializer_class = serializers.ProgrammingSerializer
    filterset_class = filters.ProgrammingFilter

    def get_queryset(self) -> QuerySet:
        plans = visible_plans(self.request.user)
        indicators = Indicator.objects.filter(weights__objective__plan__in=plans)
        return Programming.objects.filter(indicator__in=indicators).order_by("indicator_id", "year")


class FigureViewSet(viewsets.GenericViewSet):
    """Official figures: each closed vigencia's frozen snapshot and each published corte of an
    open vigencia, with the coverage of every figure."""

    serializer_class = serializers.FigureSetSerializer
    filter_backends = []

    @extend_schema(parameters=[serializers.FigureQuerySerializer])
    def list(self, request: Request) -> Response:
        query = serializers.FigureQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        wanted = query.validated_data
        plans = visible_plans(request.user).order_by("id")
        if "plan" in wanted:
            plans = plans.filter(pk=wanted["plan"])
        plans = list(plans)
        sets = sets_of(plans)
        items = [
            figure_set(plan.pk, official.snapshot, official)
            for plan in plans
            for official in sets[plan.pk]
            if wanted.get("year", official.year) == official.year
            and wanted.get("corte", official.corte) == official.corte
            and wanted.get("kind", "cierre" if official.closed else "corte")
            == ("cierre" if official.closed else "corte")
        ]
        page = self.paginate_queryset(items)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


class LiveFiguresView(GenericAPIView):
    """Live figures of a vigencia from the reports approved today, as the app's dashboard shows
    them: only for people with a role."""

    serializer_class = serializers.FigureSetSerializer
    permission_classes = [HasRole]
    filter_backends = []
    pagination_class = None

    def permission_denied(self, request, message=None, code=None):
        if not request.user.is_authenticated:
            raise NotAuthenticated(HasRole.message)
        super().permission_denied(request, message, code)

    @extend_schema(
        parameters=[
            OpenApiParameter("plan", int, required=True),
            OpenApiParameter("year", int, required=True),
        ]
    )
    def get(self, request: Request) -> Response:
        query = serializers.LiveQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        plan = get_object_or_404(visible_plans(request.user), pk=query.validated_data["plan"])
        year = query.validated_data["year"]

        def data() -> dict:  # computed once per revision of the plan (objectives.signals)
            snapshot = compliance_snapshot(plan, year)
            return self.get_serializer(figure_set(plan.pk, snapshot, None)).data

        return Response(cache.get_or_set(page_key("api-live", plan, year), data, TIMEOUT))
