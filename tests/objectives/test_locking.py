"""The lock helpers themselves; tests/objectives/test_races.py races the writes that use them."""

import pytest
from django.db import transaction

from objectives.locking import lock_all_plans, lock_imports, lock_plans, lock_plans_fed_by
from tests.factories import make_plan

pytestmark = pytest.mark.django_db


def test_plans_are_locked_in_ascending_id_once_each():
    first, second = make_plan(1, 1, name="A"), make_plan(1, 1, name="B")
    with transaction.atomic():
        assert lock_plans([second.pk, first.pk, second.pk]) == sorted([first.pk, second.pk])
        assert lock_all_plans() == sorted([first.pk, second.pk])
        assert lock_plans([]) == []


def test_an_indicator_locks_every_plan_it_feeds():
    plan = make_plan(1, 2)
    indicator = plan.objectives.get().indicators.first()
    other = make_plan(1, 1, name="Otro")
    other.objectives.get().weights.create(indicator=indicator, weight=10)
    with transaction.atomic():
        assert lock_plans_fed_by(indicator) == sorted([plan.pk, other.pk])


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("lock", [lambda: lock_plans([1]), lock_imports])
def test_a_lock_outside_a_transaction_is_a_programming_error(lock):
    """Row locks last until the transaction ends: taken in autocommit they would protect
    nothing, so the helper refuses."""
    with pytest.raises(transaction.TransactionManagementError, match="inside transaction"):
        lock()
