/**
 * `@danvan/store-sql`: the danvan storage port in SQLite (the embedded default) and PostgreSQL,
 * through Effect's SQL client, one code path for both. This entry loads no database driver:
 * `@danvan/store-sql/sqlite` and `@danvan/store-sql/pg` open each engine.
 *
 * @since 0.1.0
 */

/** Schema migrations: the recorded version, on-demand migration, the check a layer runs. @since 0.1.0 */
export * as Migrations from "./Migrations.ts"
/** The store over any SQL client, migrations, and the store the configuration names. @since 0.1.0 */
export * as StoreSql from "./StoreSql.ts"
