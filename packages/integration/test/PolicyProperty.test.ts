/**
 * Issue 13, the policy as a property: over random hierarchies that cross the 2025 reform (districts
 * ended, communes merged into new ones carrying their history, communes ended with no successor
 * recorded, provinces merged), random actors (any unit, a central one, one that does not exist; any
 * role, one the policy does not define; persons shared between units) and random operations on the
 * records of any unit, the use cases allow exactly what an independent model of the policy allows,
 * and refuse the rest with the error the model names. The model below is written from the rules as
 * stated in docs/security.md, over plain data, without `Jurisdiction`, `Hierarchy` or `Succession`.
 *
 * Each operation runs in a transaction that is then rolled back, so every one of them sees the same
 * seeded world. It runs on the in-memory store and on SQLite. The seed is printed with the counts of
 * outcomes; `DANVAN_POLICY_SEED` replays one, `DANVAN_POLICY_RUNS_FACTOR` runs more (or fewer).
 */
import {
  Actor as ActorRecord,
  AuditEntry,
  AuditLog,
  Audit as AuditUseCases,
  CalendarDate,
  Configuration,
  Consolidate,
  Danvan,
  Directive,
  DirectiveRepository,
  Directives,
  DocumentNumber,
  DvkModel,
  Ids,
  ModelField,
  ModelLifecycle,
  ModelRepository,
  Models,
  Policy,
  ReferenceData,
  Regime,
  Report,
  ReportRepository,
  Reports,
  ReportWorkflow,
  type Store,
  type StoreError,
  Succession,
  Timestamp,
  Unit,
  UnitOfWork,
  UnitRepository,
  Units
} from "@danvan/core"
import { StoreMemory } from "@danvan/store-memory"
import { StoreSqlite } from "@danvan/store-sql/sqlite"
import { describe, expect, it } from "@effect/vitest"
import { Clock, Effect, type Layer, Result, Schema } from "effect"
import * as fc from "fast-check"
import { dvkContent } from "./support/world.ts"

// ---------------------------------------------------------------------------------------------
// The world, as plain data
// ---------------------------------------------------------------------------------------------

const reform = "2025-07-01"
const origin = "2000-01-01"
const regime = Regime.defaults.party
const central = "vn-tw"

type Level = "province" | "district" | "commune"
interface PlainUnit {
  readonly id: string
  readonly level: Level
  readonly validFrom: string
  readonly validUntil?: string
  readonly links: ReadonlyArray<{ readonly parentId: string; readonly from: string; readonly until?: string }>
}
interface PlainSuccession {
  readonly id: string
  readonly pred: string
  readonly succ: string
  readonly date: string
}
interface PlainReport {
  readonly id: string
  readonly unitId: string
  readonly periodId: string
  readonly status: "draft" | "submitted" | "approved"
  /** Day in Vietnam and person of the last submission. */
  readonly submitted?: { readonly on: string; readonly by: string }
}
interface World {
  readonly today: string
  readonly units: ReadonlyArray<PlainUnit>
  readonly successions: ReadonlyArray<PlainSuccession>
  readonly reports: ReadonlyArray<PlainReport>
  readonly models: ReadonlyArray<{ readonly id: string; readonly unitId: string; readonly phaseId: string }>
  /** Directives, each registered on behalf of a unit (its registration's audit entry says so). */
  readonly directives: ReadonlyArray<{ readonly id: string; readonly by: string }>
}

const persons = ["p-an", "p-binh", "p-chi"] as const

const communeFate = fc.constantFrom("continues", "merged", "ends")
const districtArb = fc.record({
  carried: fc.boolean(),
  communes: fc.array(communeFate, { minLength: 1, maxLength: 3 })
})
const provinceArb = fc.array(districtArb, { minLength: 1, maxLength: 2 })
const reportArb = fc.record({
  status: fc.constantFrom("draft", "submitted", "approved"),
  by: fc.constantFrom(...persons),
  late: fc.boolean()
})

