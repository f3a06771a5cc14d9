/**
 * The consumer check's end-to-end script: what a provincial team's first app does, written against
 * the packed packages as a user installs them (the consumer check copies this file into a fresh app
 * outside the workspace, type-checks it, compiles it and runs it).
 *
 *   DANVAN_STORE=sqlite:data/danvan.db node e2e.js effect
 *   DANVAN_STORE=postgres://user@host:5432/db node e2e.js promise
 *
 * The store comes from the environment (`StoreSql.layerConfig`, which loads only the driver the
 * location needs). The story, once with the Effect API and once with the Promise facade: configure
 * the model fields and the Party reporting regime; import Ninh Bình's units from the statistics
 * office's CSV; compose the province's DVK steering committee; register models in two communes;
 * the communes report their first six months of 2017 and the district approves them; the province
 * consolidates. Everything happens on 05/07/2017 (the use cases' clock), when districts existed. It prints one line per step and exits non-zero if any figure is not the expected
 * one. The two APIs share the data below and differ only in how the steps are called.
 */
import {
  Actor,
  CalendarDate,
  Committees,
  Configuration,
  Consolidate,
  Danvan,
  Ids,
  ModelField,
  Models,
  Regime,
  Reports,
  UnitImport,
  Units
} from "@danvan/core"
import { StoreSql } from "@danvan/store-sql"
import { Clock, Effect, Result } from "effect"

// ---------------------------------------------------------------------------------------------
// the data, shared by both APIs
// ---------------------------------------------------------------------------------------------

/** Ninh Bình in the statistics office's CSV export (a few of its units, 2017). */
const csv = `Mã TP,Tỉnh / Thành Phố,Mã QH,Quận Huyện,Mã PX,Phường Xã,Cấp
37,Tỉnh Ninh Bình,374,Huyện Hoa Lư,14533,Xã Trường Yên,Xã
37,Tỉnh Ninh Bình,374,Huyện Hoa Lư,14536,Xã Ninh Giang,Xã
37,Tỉnh Ninh Bình,377,Huyện Yên Mô,14719,Xã Yên Phong,Xã
37,Tỉnh Ninh Bình,377,Huyện Yên Mô,14725,Xã Yên Thắng,Xã
`

const validFrom = "2016-01-01"
/** The story happens in July 2017: the use cases judge jurisdiction and deadlines on the day they run. */
const now = () => new Date("2017-07-05T02:00:00.000Z")
const id = (code: string) => `nb-${code}`
const province = id("37")
const yenMo = id("377")
const yenThang = id("14725")
const yenPhong = id("14719")

/** A person acting for a unit in one role (the default policy: `Policy.defaults`). */
const person = (unitId: string, name: string, role: string, personId = `p-${unitId}-${role}`) =>
  new Actor.Actor({ personId: Ids.PersonId.make(personId), name, unitId: Ids.UnitId.make(unitId), role })
/** The province's administrator keeps the unit list and the reference data. */
const admin = person(province, "Quản trị hệ thống", "administrator")
/** The province's officer composes its committee; its leader reads the consolidation. */
const provinceOfficer = person(province, "Văn phòng Ban Dân vận Tỉnh ủy", "officer")
const provinceLeader = person(province, "Trưởng Ban Dân vận Tỉnh ủy", "leader")
/** The district's leader reviews the communes' reports. */
const district = person(yenMo, "Ban Dân vận Huyện ủy Yên Mô", "leader")
const communes = [
  { officer: person(yenThang, "Cán bộ xã Yên Thắng", "officer"), unitId: yenThang, byField: [4, 3, 5, 2] },
  { officer: person(yenPhong, "Cán bộ xã Yên Phong", "officer"), unitId: yenPhong, byField: [2, 2, 1, 1] }
] as const

const importedUnits = () => {
  // Three-tier data: its districts end when the district level was abolished, on 01/07/2025.
  const result = UnitImport.fromStatisticsCsv(csv, {
    validFrom: CalendarDate.unsafeFromString(validFrom),
    validUntil: CalendarDate.unsafeFromString("2025-07-01"),
    idOf: (key) => id(key.code)
  })
  if (Result.isFailure(result)) throw result.failure
  if (result.success.rejected.length > 0)
    throw new Error(`rejected rows: ${JSON.stringify(result.success.rejected)}`)
  return { units: result.success.imported, successions: [] }
}

const committee = {
  id: "nb-bcd-dvk",
  unitId: province,
  name: "Ban Chỉ đạo phong trào thi đua “Dân vận khéo” tỉnh Ninh Bình",
  programmes: ["DVK"] as const,
  activeFrom: validFrom,
  memberships: [
    {
      personId: "nb-thanh",
      personName: "Nguyễn Tiến Thành",
      post: "head" as const,
      titles: ["Phó Bí thư"],
      from: validFrom
    },
    {
      personId: "nb-tuat",
      personName: "Mai Văn Tuất",
      post: "standingDeputy" as const,
      titles: [],
      from: validFrom
    }
  ]
}

const model = (unitId: string, name: string) => ({
  unitId,
  phaseId: "2016-2020",
  fieldId: "economy",
  registeredOn: "2017-03-01",
  content: { name }
})

