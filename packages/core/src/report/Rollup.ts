/**
 * Rollup (tổng hợp): a unit's consolidated figures for a period are the sum of the reports of every
 * unit in its jurisdiction, following the hierarchy as of a date, with the history of merged and
 * renamed units carried into their successors.
 *
 * This module is the reference semantics: every store's `ReportRepository.consolidate` must give
 * the same result as {@link consolidate} over the same records, and the conformance suite checks
 * it. Sums are of non-negative integers by indicator path (`Figures.flatten`), so the result does
 * not depend on the order or grouping of the summation: a parent's consolidated figure equals its
 * own plus its children's, whatever the order of summation (reporting up the hierarchy, Decree
 * 09/2019/NĐ-CP, Art. 4; [rules: Reports and rollup](https://github.com/danvan-vn/danvan/blob/main/docs/rules.md#reports-and-rollup-law-6)).
 *
 * Completeness (tình hình gửi báo cáo) tells the parent which expected units have not submitted and
 * which submitted after the deadline of the reporting regime (Decree 09/2019/NĐ-CP, Art. 12, for
 * state reports; the province's own deadlines for Party reports).
 *
 * @since 0.1.0
 */
import { Order, Schema } from "effect"
import * as Deadline from "../calendar/Deadline.ts"
import * as Period from "../calendar/Period.ts"
import type { ReportingRegime } from "../calendar/Regime.ts"
import type { CalendarDate } from "../kernel/CalendarDate.ts"
import { ReportId, UnitId } from "../kernel/Ids.ts"
import type { Programme } from "../kernel/Programme.ts"
import * as Timestamp from "../kernel/Timestamp.ts"
import * as Hierarchy from "../unit/Hierarchy.ts"
import * as Succession from "../unit/Succession.ts"
import type { Unit, UnitLevel } from "../unit/Unit.ts"
import * as Figures from "./Figures.ts"
import { type Report, ReportStatus } from "./Report.ts"
import { firstSubmission } from "./ReportWorkflow.ts"

/** Everything a consolidation reads, as records. @category models @since 0.1.0 */
export interface ConsolidateInput {
  /** The units (any superset of the jurisdiction and of the reporting units). */
  readonly units: ReadonlyArray<Unit>
  readonly successions: ReadonlyArray<Succession.Succession>
  /** Candidate reports; those of other periods, programmes or statuses are ignored. */
  readonly reports: ReadonlyArray<Report>
  readonly rootId: UnitId
  readonly asOf: CalendarDate
  readonly periodId: Period.PeriodId
  readonly programme: Programme
  /** The statuses whose figures count (for example only `approved`). */
  readonly statuses: ReadonlyArray<ReportStatus>
}

/**
 * The ids of the root's jurisdiction as of `asOf` (the root and every unit below it), empty when
 * the root is not valid then.
 *
 * @category rules
 * @since 0.1.0
 */
export const jurisdictionIds = (
  units: ReadonlyArray<Unit>,
  rootId: UnitId,
  asOf: CalendarDate
): ReadonlySet<UnitId> =>
  new Set(Hierarchy.jurisdiction(Hierarchy.make(units), rootId, asOf).map((u) => u.id))

/**
 * The unit of the jurisdiction a report of `unitId` counts under, or `undefined` when it does not
 * count: the unit itself when it is in the jurisdiction, otherwise the unit that carries its
 * history as of `asOf` (`Succession.historyCarrier`) when that one is.
 *
 * @category rules
 * @since 0.1.0
 */
export const countedUnder = (
  jurisdiction: ReadonlySet<UnitId>,
  carrierOf: (unitId: UnitId) => UnitId,
  unitId: UnitId
): UnitId | undefined => {
  if (jurisdiction.has(unitId)) return unitId
  const carrier = carrierOf(unitId)
  return jurisdiction.has(carrier) ? carrier : undefined
}

