/**
 * `@danvan/store-sql/pg`: the danvan store in PostgreSQL, through `@effect/sql-pg` (install it
 * next to this package).
 *
 * @since 0.1.0
 */

/** The storage port in PostgreSQL. @since 0.1.0 */
export * as StorePg from "./StorePg.ts"
