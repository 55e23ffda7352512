"""Icons shipped inside the package as ``watchlist.resources`` (see watchlist.ui.icons)."""
