/**
 * `ReportRepository` over the engine: reports, their revisions, and the rollup read, which gives
 * what `Rollup.consolidate` in `@danvan/core` gives over the same records (the counting itself is
 * `Rollup.tally` and `Rollup.tallyMany`). The candidates are driven by whichever is smaller: the
 * jurisdiction's units (plus the units whose history is carried into it), each looked up in the
 * `reportSlot` index, or the period's reports of the programme; so a province's rollup costs the
 * province, not the country, and a national rollup is one walk of the period's reports.
 * `reporting` (what completeness judges) walks the jurisdiction and looks each unit's report up
 * in the same index.
 *
 * @since 0.1.0
 */
import type { CalendarDate, Ids, Period, Report } from "@danvan/core"
import {
  Contract,
  Programme,
  type ReportRepository,
  ReportWorkflow,
  Rollup,
  StoreError,
  Succession
} from "@danvan/core"
import { Option, Result } from "effect"
import type { Engine } from "./Engine.ts"
import * as Hierarchy from "./Hierarchy.ts"
import { composite } from "./Indexes.ts"
import * as Paging from "./Paging.ts"
import { ascending, found, type View } from "./State.ts"
import { revisionKey } from "./Tables.ts"
import { bySuccessionOrder, successions } from "./Units.ts"
import * as Writes from "./Writes.ts"

const sortKey = (r: Report.Report): Paging.SortKey => [r.unitId, r.periodId, r.programme]

/**
 * The unit that carries a unit's history as of a date (`Succession.historyCarrier`), computed
 * from the links reachable from it only.
 */
const carrier = (view: View, unitId: Ids.UnitId, asOf: CalendarDate.CalendarDate): Ids.UnitId => {
  const links = new Map<string, Succession.Succession>()
  const visited = new Set<string>()
  let frontier: Array<string> = [unitId]
  while (frontier.length > 0) {
    const next: Array<string> = []
    for (const id of frontier) {
      if (visited.has(id)) continue
      visited.add(id)
      for (const s of successions(view, { predecessorId: id })) {
        links.set(s.id, s)
        if (s.carriesHistory && s.effectiveDate <= asOf) next.push(s.successorId)
      }
    }
    frontier = next
  }
  const ordered = [...links.values()].sort(bySuccessionOrder)
  return Succession.historyCarrier(ordered, unitId, asOf)
}

/**
 * The units whose reports may count in a jurisdiction: its own, and every unit whose history
 * reaches one of them along history-carrying successions in effect by `asOf` (walked backwards
 * from successor to predecessor, so a superset of the units `Succession.historyCarrier` maps into
 * it; `Rollup.tally` keeps exactly the ones that count).
 */
const reportingUnits = (
  view: View,
  jurisdiction: Iterable<Ids.UnitId>,
  asOf: CalendarDate.CalendarDate
): ReadonlySet<Ids.UnitId> => {
  const units = new Set<Ids.UnitId>(jurisdiction)
  const queue = [...units]
  for (let i = 0; i < queue.length; i++) {
    for (const key of view.lookup("successionSuccessor", queue[i]!)) {
      const s = view.get("succession", key)!.record
      if (!s.carriesHistory || s.effectiveDate > asOf || units.has(s.predecessorId)) continue
      units.add(s.predecessorId)
      queue.push(s.predecessorId)
    }
  }
  return units
}

/**
 * The candidate reports of a period and programme for a set of units: through the `reportSlot`
 * index when the units are fewer than the period's reports, otherwise the period's reports (the
 * caller filters by unit).
 */
const candidates = (
  view: View,
  units: ReadonlySet<string> | (() => ReadonlySet<string>),
  periodId: Period.PeriodId,
  programme: Programme.Programme,
  atLeast = 0
): Array<Report.Report> => {
  const period = view.lookup("reportPeriodProgramme", composite(periodId, programme))
  // `atLeast`: the size the units are taken to reach (the jurisdiction's, before the units whose
  // history is carried into it are added), so a country-wide set is not built only to be dropped;
  // either way the caller gets every candidate, so it decides the cost, never the answer.
  if (atLeast >= period.size) return Array.from(period, (key) => view.get("report", key)!.record)
  const set = typeof units === "function" ? units() : units
  if (set.size >= period.size) return Array.from(period, (key) => view.get("report", key)!.record)
  const out: Array<Report.Report> = []
  for (const unitId of set) {
    for (const key of view.lookup("reportSlot", Contract.reportSlot({ unitId, periodId, programme }))) {
      out.push(view.get("report", key)!.record)
    }
  }
  return out
}

