"""intake: the whole schema in one revision (the history up to gaps_i0001 squashed)

A database at an older revision first upgrades to gaps_i0001 with the release before the squash (commit e3fc47f);
see docs/operations.md.
"""
import sqlalchemy as sa
from alembic import op

from shared.migrations import drop_append_only, make_append_only
from shared.web.idempotency import create_table as create_idempotency_table
from shared.web.idempotency import drop_table as drop_idempotency_table

revision, down_revision = 'gaps_i0001', '0001'


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
    op.create_index(op.f('ix_audit_log_client_id'), 'audit_log', ['client_id'], unique=False)
    op.create_table('audit_log_purges',
    sa.Column('cutoff', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('cutoff', name=op.f('pk_audit_log_purges'))
    )
    op.create_table('calendar_feeds',
    sa.Column('user_id', sa.String(length=36), nullable=False),
    sa.Column('organisation', sa.String(length=63), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('user_id', name=op.f('pk_calendar_feeds')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_calendar_feeds_token_hash'))
    )
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
    sa.Column('archived_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('person_key_version', sa.Integer(), server_default='1', nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_clients'))
    )
    op.create_index('ix_clients_org_status', 'clients', ['organisation', 'status'], unique=False)
    op.create_index(op.f('ix_clients_organisation'), 'clients', ['organisation'], unique=False)
    op.create_index(op.f('ix_clients_person_key'), 'clients', ['person_key'], unique=False)
    op.create_table('conversation_messages',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('subject_kind', sa.String(length=20), nullable=False),
    sa.Column('subject_id', sa.String(length=36), nullable=False),
    sa.Column('client_id', sa.String(length=36), nullable=True),
    sa.Column('organisation', sa.String(length=63), nullable=False),
    sa.Column('author_id', sa.String(length=36), nullable=False),
    sa.Column('author_name', sa.String(length=200), nullable=False),
    sa.Column('author_role', sa.String(length=20), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_conversation_messages'))
    )
    op.create_index(op.f('ix_conversation_messages_client_id'), 'conversation_messages', ['client_id'], unique=False)
    op.create_index(op.f('ix_conversation_messages_organisation'), 'conversation_messages', ['organisation'], unique=False)
    op.create_index('ix_conversation_messages_subject', 'conversation_messages', ['subject_kind', 'subject_id', 'created_at'], unique=False)
    op.create_table('import_batches',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('organisation', sa.String(length=63), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('filename', sa.String(length=200), nullable=False),
    sa.Column('rows', sa.JSON(), nullable=True),
    sa.Column('created_by', sa.String(length=36), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('imported_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_import_batches'))
    )
    op.create_index(op.f('ix_import_batches_organisation'), 'import_batches', ['organisation'], unique=False)
    op.create_table('metric_scales',
    sa.Column('key', sa.String(length=60), nullable=False),
    sa.Column('labels', sa.JSON(), nullable=False),
    sa.Column('minimum', sa.SmallInteger(), nullable=False),
    sa.Column('maximum', sa.SmallInteger(), nullable=False),
    sa.Column('position', sa.SmallInteger(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_metric_scales'))
    )
    op.create_table('need_partners',
    sa.Column('need_id', sa.String(length=36), nullable=False),
    sa.Column('partner_id', sa.String(length=36), nullable=False),
    sa.Column('received_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('holder_organisation', sa.String(length=63), nullable=True),
    sa.PrimaryKeyConstraint('need_id', name=op.f('pk_need_partners'))
    )
    op.create_table('partner_links',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('partner_id', sa.String(length=36), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('actor', sa.String(length=36), nullable=True),
    sa.Column('actor_username', sa.String(length=100), nullable=True),
    sa.Column('actor_organisation', sa.String(length=63), nullable=True),
    sa.Column('old_organisation', sa.String(length=63), nullable=True),
    sa.Column('new_organisation', sa.String(length=63), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_partner_links'))
    )
    op.create_index(op.f('ix_partner_links_partner_id'), 'partner_links', ['partner_id'], unique=False)
    op.create_table('partner_names',
    sa.Column('partner_id', sa.String(length=36), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('received_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('organisation', sa.String(length=63), nullable=True),
    sa.PrimaryKeyConstraint('partner_id', name=op.f('pk_partner_names'))
    )
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
    op.create_index(op.f('ix_referrals_client_id'), 'referrals', ['client_id'], unique=False)
    op.create_index(op.f('ix_referrals_to_organisation'), 'referrals', ['to_organisation'], unique=False)
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
    sa.Column('hidden_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_services'))
    )
    op.create_index(op.f('ix_services_organisation'), 'services', ['organisation'], unique=False)
    op.create_table('client_notes',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('client_id', sa.String(length=36), nullable=False),
    sa.Column('organisation', sa.String(length=63), nullable=False),
    sa.Column('noted_on', sa.Date(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('author', sa.String(length=36), nullable=True),
    sa.Column('author_name', sa.String(length=200), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['client_id'], ['clients.id'], name=op.f('fk_client_notes_client_id_clients'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_client_notes'))
    )
    op.create_index(op.f('ix_client_notes_client_id'), 'client_notes', ['client_id'], unique=False)
    op.create_index(op.f('ix_client_notes_organisation'), 'client_notes', ['organisation'], unique=False)
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
    op.create_index(op.f('ix_competence_needs_partner_id'), 'competence_needs', ['partner_id'], unique=False)
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
    op.create_index(op.f('ix_consents_client_id'), 'consents', ['client_id'], unique=False)
    op.create_table('contact_disclosures',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('client_id', sa.String(length=36), nullable=False),
    sa.Column('suggestion_id', sa.String(length=36), nullable=False),
    sa.Column('need_id', sa.String(length=36), nullable=False),
    sa.Column('partner_id', sa.String(length=36), nullable=False),
    sa.Column('disclosed_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['client_id'], ['clients.id'], name=op.f('fk_contact_disclosures_client_id_clients'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_contact_disclosures')),
    sa.UniqueConstraint('suggestion_id', name=op.f('uq_contact_disclosures_suggestion_id'))
    )
    op.create_index(op.f('ix_contact_disclosures_client_id'), 'contact_disclosures', ['client_id'], unique=False)
    op.create_table('disclosure_requests',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('client_id', sa.String(length=36), nullable=False),
    sa.Column('suggestion_id', sa.String(length=36), nullable=False),
    sa.Column('need_id', sa.String(length=36), nullable=False),
    sa.Column('partner_id', sa.String(length=36), nullable=False),
    sa.Column('partner_name', sa.String(length=200), nullable=True),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('basis', sa.String(length=200), nullable=True),
    sa.Column('asked_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('disclosed_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['client_id'], ['clients.id'], name=op.f('fk_disclosure_requests_client_id_clients'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_disclosure_requests')),
    sa.UniqueConstraint('suggestion_id', name=op.f('uq_disclosure_requests_suggestion_id'))
    )
    op.create_index(op.f('ix_disclosure_requests_client_id'), 'disclosure_requests', ['client_id'], unique=False)
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
    op.create_index(op.f('ix_environment_participations_client_id'), 'environment_participations', ['client_id'], unique=False)
    op.create_table('erasure_decisions',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('client_id', sa.String(length=36), nullable=False),
    sa.Column('request_id', sa.String(length=36), nullable=True),
    sa.Column('controller_kind', sa.String(length=12), nullable=False),
    sa.Column('items', sa.JSON(), nullable=False),
    sa.Column('state', sa.String(length=10), nullable=False),
    sa.Column('made_by', sa.String(length=36), nullable=True),
    sa.Column('made_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('executed_by', sa.String(length=36), nullable=True),
    sa.Column('executed_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['client_id'], ['clients.id'], name=op.f('fk_erasure_decisions_client_id_clients'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_erasure_decisions'))
    )
    op.create_index(op.f('ix_erasure_decisions_client_id'), 'erasure_decisions', ['client_id'], unique=False)
    op.create_table('guardian_objections',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('client_id', sa.String(length=36), nullable=False),
    sa.Column('objects', sa.Boolean(), nullable=False),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('recorded_by', sa.String(length=36), nullable=True),
    sa.Column('method', sa.String(length=20), nullable=False),
    sa.ForeignKeyConstraint(['client_id'], ['clients.id'], name=op.f('fk_guardian_objections_client_id_clients'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_guardian_objections'))
    )
    op.create_index(op.f('ix_guardian_objections_client_id'), 'guardian_objections', ['client_id'], unique=False)
    op.create_table('guardians',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('client_id', sa.String(length=36), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=True),
    sa.Column('phone', sa.String(length=40), nullable=True),
    sa.Column('relation', sa.String(length=20), nullable=False),
    sa.Column('informed_on', sa.Date(), nullable=True),
    sa.Column('created_by', sa.String(length=36), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['client_id'], ['clients.id'], name=op.f('fk_guardians_client_id_clients'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_guardians'))
    )
    op.create_index(op.f('ix_guardians_client_id'), 'guardians', ['client_id'], unique=False)
    op.create_table('import_sources',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('batch_id', sa.String(length=36), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('object_id', sa.String(length=36), nullable=False),
    sa.Column('client_id', sa.String(length=36), nullable=True),
    sa.Column('filename', sa.String(length=200), nullable=False),
    sa.Column('row_number', sa.Integer(), nullable=False),
    sa.Column('imported_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['client_id'], ['clients.id'], name=op.f('fk_import_sources_client_id_clients'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_import_sources'))
    )
    op.create_index(op.f('ix_import_sources_batch_id'), 'import_sources', ['batch_id'], unique=False)
    op.create_index(op.f('ix_import_sources_client_id'), 'import_sources', ['client_id'], unique=False)
    op.create_index(op.f('ix_import_sources_object_id'), 'import_sources', ['object_id'], unique=False)
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
    op.create_index(op.f('ix_metric_answers_client_id'), 'metric_answers', ['client_id'], unique=False)
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
    op.create_index(op.f('ix_needs_client_id'), 'needs', ['client_id'], unique=False)
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
    op.create_index(op.f('ix_outcomes_client_id'), 'outcomes', ['client_id'], unique=False)
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
    op.create_index(op.f('ix_partner_contacts_partner_id'), 'partner_contacts', ['partner_id'], unique=False)
    op.create_table('partner_cooperation',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('partner_id', sa.String(length=36), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('started_on', sa.Date(), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('recorded_by_organisation', sa.String(length=63), nullable=False),
    sa.Column('recorded_by', sa.String(length=36), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['partner_id'], ['partners.id'], name=op.f('fk_partner_cooperation_partner_id_partners'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_partner_cooperation'))
    )
    op.create_index(op.f('ix_partner_cooperation_partner_id'), 'partner_cooperation', ['partner_id'], unique=False)
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
    op.create_index(op.f('ix_path_goals_client_id'), 'path_goals', ['client_id'], unique=False)
    op.create_table('processing_restrictions',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('client_id', sa.String(length=36), nullable=False),
    sa.Column('request_id', sa.String(length=36), nullable=True),
    sa.Column('kind', sa.String(length=12), nullable=False),
    sa.Column('purpose', sa.String(length=30), nullable=False),
    sa.Column('decision', sa.String(length=12), nullable=False),
    sa.Column('reason', sa.String(length=2000), nullable=False),
    sa.Column('decided_by', sa.String(length=36), nullable=True),
    sa.Column('started_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('lifted_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['client_id'], ['clients.id'], name=op.f('fk_processing_restrictions_client_id_clients'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_processing_restrictions'))
    )
    op.create_index(op.f('ix_processing_restrictions_client_id'), 'processing_restrictions', ['client_id'], unique=False)
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
    op.create_index(op.f('ix_profile_skills_client_id'), 'profile_skills', ['client_id'], unique=False)
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
    op.create_table('rights_requests',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('organisation', sa.String(length=63), nullable=False),
    sa.Column('client_id', sa.String(length=36), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('purpose', sa.String(length=30), nullable=True),
    sa.Column('received_on', sa.Date(), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('extended_to', sa.Date(), nullable=True),
    sa.Column('extension_reason', sa.String(length=500), nullable=True),
    sa.Column('state', sa.String(length=12), nullable=False),
    sa.Column('decision', sa.String(length=2000), nullable=True),
    sa.Column('decided_on', sa.Date(), nullable=True),
    sa.Column('decided_by', sa.String(length=36), nullable=True),
    sa.Column('created_by', sa.String(length=36), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['client_id'], ['clients.id'], name=op.f('fk_rights_requests_client_id_clients'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_rights_requests'))
    )
    op.create_index(op.f('ix_rights_requests_client_id'), 'rights_requests', ['client_id'], unique=False)
    op.create_index(op.f('ix_rights_requests_organisation'), 'rights_requests', ['organisation'], unique=False)
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
    op.create_index(op.f('ix_shared_client_notices_client_id'), 'shared_client_notices', ['client_id'], unique=False)
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
    op.create_index(op.f('ix_suggestions_client_id'), 'suggestions', ['client_id'], unique=False)
    op.create_table('guardian_requests',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('client_id', sa.String(length=36), nullable=False),
    sa.Column('guardian_id', sa.String(length=36), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('received_on', sa.Date(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('recorded_by', sa.String(length=36), nullable=True),
    sa.Column('decided_by', sa.String(length=36), nullable=True),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['client_id'], ['clients.id'], name=op.f('fk_guardian_requests_client_id_clients'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['guardian_id'], ['guardians.id'], name=op.f('fk_guardian_requests_guardian_id_guardians'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_guardian_requests'))
    )
    op.create_index(op.f('ix_guardian_requests_client_id'), 'guardian_requests', ['client_id'], unique=False)
    op.create_index(op.f('ix_guardian_requests_guardian_id'), 'guardian_requests', ['guardian_id'], unique=False)
    op.create_table('need_acceptances',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('need_id', sa.String(length=36), nullable=False),
    sa.Column('client_id', sa.String(length=36), nullable=False),
    sa.Column('suggestion_id', sa.String(length=36), nullable=False),
    sa.Column('accepted_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['need_id'], ['competence_needs.id'], name=op.f('fk_need_acceptances_need_id_competence_needs'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_need_acceptances')),
    sa.UniqueConstraint('need_id', 'client_id', name=op.f('uq_need_acceptances_need_id')),
    sa.UniqueConstraint('suggestion_id', name=op.f('uq_need_acceptances_suggestion_id'))
    )
    op.create_index(op.f('ix_need_acceptances_need_id'), 'need_acceptances', ['need_id'], unique=False)
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
    op.create_index(op.f('ix_need_skills_need_id'), 'need_skills', ['need_id'], unique=False)
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
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('ends_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('place', sa.String(length=200), nullable=True),
    sa.Column('video_link', sa.String(length=500), nullable=True),
    sa.Column('participants', sa.String(length=500), nullable=True),
    sa.ForeignKeyConstraint(['client_id'], ['clients.id'], name=op.f('fk_path_steps_client_id_clients'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['goal_id'], ['path_goals.id'], name=op.f('fk_path_steps_goal_id_path_goals'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_path_steps'))
    )
    op.create_index(op.f('ix_path_steps_client_id'), 'path_steps', ['client_id'], unique=False)
    op.create_index(op.f('ix_path_steps_goal_id'), 'path_steps', ['goal_id'], unique=False)
    op.create_index(op.f('ix_path_steps_starts_at'), 'path_steps', ['starts_at'], unique=False)
    op.create_table('shared_contacts',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('need_id', sa.String(length=36), nullable=False),
    sa.Column('client_id', sa.String(length=36), nullable=False),
    sa.Column('name', sa.String(length=201), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=True),
    sa.Column('phone', sa.String(length=40), nullable=True),
    sa.Column('shared_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('client_organisation', sa.String(length=63), nullable=True),
    sa.ForeignKeyConstraint(['need_id'], ['competence_needs.id'], name=op.f('fk_shared_contacts_need_id_competence_needs'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_shared_contacts')),
    sa.UniqueConstraint('need_id', 'client_id', name=op.f('uq_shared_contacts_need_id'))
    )
    op.create_index(op.f('ix_shared_contacts_client_id'), 'shared_contacts', ['client_id'], unique=False)
    op.create_index(op.f('ix_shared_contacts_need_id'), 'shared_contacts', ['need_id'], unique=False)
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
    op.create_index(op.f('ix_path_step_history_step_id'), 'path_step_history', ['step_id'], unique=False)

    create_idempotency_table()
    make_append_only("partner_links")
    make_append_only("audit_log")
    _audit_log_purgeable()


def downgrade() -> None:
    drop_append_only("audit_log")
    drop_append_only("partner_links")
    drop_idempotency_table()
    op.drop_index(op.f('ix_path_step_history_step_id'), table_name='path_step_history')
    op.drop_table('path_step_history')
    op.drop_index(op.f('ix_shared_contacts_need_id'), table_name='shared_contacts')
    op.drop_index(op.f('ix_shared_contacts_client_id'), table_name='shared_contacts')
    op.drop_table('shared_contacts')
    op.drop_index(op.f('ix_path_steps_starts_at'), table_name='path_steps')
    op.drop_index(op.f('ix_path_steps_goal_id'), table_name='path_steps')
    op.drop_index(op.f('ix_path_steps_client_id'), table_name='path_steps')
    op.drop_table('path_steps')
    op.drop_index(op.f('ix_need_skills_need_id'), table_name='need_skills')
    op.drop_table('need_skills')
    op.drop_index(op.f('ix_need_acceptances_need_id'), table_name='need_acceptances')
    op.drop_table('need_acceptances')
    op.drop_index(op.f('ix_guardian_requests_guardian_id'), table_name='guardian_requests')
    op.drop_index(op.f('ix_guardian_requests_client_id'), table_name='guardian_requests')
    op.drop_table('guardian_requests')
    op.drop_index(op.f('ix_suggestions_client_id'), table_name='suggestions')
    op.drop_table('suggestions')
    op.drop_index(op.f('ix_shared_client_notices_client_id'), table_name='shared_client_notices')
    op.drop_table('shared_client_notices')
    op.drop_index(op.f('ix_rights_requests_organisation'), table_name='rights_requests')
    op.drop_index(op.f('ix_rights_requests_client_id'), table_name='rights_requests')
    op.drop_table('rights_requests')
    op.drop_table('profiles')
    op.drop_index(op.f('ix_profile_skills_client_id'), table_name='profile_skills')
    op.drop_table('profile_skills')
    op.drop_index(op.f('ix_processing_restrictions_client_id'), table_name='processing_restrictions')
    op.drop_table('processing_restrictions')
    op.drop_index(op.f('ix_path_goals_client_id'), table_name='path_goals')
    op.drop_table('path_goals')
    op.drop_index(op.f('ix_partner_cooperation_partner_id'), table_name='partner_cooperation')
    op.drop_table('partner_cooperation')
    op.drop_index(op.f('ix_partner_contacts_partner_id'), table_name='partner_contacts')
    op.drop_table('partner_contacts')
    op.drop_index(op.f('ix_outcomes_client_id'), table_name='outcomes')
    op.drop_table('outcomes')
    op.drop_index(op.f('ix_needs_client_id'), table_name='needs')
    op.drop_table('needs')
    op.drop_index(op.f('ix_metric_answers_client_id'), table_name='metric_answers')
    op.drop_table('metric_answers')
    op.drop_index(op.f('ix_import_sources_object_id'), table_name='import_sources')
    op.drop_index(op.f('ix_import_sources_client_id'), table_name='import_sources')
    op.drop_index(op.f('ix_import_sources_batch_id'), table_name='import_sources')
    op.drop_table('import_sources')
    op.drop_index(op.f('ix_guardians_client_id'), table_name='guardians')
    op.drop_table('guardians')
    op.drop_index(op.f('ix_guardian_objections_client_id'), table_name='guardian_objections')
    op.drop_table('guardian_objections')
    op.drop_index(op.f('ix_erasure_decisions_client_id'), table_name='erasure_decisions')
    op.drop_table('erasure_decisions')
    op.drop_index(op.f('ix_environment_participations_client_id'), table_name='environment_participations')
    op.drop_table('environment_participations')
    op.drop_index(op.f('ix_disclosure_requests_client_id'), table_name='disclosure_requests')
    op.drop_table('disclosure_requests')
    op.drop_index(op.f('ix_contact_disclosures_client_id'), table_name='contact_disclosures')
    op.drop_table('contact_disclosures')
    op.drop_index(op.f('ix_consents_client_id'), table_name='consents')
    op.drop_table('consents')
    op.drop_index(op.f('ix_competence_needs_partner_id'), table_name='competence_needs')
    op.drop_table('competence_needs')
    op.drop_index(op.f('ix_client_notes_organisation'), table_name='client_notes')
    op.drop_index(op.f('ix_client_notes_client_id'), table_name='client_notes')
    op.drop_table('client_notes')
    op.drop_index(op.f('ix_services_organisation'), table_name='services')
    op.drop_table('services')
    op.drop_index(op.f('ix_referrals_to_organisation'), table_name='referrals')
    op.drop_index(op.f('ix_referrals_client_id'), table_name='referrals')
    op.drop_table('referrals')
    op.drop_table('partners')
    op.drop_table('partner_names')
    op.drop_index(op.f('ix_partner_links_partner_id'), table_name='partner_links')
    op.drop_table('partner_links')
    op.drop_table('need_partners')
    op.drop_table('metric_scales')
    op.drop_index(op.f('ix_import_batches_organisation'), table_name='import_batches')
    op.drop_table('import_batches')
    op.drop_index('ix_conversation_messages_subject', table_name='conversation_messages')
    op.drop_index(op.f('ix_conversation_messages_organisation'), table_name='conversation_messages')
    op.drop_index(op.f('ix_conversation_messages_client_id'), table_name='conversation_messages')
    op.drop_table('conversation_messages')
    op.drop_index(op.f('ix_clients_person_key'), table_name='clients')
    op.drop_index(op.f('ix_clients_organisation'), table_name='clients')
    op.drop_index('ix_clients_org_status', table_name='clients')
    op.drop_table('clients')
    op.drop_table('calendar_feeds')
    op.drop_table('audit_log_purges')
    op.drop_index(op.f('ix_audit_log_client_id'), table_name='audit_log')
    op.drop_table('audit_log')


def _audit_log_purgeable() -> None:
    """audit_log stays append-only, but rows older than a recorded purge's cutoff (audit_log_purges) may go."""
    if op.get_bind().dialect.name == "postgresql":
        op.execute("""
            CREATE OR REPLACE FUNCTION kampus_audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              IF TG_OP = 'DELETE' AND EXISTS (SELECT 1 FROM audit_log_purges p WHERE OLD.at < p.cutoff) THEN
                RETURN OLD;
              END IF;
              RAISE EXCEPTION 'audit_log is append-only';
            END $$""")
    else:
        op.execute("DROP TRIGGER audit_log_no_delete")
        op.execute("""
            CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
            WHEN NOT EXISTS (SELECT 1 FROM audit_log_purges p WHERE old."at" < p.cutoff)
            BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END""")
