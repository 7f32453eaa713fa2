"""the outbox for the clinic's health record: reports and answers owed to a folder or FHIR server

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07 15:05:00
"""

from alembic import op
import sqlalchemy as sa


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('chart_deliveries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('visit_id', sa.Integer(), nullable=False),
    sa.Column('event', sa.String(length=16), nullable=False),
    sa.Column('destination', sa.String(length=16), nullable=False),
    sa.Column('state', sa.String(length=16), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('next_attempt_at', sa.DateTime(), nullable=True),
    sa.Column('claimed_until', sa.DateTime(), nullable=True),
    sa.Column('sent_at', sa.DateTime(), nullable=True),
    sa.Column('last_error', sa.String(length=300), nullable=True),
    sa.CheckConstraint("event IN ('printed', 'saved', 'reviewed')",
                       name=op.f('ck_chart_deliveries_event')),
    sa.CheckConstraint("state IN ('pending', 'sent', 'failed')",
                       name=op.f('ck_chart_deliveries_state')),
    sa.ForeignKeyConstraint(['visit_id'], ['visits.id'],
                            name=op.f('fk_chart_deliveries_visit_id_visits'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_chart_deliveries'))
    )
    op.create_index('ix_chart_deliveries_state_next_attempt_at', 'chart_deliveries',
                    ['state', 'next_attempt_at'], unique=False)
    op.create_index('ix_chart_deliveries_visit_id', 'chart_deliveries', ['visit_id'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_chart_deliveries_visit_id', table_name='chart_deliveries')
    op.drop_index('ix_chart_deliveries_state_next_attempt_at', table_name='chart_deliveries')
    op.drop_table('chart_deliveries')
