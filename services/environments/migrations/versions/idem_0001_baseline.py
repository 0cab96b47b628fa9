"""environments: the whole schema in one revision (the history up to idem_0001 squashed)

A database at an older revision first upgrades to idem_0001 with the release before the squash (commit e3fc47f);
see docs/operations.md.
"""
import sqlalchemy as sa
from alembic import op

from shared.web.idempotency import create_table as create_idempotency_table
from shared.web.idempotency import drop_table as drop_idempotency_table

revision, down_revision = 'idem_0001', '0001'


def upgrade() -> None:
    op.create_table('competence_needs',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('partner_id', sa.String(length=36), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('work_type', sa.String(length=20), nullable=True),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('skills', sa.JSON(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_competence_needs'))
    )
    op.create_index(op.f('ix_competence_needs_partner_id'), 'competence_needs', ['partner_id'], unique=False)
    op.create_table('environments',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('host_organisation', sa.String(length=63), nullable=False),
    sa.Column('institutions', sa.JSON(), nullable=False),
    sa.Column('fields_of_education', sa.JSON(), nullable=False),
    sa.Column('municipality', sa.String(length=3), nullable=True),
    sa.Column('service_area', sa.String(length=60), nullable=True),
    sa.Column('starts_on', sa.Date(), nullable=True),
    sa.Column('ends_on', sa.Date(), nullable=True),
    sa.Column('capacity', sa.Integer(), nullable=False),
    sa.Column('learning_goals', sa.Text(), nullable=True),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('cancel_reason', sa.Text(), nullable=True),
    sa.Column('created_by', sa.String(length=36), nullable=True),
    sa.Column('opened_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('started_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('completed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('evaluated_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('cancelled_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_environments'))
    )
    op.create_index(op.f('ix_environments_host_organisation'), 'environments', ['host_organisation'], unique=False)
    op.create_index(op.f('ix_environments_status'), 'environments', ['status'], unique=False)
    op.create_table('known_clients',
    sa.Column('organisation', sa.String(length=63), nullable=False),
    sa.Column('client_id', sa.String(length=36), nullable=False),
    sa.Column('received_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('organisation', 'client_id', name=op.f('pk_known_clients'))
    )
    op.create_table('partners',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('organisation', sa.String(length=63), nullable=True),
    sa.Column('recorded_by', sa.String(length=63), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_partners'))
    )
    op.create_index(op.f('ix_partners_organisation'), 'partners', ['organisation'], unique=False)
    op.create_table('environment_needs',
    sa.Column('environment_id', sa.String(length=36), nullable=False),
    sa.Column('need_id', sa.String(length=36), nullable=False),
    sa.Column('partner_id', sa.String(length=36), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['environment_id'], ['environments.id'], name=op.f('fk_environment_needs_environment_id_environments'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('environment_id', 'need_id', name=op.f('pk_environment_needs'))
    )
    op.create_table('environment_partners',
    sa.Column('environment_id', sa.String(length=36), nullable=False),
    sa.Column('partner_id', sa.String(length=36), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('organisation', sa.String(length=63), nullable=True),
    sa.ForeignKeyConstraint(['environment_id'], ['environments.id'], name=op.f('fk_environment_partners_environment_id_environments'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('environment_id', 'partner_id', name=op.f('pk_environment_partners'))
    )
    op.create_index(op.f('ix_environment_partners_organisation'), 'environment_partners', ['organisation'], unique=False)
    op.create_table('refused_enrolments',
    sa.Column('suggestion_id', sa.String(length=36), nullable=False),
    sa.Column('environment_id', sa.String(length=36), nullable=False),
    sa.Column('role_id', sa.String(length=36), nullable=False),
    sa.Column('client_id', sa.String(length=36), nullable=True),
    sa.Column('client_organisation', sa.String(length=63), nullable=False),
    sa.Column('reason', sa.String(length=200), nullable=False),
    sa.Column('refused_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['environment_id'], ['environments.id'], name=op.f('fk_refused_enrolments_environment_id_environments'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('suggestion_id', name=op.f('pk_refused_enrolments'))
    )
    op.create_index(op.f('ix_refused_enrolments_client_id'), 'refused_enrolments', ['client_id'], unique=False)
    op.create_index(op.f('ix_refused_enrolments_environment_id'), 'refused_enrolments', ['environment_id'], unique=False)
    op.create_table('review_items',
    sa.Column('environment_id', sa.String(length=36), nullable=False),
    sa.Column('item', sa.String(length=40), nullable=False),
    sa.Column('checked', sa.Boolean(), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('reviewed_by', sa.String(length=36), nullable=True),
    sa.Column('reviewer_name', sa.String(length=200), nullable=True),
    sa.Column('reviewed_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['environment_id'], ['environments.id'], name=op.f('fk_review_items_environment_id_environments'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('environment_id', 'item', name=op.f('pk_review_items'))
    )
    op.create_table('roles',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('environment_id', sa.String(length=36), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('seats', sa.Integer(), nullable=False),
    sa.Column('fields', sa.JSON(), nullable=False),
    sa.Column('skills', sa.JSON(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['environment_id'], ['environments.id'], name=op.f('fk_roles_environment_id_environments'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_roles'))
    )
    op.create_index(op.f('ix_roles_environment_id'), 'roles', ['environment_id'], unique=False)
    op.create_table('participants',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('environment_id', sa.String(length=36), nullable=False),
    sa.Column('role_id', sa.String(length=36), nullable=False),
    sa.Column('client_id', sa.String(length=36), nullable=True),
    sa.Column('client_organisation', sa.String(length=63), nullable=False),
    sa.Column('team_name', sa.String(length=80), nullable=True),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('started_on', sa.Date(), nullable=True),
    sa.Column('ended_on', sa.Date(), nullable=True),
    sa.Column('learning_goals', sa.Text(), nullable=True),
    sa.Column('withdrawal_reason', sa.Text(), nullable=True),
    sa.Column('gender', sa.String(length=12), nullable=True),
    sa.Column('enrolled_by', sa.String(length=36), nullable=True),
    sa.Column('via_suggestion_id', sa.String(length=36), nullable=True),
    sa.Column('demonstrated_skills', sa.JSON(), nullable=False),
    sa.Column('erased_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['environment_id'], ['environments.id'], name=op.f('fk_participants_environment_id_environments'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['role_id'], ['roles.id'], name=op.f('fk_participants_role_id_roles')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_participants')),
    sa.UniqueConstraint('environment_id', 'client_organisation', 'client_id', name='uq_participants_client')
    )
    op.create_index(op.f('ix_participants_client_id'), 'participants', ['client_id'], unique=False)
    op.create_index(op.f('ix_participants_environment_id'), 'participants', ['environment_id'], unique=False)
    op.create_table('assessments',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('environment_id', sa.String(length=36), nullable=False),
    sa.Column('partner_id', sa.String(length=36), nullable=False),
    sa.Column('subject', sa.String(length=36), nullable=False),
    sa.Column('participant_id', sa.String(length=36), nullable=True),
    sa.Column('scores', sa.JSON(), nullable=False),
    sa.Column('skills', sa.JSON(), nullable=False),
    sa.Column('free_text', sa.Text(), nullable=True),
    sa.Column('given_by', sa.String(length=36), nullable=True),
    sa.Column('given_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['environment_id'], ['environments.id'], name=op.f('fk_assessments_environment_id_environments'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['participant_id'], ['participants.id'], name=op.f('fk_assessments_participant_id_participants'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_assessments')),
    sa.UniqueConstraint('environment_id', 'partner_id', 'subject', name='uq_assessments_subject')
    )
    op.create_index(op.f('ix_assessments_environment_id'), 'assessments', ['environment_id'], unique=False)
    op.create_table('badges',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('participant_id', sa.String(length=36), nullable=True),
    sa.Column('environment_id', sa.String(length=36), nullable=False),
    sa.Column('identity_type', sa.String(length=10), nullable=False),
    sa.Column('identity_hash', sa.String(length=71), nullable=True),
    sa.Column('salt', sa.String(length=32), nullable=True),
    sa.Column('issued_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['environment_id'], ['environments.id'], name=op.f('fk_badges_environment_id_environments'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['participant_id'], ['participants.id'], name=op.f('fk_badges_participant_id_participants'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_badges')),
    sa.UniqueConstraint('participant_id', name=op.f('uq_badges_participant_id'))
    )
    op.create_index(op.f('ix_badges_environment_id'), 'badges', ['environment_id'], unique=False)
    op.create_table('outcomes',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('environment_id', sa.String(length=36), nullable=False),
    sa.Column('partner_id', sa.String(length=36), nullable=False),
    sa.Column('participant_id', sa.String(length=36), nullable=True),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('hidden_job', sa.Boolean(), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('started_on', sa.Date(), nullable=False),
    sa.Column('ended_on', sa.Date(), nullable=True),
    sa.Column('recorded_by', sa.String(length=36), nullable=True),
    sa.Column('recorded_by_organisation', sa.String(length=63), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['environment_id'], ['environments.id'], name=op.f('fk_outcomes_environment_id_environments'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['participant_id'], ['participants.id'], name=op.f('fk_outcomes_participant_id_participants'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_outcomes'))
    )
    op.create_index(op.f('ix_outcomes_environment_id'), 'outcomes', ['environment_id'], unique=False)
    op.create_table('participant_metrics',
    sa.Column('participant_id', sa.String(length=36), nullable=False),
    sa.Column('phase', sa.String(length=5), nullable=False),
    sa.Column('scale', sa.String(length=60), nullable=False),
    sa.Column('value', sa.SmallInteger(), nullable=False),
    sa.Column('answered_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['participant_id'], ['participants.id'], name=op.f('fk_participant_metrics_participant_id_participants'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('participant_id', 'phase', 'scale', name=op.f('pk_participant_metrics'))
    )
    op.create_table('surveys',
    sa.Column('participant_id', sa.String(length=36), nullable=False),
    sa.Column('environment_id', sa.String(length=36), nullable=False),
    sa.Column('answers', sa.JSON(), nullable=False),
    sa.Column('free_text', sa.Text(), nullable=True),
    sa.Column('answered_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['environment_id'], ['environments.id'], name=op.f('fk_surveys_environment_id_environments'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['participant_id'], ['participants.id'], name=op.f('fk_surveys_participant_id_participants'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('participant_id', name=op.f('pk_surveys'))
    )
    op.create_index(op.f('ix_surveys_environment_id'), 'surveys', ['environment_id'], unique=False)

    create_idempotency_table()


def downgrade() -> None:
    drop_idempotency_table()
    op.drop_index(op.f('ix_surveys_environment_id'), table_name='surveys')
    op.drop_table('surveys')
    op.drop_table('participant_metrics')
    op.drop_index(op.f('ix_outcomes_environment_id'), table_name='outcomes')
    op.drop_table('outcomes')
    op.drop_index(op.f('ix_badges_environment_id'), table_name='badges')
    op.drop_table('badges')
    op.drop_index(op.f('ix_assessments_environment_id'), table_name='assessments')
    op.drop_table('assessments')
    op.drop_index(op.f('ix_participants_environment_id'), table_name='participants')
    op.drop_index(op.f('ix_participants_client_id'), table_name='participants')
    op.drop_table('participants')
    op.drop_index(op.f('ix_roles_environment_id'), table_name='roles')
    op.drop_table('roles')
    op.drop_table('review_items')
    op.drop_index(op.f('ix_refused_enrolments_environment_id'), table_name='refused_enrolments')
    op.drop_index(op.f('ix_refused_enrolments_client_id'), table_name='refused_enrolments')
    op.drop_table('refused_enrolments')
    op.drop_index(op.f('ix_environment_partners_organisation'), table_name='environment_partners')
    op.drop_table('environment_partners')
    op.drop_table('environment_needs')
    op.drop_index(op.f('ix_partners_organisation'), table_name='partners')
    op.drop_table('partners')
    op.drop_table('known_clients')
    op.drop_index(op.f('ix_environments_status'), table_name='environments')
    op.drop_index(op.f('ix_environments_host_organisation'), table_name='environments')
    op.drop_table('environments')
    op.drop_index(op.f('ix_competence_needs_partner_id'), table_name='competence_needs')
    op.drop_table('competence_needs')
