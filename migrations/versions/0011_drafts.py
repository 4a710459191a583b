"""drafts: draft courses and a saved draft per module

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-01 17:40:00
"""

import sqlalchemy as sa
from alembic import op

import lms.db


revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('courses', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('draft', sa.Boolean(), server_default=sa.false(), nullable=False)
        )
    with op.batch_alter_table('modules', schema=None) as batch_op:
        batch_op.add_column(sa.Column('draft_source', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('draft_saved_at', lms.db.UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column('draft_author_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            op.f('fk_modules_draft_author_id_users'), 'users', ['draft_author_id'], ['id']
        )


def downgrade() -> None:
    with op.batch_alter_table('modules', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('fk_modules_draft_author_id_users'), type_='foreignkey')
        batch_op.drop_column('draft_author_id')
        batch_op.drop_column('draft_saved_at')
        batch_op.drop_column('draft_source')
    with op.batch_alter_table('courses', schema=None) as batch_op:
        batch_op.drop_column('draft')
