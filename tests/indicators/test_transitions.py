from decimal import Decimal as D

import pytest

from indicators.choices import ReportStatus as S
from indicators.transitions import (
    OVER_EXECUTION_TEXT,
    Action,
    allowed_actions,
    applies,
    needs_justification,
    next_status,
)


@pytest.mark.parametrize(
    ("status", "may_report", "may_review", "expected"),
    [
        (S.BORRADOR, True, False, {Action.EDIT, Action.SEND}),
        (S.DEVUELTO, True, False, {Action.EDIT, Action.SEND}),
        (S.ENVIADO, True, False, set()),
        (S.APROBADO, True, False, set()),
        (S.BORRADOR, False, True, set()),
        (S.ENVIADO, False, True, {Action.APPROVE, Action.RETURN}),
        (S.APROBADO, False, True, {Action.RETURN}),
        (S.BORRADOR, True, True, {Action.EDIT, Action.SEND}),
        (S.ENVIADO, False, False, set()),
    ],
)
def test_who_may_do_what_with_a_report(status, may_report, may_review, expected):
    allowed = allowed_actions(status, may_report=may_report, may_review=may_review, closed=False)
    assert allowed == expected


@pytest.mark.parametrize(
    ("status", "may_report", "is_sender", "expected"),
    [
        (S.ENVIADO, True, True, {Action.WITHDRAW}),
        (S.ENVIADO, True, False, set()),
        (S.ENVIADO, False, True, set()),
        (S.BORRADOR, True, True, {Action.EDIT, Action.SEND}),
        (S.APROBADO, True, True, set()),
    ],
)
def test_only_the_sender_withdraws_a_sent_report(status, may_report, is_sender, expected):
    allowed = allowed_actions(
        status, may_report=may_report, may_review=False, closed=False, is_sender=is_sender
    )
    assert allowed == expected


def test_a_reviewer_who_sent_it_may_withdraw_approve_or_return():
    allowed = allowed_actions(
        S.ENVIADO, may_report=True, may_review=True, closed=False, is_sender=True
    )
    assert allowed == {Action.WITHDRAW, Action.APPROVE, Action.RETURN}


def test_a_closed_vigencia_allows_nothing():
    assert allowed_actions(S.ENVIADO, may_report=True, may_review=True, closed=True) == set()


@pytest.mark.parametrize(
    ("action", "status", "applies_", "to"),
    [
        (Action.SEND, S.BORRADOR, True, S.ENVIADO),
        (Action.SEND, S.ENVIADO, False, S.ENVIADO),
        (Action.APPROVE, S.ENVIADO, True, S.APROBADO),
        (Action.APPROVE, S.DEVUELTO, False, S.APROBADO),
        (Action.RETURN, S.APROBADO, True, S.DEVUELTO),
        (Action.RETURN, S.BORRADOR, False, S.DEVUELTO),
        (Action.EDIT, S.DEVUELTO, True, None),
        (Action.WITHDRAW, S.ENVIADO, True, S.BORRADOR),
        (Action.WITHDRAW, S.APROBADO, False, S.BORRADOR),
    ],
)
def test_each_action_applies_to_some_statuses_and_leads_to_one(action, status, applies_, to):
    assert applies(action, status) is applies_
    assert next_status(action) == to


@pytest.mark.parametrize(
    ("progress", "needed"),
    [(None, False), (D("1"), False), (D("1.25"), False), (D("1.2501"), True), (D(3), True)],
)
def test_only_progress_over_125_percent_needs_a_justification(progress, needed):
    assert needs_justification(progress) is needed
    assert OVER_EXECUTION_TEXT == "125 %"
