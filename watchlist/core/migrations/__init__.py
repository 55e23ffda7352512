"""Alembic migrations, shipped in the package and applied at start."""
