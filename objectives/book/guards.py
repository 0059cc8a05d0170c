"""Bounds that keep a hostile or runaway file from taking the server's memory and time, checked
before the workbook is opened: a book's parts may unpack to MAX_UNPACKED bytes in all, and a
sheet may declare MAX_ROWS rows. A sheet's declaration can lie, so the reader stops again at
MAX_ROWS rows and reads no more than MAX_COLUMNS columns (``SheetTooLarge``)."""

import re
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import IO

from django.utils.translation import gettext_lazy as _

from indicators.formatting import number

NOT_A_WORKBOOK = _(
    "El archivo no es un libro de Excel (.xlsx) válido. Guárdelo como «Libro de Excel (.xlsx)» "
    "y vuelva a cargarlo."
)
MAX_UNPACKED = 25 * 1024 * 1024
MAX_ROWS = 20_000
MAX_COLUMNS = 300  # a plan of ten vigencias has 44
TOO_BIG = _(
    "El libro descomprimido ocupa {size} MB y el máximo es {limit} MB: quite hojas o filas que "
    "no sean del plan y vuelva a cargarlo."
)
TOO_MANY_ROWS = _(
    "La hoja número {sheet} del libro tiene {rows} filas y el máximo es {limit}: borre las "
    "filas vacías o sobrantes al final de la hoja."
)
DIMENSION = re.compile(rb"<(?:\w+:)?dimension\s+ref=\"[A-Z]+\d+(?::[A-Z]+(\d+))?\"")


def archive_refusal(source: str | Path | IO[bytes]) -> str | None:
    """Why the file must not be opened (not a zip, unpacks too big, too many rows), or None.

    Reads only the zip's directory and the first bytes of each sheet, so it costs nothing.
    """
    position = source.tell() if hasattr(source, "tell") else None
    try:
        with zipfile.ZipFile(source) as archive:
            members = archive.infolist()
            unpacked = sum(member.file_size for member in members)
            if unpacked > MAX_UNPACKED:
                return TOO_BIG.format(
                    size=number(Decimal(unpacked) / 2**20, 0), limit=MAX_UNPACKED // 2**20
                )
            for member in members:
                if member.filename.startswith("xl/worksheets/") and member.filename.endswith(
                    ".xml"
                ):
                    with archive.open(member) as part:
                        match = DIMENSION.search(part.read(4096))
                    rows = int(match.group(1) or 1) if match else 0
                    if rows > MAX_ROWS:
                        return TOO_MANY_ROWS.format(
                            sheet=re.sub(r"\D", "", member.filename.rsplit("/", 1)[-1]),
                            rows=number(rows),
                            limit=number(MAX_ROWS),
                        )
    except Exception:  # zipfile raises many kinds for a damaged or unusual archive
        return NOT_A_WORKBOOK
    finally:
        if position is not None:
            source.seek(position)
    return None


class SheetTooLarge(Exception):
    """A sheet has more rows than MAX_ROWS, whatever its XML declared."""

    def __init__(self) -> None:
        super().__init__(
            _(
                "La hoja pasa de %(limit)s filas: borre las filas vacías o sobrantes al final de "
                "la hoja (una celda escrita muy abajo también cuenta) y vuelva a cargarla."
            )
            % {"limit": number(MAX_ROWS)}
        )
