import pytest
from rest_framework.test import APIClient

from tests.factories import make_plan
from tests.objectives.transparency.conftest import public_plan, public_seed, staff  # noqa: F401


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def role_api(make_user):
    """role_api("Directivo"): an API client logged in with a session as a person in a role."""

    def make(role: str) -> APIClient:
        client = APIClient()
        client.force_login(make_user(role))
        return client

    return make


@pytest.fixture
def private_plan(db):
    """A plan that is not on the portal."""
    return make_plan(objectives=1, indicators=2, name="Plan interno")
