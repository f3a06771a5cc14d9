/**
 * `@danvan/store-sql`: the danvan storage port in SQLite (the embedded default) and PostgreSQL,
 * through Effect's SQL client, one code path for both.
 *
 * @since 0.1.0
 */

/** Schema migrations: the recorded version, on-demand migration, the check a layer runs. @since 0.1.0 */
export * as Migrations from "./Migrations.ts"
/** The layers, migrations and store constructor. @since 0.1.0 */
export * as StoreSql from "./StoreSql.ts"

/** The small SQLite driver over better-sqlite3, replaceable by the official one. @since 0.1.0 */
export * as SqliteClient from "./sqlite/SqliteClient.ts"