const worldArb = fc
  .record({
    after: fc.boolean(),
    provinces: fc.array(provinceArb, { minLength: 1, maxLength: 2 }),
    provincesMerge: fc.boolean(),
    // One draw per unit that exists (at most 20 in these worlds).
    reports: fc.array(reportArb, { minLength: 24, maxLength: 24 }),
    directiveMask: fc.array(fc.boolean(), { minLength: 12, maxLength: 12 })
  })
  .map(({ after, provinces, provincesMerge, reports, directiveMask }): World => {
    const units: Array<PlainUnit> = []
    const successions: Array<PlainSuccession> = []
    const merge = provincesMerge && provinces.length === 2
    const target = (p: number) => (merge ? "p0" : `p${p}`)
    provinces.forEach((districts, p) => {
      const pid = `p${p}`
      units.push({
        id: pid,
        level: "province",
        validFrom: origin,
        ...(merge && p === 1 ? { validUntil: reform } : {}),
        links: []
      })
      if (merge && p === 1) successions.push({ id: `s-${pid}`, pred: pid, succ: "p0", date: reform })
      districts.forEach((d, j) => {
        const did = `d${p}${j}`
        units.push({
          id: did,
          level: "district",
          validFrom: origin,
          validUntil: reform,
          links: [{ parentId: pid, from: origin, until: reform }]
        })
        if (d.carried) successions.push({ id: `s-${did}`, pred: did, succ: target(p), date: reform })
        d.communes.forEach((fate, k) => {
          const cid = `c${p}${j}${k}`
          const before = { parentId: did, from: origin, until: reform }
          if (fate === "continues") {
            units.push({
              id: cid,
              level: "commune",
              validFrom: origin,
              links: [before, { parentId: target(p), from: reform }]
            })
          } else {
            units.push({ id: cid, level: "commune", validFrom: origin, validUntil: reform, links: [before] })
            if (fate === "merged")
              successions.push({ id: `s-${cid}`, pred: cid, succ: `n${target(p)}`, date: reform })
          }
        })
      })
    })
    for (const t of new Set(successions.filter((s) => s.succ.startsWith("n")).map((s) => s.succ.slice(1)))) {
      units.push({ id: `n${t}`, level: "commune", validFrom: reform, links: [{ parentId: t, from: reform }] })
    }
    const today = after ? "2026-05-20" : "2025-05-20"
    const existing = units.filter((u) => u.validFrom < today)
    const reportsOf = existing.map((u, index): PlainReport => {
      const old = u.validFrom < reform
      const periodId = old ? "2025Q1" : "2026Q1"
      const draw = reports[index % reports.length] as {
        status: PlainReport["status"]
        by: string
        late: boolean
      }
      const on = old ? (after && draw.late ? "2025-07-05" : "2025-04-03") : "2026-04-02"
      return {
        id: `r-${u.id}`,
        unitId: u.id,
        periodId,
        status: draw.status,
        ...(draw.status === "draft" ? {} : { submitted: { on, by: draw.by } })
      }
    })
    return {
      today,
      units,
      successions,
      reports: reportsOf,
      models: existing.map((u) => ({
        id: `m-${u.id}`,
        unitId: u.id,
        phaseId: u.validFrom < reform ? "2021-2025" : "2026-2030"
      })),
      directives: existing
        .filter((_, i) => directiveMask[i % directiveMask.length])
        .map((u) => ({ id: `dir-${u.id}`, by: u.id }))
    }
  })

// ---------------------------------------------------------------------------------------------
// The model of the policy, over plain data
// ---------------------------------------------------------------------------------------------

interface Actor {
  readonly personId: string
  readonly name: string
  readonly unitId: string
  readonly role: string
}

