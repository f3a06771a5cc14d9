/**
 * A plain reference model of the storage port for the model-based test: maps of records and the
 * port's rules written as directly as possible (whole-map scans, no indexes, no paging), so an
 * adapter can be compared with it after every command. It shares with adapters only the pure
 * query semantics of `@danvan/core` (`Unit.isValidOn`, `Unit.parentOn`, `Succession.historyCarrier`,
 * `Directive.inForceOn`, `DvkModel.statusOf`, `Figures.flatten`) and the storage contract,
 * `Contract`: which records a write refers to and which values must be unique, checked over these
 * maps by whole scans, so a refusal carries the constraint name every adapter must give; and the
 * rollup rule, `Rollup.tally`.
 *
 * @since 0.1.0
 */
import {
  type CalendarDate,
  Contract,
  type Coordination,
  Directive,
  type DocumentNumber,
  type DvkModel,
  DvkModel as DvkModelNs,
  type Ids,
  type Period,
  type Report,
  Rollup,
  type StoreError,
  Succession,
  Unit
} from "@danvan/core"
import { ascending, withVersion } from "./records.ts"

/** The comparable part of a store error. @category models @since 0.1.0 */
export interface ErrorShape {
  readonly _tag: "NotFound" | "VersionConflict" | "ConstraintViolation"
  readonly entity: string
  readonly constraint?: StoreError.ConstraintName
  readonly id?: string
  readonly expected?: number
  readonly actual?: number
}

/** @category models @since 0.1.0 */
export type Outcome<A> =
  | { readonly ok: true; readonly value: A }
  | { readonly ok: false; readonly error: ErrorShape }

const ok = <A>(value: A): Outcome<A> => ({ ok: true, value })
const notFound = (entity: string, id: string): Outcome<never> => ({
  ok: false,
  error: { _tag: "NotFound", entity, id }
})
const conflict = (entity: string, id: string, expected: number, actual: number): Outcome<never> => ({
  ok: false,
  error: { _tag: "VersionConflict", entity, id, expected, actual }
})
const violation = (v: StoreError.ConstraintViolation): Outcome<never> => ({
  ok: false,
  error: { _tag: "ConstraintViolation", entity: v.entity, constraint: v.constraint }
})

/** The model's state: records by key. Records are immutable, so copies are shallow. @category models @since 0.1.0 */
export interface State {
  readonly units: Map<string, Unit.Unit>
  readonly successions: Map<string, Succession.Succession>
  readonly directives: Map<string, Directive.Directive>
  readonly models: Map<string, DvkModel.DvkModel>
  readonly coordinations: Map<string, Coordination.CoordinationProgramme>
  readonly reports: Map<string, Report.Report>
  /** Keyed by report id, then revision number. */
  readonly revisions: Map<string, Map<number, Report.ReportRevision>>
}

/** @category constructors @since 0.1.0 */
export const empty = (): State => ({
  units: new Map(),
  successions: new Map(),
  directives: new Map(),
  models: new Map(),
  coordinations: new Map(),
  reports: new Map(),
  revisions: new Map()
})

/** A copy to run a transaction on. @category constructors @since 0.1.0 */
export const copy = (s: State): State => ({
  units: new Map(s.units),
  successions: new Map(s.successions),
  directives: new Map(s.directives),
  models: new Map(s.models),
  coordinations: new Map(s.coordinations),
  reports: new Map(s.reports),
  revisions: new Map([...s.revisions].map(([k, v]) => [k, new Map(v)]))
})

/** Makes `target` hold what `source` holds (a committed transaction). @category commands @since 0.1.0 */
export const assign = (target: State, source: State): void => {
  for (const key of Object.keys(target) as Array<keyof State>) {
    const t = target[key] as Map<unknown, unknown>
    t.clear()
    for (const [k, v] of source[key] as Map<unknown, unknown>) t.set(k, v)
  }
}

type Versioned = { readonly version: number }

/** The stored record with key `id` when the caller's `version` is its version; else the store's error. */
const atVersion = <A extends Versioned>(
  records: ReadonlyMap<string, A>,
  entity: string,
  id: string,
  version: number
): Outcome<A> => {
  const current = records.get(id)
  if (current === undefined) return notFound(entity, id)
  return current.version === version ? ok(current) : conflict(entity, id, version, current.version)
}

type Keyed = Versioned & { readonly id: string }

