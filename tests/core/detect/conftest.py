"""Fixtures for the detection tests."""

from __future__ import annotations

import pytest

from tests.core.detect.helpers import Detect, make_detect


@pytest.fixture
def detect() -> Detect:
    """Run a detector over the shared test films on one headline and summary."""
    return make_detect()
