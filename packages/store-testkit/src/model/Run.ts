/**
 * Runs a command sequence against a store and the reference model at once, and compares them:
 * the outcome of every command (value, or error kind, entity, id and versions, and for a refused
 * write the constraint it broke), then after every
 * command (and inside transactions, before they commit or fail) the whole stored state and the
 * "as of" queries over it (every unit's jurisdiction and ancestors, every province's
 * consolidations, the directives in force).
 *
 * @since 0.1.0
 */
import {
  CalendarDate,
  Coordination,
  Directive,
  type DocumentNumber,
  DvkModel,
  Ids,
  Page,
  type Period,
  Report,
  Store,
  type StoreError,
  Succession,
  Unit
} from "@danvan/core"
import { expect } from "@effect/vitest"
import { Effect, Exit, Option, Result, Schema } from "effect"
import * as F from "../fixtures.ts"
import type { Command, QueryCommand, Ref, UnitSpec, WriteCommand } from "./Commands.ts"
import { dates, issueDates, pools } from "./Commands.ts"
import * as Reference from "./Reference.ts"
import { ascending, withVersion } from "./records.ts"

const reform = "2025-07-01"

/** The id a reference names: an existing record's (by index, modulo) or a missing one. */
const resolve = (existing: Iterable<string>, ref: Ref, missing: string): string => {
  if (ref < 0) return missing
  const ids = [...existing].sort(ascending)
  return ids.length === 0 ? missing : ids[ref % ids.length]!
}

const missing = {
  unit: "u-none",
  report: "r-none",
  model: "m-none",
  coordination: "k-none",
  directive: "d-none"
}

/** The document numbers directives use: 0 and 1, and 2 and 3, share a numbering scope. */
const numbers: ReadonlyArray<DocumentNumber.DocumentNumber> = [
  F.stateNumber(1, "UBND", { type: "QĐ" }),
  F.stateNumber(1, "UBND", { type: "qđ" }),
  F.partyNumber(5, "KH", "BDVTW"),
  F.partyNumber(5, "KH", "BDVTƯ"),
  F.stateNumber(10, "QH15", { year: 2022 })
]

const unitTypes = {
  province: "province",
  district: "ruralDistrict",
  commune: "commune",
  agency: "agency"
} as const

const link = (parentId: string, from: string, until: string | null) =>
  new Unit.ParentLink({
    parentId: Ids.UnitId.make(parentId),
    from: F.date(from),
    ...(until === null ? {} : { until: F.date(until) })
  })

/** The unit a spec describes, its references resolved against `existing` unit ids. @since 0.1.0 */
export const unitOf = (spec: UnitSpec, existing: Iterable<string>): Unit.Unit => {
  const until = spec.until !== null && spec.until > spec.from ? spec.until : null
  const known = [...existing]
  const parent = resolve(known, spec.parent, missing.unit)
  const end = spec.openLink ? null : until
  const parents =
    spec.kind === "province"
      ? []
      : spec.moveTo !== null && spec.from < reform && (until === null || until > reform)
        ? [link(parent, spec.from, reform), link(resolve(known, spec.moveTo, missing.unit), reform, end)]
        : [link(parent, spec.from, end)]
  return new Unit.Unit({
    id: Ids.UnitId.make(`u${spec.slot}`),
    type: unitTypes[spec.kind],
    name: `Đơn vị ${spec.slot}`,
    validFrom: F.date(spec.from),
    ...(until === null ? {} : { validUntil: F.date(until) }),
    parents,
    version: 0
  })
}

const figuresOf = (programme: "QCDC" | "DVK", n: number) =>
  programme === "DVK"
    ? F.dvkFigures({ models: n, effective: Math.floor(n / 2), extra: { hoGiaDinh: n + 1 } })
    : F.qcdcFigures({ citizenReceptions: n, complaintsReceived: n % 7, extra: { "x.y": n } })

