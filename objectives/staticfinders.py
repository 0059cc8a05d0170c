"""Serves plotly.min.js from the installed plotly package as static/plotly/plotly.min.js.

Only that file: the package ships data sets and other bundles beside it that PEP never serves.
"""

from pathlib import Path

import plotly
from django.contrib.staticfiles.finders import BaseFinder
from django.core.files.storage import FileSystemStorage

PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
STATIC_PATH = "plotly/plotly.min.js"


class PlotlyFinder(BaseFinder):
    def check(self, **kwargs) -> list:
        return []

    def find(self, path: str, find_all: bool = False, **kwargs) -> str | list[str]:
        if path != STATIC_PATH:
            return []
        return [str(PLOTLY_JS)] if find_all else str(PLOTLY_JS)

    def list(self, ignore_patterns):
        storage = FileSystemStorage(location=PLOTLY_JS.parent)
        storage.prefix = "plotly"
        yield PLOTLY_JS.name, storage
