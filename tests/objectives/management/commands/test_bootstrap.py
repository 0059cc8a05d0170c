import datetime
import re
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from indicators import roles
from objectives.models import Plan

pytestmark = pytest.mark.django_db


def test_on_a_new_database_it_loads_the_book_and_prints_one_account_per_role_once(settings):
    settings.DEBUG = True
    first, second = StringIO(), StringIO()
    call_command("bootstrap", stdout=first)
    call_command("bootstrap", stdout=second)
    assert Plan.objects.get().objectives.count() == 8
    printed = dict(re.findall(r"usuario: (\S+)\s+clave: (\S+)", first.getvalue()))
    assert sorted(printed) == ["admin", "directivo", "planeacion", "responsable"]
    users = get_user_model().objects
    for username, password in printed.items():
        assert users.get(username=username).check_password(password)
    assert roles.is_admin(users.get(username="admin"))
    assert roles.can_report(users.get(username="responsable"), "Subsecretaría Corporativa")
    assert not roles.can_review(users.get(username="directivo"))
    assert "clave" not in second.getvalue()


def test_it_never_creates_accounts_outside_development(settings):
    settings.DEBUG = False
    with pytest.raises(SystemExit):
        call_command("bootstrap", stdout=StringIO(), stderr=StringIO())
    assert get_user_model().objects.count() == 0
    assert Plan.objects.count() == 0


def test_it_ends_with_one_line_per_kind_of_warning_and_a_pointer_to_calidad(settings):
    settings.DEBUG = True
    out = StringIO()
    call_command("bootstrap", stdout=out)
    tail = out.getvalue().split("El libro trae 21 advertencias, esperadas")[1].splitlines()
    assert "16 × Sin anualización: se deduce" in tail[1]
    assert len(tail) == 1 + 5 + 1  # the sentence, five kinds, the pointer
    assert tail[-1] == "Véalas, cada una con su indicador, en http://127.0.0.1:8000/calidad/"


def test_demo_passwords_gives_the_demo_accounts_new_passwords(settings):
    settings.DEBUG = True
    call_command("bootstrap", stdout=StringIO())
    out = StringIO()
    call_command("demo_passwords", stdout=out)
    printed = dict(re.findall(r"usuario: (\S+)\s+clave: (\S+)", out.getvalue()))
    assert sorted(printed) == ["admin", "directivo", "planeacion", "responsable"]
    users = get_user_model().objects
    assert all(users.get(username=u).check_password(p) for u, p in printed.items())


def test_demo_passwords_is_for_development_only(settings):
    settings.DEBUG = False
    with pytest.raises(SystemExit):
        call_command("demo_passwords", stdout=StringIO(), stderr=StringIO())


def test_the_seed_plan_starts_when_the_document_says_so_june_2020(settings):
    """DOMAIN.md: the 2020–2024 plan started mid-2020 (June): the book's «Inicio del plan»."""
    settings.DEBUG = True
    call_command("bootstrap", stdout=StringIO())
    plan = Plan.objects.get()
    assert plan.starts_on == datetime.date(2020, 6, 1)
    assert plan.start == (2020, 6)