/**
 * One report that went into a consolidation: a schema, so an adapter decodes the rows it reads
 * with it and an HTTP API answers with it.
 *
 * @category schemas
 * @since 0.1.0
 */
export const Contribution = Schema.Struct({
  reportId: ReportId,
  unitId: UnitId,
  /** The unit of the jurisdiction the report counts under (itself, or its successor). */
  countedUnder: UnitId,
  status: ReportStatus,
  revision: Schema.Int
})
/**
 * @category models
 * @since 0.1.0
 */
export interface Contribution extends Schema.Schema.Type<typeof Contribution> {}

/**
 * The sums of the contributing reports' figures, by indicator path (`Figures.flatten`), and the
 * contributions themselves in {@link contributionOrder}.
 *
 * @category schemas
 * @since 0.1.0
 */
export const Consolidation = Schema.Struct({
  totals: Schema.Record(Schema.String, Schema.Int),
  contributions: Schema.Array(Contribution)
})
/**
 * @category models
 * @since 0.1.0
 */
export interface Consolidation extends Schema.Schema.Type<typeof Consolidation> {}

/**
 * The order of a consolidation's contributions: by unit id, then report id (code-unit order, as
 * every store sorts ids). Every store's `consolidate` returns its contributions in this order, and
 * a caller comparing two rollups (the benchmark, a test) sorts by it.
 *
 * @category orders
 * @since 0.1.0
 */
export const contributionOrder: Order.Order<{ readonly unitId: string; readonly reportId: string }> = (
  self,
  that
) =>
  // `Order.Struct({ unitId: Order.String, reportId: Order.String })` as two plain comparisons: a
  // national rollup sorts thousands of contributions with it.
  Order.String(self.unitId, that.unitId) || Order.String(self.reportId, that.reportId)

/**
 * What {@link tally} counts: candidate reports, the jurisdiction they may count under, and who
 * carries the history of a unit outside it.
 *
 * @category models
 * @since 0.1.0
 */
export interface TallyInput {
  /** The ids of the jurisdiction as of the consolidation's date (see {@link jurisdictionIds}). */
  readonly jurisdiction: ReadonlySet<UnitId>
  /** The unit that carries a unit's history as of that date (`Succession.historyCarriers`). */
  readonly carrierOf: (unitId: UnitId) => UnitId
  /** Candidate reports; those of other periods, programmes or statuses are ignored. */
  readonly reports: Iterable<Report>
  readonly periodId: Period.PeriodId
  readonly programme: Programme
  /** The statuses whose figures count (for example only `approved`). */
  readonly statuses: ReadonlyArray<ReportStatus>
  /**
   * The reports are known to be distinct (no report id twice), as a store's index gives them: each
   * is counted without keeping the set of the ids already counted (decision record 0048). Absent, a
   * report given twice counts once.
   */
  readonly distinct?: boolean
}

/**
 * The rollup once the jurisdiction and the history carriers are known: each report of the period,
 * programme and statuses counted once, under the unit {@link countedUnder} names, its figures
 * summed by indicator path, the contributions in {@link contributionOrder}. A store that finds the
 * jurisdiction and the carriers its own way (an index, a query) calls this for the rest, so the
 * rule is the same in every store. It is {@link tallyMany} with one jurisdiction.
 *
 * @category rules
 * @since 0.1.0
 */
export const tally = (input: TallyInput): Consolidation =>
  tallyMany({
    jurisdictions: [{ rootId: "" as UnitId, ids: input.jurisdiction }],
    carrierOf: input.carrierOf,
    reports: input.reports,
    periodId: input.periodId,
    programme: input.programme,
    statuses: input.statuses,
    ...(input.distinct === undefined ? {} : { distinct: input.distinct })
  })[0]!.consolidation

/**
 * One root's jurisdiction, for {@link tallyMany}: the root and the ids of its jurisdiction as of
 * the consolidation's date (see {@link jurisdictionIds}).
 *
 * @category models
 * @since 0.1.0
 */
