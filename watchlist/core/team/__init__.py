"""Team mode: one shared database (PostgreSQL), one poller service, many presenting desktops.

- ``claims``: which poller fetches a due feed this cycle, which desktop of a user notifies.
- ``watch``: desktops learn of events other processes committed (LISTEN/NOTIFY on PostgreSQL,
  a cheap "changed since" query on SQLite).
- ``copy``: move a SQLite watchlist into an empty server database.
"""
