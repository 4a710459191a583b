"""attempts indexed by user, module and number

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-27 14:45:00
"""

from alembic import op


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('attempts', schema=None) as batch_op:
        batch_op.create_index(
            'ix_attempts_user_module_number', ['user_id', 'module_id', 'number'], unique=False
        )
        batch_op.drop_index('ix_attempts_user_module')


def downgrade() -> None:
    with op.batch_alter_table('attempts', schema=None) as batch_op:
        batch_op.create_index('ix_attempts_user_module', ['user_id', 'module_id'], unique=False)
        batch_op.drop_index('ix_attempts_user_module_number')
