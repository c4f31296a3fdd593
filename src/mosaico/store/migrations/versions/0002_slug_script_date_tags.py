"""production slug, script date, imported tags, index on scene characters

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("productions") as batch:
        batch.add_column(sa.Column("slug", sa.String(length=120), nullable=True))
    # Existing productions keep their name as slug (names are URL-safe handles).
    op.execute("UPDATE productions SET slug = name")
    with op.batch_alter_table("productions") as batch:
        batch.alter_column("slug", existing_type=sa.String(length=120), nullable=False)
        batch.create_unique_constraint("uq_productions_slug", ["slug"])

    with op.batch_alter_table("script_versions") as batch:
        batch.add_column(sa.Column("script_date", sa.Date(), nullable=True))
        batch.add_column(sa.Column("tags", sa.JSON(), nullable=True))
    op.execute("UPDATE script_versions SET tags = '{}'")
    with op.batch_alter_table("script_versions") as batch:
        batch.alter_column("tags", existing_type=sa.JSON(), nullable=False)

    with op.batch_alter_table("scene_characters") as batch:
        batch.create_index("ix_scene_characters_character_id", ["character_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("scene_characters") as batch:
        batch.drop_index("ix_scene_characters_character_id")
    with op.batch_alter_table("script_versions") as batch:
        batch.drop_column("tags")
        batch.drop_column("script_date")
    with op.batch_alter_table("productions") as batch:
        batch.drop_constraint("uq_productions_slug", type_="unique")
        batch.drop_column("slug")
