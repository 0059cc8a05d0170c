"""Reading a table's header row (docs/book-format.md, «Encabezados»): each column by its name
or a usual synonym, «Programación 2.020», a two-level header (a merged «Programación» over a
row of years), and what to say when a required column is missing: which column letter, the
header row as read and the closest known header."""

import difflib
from typing import Any

from django.utils.translation import gettext_lazy as _
from openpyxl.utils import get_column_letter

from objectives.book.columns import (
    HEADER_ROW_MARKS,
    HEADERS,
    PER_CORTE,
    SINGLE,
    YEARLY,
    Layout,
    normalize,
    year_number,
)
from objectives.book.rows import ERROR, WARNING, Problem

UNKNOWN_HEADER = _(
    "Se ignoró la columna %(letter)s «%(text)s»: no es un encabezado conocido.%(suggestion)s "
    "Sus datos no se leen."
)
YEAR_COLUMNS = _("«Programación AAAA» (al menos un año)")
MISSING_COLUMNS = _(
    "Faltan columnas obligatorias: %(columns)s. Agréguelas a la fila de encabezados. Fila de "
    "encabezados leída: %(header)s."
)

SUBHEADER_WORDS = frozenset({"total"})
MARK_LENGTH = 40  # header cells are short: longer text is never a header
# Every known header, normalised → how messages write it (for suggestions).
KNOWN = {normalize(text): text for c in SINGLE.values() for text in c.names} | {
    normalize(c.label(2020)).replace("2020", ""): c.template.replace(" {year}", "")
    for c in YEARLY.values()
}


def is_header_row(cells: list[Any]) -> bool:
    """A row with a cell saying «Nombre Indicador» (or a synonym) starts a table."""
    return any(
        isinstance(c.value, str)
        and len(c.value) < MARK_LENGTH
        and normalize(c.value) in HEADER_ROW_MARKS
        for c in cells
    )


def _year(value: Any) -> int | None:
    """A year under a two-level header: a number between 1900 and 2200, or any year's text."""
    year = year_number(value)
    if isinstance(value, int | float) and year is not None and not 1900 <= year <= 2200:
        return None
    return year


def header_texts(top: list[Any], below: list[Any] | None = None) -> list[str | None]:
    """The header of each column, as text. With ``below`` (the row of years under a two-level
    header) a group («Programación», merged or typed once over its years) and a year make one
    header: «Programación 2020»; «Total» under «Programación» makes «Programación Total»."""
    texts = [_text(cell.value) for cell in top]
    if below is None:
        return texts
    width = max(len(top), len(below))
    texts += [None] * (width - len(texts))
    group = None
    for index in range(width):
        value = below[index].value if index < len(below) else None
        if texts[index] is not None and (index == 0 or texts[index] != texts[index - 1]):
            group = texts[index]
        year, sub = _year(value), _text(value)
        if year is not None and group:
            texts[index] = f"{group} {year}"
        elif sub and normalize(sub) in SUBHEADER_WORDS and group:
            texts[index] = f"{group} {sub}"
        elif texts[index] is None and sub:
            texts[index] = sub
    return texts


def is_year_row(top: list[Any], below: list[Any]) -> bool:
    """Whether ``below`` is the second level of a two-level header: years under groups, and
    nothing else than repeats of the cells above (merged vertically) or «Total»."""
    above = [_text(cell.value) for cell in top]
    years = 0
    for index, cell in enumerate(below):
        value = cell.value
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        if _year(value) is not None:
            years += 1
            continue
        text = normalize(value)
        same = index < len(above) and above[index] is not None and normalize(above[index]) == text
        if not same and text not in SUBHEADER_WORDS:
            return False
    return years > 0


def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None


def read_layout(header_row: int, texts: list[str | None]) -> tuple[Layout, list[int]]:
    """The table's columns by key; and the indices of headers that name no known column."""
    layout = Layout(header_row)
    unknown = []
    last = max((i for i, text in enumerate(texts) if text), default=-1)
    for index, text in enumerate(texts[: last + 1]):
        if text is None:
            layout.blank[index] = get_column_letter(index + 1)
            continue
        key = normalize(text)
        if key in HEADERS:
            layout.columns.setdefault(HEADERS[key], index)
            continue
        for kind, column in YEARLY.items():
            if (year := column.year(key)) is not None:
                layout.years[kind].setdefault(year, index)
                break
        else:
            for kind, corte_column in PER_CORTE.items():
                if (found := corte_column.corte(key)) is not None:
                    layout.cortes[kind].setdefault(found, index)
                    break
            else:
                unknown.append(index)
    for kind, columns in layout.years.items():  # by year, whatever the columns' order
        layout.years[kind] = dict(sorted(columns.items()))
    for kind, cortes in layout.cortes.items():
        layout.cortes[kind] = dict(sorted(cortes.items()))
    return layout, unknown


def header_problems(
    sheet: str, layout: Layout, texts: list[str | None], unknown: list[int]
) -> list[Problem]:
    """A missing required column (an error that names the likely column letter, shows the
    header row as read and suggests the closest known header) and headers that name no
    known column (a warning: their data is not read)."""
    problems = [
        Problem(
            WARNING,
            UNKNOWN_HEADER
            % {
                "letter": get_column_letter(i + 1),
                "text": texts[i],
                "suggestion": _did_you_mean(texts[i]),
            },
            sheet,
            layout.header_row,
        )
        for i in unknown
    ]
    missing = [c for c in SINGLE.values() if c.required and c.key not in layout.columns]
    parts = [f"«{c.label}»{_hint(c.names, layout, texts, unknown)}" for c in missing]
    if not layout.years["programmed"]:
        parts.append(str(YEAR_COLUMNS))
    if parts:
        problems.append(
            Problem(
                ERROR,
                MISSING_COLUMNS % {"columns": ", ".join(parts), "header": _as_read(texts)},
                sheet,
                layout.header_row,
            )
        )
    return problems


def _hint(names: tuple[str, ...], layout: Layout, texts: list, unknown: list[int]) -> str:
    """Where the missing column probably is: an unknown header close to its name, else a
    column without header."""
    wanted = {normalize(name) for name in names}
    for index in unknown:
        if difflib.get_close_matches(normalize(texts[index]), wanted, n=1, cutoff=0.75):
            return " " + _("(¿es la columna %(letter)s, «%(text)s»?)") % {
                "letter": get_column_letter(index + 1),
                "text": texts[index],
            }
    if layout.blank:
        letters = " o ".join(layout.blank.values())
        return " " + _("(¿es la columna %(letters)s, que no tiene encabezado?)") % {
            "letters": letters
        }
    return ""


def _did_you_mean(text: str) -> str:
    found = difflib.get_close_matches(normalize(text), KNOWN, n=1, cutoff=0.75)
    return " " + _("¿Quiso decir «%(header)s»?") % {"header": KNOWN[found[0]]} if found else ""


def _as_read(texts: list[str | None]) -> str:
    """The header row as read: "A «Meta» · B «Nombre Meta» · C (vacía) · …"."""
    last = max((i for i, text in enumerate(texts) if text), default=-1)
    return " · ".join(
        f"{get_column_letter(i + 1)} " + (f"«{text}»" if text else str(_("(vacía)")))
        for i, text in enumerate(texts[: last + 1])
    )
