"""reporting: the whole schema in one revision (the history up to fresh_r0001 squashed)

A database at an older revision first upgrades to fresh_r0001 with the release before the squash (commit e3fc47f);
see docs/operations.md.
"""
import sqlalchemy as sa
from alembic import op

from shared.web.idempotency import create_table as create_idempotency_table
from shared.web.idempotency import drop_table as drop_idempotency_table

revision, down_revision = 'fresh_r0001', '0001'


def upgrade() -> None:
    op.create_table('assessments',
    sa.Column('assessment_id', sa.String(length=80), nullable=False),
    sa.Column('criterion', sa.String(length=40), nullable=False),
    sa.Column('environment_id', sa.String(length=36), nullable=True),
    sa.Column('client_id', sa.String(length=36), nullable=True),
    sa.Column('answered_on', sa.Date(), nullable=False),
    sa.Column('value', sa.SmallInteger(), nullable=False),
    sa.PrimaryKeyConstraint('assessment_id', 'criterion', name=op.f('pk_assessments'))
    )
    op.create_index(op.f('ix_assessments_client_id'), 'assessments', ['client_id'], unique=False)
    op.create_index(op.f('ix_assessments_environment_id'), 'assessments', ['environment_id'], unique=False)
    op.create_table('clients',
    sa.Column('client_id', sa.String(length=36), nullable=False),
    sa.Column('organisation', sa.String(length=63), nullable=False),
    sa.Column('person_key', sa.String(length=64), nullable=True),
    sa.Column('registered_on', sa.Date(), nullable=True),
    sa.Column('entered_on', sa.Date(), nullable=True),
    sa.Column('closed_on', sa.Date(), nullable=True),
    sa.Column('consent', sa.Boolean(), nullable=False),
    sa.Column('has_facts', sa.Boolean(), nullable=False),
    sa.Column('erased', sa.Boolean(), nullable=False),
    sa.Column('counted', sa.Boolean(), nullable=False),
    sa.Column('profile_shared', sa.Boolean(), nullable=False),
    sa.Column('gender', sa.String(length=12), nullable=True),
    sa.Column('age_band', sa.String(length=12), nullable=True),
    sa.Column('service_area', sa.String(length=40), nullable=True),
    sa.Column('municipality', sa.String(length=3), nullable=True),
    sa.Column('field', sa.String(length=4), nullable=True),
    sa.Column('employment_status', sa.String(length=24), nullable=True),
    sa.Column('education_status', sa.String(length=24), nullable=True),
    sa.Column('education_level', sa.SmallInteger(), nullable=True),
    sa.Column('disadvantaged', sa.Boolean(), nullable=True),
    sa.Column('statistics_basis', sa.String(length=20), nullable=True),
    sa.Column('esf_basis', sa.String(length=20), nullable=True),
    sa.Column('esf', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('restricted', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.PrimaryKeyConstraint('client_id', name=op.f('pk_clients'))
    )
    op.create_index('ix_clients_counted_org', 'clients', ['counted', 'organisation'], unique=False)
    op.create_index(op.f('ix_clients_person_key'), 'clients', ['person_key'], unique=False)
    op.create_table('environment_fields',
    sa.Column('environment_id', sa.String(length=36), nullable=False),
    sa.Column('field', sa.String(length=4), nullable=False),
    sa.PrimaryKeyConstraint('environment_id', 'field', name=op.f('pk_environment_fields'))
    )
    op.create_table('environments',
    sa.Column('environment_id', sa.String(length=36), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=True),
    sa.Column('organisation', sa.String(length=63), nullable=True),
    sa.Column('service_area', sa.String(length=40), nullable=True),
    sa.Column('municipality', sa.String(length=3), nullable=True),
    sa.Column('fields', sa.JSON(), nullable=False),
    sa.Column('multidisciplinary', sa.Boolean(), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('created_on', sa.Date(), nullable=True),
    sa.Column('opened_on', sa.Date(), nullable=True),
    sa.Column('started_on', sa.Date(), nullable=True),
    sa.Column('completed_on', sa.Date(), nullable=True),
    sa.Column('evaluated_on', sa.Date(), nullable=True),
    sa.Column('cancelled_on', sa.Date(), nullable=True),
    sa.Column('starts_on', sa.Date(), nullable=True),
    sa.Column('ends_on', sa.Date(), nullable=True),
    sa.PrimaryKeyConstraint('environment_id', name=op.f('pk_environments'))
    )
    op.create_table('fairness_reports',
    sa.Column('period', sa.String(length=7), nullable=False),
    sa.Column('group_kind', sa.String(length=40), nullable=False),
    sa.Column('group_key', sa.String(length=40), nullable=False),
    sa.Column('population', sa.Integer(), nullable=True),
    sa.Column('suggested', sa.Integer(), nullable=True),
    sa.Column('accepted', sa.Integer(), nullable=True),
    sa.Column('suggestion_rate', sa.Float(), nullable=True),
    sa.Column('acceptance_rate', sa.Float(), nullable=True),
    sa.PrimaryKeyConstraint('period', 'group_kind', 'group_key', name=op.f('pk_fairness_reports'))
    )
    op.create_table('frozen_reports',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('period_start', sa.Date(), nullable=False),
    sa.Column('period_end', sa.Date(), nullable=False),
    sa.Column('frozen_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('frozen_by', sa.String(length=36), nullable=True),
    sa.Column('filters', sa.JSON(), nullable=False),
    sa.Column('figures', sa.JSON(), nullable=False),
    sa.Column('document', sa.LargeBinary(), nullable=False),
    sa.Column('filename', sa.String(length=200), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_frozen_reports'))
    )
    op.create_index(op.f('ix_frozen_reports_frozen_at'), 'frozen_reports', ['frozen_at'], unique=False)
    op.create_table('metric_pairs',
    sa.Column('client_id', sa.String(length=36), nullable=False),
    sa.Column('scale', sa.String(length=40), nullable=False),
    sa.Column('start_value', sa.SmallInteger(), nullable=True),
    sa.Column('start_on', sa.Date(), nullable=True),
    sa.Column('end_value', sa.SmallInteger(), nullable=True),
    sa.Column('end_on', sa.Date(), nullable=True),
    sa.PrimaryKeyConstraint('client_id', 'scale', name=op.f('pk_metric_pairs'))
    )
    op.create_table('need_titles',
    sa.Column('need_id', sa.String(length=36), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('hidden_job', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('need_id', name=op.f('pk_need_titles'))
    )
    op.create_table('open_data_releases',
    sa.Column('release_id', sa.String(length=36), nullable=False),
    sa.Column('period', sa.String(length=7), nullable=False),
    sa.Column('period_start', sa.Date(), nullable=False),
    sa.Column('period_end', sa.Date(), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('stale', sa.Boolean(), nullable=False),
    sa.Column('document', sa.JSON(), nullable=False),
    sa.Column('built_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('built_by', sa.String(length=120), nullable=False),
    sa.Column('reviewed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('reviewed_by', sa.String(length=120), nullable=True),
    sa.Column('published_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('published_by', sa.String(length=120), nullable=True),
    sa.PrimaryKeyConstraint('release_id', name=op.f('pk_open_data_releases'))
    )
    op.create_index('ux_open_data_releases_published_period', 'open_data_releases', ['period'], unique=True, postgresql_where=sa.text("status = 'published'"), sqlite_where=sa.text("status = 'published'"))
    op.create_table('outcomes',
    sa.Column('outcome_key', sa.String(length=80), nullable=False),
    sa.Column('source', sa.String(length=12), nullable=False),
    sa.Column('client_id', sa.String(length=36), nullable=True),
    sa.Column('environment_id', sa.String(length=36), nullable=True),
    sa.Column('organisation', sa.String(length=63), nullable=True),
    sa.Column('service_area', sa.String(length=40), nullable=True),
    sa.Column('category', sa.String(length=12), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('work_form', sa.String(length=12), nullable=True),
    sa.Column('hidden_job', sa.Boolean(), nullable=False),
    sa.Column('qualification', sa.Boolean(), nullable=False),
    sa.Column('started_on', sa.Date(), nullable=False),
    sa.Column('ended_on', sa.Date(), nullable=True),
    sa.PrimaryKeyConstraint('outcome_key', name=op.f('pk_outcomes'))
    )
    op.create_index(op.f('ix_outcomes_client_id'), 'outcomes', ['client_id'], unique=False)
    op.create_index(op.f('ix_outcomes_environment_id'), 'outcomes', ['environment_id'], unique=False)
    op.create_table('overlap_resolutions',
    sa.Column('notice_id', sa.String(length=36), nullable=False),
    sa.Column('client_id', sa.String(length=36), nullable=True),
    sa.Column('organisation', sa.String(length=63), nullable=False),
    sa.Column('other_organisation', sa.String(length=63), nullable=False),
    sa.Column('resolution', sa.String(length=16), nullable=False),
    sa.Column('resolved_on', sa.Date(), nullable=False),
    sa.PrimaryKeyConstraint('notice_id', name=op.f('pk_overlap_resolutions'))
    )
    op.create_index(op.f('ix_overlap_resolutions_client_id'), 'overlap_resolutions', ['client_id'], unique=False)
    op.create_table('participations',
    sa.Column('participation_id', sa.String(length=80), nullable=False),
    sa.Column('environment_id', sa.String(length=36), nullable=False),
    sa.Column('client_id', sa.String(length=36), nullable=True),
    sa.Column('enrolled_on', sa.Date(), nullable=False),
    sa.Column('ended_on', sa.Date(), nullable=True),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.PrimaryKeyConstraint('participation_id', name=op.f('pk_participations'))
    )
    op.create_index(op.f('ix_participations_client_id'), 'participations', ['client_id'], unique=False)
    op.create_index(op.f('ix_participations_environment_id'), 'participations', ['environment_id'], unique=False)
    op.create_table('persons',
    sa.Column('person_id', sa.String(length=70), nullable=False),
    sa.Column('organisation', sa.String(length=63), nullable=False),
    sa.Column('gender', sa.String(length=12), nullable=True),
    sa.Column('age_band', sa.String(length=12), nullable=True),
    sa.Column('service_area', sa.String(length=40), nullable=True),
    sa.Column('field', sa.String(length=4), nullable=True),
    sa.Column('employment_status', sa.String(length=24), nullable=True),
    sa.Column('education_status', sa.String(length=24), nullable=True),
    sa.Column('education_level', sa.SmallInteger(), nullable=True),
    sa.Column('disadvantaged', sa.Boolean(), nullable=True),
    sa.Column('entered_on', sa.Date(), nullable=False),
    sa.Column('entered_day', sa.Integer(), nullable=False),
    sa.Column('exited_on', sa.Date(), nullable=True),
    sa.Column('exited_day', sa.Integer(), nullable=True),
    sa.Column('transition_on', sa.Date(), nullable=True),
    sa.Column('transition_day', sa.Integer(), nullable=True),
    sa.Column('organisations', sa.SmallInteger(), nullable=False),
    sa.Column('shared_on', sa.Date(), nullable=True),
    sa.Column('entry_unemployed', sa.Boolean(), nullable=False),
    sa.Column('entry_long_term_unemployed', sa.Boolean(), nullable=False),
    sa.Column('entry_inactive', sa.Boolean(), nullable=False),
    sa.Column('entry_inactive_not_in_education', sa.Boolean(), nullable=False),
    sa.Column('entry_employed', sa.Boolean(), nullable=False),
    sa.Column('entry_under_25', sa.Boolean(), nullable=False),
    sa.Column('entry_over_54', sa.Boolean(), nullable=False),
    sa.Column('entry_isced_1_2', sa.Boolean(), nullable=False),
    sa.Column('entry_isced_3_4', sa.Boolean(), nullable=False),
    sa.Column('entry_isced_5_8', sa.Boolean(), nullable=False),
    sa.Column('entry_disadvantaged', sa.Boolean(), nullable=False),
    sa.Column('exit_in_education', sa.Boolean(), nullable=False),
    sa.Column('exit_qualification', sa.Boolean(), nullable=False),
    sa.Column('exit_in_employment', sa.Boolean(), nullable=False),
    sa.Column('statistics', sa.Boolean(), server_default=sa.true(), nullable=False),
    sa.PrimaryKeyConstraint('person_id', name=op.f('pk_persons'))
    )
    op.create_index(op.f('ix_persons_entered_on'), 'persons', ['entered_on'], unique=False)
    op.create_index(op.f('ix_persons_exited_on'), 'persons', ['exited_on'], unique=False)
    op.create_index(op.f('ix_persons_shared_on'), 'persons', ['shared_on'], unique=False)
    op.create_table('projection_state',
    sa.Column('id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('version', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_projection_state'))
    )
    op.create_table('projection_versions',
    sa.Column('name', sa.String(length=40), nullable=False),
    sa.Column('version', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('name', name=op.f('pk_projection_versions'))
    )
    op.create_table('raw_events',
    sa.Column('seq', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('event_id', sa.String(length=36), nullable=False),
    sa.Column('type', sa.String(length=120), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('organisation', sa.String(length=63), nullable=False),
    sa.Column('occurred_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('received_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('payload', sa.JSON(), nullable=False),
    sa.Column('subject', sa.String(length=36), nullable=True),
    sa.PrimaryKeyConstraint('seq', name=op.f('pk_raw_events')),
    sa.UniqueConstraint('event_id', name=op.f('uq_raw_events_event_id'))
    )
    op.create_index('ix_raw_events_subject', 'raw_events', ['subject'], unique=False, postgresql_where=sa.text('subject IS NOT NULL'), sqlite_where=sa.text('subject IS NOT NULL'))
    op.create_index('ix_raw_events_type_occurred', 'raw_events', ['type', 'occurred_at'], unique=False)
    op.create_table('referrals',
    sa.Column('referral_id', sa.String(length=36), nullable=False),
    sa.Column('client_id', sa.String(length=36), nullable=True),
    sa.Column('organisation', sa.String(length=63), nullable=False),
    sa.Column('to_organisation', sa.String(length=63), nullable=False),
    sa.Column('sent_on', sa.Date(), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('updated_on', sa.Date(), nullable=True),
    sa.PrimaryKeyConstraint('referral_id', name=op.f('pk_referrals'))
    )
    op.create_index(op.f('ix_referrals_client_id'), 'referrals', ['client_id'], unique=False)
    op.create_table('suggestions',
    sa.Column('suggestion_id', sa.String(length=36), nullable=False),
    sa.Column('client_id', sa.String(length=36), nullable=True),
    sa.Column('kind', sa.String(length=16), nullable=True),
    sa.Column('target_id', sa.String(length=36), nullable=True),
    sa.Column('environment_id', sa.String(length=36), nullable=True),
    sa.Column('made_on', sa.Date(), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('decided_on', sa.Date(), nullable=True),
    sa.Column('introduction_requested_on', sa.Date(), nullable=True),
    sa.Column('contacted_on', sa.Date(), nullable=True),
    sa.Column('interviewed_on', sa.Date(), nullable=True),
    sa.Column('trial_on', sa.Date(), nullable=True),
    sa.Column('hired_on', sa.Date(), nullable=True),
    sa.Column('not_suitable_on', sa.Date(), nullable=True),
    sa.Column('employment', sa.String(length=12), nullable=True),
    sa.PrimaryKeyConstraint('suggestion_id', name=op.f('pk_suggestions'))
    )
    op.create_index(op.f('ix_suggestions_client_id'), 'suggestions', ['client_id'], unique=False)
    op.create_table('survey_answers',
    sa.Column('answer_id', sa.String(length=80), nullable=False),
    sa.Column('item', sa.String(length=40), nullable=False),
    sa.Column('environment_id', sa.String(length=36), nullable=True),
    sa.Column('client_id', sa.String(length=36), nullable=True),
    sa.Column('answered_on', sa.Date(), nullable=False),
    sa.Column('value', sa.SmallInteger(), nullable=False),
    sa.PrimaryKeyConstraint('answer_id', 'item', name=op.f('pk_survey_answers'))
    )
    op.create_index(op.f('ix_survey_answers_client_id'), 'survey_answers', ['client_id'], unique=False)
    op.create_index(op.f('ix_survey_answers_environment_id'), 'survey_answers', ['environment_id'], unique=False)

    create_idempotency_table()
    op.execute("INSERT INTO projection_state (id, version) VALUES (1, 0)")  # the one row


def downgrade() -> None:
    drop_idempotency_table()
    op.drop_index(op.f('ix_survey_answers_environment_id'), table_name='survey_answers')
    op.drop_index(op.f('ix_survey_answers_client_id'), table_name='survey_answers')
    op.drop_table('survey_answers')
    op.drop_index(op.f('ix_suggestions_client_id'), table_name='suggestions')
    op.drop_table('suggestions')
    op.drop_index(op.f('ix_referrals_client_id'), table_name='referrals')
    op.drop_table('referrals')
    op.drop_index('ix_raw_events_type_occurred', table_name='raw_events')
    op.drop_index('ix_raw_events_subject', table_name='raw_events', postgresql_where=sa.text('subject IS NOT NULL'), sqlite_where=sa.text('subject IS NOT NULL'))
    op.drop_table('raw_events')
    op.drop_table('projection_versions')
    op.drop_table('projection_state')
    op.drop_index(op.f('ix_persons_shared_on'), table_name='persons')
    op.drop_index(op.f('ix_persons_exited_on'), table_name='persons')
    op.drop_index(op.f('ix_persons_entered_on'), table_name='persons')
    op.drop_table('persons')
    op.drop_index(op.f('ix_participations_environment_id'), table_name='participations')
    op.drop_index(op.f('ix_participations_client_id'), table_name='participations')
    op.drop_table('participations')
    op.drop_index(op.f('ix_overlap_resolutions_client_id'), table_name='overlap_resolutions')
    op.drop_table('overlap_resolutions')
    op.drop_index(op.f('ix_outcomes_environment_id'), table_name='outcomes')
    op.drop_index(op.f('ix_outcomes_client_id'), table_name='outcomes')
    op.drop_table('outcomes')
    op.drop_index('ux_open_data_releases_published_period', table_name='open_data_releases', postgresql_where=sa.text("status = 'published'"), sqlite_where=sa.text("status = 'published'"))
    op.drop_table('open_data_releases')
    op.drop_table('need_titles')
    op.drop_table('metric_pairs')
    op.drop_index(op.f('ix_frozen_reports_frozen_at'), table_name='frozen_reports')
    op.drop_table('frozen_reports')
    op.drop_table('fairness_reports')
    op.drop_table('environments')
    op.drop_table('environment_fields')
    op.drop_index(op.f('ix_clients_person_key'), table_name='clients')
    op.drop_index('ix_clients_counted_org', table_name='clients')
    op.drop_table('clients')
    op.drop_index(op.f('ix_assessments_environment_id'), table_name='assessments')
    op.drop_index(op.f('ix_assessments_client_id'), table_name='assessments')
    op.drop_table('assessments')
