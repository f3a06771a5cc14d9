/**
 * A fresh PostgreSQL schema for one test, dropped afterwards. The server is the one at
 * `DANVAN_PG_URL` (default `postgres://postgres@127.0.0.1:5432/postgres`), as for the SQL
 * adapter's own tests.
 */
import { PgClient } from "@effect/sql-pg"
import { Effect, Redacted } from "effect"
import * as SqlClient from "effect/sql/SqlClient"

/** The PostgreSQL server the tests use. */
export const pgUrl = process.env.DANVAN_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres"

/** Whether it answers, as the run's global setup found (`vitest.postgres.ts`). */
export const pgAvailable = process.env.DANVAN_PG_AVAILABLE !== "0"

/** A schema name no other test run uses. */
export const freshSchemaName = (prefix: string) =>
  `${prefix}_${Date.now().toString(36)}_${Math.floor(Math.random() * 1e9).toString(36)}`

/** Drops a schema and everything in it. */
export const dropSchema = async (schema: string): Promise<void> => {
  if (!pgAvailable) return
  await Effect.runPromise(
    Effect.gen(function* () {
      const sql = yield* SqlClient.SqlClient
      yield* sql`DROP SCHEMA IF EXISTS ${sql(schema)} CASCADE`
    }).pipe(Effect.provide(PgClient.layer({ url: Redacted.make(pgUrl) })))
  )
}
