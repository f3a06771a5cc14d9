/**
 * The adapter's schema migrations, in order. Keys are `<id>_<name>` as Effect's
 * `Migrator.fromRecord` reads them; ids only grow, and a shipped migration never changes.
 *
 * @internal
 */
import type { Effect } from "effect"
import type * as SqlClient from "effect/sql/SqlClient"
import initialSchema from "./0001_initial_schema.ts"
import regimePublicHolidaysAuditRole from "./0002_regime_public_holidays_audit_role.ts"
import directiveIssuer from "./0003_directive_issuer.ts"
import reportTaskProgress from "./0004_report_task_progress.ts"
import directiveChangeStamp from "./0005_directive_change_stamp.ts"
import reportPeriodIndexByUnit from "./0006_report_period_index_by_unit.ts"

/** Every migration this version of the code knows, keyed `<id>_<name>`. */
export const all: Readonly<Record<string, Effect.Effect<void, unknown, SqlClient.SqlClient>>> = {
  "1_initial_schema": initialSchema,
  "2_regime_public_holidays_audit_role": regimePublicHolidaysAuditRole,
  "3_directive_issuer": directiveIssuer,
  "4_report_task_progress": reportTaskProgress,
  "5_directive_change_stamp": directiveChangeStamp,
  "6_report_period_index_by_unit": reportPeriodIndexByUnit
}

/** The highest migration id this version of the code knows. */
export const latestId: number = Math.max(...Object.keys(all).map((key) => Number(key.split("_")[0])))
