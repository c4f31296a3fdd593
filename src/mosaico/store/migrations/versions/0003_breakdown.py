"""the stored breakdown: categories, elements, tags, element links

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def _production() -> sa.Column[int]:
    return sa.Column("production_id", sa.Integer(), sa.ForeignKey("productions.id"), nullable=False)


def upgrade() -> None:
    op.create_table(
        "breakdown_categories",
        sa.Column("id", sa.Integer(), primary_key=True),
        _production(),
        sa.Column("key", sa.String(length=40), nullable=False),
        sa.Column("name_en", sa.String(length=80), nullable=False),
        sa.Column("name_es", sa.String(length=80), nullable=False),
        sa.Column("colour", sa.String(length=7), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.UniqueConstraint("production_id", "key"),
    )
    op.create_table(
        "elements",
        sa.Column("id", sa.Integer(), primary_key=True),
        _production(),
        sa.Column("category", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("key", sa.String(length=300), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("photos", sa.JSON(), nullable=False),
        sa.Column("department", sa.String(length=80), nullable=False),
        sa.Column("minor", sa.Boolean(), nullable=False),
        sa.Column("age", sa.Integer(), nullable=True),
        sa.Column("count", sa.Integer(), nullable=True),
        sa.Column("aliases", sa.JSON(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.UniqueConstraint("production_id", "category", "key"),
    )
    op.create_table(
        "tags",
        sa.Column("id", sa.Integer(), primary_key=True),
        _production(),
        sa.Column("scene_id", sa.Integer(), sa.ForeignKey("scenes.id"), nullable=False),
        sa.Column("element_id", sa.Integer(), sa.ForeignKey("elements.id"), nullable=False),
        sa.Column("source_element", sa.Integer(), nullable=True),
        sa.Column("source_start", sa.Integer(), nullable=True),
        sa.Column("source_end", sa.Integer(), nullable=True),
        sa.Column("source_text", sa.Text(), nullable=True),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("origin", sa.String(length=8), nullable=False),
        sa.Column("status", sa.String(length=8), nullable=False),
        sa.Column("count", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
    )
    op.create_table(
        "element_links",
        sa.Column("id", sa.Integer(), primary_key=True),
        _production(),
        sa.Column("anchor_id", sa.Integer(), sa.ForeignKey("elements.id"), nullable=False),
        sa.Column("linked_id", sa.Integer(), sa.ForeignKey("elements.id"), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.UniqueConstraint("anchor_id", "linked_id"),
    )
    indexes = {
        "breakdown_categories": ["production_id"],
        "elements": ["production_id"],
        "tags": ["production_id", "scene_id", "element_id"],
        "element_links": ["production_id", "anchor_id", "linked_id"],
    }
    for table, columns in indexes.items():
        with op.batch_alter_table(table) as batch:
            for column in columns:
                batch.create_index(f"ix_{table}_{column}", [column], unique=False)


def downgrade() -> None:
    for table in ("element_links", "tags", "elements", "breakdown_categories"):
        op.drop_table(table)
