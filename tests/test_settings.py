import pytest
from django.core.exceptions import ImproperlyConfigured

from pep.settings import env_bool, env_list


@pytest.mark.parametrize(
    ("raw", "expected"), [("true", True), ("1", True), ("Off", False), ("no", False), ("", True)]
)
def test_env_bool_reads_common_spellings(monkeypatch, raw, expected):
    monkeypatch.setenv("FLAG", raw)
    assert env_bool("FLAG", True) is expected


def test_env_bool_rejects_malformed_values(monkeypatch):
    monkeypatch.setenv("FLAG", "quizás")
    with pytest.raises(ImproperlyConfigured, match="FLAG must be true or false"):
        env_bool("FLAG", False)


def test_env_list_splits_on_commas(monkeypatch):
    monkeypatch.setenv("HOSTS", " pep.local, 10.0.0.1 ,")
    assert env_list("HOSTS", []) == ["pep.local", "10.0.0.1"]
    monkeypatch.delenv("HOSTS")
    assert env_list("HOSTS", ["x"]) == ["x"]


def test_locale_and_number_format(settings):
    assert settings.LANGUAGE_CODE == "es-co"
    assert settings.TIME_ZONE == "America/Bogota"
    assert settings.USE_THOUSAND_SEPARATOR is False  # years stay 2020, not 2.020
