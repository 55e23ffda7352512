"""The command line: a thin client of watchlist.core, one module per group of verbs."""
