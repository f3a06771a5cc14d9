/**
 * A plain reference model of the storage port for the model-based test: maps of records and the
 * port's rules written as directly as possible (whole-map scans, no indexes, no paging), so an
 * adapter can be compared with it after every command. It shares with adapters only the pure
 * query semantics of `@danvan/core` (`Unit.isValidOn`, `Unit.parentOn`, `Succession.historyCarrier`,
 * `Directive.inForceOn`, `Directive.numberingKey`, `DvkModel.statusOf`, `Figures.flatten`).
 *
 * @since 0.1.0
 */
import {
  type CalendarDate,
  type Consolidation,
  type Contribution,
  type Coordination,
  Directive,
  type DocumentNumber,
  type DvkModel,
  DvkModel as DvkModelNs,
  Figures,
  type Ids,
  type Report,
  Succession,
  Unit
} from "@danvan/core"
import { ascending, withVersion } from "./records.ts"

/** The comparable part of a store error. @since 0.1.0 */
export interface ErrorShape {
  readonly _tag: "NotFound" | "VersionConflict" | "ConstraintViolation"
  readonly entity: string
  readonly id?: string
  readonly expected?: number
  readonly actual?: number
}

/** @since 0.1.0 */
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
const violation = (entity: string): Outcome<never> => ({
  ok: false,
  error: { _tag: "ConstraintViolation", entity }
})

/** The model's state: records by key. Records are immutable, so copies are shallow. @since 0.1.0 */
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

/** @since 0.1.0 */
export const empty = (): State => ({
  units: new Map(),
  successions: new Map(),
  directives: new Map(),
  models: new Map(),
  coordinations: new Map(),
  reports: new Map(),
  revisions: new Map()
})

/** A copy to run a transaction on. @since 0.1.0 */
export const copy = (s: State): State => ({
  units: new Map(s.units),
  successions: new Map(s.successions),
  directives: new Map(s.directives),
  models: new Map(s.models),
  coordinations: new Map(s.coordinations),
  reports: new Map(s.reports),
  revisions: new Map([...s.revisions].map(([k, v]) => [k, new Map(v)]))
})

/** Makes `target` hold what `source` holds (a committed transaction). @since 0.1.0 */
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

/**
 * Inserts a batch at version 1, all or nothing: every id must be new (to the store and within the
 * batch), and `valid` must accept every stored record, given the records with the batch added.
 */
const insertAll = <A extends Keyed>(
  records: Map<string, A>,
  entity: string,
  batch: ReadonlyArray<A>,
  valid: (stored: A, next: ReadonlyMap<string, A>) => boolean
): Outcome<ReadonlyArray<A>> => {
  const next = new Map(records)
  const out: Array<A> = []
  for (const x of batch) {
    if (next.has(x.id)) return violation(entity)
    const stored = withVersion(x, 1)
    next.set(x.id, stored)
    out.push(stored)
  }
  if (!out.every((x) => valid(x, next))) return violation(entity)
  for (const x of out) records.set(x.id, x)
  return ok(out)
}

/** Inserts one record at version 1 when its id is new and `valid` accepts it. */
const insertOne = <A extends Keyed>(
  records: Map<string, A>,
  entity: string,
  record: A,
  valid: (stored: A) => boolean
): Outcome<A> => {
  if (records.has(record.id)) return violation(entity)
  const stored = withVersion(record, 1)
  if (!valid(stored)) return violation(entity)
  records.set(record.id, stored)
  return ok(stored)
}

/**
 * Replaces a stored record at the caller's version with the next version, when `valid` accepts
 * it; else `NotFound`, `VersionConflict` or a constraint violation, and nothing changes.
 */
const updateOne = <A extends Keyed>(
  records: Map<string, A>,
  entity: string,
  record: A,
  valid: (stored: A) => boolean
): Outcome<A> => {
  const found = atVersion(records, entity, record.id, record.version)
  if (!found.ok) return found
  const stored = withVersion(record, found.value.version + 1)
  if (!valid(stored)) return violation(entity)
  records.set(record.id, stored)
  return ok(stored)
}

// ---------------------------------------------------------------------------------------------
// Units
// ---------------------------------------------------------------------------------------------

const unitRefsOk = (s: State, u: Unit.Unit) => u.parents.every((l) => s.units.has(l.parentId))

/** @since 0.1.0 */
export const insertUnits = (s: State, units: ReadonlyArray<Unit.Unit>): Outcome<ReadonlyArray<Unit.Unit>> =>
  insertAll(s.units, "unit", units, (u, next) => u.parents.every((l) => next.has(l.parentId)))

/** @since 0.1.0 */
export const updateUnit = (s: State, u: Unit.Unit): Outcome<Unit.Unit> =>
  updateOne(s.units, "unit", u, (stored) =>
    unitRefsOk({ ...s, units: new Map(s.units).set(u.id, stored) }, stored)
  )

const validUnit = (s: State, id: string, asOf: CalendarDate.CalendarDate): Unit.Unit | undefined => {
  const u = s.units.get(id)
  return u !== undefined && Unit.isValidOn(u, asOf) ? u : undefined
}

