"""The GUI-free core of Watchlist: storage, feeds, detection, import/export.

Nothing in this package may import Qt; tests/test_architecture.py enforces it.
"""
