import pytest

QUEUED = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def queued(settings):
    """Jobs wait in the database for a worker, as in production (`make worker`)."""
    settings.TASKS = QUEUED
    return settings
