"""What the tests of the quarterly cycle share: the roles, a client per account, a report."""

from decimal import Decimal as D

from django.test import Client
from django.urls import reverse

from indicators.choices import Corte
from objectives.reporting import services

CORP = "Subsecretaría Corporativa"
ROLES = ["Administrador", "Planeación", "Responsable", "Directivo", None]
ALLOWED_TO_REPORT = {"Administrador", "Planeación", "Responsable"}
ALLOWED_TO_REVIEW = {"Administrador", "Planeación"}


def client_for(user) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="es-co")
    client.force_login(user)
    return client


def report_url(indicator, year=2021, corte=Corte.MARZO):
    return reverse("objectives:report_edit", args=[indicator.pk, year, corte])


def sent_report(users, indicator, year=2021, corte=Corte.MARZO, by="Responsable"):
    """A report ``by`` sent (the Responsable unless told): anyone else in Planeación or
    Administración reviews it (four eyes)."""
    report = services.report_save(
        user=users[by],
        indicator=indicator,
        year=year,
        corte=corte,
        data=services.ReportInput(executed=D(40), delays="Causa del retraso"),
        version=None,
    )
    return services.report_send(user=users[by], report=report, version=1)
