/**
 * The scenarios a run can select. The store scenarios run per adapter, and their import always
 * runs (the others need its data) when any of them is selected; `csv` (the import of a
 * statistics-office unit list from CSV, see `csv/CsvImport`) runs once, on its own.
 *
 * @since 0.1.0
 */
export const scenarios = ["import", "rollup", "queries", "submit", "load", "csv"] as const

/** The scenarios that run on a store, per adapter. @since 0.1.0 */
export const storeScenarios: ReadonlyArray<Scenario> = ["import", "rollup", "queries", "submit", "load"]
/** @since 0.1.0 */
export type Scenario = (typeof scenarios)[number]