const staleOr = (stale: boolean, version: number) => (stale ? version - 1 : version)

/**
 * The record an update targets: a stored one (by reference), or for a missing target one made up
 * at version 1, which the store must answer with `NotFound`.
 */
const targetOf = <A extends { readonly version: number }>(
  records: ReadonlyMap<string, A>,
  ref: Ref,
  none: string,
  make: (id: string) => A
): A => {
  const id = resolve(records.keys(), ref, none)
  return records.get(id) ?? withVersion(make(id), 1)
}

// ---------------------------------------------------------------------------------------------
// Comparison
// ---------------------------------------------------------------------------------------------

const encoders = {
  unit: Schema.encodeSync(Unit.Unit),
  succession: Schema.encodeSync(Succession.Succession),
  directive: Schema.encodeSync(Directive.Directive),
  model: Schema.encodeSync(DvkModel.DvkModel),
  coordination: Schema.encodeSync(Coordination.CoordinationProgramme),
  report: Schema.encodeSync(Report.Report),
  revision: Schema.encodeSync(Report.ReportRevision)
}

type StoreErr =
  | StoreError.NotFound
  | StoreError.VersionConflict
  | StoreError.ConstraintViolation
  | StoreError.StoreUnavailable
  | StoreError.StoreCorrupt

const shape = (e: StoreErr): Record<string, unknown> => {
  switch (e._tag) {
    case "NotFound":
      return { _tag: e._tag, entity: e.entity, id: e.id }
    case "VersionConflict":
      return { _tag: e._tag, entity: e.entity, id: e.id, expected: e.expected, actual: e.actual }
    case "ConstraintViolation":
      return { _tag: e._tag, entity: e.entity, constraint: e.constraint }
    default:
      return { _tag: e._tag, message: e.message }
  }
}

const expectedShape = (e: Reference.ErrorShape): Record<string, unknown> => ({ ...e })

/** Compares an adapter's result with the model's outcome, values compared by their encoding. */
const same = <A>(
  label: string,
  actual: Result.Result<A, StoreErr>,
  expected: Reference.Outcome<A>,
  encode: (a: A) => unknown
): void => {
  const a = Result.isSuccess(actual) ? { ok: encode(actual.success) } : { error: shape(actual.failure) }
  const e = expected.ok ? { ok: encode(expected.value) } : { error: expectedShape(expected.error) }
  // A refusal on either side is spelled out, since the diff of a failed property run is cut short.
  const refusals =
    "error" in a || "error" in e
      ? ` (the adapter: ${JSON.stringify("error" in a ? a.error : "succeeded")}; the model: ${JSON.stringify("error" in e ? e.error : "succeeded")})`
      : ""
  expect(a, `${label}${refusals}`).toEqual(e)
}

/**
 * Runs one store operation and compares its result with the model's outcome. The model's side is
 * a thunk so that it runs after the store's operation, as it did when each command spelled this out.
 */
const check = <A, E extends StoreErr, R>(
  label: string,
  actual: Effect.Effect<A, E, R>,
  expected: () => Reference.Outcome<A>,
  encode: (a: A) => unknown
): Effect.Effect<void, never, R> =>
  Effect.map(Effect.result(actual), (result) => same(label, result, expected(), encode))

const list = <A>(xs: ReadonlyArray<A>, encode: (a: A) => unknown) => xs.map(encode)

const unitList = (xs: ReadonlyArray<Unit.Unit>) => list(xs, encoders.unit)

/** Compares a list the adapter returned with the model's, both by their encoding. */
const sameList = <A>(
  label: string,
  actual: ReadonlyArray<A>,
  expected: ReadonlyArray<A>,
  encode: (a: A) => unknown
): void => {
  expect(list(actual, encode), label).toEqual(list(expected, encode))
}

