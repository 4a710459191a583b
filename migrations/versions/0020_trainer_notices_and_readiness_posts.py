"""question-quality flags already announced to trainers; the statuses a team's webhooks last heard

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-02 00:10:00
"""

import sqlalchemy as sa
from alembic import op

from lms.db import UTCDateTime


revision = '0020'
down_revision = '0019'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'readiness_snapshots',
        sa.Column('team_id', sa.Integer(), nullable=False),
        sa.Column('statuses', sa.JSON(), nullable=False),
        sa.Column('updated_at', UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ['team_id'], ['teams.id'], name=op.f('fk_readiness_snapshots_team_id_teams'),
            ondelete='CASCADE',
        ),
        sa.PrimaryKeyConstraint('team_id', name=op.f('pk_readiness_snapshots')),
    )
    op.create_table(
        'question_flag_notices',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('course_id', sa.Integer(), nullable=False),
        sa.Column('question_key', sa.String(length=100), nullable=False),
        sa.Column('flag', sa.String(length=100), nullable=False),
        sa.Column('created_at', UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ['course_id'], ['courses.id'], name=op.f('fk_question_flag_notices_course_id_courses'),
            ondelete='CASCADE',
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_question_flag_notices')),
        sa.UniqueConstraint(
            'course_id', 'question_key', 'flag',
            name=op.f('uq_question_flag_notices_course_id_question_key_flag'),
        ),
    )


def downgrade() -> None:
    op.drop_table('question_flag_notices')
    op.drop_table('readiness_snapshots')
