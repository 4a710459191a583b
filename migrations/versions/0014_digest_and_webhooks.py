"""weekly digest snapshots, team webhook URLs, and the team a webhook notification posts to

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-08 09:00:00
"""

import sqlalchemy as sa
from alembic import op

from lms.db import UTCDateTime


revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('teams', schema=None) as batch_op:
        batch_op.add_column(sa.Column('slack_webhook_url', sa.String(length=500), nullable=True))
        batch_op.add_column(sa.Column('teams_webhook_url', sa.String(length=500), nullable=True))
    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.add_column(sa.Column('team_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f('fk_notifications_team_id_teams'), 'teams', ['team_id'], ['id'],
            ondelete='CASCADE',
        )
    op.create_table(
        'digest_snapshots',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('team_id', sa.Integer(), nullable=False),
        sa.Column('week', sa.String(length=10), nullable=False),
        sa.Column('statuses', sa.JSON(), nullable=False),
        sa.Column('created_at', UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ['team_id'], ['teams.id'], name=op.f('fk_digest_snapshots_team_id_teams'),
            ondelete='CASCADE',
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_digest_snapshots')),
        sa.UniqueConstraint('team_id', 'week', name=op.f('uq_digest_snapshots_team_id_week')),
    )


def downgrade() -> None:
    op.drop_table('digest_snapshots')
    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_notifications_team_id_teams'), type_='foreignkey')
        batch_op.drop_column('team_id')
    with op.batch_alter_table('teams', schema=None) as batch_op:
        batch_op.drop_column('teams_webhook_url')
        batch_op.drop_column('slack_webhook_url')
