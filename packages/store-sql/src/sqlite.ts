/**
 * `@danvan/store-sql/sqlite`: the danvan store in SQLite, on Node's built-in `node:sqlite`.
 *
 * @since 0.1.0
 */

/** The storage port in SQLite. @since 0.1.0 */
export * as StoreSqlite from "./StoreSqlite.ts"
/** The small SQLite driver for Effect's SQL client. @since 0.1.0 */
export * as SqliteClient from "./sqlite/SqliteClient.ts"