const parentOf = (s: State, u: Unit.Unit, asOf: CalendarDate.CalendarDate): Unit.Unit | undefined => {
  const p = Unit.parentOn(u, asOf)
  return p === undefined ? undefined : validUnit(s, p, asOf)
}

/** The chain of parents as of a date; `undefined` when the unit does not exist. @since 0.1.0 */
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

/** The jurisdiction's ids, by id; `NotFound` when the root is not valid. @since 0.1.0 */
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

/** @since 0.1.0 */
export interface UnitFilter {
  readonly asOf?: CalendarDate.CalendarDate
  readonly levels?: ReadonlyArray<Unit.UnitLevel>
  readonly parentId?: string
}

/** Units matching a filter (`parentId` only with `asOf`), by id. @since 0.1.0 */
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

/** @since 0.1.0 */
export const insertSuccessions = (
  s: State,
  list: ReadonlyArray<Succession.Succession>
): Outcome<ReadonlyArray<Succession.Succession>> =>
  insertAll(
    s.successions,
    "succession",
    list,
    (x) => s.units.has(x.predecessorId) && s.units.has(x.successorId)
  )

/** All successions, by effective date then id. @since 0.1.0 */
export const successions = (s: State): ReadonlyArray<Succession.Succession> =>
  [...s.successions.values()].sort((a, b) =>
    a.effectiveDate < b.effectiveDate ? -1 : a.effectiveDate > b.effectiveDate ? 1 : ascending(a.id, b.id)
  )

// ---------------------------------------------------------------------------------------------
// Directives
// ---------------------------------------------------------------------------------------------

const directiveOk = (s: State, d: Directive.Directive): boolean => {
  const key = Directive.numberingKey(d)
  for (const other of s.directives.values())
    if (other.id !== d.id && Directive.numberingKey(other) === key) return false
  return d.replaces.every((r) => s.directives.has(r) || r === d.id)
}

/** @since 0.1.0 */
export const insertDirective = (s: State, d: Directive.Directive): Outcome<Directive.Directive> =>
  insertOne(s.directives, "directive", d, (stored) => directiveOk(s, stored))

/** @since 0.1.0 */
export const updateDirective = (s: State, d: Directive.Directive): Outcome<Directive.Directive> =>
  updateOne(s.directives, "directive", d, (stored) => directiveOk(s, stored))

const numberMatches = (d: Directive.Directive, n: DocumentNumber.DocumentNumber): boolean =>
  Directive.numberQueryKeys(n).includes(Directive.numberMatchKey(d))

/** Directives whose number matches, by issue date then id. @since 0.1.0 */
export const findByNumber = (
  s: State,
  n: DocumentNumber.DocumentNumber
): ReadonlyArray<Directive.Directive> =>
  [...s.directives.values()]
    .filter((d) => numberMatches(d, n))
    .sort((a, b) => (a.issuedOn < b.issuedOn ? -1 : a.issuedOn > b.issuedOn ? 1 : ascending(a.id, b.id)))

/** @since 0.1.0 */
export const inForce = (
  s: State,
  on: CalendarDate.CalendarDate,
  programme?: Directive.Directive["programme"]
): ReadonlyArray<Directive.Directive> => Directive.inForceOn([...s.directives.values()], on, programme)

/**
 * The directives that apply to a unit on a date: in force, and issued by the centre, the unit or
 * one of its ancestors as of the date ({@link ancestors}). @since 0.1.0
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

/** @since 0.1.0 */
export const listDirectives = (s: State): ReadonlyArray<Directive.Directive> =>
  [...s.directives.values()].sort((a, b) => ascending(a.id, b.id))

// ---------------------------------------------------------------------------------------------
// Models and coordination programmes
// ---------------------------------------------------------------------------------------------

/** A model's unit exists and the model it replicates, if any, is among `models`. */
const modelRefsOk = (
  s: State,
  m: DvkModel.DvkModel,
  models: ReadonlyMap<string, DvkModel.DvkModel>
): boolean => s.units.has(m.unitId) && (m.replicaOf === undefined || models.has(m.replicaOf))

/** @since 0.1.0 */
export const insertModels = (
  s: State,
  models: ReadonlyArray<DvkModel.DvkModel>
): Outcome<ReadonlyArray<DvkModel.DvkModel>> =>
  insertAll(s.models, "model", models, (m, next) => modelRefsOk(s, m, next))

/** @since 0.1.0 */
export const updateModel = (s: State, m: DvkModel.DvkModel): Outcome<DvkModel.DvkModel> =>
  updateOne(s.models, "model", m, (stored) => modelRefsOk(s, stored, s.models))

/** @since 0.1.0 */
export interface ModelFilter {
  readonly unitId?: string
  readonly within?: { readonly rootId: string; readonly asOf: CalendarDate.CalendarDate }
  readonly statuses?: ReadonlyArray<DvkModel.ModelStatus>
  readonly replicaOf?: string
}

/** @since 0.1.0 */
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

