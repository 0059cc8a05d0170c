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


def test_a_chart_is_drawn_once_for_the_same_figures():
    from objectives.dashboard import charts
    from objectives.dashboard.views import chart

    drawn = []

    def bars(*values):
        drawn.append(values)
        return charts.compliance_bars(*values)

    figures = (["Objetivo 1"], [50.0], ["50,00 %"], ["#ffc107"], ["Uno"], ["#000"])
    first = chart(bars, "grafico-prueba", *figures)
    assert chart(bars, "grafico-prueba", *figures) == first
    assert 'id="grafico-prueba"' in first and len(drawn) == 1
    chart(bars, "grafico-prueba", ["Objetivo 1"], [75.0], *figures[2:])  # other figures
    assert len(drawn) == 2
