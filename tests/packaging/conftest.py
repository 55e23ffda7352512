"""Load packaging/check.py (a script, not a package) so the tests use the checks CI runs."""

from __future__ import annotations

import importlib.util
import sys
from types import ModuleType

import pytest

from tests.conftest import REPO_ROOT


@pytest.fixture(scope="session")
def check() -> ModuleType:
    """The packaging/check.py module."""
    spec = importlib.util.spec_from_file_location(
        "watchlist_packaging_check", REPO_ROOT / "packaging" / "check.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module
