"""schedule setup and schedule versions

Revision ID: 0004
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "schedule_setups",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("production_id", sa.Integer(), sa.ForeignKey("productions.id"), nullable=False),
        sa.Column("calendar", sa.JSON(), nullable=False),
        sa.Column("rules", sa.JSON(), nullable=False),
        sa.Column("weights", sa.JSON(), nullable=False),
        sa.Column("cast", sa.JSON(), nullable=False),
        sa.Column("sets", sa.JSON(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.UniqueConstraint("production_id", name="uq_schedule_setups_production"),
    )
    op.create_index("ix_schedule_setups_production_id", "schedule_setups", ["production_id"])
    op.create_table(
        "schedule_versions",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("production_id", sa.Integer(), sa.ForeignKey("productions.id"), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("label", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("parent_id", sa.Integer(), sa.ForeignKey("schedule_versions.id"), nullable=True),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("event", sa.JSON(), nullable=True),
        sa.Column("problem", sa.JSON(), nullable=False),
        sa.Column("result", sa.JSON(), nullable=False),
        sa.Column("locked", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("lower_bound", sa.BigInteger(), nullable=False),
        sa.Column("total_cost", sa.BigInteger(), nullable=False),
        sa.Column("seconds", sa.Float(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.UniqueConstraint("production_id", "number", name="uq_schedule_versions_number"),
    )
    op.create_index("ix_schedule_versions_production_id", "schedule_versions", ["production_id"])


def downgrade() -> None:
    op.drop_index("ix_schedule_versions_production_id", table_name="schedule_versions")
    op.drop_table("schedule_versions")
    op.drop_index("ix_schedule_setups_production_id", table_name="schedule_setups")
    op.drop_table("schedule_setups")
