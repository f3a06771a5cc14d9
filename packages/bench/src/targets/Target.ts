/**
 * What every benchmarked implementation offers: the same operations, done by danvan through its
 * storage port and use cases, or by hand on the driver (the baselines). The scenarios time these
 * calls and compare their answers.
 *
 * @since 0.1.0
 */
import type { Actor, CalendarDate, Ids, Period, Programme } from "@danvan/core"
import type { Plan } from "../generate/Plan.ts"
import type { ProvinceChunk, Receive } from "../generate/Province.ts"

/** The four stores. @since 0.1.0 */
export const adapters = ["memory", "sqlite", "postgres", "json"] as const
/** @since 0.1.0 */
export type AdapterName = (typeof adapters)[number]

/** danvan, or the hand-written code on the same driver. @since 0.1.0 */
export const implementations = ["baseline", "danvan"] as const
/** @since 0.1.0 */
export type Implementation = (typeof implementations)[number]

/** A report counted in a rollup. @since 0.1.0 */
export interface Counted {
  readonly reportId: string
  readonly unitId: string
  readonly countedUnder: string
}

/** The answer of a rollup: totals by indicator path, and the reports counted (by unit id). @since 0.1.0 */
export interface RollupResult {
  readonly totals: Readonly<Record<string, number>>
  readonly counted: ReadonlyArray<Counted>
}

/** The answer of the consolidation use case. @since 0.1.0 */
export interface ConsolidationResult extends RollupResult {
  readonly expected: number
  readonly missing: number
  readonly late: number
  readonly onTime: number
  /** Validation rules broken by the consolidated figures. */
  readonly violations: number
}

/** @since 0.1.0 */
export interface RollupQuery {
  readonly roots: ReadonlyArray<Ids.UnitId>
  readonly asOf: CalendarDate.CalendarDate
  readonly periodId: Period.PeriodId
  readonly programme: Programme.Programme
}

/** A report as stored after a submission: its status, revision, and how many revisions it keeps. @since 0.1.0 */
export interface ReportState {
  readonly id: string
  readonly status: string
  readonly revision: number
  readonly revisions: number
}

/**
 * Where another process finds the same store (the `load` scenario's workers): the SQLite file, or
 * the PostgreSQL schema.
 *
 * @since 0.1.0
 */
export type Location = { readonly filename: string } | { readonly schema: string }

/** @since 0.1.0 */
export interface Target {
  readonly adapter: AdapterName
  readonly implementation: Implementation
  /** Reference data (fields, regimes, validation rules) and national directives; returns records. */
  readonly importStatic: (plan: Plan) => Promise<number>
  /**
   * Untimed, while a province is generated: each record as this implementation's application holds
   * it (for danvan, on every adapter, decoded once at the boundary with `Checked`, decision records
   * 0034 and 0042), taken as soon as the generator has made it (decision record 0062); absent, the
   * generator's records as they are.
   */
  readonly receive?: Receive
  /** One province's units and successions, in one transaction; returns records. */
  readonly importUnits: (chunk: ProvinceChunk) => Promise<number>
  readonly importModels: (chunk: ProvinceChunk) => Promise<number>
  /** Reports with their revisions. */
  readonly importReports: (chunk: ProvinceChunk) => Promise<number>
  readonly importDirectives: (chunk: ProvinceChunk) => Promise<number>
  /** What is left to make the import durable and complete (a file write, a compaction). */
  readonly finishImport: () => Promise<void>
  /**
   * Untimed, after the import: refreshes the SQL planner's statistics (`ANALYZE`), as autovacuum
   * would shortly, so every SQL query runs on statistics whichever implementation wrote the data.
   */
  readonly settle: () => Promise<void>
  /** The consolidated figures of the roots' jurisdictions together (each report counted once). */
  readonly rollup: (query: RollupQuery) => Promise<RollupResult>
  /** The consolidation use case at one root: rollup, completeness, validation rules. */
  readonly consolidate: (
    actor: Actor.Actor,
    query: Omit<RollupQuery, "roots"> & { readonly root: Ids.UnitId }
  ) => Promise<ConsolidationResult>
  /** The ids of a unit's jurisdiction as of a date, ordered by id. */
  readonly jurisdiction: (root: Ids.UnitId, asOf: CalendarDate.CalendarDate) => Promise<ReadonlyArray<string>>
  /** The ids of the directives in force on a date, by effective date then id. */
  readonly directivesInForce: (on: CalendarDate.CalendarDate) => Promise<ReadonlyArray<string>>
  /** Submits a draft report, as its unit's officer: a new revision and an audit entry. */
  readonly submit: (actor: Actor.Actor, reportId: Ids.ReportId) => Promise<void>
  /** The stored state of reports, in the order asked (read back to check the `load` scenario). */
  readonly states: (ids: ReadonlyArray<Ids.ReportId>) => Promise<ReadonlyArray<ReportState>>
  /**
   * Whether a failed call may succeed if made again unchanged, as an app would decide: for danvan a
   * `StoreUnavailable` whose reason `isRetryable` (a lock, a cut connection); for the baselines the
   * driver's busy, serialization and deadlock codes.
   */
  readonly retryable: (error: unknown) => boolean
  /** Where other processes can open this store (SQL adapters only). */
  readonly location?: Location
  readonly close: () => Promise<void>
}
