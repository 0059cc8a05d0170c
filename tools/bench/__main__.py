"""`python -m tools.bench [--output docs/performance.md] …`: the benchmarks of `make bench`."""

import os
import sys

import django


def main(argv: list[str]) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pep.settings")
    django.setup()
    from tools.bench.harness import Command

    Command().run_from_argv(["python -m tools.bench", "bench", *argv])


if __name__ == "__main__":
    main(sys.argv[1:])
