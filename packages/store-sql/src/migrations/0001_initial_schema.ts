/**
 * Migration 1: the initial relational schema.
 *
 * Every attribute a port query filters, joins or sorts on is a real column with an index; the
 * parts no query looks into (a directive's tasks, a model's registration content and events, a
 * report's texts and events) are JSON text, decoded with the domain schemas on the way out. A
 * report's figures are also kept in the long table `report_figures` (one row per indicator path,
 * `Figures.flatten`), so the rollup sums them in SQL and a province's new indicator needs no
 * schema change.
 *
 * The database enforces what it can: primary keys, foreign keys to units and between records,
 * one report per unit, period and programme, one revision number per report, one directive per
 * numbering scope (`DocumentNumber.numberingKey`), and non-negative counts and versions.
 *
 * Never edit a migration that has shipped: add a new one (forward-only, decision record 0003).
 *
 * @internal
 */
import { Effect } from "effect"
import * as SqlClient from "effect/sql/SqlClient"
import * as Dialect from "../internal/Dialect.ts"

const statements = (dialect: Dialect.Dialect): ReadonlyArray<string> => {
  const K = Dialect.keyType(dialect)
  return [
    // Units and their dated parent links.
    `CREATE TABLE units (
      id ${K} NOT NULL,
      type ${K} NOT NULL,
      level ${K} NOT NULL,
      name TEXT NOT NULL,
      code ${K},
      valid_from ${K} NOT NULL,
      valid_until ${K},
      version INTEGER NOT NULL,
      CONSTRAINT units_pkey PRIMARY KEY (id),
      CONSTRAINT units_level_check CHECK (level IN ('province', 'district', 'commune', 'grassroots')),
      CONSTRAINT units_version_check CHECK (version >= 1)
    )`,
    `CREATE INDEX units_code_idx ON units (code, valid_from)`,
    `CREATE INDEX units_level_idx ON units (level, id)`,
    `CREATE TABLE unit_parent (
      unit_id ${K} NOT NULL,
      ordinal INTEGER NOT NULL,
      parent_id ${K} NOT NULL,
      valid_from ${K} NOT NULL,
      valid_until ${K},
      CONSTRAINT unit_parent_pkey PRIMARY KEY (unit_id, ordinal),
      CONSTRAINT unit_parent_unit_fkey FOREIGN KEY (unit_id) REFERENCES units (id),
      CONSTRAINT unit_parent_parent_fkey FOREIGN KEY (parent_id) REFERENCES units (id),
      CONSTRAINT unit_parent_ordinal_check CHECK (ordinal >= 0)
    )`,
    `CREATE INDEX unit_parent_parent_idx ON unit_parent (parent_id, valid_from, unit_id)`,
    `CREATE TABLE successions (
      id ${K} NOT NULL,
      kind ${K} NOT NULL,
      effective_date ${K} NOT NULL,
      predecessor_id ${K} NOT NULL,
      successor_id ${K} NOT NULL,
      carries_history BOOLEAN NOT NULL,
      version INTEGER NOT NULL,
      CONSTRAINT successions_pkey PRIMARY KEY (id),
      CONSTRAINT successions_predecessor_fkey FOREIGN KEY (predecessor_id) REFERENCES units (id),
      CONSTRAINT successions_successor_fkey FOREIGN KEY (successor_id) REFERENCES units (id),
      CONSTRAINT successions_version_check CHECK (version >= 1)
    )`,
    `CREATE INDEX successions_predecessor_idx ON successions (predecessor_id, effective_date, id)`,
    `CREATE INDEX successions_successor_idx ON successions (successor_id, effective_date, id)`,

    // Directives, the directives they replace, and one numbering scope per number.
    `CREATE TABLE directives (
      id ${K} NOT NULL,
      number_kind ${K} NOT NULL,
      number_value BIGINT NOT NULL,
      number_year INTEGER,
      number_type_code TEXT,
      number_issuer TEXT NOT NULL,
      number_key ${K} NOT NULL,
      numbering_key ${K} NOT NULL,
      title TEXT NOT NULL,
      issuer_name TEXT,
      programme ${K} NOT NULL,
      issued_on ${K} NOT NULL,
      effective_from ${K} NOT NULL,
      effective_until ${K},
      tasks TEXT NOT NULL,
      version INTEGER NOT NULL,
      CONSTRAINT directives_pkey PRIMARY KEY (id),
      CONSTRAINT directives_numbering_key UNIQUE (numbering_key),
      CONSTRAINT directives_number_kind_check CHECK (number_kind IN ('State', 'Party')),
      CONSTRAINT directives_number_value_check CHECK (number_value >= 1),
      CONSTRAINT directives_version_check CHECK (version >= 1)
    )`,
    `CREATE INDEX directives_number_idx ON directives (number_key, issued_on, id)`,
    `CREATE INDEX directives_effective_idx ON directives (effective_from, id)`,
    `CREATE INDEX directives_programme_idx ON directives (programme, id)`,
    `CREATE TABLE directive_replaces (
      directive_id ${K} NOT NULL,
      ordinal INTEGER NOT NULL,
      replaced_id ${K} NOT NULL,
      CONSTRAINT directive_replaces_pkey PRIMARY KEY (directive_id, ordinal),
      CONSTRAINT directive_replaces_directive_fkey FOREIGN KEY (directive_id) REFERENCES directives (id),
      CONSTRAINT directive_replaces_replaced_fkey FOREIGN KEY (replaced_id) REFERENCES directives (id)
    )`,
    `CREATE INDEX directive_replaces_replaced_idx ON directive_replaces (replaced_id, directive_id)`,

    // Steering committees and their memberships.
    `CREATE TABLE committees (
      id ${K} NOT NULL,
      unit_id ${K} NOT NULL,
      name TEXT NOT NULL,
      programmes TEXT NOT NULL,
      established_by ${K},
      active_from ${K} NOT NULL,
      active_until ${K},
      version INTEGER NOT NULL,
      CONSTRAINT committees_pkey PRIMARY KEY (id),
      CONSTRAINT committees_unit_fkey FOREIGN KEY (unit_id) REFERENCES units (id),
      CONSTRAINT committees_version_check CHECK (version >= 1)
    )`,
    `CREATE INDEX committees_unit_idx ON committees (unit_id, id)`,
    `CREATE TABLE committee_memberships (
      committee_id ${K} NOT NULL,
      ordinal INTEGER NOT NULL,
      person_id ${K} NOT NULL,
      person_name TEXT NOT NULL,
      post ${K} NOT NULL,
      titles TEXT NOT NULL,
      valid_from ${K} NOT NULL,
      valid_until ${K},
      CONSTRAINT committee_memberships_pkey PRIMARY KEY (committee_id, ordinal),
      CONSTRAINT committee_memberships_committee_fkey FOREIGN KEY (committee_id) REFERENCES committees (id)
    )`,
    `CREATE INDEX committee_memberships_person_idx ON committee_memberships (person_id, committee_id)`,

    // DVK models (status derived from the events, kept as a column), coordination programmes.
    `CREATE TABLE models (
      id ${K} NOT NULL,
      unit_id ${K} NOT NULL,
      phase_id ${K} NOT NULL,
      field_id ${K} NOT NULL,
      registered_on ${K} NOT NULL,
      replica_of ${K},
      status ${K} NOT NULL,
      content TEXT NOT NULL,
      events TEXT NOT NULL,
      version INTEGER NOT NULL,
      CONSTRAINT models_pkey PRIMARY KEY (id),
      CONSTRAINT models_unit_fkey FOREIGN KEY (unit_id) REFERENCES units (id),
      CONSTRAINT models_replica_of_fkey FOREIGN KEY (replica_of) REFERENCES models (id),
      CONSTRAINT models_status_check CHECK (status IN ('registered', 'inProgress', 'evaluated', 'commended', 'replicated', 'discontinued')),
      CONSTRAINT models_version_check CHECK (version >= 1)
    )`,
    `CREATE INDEX models_unit_idx ON models (unit_id, id)`,
    `CREATE INDEX models_phase_idx ON models (phase_id, field_id, id)`,
    `CREATE INDEX models_status_idx ON models (status, id)`,
    `CREATE INDEX models_replica_of_idx ON models (replica_of, id)`,
    `CREATE TABLE coordinations (
      id ${K} NOT NULL,
      title TEXT NOT NULL,
      programme ${K} NOT NULL,
      signed_on ${K} NOT NULL,
      valid_from ${K} NOT NULL,
      valid_until ${K},
      version INTEGER NOT NULL,
      CONSTRAINT coordinations_pkey PRIMARY KEY (id),
      CONSTRAINT coordinations_version_check CHECK (version >= 1)
    )`,
    `CREATE TABLE coordination_parties (
      coordination_id ${K} NOT NULL,
      ordinal INTEGER NOT NULL,
      unit_id ${K} NOT NULL,
      CONSTRAINT coordination_parties_pkey PRIMARY KEY (coordination_id, ordinal),
      CONSTRAINT coordination_parties_coordination_fkey FOREIGN KEY (coordination_id) REFERENCES coordinations (id),
      CONSTRAINT coordination_parties_unit_fkey FOREIGN KEY (unit_id) REFERENCES units (id)
    )`,
    `CREATE INDEX coordination_parties_unit_idx ON coordination_parties (unit_id, coordination_id)`,

    // Reports, their revisions, and their figures in long form.
    `CREATE TABLE reports (
      id ${K} NOT NULL,
      unit_id ${K} NOT NULL,
      programme ${K} NOT NULL,
      period_id ${K} NOT NULL,
      regime_id ${K} NOT NULL,
      status ${K} NOT NULL,
      revision INTEGER NOT NULL,
      content TEXT NOT NULL,
      events TEXT NOT NULL,
      version INTEGER NOT NULL,
      CONSTRAINT reports_pkey PRIMARY KEY (id),
      CONSTRAINT reports_unit_fkey FOREIGN KEY (unit_id) REFERENCES units (id),
      CONSTRAINT reports_unit_period_programme_key UNIQUE (unit_id, period_id, programme),
      CONSTRAINT reports_status_check CHECK (status IN ('draft', 'submitted', 'returned', 'approved', 'reopened')),
      CONSTRAINT reports_revision_check CHECK (revision >= 0),
      CONSTRAINT reports_version_check CHECK (version >= 1)
    )`,
    `CREATE INDEX reports_period_idx ON reports (period_id, programme, status, unit_id)`,
    `CREATE TABLE report_figures (
      report_id ${K} NOT NULL,
      indicator ${K} NOT NULL,
      value BIGINT NOT NULL,
      CONSTRAINT report_figures_pkey PRIMARY KEY (report_id, indicator),
      CONSTRAINT report_figures_report_fkey FOREIGN KEY (report_id) REFERENCES reports (id),
      CONSTRAINT report_figures_value_check CHECK (value >= 0)
    )`,
    `CREATE TABLE report_revisions (
      report_id ${K} NOT NULL,
      revision INTEGER NOT NULL,
      submitted_at ${K} NOT NULL,
      submitted_by TEXT NOT NULL,
      on_time BOOLEAN NOT NULL,
      content TEXT NOT NULL,
      CONSTRAINT report_revisions_pkey PRIMARY KEY (report_id, revision),
      CONSTRAINT report_revisions_report_fkey FOREIGN KEY (report_id) REFERENCES reports (id),
      CONSTRAINT report_revisions_revision_check CHECK (revision >= 1)
    )`,

    // Reference data.
    `CREATE TABLE model_fields (
      id ${K} NOT NULL,
      name TEXT NOT NULL,
      sort_order INTEGER NOT NULL,
      version INTEGER NOT NULL,
      CONSTRAINT model_fields_pkey PRIMARY KEY (id),
      CONSTRAINT model_fields_version_check CHECK (version >= 1)
    )`,
    `CREATE TABLE regimes (
      id ${K} NOT NULL,
      name TEXT NOT NULL,
      calendar ${K} NOT NULL,
      deadline_province INTEGER NOT NULL,
      deadline_district INTEGER NOT NULL,
      deadline_commune INTEGER NOT NULL,
      deadline_grassroots INTEGER NOT NULL,
      holidays TEXT NOT NULL,
      version INTEGER NOT NULL,
      CONSTRAINT regimes_pkey PRIMARY KEY (id),
      CONSTRAINT regimes_deadlines_check CHECK (deadline_province >= 0 AND deadline_district >= 0 AND deadline_commune >= 0 AND deadline_grassroots >= 0),
      CONSTRAINT regimes_version_check CHECK (version >= 1)
    )`,
    `CREATE TABLE validation_rules (
      id ${K} NOT NULL,
      programme ${K} NOT NULL,
      name TEXT NOT NULL,
      description TEXT,
      left_side TEXT NOT NULL,
      operator ${K} NOT NULL,
      right_side TEXT NOT NULL,
      importance ${K} NOT NULL,
      scope ${K} NOT NULL,
      version INTEGER NOT NULL,
      CONSTRAINT validation_rules_pkey PRIMARY KEY (id),
      CONSTRAINT validation_rules_version_check CHECK (version >= 1)
    )`,
    `CREATE INDEX validation_rules_programme_idx ON validation_rules (programme, id)`,

    // The audit trail.
    `CREATE TABLE audit_entries (
      id ${K} NOT NULL,
      at ${K} NOT NULL,
      actor_person_id ${K} NOT NULL,
      actor_name TEXT NOT NULL,
      actor_unit_id ${K} NOT NULL,
      action ${K} NOT NULL,
      subject_kind ${K} NOT NULL,
      subject_id ${K} NOT NULL,
      summary TEXT NOT NULL,
      CONSTRAINT audit_entries_pkey PRIMARY KEY (id)
    )`,
    `CREATE INDEX audit_entries_at_idx ON audit_entries (at, id)`,
    `CREATE INDEX audit_entries_subject_idx ON audit_entries (subject_kind, subject_id, at, id)`,
    `CREATE INDEX audit_entries_actor_unit_idx ON audit_entries (actor_unit_id, at, id)`
  ]
}

/** Creates every table and index of the first schema version. */
const migration: Effect.Effect<void, unknown, SqlClient.SqlClient> = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  const dialect = yield* Dialect.of(sql)
  for (const statement of statements(dialect)) yield* sql.unsafe(statement)
})

export default migration
