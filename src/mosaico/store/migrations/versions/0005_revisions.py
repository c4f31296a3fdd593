"""script revisions: locked scene numbering per episode and revision records

Revision ID: 0005
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "episode_numbering",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("production_id", sa.Integer(), sa.ForeignKey("productions.id"), nullable=False),
        sa.Column("episode_id", sa.Integer(), sa.ForeignKey("episodes.id"), nullable=False),
        sa.Column("locked", sa.Boolean(), nullable=False),
        sa.Column("style", sa.String(length=8), nullable=False),
        sa.Column("locked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column(
            "locked_version_id",
            sa.Integer(),
            sa.ForeignKey("script_versions.id"),
            nullable=True,
        ),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.UniqueConstraint("episode_id", name="uq_episode_numbering_episode"),
    )
    with op.batch_alter_table("episode_numbering") as batch:
        batch.create_index("ix_episode_numbering_production_id", ["production_id"], unique=False)
        batch.create_index("ix_episode_numbering_episode_id", ["episode_id"], unique=False)
        batch.create_index(
            "ix_episode_numbering_locked_version_id", ["locked_version_id"], unique=False
        )

    op.create_table(
        "revisions",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("production_id", sa.Integer(), sa.ForeignKey("productions.id"), nullable=False),
        sa.Column("episode_id", sa.Integer(), sa.ForeignKey("episodes.id"), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column(
            "from_version_id", sa.Integer(), sa.ForeignKey("script_versions.id"), nullable=True
        ),
        sa.Column(
            "to_version_id", sa.Integer(), sa.ForeignKey("script_versions.id"), nullable=False
        ),
        sa.Column("colour", sa.String(length=32), nullable=False),
        sa.Column("revision_date", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("counts", sa.JSON(), nullable=False),
        sa.Column("changes", sa.JSON(), nullable=False),
        sa.Column("tags_carried", sa.Integer(), nullable=False),
        sa.Column("tags_review", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.UniqueConstraint("episode_id", "number", name="uq_revisions_number"),
    )
    with op.batch_alter_table("revisions") as batch:
        batch.create_index("ix_revisions_production_id", ["production_id"], unique=False)
        batch.create_index("ix_revisions_episode_id", ["episode_id"], unique=False)
        batch.create_index("ix_revisions_from_version_id", ["from_version_id"], unique=False)
        batch.create_index("ix_revisions_to_version_id", ["to_version_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("revisions") as batch:
        batch.drop_index("ix_revisions_to_version_id")
        batch.drop_index("ix_revisions_from_version_id")
        batch.drop_index("ix_revisions_episode_id")
        batch.drop_index("ix_revisions_production_id")
    op.drop_table("revisions")
    with op.batch_alter_table("episode_numbering") as batch:
        batch.drop_index("ix_episode_numbering_locked_version_id")
        batch.drop_index("ix_episode_numbering_episode_id")
        batch.drop_index("ix_episode_numbering_production_id")
    op.drop_table("episode_numbering")
