"""help requests carry the kiosk's own id; unanswered safety questions ask for a check-in

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-07 14:10:00
"""

from alembic import op
import sqlalchemy as sa


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Requests raised before this had no id of the kiosk's: NULL, which a unique column allows.
    with op.batch_alter_table('help_requests') as batch:
        batch.add_column(sa.Column('request_key', sa.String(length=36), nullable=True))
        batch.create_unique_constraint(op.f('uq_help_requests_request_key'), ['request_key'])
    op.create_table('safety_check_ins',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('visit_id', sa.Integer(), nullable=False),
    sa.Column('questionnaire_id', sa.String(length=64), nullable=False),
    sa.Column('item_id', sa.String(length=64), nullable=False),
    sa.Column('raised_at', sa.DateTime(), nullable=False),
    sa.Column('acknowledged_by', sa.Integer(), nullable=True),
    sa.Column('acknowledged_at', sa.DateTime(), nullable=True),
    sa.Column('acknowledgement_note', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['acknowledged_by'], ['staff.id'],
                            name=op.f('fk_safety_check_ins_acknowledged_by_staff'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['visit_id'], ['visits.id'], name=op.f('fk_safety_check_ins_visit_id_visits'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_safety_check_ins')),
    sa.UniqueConstraint('visit_id', 'questionnaire_id', 'item_id',
                        name=op.f('uq_safety_check_ins_visit_id_questionnaire_id_item_id'))
    )
    op.create_index('ix_safety_check_ins_acknowledged_at', 'safety_check_ins', ['acknowledged_at'],
                    unique=False)


def downgrade() -> None:
    op.drop_index('ix_safety_check_ins_acknowledged_at', table_name='safety_check_ins')
    op.drop_table('safety_check_ins')
    with op.batch_alter_table('help_requests') as batch:
        batch.drop_constraint(op.f('uq_help_requests_request_key'), type_='unique')
        batch.drop_column('request_key')
