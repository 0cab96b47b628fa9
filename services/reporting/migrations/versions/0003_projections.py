"""projections"""
import sqlalchemy as sa
from alembic import op

revision, down_revision = '0003', '0002'


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
    with op.batch_alter_table('assessments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_assessments_client_id'), ['client_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_assessments_environment_id'), ['environment_id'], unique=False)

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
    sa.PrimaryKeyConstraint('client_id', name=op.f('pk_clients'))
    )
    with op.batch_alter_table('clients', schema=None) as batch_op:
        batch_op.create_index('ix_clients_counted_org', ['counted', 'organisation'], unique=False)
        batch_op.create_index(batch_op.f('ix_clients_person_key'), ['person_key'], unique=False)

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
    op.create_table('metric_pairs',
    sa.Column('client_id', sa.String(length=36), nullable=False),
    sa.Column('scale', sa.String(length=40), nullable=False),
    sa.Column('start_value', sa.SmallInteger(), nullable=True),
    sa.Column('start_on', sa.Date(), nullable=True),
    sa.Column('end_value', sa.SmallInteger(), nullable=True),
    sa.Column('end_on', sa.Date(), nullable=True),
    sa.PrimaryKeyConstraint('client_id', 'scale', name=op.f('pk_metric_pairs'))
    )
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
    with op.batch_alter_table('outcomes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_outcomes_client_id'), ['client_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_outcomes_environment_id'), ['environment_id'], unique=False)

    op.create_table('overlap_resolutions',
    sa.Column('notice_id', sa.String(length=36), nullable=False),
    sa.Column('client_id', sa.String(length=36), nullable=True),
    sa.Column('organisation', sa.String(length=63), nullable=False),
    sa.Column('other_organisation', sa.String(length=63), nullable=False),
    sa.Column('resolution', sa.String(length=16), nullable=False),
    sa.Column('resolved_on', sa.Date(), nullable=False),
    sa.PrimaryKeyConstraint('notice_id', name=op.f('pk_overlap_resolutions'))
    )
    with op.batch_alter_table('overlap_resolutions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_overlap_resolutions_client_id'), ['client_id'], unique=False)

    op.create_table('participations',
    sa.Column('participation_id', sa.String(length=80), nullable=False),
    sa.Column('environment_id', sa.String(length=36), nullable=False),
    sa.Column('client_id', sa.String(length=36), nullable=True),
    sa.Column('enrolled_on', sa.Date(), nullable=False),
    sa.Column('ended_on', sa.Date(), nullable=True),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.PrimaryKeyConstraint('participation_id', name=op.f('pk_participations'))
    )
    with op.batch_alter_table('participations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_participations_client_id'), ['client_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_participations_environment_id'), ['environment_id'], unique=False)

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
    sa.PrimaryKeyConstraint('person_id', name=op.f('pk_persons'))
    )
    with op.batch_alter_table('persons', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_persons_entered_on'), ['entered_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_persons_exited_on'), ['exited_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_persons_shared_on'), ['shared_on'], unique=False)

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
    with op.batch_alter_table('referrals', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_referrals_client_id'), ['client_id'], unique=False)

    op.create_table('suggestions',
    sa.Column('suggestion_id', sa.String(length=36), nullable=False),
    sa.Column('client_id', sa.String(length=36), nullable=True),
    sa.Column('kind', sa.String(length=16), nullable=True),
    sa.Column('target_id', sa.String(length=36), nullable=True),
    sa.Column('environment_id', sa.String(length=36), nullable=True),
    sa.Column('made_on', sa.Date(), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('decided_on', sa.Date(), nullable=True),
    sa.PrimaryKeyConstraint('suggestion_id', name=op.f('pk_suggestions'))
    )
    with op.batch_alter_table('suggestions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_suggestions_client_id'), ['client_id'], unique=False)

    op.create_table('survey_answers',
    sa.Column('answer_id', sa.String(length=80), nullable=False),
    sa.Column('item', sa.String(length=40), nullable=False),
    sa.Column('environment_id', sa.String(length=36), nullable=True),
    sa.Column('client_id', sa.String(length=36), nullable=True),
    sa.Column('answered_on', sa.Date(), nullable=False),
    sa.Column('value', sa.SmallInteger(), nullable=False),
    sa.PrimaryKeyConstraint('answer_id', 'item', name=op.f('pk_survey_answers'))
    )
    with op.batch_alter_table('survey_answers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_survey_answers_client_id'), ['client_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_survey_answers_environment_id'), ['environment_id'], unique=False)

    with op.batch_alter_table('raw_events', schema=None) as batch_op:
        batch_op.add_column(sa.Column('subject', sa.String(length=36), nullable=True))
        batch_op.create_index('ix_raw_events_subject', ['subject'], unique=False, postgresql_where=sa.text('subject IS NOT NULL'), sqlite_where=sa.text('subject IS NOT NULL'))

    # Events logged before this revision get their subject too; then `kampus reporting rebuild` fills the projections.
    if op.get_bind().dialect.name == "postgresql":
        op.execute("UPDATE raw_events SET subject = payload->>'client_id' WHERE payload->>'client_id' IS NOT NULL")
    else:
        op.execute("UPDATE raw_events SET subject = json_extract(payload, '$.client_id') "
                   "WHERE json_extract(payload, '$.client_id') IS NOT NULL")



def downgrade() -> None:
    with op.batch_alter_table('raw_events', schema=None) as batch_op:
        batch_op.drop_index('ix_raw_events_subject', postgresql_where=sa.text('subject IS NOT NULL'), sqlite_where=sa.text('subject IS NOT NULL'))
        batch_op.drop_column('subject')

    with op.batch_alter_table('survey_answers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_survey_answers_environment_id'))
        batch_op.drop_index(batch_op.f('ix_survey_answers_client_id'))

    op.drop_table('survey_answers')
    with op.batch_alter_table('suggestions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_suggestions_client_id'))

    op.drop_table('suggestions')
    with op.batch_alter_table('referrals', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_referrals_client_id'))

    op.drop_table('referrals')
    with op.batch_alter_table('persons', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_persons_shared_on'))
        batch_op.drop_index(batch_op.f('ix_persons_exited_on'))
        batch_op.drop_index(batch_op.f('ix_persons_entered_on'))

    op.drop_table('persons')
    with op.batch_alter_table('participations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_participations_environment_id'))
        batch_op.drop_index(batch_op.f('ix_participations_client_id'))

    op.drop_table('participations')
    with op.batch_alter_table('overlap_resolutions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_overlap_resolutions_client_id'))

    op.drop_table('overlap_resolutions')
    with op.batch_alter_table('outcomes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_outcomes_environment_id'))
        batch_op.drop_index(batch_op.f('ix_outcomes_client_id'))

    op.drop_table('outcomes')
    op.drop_table('metric_pairs')
    op.drop_table('fairness_reports')
    op.drop_table('environments')
    op.drop_table('environment_fields')
    with op.batch_alter_table('clients', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_clients_person_key'))
        batch_op.drop_index('ix_clients_counted_org')

    op.drop_table('clients')
    with op.batch_alter_table('assessments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_assessments_environment_id'))
        batch_op.drop_index(batch_op.f('ix_assessments_client_id'))

    op.drop_table('assessments')
