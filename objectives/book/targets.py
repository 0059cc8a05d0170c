"""What an import does with targets beyond the plain rows: the versions the sheet
«Reprogramaciones» carries (created where the database has none of that number; a stored
version is history and is never written over), and the programming a book changes in a
vigencia that already has approved reports, which becomes a reprogramming proposal for an
Administrador instead of overwriting (``reprogramming.services.proposal_from_book``).
Runs inside the import's transaction, under its locks."""

from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from indicators.models import Indicator
from indicators.targets import TargetVersion
from objectives.book.changes import Change, ImportResult
from objectives.book.rows import Book
from objectives.book.versions import VersionRow
from objectives.checks import same_text
from objectives.reprogramming.services import Targets, current_targets, proposal_from_book

PROPOSED = _(
    "La vigencia %(year)s ya tiene reportes aprobados: la programación de %(indicator)s no se "
    "sobrescribe (PEP tiene %(current)s; el libro dice %(book)s). La importación deja una "
    "reprogramación propuesta que un administrador debe aprobar."
)
BOOK_REASON = _("Reprogramación propuesta por la importación del libro de seguimiento")


def sync_versions(
    book: Book, indicators: dict[tuple, Indicator], result: ImportResult, user: Any
) -> None:
    """Create the sheet's versions the database lacks, matched to the book's indicators by
    objective and code (or name): one query for the stored numbers, one for the accounts."""
    if not book.versions:
        return
    by_row = _rows(book)
    matched = [
        (version, indicators[by_row[key]])
        for version in book.versions
        if (key := _key(version.objective, version.code, version.name)) in by_row
    ]
    ids = {indicator.pk for _, indicator in matched}
    stored = set(
        TargetVersion.objects.filter(indicator_id__in=ids).values_list("indicator_id", "number")
    )
    names = {v.proposed_by for v, _ in matched} | {v.approved_by for v, _ in matched}
    people = {u.get_username(): u for u in get_user_model().objects.filter(username__in=names)}
    tally = result.tallies["versions"]
    for version, indicator in matched:
        if (indicator.pk, version.number) in stored:
            tally.unchanged += 1
            continue
        _create(version, indicator, people, user)
        tally.created += 1
        params = {"number": version.number, "indicator": indicator.code or indicator.name[:60]}
        result.changes.append(Change("versions", params, created=True))


def propose(proposed: dict[int, dict[int, Decimal]], result: ImportResult, user: Any) -> None:
    """A proposal per indicator whose programming the book changes where reports are
    approved: the current targets with the book's values in those vigencias."""
    for indicator in Indicator.objects.filter(pk__in=proposed):
        current = current_targets(indicator)
        targets = Targets(
            current.programming | proposed[indicator.pk], current.baseline, current.stated_total
        )
        proposal_from_book(user=user, indicator=indicator, targets=targets, reason=BOOK_REASON)
        result.tallies["versions"].created += 1


def _rows(book: Book) -> dict[tuple, tuple]:
    found: dict[tuple, tuple] = {}
    for row in book.rows:
        found.setdefault(_key(row.objective, row.code, row.name), row.key)
    return found


def _key(objective: int, code: str, name: str) -> tuple:
    return (objective, code) if code else (objective, "", same_text(name))


def _create(version: VersionRow, indicator: Indicator, people: dict, user: Any) -> None:
    record = TargetVersion(
        indicator=indicator,
        number=version.number,
        status=version.status,
        programming={str(y): str(v) for y, v in sorted(version.programming.items())},
        baseline=version.baseline,
        stated_total=version.stated_total,
        reason=version.reason or str(BOOK_REASON),
        act_kind=version.act_kind,
        act_number=version.act_number,
        act_date=version.act_date,
        effective_date=version.effective_date,
        proposed_by=people.get(version.proposed_by),
        approved_by=people.get(version.approved_by),
        decision_note=version.decision_note,
        proposed_at=timezone.now(),
    )
    record._history_user = user
    record._change_reason = str(_("Importación del libro de seguimiento"))
    record.save()