/** The records of each kind the model keeps, by key (`Contract.keyOf`). */
const recordsOf = (s: State, entity: StoreError.Entity): Iterable<readonly [string, unknown]> => {
  switch (entity) {
    case "unit":
      return s.units
    case "succession":
      return s.successions
    case "directive":
      return s.directives
    case "model":
      return s.models
    case "coordination":
      return s.coordinations
    case "report":
      return s.reports
    case "reportRevision":
      return [...s.revisions.values()].flatMap((byNumber) =>
        [...byNumber.values()].map((r) => [Contract.revisionKey(r.reportId, r.revision), r] as const)
      )
    default:
      return []
  }
}

/** The model's state as the contract reads it: whole scans, no indexes. */
const view = (s: State): Contract.View => ({
  has: (entity, key) => {
    for (const [k] of recordsOf(s, entity)) if (k === key) return true
    return false
  },
  holders: (unique) => {
    const out: Array<string> = []
    for (const [k, record] of recordsOf(s, unique.entity)) {
      const keys = Contract.uniqueKeys(unique.entity, record as never)
      if (keys.some((u) => u._tag === unique._tag && u.value === unique.value)) out.push(k)
    }
    return out
  }
})

/** The violation of the contract a write would cause in `s`, if any. */
const refused = (s: State, writes: ReadonlyArray<Contract.Write>): Outcome<never> | undefined => {
  const v = Contract.check(view(s), writes)
  return v === undefined ? undefined : violation(v)
}

/** Inserts a batch at version 1, all or nothing, when the contract accepts it. */
const insertAll = <A extends Keyed>(
  s: State,
  records: Map<string, A>,
  entity: StoreError.Entity,
  batch: ReadonlyArray<A>
): Outcome<ReadonlyArray<A>> => {
  const out = batch.map((x) => withVersion(x, 1))
  const no = refused(s, [Contract.write(entity, out as never, true)])
  if (no !== undefined) return no
  for (const x of out) records.set(x.id, x)
  return ok(out)
}

/** Inserts one record at version 1 when the contract accepts it. */
const insertOne = <A extends Keyed>(
  s: State,
  records: Map<string, A>,
  entity: StoreError.Entity,
  record: A
): Outcome<A> => {
  const stored = insertAll(s, records, entity, [record])
  return stored.ok ? ok(stored.value[0]!) : stored
}

/**
 * Replaces a stored record at the caller's version with the next version, when the contract
 * accepts it; else `NotFound`, `VersionConflict` or a constraint violation, and nothing changes.
 */
const updateOne = <A extends Keyed>(
  s: State,
  records: Map<string, A>,
  entity: StoreError.Entity,
  record: A
): Outcome<A> => {
  const found = atVersion(records, entity, record.id, record.version)
  if (!found.ok) return found
  const stored = withVersion(record, found.value.version + 1)
  const no = refused(s, [Contract.write(entity, [stored] as never, false)])
  if (no !== undefined) return no
  records.set(record.id, stored)
  return ok(stored)
}

// ---------------------------------------------------------------------------------------------
// Units
// ---------------------------------------------------------------------------------------------

/** @category commands @since 0.1.0 */
export const insertUnits = (s: State, units: ReadonlyArray<Unit.Unit>): Outcome<ReadonlyArray<Unit.Unit>> =>
  insertAll(s, s.units, "unit", units)

/** @category commands @since 0.1.0 */
export const updateUnit = (s: State, u: Unit.Unit): Outcome<Unit.Unit> => updateOne(s, s.units, "unit", u)

const validUnit = (s: State, id: string, asOf: CalendarDate.CalendarDate): Unit.Unit | undefined => {
  const u = s.units.get(id)
  return u !== undefined && Unit.isValidOn(u, asOf) ? u : undefined
}

const parentOf = (s: State, u: Unit.Unit, asOf: CalendarDate.CalendarDate): Unit.Unit | undefined => {
  const p = Unit.parentOn(u, asOf)
  return p === undefined ? undefined : validUnit(s, p, asOf)
}

/** The chain of parents as of a date; `undefined` when the unit does not exist. @category queries @since 0.1.0 */
export const ancestors = (
  s: State,
  id: string,
  asOf: CalendarDate.CalendarDate
): Outcome<ReadonlyArray<Unit.Unit>> => {
  if (!s.units.has(id)) return notFound("unit", id)
  const unit = validUnit(s, id, asOf)
  if (unit === undefined) return ok([])
  const chain: Array<Unit.Unit> = []
  const seen = new Set([id])
  let p = parentOf(s, unit, asOf)
  while (p !== undefined && !seen.has(p.id)) {
    chain.push(p)
    seen.add(p.id)
    p = parentOf(s, p, asOf)
  }
  return ok(chain)
}

