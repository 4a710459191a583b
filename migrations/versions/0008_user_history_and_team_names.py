"""user history, pending HR imports, team names unique ignoring case

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01 16:20:00
"""

from alembic import op
import sqlalchemy as sa
import lms.db


revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def _rename_case_duplicates() -> None:
    """Teams named alike but for case ("Team West", "team west") get " (2)", " (3)"...

    The oldest keeps its name; nothing is merged, so no one changes team.
    """
    conn = op.get_bind()
    rows = conn.execute(sa.text("SELECT id, name FROM teams ORDER BY id")).all()
    taken = {name.lower() for _, name in rows}
    seen = set()
    for team_id, name in rows:
        if name.lower() not in seen:
            seen.add(name.lower())
            continue
        n = 2
        while f"{name} ({n})".lower() in taken:
            n += 1
        new = f"{name} ({n})"
        taken.add(new.lower())
        conn.execute(
            sa.text("UPDATE teams SET name = :name WHERE id = :id"), {"name": new, "id": team_id}
        )


def upgrade() -> None:
    _rename_case_duplicates()
    op.create_index('uq_teams_lower_name', 'teams', [sa.text('lower(name)')], unique=True)
    op.create_table(
        'user_events',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('actor_id', sa.Integer(), nullable=True),
        sa.Column('kind', sa.String(length=40), nullable=False),
        sa.Column('details', sa.JSON(), nullable=False),
        sa.Column('created_at', lms.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ['actor_id'], ['users.id'],
            name=op.f('fk_user_events_actor_id_users'), ondelete='SET NULL',
        ),
        sa.ForeignKeyConstraint(
            ['user_id'], ['users.id'],
            name=op.f('fk_user_events_user_id_users'), ondelete='CASCADE',
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_user_events')),
    )
    op.create_index(
        'ix_user_events_user_created', 'user_events', ['user_id', 'created_at', 'id'], unique=False
    )
    op.create_table(
        'pending_imports',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('admin_id', sa.Integer(), nullable=False),
        sa.Column('filename', sa.String(length=255), nullable=False),
        sa.Column('content', sa.Text(), nullable=False),
        sa.Column('deactivate_missing', sa.Boolean(), nullable=False),
        sa.Column('created_at', lms.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ['admin_id'], ['users.id'],
            name=op.f('fk_pending_imports_admin_id_users'), ondelete='CASCADE',
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_pending_imports')),
    )
    op.create_index(
        op.f('ix_pending_imports_admin_id'), 'pending_imports', ['admin_id'], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f('ix_pending_imports_admin_id'), table_name='pending_imports')
    op.drop_table('pending_imports')
    op.drop_index('ix_user_events_user_created', table_name='user_events')
    op.drop_table('user_events')
    op.drop_index('uq_teams_lower_name', table_name='teams')
