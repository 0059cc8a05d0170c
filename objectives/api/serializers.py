"""What the API returns: models as they are, and official figures in the snapshot's shape with
the coverage of each figure. Percentages are in points (49.02), rounded half-up to 2 decimals."""

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from indicators.choices import Corte
from indicators.models import Goal, Indicator, Programming
from objectives.models import Objective, Plan, Weight


class PlanSerializer(serializers.ModelSerializer):
    portal_url = serializers.SerializerMethodField()

    class Meta:
        model = Plan
        fields = [
            "id",
            "entity",
            "name",
            "first_year",
            "last_year",
            "mission",
            "vision",
            "adoption_act",
            "policy",
            "red_max",
            "yellow_max",
            "green_max",
            "public",
            "portal_url",
        ]

    @extend_schema_field(OpenApiTypes.STR)
    def get_portal_url(self, plan: Plan) -> str | None:
        return reverse("transparency:plan", args=[plan.pk]) if plan.public else None


class ObjectiveSerializer(serializers.ModelSerializer):
    class Meta:
        model = Objective
        fields = ["id", "plan", "number", "statement"]


class GoalSerializer(serializers.ModelSerializer):
    class Meta:
        model = Goal
        fields = ["kind", "code", "statement"]


class WeightSerializer(serializers.ModelSerializer):
    plan = serializers.IntegerField(source="objective.plan_id")
    objective_number = serializers.IntegerField(source="objective.number")

    class Meta:
        model = Weight
        fields = ["plan", "objective", "objective_number", "weight"]


class YearValueSerializer(serializers.ModelSerializer):
    class Meta:
        model = Programming
        fields = ["year", "value"]


class IndicatorSerializer(serializers.ModelSerializer):
    goal = GoalSerializer()
    weights = WeightSerializer(many=True, source="visible_weights")
    programming = YearValueSerializer(many=True)

    class Meta:
        model = Indicator
        fields = [
            "id",
            "code",
            "name",
            "goal",
            "annualization",
            "unit",
            "baseline",
            "stated_total",
            "dependency",
            "weights",
            "programming",
        ]


class ProgrammingSerializer(serializers.ModelSerializer):
    class Meta:
        model = Programming
        fields = ["id", "indicator", "year", "value"]


class CoverageSerializer(serializers.Serializer):
    counted = serializers.IntegerField(help_text="Indicadores que cuenta el objetivo.")
    not_applicable = serializers.IntegerField(help_text="Sin meta en la vigencia (N/A).")
    programmed = serializers.IntegerField(help_text="Con meta en la vigencia.")
    reported = serializers.IntegerField(
        allow_null=True, help_text="Con reporte aprobado; null si la cifra no lo registra."
    )


class FigureIndicatorSerializer(serializers.Serializer):
    code = serializers.CharField(allow_null=True)
    name = serializers.CharField()
    weight = serializers.FloatField(allow_null=True)
    progress = serializers.FloatField(allow_null=True, help_text="null: N/A (no programado).")
    contribution = serializers.FloatField(allow_null=True)


class FigureObjectiveSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    name = serializers.CharField()
    compliance = serializers.FloatField(allow_null=True, help_text="null: sin ejecución.")
    coverage = CoverageSerializer()
    indicators = FigureIndicatorSerializer(many=True)


class FigureSetSerializer(serializers.Serializer):
    plan = serializers.IntegerField()
    year = serializers.IntegerField()
    corte = serializers.ChoiceField(choices=Corte.choices, allow_null=True)
    corte_date = serializers.DateField(allow_null=True)
    kind = serializers.ChoiceField(
        choices=[("cierre", "cierre"), ("corte", "corte"), ("en_vivo", "en_vivo")],
        help_text="cierre: vigencia cerrada; corte: corte publicado; en_vivo: reportes "
        "aprobados hoy (solo con un rol).",
    )
    published_at = serializers.DateTimeField(allow_null=True)
    policy = serializers.CharField()
    plan_compliance = serializers.FloatField(allow_null=True)
    objectives_counted = serializers.IntegerField()
    objectives_averaged = serializers.IntegerField(
        help_text="Objetivos con cifra: el cumplimiento del plan es su promedio simple."
    )
    objectives = FigureObjectiveSerializer(many=True)


class FigureQuerySerializer(serializers.Serializer):
    """The figures' filters, checked before any query."""

    plan = serializers.IntegerField(required=False, min_value=1)
    year = serializers.IntegerField(required=False, min_value=1900, max_value=2200)
    corte = serializers.ChoiceField(choices=Corte.choices, required=False)
    kind = serializers.ChoiceField(choices=["cierre", "corte"], required=False)


class LiveQuerySerializer(serializers.Serializer):
    plan = serializers.IntegerField(min_value=1)
    year = serializers.IntegerField(min_value=1900, max_value=2200)
