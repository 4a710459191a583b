"""page versions: each user's and the whole site's, which cached pages key on

Revision ID: 0024
Revises: 0023
Create Date: 2026-12-02 08:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0024'
down_revision = '0023'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('page_version', sa.Integer(), server_default='0', nullable=False)
        )
    site_state = op.create_table(
        'site_state',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('page_version', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_site_state')),
    )
    op.bulk_insert(site_state, [{'id': 1, 'page_version': 0}])


def downgrade() -> None:
    op.drop_table('site_state')
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('page_version')
