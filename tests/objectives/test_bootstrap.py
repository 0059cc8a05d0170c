from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from objectives.models import Plan

pytestmark = pytest.mark.django_db


def test_on_a_new_database_it_loads_the_book_and_prints_credentials_once(settings):
    settings.DEBUG = True
    first, second = StringIO(), StringIO()
    call_command("bootstrap", stdout=first)
    call_command("bootstrap", stdout=second)
    assert Plan.objects.get().objectives.count() == 8
    user = get_user_model().objects.get()
    password = first.getvalue().split("clave: ")[1].split()[0]
    assert user.is_superuser and user.check_password(password)
    assert "clave" not in second.getvalue()


def test_it_never_creates_accounts_outside_development(settings):
    settings.DEBUG = False
    with pytest.raises(SystemExit):
        call_command("bootstrap", stdout=StringIO(), stderr=StringIO())
    assert get_user_model().objects.count() == 0
    assert Plan.objects.count() == 0
