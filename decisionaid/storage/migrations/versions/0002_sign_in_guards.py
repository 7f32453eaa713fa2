"""sign-in guards, pending sign-ups, PIN reset flag, prescriber role

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01 04:40:00
"""

from alembic import op
import sqlalchemy as sa


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('sign_in_guards',
    sa.Column('key', sa.String(length=80), nullable=False),
    sa.Column('tries', sa.Integer(), nullable=False),
    sa.Column('started_at', sa.DateTime(), nullable=False),
    sa.Column('locked_until', sa.DateTime(), nullable=True),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_sign_in_guards'))
    )
    with op.batch_alter_table('service_users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('pending', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column('must_choose_pin', sa.Boolean(), server_default=sa.false(), nullable=False))
    with op.batch_alter_table('staff', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_staff_role'), type_='check')
        batch_op.alter_column('role', existing_type=sa.String(length=8), type_=sa.String(length=16),
                              existing_nullable=False)
        batch_op.create_check_constraint('role', "role IN ('peer', 'admin', 'prescriber')")


def downgrade() -> None:
    with op.batch_alter_table('staff', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_staff_role'), type_='check')
        batch_op.alter_column('role', existing_type=sa.String(length=16), type_=sa.String(length=8),
                              existing_nullable=False)
        batch_op.create_check_constraint('role', "role IN ('peer', 'admin')")
    with op.batch_alter_table('service_users', schema=None) as batch_op:
        batch_op.drop_column('must_choose_pin')
        batch_op.drop_column('pending')
    op.drop_table('sign_in_guards')
