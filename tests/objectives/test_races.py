"""Writes that change official figures, raced against each other: every final state must be one
that some serial order of the same writes gives, and nothing may crash.

On PostgreSQL the plans' row locks serialise the writes (objectives.locking); on SQLite every
transaction takes the database's write lock when it begins (transaction_mode IMMEDIATE, with a
busy timeout). Each thread has its own connection, so the races need a database on disk:
they run on PostgreSQL and on the suite's SQLite file (tests/conftest.py), and are skipped only
on an in-memory SQLite database, whose one shared-cache connection locks whole tables and
fails at once instead of waiting.
"""

import copy
from dataclasses import replace
from decimal import Decimal as D

import pytest
from django.db import connection, transaction

from indicators.choices import Corte, MetaKind, ReportStatus
from indicators.models import Goal, Indicator, Programming, Report
from objectives.book.importer import book_import
from objectives.book.reader import read_book
from objectives.figures import compliance_snapshot
from objectives.models import Closure, Plan, Publication
from objectives.reporting import services
from objectives.transparency.services import corte_publish
from tests.conftest import SEED_BOOK
from tests.objectives.races import crashes, together

pytestmark = pytest.mark.django_db(transaction=True)
ROUNDS = 25
IMPORT_ROUNDS = 15
CORP = "Subsecretaría Corporativa"


class World:
    """The 2020 plan, its budget indicator (objective 7) and one account per role."""

    def __init__(self, make_user):
        self.book = read_book(SEED_BOOK)
        book_import(book=self.book)
        self.plan = Plan.objects.get()
        self.budget = Indicator.objects.get(name__startswith="Porcentaje de presupuesto")
        self.admin = make_user("Administrador")
        self.planeacion = make_user("Planeación")
        self.responsable = make_user("Responsable", dependencies=[CORP])

    def draft(self, year: int = 2021, executed: str = "40") -> Report:
        """A fresh draft of the vigencia's March corte, the vigencia open again."""
        Closure.objects.filter(plan=self.plan, year=year).delete()
        Report.objects.filter(indicator=self.budget, year=year, corte=Corte.MARZO).delete()
        return services.report_save(
            user=self.responsable,
            indicator=self.budget,
            year=year,
            corte=Corte.MARZO,
            data=services.ReportInput(executed=D(executed), delays="Causa del retraso"),
            version=None,
        )

    def sent(self) -> Report:
        draft = self.draft()
        return services.report_send(user=self.responsable, report=draft, version=draft.version)

    def approved(self) -> Report:
        sent = self.sent()
        return services.report_approve(user=self.planeacion, report=sent, version=sent.version)

    def create_2023(self, value: D):
        """Planeación creating the budget's 2023 programming, which is not there yet."""
        return lambda: services.programming_save(
            user=self.planeacion,
            indicator=self.budget,
            year=2023,
            value=value,
            reason="Nueva vigencia",
            version=None,
        )

    def corte_figures(self, report: Report, published_at) -> dict:
        """March 2021's figures as a serial order gives them: with the report if it was
        approved before the corte was published, without it if after (the public keeps what
        it saw)."""
        approved = report.history.filter(status=ReportStatus.APROBADO).first()
        with transaction.atomic():
            if approved is None or approved.history_date > published_at:
                Report.objects.filter(pk=report.pk).update(status=ReportStatus.ENVIADO)
            figures = compliance_snapshot(self.plan, 2021, Corte.MARZO)
            transaction.set_rollback(True)
        return figures

    def close(self):
        return services.vigencia_close(user=self.admin, plan=self.plan, year=2021)

    def frozen_as_committed(self) -> list[str]:
        """The closing froze the figures that the committed reports give: else it read them
        while another write was changing them."""
        closure = Closure.objects.get(plan=self.plan, year=2021)
        if closure.snapshot != compliance_snapshot(self.plan, 2021):
            return [f"snapshot {closure.snapshot['objectives'][6]['compliance']} is not serial"]
        return []


@pytest.fixture
def world(make_user):
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        pytest.skip("threads cannot race on an in-memory SQLite database (see the docstring)")
    return World(make_user)


def test_approving_while_closing_ends_as_one_or_the_other(world):
    failures = []
    for _ in range(ROUNDS):
        report = world.sent()
        failures += crashes(
            together(
                lambda r=report: services.report_approve(
                    user=world.planeacion, report=r, version=r.version
                ),
                world.close,
            )
        )
        failures += world.frozen_as_committed()
    assert failures == []


def test_returning_while_closing_ends_as_one_or_the_other(world):
    failures = []
    for _ in range(ROUNDS):
        report = world.approved()
        failures += crashes(
            together(
                lambda r=report: services.report_return(
                    user=world.planeacion, report=r, version=r.version, note="Revise el soporte"
                ),
                world.close,
            )
        )
        failures += world.frozen_as_committed()
    assert failures == []


def test_sending_while_closing_is_sent_before_or_refused_after(world):
    failures = []
    for _ in range(ROUNDS):
        draft = world.draft()
        send, close = together(
            lambda r=draft: services.report_send(
                user=world.responsable, report=r, version=r.version
            ),
            world.close,
        )
        failures += crashes([send, close])
        if send.done and close.done:
            sent_at = draft.history.filter(status=ReportStatus.ENVIADO).get().history_date
            if sent_at > close.value.closed_at:
                failures.append("sent into a closed vigencia")
    assert failures == []