/** Whether `id` is in the jurisdiction of `rootId` as of a date: its chain of parents reaches the root. */
const inJurisdiction = (s: State, rootId: string, id: string, asOf: CalendarDate.CalendarDate): boolean => {
  let u = validUnit(s, id, asOf)
  const seen = new Set<string>()
  while (u !== undefined && !seen.has(u.id)) {
    if (u.id === rootId) return true
    seen.add(u.id)
    u = parentOf(s, u, asOf)
  }
  return false
}

/** The jurisdiction's ids, by id; `NotFound` when the root is not valid. @category queries @since 0.1.0 */
export const jurisdiction = (
  s: State,
  rootId: string,
  asOf: CalendarDate.CalendarDate
): Outcome<ReadonlyArray<Unit.Unit>> => {
  if (validUnit(s, rootId, asOf) === undefined) return notFound("unit", rootId)
  return ok(
    [...s.units.values()]
      .filter((u) => inJurisdiction(s, rootId, u.id, asOf))
      .sort((a, b) => ascending(a.id, b.id))
  )
}

const jurisdictionSet = (s: State, rootId: string, asOf: CalendarDate.CalendarDate): ReadonlySet<string> => {
  const j = jurisdiction(s, rootId, asOf)
  return new Set(j.ok ? j.value.map((u) => u.id) : [])
}

/** @category models @since 0.1.0 */
export interface UnitFilter {
  readonly asOf?: CalendarDate.CalendarDate
  readonly levels?: ReadonlyArray<Unit.UnitLevel>
  readonly parentId?: string
}

/** Units matching a filter (`parentId` only with `asOf`), by id. @category queries @since 0.1.0 */
export const listUnits = (s: State, q: UnitFilter): ReadonlyArray<Unit.Unit> =>
  [...s.units.values()]
    .filter(
      (u) =>
        (q.asOf === undefined || Unit.isValidOn(u, q.asOf)) &&
        (q.levels === undefined || q.levels.includes(Unit.levelOf[u.type])) &&
        (q.parentId === undefined ||
          (q.asOf !== undefined &&
            validUnit(s, q.parentId, q.asOf) !== undefined &&
            Unit.parentOn(u, q.asOf) === q.parentId))
    )
    .sort((a, b) => ascending(a.id, b.id))

// ---------------------------------------------------------------------------------------------
// Successions
// ---------------------------------------------------------------------------------------------

/** @category commands @since 0.1.0 */
export const insertSuccessions = (
  s: State,
  list: ReadonlyArray<Succession.Succession>
): Outcome<ReadonlyArray<Succession.Succession>> => insertAll(s, s.successions, "succession", list)

/** All successions, by effective date then id. @category queries @since 0.1.0 */
export const successions = (s: State): ReadonlyArray<Succession.Succession> =>
  [...s.successions.values()].sort((a, b) =>
    a.effectiveDate < b.effectiveDate ? -1 : a.effectiveDate > b.effectiveDate ? 1 : ascending(a.id, b.id)
  )

// ---------------------------------------------------------------------------------------------
// Directives
// ---------------------------------------------------------------------------------------------

/** @category commands @since 0.1.0 */
export const insertDirective = (s: State, d: Directive.Directive): Outcome<Directive.Directive> =>
  insertOne(s, s.directives, "directive", d)

/** @category commands @since 0.1.0 */
export const updateDirective = (s: State, d: Directive.Directive): Outcome<Directive.Directive> =>
  updateOne(s, s.directives, "directive", d)

const numberMatches = (d: Directive.Directive, n: DocumentNumber.DocumentNumber): boolean =>
  Directive.numberQueryKeys(n).includes(Directive.numberMatchKey(d))

/** Directives whose number matches, by issue date then id. @category queries @since 0.1.0 */
export const findByNumber = (
  s: State,
  n: DocumentNumber.DocumentNumber
): ReadonlyArray<Directive.Directive> =>
  [...s.directives.values()]
    .filter((d) => numberMatches(d, n))
    .sort((a, b) => (a.issuedOn < b.issuedOn ? -1 : a.issuedOn > b.issuedOn ? 1 : ascending(a.id, b.id)))

/** @category queries @since 0.1.0 */
export const inForce = (
  s: State,
  on: CalendarDate.CalendarDate,
  programme?: Directive.Directive["programme"]
): ReadonlyArray<Directive.Directive> => Directive.inForceOn([...s.directives.values()], on, programme)

