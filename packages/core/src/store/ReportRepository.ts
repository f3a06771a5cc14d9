/**
 * Storage port for reports, their revisions, and the rollup read.
 *
 * @since 0.1.0
 */
import type { Effect, Option } from "effect"
import { Context } from "effect"
import type { PeriodId } from "../calendar/Period.ts"
import type { CalendarDate } from "../kernel/CalendarDate.ts"
import type { ReportId, UnitId } from "../kernel/Ids.ts"
import type { Programme } from "../kernel/Programme.ts"
import type { Report, ReportRevision, ReportStatus } from "../report/Report.ts"
import type { Consolidation, Reporter, RootConsolidation } from "../report/Rollup.ts"
import type { Page, PageRequest } from "./Page.ts"
import type { ConstraintViolation, NotFound, StoreFailure, VersionConflict } from "./StoreError.ts"

/** Filters for listing reports; every filter given must hold. @category models @since 0.1.0 */
export interface ReportQuery {
  readonly periodId?: PeriodId
  readonly programme?: Programme
  readonly statuses?: ReadonlyArray<ReportStatus>
  readonly unitIds?: ReadonlyArray<UnitId>
  readonly within?: { readonly rootId: UnitId; readonly asOf: CalendarDate }
}

/**
 * What a consolidation reads: the reports of one period and programme from the units of a
 * jurisdiction as of a date, and from every unit whose history is carried into that
 * jurisdiction by succession (following `carriesHistory` links that took effect by `asOf`).
 *
 * @category models
 * @since 0.1.0
 */
export interface ConsolidationQuery {
  readonly rootId: UnitId
  readonly asOf: CalendarDate
  readonly periodId: PeriodId
  readonly programme: Programme
  /** The statuses whose figures count (for example only `approved`). */
  readonly statuses: ReadonlyArray<ReportStatus>
}

/**
 * A consolidation over several roots at once (`ReportRepository.consolidateMany`): the same
 * period, programme, statuses and date as {@link ConsolidationQuery}, for each of `rootIds`, or
 * for the whole country when `rootIds` is absent (every unit valid on `asOf` with no parent valid
 * that day, `Rollup.topLevelIds`: the provinces).
 *
 * @category models
 * @since 0.1.0
 */
export interface ConsolidationsQuery {
  /** The roots, each consolidated on its own; the whole country's top-level units when absent. */
  readonly rootIds?: ReadonlyArray<UnitId>
  readonly asOf: CalendarDate
  readonly periodId: PeriodId
  readonly programme: Programme
  /** The statuses whose figures count (for example only `approved`). */
  readonly statuses: ReadonlyArray<ReportStatus>
}

/**
 * What `ReportRepository.reporting` reads: the units of a jurisdiction as of a date, each with the
 * first submission of its report of one period and programme.
 *
 * @category models
 * @since 0.1.0
 */
export interface ReportingQuery {
  readonly rootId: UnitId
  readonly asOf: CalendarDate
  readonly periodId: PeriodId
  readonly programme: Programme
}

/**
 * Reports. A unit has at most one report per period and programme (`insert` fails with
 * `ConstraintViolation` otherwise, or when the unit does not exist). `update` may append a new
 * revision in the same atomic write; revision numbers are unique per report.
 *
 * @category services
 * @since 0.1.0
 */
export class ReportRepository extends Context.Service<
  ReportRepository,
  {
    readonly get: (id: ReportId) => Effect.Effect<Report, NotFound | StoreFailure>
    readonly find: (
      unitId: UnitId,
      periodId: PeriodId,
      programme: Programme
    ) => Effect.Effect<Option.Option<Report>, StoreFailure>
    readonly insert: (report: Report) => Effect.Effect<Report, ConstraintViolation | StoreFailure>
    /**
     * Imports reports with their revisions in one atomic write (all or nothing): each report is
     * stored at version 1, as `insert` stores it (the batch is one write), and each revision as
     * given. Every revision must belong to a report of the batch (`revision belongs to the
     * updated report` otherwise), so a report already stored gains revisions only through
     * `update`, which checks its version. The storage contract applies exactly as for one write
     * holding the records one at a time would (`Contract.check`: keys already taken, in the batch
     * or the store, then each record's references, then one report per unit, period and
     * programme), with the same `ConstraintViolation`; nothing is written when any record fails.
     * SQL adapters write it in multi-row statements, so an import costs a few statements per
     * thousand records rather than a dozen per report. Returns the reports as stored.
     */
    readonly insertMany: (
      reports: ReadonlyArray<Report>,
      revisions: ReadonlyArray<ReportRevision>
    ) => Effect.Effect<ReadonlyArray<Report>, ConstraintViolation | StoreFailure>
    readonly update: (
      report: Report,
      newRevision?: ReportRevision
    ) => Effect.Effect<Report, NotFound | VersionConflict | ConstraintViolation | StoreFailure>
    /**
     * Deletes a report that was never submitted (status `draft`, revision 0) at the given
     * version; any other report fails with `ConstraintViolation`.
     */
    readonly remove: (
      id: ReportId,
      version: number
    ) => Effect.Effect<void, NotFound | VersionConflict | ConstraintViolation | StoreFailure>
    /** Every revision of a report, oldest first. */
    readonly revisions: (id: ReportId) => Effect.Effect<ReadonlyArray<ReportRevision>, StoreFailure>
    readonly revision: (
      id: ReportId,
      revision: number
    ) => Effect.Effect<ReportRevision, NotFound | StoreFailure>
    /** Reports matching the query, ordered by unit id then period then programme. */
    readonly list: (query: ReportQuery, page?: PageRequest) => Effect.Effect<Page<Report>, StoreFailure>
    /** The rollup read; fails with `NotFound` when the root is not valid on `asOf`. */
    readonly consolidate: (query: ConsolidationQuery) => Effect.Effect<Consolidation, NotFound | StoreFailure>
    /**
     * The rollup of several roots in one pass over the store (one statement on SQL, one walk of
     * the period's reports in memory), each root's consolidation exactly what `consolidate` gives
     * for it (a report under two overlapping roots counts in both). In the order of `rootIds`,
     * repeats dropped, or by id for the whole country. Fails with `NotFound` naming the first root
     * not valid on `asOf`.
     */
    readonly consolidateMany: (
      query: ConsolidationsQuery
    ) => Effect.Effect<ReadonlyArray<RootConsolidation>, NotFound | StoreFailure>
    /**
     * Every unit of the root's jurisdiction on `asOf` (the root included, as
     * `UnitRepository.jurisdiction` lists it), ordered by id, with its level and the instant its
     * report of the period and programme was first submitted (`ReportWorkflow.firstSubmission`),
     * absent when it has none or a draft never submitted: what `Rollup.completenessOf` judges,
     * read in one pass without handing out the units and reports themselves (one statement on
     * SQL). Fails with `NotFound` when the root is not valid on `asOf`.
     */
    readonly reporting: (
      query: ReportingQuery
    ) => Effect.Effect<ReadonlyArray<Reporter>, NotFound | StoreFailure>
  }
>()("@danvan/core/ReportRepository") {}