const dayBefore = (d: string) =>
  new Date(Date.parse(`${d}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10)

const model = (w: World, policy: Policy.Policy) => {
  const byId = new Map(w.units.map((u) => [u.id, u]))
  const valid = (u: PlainUnit, d: string) =>
    u.validFrom <= d && (u.validUntil === undefined || d < u.validUntil)
  const standing = (u: PlainUnit, d: string) =>
    d < u.validFrom
      ? u.validFrom
      : u.validUntil !== undefined && d >= u.validUntil
        ? dayBefore(u.validUntil)
        : d
  const parentOn = (u: PlainUnit, d: string) =>
    u.links.find((l) => l.from <= d && (l.until === undefined || d < l.until))?.parentId
  const ancestors = (id: string, d: string): ReadonlyArray<string> => {
    const out: Array<string> = []
    let u = byId.get(id)
    if (u === undefined || !valid(u, d)) return out
    for (;;) {
      const p = parentOn(u, d)
      const pu = p === undefined ? undefined : byId.get(p)
      if (pu === undefined || !valid(pu, d) || out.includes(pu.id) || pu.id === id) return out
      out.push(pu.id)
      u = pu
    }
  }
  const carrier = (id: string, d: string) => {
    let current = id
    let since = ""
    for (;;) {
      const next = w.successions
        .filter((s) => s.pred === current && s.date <= d && s.date > since)
        .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))[0]
      if (next === undefined) return current
      current = next.succ
      since = next.date
    }
  }
  const centralUnits = new Set<string>(policy.centralUnits)
  const above = (id: string): ReadonlySet<string> => {
    const c = carrier(id, w.today)
    const cu = byId.get(c)
    return new Set([
      ...centralUnits,
      ...(c !== id ? [c] : []),
      ...(cu === undefined ? [] : ancestors(c, standing(cu, w.today)))
    ])
  }
  const reviewer = (id: string, submittedOn: string): string | undefined => {
    const u = byId.get(id)
    if (u === undefined) return undefined
    let p = parentOn(u, standing(u, submittedOn))
    const seen: Array<string> = []
    while (p !== undefined && !seen.includes(p)) {
      seen.push(p)
      const pu = byId.get(p)
      if (pu === undefined || valid(pu, w.today)) return p
      const c = carrier(p, w.today)
      p = c !== p ? c : parentOn(pu, standing(pu, w.today))
    }
    return p
  }
  const grants = (a: Actor, permission: Policy.Permission) =>
    Object.hasOwn(policy.roles, a.role) && (policy.roles[a.role] ?? []).includes(permission)
  const readable = (a: Actor, id: string) => a.unitId === id || above(id).has(a.unitId)
  const periodWindow: Record<string, readonly [string, string]> = {
    "2025Q1": ["2025-01-01", "2025-03-31"],
    "2025Q3": ["2025-07-01", "2025-09-30"],
    "2026Q1": ["2026-01-01", "2026-03-31"]
  }
  const inPeriod = (id: string, periodId: string) => {
    const u = byId.get(id)
    const [first, last] = periodWindow[periodId] ?? ["", ""]
    return u !== undefined && u.validFrom <= last && (u.validUntil === undefined || first < u.validUntil)
  }
  return { byId, valid, ancestors, carrier, above, reviewer, grants, readable, inPeriod, centralUnits }
}

// ---------------------------------------------------------------------------------------------
// The operations, each with the outcome the model predicts
// ---------------------------------------------------------------------------------------------

type Outcome =
  | "allowed"
  | "NotPermitted"
  | "NotFound"
  | "OutsideJurisdiction"
  | "SeparationOfDuties"
  | "UnitNotInPeriod"

/** Errors of the rules that follow authorisation: an allowed operation may still meet one. */
const afterAuthorisation = new Set([
  "InvalidReportTransition",
  "ReportLocked",
  "InvalidTransition",
  "EventOutOfOrder",
  "OutsidePhase",
  "ConstraintViolation",
  "InvalidUnits",
  "InconsistentFigures"
])

interface Operation {
  readonly name: string
  /** The permission it needs, to bias the roles drawn towards it (not to predict the outcome). */
  readonly permission: Policy.Permission
  readonly predict: (m: ReturnType<typeof model>, w: World, a: Actor) => Outcome
  readonly run: (a: Actor, w: World) => Effect.Effect<unknown, { readonly _tag: string }, Store.Store>
}

const version = (id: string) =>
  Effect.map(
    Effect.flatMap(ReportRepository, (r) => r.get(Ids.ReportId.make(id))),
    (r) => r.version
  )
const modelVersion = (id: string) =>
  Effect.map(
    Effect.flatMap(ModelRepository, (r) => r.get(Ids.ModelId.make(id))),
    (m) => m.version
  )

const chain = (...steps: ReadonlyArray<() => Outcome | undefined>): Outcome => {
  for (const step of steps) {
    const outcome = step()
    if (outcome !== undefined) return outcome
  }
  return "allowed"
}

const operations = (target: PlainUnit, w: World, counter: number): ReadonlyArray<Operation> => {
  const report = w.reports.find((r) => r.unitId === target.id)
  const dvkModel = w.models.find((m) => m.unitId === target.id)
  const directive = w.directives.find((d) => d.by === target.id)
  const perm = (m: ReturnType<typeof model>, a: Actor, p: Policy.Permission) => (): Outcome | undefined =>
    m.grants(a, p) ? undefined : "NotPermitted"
  const visible = (m: ReturnType<typeof model>, a: Actor) => (): Outcome | undefined =>
    m.readable(a, target.id) ? undefined : "NotFound"
  const own = (a: Actor) => (): Outcome | undefined =>
    a.unitId === target.id ? undefined : "OutsideJurisdiction"
  const reads = (m: ReturnType<typeof model>, a: Actor) => (): Outcome | undefined =>
    m.readable(a, target.id) ? undefined : "OutsideJurisdiction"
  const newPeriod = target.validFrom < reform ? "2025Q3" : "2026Q1"
  const ops: Array<Operation> = [
    {
      name: "listReports",
      permission: "records.read",
      predict: (m, _w, a) => chain(perm(m, a, "records.read"), reads(m, a)),
      run: (a) => Reports.reports(a, { unitId: target.id })
    },
    {
      name: "auditTrail",
      permission: "audit.read",
      predict: (m, _w, a) => chain(perm(m, a, "audit.read"), reads(m, a)),
      run: (a) => AuditUseCases.auditTrail(a, { actorUnitId: Ids.UnitId.make(target.id) })
    },
    {
      name: "createReport",
      permission: "reports.draft",
      predict: (m, _w, a) =>
        chain(perm(m, a, "reports.draft"), own(a), () =>
          m.inPeriod(target.id, newPeriod) ? undefined : "UnitNotInPeriod"
        ),
      run: (a) =>
        Reports.createReport(a, {
          unitId: target.id,
          programme: "DVK",
          periodId: newPeriod,
          regimeId: regime.id
        })
    },
    {
      name: "registerModel",
      permission: "models.register",
      predict: (m, _w, a) => chain(perm(m, a, "models.register"), own(a)),
      run: (a, world) =>
        Models.registerModel(a, {
          unitId: target.id,
          phaseId: world.today < "2026-01-01" ? "2021-2025" : "2026-2030",
          fieldId: "economy",
          registeredOn: world.today,
          content: { name: "Mô hình mới" }
        })
    },
    {
      name: "consolidate",
      permission: "records.read",
      predict: (m, _w, a) =>
        chain(perm(m, a, "records.read"), reads(m, a), () =>
          m.byId.get(target.id) !== undefined && m.valid(m.byId.get(target.id) as PlainUnit, "2025-03-31")
            ? undefined
            : "NotFound"
        ),
      run: (a) =>
        Consolidate.consolidateReport(a, {
          rootId: target.id,
          periodId: "2025Q1",
          programme: "DVK",
          regimeId: regime.id
        })
    },
    {
      name: "importUnitBelow",
      permission: "units.maintain",
      predict: (m, world, a) =>
        chain(perm(m, a, "units.maintain"), () =>
          m.centralUnits.has(a.unitId) ||
          (m.byId.get(target.id) !== undefined &&
            m.valid(m.byId.get(target.id) as PlainUnit, world.today) &&
            [target.id, ...m.ancestors(target.id, world.today)].includes(a.unitId))
            ? undefined
            : "OutsideJurisdiction"
        ),
      run: (a, world) =>
        Units.importUnits(a, {
          units: [
            {
              id: `g-${target.id}-${counter}`,
              type: "agency",
              name: "Cơ quan mới",
              validFrom: world.today,
              parents: [{ parentId: target.id, from: world.today }],
              version: 0
            }
          ],
          successions: []
        })
    },
    {
      name: "putField",
      permission: "referenceData.maintain",
      predict: (m, world, a) =>
        chain(perm(m, a, "referenceData.maintain"), () => {
          if (m.centralUnits.has(a.unitId)) return undefined
          const u = m.byId.get(a.unitId)
          return u !== undefined &&
            m.valid(u, world.today) &&
            m.byId.get(a.unitId)?.level !== undefined &&
            (policyOf.current.referenceDataLevels as ReadonlyArray<string>).includes(u.level)
            ? undefined
            : "OutsideJurisdiction"
        }),
      run: (a) =>
        Configuration.putField(a, { id: `f-${counter}`, name: "Lĩnh vực mới", order: 9, version: 0 })
    }
  ]
  if (report !== undefined) {
    const submittedOn = report.submitted?.on
    /** The actor's unit is the one the report goes to (a central one for a province's). */
    const reviews = (m: ReturnType<typeof model>, world: World, a: Actor) => (): Outcome | undefined => {
      const r = m.reviewer(target.id, submittedOn ?? world.today)
      return (r === undefined ? m.centralUnits.has(a.unitId) : r === a.unitId)
        ? undefined
        : "OutsideJurisdiction"
    }
    ops.push(
      {
        name: "readReport",
        permission: "records.read",
        predict: (m, _w, a) => chain(perm(m, a, "records.read"), visible(m, a)),
        run: (a) => Reports.report(a, { reportId: report.id })
      },
      {
        name: "editReport",
        permission: "reports.draft",
        predict: (m, _w, a) => chain(perm(m, a, "reports.draft"), visible(m, a), own(a)),
        run: (a) =>
          Effect.flatMap(version(report.id), (v) =>
            Reports.editReport(a, { reportId: report.id, version: v, content: dvkContent(2) })
          )
      },
      {
        name: "submitReport",
        permission: "reports.submit",
        predict: (m, _w, a) =>
          chain(perm(m, a, "reports.submit"), visible(m, a), own(a), () =>
            m.inPeriod(target.id, report.periodId) ? undefined : "UnitNotInPeriod"
          ),
        run: (a) =>
          Effect.flatMap(version(report.id), (v) =>
            Reports.submitReport(a, { reportId: report.id, version: v })
          )
      },
      {
        name: "approveReport",
        permission: "reports.review",
        predict: (m, world, a) =>
          chain(perm(m, a, "reports.review"), visible(m, a), reviews(m, world, a), () =>
            policyOf.current.separationOfDuties &&
            report.status === "submitted" &&
            report.submitted?.by === a.personId
              ? "SeparationOfDuties"
              : undefined
          ),
        run: (a) =>
          Effect.flatMap(version(report.id), (v) =>
            Reports.approveReport(a, { reportId: report.id, version: v })
          )
      },
      {
        name: "returnReport",
        permission: "reports.review",
        predict: (m, world, a) => chain(perm(m, a, "reports.review"), visible(m, a), reviews(m, world, a)),
        run: (a) =>
          Effect.flatMap(version(report.id), (v) =>
            Reports.returnReport(a, { reportId: report.id, version: v, reason: "Bổ sung số liệu" })
          )
      }
    )
  }
  if (dvkModel !== undefined) {
    ops.push({
      name: "evaluateModel",
      permission: "models.assess",
      predict: (m, world, a) =>
        chain(perm(m, a, "models.assess"), visible(m, a), () => {
          if (a.unitId === target.id) return "OutsideJurisdiction"
          if (m.carrier(target.id, world.today) === a.unitId) return "OutsideJurisdiction"
          return m.above(target.id).has(a.unitId) ? undefined : "OutsideJurisdiction"
        }),
      run: (a, world) =>
        Effect.flatMap(modelVersion(dvkModel.id), (v) =>
          Models.evaluateModel(a, { modelId: dvkModel.id, version: v, on: world.today, rating: "good" })
        )
    })
  }
  if (directive !== undefined) {
    ops.push({
      name: "replaceDirective",
      permission: "directives.register",
      predict: (m, world, a) =>
        chain(
          perm(m, a, "directives.register"),
          () => {
            if (m.centralUnits.has(a.unitId)) return undefined
            const u = m.byId.get(a.unitId)
            return u !== undefined && (u.validUntil === undefined || u.validUntil > world.today)
              ? undefined
              : "OutsideJurisdiction"
          },
          () =>
            m.centralUnits.has(a.unitId) ||
            directive.by === a.unitId ||
            m.carrier(directive.by, world.today) === a.unitId
              ? undefined
              : "OutsideJurisdiction"
        ),
      run: (a, world) =>
        Directives.registerDirective(a, {
          id: `dir-new-${counter}`,
          number: { _tag: "Party", number: 500 + counter, typeCode: "KH", issuer: "TU" },
          issuedBy: { _tag: "Unit", unitId: a.unitId, body: "partyCommittee" },
          title: "Kế hoạch thay thế",
          programme: "DVK",
          issuedOn: world.today,
          effectiveFrom: world.today,
          replaces: [directive.id],
          tasks: []
        })
    })
  }
  return ops
}

/** The policy of the world being checked (the model and the operations read it). */
const policyOf: { current: Policy.Policy } = { current: Policy.defaults }

// ---------------------------------------------------------------------------------------------
// Seeding a store with a world, straight through the storage port
// ---------------------------------------------------------------------------------------------

const stamp = (unitId: string, personId: string, day: string) => ({
  at: Timestamp.fromDate(new Date(`${day}T02:00:00.000Z`)),
  by: new ActorRecord.Actor({
    personId: Ids.PersonId.make(personId),
    name: `Người ${personId}`,
    unitId: Ids.UnitId.make(unitId),
    role: "officer"
  })
})

const orDie = <A, E>(r: Result.Result<A, E>): A => {
  if (Result.isFailure(r)) throw new Error(`seeding: ${String(r.failure)}`)
  return r.success
}

const seed = (w: World) =>
  Effect.gen(function* () {
    const units = yield* UnitRepository
    for (const level of ["province", "district", "commune"] as const) {
      yield* units.insert(
        w.units
          .filter((u) => u.level === level)
          .map(
            (u) =>
              new Unit.Unit({
                id: Ids.UnitId.make(u.id),
                type: level === "district" ? "ruralDistrict" : level,
                name: `Đơn vị ${u.id}`,
                validFrom: CalendarDate.unsafeFromString(u.validFrom),
                ...(u.validUntil === undefined
                  ? {}
                  : { validUntil: CalendarDate.unsafeFromString(u.validUntil) }),
                parents: u.links.map(
                  (l) =>
                    new Unit.ParentLink({
                      parentId: Ids.UnitId.make(l.parentId),
                      from: CalendarDate.unsafeFromString(l.from),
                      ...(l.until === undefined ? {} : { until: CalendarDate.unsafeFromString(l.until) })
                    })
                ),
                version: 0
              })
          )
      )
    }
    yield* units.insertSuccessions(
      w.successions.map(
        (s) =>
          new Succession.Succession({
            id: Ids.SuccessionId.make(s.id),
            kind: "merge",
            effectiveDate: CalendarDate.unsafeFromString(s.date),
            predecessorId: Ids.UnitId.make(s.pred),
            successorId: Ids.UnitId.make(s.succ),
            carriesHistory: true,
            version: 0
          })
      )
    )
    const reference = yield* ReferenceData
    yield* reference.putRegime(regime)
    for (const field of ModelField.defaults) yield* reference.putField(field)

    const reports = yield* ReportRepository
    const content = Schema.decodeUnknownSync(Report.ReportContent)(dvkContent(1))
    for (const r of w.reports) {
      const unit = w.units.find((u) => u.id === r.unitId) as PlainUnit
      const created = orDie(
        ReportWorkflow.create(
          {
            id: Ids.ReportId.make(r.id),
            unitId: Ids.UnitId.make(r.unitId),
            programme: "DVK",
            periodId: r.periodId as never,
            regimeId: regime.id,
            content
          },
          stamp(r.unitId, "p-an", r.periodId === "2025Q1" ? "2025-04-01" : "2026-04-01")
        )
      )
      let stored = yield* reports.insert(created)
      if (r.submitted !== undefined) {
        const submission = orDie(
          ReportWorkflow.submit(stored, stamp(r.unitId, r.submitted.by, r.submitted.on), {
            regime,
            level: unit.level
          })
        )
        stored = yield* reports.update(submission.report, submission.revision)
        if (r.status === "approved") {
          stored = yield* reports.update(
            orDie(ReportWorkflow.approve(stored, stamp("reviewer", "p-reviewer", r.submitted.on)))
          )
        }
      }
    }
    const models = yield* ModelRepository
    for (const m of w.models) {
      const first = m.phaseId === "2021-2025" ? "2024" : "2026"
      const registered = orDie(
        ModelLifecycle.register({
          id: Ids.ModelId.make(m.id),
          unitId: Ids.UnitId.make(m.unitId),
          phaseId: m.phaseId as never,
          fieldId: Ids.FieldId.make("economy"),
          registeredOn: CalendarDate.unsafeFromString(`${first}-01-10`),
          content: Schema.decodeUnknownSync(DvkModel.RegistrationContent)({ name: `Mô hình ${m.id}` }),
          by: stamp(m.unitId, "p-an", `${first}-01-10`).by
        })
      )
      const [stored] = yield* models.insert([registered])
      yield* models.update(
        orDie(
          ModelLifecycle.apply(stored ?? registered, {
            _tag: "Started",
            on: CalendarDate.unsafeFromString(`${first}-02-01`),
            by: stamp(m.unitId, "p-an", `${first}-02-01`).by
          })
        )
      )
    }
    const directives = yield* DirectiveRepository
    const audit = yield* AuditLog
    for (const [i, d] of w.directives.entries()) {
      yield* directives.insert(
        new Directive.Directive({
          id: Ids.DirectiveId.make(d.id),
          number: orDie(DocumentNumber.parse(`${i + 1}-KH/TU`)),
          issuedBy: { _tag: "Unit", unitId: Ids.UnitId.make(d.by), body: "partyCommittee" },
          title: `Kế hoạch của đơn vị ${d.by}`,
          programme: "DVK",
          issuedOn: CalendarDate.unsafeFromString("2024-01-02"),
          effectiveFrom: CalendarDate.unsafeFromString("2024-01-02"),
          replaces: [],
          tasks: [],
          version: 0
        })
      )
      const { at, by } = stamp(d.by, "p-an", "2024-01-02")
      yield* audit.append([
        new AuditEntry.AuditEntry({
          id: Ids.AuditId.make(`a-${d.id}`),
          at,
          actor: by,
          action: "directive.registered",
          subjectKind: "directive",
          subjectId: d.id,
          summary: `registered ${i + 1}-KH/TU`
        })
      ])
    }
  })

// ---------------------------------------------------------------------------------------------
// The property
// ---------------------------------------------------------------------------------------------

const roles = ["viewer", "officer", "leader", "administrator", "inspector"] as const
/**
 * How the acting unit is drawn: any unit, or one related to the target (itself, a unit above it,
 * the unit its reports go to, the unit carrying its history), a central unit, or one that does
 * not exist. Related units make allowed operations common; the model, not the draw, decides.
 */
const relationArb = fc.constantFrom(
  "any",
  "any",
  "self",
  "above",
  "above",
  "reviewer",
  "carrier",
  "carrier",
  "central",
  "nowhere"
)
const pickArb = fc.record({
  relation: relationArb,
  unit: fc.nat(),
  role: fc.oneof(fc.constantFrom(...roles), fc.constant("needed" as const)),
  person: fc.constantFrom(...persons),
  target: fc.nat(),
  operation: fc.nat()
})
const policyArb = fc
  .record({
    separationOfDuties: fc.boolean(),
    central: fc.boolean(),
    referenceDataLevels: fc.constantFrom<ReadonlyArray<"province" | "district">>(
      ["province"],
      ["province", "district"],
      []
    )
  })
  .map(
    (p): Policy.Policy => ({
      ...Policy.defaults,
      separationOfDuties: p.separationOfDuties,
      centralUnits: p.central ? [Ids.UnitId.make(central)] : [],
      referenceDataLevels: p.referenceDataLevels
    })
  )

const authorisation = new Set([
  "NotPermitted",
  "NotFound",
  "OutsideJurisdiction",
  "SeparationOfDuties",
  "UnitNotInPeriod"
])

class Rollback {
  readonly _tag = "Rollback"
  readonly result: Result.Result<unknown, { readonly _tag: string }>
  constructor(result: Result.Result<unknown, { readonly _tag: string }>) {
    this.result = result
  }
}

const stores: ReadonlyArray<
  readonly [string, () => Layer.Layer<Store.Store, StoreError.StoreFailure>, number]
> = [
  ["in memory", () => StoreMemory.layer(), 150],
  ["SQLite", () => StoreSqlite.layer({ filename: ":memory:" }), 40]
]

describe("the policy (property)", () => {
  for (const [storeName, layer, numRuns] of stores) {
    it(`the use cases allow exactly what the model of the policy allows (${storeName})`, async () => {
      const seedValue = Number(process.env.DANVAN_POLICY_SEED ?? Date.now() % 2 ** 31)
      const counts: Record<string, number> = {}
      let operationsRun = 0
      let worlds = 0
      await fc.assert(
        fc.asyncProperty(
          worldArb,
          policyArb,
          fc.array(pickArb, { minLength: 8, maxLength: 16 }),
          async (w, policy, picks) => {
            worlds++
            policyOf.current = policy
            const m = model(w, policy)
            const program = Effect.gen(function* () {
              yield* seed(w)
              const uow = yield* UnitOfWork
              for (const [i, pick] of picks.entries()) {
                const target = w.units[pick.target % w.units.length] as PlainUnit
                const ops = operations(target, w, i)
                const op = ops[pick.operation % ops.length] as Operation
                const any = (w.units[pick.unit % w.units.length] as PlainUnit).id
                const aboveTarget = [...m.above(target.id)]
                const report = w.reports.find((r) => r.unitId === target.id)
                const unitId = {
                  any,
                  self: target.id,
                  above: aboveTarget[pick.unit % Math.max(1, aboveTarget.length)] ?? any,
                  reviewer: m.reviewer(target.id, report?.submitted?.on ?? w.today) ?? central,
                  carrier: m.carrier(target.id, w.today),
                  central,
                  nowhere: "vn-nowhere"
                }[pick.relation]
                const role =
                  pick.role === "needed"
                    ? (Object.entries(policy.roles).find(([, ps]) => ps.includes(op.permission))?.[0] ??
                      "viewer")
                    : pick.role
                const actor: Actor = { personId: pick.person, name: `Người ${pick.person}`, unitId, role }
                const predicted = op.predict(m, w, actor)
                const rolled = yield* Effect.flip(
                  uow.transaction(
                    Effect.flatMap(Effect.result(op.run(actor, w)), (result) =>
                      Effect.fail(new Rollback(result))
                    )
                  )
                )
                if (!(rolled instanceof Rollback)) throw new Error(`the store failed: ${String(rolled)}`)
                const result = rolled.result
                const tag = Result.isSuccess(result) ? "success" : result.failure._tag
                const actual: string = authorisation.has(tag) ? tag : "allowed"
                const context = `${op.name} of ${target.id} by ${JSON.stringify(actor)} on ${w.today}: ${
                  Result.isFailure(result) ? (result.failure as { message?: string }).message : "succeeded"
                }`
                expect(actual, context).toBe(predicted)
                if (actual === "allowed" && tag !== "success")
                  expect(afterAuthorisation.has(tag), context).toBe(true)
                const key = `${op.name}:${actual === "allowed" ? tag : actual}`
                counts[key] = (counts[key] ?? 0) + 1
                operationsRun++
              }
            }).pipe(
              Effect.provide(layer()),
              Effect.provideService(
                Clock.Clock,
                Danvan.clockFrom(() => new Date(`${w.today}T03:00:00.000Z`))
              ),
              Effect.provideService(Policy.CurrentPolicy, policy)
            )
            await Effect.runPromise(program)
          }
        ),
        { numRuns: Math.round(numRuns * Number(process.env.DANVAN_POLICY_RUNS_FACTOR ?? 1)), seed: seedValue }
      )
      const allowed = Object.entries(counts)
        .filter(([k]) => k.endsWith(":success"))
        .reduce((a, [, n]) => a + n, 0)
      const refused = Object.entries(counts)
        .filter(([k]) => [...authorisation].some((t) => k.endsWith(`:${t}`)))
        .reduce((a, [, n]) => a + n, 0)
      process.stdout.write(
        `policy property (${storeName}): seed ${seedValue}, ${worlds} worlds, ${operationsRun} operations: ${allowed} succeeded, ${refused} refused by the policy, ${operationsRun - allowed - refused} allowed but stopped by a later rule\n`
      )
      // The runs exercise both sides of every rule, not only refusals.
      for (const tag of ["success", "NotPermitted", "NotFound", "OutsideJurisdiction"]) {
        expect(
          Object.keys(counts).some((k) => k.endsWith(`:${tag}`)),
          tag
        ).toBe(true)
      }
    }, 300_000)
  }
})