/**
 * The directives that apply to a unit on a date: in force, and issued by the centre, the unit or
 * one of its ancestors as of the date ({@link ancestors}). @category queries @since 0.1.0
 */
export const applicableTo = (
  s: State,
  unitId: Ids.UnitId,
  on: CalendarDate.CalendarDate,
  programme?: Directive.Directive["programme"]
): ReadonlyArray<Directive.Directive> => {
  const chain = ancestors(s, unitId, on)
  const above = chain.ok ? chain.value.map((u) => u.id) : []
  return Directive.applicableOn([...s.directives.values()], unitId, above, on, programme)
}

/** @category queries @since 0.1.0 */
export const listDirectives = (s: State): ReadonlyArray<Directive.Directive> =>
  [...s.directives.values()].sort((a, b) => ascending(a.id, b.id))

// ---------------------------------------------------------------------------------------------
// Models and coordination programmes
// ---------------------------------------------------------------------------------------------

/** @category commands @since 0.1.0 */
export const insertModels = (
  s: State,
  models: ReadonlyArray<DvkModel.DvkModel>
): Outcome<ReadonlyArray<DvkModel.DvkModel>> => insertAll(s, s.models, "model", models)

/** @category commands @since 0.1.0 */
export const updateModel = (s: State, m: DvkModel.DvkModel): Outcome<DvkModel.DvkModel> =>
  updateOne(s, s.models, "model", m)

/** @category models @since 0.1.0 */
export interface ModelFilter {
  readonly unitId?: string
  readonly within?: { readonly rootId: string; readonly asOf: CalendarDate.CalendarDate }
  readonly statuses?: ReadonlyArray<DvkModel.ModelStatus>
  readonly replicaOf?: string
}

/** @category queries @since 0.1.0 */
export const listModels = (s: State, q: ModelFilter): ReadonlyArray<DvkModel.DvkModel> => {
  const within = q.within === undefined ? undefined : jurisdictionSet(s, q.within.rootId, q.within.asOf)
  return [...s.models.values()]
    .filter(
      (m) =>
        (q.unitId === undefined || m.unitId === q.unitId) &&
        (within === undefined || within.has(m.unitId)) &&
        (q.statuses === undefined || q.statuses.includes(DvkModelNs.statusOf(m))) &&
        (q.replicaOf === undefined || m.replicaOf === q.replicaOf)
    )
    .sort((a, b) => ascending(a.id, b.id))
}

/** @category commands @since 0.1.0 */
export const insertCoordination = (
  s: State,
  c: Coordination.CoordinationProgramme
): Outcome<Coordination.CoordinationProgramme> => insertOne(s, s.coordinations, "coordination", c)

/** @category commands @since 0.1.0 */
export const updateCoordination = (
  s: State,
  c: Coordination.CoordinationProgramme
): Outcome<Coordination.CoordinationProgramme> => updateOne(s, s.coordinations, "coordination", c)

/** @category commands @since 0.1.0 */
export const removeCoordination = (s: State, id: string, version: number): Outcome<void> => {
  const found = atVersion(s.coordinations, "coordination", id, version)
  if (!found.ok) return found
  s.coordinations.delete(id)
  return ok(undefined)
}

/** @category queries @since 0.1.0 */
export const coordinationsOf = (
  s: State,
  unitId: string
): ReadonlyArray<Coordination.CoordinationProgramme> =>
  [...s.coordinations.values()]
    .filter((c) => c.parties.includes(unitId as never))
    .sort((a, b) => ascending(a.id, b.id))

// ---------------------------------------------------------------------------------------------
// Reports
// ---------------------------------------------------------------------------------------------

/** @category commands @since 0.1.0 */
export const insertReport = (s: State, r: Report.Report): Outcome<Report.Report> =>
  insertOne(s, s.reports, "report", r)

/** @category commands @since 0.1.0 */
export const updateReport = (
  s: State,
  r: Report.Report,
  newRevision?: Report.ReportRevision
): Outcome<Report.Report> => {
  const found = atVersion(s.reports, "report", r.id, r.version)
  if (!found.ok) return found
  const foreign = newRevision === undefined ? undefined : Contract.revisionOf(r, newRevision)
  if (foreign !== undefined) return violation(foreign)
  const stored = withVersion(r, found.value.version + 1)
  const no = refused(s, [
    Contract.write("report", [stored], false),
    ...(newRevision === undefined ? [] : [Contract.write("reportRevision", [newRevision], true)])
  ])
  if (no !== undefined) return no
  s.reports.set(r.id, stored)
  if (newRevision !== undefined) {
    const revisions = s.revisions.get(r.id) ?? new Map<number, Report.ReportRevision>()
    revisions.set(newRevision.revision, newRevision)
    s.revisions.set(r.id, revisions)
  }
  return ok(stored)
}

