from django.contrib import admin
from django.urls import path
from django.views.generic import RedirectView

admin.site.site_header = "PEP · Plan Estratégico Institucional"
admin.site.site_title = "PEP"
admin.site.index_title = "Administración del plan"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", RedirectView.as_view(pattern_name="admin:index", permanent=False)),
]
