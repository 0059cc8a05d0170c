"""The house's size rules, made executable (STYLE.md, docs/architecture.md): no module of the
installed apps over 400 lines, no function over 60, no view over 30; the pure modules import
nothing from django.db but the choices' enum types (import-linter checks that they reach no
model, even indirectly)."""

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("indicators", "objectives")
MAX_MODULE, MAX_FUNCTION, MAX_VIEW = 400, 60, 30
PURE = (
    "indicators/progress.py",
    "indicators/expected.py",
    "indicators/transitions.py",
    "indicators/formatting.py",
    "indicators/limits.py",
    "indicators/checks.py",
    "indicators/cortes.py",
    "objectives/scoring.py",
    "objectives/checks.py",
    "objectives/book/columns.py",
    "objectives/book/rows.py",
    "objectives/book/guards.py",
    "objectives/book/reader.py",
    "objectives/book/sheet.py",
    "objectives/book/workbook.py",
    "objectives/book/sheet_reader.py",
    "objectives/book/layout.py",
    "objectives/book/row_reader.py",
    "objectives/book/checks.py",
    "objectives/calendar/schedule.py",
)


def modules() -> list[Path]:
    return sorted(
        path
        for package in PACKAGES
        for path in (ROOT / package).rglob("*.py")
        if "migrations" not in path.parts
    )


def functions(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            yield node, node.end_lineno - node.lineno + 1


def limit(path: Path, node: ast.FunctionDef) -> int:
    """A view (a function of a views module taking the request) has 30 lines; others 60."""
    args = node.args.args
    is_view = path.name == "views.py" and bool(args) and args[0].arg == "request"
    return MAX_VIEW if is_view else MAX_FUNCTION


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(ROOT)))
def test_each_module_function_and_view_is_short(path):
    source = path.read_text(encoding="utf-8")
    lines = source.count("\n")
    assert lines <= MAX_MODULE, f"{path.name} has {lines} lines"
    long = [
        f"{node.name} ({length} lines)"
        for node, length in functions(ast.parse(source))
        if length > limit(path, node)
    ]
    assert long == []


@pytest.mark.parametrize("name", PURE)
def test_pure_modules_do_not_touch_the_database(name):
    tree = ast.parse((ROOT / name).read_text(encoding="utf-8"))
    imported = [
        node.module if isinstance(node, ast.ImportFrom) else alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in node.names
    ]
    assert [m for m in imported if m and (m.startswith("django.db") or m.endswith(".models"))] == []


def test_template_comments_fit_one_line():
    """Django's {# … #} ends at the line: a longer one is printed on the page as it is."""
    broken = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "templates").rglob("*.html")
        if any("\n" in c for c in re.findall(r"\{#(.*?)#\}", path.read_text(), flags=re.S))
    ]
    assert broken == []