export interface RootJurisdiction {
  readonly rootId: UnitId
  readonly ids: ReadonlySet<UnitId>
}

/**
 * One root's consolidation, as a consolidation over several roots returns it.
 *
 * @category models
 * @since 0.1.0
 */
export interface RootConsolidation {
  readonly rootId: UnitId
  readonly consolidation: Consolidation
}

/**
 * What {@link tallyMany} counts: {@link TallyInput} with several jurisdictions instead of one.
 *
 * @category models
 * @since 0.1.0
 */
export interface TallyManyInput extends Omit<TallyInput, "jurisdiction"> {
  readonly jurisdictions: ReadonlyArray<RootJurisdiction>
}

/** One root's consolidation as it is being counted. */
interface Part {
  readonly totals: Figures.Totals
  readonly contributions: Array<Contribution>
}

/** Counts a report into one root's consolidation, under the unit `under`. */
const countIn = (part: Part, report: Report, under: UnitId) => {
  part.totals.add(report.content.figures)
  part.contributions.push({
    reportId: report.id,
    unitId: report.unitId,
    countedUnder: under,
    status: report.status,
    revision: report.revision
  })
}

/**
 * The rollup of several roots in one walk over the candidate reports: for each root, exactly what
 * {@link tally} gives with that root's jurisdiction (each report counted once per root, under the
 * unit {@link countedUnder} names in that root's jurisdiction), in the order of the jurisdictions
 * given. A report's figures are added into each counting root's sums as they are
 * (`Figures.totals`, no flat copy or path string per report), and each report looks up only the
 * roots its unit (or the unit carrying its history) belongs to, so a national rollup over the
 * provinces costs one pass over the period's reports, not one per province.
 *
 * @category rules
 * @since 0.1.0
 */
export const tallyMany = (input: TallyManyInput): ReadonlyArray<RootConsolidation> => {
  const statuses = new Set(input.statuses)
  const all = input.jurisdictions.length
  // The roots each unit belongs to: one shared array per root for a unit in one jurisdiction (most
  // units), a fresh one only for a unit in several; with one root, its jurisdiction itself.
  const alone = input.jurisdictions.map((_, index): ReadonlyArray<number> => [index])
  let rootsOf: (unitId: UnitId) => ReadonlyArray<number> | undefined
  if (all === 1) {
    const ids = input.jurisdictions[0]!.ids
    rootsOf = (unitId) => (ids.has(unitId) ? alone[0] : undefined)
  } else {
    const roots = new Map<UnitId, ReadonlyArray<number>>()
    input.jurisdictions.forEach((j, index) => {
      for (const id of j.ids) {
        const known = roots.get(id)
        roots.set(id, known === undefined ? alone[index]! : [...known, index])
      }
    })
    rootsOf = (unitId) => roots.get(unitId)
  }
  const parts: Array<Part> = input.jurisdictions.map(() => ({
    totals: Figures.totals(),
    contributions: []
  }))
  const seen = input.distinct === true ? undefined : new Set<string>()
  for (const report of input.reports) {
    if (
      report.periodId !== input.periodId ||
      report.programme !== input.programme ||
      !statuses.has(report.status) ||
      seen?.has(report.id) === true
    ) {
      continue
    }
    const own = rootsOf(report.unitId)
    // Only a root whose jurisdiction does not hold the unit itself may count it under its carrier.
    const carrier = own !== undefined && own.length === all ? report.unitId : input.carrierOf(report.unitId)
    const carried = carrier === report.unitId ? undefined : rootsOf(carrier)
    if (own === undefined && carried === undefined) continue
    seen?.add(report.id)
    if (own !== undefined) for (const index of own) countIn(parts[index]!, report, report.unitId)
    if (carried !== undefined) {
      for (const index of carried) {
        if (own === undefined || !own.includes(index)) countIn(parts[index]!, report, carrier)
      }
    }
  }
  return input.jurisdictions.map((j, index) => {
    const part = parts[index]!
    return {
      rootId: j.rootId,
      consolidation: { totals: part.totals.flat(), contributions: part.contributions.sort(contributionOrder) }
    }
  })
}

