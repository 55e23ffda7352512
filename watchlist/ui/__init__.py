"""The Qt shell: presents, edits and schedules; all domain work is done by watchlist.core."""