/** Every party of a coordination programme is a stored unit. */
const partiesOk =
  (s: State) =>
  (c: Coordination.CoordinationProgramme): boolean =>
    c.parties.every((p) => s.units.has(p))

/** @since 0.1.0 */
export const insertCoordination = (
  s: State,
  c: Coordination.CoordinationProgramme
): Outcome<Coordination.CoordinationProgramme> => insertOne(s.coordinations, "coordination", c, partiesOk(s))

/** @since 0.1.0 */
export const updateCoordination = (
  s: State,
  c: Coordination.CoordinationProgramme
): Outcome<Coordination.CoordinationProgramme> => updateOne(s.coordinations, "coordination", c, partiesOk(s))

/** @since 0.1.0 */
export const removeCoordination = (s: State, id: string, version: number): Outcome<void> => {
  const found = atVersion(s.coordinations, "coordination", id, version)
  if (!found.ok) return found
  s.coordinations.delete(id)
  return ok(undefined)
}

/** @since 0.1.0 */
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

const slotTaken = (s: State, r: Report.Report): boolean => {
  for (const other of s.reports.values()) {
    if (
      other.id !== r.id &&
      other.unitId === r.unitId &&
      other.periodId === r.periodId &&
      other.programme === r.programme
    ) {
      return true
    }
  }
  return false
}

/** @since 0.1.0 */
export const insertReport = (s: State, r: Report.Report): Outcome<Report.Report> =>
  insertOne(s.reports, "report", r, (stored) => s.units.has(stored.unitId) && !slotTaken(s, stored))

/** @since 0.1.0 */
export const updateReport = (
  s: State,
  r: Report.Report,
  newRevision?: Report.ReportRevision
): Outcome<Report.Report> => {
  const found = atVersion(s.reports, "report", r.id, r.version)
  if (!found.ok) return found
  const current = found.value
  if (!s.units.has(r.unitId) || slotTaken(s, r)) return violation("report")
  if (newRevision !== undefined) {
    if (newRevision.reportId !== r.id || s.revisions.get(r.id)?.has(newRevision.revision)) {
      return violation("reportRevision")
    }
  }
  const stored = withVersion(r, current.version + 1)
  s.reports.set(r.id, stored)
  if (newRevision !== undefined) {
    const revisions = s.revisions.get(r.id) ?? new Map<number, Report.ReportRevision>()
    revisions.set(newRevision.revision, newRevision)
    s.revisions.set(r.id, revisions)
  }
  return ok(stored)
}

/** @since 0.1.0 */
export const removeReport = (s: State, id: string, version: number): Outcome<void> => {
  const found = atVersion(s.reports, "report", id, version)
  if (!found.ok) return found
  const current = found.value
  if (current.status !== "draft" || current.revision !== 0) return violation("report")
  s.reports.delete(id)
  s.revisions.delete(id)
  return ok(undefined)
}

/** Revisions of a report, oldest first. @since 0.1.0 */
export const revisions = (s: State, id: string): ReadonlyArray<Report.ReportRevision> =>
  [...(s.revisions.get(id)?.values() ?? [])].sort((a, b) => a.revision - b.revision)

/** @since 0.1.0 */
export interface ReportFilter {
  readonly periodId?: string
  readonly programme?: Report.Report["programme"]
  readonly statuses?: ReadonlyArray<Report.ReportStatus>
  readonly unitIds?: ReadonlyArray<string>
  readonly within?: { readonly rootId: string; readonly asOf: CalendarDate.CalendarDate }
}

/** Reports matching a filter, by unit id, then period, then programme. @since 0.1.0 */
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

/** @since 0.1.0 */
export interface ConsolidationFilter {
  readonly rootId: string
  readonly asOf: CalendarDate.CalendarDate
  readonly periodId: string
  readonly programme: Report.Report["programme"]
  readonly statuses: ReadonlyArray<Report.ReportStatus>
}

/** The rollup: the port's `consolidate`, computed naively. @since 0.1.0 */
export const consolidate = (s: State, q: ConsolidationFilter): Outcome<Consolidation> => {
  if (validUnit(s, q.rootId, q.asOf) === undefined) return notFound("unit", q.rootId)
  const j = jurisdictionSet(s, q.rootId, q.asOf)
  const links = successions(s)
  const totals: Record<string, number> = {}
  const contributions: Array<Contribution> = []
  for (const r of s.reports.values()) {
    if (r.periodId !== q.periodId || r.programme !== q.programme || !q.statuses.includes(r.status)) continue
    const carrier = Succession.historyCarrier(links, r.unitId, q.asOf)
    const under = j.has(r.unitId) ? r.unitId : j.has(carrier) ? carrier : undefined
    if (under === undefined) continue
    Figures.addFlat(totals, Figures.flatten(r.content.figures))
    contributions.push({
      reportId: r.id,
      unitId: r.unitId,
      countedUnder: under,
      status: r.status,
      revision: r.revision
    })
  }
  contributions.sort((a, b) => ascending(a.unitId, b.unitId) || ascending(a.reportId, b.reportId))
  return ok({ totals, contributions })
}
