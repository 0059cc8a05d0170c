"""Nothing unpublished reaches the public: distinctive values are put into a draft, a sent
report, a returned one, an approved report of a corte never published, a corte published and
withdrawn, a draft of 2024 and private evidence, and every public page, open-data file and API
response is searched for them, anonymously and for every role."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from rest_framework.authtoken.models import Token

from indicators.choices import Corte
from indicators.models import Evidence, Indicator, Report
from objectives.reporting import services as workflow
from objectives.transparency import services
from tests.factories import second_reviewer
from tests.objectives.transparency.conftest import public_plan, staff  # noqa: F401

pytestmark = pytest.mark.django_db
ROLES = ["Administrador", "Planeación", "Responsable", "Directivo"]
# executed (of 10 programmed) → progress 61,33 % etc.; each also weighs 33,3333 in its objective
SENTINELS = {
    "draft": (2021, Corte.MARZO, "6.133"),
    "sent": (2021, Corte.MARZO, "4.279"),
    "returned": (2021, Corte.MARZO, "3.186"),
    "unpublished_corte": (2021, Corte.JUNIO, "8.941"),
    "withdrawn_corte": (2021, Corte.SEPTIEMBRE, "7.357"),
    "draft_2024": (2024, Corte.MARZO, "5.817"),
}


def forbidden_texts(executed: str) -> list[str]:
    progress = float(executed) * 10
    contribution = round(float("33.3333") * progress / 100 + 1e-9, 2)
    texts = [executed, executed.replace(".", ",")]
    for value in (progress, contribution):
        texts += [f"{value:.2f}", f"{value:.2f}".replace(".", ",")]
    return texts


def _save(user, indicator, year, corte, executed, name):
    return workflow.report_save(
        user=user,
        indicator=indicator,
        year=year,
        corte=corte,
        data=workflow.ReportInput(
            executed=Decimal(executed),
            achievements=f"CENTINELA-LOGRO-{name}",
            delays="Causa del retraso",
        ),
        version=None,
        files=[SimpleUploadedFile(f"centinela-{name}.pdf", b"%PDF-1.4 centinela")],
    )


def _send(user, report):
    return workflow.report_send(user=user, report=report, version=report.version)


def _approve(user, report):
    return workflow.report_approve(
        user=second_reviewer(), report=_send(user, report), version=report.version + 1
    )


@pytest.fixture
def world(public_plan, staff, settings, tmp_path):  # noqa: F811
    settings.MEDIA_ROOT = tmp_path
    plan = public_plan(objectives=2, indicators=3)
    user = staff["planeacion"]
    links = list(Indicator.objects.filter(weights__objective__plan=plan).order_by("id"))
    published = Report.objects.get(indicator=links[0], year=2021, corte=Corte.MARZO)
    Evidence.objects.create(
        report=published, link="https://x.gov.co/centinela-privada", name="centinela-privada",
        uploaded_by=user,
    )  # fmt: skip
    Evidence.objects.create(
        report=published, link="https://x.gov.co/acta", name="acta-publica", is_public=True,
        uploaded_by=user,
    )  # fmt: skip
    reports = {}
    for (name, (year, corte, executed)), indicator in zip(
        SENTINELS.items(), [links[1], links[2], links[3], links[4], links[5], links[0]], strict=True
    ):
        reports[name] = _save(user, indicator, year, corte, executed, name)
    _send(user, reports["sent"])
    sent = _send(user, reports["returned"])
    workflow.report_return(
        user=second_reviewer(), report=sent, version=sent.version, note="CENTINELA-NOTA"
    )
    _approve(user, reports["unpublished_corte"])
    _approve(user, reports["withdrawn_corte"])
    withdrawn = services.corte_publish(user=user, plan=plan, year=2021, corte=Corte.SEPTIEMBRE)
    services.corte_unpublish(user=user, publication=withdrawn, reason="CENTINELA-MOTIVO")
    Evidence.objects.update(is_public=True)
    Evidence.objects.filter(name="centinela-privada").update(is_public=False)
    return plan


def public_urls(plan) -> list[str]:
    pk = plan.pk
    urls = [reverse("transparency:index")]
    pages = [reverse("transparency:plan", args=[pk])]
    pages += [reverse("transparency:objective", args=[pk, n]) for n in (1, 2)]
    for base in pages:
        for query in ("", "?vigencia=2020", "?vigencia=2021&corte=3", "?vigencia=2021&corte=6",
                      "?vigencia=2021&corte=9", "?vigencia=2024&corte=3"):  # fmt: skip
            urls.append(base + query)
    urls += [reverse("transparency:indicators", args=[pk]), reverse("transparency:data", args=[pk])]
    for fmt in ("csv", "json"):
        urls.append(reverse("transparency:data_programming", args=[pk, fmt]))
        for year in plan.years:
            urls.append(reverse("transparency:data_compliance", args=[pk, year, fmt]))
            urls.append(reverse("transparency:data_indicators", args=[pk, year, fmt]))
    urls += [reverse("transparency:evidence", args=[e.pk]) for e in Evidence.objects.all()]
    urls += ["/api/v1/", "/api/v1/plans/", f"/api/v1/plans/{pk}/", "/api/v1/objectives/",
             "/api/v1/indicators/?page_size=500", "/api/v1/programming/?page_size=500",
             "/api/v1/figures/", "/api/v1/figures/?year=2021", "/api/v1/figures/?corte=9",
             "/api/schema/", "/api/docs/"]  # fmt: skip
    return urls


def body(response) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode("latin-1")
    return response.content.decode()


def clients(make_user) -> dict[str, Client]:
    found = {"anónimo": Client()}
    for role in ROLES:
        found[role] = Client()
        found[role].force_login(make_user(role))
    token = Client(
        HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=make_user('Directivo')).key}"
    )
    found["token de Directivo"] = token
    return found


def test_no_unpublished_value_reaches_any_public_page_file_or_api_response(world, make_user):
    forbidden = {name: forbidden_texts(v[2]) for name, v in SENTINELS.items()}
    words = ["CENTINELA", "centinela"]
    seen_published = False
    for who, client in clients(make_user).items():
        for url in public_urls(world):
            response = client.get(url)
            assert response.status_code in (200, 404), (who, url, response.status_code)
            text = body(response)
            for name, texts in forbidden.items():
                for value in texts:
                    assert value not in text, (who, url, name, value)
            for word in words:
                assert word not in text, (who, url, word)
            seen_published |= "13,33 %" in text and "acta-publica" in text
    assert seen_published  # the published March figure and public evidence do show


def test_the_search_would_find_a_leak(world, make_user):
    """The live figures (staff only) count the approved June report: the same search finds it
    there, so the test above can fail."""
    client = Client()
    client.force_login(make_user("Directivo"))
    live = client.get(f"/api/v1/live-figures/?plan={world.pk}&year=2021").content.decode()
    assert any(text in live for text in forbidden_texts(SENTINELS["unpublished_corte"][2]))
    for name in ("draft", "sent", "returned"):
        assert not any(text in live for text in forbidden_texts(SENTINELS[name][2])), name
