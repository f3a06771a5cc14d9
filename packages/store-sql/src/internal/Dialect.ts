/**
 * The few places where SQLite and PostgreSQL differ, kept in one file so every query and every
 * migration stays one code path.
 *
 * - Key columns: PostgreSQL sorts text by the database's locale unless told otherwise, which
 *   would order ids (`a-b`, `aB`, `a_b`) differently from JavaScript and from SQLite; key and date
 *   columns are declared `COLLATE "C"` there (byte order, as SQLite's default `BINARY`).
 * - Numbers: PostgreSQL returns `BIGINT` and `COUNT`/`SUM` results as `bigint`; SQLite returns
 *   numbers. Booleans: PostgreSQL returns `true`/`false`, SQLite `1`/`0`.
 * - Locks around migrations: an advisory lock in PostgreSQL, `BEGIN IMMEDIATE` in SQLite.
 *
 * @internal
 */
import { StoreError } from "@danvan/core"
import { Effect } from "effect"
import type * as SqlClient from "effect/sql/SqlClient"

/** The engines the adapter supports. */
export type Dialect = "sqlite" | "pg"

/** The dialect of a client, or `StoreUnavailable` for an engine the adapter does not support. */
export const of = (sql: SqlClient.SqlClient): Effect.Effect<Dialect, StoreError.StoreUnavailable> => {
  const dialect = sql.onDialectOrElse({
    sqlite: () => "sqlite" as const,
    pg: () => "pg" as const,
    orElse: () => undefined
  })
  return dialect === undefined
    ? Effect.fail(
        new StoreError.StoreUnavailable({
          reason: "Unsupported",
          detail:
            "the SQL client is neither SQLite nor PostgreSQL; @danvan/store-sql supports those two engines"
        })
      )
    : Effect.succeed(dialect)
}

/** The column type of identifiers, codes, dates and other compared text. */
export const keyType = (dialect: Dialect): string => (dialect === "pg" ? 'TEXT COLLATE "C"' : "TEXT")

/** A number read back from either engine (`bigint`, `number`, or a numeric string). */
export const toNumber = (value: unknown): number =>
  typeof value === "number"
    ? value
    : typeof value === "bigint"
      ? Number(value)
      : typeof value === "string" && value.trim() !== ""
        ? Number(value)
        : Number.NaN

/** A boolean read back from either engine; anything else stays as it is, for the decoder to reject. */
export const toBoolean = (value: unknown): unknown =>
  value === 1 || value === 1n ? true : value === 0 || value === 0n ? false : value

/**
 * An empty key literal: PostgreSQL needs its type and collation spelled out where a recursive
 * query's first branch meets key columns.
 */
export const emptyKey = (dialect: Dialect): string =>
  dialect === "pg" ? `CAST('' AS TEXT) COLLATE "C"` : "''"
