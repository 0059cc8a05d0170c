from django.urls import path

from objectives import views

app_name = "objectives"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("plan/", views.plan_detail, name="plan"),
    path("objetivos/<int:pk>/", views.objective_detail, name="objective"),
    path("indicadores/", views.indicator_list, name="indicators"),
    path("indicadores/<int:pk>/", views.indicator_detail, name="indicator"),
    path("calidad/", views.data_quality, name="quality"),
]
