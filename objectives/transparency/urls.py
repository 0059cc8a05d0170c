"""The portal under /transparencia/ (public), and Planeación's publishing desk under
/publicacion/ (login and role required)."""

from django.urls import path, register_converter

from objectives.transparency import publishing_views, views


class FormatConverter:
    regex = "csv|json"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(FormatConverter, "fmt")

app_name = "transparency"

urlpatterns = [
    path("transparencia/", views.portal_index, name="index"),
    path("transparencia/<int:plan_id>/", views.portal_plan, name="plan"),
    path(
        "transparencia/<int:plan_id>/objetivos/<int:number>/",
        views.portal_objective,
        name="objective",
    ),
    path("transparencia/<int:plan_id>/indicadores/", views.portal_indicators, name="indicators"),
    path("transparencia/<int:plan_id>/datos/", views.portal_data, name="data"),
    path(
        "transparencia/<int:plan_id>/datos/<int:year>.<fmt:fmt>",
        views.data_file,
        {"kind": "cumplimiento"},
        name="data_compliance",
    ),
    path(
        "transparencia/<int:plan_id>/datos/<int:year>-indicadores.<fmt:fmt>",
        views.data_file,
        {"kind": "avance_indicadores"},
        name="data_indicators",
    ),
    path(
        "transparencia/<int:plan_id>/datos/programacion.<fmt:fmt>",
        views.data_file,
        {"kind": "programacion"},
        name="data_programming",
    ),
    path("transparencia/evidencias/<int:pk>/", views.evidence_download, name="evidence"),
    path("publicacion/", publishing_views.desk, name="desk"),
    path("publicacion/<int:plan_pk>/portal/", publishing_views.portal_switch, name="portal_switch"),
    path(
        "publicacion/<int:plan_pk>/<int:year>/<int:corte>/publicar/",
        publishing_views.corte_publish,
        name="publish",
    ),
    path(
        "publicacion/cortes/<int:pk>/retirar/", publishing_views.corte_unpublish, name="unpublish"
    ),
    path(
        "publicacion/evidencias/<int:pk>/",
        publishing_views.evidence_visibility,
        name="evidence_visibility",
    ),
]
