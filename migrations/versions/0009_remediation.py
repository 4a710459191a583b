"""remediation: course records, remediation log, path extensions and removals, shared notes

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01 16:20:00
"""

from alembic import op
import sqlalchemy as sa
import lms.db


revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None

# Completion is earned once: reps who finished a course before this revision keep it.
BACKFILL = """
INSERT INTO course_records (user_id, course_id, completed_at, completed_version, created_at)
SELECT mp.user_id, m.course_id, MAX(mp.completed_at), MAX(c.version), MAX(mp.completed_at)
FROM module_progress mp
JOIN modules m ON m.id = mp.module_id AND m.retired_at IS NULL
JOIN courses c ON c.id = m.course_id
GROUP BY mp.user_id, m.course_id
HAVING COUNT(mp.completed_at) = (
    SELECT COUNT(*) FROM modules m2 WHERE m2.course_id = m.course_id AND m2.retired_at IS NULL
)
"""


def upgrade() -> None:
    op.create_table('course_records',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('course_id', sa.Integer(), nullable=False),
    sa.Column('assigned_at', lms.db.UTCDateTime(), nullable=True),
    sa.Column('due_date', sa.Date(), nullable=True),
    sa.Column('completed_at', lms.db.UTCDateTime(), nullable=True),
    sa.Column('completed_version', sa.Integer(), nullable=True),
    sa.Column('new_material_due', sa.Date(), nullable=True),
    sa.Column('created_at', lms.db.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['course_id'], ['courses.id'], name=op.f('fk_course_records_course_id_courses')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_course_records_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_course_records')),
    sa.UniqueConstraint('user_id', 'course_id', name=op.f('uq_course_records_user_id_course_id'))
    )
    with op.batch_alter_table('course_records', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_course_records_user_id'), ['user_id'], unique=False)

    op.create_table('remediations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('rep_id', sa.Integer(), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('extra attempts', 'reset module', 'extend course', 'extend path', 'assign course', 'remove path', name='remedykind', native_enum=False), nullable=False),
    sa.Column('summary', sa.String(length=300), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('course_id', sa.Integer(), nullable=True),
    sa.Column('module_id', sa.Integer(), nullable=True),
    sa.Column('path_id', sa.Integer(), nullable=True),
    sa.Column('created_at', lms.db.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['users.id'], name=op.f('fk_remediations_actor_id_users')),
    sa.ForeignKeyConstraint(['course_id'], ['courses.id'], name=op.f('fk_remediations_course_id_courses')),
    sa.ForeignKeyConstraint(['module_id'], ['modules.id'], name=op.f('fk_remediations_module_id_modules')),
    sa.ForeignKeyConstraint(['path_id'], ['learning_paths.id'], name=op.f('fk_remediations_path_id_learning_paths')),
    sa.ForeignKeyConstraint(['rep_id'], ['users.id'], name=op.f('fk_remediations_rep_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_remediations'))
    )
    with op.batch_alter_table('remediations', schema=None) as batch_op:
        batch_op.create_index('ix_remediations_rep_created', ['rep_id', 'created_at'], unique=False)

    with op.batch_alter_table('enrollments', schema=None) as batch_op:
        batch_op.add_column(sa.Column('extra_days', sa.Integer(), nullable=False, server_default='0'))
        batch_op.add_column(sa.Column('removed_at', lms.db.UTCDateTime(), nullable=True))

    with op.batch_alter_table('module_progress', schema=None) as batch_op:
        batch_op.add_column(sa.Column('extra_attempts', sa.Integer(), nullable=False, server_default='0'))

    with op.batch_alter_table('judgements', schema=None) as batch_op:
        batch_op.add_column(sa.Column('shared', sa.Boolean(), nullable=False, server_default=sa.false()))

    op.execute(BACKFILL)


def downgrade() -> None:
    with op.batch_alter_table('judgements', schema=None) as batch_op:
        batch_op.drop_column('shared')
    with op.batch_alter_table('module_progress', schema=None) as batch_op:
        batch_op.drop_column('extra_attempts')
    with op.batch_alter_table('enrollments', schema=None) as batch_op:
        batch_op.drop_column('removed_at')
        batch_op.drop_column('extra_days')
    with op.batch_alter_table('remediations', schema=None) as batch_op:
        batch_op.drop_index('ix_remediations_rep_created')
    op.drop_table('remediations')
    with op.batch_alter_table('course_records', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_course_records_user_id'))
    op.drop_table('course_records')
