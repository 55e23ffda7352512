"""Watchlist: follow films and hear the moment their news breaks."""

__version__ = "0.1.0"
APP_NAME = "Watchlist"
APP_ID = "io.github.watchlist.Watchlist"
