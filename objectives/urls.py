from django.urls import path

from objectives import import_views, views, workflow_views

app_name = "objectives"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("plan/", views.plan_detail, name="plan"),
    path("objetivos/<int:pk>/", views.objective_detail, name="objective"),
    path("indicadores/", views.indicator_list, name="indicators"),
    path("indicadores/<int:pk>/", views.indicator_detail, name="indicator"),
    path("calidad/", views.data_quality, name="quality"),
    path("mi-trabajo/", workflow_views.my_work, name="my_work"),
    path("pendientes/", workflow_views.pending, name="pending"),
    path(
        "indicadores/<int:pk>/reportes/<int:year>/<int:corte>/",
        workflow_views.report_edit,
        name="report_edit",
    ),
    path("indicadores/<int:pk>/reportar/", workflow_views.report_start, name="report_start"),
    path("reportes/<int:pk>/enviar/", workflow_views.report_send, name="report_send"),
    path("reportes/<int:pk>/revisar/", workflow_views.report_review, name="report_review"),
    path("evidencias/<int:pk>/", workflow_views.evidence_download, name="evidence"),
    path(
        "indicadores/<int:pk>/programacion/<int:year>/",
        workflow_views.programming_edit,
        name="programming_edit",
    ),
    path("indicadores/<int:pk>/historial/", workflow_views.indicator_history, name="history"),
    path("ponderaciones/<int:pk>/", workflow_views.weight_edit, name="weight_edit"),
    path(
        "planes/<int:plan_pk>/vigencias/<int:year>/cerrar/",
        workflow_views.vigencia_close,
        name="vigencia_close",
    ),
    path("cierres/<int:pk>/reabrir/", workflow_views.vigencia_reopen, name="vigencia_reopen"),
    path("importar/", import_views.book_upload, name="import"),
    path("importar/confirmar/", import_views.book_confirm, name="import_confirm"),
]
