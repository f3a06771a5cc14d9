/**
 * Migration 2: two columns the first schema lacked, so that what the domain records is stored.
 *
 * - `regimes.public_holidays`: a regime's `publicHolidays` (`PublicHolidays.Observance`, the
 *   announced schedules it observes), as JSON text. Migration 1 had no column for it, so a regime
 *   that observes Vietnam's public holidays came back without them and its deadlines moved to
 *   count only weekends and its own `holidays`.
 * - `audit_entries.actor_role`: the role the actor acted in (`Actor.role`, issue 13: the audit
 *   entry records actor and role).
 *
 * Both are nullable and nothing is backfilled: a row written before this migration has no value
 * to recover, and it decodes exactly as the domain reads a record made before the field existed
 * (a regime without `publicHolidays` skips weekends and its own `holidays` only; an audit entry
 * without `role` was made before roles existed). `ALTER TABLE … ADD COLUMN` with no default keeps
 * every existing row as it was, in both SQLite and PostgreSQL.
 *
 * Never edit a migration that has shipped: add a new one (forward-only, decision record 0003).
 *
 * @internal
 */
import { Effect } from "effect"
import * as SqlClient from "effect/sql/SqlClient"

const statements: ReadonlyArray<string> = [
  "ALTER TABLE regimes ADD COLUMN public_holidays TEXT",
  "ALTER TABLE audit_entries ADD COLUMN actor_role TEXT"
]

/** Adds the two columns. */
const migration: Effect.Effect<void, unknown, SqlClient.SqlClient> = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  for (const statement of statements) yield* sql.unsafe(statement)
})

export default migration