/** Every page of a paged query, checking the pages on the way. */
const pages = <A, E>(
  label: string,
  limit: number,
  query: (page: Page.PageRequest) => Effect.Effect<Page.Page<A>, E>
): Effect.Effect<ReadonlyArray<A>, E> =>
  Effect.gen(function* () {
    const items: Array<A> = []
    let after: string | undefined
    for (let i = 0; i < 1000; i++) {
      const page = yield* query(after === undefined ? { limit } : { after, limit })
      expect(page.items.length, `${label}: a page holds at most the limit`).toBeLessThanOrEqual(limit)
      items.push(...page.items)
      if (page.next === undefined) return items
      expect(page.items.length, `${label}: a page with a next cursor is not empty`).toBeGreaterThan(0)
      after = page.next
    }
    throw new Error(`${label}: more than 1000 pages`)
  })

type Services = Store.Services

const services = Store.services

/** Compares everything the adapter holds with the model. */
const compareState = (s: Services, model: Reference.State, label: string) =>
  Effect.gen(function* () {
    const units = yield* pages(`${label}: units`, 3, (p) => s.units.list({}, p))
    sameList(
      `${label}: units`,
      units,
      [...model.units.values()].sort((a, b) => (a.id < b.id ? -1 : 1)),
      encoders.unit
    )
    sameList(
      `${label}: successions`,
      yield* s.units.successions({}),
      Reference.successions(model),
      encoders.succession
    )
    const directives = yield* pages(`${label}: directives`, 2, (p) => s.directives.list({}, p))
    sameList(`${label}: directives`, directives, Reference.listDirectives(model), encoders.directive)
    const models = yield* pages(`${label}: models`, 2, (p) => s.models.list({}, p))
    sameList(`${label}: models`, models, Reference.listModels(model, {}), encoders.model)
    const reports = yield* pages(`${label}: reports`, 3, (p) => s.reports.list({}, p))
    sameList(`${label}: reports`, reports, Reference.listReports(model, {}), encoders.report)
    for (let i = 0; i < pools.coordination; i++) {
      const id = Ids.CoordinationId.make(`k${i}`)
      const actual = yield* Effect.result(s.models.getCoordination(id))
      const expected = model.coordinations.get(id)
      same(
        `${label}: coordination ${id}`,
        actual,
        expected === undefined
          ? ({ ok: false, error: { _tag: "NotFound", entity: "coordination", id } } as const)
          : ({ ok: true, value: expected } as const),
        encoders.coordination
      )
    }
    for (let i = 0; i < pools.report; i++) {
      const id = Ids.ReportId.make(`r${i}`)
      sameList(
        `${label}: revisions of ${id}`,
        yield* s.reports.revisions(id),
        Reference.revisions(model, id),
        encoders.revision
      )
    }
  })

const allStatuses = ["draft", "submitted", "returned", "approved", "reopened"] as const

/**
 * Compares the "as of" queries over the whole state at one date (rotating through the dates of
 * the reform with the step): every unit's jurisdiction and ancestors, every province's
 * consolidation for each period and programme that has reports, and the directives in force.
 */
const compareQueries = (s: Services, model: Reference.State, step: number, label: string) =>
  Effect.gen(function* () {
    const asOf = F.date(dates[step % dates.length]!)
    const at = `${label}, as of ${asOf}`
    for (const id of [...model.units.keys()].sort(ascending)) {
      const unitId = Ids.UnitId.make(id)
      yield* check(
        `${at}: jurisdiction of ${id}`,
        Page.collect((p) => s.units.jurisdiction(unitId, asOf, p)),
        () => Reference.jurisdiction(model, id, asOf),
        unitList
      )
      yield* check(
        `${at}: ancestors of ${id}`,
        s.units.ancestors(unitId, asOf),
        () => Reference.ancestors(model, id, asOf),
        unitList
      )
    }
    const slots = new Set([...model.reports.values()].map((r) => `${r.periodId} ${r.programme}`))
    const roots = [...model.units.values()].filter((u) => u.type === "province" && Unit.isValidOn(u, asOf))
    for (const root of roots) {
      for (const slot of slots) {
        const [periodId, programme] = slot.split(" ") as [Period.PeriodId, "QCDC" | "DVK"]
        const q = { rootId: root.id, asOf, periodId, programme, statuses: allStatuses }
        yield* check(
          `${at}: consolidate ${JSON.stringify(q)}`,
          s.reports.consolidate(q),
          () => Reference.consolidate(model, q),
          (x) => x
        )
      }
    }
    for (const programme of [undefined, "QCDC", "DVK", "OTHER"] as const) {
      const on = F.date(issueDates[step % issueDates.length]!)
      sameList(
        `${at}: in force on ${on}`,
        yield* s.directives.inForce(on, programme),
        Reference.inForce(model, on, programme),
        encoders.directive
      )
    }
  })

