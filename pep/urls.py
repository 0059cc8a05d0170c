from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

admin.site.site_header = _("PEP · Plan Estratégico Institucional")
admin.site.site_title = "PEP"
admin.site.index_title = _("Administración del plan")

urlpatterns = [
    path("admin/", admin.site.urls),
    path("cuenta/", include("django.contrib.auth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("objectives.transparency.urls")),
    path("api/", include("objectives.api.urls")),
    path("", include("objectives.urls")),
]
