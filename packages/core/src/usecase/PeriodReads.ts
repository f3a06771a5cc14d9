/**
 * What the use cases that look back on a period (consolidation, task follow-up) read, defined
 * once: the date of the hierarchy, the jurisdiction on that date, and its units' reports.
 *
 * The hierarchy is read for a period by default the last day of the period's window under the regime, and never earlier. An older
 * hierarchy would count, under the actor's units, what a unit did after it moved to another
 * jurisdiction (an actor acts only within its unit's jurisdiction: the jurisdiction row of
 * docs/rules.md); a later one rolls old periods up into today's units (the 2025 reform).
 *
 * @since 0.1.0
 */
import { Effect } from "effect"
import * as Calendar from "../calendar/Calendar.ts"
import * as Period from "../calendar/Period.ts"
import type { CalendarDate } from "../kernel/CalendarDate.ts"
import type { RegimeId, UnitId } from "../kernel/Ids.ts"
import type { Programme } from "../kernel/Programme.ts"
import type { Report, ReportStatus } from "../report/Report.ts"
import * as Page from "../store/Page.ts"
import { ReferenceData } from "../store/ReferenceData.ts"
import { ReportRepository } from "../store/ReportRepository.ts"
import { UnitRepository } from "../store/UnitRepository.ts"
import type { Unit } from "../unit/Unit.ts"
import { InvalidInput } from "./Errors.ts"

/**
 * The regime, the last day of the period's window under it and the date the hierarchy is read
 * on (`asOf`, by default that last day); `InvalidInput` for a date before the period ends, saying
 * what the caller meant to do (`action`: "consolidate", "follow up") and the earliest date allowed.
 *
 * @category constructors
 * @since 0.1.0
 */
export const hierarchyDate = (options: {
  readonly useCase: string
  readonly action: string
  readonly regimeId: RegimeId
  readonly periodId: Period.PeriodId
  readonly asOf: CalendarDate | undefined
}) =>
  Effect.gen(function* () {
    const regime = yield* (yield* ReferenceData).regime(options.regimeId)
    const last = Calendar.window(regime.calendar, Period.fromId(options.periodId)).last
    const asOf = options.asOf ?? last
    if (asOf < last) {
      return yield* new InvalidInput({
        useCase: options.useCase,
        detail: `the hierarchy is taken as of ${asOf}, before the period ${options.periodId} ends on ${last} under regime ${regime.id}: ${options.action} as of ${last} or later`
      })
    }
    return { regime, last, asOf: asOf as CalendarDate }
  })

/** How many units' reports one read asks for (a bound on a SQL `IN` list). */
const reportsPerRead = 1_000

/**
 * The units of `rootId`'s jurisdiction on `asOf` (the root included), read once in pages of the
 * largest size a store returns: a store that recomputes the jurisdiction for every page (the
 * recursive query of the SQL adapters) runs it as few times as it can.
 *
 * @category queries
 * @since 0.1.0
 */
export const jurisdiction = (rootId: UnitId, asOf: CalendarDate) =>
  Effect.gen(function* () {
    const units = yield* UnitRepository
    return yield* Page.collect((page) => units.jurisdiction(rootId, asOf, page), Page.maxLimit)
  })

/**
 * The reports of a period and programme from the given units (in one of `statuses`, when given),
 * read by id, a bounded number of units at a time, rather than by a `within` query that would
 * recompute the jurisdiction the caller has already read.
 *
 * @category queries
 * @since 0.1.0
 */
export const reportsOf = (
  units: ReadonlyArray<Unit>,
  query: {
    readonly periodId: Period.PeriodId
    readonly programme: Programme
    readonly statuses?: ReadonlyArray<ReportStatus>
  }
) =>
  Effect.gen(function* () {
    const reports = yield* ReportRepository
    const found: Array<Report> = []
    for (let start = 0; start < units.length; start += reportsPerRead) {
      const unitIds = units.slice(start, start + reportsPerRead).map((u) => u.id)
      found.push(...(yield* Page.collect((page) => reports.list({ ...query, unitIds }, page), Page.maxLimit)))
    }
    return found
  })