def test_approving_while_publishing_a_corte_ends_as_one_or_the_other(world):
    """«Publicar corte» (the portal) freezes a corte's figures under the same lock."""
    i545 = Indicator.objects.get(code="545")
    other = services.report_save(
        user=world.planeacion,
        indicator=i545,
        year=2021,
        corte=Corte.MARZO,
        data=services.ReportInput(executed=D(1_750_000), delays="Causa del retraso"),
        version=None,
    )
    other = services.report_send(user=world.planeacion, report=other, version=other.version)
    services.report_approve(user=world.admin, report=other, version=other.version)
    failures = []
    for _ in range(ROUNDS):
        Publication.objects.all().delete()
        report = world.sent()
        failures += crashes(
            together(
                lambda r=report: services.report_approve(
                    user=world.planeacion, report=r, version=r.version
                ),
                lambda: corte_publish(
                    user=world.admin, plan=world.plan, year=2021, corte=Corte.MARZO
                ),
            )
        )
        publication = Publication.objects.get()
        if publication.snapshot != world.corte_figures(report, publication.published_at):
            failures.append("the published corte is not serial")
    assert failures == []


def test_an_import_never_changes_a_report_under_review_while_it_is_approved(world):
    """The responsable sent 90 for 2020; the book says 84. Whatever the order, Planeación
    approves the 90 its reporter sent."""
    failures = []
    for _ in range(ROUNDS):
        december = Report.objects.get(indicator=world.budget, year=2020, corte=Corte.DICIEMBRE)
        returned = services.report_return(
            user=world.planeacion, report=december, version=december.version, note="Corrija"
        )
        saved = services.report_save(
            user=world.responsable,
            indicator=world.budget,
            year=2020,
            corte=Corte.DICIEMBRE,
            data=services.ReportInput(executed=D(90), delays="Causa del retraso"),
            version=returned.version,
        )
        sent = services.report_send(user=world.responsable, report=saved, version=saved.version)
        outcomes = together(
            lambda: book_import(book=world.book, user=world.admin),
            lambda r=sent: services.report_approve(
                user=world.planeacion, report=r, version=r.version
            ),
        )
        failures += crashes(outcomes)
        december.refresh_from_db()
        if (december.executed, december.status) != (D(90), ReportStatus.APROBADO):
            failures.append(f"{december.status} {december.executed}")
    assert failures == []


def _variant(book, number: int, programmed: D, budget_2022: D):
    """The seed book plus a code-less meta of its own round, and the budget's 2022 target."""
    book = copy.deepcopy(book)
    objective = next(o for o in book.objectives if o.number == 7)
    template = objective.rows[0]
    objective.rows.append(
        replace(
            template,
            goal_kind=MetaKind.GESTION,
            goal_code="",
            goal_statement=f"Meta de la ronda {number}",
            code="",
            name=f"Indicador de la ronda {number}",
            weight=D(0),
            programmed={2021: programmed},
            executed={},
            published={},
        )
    )
    budget = next(r for r in book.rows if r.name.startswith("Porcentaje de presupuesto"))
    budget.programmed = budget.programmed | {2022: budget_2022}
    return book


def test_two_imports_at_once_give_one_book_or_the_other(world):
    failures = []
    for number in range(IMPORT_ROUNDS):
        first = _variant(world.book, number, D(10), D(50))
        second = _variant(world.book, number, D(20), D(60))
        outcomes = together(
            lambda b=first: book_import(book=b, user=world.admin),
            lambda b=second: book_import(book=b, user=world.admin),
        )
        failures += crashes(outcomes)
        failures += [f"refused: {o.refusal}" for o in outcomes if o.refusal is not None]
        goals = Goal.objects.filter(statement=f"Meta de la ronda {number}")
        indicators = Indicator.objects.filter(name=f"Indicador de la ronda {number}")
        if (goals.count(), indicators.count()) != (1, 1):
            failures.append(f"{goals.count()} metas, {indicators.count()} indicadores")
            continue
        new = Programming.objects.get(indicator=indicators.get(), year=2021).value
        budget = Programming.objects.get(indicator=world.budget, year=2022).value
        if (new, budget) not in {(D(10), D(50)), (D(20), D(60))}:
            failures.append(f"a mix of both books: {new}, {budget}")
    assert failures == []


def test_two_people_creating_the_same_programming_year_give_one_and_a_conflict(world):
    failures = []
    for _ in range(ROUNDS):
        Programming.objects.filter(indicator=world.budget, year=2023).delete()
        outcomes = together(world.create_2023(D(70)), world.create_2023(D(80)))
        failures += crashes(outcomes)
        done = [o.value.value for o in outcomes if o.done]
        conflicts = [o for o in outcomes if isinstance(o.refusal, services.Conflict)]
        stored = Programming.objects.get(indicator=world.budget, year=2023).value
        if len(done) != 1 or len(conflicts) != 1 or stored != done[0]:
            failures.append(f"{len(done)} saved, {len(conflicts)} conflicts, {stored} stored")
    assert failures == []
