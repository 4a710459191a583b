"""modules.edited_in_app_at: an import leaves a module published in the app alone

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01 16:20:00
"""

from alembic import op
import sqlalchemy as sa

import lms.db


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('modules', schema=None) as batch_op:
        batch_op.add_column(sa.Column('edited_in_app_at', lms.db.UTCDateTime(), nullable=True))
    # Modules whose current version was published in the app keep that protection.
    op.execute(
        "UPDATE modules SET edited_in_app_at = (SELECT v.created_at FROM module_versions v "
        "WHERE v.module_id = modules.id AND v.number = modules.version "
        "AND v.origin IN ('editor', 'rollback'))"
    )


def downgrade() -> None:
    with op.batch_alter_table('modules', schema=None) as batch_op:
        batch_op.drop_column('edited_in_app_at')
