"""join the areas' branches (breakdown, schedules, revisions, jobs); index schedule parents

Revision ID: 0008
Revises: 0003, 0004, 0005, 0007
"""

from __future__ import annotations

from alembic import op

revision = "0008"
down_revision = ("0003", "0004", "0005", "0007")
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("schedule_versions") as batch:
        batch.create_index("ix_schedule_versions_parent_id", ["parent_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("schedule_versions") as batch:
        batch.drop_index("ix_schedule_versions_parent_id")
