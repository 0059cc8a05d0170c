import pytest
from django.contrib.auth.models import AnonymousUser

from indicators import roles

pytestmark = pytest.mark.django_db
CORP = "Subsecretaría Corporativa"


@pytest.mark.parametrize(
    ("role", "review", "admin", "report_own", "report_other"),
    [
        ("Administrador", True, True, True, True),
        ("Planeación", True, False, True, True),
        ("Responsable", False, False, True, False),
        ("Directivo", False, False, False, False),
        (None, False, False, False, False),
    ],
)
def test_what_each_role_may_do(make_user, role, review, admin, report_own, report_other):
    user = make_user(role, dependencies=[CORP])
    assert roles.can_review(user) is review
    assert roles.is_admin(user) is admin
    assert roles.can_report(user, CORP) is report_own
    assert roles.can_report(user, "Otra dependencia") is report_other


def test_a_responsable_without_a_dependency_reports_nothing(make_user):
    assert not roles.can_report(make_user("Responsable", dependencies=[CORP]), "")


def test_a_superuser_is_an_administrador(django_user_model):
    user = django_user_model.objects.create_superuser("raiz", "r@example.invalid", "x")
    assert roles.roles(user) == {roles.ADMINISTRADOR}


def test_anonymous_visitors_have_no_role_and_no_dependency():
    assert roles.roles(AnonymousUser()) == frozenset()
    assert roles.dependencies(AnonymousUser()) == frozenset()


def test_roles_and_dependencies_are_read_once_per_user(make_user, django_assert_num_queries):
    user = make_user("Responsable", dependencies=[CORP])
    with django_assert_num_queries(2):
        for _ in range(3):
            assert roles.dependencies(user) == {CORP}
            assert roles.RESPONSABLE in roles.roles(user)
