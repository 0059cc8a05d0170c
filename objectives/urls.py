from django.urls import path

from objectives.actions import views as actions
from objectives.book import views as book
from objectives.calendar import views as calendar
from objectives.dashboard import views as dashboard
from objectives.jobs import views as jobs
from objectives.reporting import profile
from objectives.reporting import read_views as cycle
from objectives.reporting import views as reporting
from objectives.reprogramming import views as reprogramming

app_name = "objectives"

urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path("plan/", dashboard.plan_detail, name="plan"),
    path("objetivos/<int:pk>/", dashboard.objective_detail, name="objective"),
    path("indicadores/", dashboard.indicator_list, name="indicators"),
    path("indicadores/<int:pk>/", dashboard.indicator_detail, name="indicator"),
    path("calidad/", dashboard.data_quality, name="quality"),
    path("mi-trabajo/", cycle.my_work, name="my_work"),
    path("pendientes/", cycle.pending, name="pending"),
    path(
        "indicadores/<int:pk>/reportes/<int:year>/<int:corte>/",
        reporting.report_edit,
        name="report_edit",
    ),
    path("indicadores/<int:pk>/reportar/", reporting.report_start, name="report_start"),
    path("reportes/<int:pk>/enviar/", reporting.report_send, name="report_send"),
    path("reportes/<int:pk>/retirar/", reporting.report_withdraw, name="report_withdraw"),
    path("reportes/<int:pk>/revisar/", reporting.report_review, name="report_review"),
    path("evidencias/<int:pk>/", cycle.evidence_download, name="evidence"),
    path(
        "indicadores/<int:pk>/programacion/<int:year>/",
        reporting.programming_edit,
        name="programming_edit",
    ),
    path(
        "indicadores/<int:pk>/programacion/<int:year>/cortes/",
        profile.profile_edit,
        name="profile_edit",
    ),
    path("indicadores/<int:pk>/historial/", cycle.indicator_history, name="history"),
    path(
        "indicadores/<int:pk>/anualizacion/",
        reporting.annualization_edit,
        name="annualization_edit",
    ),
    path("ponderaciones/<int:pk>/", reporting.weight_edit, name="weight_edit"),
    path(
        "indicadores/<int:pk>/reprogramar/",
        reprogramming.reprogramming_new,
        name="reprogramming_new",
    ),
    path("reprogramaciones/", reprogramming.reprogramming_list, name="reprogrammings"),
    path("reprogramaciones/<int:pk>/", reprogramming.reprogramming_detail, name="reprogramming"),
    path(
        "reprogramaciones/<int:pk>/decidir/",
        reprogramming.reprogramming_decide,
        name="reprogramming_decide",
    ),
    path(
        "planes/<int:plan_pk>/vigencias/<int:year>/cerrar/",
        reporting.vigencia_close,
        name="vigencia_close",
    ),
    path("cierres/<int:pk>/reabrir/", reporting.vigencia_reopen, name="vigencia_reopen"),
    path("importar/", book.book_upload, name="import"),
    path("importar/confirmar/", book.book_confirm, name="import_confirm"),
    path("calendario/", calendar.calendar_page, name="calendar"),
    path(
        "calendario/<int:plan_pk>/<int:year>/publicar/",
        calendar.calendar_publish,
        name="calendar_publish",
    ),
    path("calendario/ventanas/<int:pk>/", calendar.window_edit, name="window_edit"),
    path("calendario/ventanas/<int:pk>/reabrir/", calendar.reopening_new, name="reopening_new"),
    path("acciones/", actions.action_list, name="actions"),
    path("acciones/nueva/", actions.action_new, name="action_new"),
    path("acciones/<int:pk>/", actions.action_detail, name="action"),
    path("acciones/<int:pk>/seguimiento/", actions.action_follow_up, name="action_follow_up"),
    path("acciones/<int:pk>/cerrar/", actions.action_close, name="action_close"),
    path("trabajos/", jobs.job_list, name="jobs"),
    path("trabajos/<int:pk>/", jobs.job_detail, name="job"),
    path("trabajos/<int:pk>/archivo/", jobs.job_download, name="job_download"),
]
