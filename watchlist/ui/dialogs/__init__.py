"""Dialogs of the window: film, feeds, settings (and the import preview)."""