const figures = (byField: ReadonlyArray<number>) => {
  const models = byField.reduce((a, b) => a + b, 0)
  return {
    _tag: "DVK" as const,
    models,
    byField: Object.fromEntries(ModelField.defaults.map((f, i) => [f.id, byField[i] ?? 0])),
    byStatus: {
      registered: 0,
      inProgress: models,
      evaluated: 0,
      commended: 0,
      replicated: 0,
      discontinued: 0
    },
    newModels: 0,
    effective: 3,
    commended: 0,
    replicated: 0,
    exemplaryCases: 0,
    extra: {}
  }
}

const report = (unitId: string, byField: ReadonlyArray<number>) => ({
  unitId,
  programme: "DVK" as const,
  periodId: "2017S1",
  regimeId: Regime.defaults.party.id,
  content: { figures: figures(byField), achievements: "", shortcomings: "", nextTasks: "" }
})

const consolidation = {
  rootId: province,
  periodId: "2017S1",
  programme: "DVK" as const,
  regimeId: Regime.defaults.party.id
}

/** The province's total: every commune's models, once. */
const expectedModels = communes.flatMap((c) => c.byField).reduce((a, b) => a + b, 0)

const say = (line: string) => process.stdout.write(`${line}\n`)

const check = (what: string, actual: unknown, expected: unknown) => {
  if (actual !== expected) throw new Error(`${what}: expected ${String(expected)}, got ${String(actual)}`)
  say(`  ✓ ${what}: ${String(actual)}`)
}

// ---------------------------------------------------------------------------------------------
// the story with the Effect API
// ---------------------------------------------------------------------------------------------

type StoreLayer = ReturnType<typeof StoreSql.layerConfig>

const withEffect = (store: StoreLayer) =>
  Effect.gen(function* () {
    // The province is stored first: the policy knows its level from the stored unit, and lets a
    // province's administrator keep reference data.
    const imported = yield* Units.importUnits(admin, importedUnits())
    check("units imported", imported.units.length, 7)
    for (const field of ModelField.defaults) yield* Configuration.putField(admin, field)
    yield* Configuration.putRegime(admin, Regime.defaults.party)
    const composed = yield* Committees.composeCommittee(provinceOfficer, committee)
    check("committee members", composed.memberships.length, 2)
    for (const c of communes)
      yield* Models.registerModel(c.officer, model(c.unitId, `Mô hình của ${c.officer.name}`))
    for (const c of communes) {
      const created = yield* Reports.createReport(c.officer, report(c.unitId, c.byField))
      const { report: submitted } = yield* Reports.submitReport(c.officer, {
        reportId: created.id,
        version: created.version
      })
      const approved = yield* Reports.approveReport(district, {
        reportId: created.id,
        version: submitted.version
      })
      check(`report of ${c.unitId} approved`, approved.status, "approved")
    }
    const result = yield* Consolidate.consolidateReport(provinceLeader, consolidation)
    check("models consolidated at the province", result.consolidation.totals.models, expectedModels)
    check("reports consolidated", result.consolidation.contributions.length, communes.length)
  }).pipe(Effect.provideService(Clock.Clock, Danvan.clockFrom(now)), Effect.provide(store))

// ---------------------------------------------------------------------------------------------
// the story with the Promise facade
// ---------------------------------------------------------------------------------------------

const withPromises = async (store: StoreLayer) => {
  const danvan = await Danvan.open(store, { now })
  try {
    const imported = await danvan.importUnits(admin, importedUnits())
    check("units imported", imported.units.length, 7)
    for (const field of ModelField.defaults) await danvan.putField(admin, field)
    await danvan.putRegime(admin, Regime.defaults.party)
    const composed = await danvan.as(provinceOfficer).composeCommittee(committee)
    check("committee members", composed.memberships.length, 2)
    for (const c of communes)
      await danvan.as(c.officer).registerModel(model(c.unitId, `Mô hình của ${c.officer.name}`))
    for (const c of communes) {
      const created = await danvan.as(c.officer).createReport(report(c.unitId, c.byField))
      const { report: submitted } = await danvan
        .as(c.officer)
        .submitReport({ reportId: created.id, version: created.version })
      const approved = await danvan
        .as(district)
        .approveReport({ reportId: created.id, version: submitted.version })
      check(`report of ${c.unitId} approved`, approved.status, "approved")
    }
    const listed = await danvan.as(provinceLeader).reports({ periodId: "2017S1", programme: "DVK" })
    check("reports the province reads back", listed.items.length, communes.length)
    const result = await danvan.as(provinceLeader).consolidateReport(consolidation)
    check("models consolidated at the province", result.consolidation.totals.models, expectedModels)
    check("reports consolidated", result.consolidation.contributions.length, communes.length)
  } finally {
    await danvan.close()
  }
}

const api = process.argv[2]
const store = StoreSql.layerConfig()
say(`e2e (${api} API) on ${process.env.DANVAN_STORE?.replace(/\/\/([^:@/]*):[^@/]*@/u, "//$1:***@")}`)
const done = api === "effect" ? Effect.runPromise(withEffect(store)) : withPromises(store)
done.then(
  () => say("e2e: passed"),
  (error: unknown) => {
    console.error("e2e: failed:", error)
    process.exitCode = 1
  }
)
