"""practice modules: submissions, their media, rubric reviews with criterion scores and timed comments

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-02 00:00:00
"""

import sqlalchemy as sa
from alembic import op

from lms.db import UTCDateTime

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('practice_submissions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('module_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('token', sa.String(length=64), nullable=False),
    sa.Column('text', sa.Text(), nullable=True),
    sa.Column('status', sa.Enum('waiting', 'passed', 'retry', name='submissionstatus', native_enum=False), nullable=False),
    sa.Column('submitted_at', UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['module_id'], ['modules.id'], name=op.f('fk_practice_submissions_module_id_modules')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_practice_submissions_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_practice_submissions')),
    sa.UniqueConstraint('token', name=op.f('uq_practice_submissions_token')),
    sa.UniqueConstraint('user_id', 'module_id', 'number', name=op.f('uq_practice_submissions_user_id_module_id_number'))
    )
    op.create_index(op.f('ix_practice_submissions_module_id'), 'practice_submissions', ['module_id'], unique=False)
    op.create_index('ix_practice_submissions_status_submitted', 'practice_submissions', ['status', 'submitted_at'], unique=False)
    op.create_index(op.f('ix_practice_submissions_user_id'), 'practice_submissions', ['user_id'], unique=False)
    op.create_table('practice_media',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('submission_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('storage_key', sa.String(length=200), nullable=False),
    sa.Column('content_type', sa.String(length=100), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('filename', sa.String(length=200), nullable=False),
    sa.Column('created_at', UTCDateTime(), nullable=False),
    sa.Column('deleted_at', UTCDateTime(), nullable=True),
    sa.Column('deleted_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['deleted_by_id'], ['users.id'], name=op.f('fk_practice_media_deleted_by_id_users')),
    sa.ForeignKeyConstraint(['submission_id'], ['practice_submissions.id'], name=op.f('fk_practice_media_submission_id_practice_submissions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_practice_media')),
    sa.UniqueConstraint('storage_key', name=op.f('uq_practice_media_storage_key')),
    sa.UniqueConstraint('submission_id', name=op.f('uq_practice_media_submission_id'))
    )
    op.create_table('practice_reviews',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('submission_id', sa.Integer(), nullable=False),
    sa.Column('reviewer_id', sa.Integer(), nullable=False),
    sa.Column('reviewer_role', sa.String(length=20), nullable=False),
    sa.Column('decides', sa.Boolean(), nullable=False),
    sa.Column('score', sa.Float(), nullable=False),
    sa.Column('passed', sa.Boolean(), nullable=False),
    sa.Column('overall_comment', sa.Text(), nullable=False),
    sa.Column('created_at', UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['reviewer_id'], ['users.id'], name=op.f('fk_practice_reviews_reviewer_id_users')),
    sa.ForeignKeyConstraint(['submission_id'], ['practice_submissions.id'], name=op.f('fk_practice_reviews_submission_id_practice_submissions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_practice_reviews'))
    )
    op.create_index(op.f('ix_practice_reviews_reviewer_id'), 'practice_reviews', ['reviewer_id'], unique=False)
    op.create_index(op.f('ix_practice_reviews_submission_id'), 'practice_reviews', ['submission_id'], unique=False)
    op.create_table('practice_criterion_scores',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('review_id', sa.Integer(), nullable=False),
    sa.Column('criterion', sa.String(length=80), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('level', sa.Integer(), nullable=False),
    sa.Column('comment', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['review_id'], ['practice_reviews.id'], name=op.f('fk_practice_criterion_scores_review_id_practice_reviews')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_practice_criterion_scores')),
    sa.UniqueConstraint('review_id', 'criterion', name=op.f('uq_practice_criterion_scores_review_id_criterion'))
    )
    op.create_table('practice_timed_comments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('review_id', sa.Integer(), nullable=False),
    sa.Column('seconds', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['review_id'], ['practice_reviews.id'], name=op.f('fk_practice_timed_comments_review_id_practice_reviews')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_practice_timed_comments'))
    )
    op.create_index(op.f('ix_practice_timed_comments_review_id'), 'practice_timed_comments', ['review_id'], unique=False)
    with op.batch_alter_table('modules', schema=None) as batch_op:
        batch_op.add_column(sa.Column('practice', sa.JSON(none_as_null=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("modules", schema=None) as batch_op:
        batch_op.drop_column("practice")
    op.drop_table("practice_timed_comments")
    op.drop_table("practice_criterion_scores")
    op.drop_table("practice_reviews")
    op.drop_table("practice_media")
    op.drop_table("practice_submissions")
