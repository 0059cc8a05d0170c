"""The harness of `make bench` refuses bad options before it starts anything."""

import pytest
from django.core.management import CommandError, call_command

from tools.bench.harness import Command


def test_runs_must_be_at_least_one():
    with pytest.raises(CommandError, match="al menos 1"):
        call_command(Command(), runs=0)
