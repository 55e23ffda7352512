"""Errors that carry a sentence fit to show a user."""

from __future__ import annotations


class WatchlistError(Exception):
    """An expected failure with a message a user understands.

    The CLI prints ``str(error)`` and exits with ``exit_code``; the window shows it in a dialog.
    """

    exit_code = 1


class UsageError(WatchlistError):
    """The user asked for something that cannot be done as asked (bad URL, bad argument)."""

    exit_code = 2


class DatabaseError(WatchlistError):
    """The database cannot be opened, upgraded or written."""

    exit_code = 2


class SchemaTooNewError(DatabaseError):
    """The database was written by a newer Watchlist; it is left untouched."""


class NotFoundError(WatchlistError):
    """A film, feed or event the user named does not exist."""


class DuplicateError(WatchlistError):
    """The thing already exists (a film already followed, a feed already subscribed)."""
