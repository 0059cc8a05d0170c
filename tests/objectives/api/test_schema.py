"""The OpenAPI schema validates, the docs UI is served from installed packages, anonymous
clients are throttled, and the API root lists every resource."""

import pytest
import yaml
from django.contrib.staticfiles import finders
from django.core.management import call_command
from rest_framework.throttling import AnonRateThrottle

pytestmark = pytest.mark.django_db


def test_the_schema_validates_without_warnings(tmp_path):
    path = tmp_path / "schema.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(path))
    schema = yaml.safe_load(path.read_text())
    assert schema["openapi"].startswith("3.")
    assert {
        "/api/v1/plans/",
        "/api/v1/plans/{id}/",
        "/api/v1/objectives/",
        "/api/v1/indicators/",
        "/api/v1/programming/",
        "/api/v1/figures/",
        "/api/v1/live-figures/",
    } <= set(schema["paths"])
    parameters = {p["name"] for p in schema["paths"]["/api/v1/figures/"]["get"]["parameters"]}
    assert {"plan", "year", "corte", "kind", "page", "page_size"} <= parameters


def test_the_schema_is_served(api):
    response = api.get("/api/schema/?format=json")
    assert response.status_code == 200
    assert response.json()["info"]["title"].startswith("PEP · API de lectura")


def test_the_docs_ui_loads_only_local_files(api):
    page = api.get("/api/docs/").content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in page
    assert '<script src="/api/docs/?script="></script>' in page  # no inline script (CSP)
    assert "https://" not in page
    assert finders.find("drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js")
    script = api.get("/api/docs/?script=").content.decode()
    assert "/api/schema/" in script


def test_the_root_lists_every_resource(api):
    root = api.get("/api/v1/").json()
    assert set(root) == {"plans", "objectives", "indicators", "programming", "figures"}
    assert root["figures"] == "http://testserver/api/v1/figures/"


def test_anonymous_clients_are_throttled(api, monkeypatch, role_api):
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "3/minute"})
    assert [api.get("/api/v1/plans/").status_code for _ in range(4)] == [200, 200, 200, 429]
    assert "Solicitud fue regulada" in api.get("/api/v1/plans/").json()["detail"]
    assert role_api("Directivo").get("/api/v1/plans/").status_code == 200
