/**
 * Issue 13: every way round the rules an adversarial review found, tried again through the use
 * cases. Each test is named after the bypass it closes and asserts the typed error, and that
 * nothing was written. The suite runs on the in-memory store and on SQLite.
 */
import {
  Audit,
  AuditLog,
  Configuration,
  Directives,
  Ids,
  ModelRepository,
  Models,
  Policy,
  ReferenceData,
  Report,
  ReportRepository,
  Reports,
  type Store,
  type StoreError,
  Timestamp,
  UnitRepository,
  Units
} from "@danvan/core"
import { StoreMemory } from "@danvan/store-memory"
import { StoreSqlite } from "@danvan/store-sql/sqlite"
import { describe, expect, it } from "@effect/vitest"
import { Clock, Effect, type Layer } from "effect"
import { TestClock } from "effect/testing"
import { admin, dvkContent, ids, leader, officer, person, reform, seedWorld } from "./support/world.ts"

/** Sets the clock to a moment given in Vietnam's time (UTC+7). */
const at = (local: string) => TestClock.setTime(Date.parse(`${local}+07:00`))

const auditCount = Effect.flatMap(AuditLog, (log) => Effect.map(log.list({}), (p) => p.items.length))

const plan = (id: string, replaces: ReadonlyArray<string> = []) => ({
  id,
  number: {
    _tag: "Party" as const,
    number: Number(id.replace(/\D/g, "")) || 1,
    typeCode: "KH",
    issuer: "TU"
  },
  issuedBy: { _tag: "Unit" as const, unitId: ids.province, body: "partyCommittee" as const },
  title: `Kế hoạch ${id}`,
  programme: "DVK" as const,
  issuedOn: "2026-02-02",
  effectiveFrom: "2026-02-02",
  replaces,
  tasks: []
})

const stores: ReadonlyArray<readonly [string, () => Layer.Layer<Store.Store, StoreError.StoreFailure>]> = [
  ["in memory", () => StoreMemory.layer()],
  ["SQLite", () => StoreSqlite.layer({ filename: ":memory:" })]
]

