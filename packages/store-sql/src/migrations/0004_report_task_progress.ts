/**
 * Migration 4: reports carry task follow-up (`ReportContent.taskProgress`, decision record 0030).
 *
 * A report's content, and each revision's, is already stored whole as JSON text (`reports.content`,
 * `report_revisions.content`), decoded with the domain schema; the task follow-up is part of it, so
 * no table changes and no row is rewritten. A content written before has no `taskProgress` key and
 * decodes with none, as the domain reads it.
 *
 * The migration exists so that the database records that its reports may carry task follow-up:
 * an adapter at migration 3, which would decode a report without its follow-up and drop it when it
 * writes the report back, refuses a database at migration 4 (`StoreCorrupt`, "newer than the 3
 * this version of @danvan/store-sql knows") instead of losing what a unit reported.
 *
 * Never edit a migration that has shipped: add a new one (forward-only, decision record 0003).
 *
 * @internal
 */
import { Effect } from "effect"
import type * as SqlClient from "effect/sql/SqlClient"

/** Changes no table: the follow-up lives in the content JSON the report tables already hold. */
const migration: Effect.Effect<void, unknown, SqlClient.SqlClient> = Effect.void

export default migration
