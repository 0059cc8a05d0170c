from django.contrib import admin
from django.contrib.auth import views as auth
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from objectives.accounts import needs_email

admin.site.site_header = _("PEP · Plan Estratégico Institucional")
admin.site.site_title = "PEP"
admin.site.index_title = _("Administración del plan")

# django.contrib.auth.urls, with the password-reset pages only when e-mail is configured.
accounts = [
    path("login/", auth.LoginView.as_view(), name="login"),
    path("logout/", auth.LogoutView.as_view(), name="logout"),
    path("password_change/", auth.PasswordChangeView.as_view(), name="password_change"),
    path(
        "password_change/done/",
        auth.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("password_reset/", needs_email(auth.PasswordResetView.as_view()), name="password_reset"),
    path(
        "password_reset/done/",
        needs_email(auth.PasswordResetDoneView.as_view()),
        name="password_reset_done",
    ),
    path(
        "reset/<uidb64>/<token>/",
        needs_email(auth.PasswordResetConfirmView.as_view()),
        name="password_reset_confirm",
    ),
    path(
        "reset/done/",
        needs_email(auth.PasswordResetCompleteView.as_view()),
        name="password_reset_complete",
    ),
]

urlpatterns = [
    path("admin/", admin.site.urls),
    path("cuenta/", include(accounts)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("objectives.transparency.urls")),
    path("api/", include("objectives.api.urls")),
    path("", include("objectives.urls")),
]
