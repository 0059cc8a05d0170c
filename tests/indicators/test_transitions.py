from decimal import Decimal as D

import pytest

from indicators.choices import ReportStatus as S
from indicators.transitions import (
    OVER_EXECUTION_TEXT,
    Action,
    allowed_actions,
    applies,
    is_own,
    kept_by_four_eyes,
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


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (S.ENVIADO, set()),
        (S.APROBADO, set()),
        (S.BORRADOR, {Action.EDIT, Action.SEND}),
        (S.DEVUELTO, {Action.EDIT, Action.SEND}),
    ],
)
def test_nobody_reviews_their_own_report(status, expected):
    allowed = allowed_actions(status, may_report=True, may_review=True, closed=False, own=True)
    assert allowed == expected


@pytest.mark.parametrize(
    ("status", "may_review", "closed", "own", "kept"),
    [
        (S.ENVIADO, True, False, True, True),
        (S.APROBADO, True, False, True, True),
        (S.ENVIADO, True, False, False, False),  # someone else's: they may review it
        (S.ENVIADO, False, False, True, False),  # not a reviewer: nothing to explain
        (S.ENVIADO, True, True, True, False),  # closed: the page says that instead
        (S.BORRADOR, True, False, True, False),  # nothing to review yet
    ],
)
def test_the_page_says_why_only_when_four_eyes_is_the_reason(status, may_review, closed, own, kept):
    assert kept_by_four_eyes(status, may_review=may_review, closed=closed, own=own) is kept


@pytest.mark.parametrize(
    ("person", "sent_by", "changed_by", "own"),
    [(7, 7, 3, True), (7, 3, 7, True), (7, 3, 4, False), (7, None, None, False)],
)
def test_a_report_is_ones_own_if_one_sent_it_or_changed_its_value(person, sent_by, changed_by, own):
    assert is_own(person, sent_by=sent_by, changed_by=changed_by) is own
    assert is_own(None, sent_by=None, changed_by=None) is False