// ---------------------------------------------------------------------------------------------
// Commands
// ---------------------------------------------------------------------------------------------

const write = (s: Services, model: Reference.State, c: WriteCommand, label: string) =>
  Effect.gen(function* () {
    const unit = (ref: Ref) => resolve(model.units.keys(), ref, missing.unit)
    switch (c.tag) {
      case "insertUnits": {
        const units: Array<Unit.Unit> = []
        for (const spec of c.units)
          units.push(unitOf(spec, [...model.units.keys(), ...units.map((u) => u.id)]))
        return yield* check(label, s.units.insert(units), () => Reference.insertUnits(model, units), unitList)
      }
      case "updateUnit": {
        const id = unit(c.target)
        const current =
          model.units.get(id) ??
          withVersion(
            unitOf(
              {
                slot: 0,
                kind: "province",
                parent: -1,
                from: "2000-01-01",
                until: null,
                moveTo: null,
                openLink: false
              },
              []
            ),
            1
          )
        const until = c.until !== null && c.until > current.validFrom ? c.until : null
        const record = new Unit.Unit({
          id: Ids.UnitId.make(id),
          type: current.type,
          name: c.name,
          ...(current.code === undefined ? {} : { code: current.code }),
          validFrom: current.validFrom,
          ...(until === null ? {} : { validUntil: F.date(until) }),
          parents:
            c.parent === null || current.type === "province"
              ? current.parents
              : [link(unit(c.parent), current.validFrom, until)],
          version: staleOr(c.stale, current.version)
        })
        return yield* check(
          label,
          s.units.update(record),
          () => Reference.updateUnit(model, record),
          encoders.unit
        )
      }
      case "insertSuccession": {
        const succession = F.succession(`s${c.slot}`, unit(c.from), unit(c.to), c.on, {
          carriesHistory: c.carries
        })
        return yield* check(
          label,
          s.units.insertSuccessions([succession]),
          () => Reference.insertSuccessions(model, [succession]),
          (xs) => list(xs, encoders.succession)
        )
      }
      case "insertReport": {
        const report = F.report(`r${c.slot}`, unit(c.unit), c.period, c.programme, {
          status: c.status,
          revision: c.status === "draft" ? 0 : 1,
          figures: figuresOf(c.programme, c.count)
        })
        return yield* check(
          label,
          s.reports.insert(report),
          () => Reference.insertReport(model, report),
          encoders.report
        )
      }
      case "importReports": {
        const reports = c.reports.map((r) =>
          F.report(`r${r.slot}`, unit(r.unit), r.period, r.programme, {
            status: r.status,
            revision: r.revisions,
            figures: figuresOf(r.programme, r.count)
          })
        )
        const revisions = reports.flatMap((report, i) => {
          const n = c.reports[i]!.revisions
          const history = Array.from({ length: n }, (_, k) => F.revision(report, k + 1))
          return c.reports[i]!.repeat && n > 0 ? [...history, history[0]!] : history
        })
        if (c.foreign !== null) {
          const other = targetOf(model.reports, c.foreign, missing.report, (id) =>
            F.report(id, "u0", "2024", "QCDC")
          )
          revisions.push(F.revision(other, other.revision + 1))
        }
        return yield* check(
          label,
          s.reports.insertMany(reports, revisions),
          () => Reference.importReports(model, reports, revisions),
          (xs) => list(xs, encoders.report)
        )
      }
      case "updateReport": {
        const current = targetOf(model.reports, c.target, missing.report, (id) =>
          F.report(id, "u0", "2024", "QCDC")
        )
        const revision =
          c.submit === "new"
            ? current.revision + 1
            : c.submit === "duplicate"
              ? Math.max(1, current.revision)
              : current.revision
        const record = new Report.Report({
          ...current,
          status: c.status,
          content: F.content(figuresOf(current.programme, c.count)),
          revision,
          version: staleOr(c.stale, current.version)
        })
        const newRevision = c.submit === "no" ? undefined : F.revision(record, revision)
        return yield* check(
          label,
          s.reports.update(record, newRevision),
          () => Reference.updateReport(model, record, newRevision),
          encoders.report
        )
      }
      case "removeReport": {
        const id = resolve(model.reports.keys(), c.target, missing.report)
        const version = staleOr(c.stale, model.reports.get(id)?.version ?? 1)
        return yield* check(
          label,
          s.reports.remove(Ids.ReportId.make(id), version),
          () => Reference.removeReport(model, id, version),
          () => null
        )
      }
      case "insertModels": {
        const models: Array<DvkModel.DvkModel> = []
        for (const m of c.models) {
          const sources = [...model.models.keys(), ...models.map((x) => x.id)]
          models.push(
            F.model(
              `m${m.slot}`,
              unit(m.unit),
              m.replicaOf === null ? {} : { replicaOf: resolve(sources, m.replicaOf, missing.model) }
            )
          )
        }
        return yield* check(
          label,
          s.models.insert(models),
          () => Reference.insertModels(model, models),
          (xs) => list(xs, encoders.model)
        )
      }
      case "updateModel": {
        const current = targetOf(model.models, c.target, missing.model, (id) => F.model(id, "u0"))
        const on = CalendarDate.addDays(current.registeredOn, 10 * current.events.length)
        const by = F.actor(current.unitId)
        const event: DvkModel.ModelEvent =
          c.step === "Started"
            ? { _tag: "Started", on, by }
            : c.step === "Evaluated"
              ? { _tag: "Evaluated", on, by, rating: "good" }
              : { _tag: "Discontinued", on, by, reason: "Không còn phù hợp" }
        const [first, ...rest] = current.events
        const record = new DvkModel.DvkModel({
          ...current,
          events: [first!, ...rest, event],
          version: staleOr(c.stale, current.version)
        })
        return yield* check(
          label,
          s.models.update(record),
          () => Reference.updateModel(model, record),
          encoders.model
        )
      }
      case "insertCoordination": {
        const programme = F.coordination(`k${c.slot}`, c.parties.map(unit))
        return yield* check(
          label,
          s.models.insertCoordination(programme),
          () => Reference.insertCoordination(model, programme),
          encoders.coordination
        )
      }
      case "updateCoordination": {
        const current = targetOf(model.coordinations, c.target, missing.coordination, (id) =>
          F.coordination(id, ["u0", "u1"])
        )
        const record = new Coordination.CoordinationProgramme({
          ...current,
          title: c.title,
          version: staleOr(c.stale, current.version)
        })
        return yield* check(
          label,
          s.models.updateCoordination(record),
          () => Reference.updateCoordination(model, record),
          encoders.coordination
        )
      }
      case "removeCoordination": {
        const id = resolve(model.coordinations.keys(), c.target, missing.coordination)
        const version = staleOr(c.stale, model.coordinations.get(id)?.version ?? 1)
        return yield* check(
          label,
          s.models.removeCoordination(Ids.CoordinationId.make(id), version),
          () => Reference.removeCoordination(model, id, version),
          () => null
        )
      }
      case "insertDirective": {
        const directive = F.directive(`d${c.slot}`, numbers[c.number]!, {
          issuedOn: c.issuedOn,
          effectiveFrom: CalendarDate.addDays(F.date(c.issuedOn), c.delay),
          programme: c.programme,
          replaces:
            c.replaces === null ? [] : [resolve(model.directives.keys(), c.replaces, missing.directive)],
          issuedBy:
            c.issuer === null
              ? { _tag: "Central", body: "government" }
              : {
                  _tag: "Unit",
                  unitId: Ids.UnitId.make(resolve(model.units.keys(), c.issuer, missing.unit)),
                  body: "peoplesCommittee"
                }
        })
        return yield* check(
          label,
          s.directives.insert(directive),
          () => Reference.insertDirective(model, directive),
          encoders.directive
        )
      }
      case "updateDirective": {
        const current = targetOf(model.directives, c.target, missing.directive, (id) =>
          F.directive(id, numbers[0]!)
        )
        const record = new Directive.Directive({
          ...current,
          number: numbers[c.number]!,
          version: staleOr(c.stale, current.version)
        })
        return yield* check(
          label,
          s.directives.update(record),
          () => Reference.updateDirective(model, record),
          encoders.directive
        )
      }
    }
  })

