"""today's appointments, imported from the clinic's schedule and linked to visits

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07 14:40:00
"""

from alembic import op
import sqlalchemy as sa


revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    name_key = sa.String(length=80).with_variant(sa.String(length=80, collation='C'), 'postgresql')
    op.create_table('appointments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('source_key', sa.String(length=200), nullable=False),
    sa.Column('starts_at', sa.DateTime(), nullable=False),
    sa.Column('given_name', sa.String(length=80), nullable=False),
    sa.Column('family_name', sa.String(length=80), nullable=False),
    sa.Column('name_key', name_key, nullable=False),
    sa.Column('date_of_birth', sa.Date(), nullable=False),
    sa.Column('record_number', sa.String(length=40), nullable=True),
    sa.Column('patient_ref', sa.String(length=200), nullable=True),
    sa.Column('prescriber', sa.String(length=120), nullable=False),
    sa.Column('prescriber_ref', sa.String(length=200), nullable=True),
    sa.Column('visit_type', sa.String(length=80), nullable=False),
    sa.Column('visit_id', sa.Integer(), nullable=True),
    sa.Column('arrived_at', sa.DateTime(), nullable=True),
    sa.Column('imported_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['visit_id'], ['visits.id'], name=op.f('fk_appointments_visit_id_visits'),
                            ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_appointments')),
    sa.UniqueConstraint('source_key', name=op.f('uq_appointments_source_key')),
    sa.UniqueConstraint('visit_id', name=op.f('uq_appointments_visit_id'))
    )
    op.create_index('ix_appointments_starts_at', 'appointments', ['starts_at'], unique=False)
    op.create_index('ix_appointments_name_key_date_of_birth', 'appointments',
                    ['name_key', 'date_of_birth'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_appointments_name_key_date_of_birth', table_name='appointments')
    op.drop_index('ix_appointments_starts_at', table_name='appointments')
    op.drop_table('appointments')
