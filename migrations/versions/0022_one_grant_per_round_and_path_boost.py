"""one certification grant per round (a grant chains to the one it renews); each path's daily boost

Revision ID: 0022
Revises: 0020
Create Date: 2026-12-02 04:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0022'
down_revision = '0020'  # no 0021: issue 15's last round added no table
branch_labels = None
depends_on = None

# Each existing grant follows the one before it, per rep and certification.
BACKFILL = """
UPDATE certification_grants SET previous_id = (
    SELECT g.id FROM certification_grants AS g
    WHERE g.user_id = certification_grants.user_id
      AND g.certification_id = certification_grants.certification_id
      AND (g.granted_at < certification_grants.granted_at
           OR (g.granted_at = certification_grants.granted_at
               AND g.id < certification_grants.id))
    ORDER BY g.granted_at DESC, g.id DESC
    LIMIT 1
)
"""


def upgrade() -> None:
    with op.batch_alter_table('certification_grants', schema=None) as batch_op:
        batch_op.add_column(sa.Column('previous_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f('fk_certification_grants_previous_id_certification_grants'),
            'certification_grants', ['previous_id'], ['id'], ondelete='CASCADE',
        )
    op.execute(BACKFILL)
    first = sa.text('previous_id IS NULL')
    op.create_index(
        'uq_certification_grants_first', 'certification_grants',
        ['user_id', 'certification_id'], unique=True,
        sqlite_where=first, postgresql_where=first,
    )
    op.create_index(
        'uq_certification_grants_previous', 'certification_grants', ['previous_id'], unique=True
    )
    with op.batch_alter_table('learning_paths', schema=None) as batch_op:
        batch_op.add_column(sa.Column('boost_daily', sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('learning_paths', schema=None) as batch_op:
        batch_op.drop_column('boost_daily')
    op.drop_index('uq_certification_grants_previous', table_name='certification_grants')
    op.drop_index('uq_certification_grants_first', table_name='certification_grants')
    with op.batch_alter_table('certification_grants', schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f('fk_certification_grants_previous_id_certification_grants'),
            type_='foreignkey',
        )
        batch_op.drop_column('previous_id')
