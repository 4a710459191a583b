"""certifications on paths, their grants to reps and manager sign-offs

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-02 00:00:00
"""

import sqlalchemy as sa
from alembic import op

from lms.db import UTCDateTime


revision = '0017'
down_revision = '0016'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'certifications',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('path_id', sa.Integer(), nullable=False),
        sa.Column('title', sa.String(length=200), nullable=False),
        sa.Column('valid_months', sa.Integer(), nullable=False),
        sa.Column('recertify', sa.String(length=10), nullable=False),
        sa.Column('exam_course_id', sa.Integer(), nullable=True),
        sa.Column('sign_off', sa.JSON(), nullable=False),
        sa.Column('retired_at', UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ['path_id'], ['learning_paths.id'], name=op.f('fk_certifications_path_id_learning_paths')
        ),
        sa.ForeignKeyConstraint(
            ['exam_course_id'], ['courses.id'],
            name=op.f('fk_certifications_exam_course_id_courses'),
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_certifications')),
        sa.UniqueConstraint('path_id', name=op.f('uq_certifications_path_id')),
    )
    op.create_table(
        'certification_grants',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('certification_id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('public_id', sa.String(length=64), nullable=False),
        sa.Column('title', sa.String(length=200), nullable=False),
        sa.Column('granted_at', UTCDateTime(), nullable=False),
        sa.Column('expires_at', UTCDateTime(), nullable=False),
        sa.Column('versions', sa.JSON(), nullable=False),
        sa.Column('revoked_at', UTCDateTime(), nullable=True),
        sa.Column('revoked_by_id', sa.Integer(), nullable=True),
        sa.Column('revoke_reason', sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ['certification_id'], ['certifications.id'],
            name=op.f('fk_certification_grants_certification_id_certifications'),
        ),
        sa.ForeignKeyConstraint(
            ['user_id'], ['users.id'], name=op.f('fk_certification_grants_user_id_users'),
            ondelete='CASCADE',
        ),
        sa.ForeignKeyConstraint(
            ['revoked_by_id'], ['users.id'],
            name=op.f('fk_certification_grants_revoked_by_id_users'), ondelete='SET NULL',
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_certification_grants')),
        sa.UniqueConstraint('public_id', name=op.f('uq_certification_grants_public_id')),
    )
    op.create_index(
        'ix_certification_grants_user', 'certification_grants',
        ['user_id', 'certification_id', 'granted_at'],
    )
    op.create_index('ix_certification_grants_expires', 'certification_grants', ['expires_at'])
    op.create_table(
        'certification_sign_offs',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('certification_id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('item_id', sa.String(length=80), nullable=False),
        sa.Column('confirmed_on', sa.Date(), nullable=False),
        sa.Column('note', sa.Text(), nullable=False),
        sa.Column('manager_id', sa.Integer(), nullable=True),
        sa.Column('created_at', UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ['certification_id'], ['certifications.id'],
            name=op.f('fk_certification_sign_offs_certification_id_certifications'),
        ),
        sa.ForeignKeyConstraint(
            ['user_id'], ['users.id'], name=op.f('fk_certification_sign_offs_user_id_users'),
            ondelete='CASCADE',
        ),
        sa.ForeignKeyConstraint(
            ['manager_id'], ['users.id'],
            name=op.f('fk_certification_sign_offs_manager_id_users'), ondelete='SET NULL',
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_certification_sign_offs')),
    )
    op.create_index(
        'ix_certification_sign_offs_user', 'certification_sign_offs',
        ['user_id', 'certification_id', 'item_id'],
    )


def downgrade() -> None:
    op.drop_index('ix_certification_sign_offs_user', table_name='certification_sign_offs')
    op.drop_table('certification_sign_offs')
    op.drop_index('ix_certification_grants_expires', table_name='certification_grants')
    op.drop_index('ix_certification_grants_user', table_name='certification_grants')
    op.drop_table('certification_grants')
    op.drop_table('certifications')
