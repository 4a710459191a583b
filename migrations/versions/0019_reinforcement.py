"""spaced reinforcement: each rep's deck of questions and the answers given to it

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-02 00:00:00
"""

import sqlalchemy as sa
from alembic import op

from lms.db import UTCDateTime


revision = '0019'
down_revision = '0018'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'reinforcement_cards',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('question_id', sa.Integer(), nullable=False),
        sa.Column('added_at', UTCDateTime(), nullable=False),
        sa.Column('due_on', sa.Date(), nullable=False),
        sa.Column('fsrs_card', sa.JSON(), nullable=True),
        sa.Column('reviews', sa.Integer(), nullable=False),
        sa.Column('lapses', sa.Integer(), nullable=False),
        sa.Column('last_reviewed_at', UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ['user_id'], ['users.id'], name=op.f('fk_reinforcement_cards_user_id_users'),
            ondelete='CASCADE',
        ),
        sa.ForeignKeyConstraint(
            ['question_id'], ['questions.id'],
            name=op.f('fk_reinforcement_cards_question_id_questions'),
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_reinforcement_cards')),
        sa.UniqueConstraint(
            'user_id', 'question_id', name=op.f('uq_reinforcement_cards_user_id_question_id')
        ),
    )
    op.create_index(
        'ix_reinforcement_cards_user_due', 'reinforcement_cards', ['user_id', 'due_on']
    )
    op.create_index(
        op.f('ix_reinforcement_cards_question_id'), 'reinforcement_cards', ['question_id']
    )
    op.create_table(
        'reinforcement_reviews',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('card_id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('question_id', sa.Integer(), nullable=False),
        sa.Column('number', sa.Integer(), nullable=False),
        sa.Column('reviewed_at', UTCDateTime(), nullable=False),
        sa.Column('reviewed_on', sa.Date(), nullable=False),
        sa.Column('rating', sa.Integer(), nullable=False),
        sa.Column('correct', sa.Boolean(), nullable=False),
        sa.Column('snapshot', sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ['card_id'], ['reinforcement_cards.id'],
            name=op.f('fk_reinforcement_reviews_card_id_reinforcement_cards'),
            ondelete='CASCADE',
        ),
        sa.ForeignKeyConstraint(
            ['user_id'], ['users.id'], name=op.f('fk_reinforcement_reviews_user_id_users'),
            ondelete='CASCADE',
        ),
        sa.ForeignKeyConstraint(
            ['question_id'], ['questions.id'],
            name=op.f('fk_reinforcement_reviews_question_id_questions'),
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_reinforcement_reviews')),
    )
    op.create_index(
        'ix_reinforcement_reviews_user_when', 'reinforcement_reviews', ['user_id', 'reviewed_at']
    )
    op.create_index(
        'ix_reinforcement_reviews_card', 'reinforcement_reviews', ['card_id', 'number'],
        unique=True,
    )
    op.create_index(
        op.f('ix_reinforcement_reviews_question_id'), 'reinforcement_reviews', ['question_id']
    )


def downgrade() -> None:
    op.drop_table('reinforcement_reviews')
    op.drop_table('reinforcement_cards')