/** A memoised `Succession.historyCarrier` over the view, for one date. */
const carriersAsOf = (view: View, asOf: CalendarDate.CalendarDate) => {
  const carriers = new Map<Ids.UnitId, Ids.UnitId>()
  return (unitId: Ids.UnitId): Ids.UnitId => {
    // Most units have no successor: they carry their own history, with no walk.
    if (view.lookup("successionPredecessor", unitId).size === 0) return unitId
    let c = carriers.get(unitId)
    if (c === undefined) {
      c = carrier(view, unitId, asOf)
      carriers.set(unitId, c)
    }
    return c
  }
}

/** @since 0.1.0 */
export const make = (engine: Engine): ReportRepository["Service"] => ({
  get: (id) => engine.readResult((view) => found(view, "report", id)),

  find: (unitId, periodId, programme) =>
    engine.read((view) => {
      for (const key of view.lookup("reportSlot", Contract.reportSlot({ unitId, periodId, programme }))) {
        return Option.some(view.get("report", key)!.record)
      }
      return Option.none()
    }),

  insert: (report) => engine.write((o) => Writes.insertOne(o, "report", report)),

  insertMany: (reports, revisions) =>
    engine.write((o) => {
      // One commit: the copies encode first (a record that does not encode is `valid record`),
      // then the contract checks the whole import against the state before it.
      const stored = Writes.copies("report", reports)
      if (Result.isFailure(stored)) return Result.fail(stored.failure)
      // A revision's content is its report's when they are equal (the latest one usually): held
      // once (decision record 0033).
      const byId = new Map<string, Report.Report>()
      for (const s of stored.success) byId.set(s.key, s.record)
      const history = Writes.copies("reportRevision", revisions, (v) => byId.get(v.reportId))
      if (Result.isFailure(history)) return Result.fail(history.failure)
      // The imported reports' ids are `byId`'s keys (a report's key is its id).
      const foreign = Contract.revisionsOf(byId, revisions)
      if (foreign !== undefined) return Result.fail(foreign)
      return Writes.store(
        o,
        [
          { stored: stored.success, insert: true },
          { stored: history.success, insert: true }
        ],
        stored.success.map((s) => s.record)
      )
    }),

  update: (report, newRevision) =>
    engine.write((o) => {
      const stored = Writes.update(o, "report", report)
      if (Result.isFailure(stored)) return Result.fail(stored.failure)
      if (newRevision === undefined) {
        return Writes.store(o, [{ stored: [stored.success], insert: false }], stored.success.record)
      }
      const foreign = Contract.revisionOf(report, newRevision)
      if (foreign !== undefined) return Result.fail(foreign)
      // The revision's content is the report's working content: held once (decision record 0033).
      const revision = Writes.copy("reportRevision", newRevision, undefined, stored.success.record)
      if (Result.isFailure(revision)) return Result.fail(revision.failure)
      return Writes.store(
        o,
        [
          { stored: [stored.success], insert: false },
          { stored: [revision.success], insert: true }
        ],
        stored.success.record
      )
    }),

  remove: (id, version) =>
    engine.write(
      (
        o
      ): Result.Result<
        void,
        StoreError.NotFound | StoreError.VersionConflict | StoreError.ConstraintViolation
      > => {
        const current = Writes.expectVersion(o, "report", id, version)
        if (Result.isFailure(current)) return Result.fail(current.failure)
        const refused = Contract.removable(current.success.record)
        if (refused !== undefined) return Result.fail(refused)
        for (const key of [...o.lookup("revisionReport", id)]) o.delete("reportRevision", key)
        o.delete("report", id)
        return Result.void
      }
    ),

  revisions: (id) =>
    engine.read((view) =>
      [...view.lookup("revisionReport", id)]
        .map((key) => view.get("reportRevision", key)!.record)
        .sort((a, b) => a.revision - b.revision)
    ),

  revision: (id, revision) =>
    engine.readResult((view) => found(view, "reportRevision", revisionKey(id, revision))),

  list: (query, page) =>
    engine.readResult((view) => {
      const within =
        query.within === undefined
          ? undefined
          : Hierarchy.listedJurisdiction(view, query.within.rootId, query.within.asOf, page).ids
      const unitIds = query.unitIds === undefined ? undefined : new Set<string>(query.unitIds)
      const statuses = query.statuses === undefined ? undefined : new Set(query.statuses)
      let keys: Iterable<string>
      const units = unitIds ?? within
      if (query.periodId !== undefined && query.programme !== undefined && units !== undefined) {
        // The smaller of the period's reports and the units' report slots (`candidates`).
        keys = candidates(view, units, query.periodId, query.programme).map((r) => r.id)
      } else if (query.periodId !== undefined) {
        const programmes = query.programme === undefined ? Programme.all : [query.programme]
        keys = programmes.flatMap((p) => [
          ...view.lookup("reportPeriodProgramme", composite(query.periodId!, p))
        ])
      } else if (units !== undefined) {
        keys = [...units].flatMap((u) => [...view.lookup("reportUnit", u)])
      } else keys = view.keys("report")
      const items: Array<Report.Report> = []
      for (const key of new Set(keys)) {
        const r = view.get("report", key)!.record
        if (query.periodId !== undefined && r.periodId !== query.periodId) continue
        if (query.programme !== undefined && r.programme !== query.programme) continue
        if (statuses !== undefined && !statuses.has(r.status)) continue
        if (unitIds !== undefined && !unitIds.has(r.unitId)) continue
        if (within !== undefined && !within.has(r.unitId)) continue
        items.push(r)
      }
      items.sort((a, b) => Paging.compareKeys(sortKey(a), sortKey(b)))
      return Paging.fromSorted(items, sortKey, page)
    }),

  consolidate: (query) =>
    engine.readResult((view) => {
      if (Hierarchy.validUnit(view, query.rootId, query.asOf) === undefined) {
        return Result.fail(new StoreError.NotFound({ entity: "unit", id: query.rootId }))
      }
      const jurisdiction = Hierarchy.jurisdictionIds(view, query.rootId, query.asOf)
      return Result.succeed(
        Rollup.tally({
          jurisdiction,
          carrierOf: carriersAsOf(view, query.asOf),
          reports: candidates(
            view,
            () => reportingUnits(view, jurisdiction, query.asOf),
            query.periodId,
            query.programme,
            jurisdiction.size
          ),
          periodId: query.periodId,
          programme: query.programme,
          statuses: query.statuses,
          // Each candidate once: the period's report keys, or the slots of distinct units.
          distinct: true
        })
      )
    }),

  consolidateMany: (query) =>
    engine.readResult((view) => {
      let rootIds: ReadonlyArray<Ids.UnitId>
      if (query.rootIds === undefined) {
        rootIds = view
          .keys("unit")
          .map((key) => view.get("unit", key)!.record)
          .filter(
            (u) =>
              Hierarchy.validUnit(view, u.id, query.asOf) !== undefined &&
              Hierarchy.parentOf(view, u, query.asOf) === undefined
          )
          .map((u) => u.id)
          .sort(ascending)
      } else {
        rootIds = [...new Set(query.rootIds)]
        const missing = rootIds.find((id) => Hierarchy.validUnit(view, id, query.asOf) === undefined)
        if (missing !== undefined)
          return Result.fail(new StoreError.NotFound({ entity: "unit", id: missing }))
      }
      const jurisdictions = rootIds.map((rootId) => ({
        rootId,
        ids: Hierarchy.jurisdictionIds(view, rootId, query.asOf)
      }))
      // The jurisdictions' sizes added: their units' number when no two roots share a unit (the
      // provinces of a country), so the country's rollup walks the period's reports without first
      // building the set of every unit; overlapping roots may walk the period where the slots would
      // have been fewer, with the same answer.
      let units = 0
      for (const j of jurisdictions) units += j.ids.size
      return Result.succeed(
        Rollup.tallyMany({
          jurisdictions,
          carrierOf: carriersAsOf(view, query.asOf),
          reports: candidates(
            view,
            () =>
              reportingUnits(
                view,
                jurisdictions.flatMap((j) => [...j.ids]),
                query.asOf
              ),
            query.periodId,
            query.programme,
            units
          ),
          periodId: query.periodId,
          programme: query.programme,
          statuses: query.statuses,
          // Each candidate once: the period's report keys, or the slots of distinct units.
          distinct: true
        })
      )
    }),

  reporting: (query) =>
    engine.readResult((view) => {
      if (Hierarchy.validUnit(view, query.rootId, query.asOf) === undefined) {
        return Result.fail(new StoreError.NotFound({ entity: "unit", id: query.rootId }))
      }
      const out: Array<Rollup.Reporter> = []
      for (const unitId of Hierarchy.jurisdictionIds(view, query.rootId, query.asOf)) {
        const level = view.get("unit", unitId)!.record.level
        let first: ReturnType<typeof ReportWorkflow.firstSubmission>
        for (const key of view.lookup(
          "reportSlot",
          Contract.reportSlot({ unitId, periodId: query.periodId, programme: query.programme })
        )) {
          first = ReportWorkflow.firstSubmission(view.get("report", key)!.record)
        }
        out.push(first === undefined ? { unitId, level } : { unitId, level, firstSubmittedAt: first.at })
      }
      return Result.succeed(out.sort((a, b) => ascending(a.unitId, b.unitId)))
    })
})
