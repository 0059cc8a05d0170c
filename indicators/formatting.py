"""The one place where values become text and text becomes numbers, in Colombian style.

Decimal comma and thousands point: 49,02 %; 2.000.000; 13.200.000,00. N/A stays "N/A"; a blank
value reads "—". Rounding is half-up (0,005 → 0,01), as a planning office rounds by hand.
Numbers, percentages, magnitudes, file sizes and the values of a change (history, import
preview, conflict page) all go through here; templates reach it through the ``pep`` filters.
"""

import math
import re
from collections.abc import Mapping
from datetime import date
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django.utils import translation
from django.utils.dates import MONTHS, MONTHS_3
from django.utils.translation import gettext as _

NA = "N/A"
BLANK = "—"
# How people write "not applicable" in a book or a form, compared without case or spaces.
NA_TEXTS = frozenset({"n/a", "na", "n.a.", "noaplica", "noprogramado", "-", "—"})
KIB = 1024
MIB = 1024 * KIB


def round_half_up(value: Decimal, places: int = 2) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def number(value: Decimal | int | None, places: int | None = None) -> str:
    """2000000 → "2.000.000"; 13200000 with places=2 → "13.200.000,00"; None → "N/A".

    Without ``places`` the value keeps its own decimals, trailing zeros dropped.
    """
    if value is None:
        return NA
    value = Decimal(value)
    if places is not None:
        value = round_half_up(value, places)
    elif value == value.to_integral_value():
        value = value.quantize(Decimal(1))
    else:
        value = value.normalize()
    sign = "-" if value < 0 else ""
    digits = f"{abs(value):f}"
    whole, _, fraction = digits.partition(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    return f"{sign}{grouped},{fraction}" if fraction else f"{sign}{grouped}"


def plain_number(value: Decimal | int | None, places: int | None = None) -> str:
    """A number for a CSV file in the Colombian spreadsheet convention: decimal comma, no
    thousands separator (2000000; 162,65); "" when blank."""
    if value is None:
        return ""
    return number(value, places).replace(".", "")


def percent(points: Decimal | None, places: int = 2) -> str:
    """A percentage given in percentage points: 49.0188 → "49,02 %"; None → "N/A"."""
    if points is None:
        return NA
    return f"{number(points, places)} %"


def ratio_percent(ratio: Decimal | None, places: int = 2) -> str:
    """A ratio shown as a percentage: 0.474 → "47,40 %"; None → "N/A"."""
    return percent(None if ratio is None else ratio * 100, places)


class NumberError(ValueError):
    """A value that is not an acceptable number; its message says why and how to write it."""


# How a number may be written: Colombian (thousands point, decimal comma) or plain (decimal
# point, no thousands). "2.000" is Colombian: two thousand.
_COLOMBIAN = re.compile(r"\d{1,3}(\.\d{3})+(,\d+)?|\d+(,\d+)?")
_PLAIN = re.compile(r"(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
_NON_FINITE = frozenset({"nan", "inf", "infinity", "snan"})
MAX_NUMBER_TEXT = 60  # characters: 14 whole digits with their points, 6 decimals and a sign


def _shown(text: str) -> str:
    """The typed text, cut short, to quote in a message."""
    return text if len(text) <= 30 else f"{text[:30]}…"


def _range_text(bounds: tuple[Decimal, Decimal] | None) -> str:
    if bounds is None:
        return ""
    return _(" Escriba un valor entre %(low)s y %(high)s.") % {
        "low": number(bounds[0]),
        "high": number(bounds[1]),
    }


def _from_text(text: str, bounds) -> tuple[Decimal | None, bool]:
    cleaned = text.strip().replace("\u00a0", "").replace(" ", "")
    is_percent = cleaned.endswith("%")
    cleaned = cleaned.rstrip("%")
    if not cleaned:
        return None, False
    sign, digits = ("-", cleaned[1:]) if cleaned[:1] in "+-" else ("", cleaned)
    if digits.casefold() in _NON_FINITE:
        raise NumberError(
            _("«%(text)s» no es un número finito.") % {"text": _shown(text)} + _range_text(bounds)
        )
    if len(digits) > MAX_NUMBER_TEXT and digits.isdigit():
        raise NumberError(
            _("«%(text)s» es demasiado grande.") % {"text": _shown(text)} + _range_text(bounds)
        )
    if _COLOMBIAN.fullmatch(digits):
        digits = digits.replace(".", "").replace(",", ".")
    elif not _PLAIN.fullmatch(digits):
        if "," in digits and ("." in digits or digits.count(",") > 1):
            raise NumberError(
                _(
                    "«%(text)s» es ambiguo: escriba los miles con punto y los decimales con coma "
                    "(1.000,5), o solo los decimales con punto (1000.5)."
                )
                % {"text": _shown(text)}
            )
        raise NumberError(
            _("«%(text)s» no es un número. Escriba por ejemplo 2.000.000, 1.234,5 o 89,35 %%.")
            % {"text": _shown(text)}
        )
    try:
        return Decimal(sign + digits), is_percent
    except (InvalidOperation, ValueError):  # an exponent no Decimal holds
        raise NumberError(
            _("«%(text)s» está fuera del rango permitido.") % {"text": _shown(text)}
            + _range_text(bounds)
        ) from None


def parse_number(
    raw: str | int | float | Decimal,
    bounds: tuple[Decimal, Decimal] | None = None,
    scale: int = 1,
) -> tuple[Decimal | None, bool]:
    """The one reader of numbers from a book cell or a form: returns (value, written_as_percent).

    "2.000.000" → 2000000; "13.200.000,00" → 13200000.00; "89,35%" → (89.35, True);
    "1234.5" → 1234.5; "N/A" or "" → (None, False). A percentage stays in percentage points.
    A cell's number comes as it is; ``scale`` multiplies it (100 for a cell formatted as a
    percentage). Raises NumberError, with a message that says how to fix it, for text that
    is not a number, an ambiguous one ("1,000.5"), a non-finite one ("nan", 1e309 in a cell)
    and, with ``bounds`` (low, high, both allowed), one out of range — all before the value
    is ever formatted, since formatting a number of 29 digits fails.
    """
    if isinstance(raw, str):
        if is_na(raw):
            return None, False
        value, is_percent = _from_text(raw, bounds)
        if value is None:
            return None, False
    else:
        if isinstance(raw, float) and not math.isfinite(raw):
            raise NumberError(_("La celda no tiene un número finito.") + _range_text(bounds))
        value = Decimal(repr(raw)) if isinstance(raw, float) else Decimal(raw)
        is_percent = False
    if not value.is_finite():
        raise NumberError(_("La celda no tiene un número finito.") + _range_text(bounds))
    value *= scale
    if bounds is not None and not bounds[0] <= value <= bounds[1]:
        if bounds[0] == 0 and -bounds[1] <= value < 0:
            raise NumberError(
                _("El valor no puede ser negativo (%(value)s).") % {"value": number(value)}
            )
        shown = _shown(raw.strip() if isinstance(raw, str) else str(raw))  # only when said
        raise NumberError(
            _("«%(text)s» está fuera del rango permitido.") % {"text": shown} + _range_text(bounds)
        )
    return value, is_percent


def too_long(length: int, limit: int) -> str:
    """The message for a text over its limit: "El texto tiene 2.500 caracteres y el máximo
    es 2.000: acórtelo." """
    return _("El texto tiene %(length)s caracteres y el máximo es %(limit)s: acórtelo.") % {
        "length": number(length),
        "limit": number(limit),
    }


def is_na(text: str) -> bool:
    """Whether the text says "not applicable": "N/A", "n.a.", "No aplica", "—"…"""
    return "".join(text.split()).casefold() in NA_TEXTS


def magnitude(value: Decimal | None, unit: str) -> str:
    """A programmed or executed magnitude in its unit: 2,37 % for percentages, 3.253.000 else."""
    if value is None:
        return BLANK
    return percent(value) if unit == "porcentaje" else number(value)


def executed_text(value: Decimal | None, unit: str) -> str:
    """An executed magnitude at a corte; «sin reporte» when nothing was reported."""
    return "sin reporte" if value is None else magnitude(value, unit)


def code_text(code: str) -> str:
    """An indicator's code, or "sin código": "N/A" only ever means "no programado"."""
    return code or _("sin código")


def short_text(text: str, limit: int = 40) -> str:
    """A long statement cut at a word boundary, never mid-word: "Fortalecer la prestación del
    servicio…". Text within ``limit`` stays whole."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit + 1].rsplit(" ", 1)[0].rstrip(" ,.;:")
    return f"{cut}…"


def compact_number(value: Decimal | float | int) -> str:
    """A chart's axis tick as a person says it: 2000000 → "2 millones", 1500000 →
    "1,5 millones", 1000000 → "1 millón", 250000 → "250.000"."""
    value = Decimal(str(value))
    if abs(value) < 1_000_000:
        return number(round_half_up(value, 2))
    millions = round_half_up(value / 1_000_000, 1)
    if abs(millions) == 1:
        return _("%(number)s millón") % {"number": number(millions)}
    return _("%(number)s millones") % {"number": number(millions)}


def file_size(size: int) -> str:
    """Bytes as a person reads them: 5242880 → "5 MB"; 1536 → "1,5 KB".

    Rounded up, so a file just over the limit never reads as the limit itself."""
    for unit, factor in (("MB", MIB), ("KB", KIB)):
        if size >= factor:
            shown = (Decimal(size) / factor).quantize(Decimal("0.1"), rounding=ROUND_CEILING)
            return f"{number(shown)} {unit}"
    return f"{size} bytes"


def value_text(value: Any, choices: Mapping[Any, Any] | None = None) -> str:
    """A stored or typed value as a person reads it, in a list of changes: Colombian numbers,
    a choice's label (``choices`` maps value → label), sí/no, lists joined; "—" when blank."""
    if value is None or value == "" or value == [] or value == {}:
        return BLANK
    if choices and value in choices:
        return str(choices[value])
    if isinstance(value, bool):
        return _("sí") if value else _("no")
    if isinstance(value, Decimal):
        return number(value)
    if isinstance(value, list):
        return ", ".join(map(str, value))
    if isinstance(value, dict):  # magnitudes by vigencia: {"2021": "100"}
        return " · ".join(f"{key}: {number(Decimal(str(v)))}" for key, v in sorted(value.items()))
    return str(value)


def long_date(day: date | None) -> str:
    """A date as a letter writes it: 16 de enero de 2025; None → "—"."""
    if day is None:
        return BLANK
    # Spanish writes the month in lower case; the English translation capitalizes it.
    month = str(MONTHS[day.month])
    return _("%(day)s de %(month)s de %(year)s") % {
        "day": day.day,
        "month": month if (translation.get_language() or "es").startswith("en") else month.lower(),
        "year": day.year,
    }


def act_text(kind: str, number: str, day: date | None) -> str:
    """The act that adopts a reprogramming: «Resolución 045 del 15 de marzo de 2021»."""
    if not kind:
        return ""
    dated = _(" del %(date)s") % {"date": long_date(day)} if day else ""
    return f"{kind} {number}".strip() + dated


def short_date(day: date | None) -> str:
    """A date in a table: 16 ene 2025."""
    if day is None:
        return BLANK
    return f"{day.day} {MONTHS_3[day.month]} {day.year}"


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_text(text: str) -> str:
    """Text bound for a spreadsheet cell: one that a spreadsheet would run as a formula
    (starting with =, +, -, @) gets a leading apostrophe, so it stays text."""
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def from_spreadsheet_text(text: str) -> str:
    """The inverse of spreadsheet_text, for books PEP exported itself."""
    return text[1:] if text.startswith("'") and text[1:].startswith(FORMULA_STARTS) else text


def machine_number(value: Decimal | float | int | None, places: int | None = None) -> str:
    """A number for machines (open data): dot decimals, no thousands separator, "" for none.

    49.0188 with places=2 → "49.02"; Decimal("2000000.000000") → "2000000".
    """
    if value is None:
        return ""
    value = Decimal(str(value))
    if places is not None:
        return f"{round_half_up(value, places):f}"
    if value == value.to_integral_value():
        return f"{value.quantize(Decimal(1)):f}"
    return f"{value.normalize():f}"
