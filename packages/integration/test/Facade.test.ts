/**
 * The Promise facade over the real in-memory store: every use case is a Promise method, failures
 * reject with the use cases' own tagged error instances, `now` drives the stamps and timeliness,
 * and `close()` releases the store.
 */
import {
  Committees,
  Consolidate,
  Danvan,
  Directives,
  Jurisdiction,
  ModelField,
  ModelLifecycle,
  Models,
  Policy,
  Regime,
  Reports,
  StoreError,
  type Unit,
  UnitRepository,
  Units
} from "@danvan/core"
import { StoreMemory } from "@danvan/store-memory"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer } from "effect"
import * as fc from "fast-check"
import { dvkFigures, person } from "./support/world.ts"

const province = "fx-province"
const district = "fx-district"
const communeA = "fx-commune-a"
const communeB = "fx-commune-b"

/** Units of the three-tier structure, so below the province they end when districts do (01/07/2025). */
const unit = (
  id: string,
  type: Unit.UnitType,
  name: string,
  code: string,
  parent?: string
): Units.ImportUnitsInput["units"][number] => ({
  id,
  type,
  name,
  code,
  validFrom: "2015-01-01",
  ...(parent === undefined ? {} : { validUntil: "2025-07-01" }),
  parents: parent === undefined ? [] : [{ parentId: parent, from: "2015-01-01", until: "2025-07-01" }],
  version: 0
})

const admin = person(province, "Quản trị tỉnh", "administrator")
const districtLeader = person(district, "Trưởng ban huyện", "leader")
const officerA = person(communeA, "Cán bộ xã A", "officer")
const officerB = person(communeB, "Cán bộ xã B", "officer")

const content = (byField: ReadonlyArray<number>, effective: number) => ({
  figures: dvkFigures(byField, { effective }),
  achievements: "Tiếp tục triển khai các mô hình",
  shortcomings: "",
  nextTasks: "Nhân rộng mô hình hiệu quả"
})

/** A client over a fresh in-memory store with the default fields, the party regime and one district. */
const setUp = async (clock: { now: Date }) => {
  const danvan = await Danvan.open(StoreMemory.layer(), { now: () => clock.now })
  await danvan.importUnits(admin, {
    units: [
      unit(province, "province", "Ninh Bình", "37"),
      unit(district, "ruralDistrict", "Hoa Lư", "374", province),
      unit(communeA, "commune", "Ninh Hải", "14551", district),
      unit(communeB, "commune", "Trường Yên", "14548", district)
    ],
    successions: []
  })
  for (const field of ModelField.defaults) await danvan.putField(admin, field)
  await danvan.putRegime(admin, Regime.defaults.party)
  return danvan
}

const rejection = async (promise: Promise<unknown>): Promise<unknown> => {
  try {
    await promise
  } catch (error) {
    return error
  }
  throw new Error("expected the promise to reject")
}

