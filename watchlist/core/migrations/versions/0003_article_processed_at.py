"""articles.processed_at: which articles detection has seen

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import watchlist.core.models

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "processed_at", watchlist.core.models.UTCDateTime(timezone=True), nullable=True
            )
        )
        batch_op.create_index(batch_op.f("ix_articles_processed_at"), ["processed_at"])
    # Articles stored before this revision were already handled by their poll.
    op.execute("UPDATE articles SET processed_at = fetched_at")


def downgrade() -> None:
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_articles_processed_at"))
        batch_op.drop_column("processed_at")
