"""Double submits and races on a SQLite *file* with PEP's own database settings.

This script runs PEP's production database settings in a process of its own, through the web
views (``tests/test_settings.py`` starts it with DATABASE_URL naming a new file; the suite's
own SQLite file has test settings): it migrates, loads the 2020 book and, for ROUNDS rounds
each, sends through the web:
- two clicks on «Aprobar» at once (two browsers, the same version);
- «Aprobar» and «Cerrar vigencia» at once.
It prints one JSON line: every status code seen, and the rounds whose outcome no serial order
gives. Before ``transaction_mode`` IMMEDIATE and the busy timeout, a double «Aprobar» was a
500 "database is locked".

Usage: DATABASE_URL=sqlite:////tmp/x.sqlite3 python -m tests.sqlite_races ROUNDS
"""

import io
import json
import sys
from decimal import Decimal


def main(rounds: int) -> None:
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pep.settings")

    django.setup()
    from django.core.management import call_command
    from django.test.utils import setup_test_environment

    setup_test_environment()
    call_command("migrate", verbosity=0)
    call_command("import_book", "fixtures/libro_seguimiento_2020.xlsx", stdout=io.StringIO())
    print(json.dumps(_race(rounds)))


def _race(rounds: int) -> dict:
    from django.contrib.auth.models import Group, User
    from django.test import Client
    from django.urls import reverse

    from indicators.choices import Corte, ReportStatus
    from indicators.models import Assignment, Indicator, Report
    from objectives.figures import compliance_snapshot
    from objectives.models import Closure, Plan
    from objectives.reporting import services
    from tests.objectives.races import together

    def account(name: str, role: str) -> User:
        user = User.objects.create_user(name, password="clave-de-prueba-123")
        user.groups.add(Group.objects.get(name=role))
        return user

    plan = Plan.objects.get()
    budget = Indicator.objects.get(name__startswith="Porcentaje de presupuesto")
    responsable = account("responsable", "Responsable")
    Assignment.objects.create(user=responsable, dependency=budget.dependency)
    browsers = {}
    for name, role in (("planeacion", "Planeación"), ("admin", "Administrador")):
        browsers[name] = Client(raise_request_exception=False)
        browsers[name].force_login(account(name, role))

    def sent() -> Report:
        Closure.objects.filter(plan=plan, year=2021).delete()
        Report.objects.filter(indicator=budget, year=2021).delete()
        draft = services.report_save(
            user=responsable,
            indicator=budget,
            year=2021,
            corte=Corte.MARZO,
            data=services.ReportInput(executed=Decimal(40), delays="Causa del retraso"),
            version=None,
        )
        return services.report_send(user=responsable, report=draft, version=1)

    def post(browser: str, url: str, data: dict | None = None):
        return lambda: browsers[browser].post(url, data or {}).status_code

    statuses, not_serial = [], []
    for number in range(rounds):
        report = sent()
        approve = reverse("objectives:report_review", args=[report.pk])
        data = {"version": report.version, "aprobar": "1"}
        outcomes = together(post("planeacion", approve, data), post("admin", approve, data))
        codes = sorted(o.value if o.done else repr(o.crash) for o in outcomes)
        statuses.append(codes)
        if codes != [302, 409] or Report.objects.get(pk=report.pk).status != ReportStatus.APROBADO:
            not_serial.append(f"double approve, round {number}: {codes}")
        report = sent()
        approve = reverse("objectives:report_review", args=[report.pk])
        data = {"version": report.version, "aprobar": "1"}
        close = reverse("objectives:vigencia_close", args=[plan.pk, 2021])
        outcomes = together(post("planeacion", approve, data), post("admin", close))
        statuses.append(sorted(o.value if o.done else repr(o.crash) for o in outcomes))
        closure = Closure.objects.filter(plan=plan, year=2021).first()
        if closure is None or closure.snapshot != compliance_snapshot(plan, 2021):
            status = Report.objects.get(pk=report.pk).status
            not_serial.append(f"approve ∥ close, round {number}: {status}")
    return {"statuses": statuses, "not_serial": not_serial}


if __name__ == "__main__":
    main(int(sys.argv[1]))
