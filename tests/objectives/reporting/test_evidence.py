"""Evidence kinds told by content (the ``filetype`` library), never by the file's name."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from objectives.reporting.evidence import check_upload, served_type

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 40
JPG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 40
EXE = b"MZ\x90\x00" + b"\x00" * 200


def xlsx() -> bytes:
    buffer = io.BytesIO()
    Workbook().save(buffer)
    return buffer.getvalue()


def zipped(first: str, data: bytes = b"<x/>") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(first, data)
        archive.writestr("content.xml", b"<x/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "served"),
    [
        ("acta.pdf", PDF, "application/pdf"),
        ("foto.PNG", PNG, "image/png"),
        ("foto.jpeg", JPG, "image/jpeg"),
        (
            "avance.xlsx",
            xlsx(),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        (
            "informe.odt",
            zipped("mimetype", b"application/vnd.oasis.opendocument.text"),
            "application/vnd.oasis.opendocument.text",
        ),
    ],
)
def test_accepted_kinds_are_accepted_and_served_as_what_they_hold(name, content, served):
    upload = SimpleUploadedFile(name, content)
    check_upload(upload)
    assert served_type(upload) == served
    assert upload.read() == content  # the check left the file where it was


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("informe.pdf", EXE, "«informe.pdf» no es un tipo de evidencia admitido"),
        ("virus.exe", EXE, "«virus.exe» no es un tipo de evidencia admitido"),
        ("datos.xlsx", zipped("a.txt"), "«datos.xlsx» no es un tipo de evidencia admitido"),
        ("notas.pdf", b"solo texto", "«notas.pdf» no es un tipo de evidencia admitido"),
        ("foto.pdf", PNG, "«foto.pdf» es en realidad un archivo PNG: cámbiele la extensión a .png"),
        ("acta.docx", PDF, "«acta.docx» es en realidad un archivo PDF"),
    ],
)
def test_a_file_whose_content_is_not_an_accepted_kind_is_refused(name, content, message):
    with pytest.raises(ValidationError) as refused:
        check_upload(SimpleUploadedFile(name, content))
    assert refused.value.message_dict["files"][0].startswith(message)


def test_a_file_over_the_limit_is_refused_before_it_is_read(settings):
    settings.EVIDENCE_MAX_BYTES = 10
    with pytest.raises(ValidationError, match="pasa de 10 bytes"):
        check_upload(SimpleUploadedFile("acta.pdf", PDF))


def test_an_unknown_stored_file_is_served_as_plain_bytes():
    assert served_type(io.BytesIO(EXE)) == "application/octet-stream"
