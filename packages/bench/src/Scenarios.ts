/**
 * The scenarios a run can select (the import always runs: the others need its data).
 *
 * @since 0.1.0
 */
export const scenarios = ["import", "rollup", "queries", "submit"] as const
/** @since 0.1.0 */
export type Scenario = (typeof scenarios)[number]