/**
 * Reports with their revisions in one write (`ReportRepository.insertMany`): a revision outside
 * the batch first, then the contract over the whole import; nothing changes when it is refused.
 *
 * @category commands
 * @since 0.1.0
 */
export const importReports = (
  s: State,
  reports: ReadonlyArray<Report.Report>,
  revisions: ReadonlyArray<Report.ReportRevision>
): Outcome<ReadonlyArray<Report.Report>> => {
  const foreign = Contract.revisionsOf(reports, revisions)
  if (foreign !== undefined) return violation(foreign)
  const stored = reports.map((r) => withVersion(r, 1))
  const no = refused(s, Contract.reportImport(stored, revisions))
  if (no !== undefined) return no
  for (const r of stored) s.reports.set(r.id, r)
  for (const v of revisions) {
    const history = s.revisions.get(v.reportId) ?? new Map<number, Report.ReportRevision>()
    history.set(v.revision, v)
    s.revisions.set(v.reportId, history)
  }
  return ok(stored)
}

/** @category commands @since 0.1.0 */
export const removeReport = (s: State, id: string, version: number): Outcome<void> => {
  const found = atVersion(s.reports, "report", id, version)
  if (!found.ok) return found
  const no = Contract.removable(found.value)
  if (no !== undefined) return violation(no)
  s.reports.delete(id)
  s.revisions.delete(id)
  return ok(undefined)
}

/** Revisions of a report, oldest first. @category queries @since 0.1.0 */
export const revisions = (s: State, id: string): ReadonlyArray<Report.ReportRevision> =>
  [...(s.revisions.get(id)?.values() ?? [])].sort((a, b) => a.revision - b.revision)

/** @category models @since 0.1.0 */
export interface ReportFilter {
  readonly periodId?: string
  readonly programme?: Report.Report["programme"]
  readonly statuses?: ReadonlyArray<Report.ReportStatus>
  readonly unitIds?: ReadonlyArray<string>
  readonly within?: { readonly rootId: string; readonly asOf: CalendarDate.CalendarDate }
}

/** Reports matching a filter, by unit id, then period, then programme. @category queries @since 0.1.0 */
export const listReports = (s: State, q: ReportFilter): ReadonlyArray<Report.Report> => {
  const within = q.within === undefined ? undefined : jurisdictionSet(s, q.within.rootId, q.within.asOf)
  return [...s.reports.values()]
    .filter(
      (r) =>
        (q.periodId === undefined || r.periodId === q.periodId) &&
        (q.programme === undefined || r.programme === q.programme) &&
        (q.statuses === undefined || q.statuses.includes(r.status)) &&
        (q.unitIds === undefined || q.unitIds.includes(r.unitId)) &&
        (within === undefined || within.has(r.unitId))
    )
    .sort(
      (a, b) =>
        ascending(a.unitId, b.unitId) ||
        ascending(a.periodId, b.periodId) ||
        ascending(a.programme, b.programme)
    )
}

/** @category models @since 0.1.0 */
export interface ConsolidationFilter {
  readonly rootId: string
  readonly asOf: CalendarDate.CalendarDate
  readonly periodId: string
  readonly programme: Report.Report["programme"]
  readonly statuses: ReadonlyArray<Report.ReportStatus>
}

/**
 * The rollup: the port's `consolidate`, the jurisdiction and history carriers found naively, the
 * counting left to `Rollup.tally`, the one rule every store uses.
 *
 * @category queries
 * @since 0.1.0
 */
export const consolidate = (s: State, q: ConsolidationFilter): Outcome<Rollup.Consolidation> => {
  if (validUnit(s, q.rootId, q.asOf) === undefined) return notFound("unit", q.rootId)
  const links = successions(s)
  return ok(
    Rollup.tally({
      jurisdiction: jurisdictionSet(s, q.rootId, q.asOf) as ReadonlySet<Ids.UnitId>,
      carrierOf: (unitId) => Succession.historyCarrier(links, unitId, q.asOf),
      reports: s.reports.values(),
      periodId: q.periodId as Period.PeriodId,
      programme: q.programme,
      statuses: q.statuses
    })
  )
}
