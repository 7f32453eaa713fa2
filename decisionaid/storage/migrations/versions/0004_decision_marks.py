"""the four marks of a shared decision, ticked by whoever recorded it

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01 05:20:00
"""

from alembic import op
import sqlalchemy as sa


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A JSON list of mark codes; reviews recorded before the marks existed have none.
    with op.batch_alter_table('peer_reviews') as batch:
        batch.add_column(sa.Column('marks', sa.Text(), nullable=False, server_default='[]'))


def downgrade() -> None:
    with op.batch_alter_table('peer_reviews') as batch:
        batch.drop_column('marks')
