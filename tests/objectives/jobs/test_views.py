import pytest
from django.urls import reverse

from objectives.choices import JobKind, JobStatus
from objectives.jobs.models import Job

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner(make_user):
    return make_user("Planeación")


def make_job(user, **values):
    defaults = {"kind": JobKind.EXPORTACION, "title": "Exportar los indicadores de 2020 (CSV)"}
    return Job.objects.create(user=user, **(defaults | values))


def test_only_the_person_who_asked_or_an_administrator_sees_a_job(client, owner, make_user):
    job = make_job(owner)
    url = reverse("objectives:job", args=[job.pk])
    client.force_login(make_user("Planeación"))
    assert client.get(url).status_code == 404
    client.force_login(make_user("Administrador"))
    assert client.get(url).status_code == 200
    client.force_login(owner)
    assert client.get(url).status_code == 200


def test_a_finished_export_offers_its_file_to_its_person(client, owner, make_user):
    job = make_job(
        owner,
        status=JobStatus.TERMINADO,
        file=b"codigo;nombre\n",
        filename="indicadores-2020.csv",
        result={"messages": [[25, "El archivo está listo."]], "next": ""},
    )
    client.force_login(owner)
    html = client.get(reverse("objectives:job", args=[job.pk])).content.decode()
    assert "El archivo está listo." in html and "Descargar indicadores-2020.csv" in html
    download = client.get(reverse("objectives:job_download", args=[job.pk]))
    assert download["Content-Disposition"] == 'attachment; filename="indicadores-2020.csv"'
    assert b"".join(download.streaming_content) == b"codigo;nombre\n"
    client.force_login(make_user("Directivo"))
    assert client.get(reverse("objectives:job_download", args=[job.pk])).status_code == 404


def test_the_list_shows_the_persons_recent_jobs_only(client, owner, make_user):
    mine = make_job(owner, status=JobStatus.FALLIDO, error="No se escribió nada.")
    make_job(make_user("Administrador"), title="Cerrar la vigencia 2020")
    client.force_login(owner)
    response = client.get(reverse("objectives:jobs"))
    assert list(response.context["jobs"]) == [mine]
    assert "Falló" in response.content.decode()
