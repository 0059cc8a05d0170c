"""/api/v1/ (the versioned read API), /api/schema/ (OpenAPI 3) and /api/docs/ (Swagger UI,
served from the installed drf-spectacular-sidecar package)."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from objectives.api import views

app_name = "api"

router = DefaultRouter()
router.register("plans", views.PlanViewSet, basename="plan")
router.register("objectives", views.ObjectiveViewSet, basename="objective")
router.register("indicators", views.IndicatorViewSet, basename="indicator")
router.register("programming", views.ProgrammingViewSet, basename="programming")
router.register("figures", views.FigureViewSet, basename="figures")

v1 = [
    *router.urls,
    path("live-figures/", views.LiveFiguresView.as_view(), name="live-figures"),
]

urlpatterns = [
    path("v1/", include((v1, "v1"))),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
]
