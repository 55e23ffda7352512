"""What every CLI verb receives: the resolved database URL, output streams, the open database."""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from typing import Any, TextIO

from watchlist.core.db import Database, open_database


@dataclass
class CliContext:
    """Shared state of one CLI invocation; the database is opened on first use."""

    db_url: str
    verbose: bool = False
    out: TextIO = field(default_factory=lambda: sys.stdout)
    err: TextIO = field(default_factory=lambda: sys.stderr)
    _db: Database | None = None

    @property
    def db(self) -> Database:
        """The open, migrated database."""
        if self._db is None:
            self._db = open_database(self.db_url)
        return self._db

    def print(self, text: str = "") -> None:
        """Write a line to standard output."""
        self.out.write(text + "\n")

    def print_json(self, document: Any) -> None:
        """Write one JSON document (stable key order) to standard output."""
        self.out.write(json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n")

    def close(self) -> None:
        """Release the database."""
        if self._db is not None:
            self._db.dispose()
            self._db = None
