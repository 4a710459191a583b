"""content library items, assets, shares, usage events, search misses and the search documents

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-02 00:00:00
"""

import sqlalchemy as sa
from alembic import op

from lms.db import UTCDateTime
from lms.models.library import ENGINE_DDL, ENGINE_DROP, POSTGRES_EXTENSION

revision = '0018'
down_revision = '0017'
branch_labels = None
depends_on = None


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    op.create_table(
        'library_items',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('slug', sa.String(length=100), nullable=False),
        sa.Column('title', sa.String(length=200), nullable=False),
        sa.Column('kind', sa.String(length=20), nullable=False),
        sa.Column('personas', sa.JSON(), nullable=False),
        sa.Column('stages', sa.JSON(), nullable=False),
        sa.Column('products', sa.JSON(), nullable=False),
        sa.Column('owner', sa.String(length=200), nullable=False),
        sa.Column('review_by', sa.Date(), nullable=True),
        sa.Column('shareable', sa.Boolean(), nullable=False),
        sa.Column('body_html', sa.Text(), nullable=False),
        sa.Column('body_text', sa.Text(), nullable=False),
        sa.Column('source', sa.Text(), nullable=False),
        sa.Column('imported_at', UTCDateTime(), nullable=False),
        sa.Column('retired_at', UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_library_items')),
        sa.UniqueConstraint('slug', name=op.f('uq_library_items_slug')),
    )
    op.create_table(
        'library_assets',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('path', sa.String(length=300), nullable=False),
        sa.Column('sha256', sa.String(length=64), nullable=False),
        sa.Column('data', sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_library_assets')),
        sa.UniqueConstraint('path', name=op.f('uq_library_assets_path')),
    )
    op.create_table(
        'library_shares',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('token', sa.String(length=64), nullable=False),
        sa.Column('item_id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('company', sa.String(length=200), nullable=False),
        sa.Column('created_at', UTCDateTime(), nullable=False),
        sa.Column('expires_at', UTCDateTime(), nullable=False),
        sa.Column('revoked_at', UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ['item_id'], ['library_items.id'], name=op.f('fk_library_shares_item_id_library_items')
        ),
        sa.ForeignKeyConstraint(
            ['user_id'], ['users.id'], name=op.f('fk_library_shares_user_id_users'),
            ondelete='CASCADE',
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_library_shares')),
        sa.UniqueConstraint('token', name=op.f('uq_library_shares_token')),
    )
    op.create_index('ix_library_shares_item_id', 'library_shares', ['item_id'])
    op.create_index('ix_library_shares_user_id', 'library_shares', ['user_id'])
    op.create_table(
        'library_events',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('item_id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('team_id', sa.Integer(), nullable=True),
        sa.Column('action', sa.String(length=10), nullable=False),
        sa.Column('day', sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(
            ['item_id'], ['library_items.id'], name=op.f('fk_library_events_item_id_library_items')
        ),
        sa.ForeignKeyConstraint(
            ['team_id'], ['teams.id'], name=op.f('fk_library_events_team_id_teams'),
            ondelete='SET NULL',
        ),
        sa.ForeignKeyConstraint(
            ['user_id'], ['users.id'], name=op.f('fk_library_events_user_id_users'),
            ondelete='CASCADE',
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_library_events')),
    )
    op.create_index('ix_library_events_day', 'library_events', ['day', 'item_id'])
    op.create_index('ix_library_events_user_id', 'library_events', ['user_id'])
    op.create_table(
        'search_misses',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('query', sa.String(length=200), nullable=False),
        sa.Column('count', sa.Integer(), nullable=False),
        sa.Column('last_at', UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_search_misses')),
        sa.UniqueConstraint('query', name=op.f('uq_search_misses_query')),
    )
    if dialect == 'postgresql':
        op.execute(POSTGRES_EXTENSION)
    op.create_table(
        'search_documents',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=20), nullable=False),
        sa.Column('course_id', sa.Integer(), nullable=True),
        sa.Column('item_id', sa.Integer(), nullable=True),
        sa.Column('title', sa.String(length=500), nullable=False),
        sa.Column('url', sa.String(length=1000), nullable=False),
        sa.Column('body', sa.Text(), nullable=False),
        sa.Column('title_folded', sa.String(length=500), nullable=False),
        sa.Column('haystack', sa.Text(), nullable=False),
        sa.Column('item_kind', sa.String(length=20), nullable=True),
        sa.Column('personas', sa.Text(), nullable=False),
        sa.Column('stages', sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ['course_id'], ['courses.id'], name=op.f('fk_search_documents_course_id_courses'),
            ondelete='CASCADE',
        ),
        sa.ForeignKeyConstraint(
            ['item_id'], ['library_items.id'],
            name=op.f('fk_search_documents_item_id_library_items'), ondelete='CASCADE',
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_search_documents')),
    )
    op.create_index('ix_search_documents_course_id', 'search_documents', ['course_id'])
    for statement in ENGINE_DDL.get(dialect, ()):
        op.execute(statement)


def downgrade() -> None:
    for statement in ENGINE_DROP.get(op.get_bind().dialect.name, ()):
        op.execute(statement)
    op.drop_index('ix_search_documents_course_id', table_name='search_documents')
    op.drop_table('search_documents')
    op.drop_table('search_misses')
    op.drop_index('ix_library_events_user_id', table_name='library_events')
    op.drop_index('ix_library_events_day', table_name='library_events')
    op.drop_table('library_events')
    op.drop_index('ix_library_shares_user_id', table_name='library_shares')
    op.drop_index('ix_library_shares_item_id', table_name='library_shares')
    op.drop_table('library_shares')
    op.drop_table('library_assets')
    op.drop_table('library_items')
