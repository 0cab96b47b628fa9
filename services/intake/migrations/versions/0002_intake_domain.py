"""intake domain"""
import sqlalchemy as sa
from alembic import op

revision, down_revision = '0002', '0001'


def upgrade() -> None:
    op.create_table('audit_log',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('actor', sa.String(length=36), nullable=True),
    sa.Column('actor_organisation', sa.String(length=63), nullable=True),
    sa.Column('actor_role', sa.String(length=20), nullable=True),
    sa.Column('client_id', sa.String(length=36), nullable=False),
    sa.Column('action', sa.String(length=20), nullable=False),
    sa.Column('what', sa.String(length=100), nullable=False),
    sa.Column('why', sa.String(length=200), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_log'))
    )
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_log_client_id'), ['client_id'], unique=False)

    op.create_table('clients',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('organisation', sa.String(length=63), nullable=False),
    sa.Column('first_name', sa.String(length=100), nullable=True),
    sa.Column('last_name', sa.String(length=100), nullable=True),
    sa.Column('birth_date', sa.Date(), nullable=True),
    sa.Column('email', sa.String(length=254), nullable=True),
    sa.Column('phone', sa.String(length=40), nullable=True),
    sa.Column('home_municipality', sa.String(length=3), nullable=True),
    sa.Column('gender', sa.String(length=20), nullable=True),
    sa.Column('mother_tongue', sa.String(length=3), nullable=True),
    sa.Column('languages', sa.JSON(), nullable=False),
    sa.Column('education_status', sa.String(length=30), nullable=True),
    sa.Column('institution', sa.String(length=200), nullable=True),
    sa.Column('field_of_education', sa.String(length=4), nullable=True),
    sa.Column('employment_status', sa.String(length=30), nullable=True),
    sa.Column('education_level', sa.SmallInteger(), nullable=True),
    sa.Column('disadvantaged', sa.Boolean(), nullable=True),
    sa.Column('entered_on', sa.Date(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('closed_on', sa.Date(), nullable=True),
    sa.Column('person_key', sa.String(length=64), nullable=True),
    sa.Column('search_name', sa.String(length=201), nullable=True),
    sa.Column('created_by', sa.String(length=36), nullable=True),
    sa.Column('erased_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('anonymised_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_clients'))
    )
    with op.batch_alter_table('clients', schema=None) as batch_op:
        batch_op.create_index('ix_clients_org_status', ['organisation', 'status'], unique=False)
        batch_op.create_index(batch_op.f('ix_clients_organisation'), ['organisation'], unique=False)
        batch_op.create_index(batch_op.f('ix_clients_person_key'), ['person_key'], unique=False)

    op.create_table('metric_scales',
    sa.Column('key', sa.String(length=60), nullable=False),
    sa.Column('labels', sa.JSON(), nullable=False),
    sa.Column('minimum', sa.SmallInteger(), nullable=False),
    sa.Column('maximum', sa.SmallInteger(), nullable=False),
    sa.Column('position', sa.SmallInteger(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_metric_scales'))
    )
    op.create_table('network_person_keys',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('person_key', sa.String(length=64), nullable=False),
    sa.Column('organisation', sa.String(length=63), nullable=False),
    sa.Column('client_id', sa.String(length=36), nullable=False),
    sa.Column('received_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_network_person_keys')),
    sa.UniqueConstraint('organisation', 'client_id', name=op.f('uq_network_person_keys_organisation'))
    )
    with op.batch_alter_table('network_person_keys', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_network_person_keys_person_key'), ['person_key'], unique=False)

    op.create_table('partners',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('business_id', sa.String(length=9), nullable=True),
    sa.Column('municipality', sa.String(length=3), nullable=True),
    sa.Column('industry', sa.String(length=10), nullable=True),
    sa.Column('organisation', sa.String(length=63), nullable=True),
    sa.Column('recorded_by_organisation', sa.String(length=63), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_partners')),
    sa.UniqueConstraint('business_id', name=op.f('uq_partners_business_id')),
    sa.UniqueConstraint('organisation', name=op.f('uq_partners_organisation'))
    )
    op.create_table('referrals',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('client_id', sa.String(length=36), nullable=True),
    sa.Column('from_organisation', sa.String(length=63), nullable=False),
    sa.Column('to_organisation', sa.String(length=63), nullable=False),
    sa.Column('service_id', sa.String(length=36), nullable=True),
    sa.Column('reference', sa.String(length=12), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('receiver_client_id', sa.String(length=36), nullable=True),
    sa.Column('client_agreed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_by', sa.String(length=36), nullable=True),
    sa.Column('decided_by', sa.String(length=36), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_referrals')),
    sa.UniqueConstraint('reference', name=op.f('uq_referrals_reference'))
    )
    with op.batch_alter_table('referrals', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_referrals_client_id'), ['client_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_referrals_to_organisation'), ['to_organisation'], unique=False)

    op.create_table('services',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('organisation', sa.String(length=63), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('target_group', sa.String(length=200), nullable=True),
    sa.Column('service_area', sa.String(length=60), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('received_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_services'))
    )
    with op.batch_alter_table('services', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_services_organisation'), ['organisation'], unique=False)

    op.create_table('competence_needs',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('partner_id', sa.String(length=36), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('work_type', sa.String(length=30), nullable=False),
    sa.Column('hours_per_week', sa.SmallInteger(), nullable=True),
    sa.Column('municipality', sa.String(length=3), nullable=True),
    sa.Column('start_date', sa.Date(), nullable=True),
    sa.Column('end_date', sa.Date(), nullable=True),
    sa.Column('people', sa.SmallInteger(), nullable=False),
    sa.Column('hidden_job', sa.Boolean(), nullable=False),
    sa.Column('languages', sa.JSON(), nullable=False),
    sa.Column('driving_licence', sa.Boolean(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('recorded_by_organisation', sa.String(length=63), nullable=False),
    sa.Column('created_by', sa.String(length=36), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['partner_id'], ['partners.id'], name=op.f('fk_competence_needs_partner_id_partners'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_competence_needs'))
    )
    with op.batch_alter_table('competence_needs', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_competence_needs_partner_id'), ['partner_id'], unique=False)

    op.create_table('consents',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('client_id', sa.String(length=36), nullable=False),
    sa.Column('purpose', sa.String(length=30), nullable=False),
    sa.Column('version', sa.String(length=20), nullable=False),
    sa.Column('given', sa.Boolean(), nullable=False),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('recorded_by', sa.String(length=36), nullable=True),
    sa.Column('method', sa.String(length=20), nullable=False),
    sa.ForeignKeyConstraint(['client_id'], ['clients.id'], name=op.f('fk_consents_client_id_clients'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_consents'))
    )
    with op.batch_alter_table('consents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_consents_client_id'), ['client_id'], unique=False)

    op.create_table('environment_participations',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('client_id', sa.String(length=36), nullable=False),
    sa.Column('environment_id', sa.String(length=36), nullable=False),
    sa.Column('environment_name', sa.String(length=200), nullable=True),
    sa.Column('role', sa.String(length=200), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['client_id'], ['clients.id'], name=op.f('fk_environment_participations_client_id_clients'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_environment_participations')),
    sa.UniqueConstraint('client_id', 'environment_id', name=op.f('uq_environment_participations_client_id'))
    )
    with op.batch_alter_table('environment_participations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_environment_participations_client_id'), ['client_id'], unique=False)

    op.create_table('metric_answers',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('client_id', sa.String(length=36), nullable=False),
    sa.Column('scale_key', sa.String(length=60), nullable=False),
    sa.Column('phase', sa.String(length=10), nullable=False),
    sa.Column('value', sa.SmallInteger(), nullable=False),
    sa.Column('answered_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('context', sa.String(length=60), nullable=True),
    sa.Column('recorded_by', sa.String(length=36), nullable=True),
    sa.ForeignKeyConstraint(['client_id'], ['clients.id'], name=op.f('fk_metric_answers_client_id_clients'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['scale_key'], ['metric_scales.key'], name=op.f('fk_metric_answers_scale_key_metric_scales')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_metric_answers'))
    )
    with op.batch_alter_table('metric_answers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_metric_answers_client_id'), ['client_id'], unique=False)

    op.create_table('needs',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('client_id', sa.String(length=36), nullable=False),
    sa.Column('category', sa.String(length=40), nullable=False),
    sa.Column('priority', sa.SmallInteger(), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['client_id'], ['clients.id'], name=op.f('fk_needs_client_id_clients'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_needs'))
    )
    with op.batch_alter_table('needs', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_needs_client_id'), ['client_id'], unique=False)

    op.create_table('outcomes',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('client_id', sa.String(length=36), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('work_form', sa.String(length=20), nullable=True),
    sa.Column('hidden_job', sa.Boolean(), nullable=False),
    sa.Column('description', sa.String(length=200), nullable=True),
    sa.Column('field_of_education', sa.String(length=4), nullable=True),
    sa.Column('qualification', sa.Boolean(), nullable=False),
    sa.Column('started_on', sa.Date(), nullable=False),
    sa.Column('ended_on', sa.Date(), nullable=True),
    sa.Column('via_environment_id', sa.String(length=36), nullable=True),
    sa.Column('via_suggestion_id', sa.String(length=36), nullable=True),
    sa.Column('source', sa.String(length=20), nullable=False),
    sa.Column('recorded_by', sa.String(length=36), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['client_id'], ['clients.id'], name=op.f('fk_outcomes_client_id_clients'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_outcomes'))
    )
    with op.batch_alter_table('outcomes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_outcomes_client_id'), ['client_id'], unique=False)

    op.create_table('partner_contacts',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('partner_id', sa.String(length=36), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('role', sa.String(length=100), nullable=True),
    sa.Column('email', sa.String(length=254), nullable=True),
    sa.Column('phone', sa.String(length=40), nullable=True),
    sa.ForeignKeyConstraint(['partner_id'], ['partners.id'], name=op.f('fk_partner_contacts_partner_id_partners'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_partner_contacts'))
    )
    with op.batch_alter_table('partner_contacts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_partner_contacts_partner_id'), ['partner_id'], unique=False)

    op.create_table('path_goals',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('client_id', sa.String(length=36), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('target_code', sa.String(length=200), nullable=True),
    sa.Column('due_date', sa.Date(), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['client_id'], ['clients.id'], name=op.f('fk_path_goals_client_id_clients'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_path_goals'))
    )
    with op.batch_alter_table('path_goals', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_path_goals_client_id'), ['client_id'], unique=False)

    op.create_table('profile_skills',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('client_id', sa.String(length=36), nullable=False),
    sa.Column('skill_uri', sa.String(length=200), nullable=False),
    sa.Column('level', sa.SmallInteger(), nullable=False),
    sa.Column('evidence', sa.String(length=30), nullable=False),
    sa.Column('evidence_ref', sa.String(length=200), nullable=True),
    sa.Column('added_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['client_id'], ['clients.id'], name=op.f('fk_profile_skills_client_id_clients'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_profile_skills')),
    sa.UniqueConstraint('client_id', 'skill_uri', 'evidence', 'evidence_ref', name=op.f('uq_profile_skills_client_id'))
    )
    with op.batch_alter_table('profile_skills', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_profile_skills_client_id'), ['client_id'], unique=False)

    op.create_table('profiles',
    sa.Column('client_id', sa.String(length=36), nullable=False),
    sa.Column('hours_per_week', sa.SmallInteger(), nullable=True),
    sa.Column('available_from', sa.Date(), nullable=True),
    sa.Column('available_until', sa.Date(), nullable=True),
    sa.Column('work_types', sa.JSON(), nullable=False),
    sa.Column('municipalities', sa.JSON(), nullable=False),
    sa.Column('service_areas', sa.JSON(), nullable=False),
    sa.Column('driving_licence', sa.Boolean(), nullable=False),
    sa.Column('languages', sa.JSON(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['client_id'], ['clients.id'], name=op.f('fk_profiles_client_id_clients'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('client_id', name=op.f('pk_profiles'))
    )
    op.create_table('shared_client_notices',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('client_id', sa.String(length=36), nullable=False),
    sa.Column('other_organisation', sa.String(length=63), nullable=False),
    sa.Column('other_client_id', sa.String(length=36), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('lead_organisation', sa.String(length=63), nullable=True),
    sa.Column('resolved_by', sa.String(length=36), nullable=True),
    sa.Column('resolved_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['client_id'], ['clients.id'], name=op.f('fk_shared_client_notices_client_id_clients'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_shared_client_notices')),
    sa.UniqueConstraint('client_id', 'other_organisation', 'other_client_id', name=op.f('uq_shared_client_notices_client_id'))
    )
    with op.batch_alter_table('shared_client_notices', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_shared_client_notices_client_id'), ['client_id'], unique=False)

    op.create_table('suggestions',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('client_id', sa.String(length=36), nullable=False),
    sa.Column('target_kind', sa.String(length=20), nullable=False),
    sa.Column('target_id', sa.String(length=36), nullable=False),
    sa.Column('score', sa.Integer(), nullable=False),
    sa.Column('explanation', sa.JSON(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('received_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['client_id'], ['clients.id'], name=op.f('fk_suggestions_client_id_clients'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_suggestions'))
    )
    with op.batch_alter_table('suggestions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_suggestions_client_id'), ['client_id'], unique=False)

    op.create_table('need_skills',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('need_id', sa.String(length=36), nullable=False),
    sa.Column('skill_uri', sa.String(length=200), nullable=False),
    sa.Column('essential', sa.Boolean(), nullable=False),
    sa.Column('level', sa.SmallInteger(), nullable=False),
    sa.ForeignKeyConstraint(['need_id'], ['competence_needs.id'], name=op.f('fk_need_skills_need_id_competence_needs'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_need_skills')),
    sa.UniqueConstraint('need_id', 'skill_uri', name=op.f('uq_need_skills_need_id'))
    )
    with op.batch_alter_table('need_skills', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_need_skills_need_id'), ['need_id'], unique=False)

    op.create_table('path_steps',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('goal_id', sa.String(length=36), nullable=True),
    sa.Column('client_id', sa.String(length=36), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('owner', sa.String(length=20), nullable=False),
    sa.Column('due_date', sa.Date(), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('source', sa.String(length=40), nullable=True),
    sa.Column('skill_uri', sa.String(length=200), nullable=True),
    sa.Column('created_by', sa.String(length=36), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['client_id'], ['clients.id'], name=op.f('fk_path_steps_client_id_clients'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['goal_id'], ['path_goals.id'], name=op.f('fk_path_steps_goal_id_path_goals'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_path_steps'))
    )
    with op.batch_alter_table('path_steps', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_path_steps_client_id'), ['client_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_path_steps_goal_id'), ['goal_id'], unique=False)

    op.create_table('path_step_history',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('step_id', sa.String(length=36), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('actor', sa.String(length=36), nullable=True),
    sa.Column('actor_role', sa.String(length=20), nullable=True),
    sa.Column('change', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['step_id'], ['path_steps.id'], name=op.f('fk_path_step_history_step_id_path_steps'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_path_step_history'))
    )
    with op.batch_alter_table('path_step_history', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_path_step_history_step_id'), ['step_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('path_step_history', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_path_step_history_step_id'))

    op.drop_table('path_step_history')
    with op.batch_alter_table('path_steps', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_path_steps_goal_id'))
        batch_op.drop_index(batch_op.f('ix_path_steps_client_id'))

    op.drop_table('path_steps')
    with op.batch_alter_table('need_skills', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_need_skills_need_id'))

    op.drop_table('need_skills')
    with op.batch_alter_table('suggestions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_suggestions_client_id'))

    op.drop_table('suggestions')
    with op.batch_alter_table('shared_client_notices', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_shared_client_notices_client_id'))

    op.drop_table('shared_client_notices')
    op.drop_table('profiles')
    with op.batch_alter_table('profile_skills', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_profile_skills_client_id'))

    op.drop_table('profile_skills')
    with op.batch_alter_table('path_goals', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_path_goals_client_id'))

    op.drop_table('path_goals')
    with op.batch_alter_table('partner_contacts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_partner_contacts_partner_id'))

    op.drop_table('partner_contacts')
    with op.batch_alter_table('outcomes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_outcomes_client_id'))

    op.drop_table('outcomes')
    with op.batch_alter_table('needs', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_needs_client_id'))

    op.drop_table('needs')
    with op.batch_alter_table('metric_answers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_metric_answers_client_id'))

    op.drop_table('metric_answers')
    with op.batch_alter_table('environment_participations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_environment_participations_client_id'))

    op.drop_table('environment_participations')
    with op.batch_alter_table('consents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_consents_client_id'))

    op.drop_table('consents')
    with op.batch_alter_table('competence_needs', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_competence_needs_partner_id'))

    op.drop_table('competence_needs')
    with op.batch_alter_table('services', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_services_organisation'))

    op.drop_table('services')
    with op.batch_alter_table('referrals', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_referrals_to_organisation'))
        batch_op.drop_index(batch_op.f('ix_referrals_client_id'))

    op.drop_table('referrals')
    op.drop_table('partners')
    with op.batch_alter_table('network_person_keys', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_network_person_keys_person_key'))

    op.drop_table('network_person_keys')
    op.drop_table('metric_scales')
    with op.batch_alter_table('clients', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_clients_person_key'))
        batch_op.drop_index(batch_op.f('ix_clients_organisation'))
        batch_op.drop_index('ix_clients_org_status')

    op.drop_table('clients')
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_log_client_id'))

    op.drop_table('audit_log')
