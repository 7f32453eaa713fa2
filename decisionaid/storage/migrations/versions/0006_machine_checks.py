"""this database's own id (carried by its backups) and each machine's latest doctor result

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-07 14:20:00
"""

import uuid
from datetime import UTC, datetime

from alembic import op
import sqlalchemy as sa


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    identity = op.create_table('database_identity',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('made_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_database_identity'))
    )
    op.bulk_insert(identity, [{'id': str(uuid.uuid4()),
                               'made_at': datetime.now(UTC).replace(tzinfo=None)}])
    op.create_table('machine_checks',
    sa.Column('machine', sa.String(length=64), nullable=False),
    sa.Column('checked_at', sa.DateTime(), nullable=False),
    sa.Column('state', sa.String(length=8), nullable=False),
    sa.Column('findings', sa.Text(), nullable=False),
    sa.CheckConstraint("state IN ('ok', 'warn', 'fail')", name=op.f('ck_machine_checks_state')),
    sa.PrimaryKeyConstraint('machine', name=op.f('pk_machine_checks'))
    )


def downgrade() -> None:
    op.drop_table('machine_checks')
    op.drop_table('database_identity')
