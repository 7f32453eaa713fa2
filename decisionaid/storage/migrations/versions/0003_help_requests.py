"""help requests raised at a kiosk for the peer station

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01 05:05:00
"""

from alembic import op
import sqlalchemy as sa


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('help_requests',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('visit_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('kiosk', sa.String(length=64), nullable=False),
    sa.Column('screen', sa.String(length=40), nullable=False),
    sa.Column('raised_at', sa.DateTime(), nullable=False),
    sa.Column('handled_by', sa.Integer(), nullable=True),
    sa.Column('handled_at', sa.DateTime(), nullable=True),
    sa.CheckConstraint("kind IN ('help', 'talk-now')", name=op.f('ck_help_requests_kind')),
    sa.ForeignKeyConstraint(['handled_by'], ['staff.id'], name=op.f('fk_help_requests_handled_by_staff'),
                            ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['visit_id'], ['visits.id'], name=op.f('fk_help_requests_visit_id_visits'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_help_requests'))
    )
    op.create_index('ix_help_requests_handled_at_raised_at', 'help_requests', ['handled_at', 'raised_at'],
                    unique=False)
    op.create_index('ix_help_requests_visit_id', 'help_requests', ['visit_id'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_help_requests_visit_id', table_name='help_requests')
    op.drop_index('ix_help_requests_handled_at_raised_at', table_name='help_requests')
    op.drop_table('help_requests')
