/**
 * The province's six-month report of 2017S1, read from the store by the library
 * (`SixMonthReport.read`: the consolidated DVK figures with who reported late or not at all, each
 * district's report, the committees' composition on the report date, the directives in force that
 * day and what later replaced them, the tasks due in the last six months), as the province's
 * officer on the report date.
 */
import { type Danvan, Ids, type Period, SixMonthReport, type Store } from "@danvan/core"
import type { Effect } from "effect"
import { at, morningOf } from "../shared/clock.ts"
import { committeeIds } from "./committees.ts"
import { conclusionDate } from "./directives.ts"
import { periodId, provinceOfficer, regime } from "./seed.ts"
import * as NinhBinh from "./units.ts"

/** What reading the report can fail with. */
export type ReportError =
  | Danvan.ErrorOf<"consolidateReport" | "committeeOnDate" | "directivesApplicable">
  | Effect.Error<ReturnType<typeof SixMonthReport.read>>

/** Reads the six-month report of 2017S1 from the store. */
export const sixMonthReport: Effect.Effect<SixMonthReport.SixMonthReport, ReportError, Store.Store> =
  SixMonthReport.read(provinceOfficer, {
    rootId: NinhBinh.provinceId,
    periodId: periodId as Period.PeriodId,
    regimeId: regime.id,
    reportDate: conclusionDate,
    levels: ["district"],
    committeeIds: [Ids.CommitteeId.make(committeeIds.qcdc), Ids.CommitteeId.make(committeeIds.dvk)]
  }).pipe(at(morningOf(conclusionDate)))
