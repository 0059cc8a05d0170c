"""Mutated follow-up books, as an attacker or a broken spreadsheet program would write them:
non-finite and huge numbers, malformed XML, missing or wrong parts, huge texts, absurd years.

Each mutation rewrites one part of a sound book (a platform sheet, one objective sheet with
three indicators, one of them without a code) inside its zip; ``books`` returns every listed
mutation and, from a fixed seed, combinations of two or three of them."""

import io
import random
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

from tests.books import indicator_row, simple_book

PLATFORM = "xl/worksheets/sheet1.xml"
OBJECTIVE = "xl/worksheets/sheet2.xml"
Parts = dict[str, bytes]
Mutation = Callable[[Parts], None]


def sound_book(folder: Path) -> Parts:
    rows = [
        indicator_row(),
        indicator_row(code="102", name="Segundo indicador", executed=7),
        indicator_row(code="", name="Indicador sin código", goal="META DE GESTIÓN"),
    ]
    path = simple_book(folder / "sano.xlsx", rows)
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    # openpyxl stamps the time it wrote the book: fixed, the same seed flips the same bytes
    parts["docProps/core.xml"] = re.sub(
        rb"\d{4}-\d\d-\d\dT[\d:]+Z", b"2020-01-01T00:00:00Z", parts["docProps/core.xml"]
    )
    return parts


def packed(parts: Parts) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():  # a fixed date: the same bytes on every run
            info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
            archive.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def _sub(part: str, pattern: str, replacement: str, count: int = 1) -> Mutation:
    def mutate(parts: Parts) -> None:
        if part in parts:
            text = parts[part].decode()
            parts[part] = re.sub(pattern, replacement, text, count=count).encode()

    return mutate


def numeric_cell(cell: str, value: str, part: str = OBJECTIVE) -> Mutation:
    """Write ``value`` as the raw XML number of a numeric cell (G5: Programación 2020)."""
    return _sub(part, rf'(<c r="{cell}"[^>]*t="n"[^>]*><v>)[^<]*(</v>)', rf"\g<1>{value}\2")


def text_cell(part: str, cell: str, text: str) -> Mutation:
    return _sub(part, rf'(<c r="{cell}" t="inlineStr"><is><t>)[^<]*(</t>)', rf"\g<1>{text}\2")


def both(*mutations: Mutation) -> Mutation:
    def mutate(parts: Parts) -> None:
        for mutation in mutations:
            mutation(parts)

    return mutate


def without(name: str) -> Mutation:
    return lambda parts: parts.pop(name, None)


def truncated(part: str, keep: float) -> Mutation:
    def mutate(parts: Parts) -> None:
        if part in parts:  # combined with a mutation that removed it
            parts[part] = parts[part][: int(len(parts[part]) * keep)]

    return mutate


def shared_string(index: str, shared: bytes | None) -> Mutation:
    """Turn D5 (an indicator's name) into a shared-string cell pointing at ``index``."""

    def mutate(parts: Parts) -> None:
        _sub(OBJECTIVE, r'<c r="D5" t="inlineStr"><is><t>[^<]*</t></is></c>', "")(parts)
        _sub(OBJECTIVE, r'(<c r="C5")', rf'<c r="D5" t="s"><v>{index}</v></c>\1')(parts)
        if shared is not None:
            parts["xl/sharedStrings.xml"] = shared

    return mutate


LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 '
    b'"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><worksheet xmlns='
    b'"http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">'
    b'<c r="A1" t="inlineStr"><is><t>&lol2;</t></is></c></row></sheetData></worksheet>'
)
SST = (
    b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" '
    b'uniqueCount="1"><si><t>Uno</t></si></sst>'
)
MUTATIONS: dict[str, Mutation] = {
    # numbers no column holds, or that are not numbers at all
    "1e309 programado": numeric_cell("G5", "1e309"),
    "-1e309 ejecutado": numeric_cell("J5", "-1e309"),
    "400 nueves": numeric_cell("G5", "9" * 400),
    "10^30": numeric_cell("H5", "1" + "0" * 30),
    "nan": numeric_cell("G5", "nan"),
    "NaN en el total": numeric_cell("I5", "NaN"),
    "inf": numeric_cell("J5", "inf"),
    "-Infinity": numeric_cell("G6", "-Infinity"),
    "texto en celda numérica": numeric_cell("G5", "abc"),
    "número vacío": numeric_cell("H5", ""),
    "coma decimal en el XML": numeric_cell("G5", "1,5"),
    "1e-400": numeric_cell("J6", "1e-400"),
    "hexadecimal": numeric_cell("G5", "0x10"),
    "texto 1e309": text_cell(OBJECTIVE, "C6", "1e309"),
    "texto 1,000.5 ": text_cell(OBJECTIVE, "C5", "1,000.5"),
    # texts far over their limits
    "título de 3 MB": text_cell(OBJECTIVE, "A2", "T" * 3_000_000),
    "nombre de 100.000": text_cell(OBJECTIVE, "D5", "N" * 100_000),
    "código de 10.000": text_cell(OBJECTIVE, "C5", "9" * 10_000),
    "entidad de 1 MB": text_cell(PLATFORM, "B1", "E" * 1_000_000),
    "misión de 1 MB": text_cell(PLATFORM, "B5", "M" * 1_000_000),
    "meta de 50.000": text_cell(OBJECTIVE, "B6", "M" * 50_000),
    # absurd vigencias
    "vigencias 1000–9999": both(
        _sub(PLATFORM, r"<v>2020</v>", "<v>1000</v>"), _sub(PLATFORM, r"<v>2024</v>", "<v>9999</v>")
    ),
    "vigencia inicial 1000": numeric_cell("B3", "1000", PLATFORM),
    "plan de 71 vigencias": _sub(PLATFORM, r"<v>2024</v>", "<v>2090</v>"),
    "vigencia 2020.5": _sub(PLATFORM, r"<v>2020</v>", "<v>2020.5</v>"),
    "columna Programación 1000": text_cell(OBJECTIVE, "G4", "Programación 1000"),
    "columna Programación 9999": text_cell(OBJECTIVE, "H4", "Programación 9999"),
    # a link's vigencias («Cuenta desde / hasta»): numbers that are no year, or no plan's
    "columna Cuenta desde": text_cell(OBJECTIVE, "J4", "Cuenta desde (vigencia)"),
    "Cuenta hasta 1e309": both(
        text_cell(OBJECTIVE, "J4", "Cuenta hasta (vigencia)"), numeric_cell("J5", "1e309")
    ),
    "Cuenta hasta 32768": both(
        text_cell(OBJECTIVE, "J4", "Cuenta hasta (vigencia)"),
        numeric_cell("J5", "32768"),
        numeric_cell("J6", "2030"),
        numeric_cell("J7", "2.02e3"),
    ),
    "Cuenta desde 2021 a 2024": both(
        text_cell(OBJECTIVE, "J4", "Cuenta desde (vigencia)"),
        numeric_cell("J5", "2022"),
        numeric_cell("J6", "2024"),
        numeric_cell("J7", "2021"),
    ),
    # parts missing or wrong
    "sin hoja de objetivo": without(OBJECTIVE),
    "sin workbook.xml": without("xl/workbook.xml"),
    "sin [Content_Types].xml": without("[Content_Types].xml"),
    "sin relaciones del libro": without("xl/_rels/workbook.xml.rels"),
    "sin estilos": without("xl/styles.xml"),
    "cadena compartida sin tabla": shared_string("7", None),
    "índice de cadena fuera de la tabla": shared_string("99", SST),
    "índice de cadena no numérico": shared_string("x", SST),
    "hoja de objetivo en blanco": lambda parts: parts.__setitem__(OBJECTIVE, b""),
    # malformed XML
    "hoja cortada a la mitad": truncated(OBJECTIVE, 0.5),
    "plataforma cortada": truncated(PLATFORM, 0.6),
    "etiquetas rotas": _sub(OBJECTIVE, r"<row r=\"5\">", '<row r="5"><<<'),
    "fila sin cerrar": _sub(OBJECTIVE, r"</row>", "", count=2),
    "carácter nulo": _sub(OBJECTIVE, r"Segundo indicador", "Segundo&#0;indicador"),
    "entidades en cadena": lambda parts: parts.__setitem__(OBJECTIVE, LAUGHS),
    "workbook.xml cortado": truncated("xl/workbook.xml", 0.5),
    "fila con número absurdo": _sub(OBJECTIVE, r'<row r="5"', '<row r="99999999999999999999"'),
    "celda con referencia absurda": _sub(OBJECTIVE, r'<c r="G5"', '<c r="ZZZZZZ9999999"'),
    "celda en la última columna": _sub(OBJECTIVE, r"</row>", '<c r="XFD1"><v>1</v></c></row>', 0),
    "celda en la fila 1.048.576": _sub(
        OBJECTIVE,
        r"</sheetData>",
        '<row r="1048576"><c r="A1048576"><v>1</v></c></row></sheetData>',
    ),
}


def books(folder: Path, combinations: int = 40, seed: int = 12) -> list[tuple[str, bytes]]:
    """(name, bytes of an .xlsx) for every mutation, then for ``combinations`` random pairs
    and triples of them, then twenty with random bytes flipped in the zip itself."""
    sound = sound_book(folder)
    chosen = [[name] for name in MUTATIONS]
    generator = random.Random(seed)
    names = sorted(MUTATIONS)
    chosen += [generator.sample(names, generator.choice([2, 3])) for _ in range(combinations)]
    found = []
    for names_ in chosen:
        parts = dict(sound)
        for name in names_:
            MUTATIONS[name](parts)
        found.append((" + ".join(names_), packed(parts)))
    whole = packed(sound)
    for number in range(20):
        flipped = bytearray(whole)
        for _ in range(generator.choice([1, 4, 16])):
            flipped[generator.randrange(len(flipped))] = generator.randrange(256)
        found.append((f"bytes cambiados al azar {number}", bytes(flipped)))
    found.append(("zip cortado", whole[: len(whole) // 2]))
    return found
