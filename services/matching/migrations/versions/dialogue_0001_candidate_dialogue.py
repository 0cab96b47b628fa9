"""the dialogue: student answers and interests, introduction requests, partners' feedback and its reminders"""
import sqlalchemy as sa
from alembic import op

revision, down_revision = 'dialogue_m0001', 'keys_m0001'


def upgrade() -> None:
    with op.batch_alter_table('suggestions') as batch:
        batch.add_column(sa.Column('origin', sa.String(length=10), server_default='engine', nullable=False))
        batch.add_column(sa.Column('student_answer', sa.String(length=15), nullable=True))
        batch.add_column(sa.Column('student_reason', sa.Text(), nullable=True))
        batch.add_column(sa.Column('answered_at', sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column('introduction_requested_at', sa.DateTime(timezone=True), nullable=True))
    op.create_table('candidate_feedback',
                    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True,
                              nullable=False),
                    sa.Column('suggestion_id', sa.String(length=36), nullable=False),
                    sa.Column('client_id', sa.String(length=36), nullable=False),
                    sa.Column('need_id', sa.String(length=36), nullable=False),
                    sa.Column('stage', sa.String(length=20), nullable=False),
                    sa.Column('employment', sa.String(length=20), nullable=True),
                    sa.Column('reason', sa.Text(), nullable=True),
                    sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
                    sa.Column('recorded_by', sa.String(length=36), nullable=True),
                    sa.PrimaryKeyConstraint('id', name=op.f('pk_candidate_feedback')))
    for column in ('suggestion_id', 'client_id', 'need_id'):
        op.create_index(op.f(f'ix_candidate_feedback_{column}'), 'candidate_feedback', [column], unique=False)
    op.create_table('feedback_reminders',
                    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True,
                              nullable=False),
                    sa.Column('suggestion_id', sa.String(length=36), nullable=False),
                    sa.Column('client_id', sa.String(length=36), nullable=False),
                    sa.Column('need_id', sa.String(length=36), nullable=False),
                    sa.Column('partner_organisation', sa.String(length=63), nullable=False),
                    sa.Column('introduced_at', sa.DateTime(timezone=True), nullable=False),
                    sa.Column('reminded_at', sa.DateTime(timezone=True), nullable=False),
                    sa.Column('done_at', sa.DateTime(timezone=True), nullable=True),
                    sa.PrimaryKeyConstraint('id', name=op.f('pk_feedback_reminders')),
                    sa.UniqueConstraint('suggestion_id', name=op.f('uq_feedback_reminders_suggestion_id')))
    op.create_index(op.f('ix_feedback_reminders_client_id'), 'feedback_reminders', ['client_id'], unique=False)
    op.create_index(op.f('ix_feedback_reminders_partner_organisation'), 'feedback_reminders',
                    ['partner_organisation'], unique=False)


def downgrade() -> None:
    op.drop_table('feedback_reminders')
    op.drop_table('candidate_feedback')
    with op.batch_alter_table('suggestions') as batch:
        for column in ('introduction_requested_at', 'answered_at', 'student_reason', 'student_answer', 'origin'):
            batch.drop_column(column)
