"""review policy on courses (the default) and modules (an override)

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01 16:20:00
"""

import sqlalchemy as sa
from alembic import op


revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('courses', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('review', sa.String(length=20), server_default='after_pass', nullable=False)
        )
    with op.batch_alter_table('modules', schema=None) as batch_op:
        batch_op.add_column(sa.Column('review', sa.String(length=20), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('modules', schema=None) as batch_op:
        batch_op.drop_column('review')
    with op.batch_alter_table('courses', schema=None) as batch_op:
        batch_op.drop_column('review')
