"""CLI verbs (filled in by the issue that owns them)."""

from __future__ import annotations

import argparse
from typing import Any


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    """Add this module's verbs to the parser."""
