"""PostgreSQL search: short grams outside ASCII indexed, no statistics for the text, tsvector stored

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-02 05:00:00
"""

from alembic import op

from lms.models.library import POSTGRES_AIDS

revision = '0023'
down_revision = '0022'
branch_labels = None
depends_on = None

# ANALYZE skips a column with no statistics target but keeps what it gathered before;
# changing the type to itself drops those (the table is not rewritten: same type). It
# cannot while the generated column reads it (there from 0018 on an empty database).
FORGET_STATISTICS = (
    "ALTER TABLE search_documents DROP COLUMN IF EXISTS search_engine_tsvector",
    "ALTER TABLE search_documents ALTER COLUMN haystack TYPE text",
)


def upgrade() -> None:
    if op.get_bind().dialect.name != 'postgresql':
        return
    for statement in FORGET_STATISTICS + POSTGRES_AIDS:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name != 'postgresql':
        return
    op.execute("ALTER TABLE search_documents ALTER COLUMN haystack SET STATISTICS -1")
    op.execute("ALTER TABLE search_documents DROP COLUMN IF EXISTS search_engine_tsvector")
    op.execute("DROP INDEX IF EXISTS search_engine_grams")
    op.execute("DROP FUNCTION IF EXISTS search_engine_grams(text)")
