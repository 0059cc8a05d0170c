"""Evidence files: the kinds a report may carry, told by what the file holds, never by its name.

The ``filetype`` library reads the first bytes (the "magic numbers") and tells a PDF from an
.exe renamed .pdf; it also tells the Office Open XML and OpenDocument formats apart, which are
all zip files. A file is accepted when its content is one of KINDS and its name's extension
agrees with that content, and it is served later with the content type its bytes show.
"""

from dataclasses import dataclass
from typing import IO

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from indicators.formatting import file_size

UNKNOWN_TYPE = "application/octet-stream"


@dataclass(frozen=True)
class Kind:
    label: str
    extensions: tuple[str, ...]


# filetype's name for a content → how a person calls it and the file names it may have.
KINDS = {
    "pdf": Kind("PDF", (".pdf",)),
    "png": Kind("PNG", (".png",)),
    "jpg": Kind("JPG", (".jpg", ".jpeg")),
    "docx": Kind("Word", (".docx",)),
    "doc": Kind("Word 97-2003", (".doc",)),
    "xlsx": Kind("Excel", (".xlsx",)),
    "xls": Kind("Excel 97-2003", (".xls",)),
    "pptx": Kind("PowerPoint", (".pptx",)),
    "odt": Kind("OpenDocument texto", (".odt",)),
    "ods": Kind("OpenDocument hoja de cálculo", (".ods",)),
}
ACCEPTED = gettext_lazy(
    "use PDF, imágenes (PNG, JPG) o documentos de oficina (Word, Excel, PowerPoint, OpenDocument)"
)


def detected(content: IO[bytes]) -> tuple[str, str] | None:
    """(kind, content type) of an accepted kind of file, read from its first bytes; None for
    anything else. The file's position is kept."""
    guess = filetype.guess(content)
    if guess is None or guess.extension not in KINDS:
        return None
    return guess.extension, guess.mime


def served_type(content: IO[bytes]) -> str:
    """The content type a stored evidence file is served with: what its bytes show."""
    found = detected(content)
    return found[1] if found else UNKNOWN_TYPE


def check_upload(upload: UploadedFile) -> None:
    """Refuse a file over the size limit, of a kind not accepted, or whose name lies about
    what it holds (an .exe renamed .pdf), with a message that names it."""
    if upload.size > settings.EVIDENCE_MAX_BYTES:
        raise ValidationError(
            {
                "files": _("«%(name)s» pasa de %(limit)s.")
                % {"name": upload.name, "limit": file_size(settings.EVIDENCE_MAX_BYTES)}
            }
        )
    found = detected(upload)
    if found is None:
        raise ValidationError(
            {
                "files": _("«%(name)s» no es un tipo de evidencia admitido: %(accepted)s.")
                % {"name": upload.name, "accepted": ACCEPTED}
            }
        )
    kind = KINDS[found[0]]
    if not upload.name.lower().endswith(kind.extensions):
        raise ValidationError(
            {
                "files": _(
                    "«%(name)s» es en realidad un archivo %(kind)s: cámbiele la extensión a "
                    "%(extension)s o cargue el archivo correcto."
                )
                % {"name": upload.name, "kind": kind.label, "extension": kind.extensions[0]}
            }
        )