describe("Danvan.open (Promise facade)", () => {
  it("offers every use case as a Promise method, bound or not to an actor", async () => {
    const danvan = await Danvan.open(StoreMemory.layer())
    try {
      const session = danvan.as(officerA)
      for (const name of [
        "importUnits",
        "registerModel",
        "submitReport",
        "consolidateReport",
        "auditTrail"
      ]) {
        expect(typeof (danvan as unknown as Record<string, unknown>)[name]).toBe("function")
        expect(typeof (session as unknown as Record<string, unknown>)[name]).toBe("function")
      }
      expect(session.actor).toBe(officerA)
      expect(await danvan.directivesInForce({ on: "2017-06-30" })).toEqual([])
    } finally {
      await danvan.close()
    }
  })

  it("has a method for every use case the core exports", async () => {
    const danvan = await Danvan.open(StoreMemory.layer())
    try {
      const modules = { Units, Directives, Committees, Models, Reports, Consolidate }
      const useCases = Object.entries(modules).flatMap(([module, exports]) =>
        Object.entries(exports)
          .filter(([name, value]) => typeof value === "function" && /^[a-z]/u.test(name))
          .map(([name]) => `${module}.${name}`)
      )
      expect(useCases.length).toBeGreaterThan(20)
      for (const useCase of [...useCases, "Audit.auditTrail"]) {
        const name = useCase.slice(useCase.indexOf(".") + 1)
        expect(typeof (danvan as unknown as Record<string, unknown>)[name], useCase).toBe("function")
      }
    } finally {
      await danvan.close()
    }
  })

  it("runs a report from draft to a consolidated district total, with timeliness from `now`", async () => {
    const clock = { now: new Date("2017-07-01T02:00:00.000Z") }
    const danvan = await setUp(clock)
    try {
      const a = danvan.as(officerA)
      const b = danvan.as(officerB)
      const reportA = await a.createReport({
        unitId: communeA,
        programme: "DVK",
        periodId: "2017S1",
        regimeId: Regime.defaults.party.id,
        content: content([3, 2, 1, 1], 5)
      })
      const reportB = await b.createReport({
        unitId: communeB,
        programme: "DVK",
        periodId: "2017S1",
        regimeId: Regime.defaults.party.id,
        content: content([1, 1, 1, 1], 2)
      })
      // Party regime: 2017S1 closes on 30/06/2017; a commune is due 3 working days later (05/07).
      clock.now = new Date("2017-07-03T02:00:00.000Z")
      const onTime = await a.submitReport({ reportId: reportA.id, version: reportA.version })
      clock.now = new Date("2017-07-12T02:00:00.000Z")
      const late = await b.submitReport({ reportId: reportB.id, version: reportB.version })
      expect(onTime.revision.onTime).toBe(true)
      expect(onTime.revision.submittedAt).toBe("2017-07-03T02:00:00.000Z")
      expect(late.revision.onTime).toBe(false)

      const reviewer = danvan.as(districtLeader)
      await reviewer.approveReport({ reportId: reportA.id, version: onTime.report.version })
      await reviewer.approveReport({ reportId: reportB.id, version: late.report.version })
      const result = await reviewer.consolidateReport({
        rootId: district,
        periodId: "2017S1",
        programme: "DVK",
        regimeId: Regime.defaults.party.id
      })
      expect(result.consolidation.totals.models).toBe(11)
      expect(result.consolidation.totals["byField.economy"]).toBe(4)
      expect(result.consolidation.totals.effective).toBe(7)
      expect(result.completeness.late).toEqual([communeB])
      expect(result.completeness.onTime).toEqual([communeA])
      expect(result.completeness.missing).toEqual([])

      const history = await reviewer.reportHistory({ reportId: reportA.id })
      expect(history.report.status).toBe("approved")
      expect(history.revisions.map((r) => r.revision)).toEqual([1])

      const trail = await danvan.auditTrailAll(officerA)
      expect(trail.map((e) => e.action)).toEqual(["report.created", "report.submitted"])
      expect(trail.map((e) => e.at)).toEqual(["2017-07-01T02:00:00.000Z", "2017-07-03T02:00:00.000Z"])
    } finally {
      await danvan.close()
    }
  })

  it("rejects with the use case's tagged error instances", async () => {
    const clock = { now: new Date("2017-03-01T02:00:00.000Z") }
    const danvan = await setUp(clock)
    try {
      const model = await danvan.registerModel(officerA, {
        unitId: communeA,
        phaseId: "2016-2020",
        fieldId: "economy",
        registeredOn: "2017-03-01",
        content: { name: "Mô hình dồn điền đổi thửa" }
      })
      // Commending a model straight after its registration skips its evaluation.
      const skipped = await rejection(
        danvan.commendModel(districtLeader, {
          modelId: model.id,
          version: model.version,
          on: "2017-06-01",
          level: "district",
          form: "letterOfCommendation"
        })
      )
      expect(skipped).toBeInstanceOf(ModelLifecycle.InvalidTransition)
      expect(skipped).toMatchObject({ _tag: "InvalidTransition", from: "registered", to: "commended" })

      // A model rated ineffective is not commended.
      const rated = await danvan.evaluateModel(districtLeader, {
        modelId: model.id,
        version: model.version,
        on: "2017-05-20",
        rating: "ineffective"
      })
      const notRated = await rejection(
        danvan.commendModel(districtLeader, {
          modelId: model.id,
          version: rated.version,
          on: "2017-06-01",
          level: "district",
          form: "letterOfCommendation"
        })
      )
      expect(notRated).toBeInstanceOf(ModelLifecycle.NotRatedEffective)
      expect((notRated as ModelLifecycle.NotRatedEffective)._tag).toBe("NotRatedEffective")
      expect((notRated as Error).message).toContain(model.id)

      // A commune may not register a model for another commune.
      const outside = await rejection(
        danvan.as(officerB).registerModel({
          unitId: communeA,
          phaseId: "2016-2020",
          fieldId: "economy",
          registeredOn: "2017-03-01",
          content: { name: "Mô hình của xã khác" }
        })
      )
      expect(outside).toBeInstanceOf(Jurisdiction.OutsideJurisdiction)
      expect((outside as Jurisdiction.OutsideJurisdiction).rule).toBe("ownUnit")

      // A field that is not configured, and a record that does not exist.
      const badField = await rejection(
        danvan.registerModel(officerA, {
          unitId: communeA,
          phaseId: "2016-2020",
          fieldId: "tourism",
          registeredOn: "2017-03-01",
          content: { name: "Mô hình du lịch" }
        })
      )
      expect((badField as { _tag: string })._tag).toBe("InvalidInput")
      const missing = await rejection(
        danvan.startModel(officerA, { modelId: "no-such-model", version: 1, on: "2017-03-02" })
      )
      expect(missing).toBeInstanceOf(StoreError.NotFound)
    } finally {
      await danvan.close()
    }
  })

  it("rejects arbitrary input with a typed error, never an untyped throw", async () => {
    const danvan = await setUp({ now: new Date("2017-03-01T02:00:00.000Z") })
    try {
      await fc.assert(
        fc.asyncProperty(fc.anything(), async (input) => {
          const error = await rejection(danvan.registerModel(officerA, input as never))
          expect(error).toBeInstanceOf(Error)
          expect(["InvalidInput", "OutsideJurisdiction", "NotFound"]).toContain(
            (error as { _tag?: string })._tag
          )
        }),
        { numRuns: 100 }
      )
    } finally {
      await danvan.close()
    }
  })

  it("runs Effect programs over the same store with `run`", async () => {
    const danvan = await setUp({ now: new Date("2017-03-01T02:00:00.000Z") })
    try {
      const ids = await danvan.run(
        Effect.gen(function* () {
          const units = yield* UnitRepository
          const page = yield* units.list({ asOf: "2017-01-01" as never, parentId: district as never })
          return page.items.map((u) => u.id)
        })
      )
      expect(ids).toEqual([communeA, communeB])
      const error = await rejection(
        danvan.run(Effect.flatMap(UnitRepository, (u) => u.get("nowhere" as never)))
      )
      expect(error).toBeInstanceOf(StoreError.NotFound)
    } finally {
      await danvan.close()
    }
  })

  it("close() releases the store once; later calls reject with ClientClosed", async () => {
    let released = 0
    const tracked = Layer.merge(
      StoreMemory.layer(),
      Layer.effectDiscard(Effect.acquireRelease(Effect.void, () => Effect.sync(() => released++)))
    )
    const danvan = await Danvan.open(tracked)
    expect(released).toBe(0)
    await danvan.close()
    await danvan.close()
    expect(released).toBe(1)
    const error = await rejection(danvan.directivesInForce({ on: "2017-06-30" }))
    expect(error).toBeInstanceOf(Danvan.ClientClosed)
    expect((error as Danvan.ClientClosed).operation).toBe("directivesInForce")
  })

  it("checks the policy given to open, and rejects a malformed one with InvalidInput", async () => {
    // A province where district leaders may also draft: the default refuses, this one allows.
    const lenient: Policy.Policy = {
      ...Policy.defaults,
      roles: {
        ...Policy.defaults.roles,
        leader: [...(Policy.defaults.roles.leader ?? []), "models.register"]
      }
    }
    const clock = { now: new Date("2017-03-01T02:00:00.000Z") }
    const strict = await setUp(clock)
    const registration = {
      unitId: district,
      phaseId: "2016-2020",
      fieldId: "economy",
      registeredOn: "2017-03-01",
      content: { name: "Mô hình của huyện" }
    }
    try {
      const refused = await rejection(strict.registerModel(districtLeader, registration))
      expect(refused).toMatchObject({ _tag: "NotPermitted", permission: "models.register", role: "leader" })
    } finally {
      await strict.close()
    }
    const layer = StoreMemory.layer()
    const seeded = await Danvan.open(layer, { now: () => clock.now, policy: lenient })
    try {
      await seeded.importUnits(admin, {
        units: [
          unit(province, "province", "Ninh Bình", "37"),
          unit(district, "ruralDistrict", "Hoa Lư", "374", province)
        ],
        successions: []
      })
      for (const field of ModelField.defaults) await seeded.putField(admin, field)
      expect((await seeded.registerModel(districtLeader, registration)).unitId).toBe(district)
    } finally {
      await seeded.close()
    }
    for (const policy of [
      { ...Policy.defaults, roles: { leader: ["reports.delete"] } },
      { roles: {} },
      null
    ]) {
      const error = await rejection(Danvan.open(StoreMemory.layer(), { policy: policy as never }))
      expect(error).toMatchObject({ _tag: "InvalidInput" })
    }
  })

  it("rejects at open with the store's error when the store cannot be opened", async () => {
    const error = await rejection(
      Danvan.open(StoreMemory.layer({ initial: { units: "not a table" } as never }))
    )
    expect(error).toBeInstanceOf(StoreError.StoreCorrupt)
  })
})
