"""The window's views besides the watchlist: news, calendar and deals."""
