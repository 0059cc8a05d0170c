"""get_or_build: one build per key, and a request that finds another one building waits for
its value rather than computing the same page again."""

import threading

from django.core.cache import cache

from objectives.dashboard import cache as pages


def test_it_builds_once_then_answers_from_the_cache():
    built = []
    build = lambda: built.append(1) or "página"  # noqa: E731
    assert pages.get_or_build("pep:prueba", build) == "página"
    assert pages.get_or_build("pep:prueba", build) == "página"
    assert built == [1]
    assert cache.get("pep:prueba:building") is None  # the lock is released


def test_a_request_waits_for_the_one_building_the_same_key():
    cache.add("pep:prueba:building", 1, 30)  # another request is building it
    threading.Timer(0.05, lambda: cache.set("pep:prueba", "la del otro")).start()

    def build():
        raise AssertionError("built twice")

    assert pages.get_or_build("pep:prueba", build) == "la del otro"


def test_it_builds_itself_when_the_other_never_finishes(monkeypatch):
    monkeypatch.setattr(pages, "WAIT_SECONDS", 0.05)
    cache.add("pep:prueba:building", 1, 30)
    assert pages.get_or_build("pep:prueba", lambda: "propia") == "propia"