const query = (s: Services, model: Reference.State, c: QueryCommand, label: string) =>
  Effect.gen(function* () {
    const unit = (ref: Ref) => Ids.UnitId.make(resolve(model.units.keys(), ref, missing.unit))
    const within = (w: { readonly root: Ref; readonly asOf: string } | null) =>
      w === null ? {} : { within: { rootId: unit(w.root), asOf: F.date(w.asOf) } }
    switch (c.tag) {
      case "listUnits": {
        const asOf = c.asOf === null ? undefined : F.date(c.asOf)
        const parentId = c.parent === null || asOf === undefined ? undefined : unit(c.parent)
        const q = {
          ...(asOf === undefined ? {} : { asOf }),
          ...(c.levels === null ? {} : { levels: c.levels }),
          ...(parentId === undefined ? {} : { parentId })
        }
        const actual = yield* pages(label, c.limit, (p) => s.units.list(q, p))
        return sameList(label, actual, Reference.listUnits(model, q), encoders.unit)
      }
      case "jurisdiction": {
        const root = unit(c.root)
        return yield* check(
          label,
          pages(label, c.limit, (p) => s.units.jurisdiction(root, F.date(c.asOf), p)),
          () => Reference.jurisdiction(model, root, F.date(c.asOf)),
          unitList
        )
      }
      case "ancestors": {
        const id = unit(c.unit)
        return yield* check(
          label,
          s.units.ancestors(id, F.date(c.asOf)),
          () => Reference.ancestors(model, id, F.date(c.asOf)),
          unitList
        )
      }
      case "listReports": {
        const q = {
          ...(c.period === null ? {} : { periodId: F.period(c.period) }),
          ...(c.programme === null ? {} : { programme: c.programme }),
          ...(c.statuses === null ? {} : { statuses: c.statuses }),
          ...within(c.within)
        }
        const actual = yield* pages(label, c.limit, (p) => s.reports.list(q, p))
        return sameList(label, actual, Reference.listReports(model, q), encoders.report)
      }
      case "listModels": {
        const q = {
          ...(c.unit === null ? {} : { unitId: unit(c.unit) }),
          ...(c.statuses === null ? {} : { statuses: c.statuses }),
          ...within(c.within)
        }
        const actual = yield* pages(label, c.limit, (p) => s.models.list(q, p))
        return sameList(label, actual, Reference.listModels(model, q), encoders.model)
      }
      case "consolidate": {
        const provinces = [...model.units.values()].filter((u) => u.type === "province").map((u) => u.id)
        const basis = model.reports.get(resolve(model.reports.keys(), c.basis, missing.report))
        const q = {
          rootId: c.province ? Ids.UnitId.make(resolve(provinces, c.root, missing.unit)) : unit(c.root),
          asOf: F.date(c.asOf),
          periodId: basis?.periodId ?? F.period(c.period),
          programme: basis?.programme ?? c.programme,
          statuses: c.statuses === "all" ? allStatuses : c.statuses
        }
        return yield* check(
          label,
          s.reports.consolidate(q),
          () => Reference.consolidate(model, q),
          (x) => x
        )
      }
      case "inForce": {
        const programme = c.programme === null ? undefined : c.programme
        return sameList(
          label,
          yield* s.directives.inForce(F.date(c.on), programme),
          Reference.inForce(model, F.date(c.on), programme),
          encoders.directive
        )
      }
      case "applicableTo": {
        const id = unit(c.unit)
        return sameList(
          label,
          yield* s.directives.applicableTo(id, F.date(c.on)),
          Reference.applicableTo(model, id, F.date(c.on)),
          encoders.directive
        )
      }
      case "findByNumber": {
        return sameList(
          label,
          yield* s.directives.findByNumber(numbers[c.number]!),
          Reference.findByNumber(model, numbers[c.number]!),
          encoders.directive
        )
      }
      case "coordinationsOf": {
        const id = unit(c.unit)
        return sameList(
          label,
          yield* s.models.coordinationsOf(id),
          Reference.coordinationsOf(model, id),
          encoders.coordination
        )
      }
      case "findReport": {
        const found = yield* s.reports.find(unit(c.unit), F.period(c.period), c.programme)
        const expected = Reference.listReports(model, {
          unitIds: [unit(c.unit)],
          periodId: c.period,
          programme: c.programme
        })
        expect(Option.match(found, { onNone: () => [], onSome: (r) => [encoders.report(r)] }), label).toEqual(
          list(expected, encoders.report)
        )
        return
      }
    }
  })

