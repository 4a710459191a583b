"""renderer version stored with the HTML of courses and modules

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01 16:40:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # 0: rendered before versions were recorded, so the next import renders it again.
    with op.batch_alter_table('courses', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('renderer_version', sa.Integer(), nullable=False, server_default='0')
        )
    with op.batch_alter_table('modules', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('renderer_version', sa.Integer(), nullable=False, server_default='0')
        )


def downgrade() -> None:
    with op.batch_alter_table('modules', schema=None) as batch_op:
        batch_op.drop_column('renderer_version')
    with op.batch_alter_table('courses', schema=None) as batch_op:
        batch_op.drop_column('renderer_version')