for (const [storeName, store] of stores) {
  describe(`bypasses of issue 13, refused (${storeName})`, () => {
    const run = <A, E>(effect: Effect.Effect<A, E, Store.Store>) =>
      Effect.gen(function* () {
        yield* at("2026-01-05T08:00:00")
        yield* seedWorld
        return yield* effect
      }).pipe(Effect.provide(store()))

    it.effect(
      "any actor can import units and successions: a commune cannot claim another commune's history",
      () =>
        run(
          Effect.gen(function* () {
            const before = yield* auditCount
            // The new commune "records" that Trường Yên merged into it, then would read its records.
            const claim = {
              units: [],
              successions: [
                {
                  id: "s-claim",
                  kind: "merge" as const,
                  effectiveDate: reform,
                  predecessorId: ids.truongYen,
                  successorId: ids.newCommune,
                  carriesHistory: false,
                  version: 0
                }
              ]
            }
            for (const actor of [admin(ids.newCommune), officer(ids.newCommune), leader(ids.newCommune)]) {
              const refused = yield* Effect.flip(Units.importUnits(actor, claim))
              expect(refused._tag, actor.role).toBe(
                actor.role === "administrator" ? "OutsideJurisdiction" : "NotPermitted"
              )
              if (refused._tag === "OutsideJurisdiction") {
                expect(refused.rule).toBe("aboveAffectedUnits")
                expect(refused.unitId).toBe(ids.truongYen)
              }
            }
            // A unit of another province is no more the province's to add.
            const foreign = yield* Effect.flip(
              Units.importUnits(admin(ids.province), {
                units: [
                  {
                    id: "vn-13661",
                    type: "commune",
                    name: "Nam Thanh",
                    code: "13661",
                    validFrom: "2020-01-01",
                    parents: [{ parentId: ids.otherProvince, from: "2020-01-01" }],
                    version: 0
                  }
                ],
                successions: []
              })
            )
            expect(foreign).toMatchObject({ _tag: "OutsideJurisdiction", rule: "aboveAffectedUnits" })
            expect(
              yield* (yield* UnitRepository).successions({ predecessorId: Ids.UnitId.make(ids.truongYen) })
            ).toEqual([])
            expect(yield* auditCount).toBe(before)
            // The province's administrator adds what is the province's to add.
            const { units } = yield* Units.importUnits(admin(ids.province), {
              units: [
                {
                  id: "vn-14533-htx",
                  type: "enterprise",
                  name: "Hợp tác xã Trường Yên",
                  validFrom: "2026-01-01",
                  parents: [{ parentId: ids.truongYen, from: "2026-01-01" }],
                  version: 0
                }
              ],
              successions: []
            })
            expect(units.map((u) => u.id)).toEqual(["vn-14533-htx"])
          })
        )
    )

    it.effect("any actor can change reference data: a commune cannot move the reporting deadlines", () =>
      run(
        Effect.gen(function* () {
          const reference = yield* ReferenceData
          const regime = yield* reference.regime(Ids.RegimeId.make("party-calendar-months"))
          const lenient = {
            ...regime,
            deadlines: { grassroots: 60, commune: 60, district: 60, province: 60 }
          }
          const byOfficer = yield* Effect.flip(Configuration.putRegime(officer(ids.truongYen), lenient))
          expect(byOfficer).toMatchObject({ _tag: "NotPermitted", permission: "referenceData.maintain" })
          const byCommuneAdmin = yield* Effect.flip(Configuration.putRegime(admin(ids.truongYen), lenient))
          expect(byCommuneAdmin).toMatchObject({ _tag: "OutsideJurisdiction", rule: "referenceDataLevel" })
          const fields = yield* Effect.flip(
            Configuration.putField(admin(ids.truongYen), {
              id: "tourism",
              name: "Du lịch",
              order: 9,
              version: 0
            })
          )
          expect(fields._tag).toBe("OutsideJurisdiction")
          expect((yield* reference.regime(regime.id)).deadlines.commune).toBe(3)
          // The province's administrator may.
          const changed = yield* Configuration.putRegime(admin(ids.province), {
            ...regime,
            deadlines: { ...regime.deadlines, province: 8 }
          })
          expect(changed.version).toBe(regime.version + 1)
        })
      )
    )

    it.effect(
      "a commune registers a directive as if the province issued it: refused, the province's number stays free",
      () =>
        run(
          Effect.gen(function* () {
            const before = yield* auditCount
            const squat = yield* Effect.flip(
              Directives.registerDirective(officer(ids.truongYen), plan("kh-30"))
            )
            expect(squat).toMatchObject({
              _tag: "OutsideJurisdiction",
              rule: "withinJurisdiction",
              unitId: ids.province
            })
            expect(yield* auditCount).toBe(before)
            yield* Directives.registerDirective(officer(ids.province), plan("kh-30"))
          })
        )
    )

    it.effect(
      "a commune registered a directive that replaces the province's plan: refused, the plan stays in force",
      () =>
        run(
          Effect.gen(function* () {
            yield* Directives.registerDirective(officer(ids.province), plan("kh-20"))
            const before = yield* auditCount
            const fake = yield* Effect.flip(
              Directives.registerDirective(officer(ids.truongYen), {
                ...plan("kh-21", ["kh-20"]),
                number: { _tag: "Party", number: 21, typeCode: "KH", issuer: "ĐU" },
                issuedBy: { _tag: "Unit", unitId: ids.truongYen, body: "partyCommittee" }
              })
            )
            expect(fake).toMatchObject({
              _tag: "OutsideJurisdiction",
              rule: "registeringUnit",
              unitId: ids.province
            })
            expect((yield* Directives.directivesInForce({ on: "2026-03-01" })).map((d) => d.id)).toEqual([
              "kh-20"
            ])
            expect(yield* auditCount).toBe(before)
            // A unit that ended registers nothing; the province replaces its own plan.
            const ended = yield* Effect.flip(
              Directives.registerDirective(officer(ids.giaVien), plan("kh-22"))
            )
            expect(ended).toMatchObject({ _tag: "OutsideJurisdiction", rule: "activeUnit" })
            yield* Directives.registerDirective(officer(ids.province), plan("kh-23", ["kh-20"]))
            expect((yield* Directives.directivesInForce({ on: "2026-03-01" })).map((d) => d.id)).toEqual([
              "kh-23"
            ])
          })
        )
    )

    it.effect("the unit carrying a merged commune's history assesses that commune's models: refused", () =>
      run(
        Effect.gen(function* () {
          // Gia Hòa registered a model in 2024 and merged into Gia Viễn commune on 01/07/2025.
          yield* at("2024-03-01T08:00:00")
          const model = yield* Models.registerModel(officer(ids.giaHoa), {
            id: "m-gia-hoa",
            unitId: ids.giaHoa,
            phaseId: "2021-2025",
            fieldId: "economy",
            registeredOn: "2024-03-01",
            content: { name: "Mô hình của xã Gia Hòa" }
          })
          const started = yield* Models.startModel(officer(ids.giaHoa), {
            modelId: model.id,
            version: model.version,
            on: "2024-04-01"
          })
          yield* at("2026-01-05T08:00:00")
          const ref = { modelId: model.id, version: started.version, on: "2026-01-05" }
          const carrier = yield* Effect.flip(
            Models.evaluateModel(leader(ids.newCommune), { ...ref, rating: "excellent" })
          )
          expect(carrier).toMatchObject({ _tag: "OutsideJurisdiction", rule: "historyCarrier" })
          // The carrier reads it, the province above it assesses it.
          expect((yield* Models.model(officer(ids.newCommune), { modelId: model.id })).status).toBe(
            "inProgress"
          )
          const rated = yield* Models.evaluateModel(leader(ids.province), { ...ref, rating: "good" })
          expect(rated.events.at(-1)).toMatchObject({ _tag: "Evaluated", by: { unitId: ids.province } })
        })
      )
    )

    it.effect(
      "an actor of a commune that ceased to exist cannot create or submit a report for a later period",
      () =>
        run(
          Effect.gen(function* () {
            const gone = officer(ids.giaHoa)
            const create = yield* Effect.flip(
              Reports.createReport(gone, {
                unitId: ids.giaHoa,
                programme: "DVK",
                periodId: "2026S1",
                regimeId: "party-calendar-months"
              })
            )
            expect(create).toMatchObject({ _tag: "UnitNotInPeriod", unitId: ids.giaHoa, validUntil: reform })
            // A 2026 report stored by other means (an import, an old client) cannot be submitted either.
            const stamp = { at: Timestamp.fromDate(new Date("2025-06-20T01:00:00Z")), by: gone }
            yield* (yield* ReportRepository).insert(
              new Report.Report({
                id: Ids.ReportId.make("r-ghost"),
                unitId: Ids.UnitId.make(ids.giaHoa),
                programme: "DVK",
                periodId: "2026S1" as never,
                regimeId: Ids.RegimeId.make("party-calendar-months"),
                status: "draft",
                content: new Report.ReportContent(dvkContent(1)),
                revision: 0,
                events: [{ _tag: "Created", ...stamp }],
                version: 0
              } as never)
            )
            const stored = yield* (yield* ReportRepository).get(Ids.ReportId.make("r-ghost"))
            const submit = yield* Effect.flip(
              Reports.submitReport(gone, { reportId: "r-ghost", version: stored.version })
            )
            expect(submit._tag).toBe("UnitNotInPeriod")
            expect((yield* (yield* ReportRepository).get(stored.id)).status).toBe("draft")
            // Its report of the first half of 2025, when it still existed, is accepted.
            yield* at("2025-07-02T08:00:00")
            const late = yield* Reports.createReport(gone, {
              unitId: ids.giaHoa,
              programme: "DVK",
              periodId: "2025S1",
              regimeId: "party-calendar-months",
              content: dvkContent(2)
            })
            const submitted = yield* Reports.submitReport(gone, { reportId: late.id, version: late.version })
            expect(submitted.report.status).toBe("submitted")
            // Its parent on its last day, Gia Viễn district, no longer exists and nobody carries its
            // history: the report goes up to the province.
            const ref = { reportId: late.id, version: submitted.report.version }
            expect((yield* Effect.flip(Reports.approveReport(leader(ids.giaVien), ref)))._tag).toBe(
              "NotFound"
            )
            expect((yield* Reports.approveReport(leader(ids.province), ref)).status).toBe("approved")
          })
        )
    )

    it.effect(
      "the same person acting for a commune and for its district submits and then approves the same report: refused",
      () =>
        run(
          Effect.gen(function* () {
            yield* at("2025-03-03T08:00:00")
            const both = { personId: "p-nguyen-van-an", name: "Nguyễn Văn An" }
            const asCommune = { ...both, unitId: ids.truongYen, role: "officer" }
            const asDistrict = { ...both, unitId: ids.hoaLu, role: "leader" }
            const draft = yield* Reports.createReport(asCommune, {
              unitId: ids.truongYen,
              programme: "DVK",
              periodId: "2025Q1",
              regimeId: "party-calendar-months",
              content: dvkContent(3)
            })
            yield* at("2025-04-02T08:00:00")
            const { report } = yield* Reports.submitReport(asCommune, {
              reportId: draft.id,
              version: draft.version
            })
            const refused = yield* Effect.flip(
              Reports.approveReport(asDistrict, { reportId: draft.id, version: report.version })
            )
            expect(refused).toMatchObject({ _tag: "SeparationOfDuties", reportId: draft.id, revision: 1 })
            expect((yield* (yield* ReportRepository).get(draft.id)).status).toBe("submitted")
            // Another person of the district approves it; an app may also turn the rule off.
            const lenient = Reports.approveReport(asDistrict, {
              reportId: draft.id,
              version: report.version
            }).pipe(
              Effect.provideService(Policy.CurrentPolicy, { ...Policy.defaults, separationOfDuties: false })
            )
            expect((yield* lenient).status).toBe("approved")
          })
        )
    )

    it.effect(
      "editReport takes no expected version: a save based on a stale version is a VersionConflict",
      () =>
        run(
          Effect.gen(function* () {
            const draft = yield* Reports.createReport(officer(ids.truongYen), {
              unitId: ids.truongYen,
              programme: "DVK",
              periodId: "2025S2",
              regimeId: "party-calendar-months",
              content: dvkContent(1, "bản đầu")
            })
            const first = yield* Reports.editReport(officer(ids.truongYen), {
              reportId: draft.id,
              version: draft.version,
              content: dvkContent(2, "cán bộ A")
            })
            const second = yield* Effect.flip(
              Reports.editReport(person(ids.truongYen, "Cán bộ B", "officer"), {
                reportId: draft.id,
                version: draft.version,
                content: dvkContent(3, "cán bộ B")
              })
            )
            expect(second).toMatchObject({
              _tag: "VersionConflict",
              expected: draft.version,
              actual: first.version
            })
            const stored = yield* (yield* ReportRepository).get(draft.id)
            expect(stored.content.achievements).toBe("cán bộ A")
            expect(stored.version).toBe(first.version)
          })
        )
    )

    it.effect("a malformed actor throws an untyped exception: every malformed actor is an InvalidInput", () =>
      run(
        Effect.gen(function* () {
          const good = officer(ids.truongYen)
          const { role: _role, ...noRole } = good
          const malformed: ReadonlyArray<unknown> = [
            null,
            undefined,
            "vn-14533",
            42,
            [],
            {},
            noRole,
            { ...good, name: "" },
            { ...good, name: "   " },
            { ...good, name: "A".repeat(10_000) },
            { ...good, unitId: "" },
            { ...good, unitId: "có dấu cách" },
            { ...good, personId: null },
            { ...good, role: "" },
            { ...good, role: "Cán bộ" },
            { ...good, role: 7 }
          ]
          const before = yield* auditCount
          for (const actor of malformed) {
            const error = yield* Effect.flip(
              Reports.createReport(actor as never, {
                unitId: ids.truongYen,
                programme: "DVK",
                periodId: "2025S2",
                regimeId: "party-calendar-months"
              })
            )
            expect(error._tag, JSON.stringify(actor)?.slice(0, 60)).toBe("InvalidInput")
            expect(error.message).toContain("createReport (the actor)")
            const read = yield* Effect.flip(Audit.auditTrail(actor as never))
            expect(read._tag).toBe("InvalidInput")
          }
          // A role the policy does not define is not an error of form: it is not permitted.
          const unknownRole = yield* Effect.flip(Reports.reports({ ...good, role: "inspector" }))
          expect(unknownRole).toMatchObject({ _tag: "NotPermitted", role: "inspector" })
          expect(yield* auditCount).toBe(before)
        })
      )
    )

    it.effect("a clock returning an invalid date throws an untyped exception: it is an InvalidInput", () =>
      run(
        Effect.gen(function* () {
          const clockAt = (millis: number): Clock.Clock => ({
            ...Clock.Clock.defaultValue(),
            currentTimeMillisUnsafe: () => millis,
            currentTimeMillis: Effect.sync(() => millis)
          })
          const before = yield* auditCount
          for (const millis of [
            Number.NaN,
            Number.POSITIVE_INFINITY,
            8.64e15 + 1,
            Date.parse("10000-01-01T00:00:00Z"),
            -7e13
          ]) {
            const error = yield* Effect.flip(
              Reports.createReport(officer(ids.truongYen), {
                unitId: ids.truongYen,
                programme: "DVK",
                periodId: "2025S2",
                regimeId: "party-calendar-months"
              }).pipe(Effect.provideService(Clock.Clock, clockAt(millis)))
            )
            expect(error._tag, String(millis)).toBe("InvalidInput")
            expect(error.message).toContain("the clock gives")
          }
          expect(yield* auditCount).toBe(before)
        })
      )
    )

    it.effect(
      'outside a jurisdiction, OutsideJurisdiction answered "it exists": an existing record reads as a missing one',
      () =>
        run(
          Effect.gen(function* () {
            const draft = yield* Reports.createReport(officer(ids.truongYen), {
              id: "r-truong-yen",
              unitId: ids.truongYen,
              programme: "DVK",
              periodId: "2025S2",
              regimeId: "party-calendar-months"
            })
            const outsider = leader(ids.namPhong)
            const tries = (reportId: string) =>
              Effect.all([
                Effect.flip(Reports.report(outsider, { reportId })),
                Effect.flip(Reports.reportHistory(outsider, { reportId })),
                Effect.flip(Reports.approveReport(outsider, { reportId, version: draft.version })),
                Effect.flip(
                  Reports.returnReport(outsider, { reportId, version: draft.version, reason: "x" })
                ),
                Effect.flip(Reports.reportRevision(outsider, { reportId, revision: 1 }))
              ])
            const existing = yield* tries(draft.id)
            const missing = yield* tries("r-no-such-report")
            for (const [i, e] of existing.entries()) {
              expect(e).toMatchObject({ _tag: "NotFound", entity: "report", id: draft.id })
              // The same answer, word for word, as for a report that does not exist.
              expect(e.message.replace(draft.id, "ID")).toBe(
                missing[i]?.message.replace("r-no-such-report", "ID")
              )
            }
            // The other province's audit trail and reports are refused by the unit they name, which
            // is public: that says nothing about any record.
            const trail = yield* Effect.flip(
              Audit.auditTrail(outsider, { actorUnitId: Ids.UnitId.make(ids.truongYen) })
            )
            expect(trail).toMatchObject({ _tag: "OutsideJurisdiction", rule: "withinJurisdiction" })
            expect((yield* (yield* ModelRepository).list({})).items).toEqual([])
          })
        )
    )
  })
}