class Abort {
  readonly _tag = "Abort"
}

/**
 * Runs a sequence against the store in context and a fresh reference model, comparing after every
 * command.
 *
 * @since 0.1.0
 */
export const run = (commands: ReadonlyArray<Command>) =>
  Effect.gen(function* () {
    const s = yield* services
    const model = Reference.empty()
    for (const [i, c] of commands.entries()) {
      const label = `command ${i} ${JSON.stringify(c)}`
      if (c.tag === "transaction") {
        const working = Reference.copy(model)
        const exit = yield* Effect.exit(
          s.unitOfWork.transaction(
            Effect.gen(function* () {
              for (const [j, w] of c.commands.entries()) yield* write(s, working, w, `${label}, write ${j}`)
              yield* compareState(s, working, `${label}, inside the transaction`)
              yield* compareQueries(s, working, i, `${label}, inside the transaction`)
              if (c.fail) return yield* Effect.fail(new Abort())
            })
          )
        )
        if (c.fail) {
          const error = Exit.isFailure(exit) ? Option.getOrUndefined(Exit.findErrorOption(exit)) : undefined
          expect(error, `${label}: fails with its own error`).toBeInstanceOf(Abort)
        } else {
          expect(Exit.isSuccess(exit), `${label}: commits (${String(exit)})`).toBe(true)
          Reference.assign(model, working)
        }
      } else if (
        c.tag === "listUnits" ||
        c.tag === "jurisdiction" ||
        c.tag === "ancestors" ||
        c.tag === "listReports" ||
        c.tag === "listModels" ||
        c.tag === "consolidate" ||
        c.tag === "inForce" ||
        c.tag === "findByNumber" ||
        c.tag === "applicableTo" ||
        c.tag === "coordinationsOf" ||
        c.tag === "findReport"
      ) {
        yield* query(s, model, c, label)
      } else {
        yield* write(s, model, c, label)
      }
      yield* compareState(s, model, `after ${label}`)
      yield* compareQueries(s, model, i, `after ${label}`)
    }
  })