/**
 * The roots of a whole-country consolidation as of a date: the units valid that day with no parent
 * valid that day (the provinces, in a store of the country), ordered by id.
 *
 * @category rules
 * @since 0.1.0
 */
export const topLevelIds = (units: ReadonlyArray<Unit>, asOf: CalendarDate): ReadonlyArray<UnitId> => {
  const hierarchy = Hierarchy.make(units)
  return units
    .filter(
      (u) =>
        Hierarchy.get(hierarchy, u.id, asOf) !== undefined &&
        Hierarchy.parentOf(hierarchy, u.id, asOf) === undefined
    )
    .map((u) => u.id)
    .sort()
}

/**
 * Consolidates the reports of one period and programme at `rootId` as of `asOf`: the reports of
 * units in the root's jurisdiction as of that date, plus those of units whose history is carried
 * into it by succession, each report counted once, only in the given statuses. Totals are by flat
 * indicator path; contributions are in {@link contributionOrder}. A root that is not valid
 * on `asOf` has an empty jurisdiction, so an empty consolidation (stores fail with `NotFound`
 * instead).
 *
 * @example A province's approved reports of a half-year
 * ```ts
 * import { Rollup } from "@danvan/core"
 * import { Fixtures } from "@danvan/store-testkit"
 *
 * const units = [
 *   Fixtures.unit("p", "province", "Tỉnh Ninh Bình"),
 *   Fixtures.unit("a", "commune", "Xã Trường Yên", { parents: [["p", "1992-01-01"]] }),
 *   Fixtures.unit("b", "commune", "Xã Ninh Hòa", { parents: [["p", "1992-01-01"]] })
 * ]
 * const reports = [
 *   Fixtures.report("r-a", "a", "2024S1", "DVK", { status: "approved", figures: Fixtures.dvkFigures({ models: 4 }) }),
 *   Fixtures.report("r-b", "b", "2024S1", "DVK", { status: "draft", figures: Fixtures.dvkFigures({ models: 9 }) })
 * ]
 * const consolidation = Rollup.consolidate({
 *   units,
 *   successions: [],
 *   reports,
 *   rootId: Fixtures.unitId("p"),
 *   asOf: Fixtures.date("2024-06-30"),
 *   periodId: Fixtures.period("2024S1"),
 *   programme: "DVK",
 *   statuses: ["approved"]
 * })
 * // Only the approved report counts; its figures are the totals, by indicator path.
 * console.log(consolidation.contributions.map((c) => [c.reportId, c.countedUnder])) // [["r-a", "a"]]
 * console.log(consolidation.totals["models"]) // 4
 * ```
 *
 * @category rules
 * @since 0.1.0
 */
export const consolidate = (input: ConsolidateInput): Consolidation =>
  tally({
    jurisdiction: jurisdictionIds(input.units, input.rootId, input.asOf),
    carrierOf: Succession.historyCarriers(input.successions, input.asOf),
    reports: input.reports,
    periodId: input.periodId,
    programme: input.programme,
    statuses: input.statuses
  })

/** Sums consolidations (or flat figures) by indicator path. @category math @since 0.1.0 */
export const sumTotals = (
  parts: ReadonlyArray<Readonly<Record<string, number>>>
): Readonly<Record<string, number>> =>
  parts.reduce<Record<string, number>>((acc, p) => Figures.addFlat(acc, p), {})

/**
 * One unit expected to report, as completeness judges it: its level (whose deadline applies) and
 * the instant its report of the period was first submitted (`ReportWorkflow.firstSubmission`),
 * absent when it has no report or a draft never submitted. `ReportRepository.reporting` reads
 * these for a jurisdiction without reading the reports themselves.
 *
 * @category models
 * @since 0.1.0
 */
export interface Reporter {
  readonly unitId: UnitId
  readonly level: UnitLevel
  readonly firstSubmittedAt?: Timestamp.Timestamp
}

