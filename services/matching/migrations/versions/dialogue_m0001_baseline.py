"""matching: the whole schema in one revision (the history up to dialogue_m0001 squashed)

A database at an older revision first upgrades to dialogue_m0001 with the release before the squash (commit e3fc47f);
see docs/operations.md.
"""
import sqlalchemy as sa
from alembic import op

from shared.web.idempotency import create_table as create_idempotency_table
from shared.web.idempotency import drop_table as drop_idempotency_table

revision, down_revision = 'dialogue_m0001', '0001'


def upgrade() -> None:
    op.create_table('candidate_feedback',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('suggestion_id', sa.String(length=36), nullable=False),
    sa.Column('client_id', sa.String(length=36), nullable=False),
    sa.Column('need_id', sa.String(length=36), nullable=False),
    sa.Column('stage', sa.String(length=20), nullable=False),
    sa.Column('employment', sa.String(length=20), nullable=True),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('recorded_by', sa.String(length=36), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_candidate_feedback'))
    )
    op.create_index(op.f('ix_candidate_feedback_client_id'), 'candidate_feedback', ['client_id'], unique=False)
    op.create_index(op.f('ix_candidate_feedback_need_id'), 'candidate_feedback', ['need_id'], unique=False)
    op.create_index(op.f('ix_candidate_feedback_suggestion_id'), 'candidate_feedback', ['suggestion_id'], unique=False)
    op.create_table('decisions',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('suggestion_id', sa.String(length=36), nullable=False),
    sa.Column('client_id', sa.String(length=36), nullable=False),
    sa.Column('organisation', sa.String(length=63), nullable=False),
    sa.Column('target_kind', sa.String(length=20), nullable=False),
    sa.Column('target_id', sa.String(length=36), nullable=False),
    sa.Column('accepted', sa.Boolean(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('need_fingerprint', sa.String(length=32), nullable=False),
    sa.Column('profile_fingerprint', sa.String(length=32), nullable=False),
    sa.Column('rank', sa.Integer(), nullable=False),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('decided_by', sa.String(length=36), nullable=True),
    sa.Column('in_force', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_decisions')),
    sa.UniqueConstraint('suggestion_id', name=op.f('uq_decisions_suggestion_id'))
    )
    op.create_index(op.f('ix_decisions_client_id'), 'decisions', ['client_id'], unique=False)
    op.create_table('digest_subscriptions',
    sa.Column('user_id', sa.String(length=36), nullable=False),
    sa.Column('username', sa.String(length=100), nullable=False),
    sa.Column('organisation', sa.String(length=63), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('locale', sa.String(length=5), nullable=False),
    sa.Column('subscribed_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('last_sent_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('user_id', name=op.f('pk_digest_subscriptions'))
    )
    op.create_table('engine_state',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('token', sa.String(length=32), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_engine_state'))
    )
    op.create_table('environment_roles',
    sa.Column('role_id', sa.String(length=36), nullable=False),
    sa.Column('environment_id', sa.String(length=36), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('seats', sa.Integer(), nullable=False),
    sa.Column('record', sa.JSON(), nullable=False),
    sa.Column('changed_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('role_id', name=op.f('pk_environment_roles'))
    )
    op.create_index(op.f('ix_environment_roles_environment_id'), 'environment_roles', ['environment_id'], unique=False)
    op.create_table('environments',
    sa.Column('environment_id', sa.String(length=36), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('organisation', sa.String(length=63), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('record', sa.JSON(), nullable=False),
    sa.Column('changed_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('environment_id', name=op.f('pk_environments'))
    )
    op.create_table('fairness_snapshots',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('period', sa.String(length=7), nullable=False),
    sa.Column('group_kind', sa.String(length=20), nullable=False),
    sa.Column('report', sa.JSON(), nullable=False),
    sa.Column('computed_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_fairness_snapshots')),
    sa.UniqueConstraint('period', 'group_kind', name=op.f('uq_fairness_snapshots_period'))
    )
    op.create_table('feedback_reminders',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('suggestion_id', sa.String(length=36), nullable=False),
    sa.Column('client_id', sa.String(length=36), nullable=False),
    sa.Column('need_id', sa.String(length=36), nullable=False),
    sa.Column('partner_organisation', sa.String(length=63), nullable=False),
    sa.Column('introduced_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('reminded_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('done_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_feedback_reminders')),
    sa.UniqueConstraint('suggestion_id', name=op.f('uq_feedback_reminders_suggestion_id'))
    )
    op.create_index(op.f('ix_feedback_reminders_client_id'), 'feedback_reminders', ['client_id'], unique=False)
    op.create_index(op.f('ix_feedback_reminders_partner_organisation'), 'feedback_reminders', ['partner_organisation'], unique=False)
    op.create_table('needs',
    sa.Column('need_id', sa.String(length=36), nullable=False),
    sa.Column('partner_id', sa.String(length=36), nullable=False),
    sa.Column('organisation', sa.String(length=63), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('record', sa.JSON(), nullable=False),
    sa.Column('changed_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('need_id', name=op.f('pk_needs'))
    )
    op.create_index(op.f('ix_needs_partner_id'), 'needs', ['partner_id'], unique=False)
    op.create_table('participants',
    sa.Column('environment_id', sa.String(length=36), nullable=False),
    sa.Column('client_id', sa.String(length=36), nullable=False),
    sa.Column('role_id', sa.String(length=36), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('environment_id', 'client_id', name=op.f('pk_participants'))
    )
    op.create_table('partners',
    sa.Column('partner_id', sa.String(length=36), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('organisation', sa.String(length=63), nullable=True),
    sa.Column('registered_by', sa.String(length=63), nullable=False),
    sa.Column('municipality', sa.String(length=3), nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('partner_id', name=op.f('pk_partners'))
    )
    op.create_table('person_keys',
    sa.Column('client_id', sa.String(length=36), nullable=False),
    sa.Column('key_version', sa.Integer(), nullable=False),
    sa.Column('person_key', sa.String(length=64), nullable=False),
    sa.Column('organisation', sa.String(length=63), nullable=False),
    sa.Column('received_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('client_id', 'key_version', name=op.f('pk_person_keys'))
    )
    op.create_index('ix_person_keys_version_key', 'person_keys', ['key_version', 'person_key'], unique=False)
    op.create_table('profiles',
    sa.Column('client_id', sa.String(length=36), nullable=False),
    sa.Column('organisation', sa.String(length=63), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('record', sa.JSON(), nullable=True),
    sa.Column('changed_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('client_id', name=op.f('pk_profiles'))
    )
    op.create_index(op.f('ix_profiles_organisation'), 'profiles', ['organisation'], unique=False)
    op.create_table('shared_clients_told',
    sa.Column('client_id', sa.String(length=36), nullable=False),
    sa.Column('other_client_id', sa.String(length=36), nullable=False),
    sa.Column('told_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('client_id', 'other_client_id', name=op.f('pk_shared_clients_told'))
    )
    op.create_table('suggestions',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('client_id', sa.String(length=36), nullable=False),
    sa.Column('organisation', sa.String(length=63), nullable=False),
    sa.Column('target_kind', sa.String(length=20), nullable=False),
    sa.Column('target_id', sa.String(length=36), nullable=False),
    sa.Column('environment_id', sa.String(length=36), nullable=True),
    sa.Column('score', sa.Float(), nullable=False),
    sa.Column('rank', sa.Integer(), nullable=False),
    sa.Column('explanation', sa.JSON(), nullable=False),
    sa.Column('service_areas', sa.JSON(), nullable=False),
    sa.Column('need_fingerprint', sa.String(length=32), nullable=False),
    sa.Column('profile_fingerprint', sa.String(length=32), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('made_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('withdrawn_reason', sa.String(length=30), nullable=True),
    sa.Column('origin', sa.String(length=10), server_default='engine', nullable=False),
    sa.Column('student_answer', sa.String(length=15), nullable=True),
    sa.Column('student_reason', sa.Text(), nullable=True),
    sa.Column('answered_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('introduction_requested_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_suggestions'))
    )
    op.create_index(op.f('ix_suggestions_client_id'), 'suggestions', ['client_id'], unique=False)
    op.create_index('ix_suggestions_org_status', 'suggestions', ['organisation', 'status', 'made_at'], unique=False)
    op.create_index('ix_suggestions_target', 'suggestions', ['target_kind', 'target_id', 'client_id'], unique=False)

    create_idempotency_table()


def downgrade() -> None:
    drop_idempotency_table()
    op.drop_index('ix_suggestions_target', table_name='suggestions')
    op.drop_index('ix_suggestions_org_status', table_name='suggestions')
    op.drop_index(op.f('ix_suggestions_client_id'), table_name='suggestions')
    op.drop_table('suggestions')
    op.drop_table('shared_clients_told')
    op.drop_index(op.f('ix_profiles_organisation'), table_name='profiles')
    op.drop_table('profiles')
    op.drop_index('ix_person_keys_version_key', table_name='person_keys')
    op.drop_table('person_keys')
    op.drop_table('partners')
    op.drop_table('participants')
    op.drop_index(op.f('ix_needs_partner_id'), table_name='needs')
    op.drop_table('needs')
    op.drop_index(op.f('ix_feedback_reminders_partner_organisation'), table_name='feedback_reminders')
    op.drop_index(op.f('ix_feedback_reminders_client_id'), table_name='feedback_reminders')
    op.drop_table('feedback_reminders')
    op.drop_table('fairness_snapshots')
    op.drop_table('environments')
    op.drop_index(op.f('ix_environment_roles_environment_id'), table_name='environment_roles')
    op.drop_table('environment_roles')
    op.drop_table('engine_state')
    op.drop_table('digest_subscriptions')
    op.drop_index(op.f('ix_decisions_client_id'), table_name='decisions')
    op.drop_table('decisions')
    op.drop_index(op.f('ix_candidate_feedback_suggestion_id'), table_name='candidate_feedback')
    op.drop_index(op.f('ix_candidate_feedback_need_id'), table_name='candidate_feedback')
    op.drop_index(op.f('ix_candidate_feedback_client_id'), table_name='candidate_feedback')
    op.drop_table('candidate_feedback')
