import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "name",
    ["objectives:my_work", "objectives:pending", "objectives:dashboard", "objectives:indicators"],
)
def test_anonymous_visitors_go_to_login(client, seed_plan, name):
    response = client.get(reverse(name))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))