/** What completeness is computed from. @category models @since 0.1.0 */
export interface CompletenessInput {
  /** The units expected to report (usually the jurisdiction below the consolidating unit). */
  readonly expected: ReadonlyArray<Pick<Unit, "id" | "level">>
  /** Their reports; reports of other periods (or programmes, when given) are ignored. */
  readonly reports: ReadonlyArray<Pick<Report, "unitId" | "periodId" | "programme" | "events">>
  readonly regime: ReportingRegime
  readonly period: Period.Period
  readonly programme?: Programme
}

/**
 * Who has reported: `missing` units have no submitted report (none, or a draft never submitted);
 * `late` and `onTime` units submitted, judged by the day of their first submission in Vietnam
 * against the regime's deadline for their level (`Deadline.isOnTime`). A report returned and
 * submitted again keeps the timeliness of its first submission. Each list is ordered by unit id.
 *
 * @category models
 * @since 0.1.0
 */
export interface Completeness {
  readonly expected: number
  readonly missing: ReadonlyArray<UnitId>
  readonly late: ReadonlyArray<UnitId>
  readonly onTime: ReadonlyArray<UnitId>
}

/**
 * The expected units as {@link Reporter}s: each unit with the earliest first submission of its
 * reports of the period (and programme, when given).
 *
 * @category rules
 * @since 0.1.0
 */
export const reporters = (
  input: Pick<CompletenessInput, "expected" | "reports" | "period" | "programme">
): ReadonlyArray<Reporter> => {
  const periodId = Period.id(input.period)
  const firstByUnit = new Map<UnitId, Timestamp.Timestamp>()
  for (const r of input.reports) {
    if (r.periodId !== periodId || (input.programme !== undefined && r.programme !== input.programme))
      continue
    const first = firstSubmission(r)
    if (first === undefined) continue
    const known = firstByUnit.get(r.unitId)
    if (known === undefined || first.at < known) firstByUnit.set(r.unitId, first.at)
  }
  return input.expected.map((unit) => {
    const at = firstByUnit.get(unit.id)
    return at === undefined
      ? { unitId: unit.id, level: unit.level }
      : { unitId: unit.id, level: unit.level, firstSubmittedAt: at }
  })
}

/**
 * Which expected units have not submitted, and which submitted late, from the units as
 * {@link Reporter}s. A unit listed twice counts once, with its earliest submission.
 *
 * @category rules
 * @since 0.1.0
 */
export const completenessOf = (input: {
  readonly reporters: ReadonlyArray<Reporter>
  readonly regime: ReportingRegime
  readonly period: Period.Period
}): Completeness => {
  const byUnit = new Map<UnitId, Reporter>()
  for (const r of input.reporters) {
    const known = byUnit.get(r.unitId)
    if (
      known === undefined ||
      (r.firstSubmittedAt !== undefined &&
        (known.firstSubmittedAt === undefined || r.firstSubmittedAt < known.firstSubmittedAt))
    ) {
      byUnit.set(r.unitId, r)
    }
  }
  const missing: Array<UnitId> = []
  const late: Array<UnitId> = []
  const onTime: Array<UnitId> = []
  const ids = [...byUnit.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  for (const id of ids) {
    const { level, firstSubmittedAt: at } = byUnit.get(id)!
    if (at === undefined) missing.push(id)
    else if (Deadline.isOnTime(input.regime, input.period, level, Timestamp.dateInVietnam(at))) {
      onTime.push(id)
    } else late.push(id)
  }
  return { expected: ids.length, missing, late, onTime }
}

/**
 * Which expected units have not submitted, and which submitted late: {@link completenessOf} the
 * expected units with their reports' first submissions ({@link reporters}).
 *
 * @category rules
 * @since 0.1.0
 */
export const completeness = (input: CompletenessInput): Completeness =>
  completenessOf({ reporters: reporters(input), regime: input.regime, period: input.period })
