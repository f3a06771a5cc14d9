/**
 * Migration 6: `reports_period_idx` keys a report by period, programme, unit, then status (it was
 * period, programme, status, unit) (decision record 0057).
 *
 * Every step of a report's workflow (a submission, a return, an approval, a reopening) changes its
 * status. With the status before the unit, each step moved the report's entry from the run of one
 * status to the run of another, two leaf pages apart: on SQLite a submission's `COMMIT` wrote
 * about 2.2 leaf pages of this index (docs/benchmarks.md, "One submission on SQLite and
 * PostgreSQL: pages per commit, round trips"). With the unit before the status, the entry's key
 * still changes but it stays where it was, beside the same neighbours: one leaf page.
 *
 * The status stays in the key, last, so the queries the index served still read it alone: the
 * rollup finds a period's and programme's reports by it and skips those of other statuses
 * without reading their rows (without the status in the index, a province's consolidation read
 * every report row of the period: 1.9 times its CPU, measured in decision record 0057), and its
 * test whether a predecessor carrying history has a counted report stays index-only. A listing of a period
 * and programme now reads the index in unit order, the order it pages in, so SQLite no longer
 * sorts the period's reports of the asked statuses before it returns a page.
 *
 * Only an index is rebuilt (no table is copied). `IF EXISTS` and `IF NOT EXISTS` make the
 * migration safe to run again on a store whose migration records were taken back by hand.
 *
 * Never edit a migration that has shipped: add a new one (forward-only, decision record 0003).
 *
 * @internal
 */
import { Effect } from "effect"
import * as SqlClient from "effect/sql/SqlClient"

const statements = [
  `DROP INDEX IF EXISTS reports_period_idx`,
  `CREATE INDEX IF NOT EXISTS reports_period_idx ON reports (period_id, programme, unit_id, status)`
]

/** Rebuilds the index with the unit before the status (the same statements on both engines). */
const migration: Effect.Effect<void, unknown, SqlClient.SqlClient> = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  for (const statement of statements) yield* sql.unsafe(statement)
})

export default migration
