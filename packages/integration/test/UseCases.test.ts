/**
 * The use cases end to end over a real store. The suite takes a layer, so any adapter can run it;
 * it runs on the in-memory adapter and on SQLite.
 */
import {
  AuditLog,
  Audit as AuditUseCases,
  CalendarDate,
  CommitteeRepository,
  Committees,
  Configuration,
  Consolidate,
  Deadline,
  Directives,
  Ids,
  ModelField,
  ModelRepository,
  Models,
  Page,
  Period,
  Policy,
  ReferenceData,
  Regime,
  ReportRepository,
  Reports,
  Rollup,
  type SteeringCommittee,
  type Store,
  type StoreError,
  Unit,
  UnitRepository,
  Units,
  Validation,
  ValidationRule
} from "@danvan/core"
import { StoreMemory } from "@danvan/store-memory"
import { StoreSqlite } from "@danvan/store-sql/sqlite"
import { describe, expect, it } from "@effect/vitest"
import { Effect, type Layer, Option } from "effect"
import { TestClock } from "effect/testing"
import { committeeAt, dvkFigures, modelAt, person, reportAt } from "./support/world.ts"

const { ModelId, RegimeId, ReportId, UnitId, ValidationRuleId } = Ids
const { ParentLink } = Unit
type Post = SteeringCommittee.Post

// ---------------------------------------------------------------------------------------------
// Ninh Bình, 2017 (conference-2017-h1.en.md)
// ---------------------------------------------------------------------------------------------

const since = "2000-01-01" // illustrative: the units existed well before 2017
const twoTier = "2025-07-01" // districts end when the district level is abolished
const regime = Regime.defaults.party
const fieldIds = ModelField.defaults.map((f) => f.id)
const periodId = "2017S1"
const period = Period.halfYear(2017, 1)

/** The eight district-level units of 2017, with an illustrative split of the 1,952 models by field. */
const districts = [
  { code: "369", name: "Ninh Bình", type: "provincialCity", byField: [98, 72, 41, 57] },
  { code: "370", name: "Tam Điệp", type: "provincialCity", byField: [71, 52, 33, 40] },
  { code: "372", name: "Nho Quan", type: "ruralDistrict", byField: [121, 83, 46, 62] },
  { code: "373", name: "Gia Viễn", type: "ruralDistrict", byField: [90, 64, 38, 49] },
  { code: "374", name: "Hoa Lư", type: "ruralDistrict", byField: [69, 50, 29, 39] },
  { code: "375", name: "Yên Khánh", type: "ruralDistrict", byField: [97, 68, 39, 50] },
  { code: "376", name: "Kim Sơn", type: "ruralDistrict", byField: [108, 74, 44, 57] },
  { code: "377", name: "Yên Mô", type: "ruralDistrict", byField: [80, 57, 32, 42] }
] as const

const unitsInput: Units.ImportUnitsInput = {
  units: [
    {
      id: "vn-37",
      type: "province",
      name: "Ninh Bình",
      code: "37",
      validFrom: since,
      parents: [],
      version: 0
    },
    ...districts.map((d) => ({
      id: `vn-${d.code}`,
      type: d.type,
      name: d.name,
      code: d.code,
      validFrom: since,
      validUntil: twoTier,
      parents: [{ parentId: "vn-37", from: since, until: twoTier }],
      version: 0
    })),
    // Xã Gia Hòa, a commune of Gia Viễn.
    {
      id: "vn-14467",
      type: "commune",
      name: "Gia Hòa",
      code: "14467",
      validFrom: since,
      validUntil: twoTier,
      parents: [{ parentId: "vn-373", from: since, until: twoTier }],
      version: 0
    }
  ],
  successions: []
}

/** The province's officer (directives, committees), leader (reviews, assessments) and administrator. */
const province = person("vn-37", "Ban Dân vận Tỉnh ủy Ninh Bình", "officer")
const provinceLeader = person("vn-37", "Trưởng Ban Dân vận Tỉnh ủy Ninh Bình", "leader")
const provinceAdmin = person("vn-37", "Quản trị hệ thống tỉnh Ninh Bình", "administrator")
const district = (code: string) => person(`vn-${code}`, `Ban Dân vận ${code}`, "officer")
const districtLeader = (code: string) => person(`vn-${code}`, `Trưởng Ban Dân vận ${code}`, "leader")
const commune = person("vn-14467", "Đảng ủy xã Gia Hòa", "officer")

const sum = (xs: ReadonlyArray<number>) => xs.reduce((a, b) => a + b, 0)

const dvkContent = (byField: ReadonlyArray<number>, exemplaryCases = 2) => {
  const models = sum(byField)
  return {
    figures: dvkFigures(byField, {
      newModels: Math.floor(models / 10),
      effective: Math.floor(models / 2),
      commended: Math.floor(models / 20),
      replicated: Math.floor(models / 25),
      exemplaryCases
    }),
    achievements: "Các mô hình được triển khai đúng kế hoạch.",
    shortcomings: "",
    nextTasks: "Thực hiện Kế hoạch số 771-KH/BDVTƯ."
  }
}

/** A province's own check: at least 20 exemplary cases across the province (consolidated only). */
const exemplaryRule = new ValidationRule.ValidationRule({
  id: ValidationRuleId.make("nb-exemplary-cases"),
  name: "Ít nhất 20 điển hình toàn tỉnh",
  programme: "DVK",
  left: Validation.indicator("exemplaryCases"),
  operator: ">=",
  right: { terms: [], constant: 20 },
  importance: "medium",
  scope: "consolidated",
  version: 0
})

/** Sets the clock to a moment given in Vietnam's time (UTC+7). */
const at = (local: string) => TestClock.setTime(Date.parse(`${local}+07:00`))

const seed = Effect.gen(function* () {
  yield* at("2017-01-02T08:00:00")
  yield* Units.importUnits(provinceAdmin, unitsInput)
  const reference = yield* ReferenceData
  yield* reference.putRegime(regime)
  for (const f of ModelField.defaults) yield* reference.putField(f)
  for (const r of [...Validation.dvkRules(fieldIds), exemplaryRule]) yield* reference.putValidationRule(r)
})

const reportId = (code: string) => `dvk-2017S1-${code}`

const createAndSubmit = (code: string, byField: ReadonlyArray<number>, exemplaryCases = 2) =>
  Effect.gen(function* () {
    const a = district(code)
    const created = yield* Reports.createReport(a, {
      id: reportId(code),
      unitId: a.unitId,
      programme: "DVK",
      periodId,
      regimeId: regime.id,
      content: dvkContent(byField, exemplaryCases)
    })
    return yield* Reports.submitReport(a, { reportId: reportId(code), version: created.version })
  })

const suite = (name: string, store: () => Layer.Layer<Store.Store, StoreError.StoreFailure>) =>
  describe(name, () => {
    const run = <A, E>(effect: Effect.Effect<A, E, Store.Store>) => effect.pipe(Effect.provide(store()))

    it.effect("Ninh Bình, first half of 2017: 1,952 DVK models consolidated at the province", () =>
      run(
        Effect.gen(function* () {
          yield* seed
          const due = Deadline.deadline(regime, period, "district")
          // Seven districts submit on 3 July; Kim Sơn three days after its deadline.
          yield* at("2017-07-03T09:00:00")
          for (const d of districts) {
            if (d.code === "376") continue
            const { revision } = yield* createAndSubmit(d.code, d.byField, d.code === "372" ? 3 : 2)
            expect(revision.revision).toBe(1)
            expect(revision.onTime).toBe(true)
          }
          yield* at(`${CalendarDate.addDays(due, 3)}T10:00:00`)
          const late = yield* createAndSubmit("376", [108, 74, 44, 57])
          expect(late.revision.onTime).toBe(false)

          // Before any approval, nothing counts at the province (only approved reports do).
          const early = yield* Consolidate.consolidateReport(provinceLeader, {
            rootId: "vn-37",
            periodId,
            programme: "DVK",
            regimeId: regime.id
          })
          expect(early.asOf).toBe("2017-06-30")
          expect(early.consolidation.totals).toEqual({})

          yield* at("2017-07-14T15:00:00")
          for (const d of districts)
            yield* Reports.approveReport(provinceLeader, yield* reportAt(reportId(d.code)))
          const result = yield* Consolidate.consolidateReport(provinceLeader, {
            rootId: "vn-37",
            periodId,
            programme: "DVK",
            regimeId: regime.id
          })
          const totals = result.consolidation.totals
          expect(totals.models).toBe(1952)
          expect(totals["byField.economy"]).toBe(734)
          expect(totals["byField.culture-society"]).toBe(520)
          expect(totals["byField.security-defence"]).toBe(302)
          expect(totals["byField.political-system"]).toBe(396)
          expect(sum(fieldIds.map((f) => totals[`byField.${f}`] ?? 0))).toBe(1952)
          expect(totals["byStatus.inProgress"]).toBe(1952)
          expect(result.consolidation.contributions.map((c) => [c.unitId, c.status, c.revision])).toEqual(
            districts.map((d) => [`vn-${d.code}`, "approved", 1])
          )
          // The commune of Gia Hòa was expected to report and did not; Kim Sơn was late.
          expect(result.completeness).toEqual({
            expected: 9,
            missing: ["vn-14467"],
            late: ["vn-376"],
            onTime: districts.filter((d) => d.code !== "376").map((d) => `vn-${d.code}`)
          })
          // The store's rollup read gives what the reference semantics give over the same records.
          const unitRepo = yield* UnitRepository
          const reportRepo = yield* ReportRepository
          const records = {
            units: yield* Page.collect((page) => unitRepo.list({}, page)),
            successions: yield* unitRepo.successions({}),
            reports: yield* Page.collect((page) => reportRepo.list({}, page))
          }
          for (const rootId of ["vn-37", "vn-373", "vn-14467"].map((id) => UnitId.make(id))) {
            for (const statuses of [
              ["approved"],
              ["draft", "submitted", "returned", "approved", "reopened"]
            ] as const) {
              const query = {
                rootId,
                asOf: result.asOf,
                periodId: Period.id(period),
                programme: "DVK" as const,
                statuses
              }
              expect(yield* reportRepo.consolidate(query)).toEqual(
                Rollup.consolidate({ ...records, ...query })
              )
            }
          }
          const onlyDistricts = yield* Consolidate.consolidateReport(province, {
            rootId: "vn-37",
            periodId,
            programme: "DVK",
            regimeId: regime.id,
            levels: ["district"]
          })
          expect(onlyDistricts.completeness.missing).toEqual([])
          // 8 districts × 2 exemplary cases + 1 = 17 < 20: the province's own rule is broken.
          expect(Option.isNone(result.own)).toBe(true)
          expect(result.violations.own).toEqual([])
          expect(result.violations.consolidated.map((v) => [v.ruleId, v.left, v.right])).toEqual([
            ["nb-exemplary-cases", 17, 20]
          ])

          // Every approval is in the audit trail, attributed to the province.
          const trail = yield* AuditUseCases.auditTrail(provinceLeader, { subjectKind: "report" })
          const approvals = trail.items.filter((e) => e.action === "report.approved")
          expect(approvals.map((e) => e.subjectId).sort()).toEqual(
            districts.map((d) => reportId(d.code)).sort()
          )
          // Each entry names the person, the unit and the role they acted in, on every store.
          for (const e of approvals) expect({ ...e.actor }).toEqual(provinceLeader)
          expect(approvals[0]?.at).toBe("2017-07-14T08:00:00.000Z")
        })
      )
    )

    it.effect(
      "a district of 1,250 communes: completeness judges every expected unit, as the reference semantics over every record",
      () =>
        run(
          Effect.gen(function* () {
            yield* seed
            const communes = Array.from({ length: 1250 }, (_, i) => `vn-c${String(i + 1).padStart(4, "0")}`)
            yield* Units.importUnits(provinceAdmin, {
              units: communes.map((id, i) => ({
                id,
                type: "commune" as const,
                name: `Xã số ${i + 1}`,
                code: String(20_001 + i),
                validFrom: since,
                validUntil: twoTier,
                parents: [{ parentId: "vn-373", from: since, until: twoTier }],
                version: 0
              })),
              successions: []
            })
            // Every third commune submits (the 1,250th among them, past the first read of 1,000).
            const submitting = communes.filter((_, i) => i % 3 === 0 || i === 1249)
            yield* at("2017-07-03T09:00:00")
            for (const id of submitting) {
              const officer = person(id, `Đảng ủy ${id}`, "officer")
              const created = yield* Reports.createReport(officer, {
                unitId: id,
                programme: "DVK",
                periodId,
                regimeId: regime.id,
                content: dvkContent([1, 0, 0, 0], 0)
              })
              yield* Reports.submitReport(officer, { reportId: created.id, version: created.version })
            }
            const result = yield* Consolidate.consolidateReport(provinceLeader, {
              rootId: "vn-37",
              periodId,
              programme: "DVK",
              regimeId: regime.id,
              statuses: ["submitted"]
            })
            const expected = 8 + 1 + communes.length
            expect(result.completeness.expected).toBe(expected)
            expect(result.completeness.late.length + result.completeness.onTime.length).toBe(
              submitting.length
            )
            expect(result.completeness.missing.length).toBe(expected - submitting.length)
            expect(result.completeness.missing).not.toContain("vn-c1250")
            expect(result.completeness.missing).toContain("vn-c1248")
            expect(result.consolidation.totals.models).toBe(submitting.length)
            // The same as the reference semantics over every record of the store.
            const unitRepo = yield* UnitRepository
            const reportRepo = yield* ReportRepository
            const units = yield* Page.collect((page) => unitRepo.list({}, page))
            const reports = yield* Page.collect((page) => reportRepo.list({}, page))
            expect(result.completeness).toEqual(
              Rollup.completeness({
                expected: units.filter((u) => u.id !== "vn-37"),
                reports,
                regime,
                period,
                programme: "DVK"
              })
            )
            // The whole country in one pass: the province is its only top-level unit.
            const country = yield* reportRepo.consolidateMany({
              asOf: result.asOf,
              periodId: Period.id(period),
              programme: "DVK",
              statuses: ["submitted"]
            })
            expect(country).toEqual([{ rootId: "vn-37", consolidation: result.consolidation }])
          })
        ),
      120_000
    )

    it.effect(
      "a reopened report leaves the consolidation until approved again; every revision stays readable",
      () =>
        run(
          Effect.gen(function* () {
            yield* seed
            yield* at("2017-07-03T09:00:00")
            yield* createAndSubmit("373", [90, 64, 38, 49])
            yield* createAndSubmit("374", [69, 50, 29, 39])
            yield* Reports.approveReport(provinceLeader, yield* reportAt(reportId("373")))
            yield* Reports.approveReport(provinceLeader, yield* reportAt(reportId("374")))
            const query = { rootId: "vn-37", periodId, programme: "DVK" as const, regimeId: regime.id }
            expect((yield* Consolidate.consolidateReport(province, query)).consolidation.totals.models).toBe(
              428
            )

            yield* at("2017-07-20T09:00:00")
            const reopened = yield* Reports.reopenReport(provinceLeader, {
              ...(yield* reportAt(reportId("373"))),
              reason: "Bổ sung mô hình lĩnh vực kinh tế"
            })
            expect(reopened.status).toBe("reopened")
            expect((yield* Consolidate.consolidateReport(province, query)).consolidation.totals.models).toBe(
              187
            )
            const edited = yield* Reports.editReport(district("373"), {
              reportId: reportId("373"),
              version: reopened.version,
              content: dvkContent([95, 64, 38, 49])
            })
            const second = yield* Reports.submitReport(district("373"), {
              reportId: reportId("373"),
              version: edited.version
            })
            expect(second.revision.revision).toBe(2)
            yield* Reports.approveReport(provinceLeader, {
              reportId: reportId("373"),
              version: second.report.version
            })
            expect((yield* Consolidate.consolidateReport(province, query)).consolidation.totals.models).toBe(
              433
            )

            const history = yield* Reports.reportHistory(province, { reportId: reportId("373") })
            expect(
              history.revisions.map((r) => [
                r.revision,
                r.content.figures._tag === "DVK" && r.content.figures.models
              ])
            ).toEqual([
              [1, 241],
              [2, 246]
            ])
            expect(history.report.events.map((e) => e._tag)).toEqual([
              "Created",
              "Submitted",
              "Approved",
              "Reopened",
              "Edited",
              "Submitted",
              "Approved"
            ])
            // Every step is stamped with the person, the unit and the role it was taken in.
            expect(history.report.events.map((e) => `${e._tag}:${e.by.role}`)).toEqual([
              "Created:officer",
              "Submitted:officer",
              "Approved:leader",
              "Reopened:leader",
              "Edited:officer",
              "Submitted:officer",
              "Approved:leader"
            ])
            expect(history.revisions.map((r) => r.submittedBy.role)).toEqual(["officer", "officer"])
            // The district reads its own history; to another district it does not exist.
            yield* Reports.reportHistory(district("373"), { reportId: reportId("373") })
            const refused = yield* Effect.flip(
              Reports.reportHistory(district("374"), { reportId: reportId("373") })
            )
            expect(refused).toMatchObject({ _tag: "NotFound", entity: "report", id: reportId("373") })
          })
        )
    )

    it.effect("jurisdiction: submit own, review directly below, read within; refusals change nothing", () =>
      run(
        Effect.gen(function* () {
          yield* seed
          yield* at("2017-07-03T09:00:00")
          // The province cannot create or submit a district's report.
          const notOwn = yield* Effect.flip(
            Reports.createReport(province, {
              unitId: "vn-373",
              programme: "DVK",
              periodId,
              regimeId: regime.id
            })
          )
          expect(notOwn._tag).toBe("OutsideJurisdiction")
          if (notOwn._tag === "OutsideJurisdiction") {
            expect(notOwn.rule).toBe("ownUnit")
            expect(notOwn.message).toContain('unit "vn-373"')
          }
          // The commune reports to Gia Viễn, not to the province.
          const draft = yield* Reports.createReport(commune, {
            id: "dvk-2017S1-14467",
            unitId: "vn-14467",
            programme: "DVK",
            periodId,
            regimeId: regime.id
          })
          expect(draft.content.figures).toMatchObject({ _tag: "DVK", models: 0 })
          expect(
            Object.keys(draft.content.figures._tag === "DVK" ? draft.content.figures.byField : {})
          ).toEqual(fieldIds)
          const submitted = yield* Reports.submitReport(commune, {
            reportId: "dvk-2017S1-14467",
            version: draft.version
          })
          const step = { reportId: "dvk-2017S1-14467", version: submitted.report.version }
          const byProvince = yield* Effect.flip(Reports.approveReport(provinceLeader, step))
          expect(byProvince).toMatchObject({ _tag: "OutsideJurisdiction", rule: "directlyBelow" })
          // Another district cannot even see it.
          const byNeighbour = yield* Effect.flip(
            Reports.returnReport(districtLeader("374"), { ...step, reason: "Sai" })
          )
          expect(byNeighbour._tag).toBe("NotFound")
          // Gia Viễn's officer may draft, not review.
          const byOfficer = yield* Effect.flip(
            Reports.returnReport(district("373"), { ...step, reason: "Sai" })
          )
          expect(byOfficer).toMatchObject({ _tag: "NotPermitted", permission: "reports.review" })
          const noReason = yield* Effect.flip(
            Reports.returnReport(districtLeader("373"), { ...step, reason: " " })
          )
          expect(noReason._tag).toBe("ReasonRequired")
          const stillSubmitted = yield* (yield* ReportRepository).get(ReportId.make("dvk-2017S1-14467"))
          expect(stillSubmitted.status).toBe("submitted")
          const returned = yield* Reports.returnReport(districtLeader("373"), {
            ...step,
            reason: "Chưa có số liệu"
          })
          expect(returned.status).toBe("returned")
          const again = yield* Effect.flip(
            Reports.returnReport(districtLeader("373"), {
              reportId: "dvk-2017S1-14467",
              version: returned.version,
              reason: "Lần nữa"
            })
          )
          expect(again._tag).toBe("InvalidReportTransition")
          // Reading: Gia Viễn may consolidate at itself, not at the province.
          const q = { periodId, programme: "DVK" as const, regimeId: regime.id }
          yield* Consolidate.consolidateReport(district("373"), { ...q, rootId: "vn-373" })
          const up = yield* Effect.flip(
            Consolidate.consolidateReport(district("373"), { ...q, rootId: "vn-37" })
          )
          expect(up._tag).toBe("OutsideJurisdiction")
          // The audit trail of the province is not Gia Viễn's to read; Gia Viễn's is the province's.
          const trail = yield* Effect.flip(
            AuditUseCases.auditTrail(district("373"), { actorUnitId: UnitId.make("vn-37") })
          )
          expect(trail._tag).toBe("OutsideJurisdiction")
          const own = yield* AuditUseCases.auditTrail(provinceLeader, { actorUnitId: UnitId.make("vn-373") })
          expect(own.items.map((e) => e.action)).toEqual(["report.returned"])
          expect(own.items[0]?.summary).toContain("Chưa có số liệu")
        })
      )
    )

    it.effect("bad input is a typed error, and a failed use case writes nothing", () =>
      run(
        Effect.gen(function* () {
          yield* seed
          yield* at("2017-07-03T09:00:00")
          const badPeriod = yield* Effect.flip(
            Reports.createReport(district("373"), {
              unitId: "vn-373",
              programme: "DVK",
              periodId: "2017S3",
              regimeId: regime.id
            })
          )
          expect(badPeriod._tag).toBe("InvalidInput")
          expect(badPeriod.message).toContain("createReport")
          const noRegime = yield* Effect.flip(
            Reports.createReport(district("373"), {
              unitId: "vn-373",
              programme: "DVK",
              periodId,
              regimeId: "nope"
            })
          )
          expect(noRegime._tag).toBe("NotFound")
          // Inconsistent figures are refused at submission, every problem listed.
          const created = yield* Reports.createReport(district("373"), {
            id: reportId("373"),
            unitId: "vn-373",
            programme: "DVK",
            periodId,
            regimeId: regime.id,
            content: {
              ...dvkContent([1, 1, 1, 1]),
              figures: { ...dvkContent([1, 1, 1, 1]).figures, models: 5, commended: 3, effective: 2 }
            }
          })
          const inconsistent = yield* Effect.flip(
            Reports.submitReport(district("373"), { reportId: reportId("373"), version: created.version })
          )
          expect(inconsistent._tag).toBe("InconsistentFigures")
          if (inconsistent._tag === "InconsistentFigures") expect(inconsistent.violations.length).toBe(3)
          expect(yield* (yield* ReportRepository).revisions(ReportId.make(reportId("373")))).toEqual([])

          // A district level valid after 01/07/2025 is refused with the whole import.
          const audit = yield* AuditLog
          const before = (yield* audit.list({})).items.length
          const invalid = yield* Effect.flip(
            Units.importUnits(provinceAdmin, {
              units: [
                {
                  id: "vn-999",
                  type: "ruralDistrict",
                  name: "Thử",
                  code: "999",
                  validFrom: since,
                  parents: [{ parentId: "vn-37", from: since }],
                  version: 0
                },
                {
                  id: "vn-99999",
                  type: "commune",
                  name: "Thử",
                  code: "99999",
                  validFrom: since,
                  validUntil: twoTier,
                  parents: [{ parentId: "vn-999", from: since, until: twoTier }],
                  version: 0
                }
              ],
              successions: []
            })
          )
          expect(invalid._tag).toBe("InvalidUnits")
          if (invalid._tag === "InvalidUnits") {
            expect(invalid.violations.map((v) => v._tag)).toEqual(["DistrictAfterTwoTier"])
          }
          expect(invalid.message).toContain("vn-999")
          expect(
            yield* (yield* UnitRepository).getMany([UnitId.make("vn-999"), UnitId.make("vn-99999")])
          ).toEqual([])
          expect((yield* audit.list({})).items.length).toBe(before)
        })
      )
    )

    it.effect("units: an import stores units and successions and audits each of them", () =>
      run(
        Effect.gen(function* () {
          yield* seed
          const stored = yield* (yield* UnitRepository).get(UnitId.make("vn-373"))
          expect(stored.name).toBe("Gia Viễn")
          expect(stored.version).toBe(1)
          const entries = (yield* (yield* AuditLog).list({ subjectKind: "unit" })).items
          expect(entries.length).toBe(unitsInput.units.length)
          // Ninh Bình city and Hoa Lư district merge into Hoa Lư city (an illustrative date).
          yield* at("2025-01-02T08:00:00")
          const merged = "2025-01-01"
          const ended = ["vn-369", "vn-374"] as const
          const units = yield* UnitRepository
          for (const id of ended) {
            const current = yield* units.get(UnitId.make(id))
            const end = CalendarDate.unsafeFromString(merged)
            yield* units.update(
              new Unit.Unit({
                ...current,
                validUntil: end,
                parents: current.parents.map((l) => new ParentLink({ ...l, until: end }))
              })
            )
          }
          yield* Units.importUnits(provinceAdmin, {
            units: [
              {
                id: "vn-374-2025",
                type: "provincialCity",
                name: "Hoa Lư",
                code: "374",
                validFrom: merged,
                validUntil: twoTier,
                parents: [{ parentId: "vn-37", from: merged, until: twoTier }],
                version: 0
              }
            ],
            successions: ended.map((id) => ({
              id: `s-${id}`,
              kind: "merge" as const,
              effectiveDate: merged,
              predecessorId: id,
              successorId: "vn-374-2025",
              carriesHistory: true,
              version: 0
            }))
          })
          const carried = yield* (yield* UnitRepository).successions({
            successorId: UnitId.make("vn-374-2025")
          })
          expect(carried.map((s) => s.predecessorId)).toEqual(["vn-369", "vn-374"])
          // Carrying the same history again is refused.
          const twice = yield* Effect.flip(
            Units.importUnits(provinceAdmin, {
              units: [],
              successions: [
                {
                  id: "s-again",
                  kind: "merge",
                  effectiveDate: merged,
                  predecessorId: "vn-369",
                  successorId: "vn-37",
                  carriesHistory: true,
                  version: 0
                }
              ]
            })
          )
          expect(twice._tag).toBe("InvalidUnits")
          if (twice._tag === "InvalidUnits") {
            expect(twice.violations.map((v) => v._tag)).toEqual(["HistoryCarrierCount"])
          }
          // A write that fails after others in the same use case undoes them: the unit is inserted,
          // then the link is refused by the store (its id is taken), and neither is kept.
          const auditBefore = (yield* (yield* AuditLog).list({})).items.length
          const clash = yield* Effect.flip(
            Units.importUnits(provinceAdmin, {
              units: [
                {
                  id: "vn-gia-hoa-2025",
                  type: "commune",
                  name: "Gia Hòa",
                  validFrom: twoTier,
                  parents: [{ parentId: "vn-37", from: twoTier }],
                  version: 0
                }
              ],
              successions: [
                {
                  id: "s-vn-369",
                  kind: "rename",
                  effectiveDate: twoTier,
                  predecessorId: "vn-14467",
                  successorId: "vn-gia-hoa-2025",
                  carriesHistory: true,
                  version: 0
                }
              ]
            })
          )
          expect(clash._tag).toBe("ConstraintViolation")
          expect(yield* (yield* UnitRepository).getMany([UnitId.make("vn-gia-hoa-2025")])).toEqual([])
          expect((yield* (yield* AuditLog).list({})).items.length).toBe(auditBefore)
        })
      )
    )

    it.effect("models: register, start, evaluate, commend, replicate, discontinue", () =>
      run(
        Effect.gen(function* () {
          yield* seed
          yield* at("2017-03-01T09:00:00")
          const giaVien = district("373")
          const model = yield* Models.registerModel(giaVien, {
            id: "m-373-1",
            unitId: "vn-373",
            phaseId: "2016-2020",
            fieldId: "economy",
            registeredOn: "2017-03-01",
            content: { name: "Dân vận khéo trong xây dựng nông thôn mới" }
          })
          expect(model.version).toBe(1)
          const notOwn = yield* Effect.flip(
            Models.registerModel(province, {
              unitId: "vn-373",
              phaseId: "2016-2020",
              fieldId: "economy",
              registeredOn: "2017-03-01",
              content: { name: "X" }
            })
          )
          expect(notOwn._tag).toBe("OutsideJurisdiction")
          const badField = yield* Effect.flip(
            Models.registerModel(giaVien, {
              unitId: "vn-373",
              phaseId: "2016-2020",
              fieldId: "tourism",
              registeredOn: "2017-03-01",
              content: { name: "X" }
            })
          )
          expect(badField._tag).toBe("InvalidInput")
          yield* Models.startModel(giaVien, { ...(yield* modelAt("m-373-1")), on: "2017-03-15" })
          // Nothing commends a model that was not rated effective first.
          const early = yield* Effect.flip(
            Models.commendModel(provinceLeader, {
              ...(yield* modelAt("m-373-1")),
              on: "2017-04-01",
              level: "province",
              form: "certificateOfMerit"
            })
          )
          expect(early._tag).toBe("InvalidTransition")
          const current = yield* modelAt("m-373-1")
          const neighbour = yield* Effect.flip(
            Models.evaluateModel(districtLeader("377"), { ...current, on: "2017-06-20", rating: "good" })
          )
          expect(neighbour._tag).toBe("NotFound")
          // Gia Viễn cannot rate its own model: a level above assesses it.
          const selfRated = yield* Effect.flip(
            Models.evaluateModel(districtLeader("373"), { ...current, on: "2017-06-20", rating: "excellent" })
          )
          expect(selfRated).toMatchObject({ _tag: "OutsideJurisdiction", rule: "strictlyBelow" })

          // Kim Sơn cannot replicate it yet: it is not rated effective. Nothing is written.
          const kimSon = district("376")
          const replica = {
            id: "m-376-1",
            unitId: "vn-376",
            phaseId: "2016-2020",
            fieldId: "economy",
            registeredOn: "2017-05-01",
            content: { name: "Dân vận khéo trong xây dựng nông thôn mới (Kim Sơn)" }
          }
          // A model of another district that is not rated effective is not Kim Sơn's to see.
          const premature = yield* Effect.flip(
            Models.replicateModel(kimSon, { sourceId: "m-373-1", sourceVersion: current.version, replica })
          )
          expect(premature._tag).toBe("NotFound")
          const models = yield* ModelRepository
          expect((yield* Effect.flip(models.get(ModelId.make("m-376-1"))))._tag).toBe("NotFound")
          expect((yield* models.get(ModelId.make("m-373-1"))).events.length).toBe(2)

          yield* Models.evaluateModel(provinceLeader, {
            ...(yield* modelAt("m-373-1")),
            on: "2017-06-20",
            rating: "good",
            note: " Hiệu quả "
          })
          const commended = yield* Models.commendModel(provinceLeader, {
            ...(yield* modelAt("m-373-1")),
            on: "2017-06-25",
            level: "province",
            form: "certificateOfMerit"
          })
          yield* at("2017-07-01T09:00:00")
          // Rated effective, the model is published for others to adopt: Kim Sơn now finds it.
          const { replica: r, source } = yield* Models.replicateModel(kimSon, {
            sourceId: "m-373-1",
            sourceVersion: commended.version,
            replica: { ...replica, registeredOn: "2017-07-01" }
          })
          expect(r.replicaOf).toBe("m-373-1")
          expect(source.events.at(-1)).toMatchObject({
            _tag: "Replicated",
            replicaId: "m-376-1",
            on: "2017-07-01"
          })
          expect((yield* models.list({ replicaOf: ModelId.make("m-373-1") })).items.map((m) => m.id)).toEqual(
            ["m-376-1"]
          )
          const stopped = yield* Models.discontinueModel(kimSon, {
            ...(yield* modelAt("m-376-1")),
            on: "2017-12-01",
            reason: "Hết kinh phí"
          })
          expect(stopped.events.at(-1)?._tag).toBe("Discontinued")
          const trail = (yield* (yield* AuditLog).list({ subjectKind: "model" })).items.map(
            (e) => `${e.action} ${e.subjectId}`
          )
          expect(trail.sort()).toEqual([
            "model.commended m-373-1",
            "model.discontinued m-376-1",
            "model.evaluated m-373-1",
            "model.registered m-373-1",
            "model.registered m-376-1",
            "model.replicated m-373-1",
            "model.started m-373-1"
          ])
        })
      )
    )

    it.effect("committees: compose, appoint, end a term, hand over, read on a date", () =>
      run(
        Effect.gen(function* () {
          yield* seed
          yield* at("2016-09-01T09:00:00")
          const member = (
            personId: string,
            personName: string,
            post: Post,
            from: string,
            titles: Array<string> = []
          ) => ({
            personId,
            personName,
            post,
            titles,
            from
          })
          const input = {
            id: "bcd-dvk-37",
            unitId: "vn-37",
            name: 'Ban Chỉ đạo phong trào thi đua "Dân vận khéo" tỉnh Ninh Bình',
            programmes: ["DVK"] as const,
            activeFrom: "2016-09-01",
            memberships: [
              member("a", "Người A", "head", "2016-09-01", ["TVTU"]),
              member("b", "Người B", "standingDeputy", "2016-09-01"),
              member("c", "Người C", "member", "2016-09-01")
            ]
          }
          const twoHeads = yield* Effect.flip(
            Committees.composeCommittee(province, {
              ...input,
              memberships: [...input.memberships, member("d", "Người D", "head", "2016-09-01")]
            })
          )
          expect(twoHeads._tag).toBe("InvalidCommittee")
          if (twoHeads._tag === "InvalidCommittee") {
            expect(twoHeads.violations.map((v) => v._tag)).toEqual(["TwoHeads"])
          }
          const elsewhere = yield* Effect.flip(Committees.composeCommittee(district("373"), input))
          expect(elsewhere._tag).toBe("OutsideJurisdiction")
          const composed = yield* Committees.composeCommittee(province, input)
          expect(composed.memberships.length).toBe(3)
          yield* Committees.appointMember(province, {
            ...(yield* committeeAt("bcd-dvk-37")),
            membership: member("e", "Người E", "deputy", "2017-01-01")
          })
          yield* Committees.endMembership(province, {
            ...(yield* committeeAt("bcd-dvk-37")),
            personId: "c",
            post: "member",
            until: "2017-03-01"
          })
          yield* Committees.handOverPost(province, {
            ...(yield* committeeAt("bcd-dvk-37")),
            outgoing: "a",
            successor: member("f", "Người F", "head", "2017-05-01")
          })
          const noHead = yield* Effect.flip(
            Committees.endMembership(province, {
              ...(yield* committeeAt("bcd-dvk-37")),
              personId: "f",
              post: "head",
              until: "2017-06-01"
            })
          )
          expect(noHead._tag).toBe("InvalidCommittee")
          if (noHead._tag === "InvalidCommittee") {
            expect(noHead.change).toBe("endTerm")
            expect(noHead.violations.map((v) => v._tag)).toEqual(["NoHead"])
          }
          const on = (date: string) =>
            Committees.committeeOnDate(district("373"), { committeeId: "bcd-dvk-37", date }).pipe(
              Effect.map((r) => r.composition.map((m) => `${m.post}:${m.personName}`))
            )
          // Gia Viễn is below the province, so to it the province's committee does not exist.
          expect((yield* Effect.flip(on("2017-02-01")))._tag).toBe("NotFound")
          const read = (date: string) =>
            Committees.committeeOnDate(province, { committeeId: "bcd-dvk-37", date }).pipe(
              Effect.map((r) => r.composition.map((m) => `${m.post}:${m.personName}`))
            )
          expect(yield* read("2017-02-01")).toEqual([
            "head:Người A",
            "standingDeputy:Người B",
            "deputy:Người E",
            "member:Người C"
          ])
          expect(yield* read("2017-06-01")).toEqual([
            "head:Người F",
            "standingDeputy:Người B",
            "deputy:Người E"
          ])
          const stored = yield* (yield* CommitteeRepository).get(composed.id)
          expect(stored.version).toBe(4)
          // Entries of one instant are ordered by id, so compare them as a set.
          const actions = (yield* (yield* AuditLog).list({ subjectKind: "committee" })).items.map(
            (e) => e.action
          )
          expect(actions.sort()).toEqual([
            "committee.composed",
            "committee.memberAppointed",
            "committee.postHandedOver",
            "committee.termEnded"
          ])
        })
      )
    )

    it.effect("directives: register the 2016 and 2017 plans and ask what is in force", () =>
      run(
        Effect.gen(function* () {
          yield* seed
          yield* at("2017-03-10T09:00:00")
          const plan20 = {
            id: "20-KH/TU-2016",
            number: { _tag: "Party" as const, number: 20, typeCode: "KH", issuer: "TU" },
            issuedBy: { _tag: "Unit" as const, unitId: "vn-37", body: "partyCommittee" as const },
            title: 'Kế hoạch thực hiện phong trào thi đua "Dân vận khéo" giai đoạn 2016 - 2020',
            programme: "DVK" as const,
            issuedOn: "2016-08-12",
            effectiveFrom: "2016-08-12",
            replaces: [],
            tasks: []
          }
          const plan771 = {
            ...plan20,
            id: "771-KH/BDVTU-2017",
            number: { _tag: "Party" as const, number: 771, typeCode: "KH", issuer: "BDVTƯ" },
            issuedBy: { _tag: "Central" as const, body: "massMobilisationCommission" as const },
            title: 'Kế hoạch tiếp tục thực hiện phong trào thi đua "Dân vận khéo" năm 2017',
            issuedOn: "2017-03-08",
            effectiveFrom: "2017-03-08"
          }
          yield* Directives.registerDirective(province, plan20)
          yield* Directives.registerDirective(province, plan771)
          const inForce = yield* Directives.directivesInForce({ on: "2017-06-30", programme: "DVK" })
          expect(inForce.map((d) => d.id)).toEqual(["20-KH/TU-2016", "771-KH/BDVTU-2017"])
          expect((yield* Directives.directivesInForce({ on: "2017-01-01" })).map((d) => d.id)).toEqual([
            "20-KH/TU-2016"
          ])
          const backwards = yield* Effect.flip(
            Directives.registerDirective(province, { ...plan771, id: "x", effectiveFrom: "2017-03-01" })
          )
          expect(backwards._tag).toBe("InvalidDirective")
          const duplicate = yield* Effect.flip(
            Directives.registerDirective(province, { ...plan20, id: "20-again" })
          )
          expect(duplicate._tag).toBe("ConstraintViolation")
          const entries = (yield* (yield* AuditLog).list({ subjectKind: "directive" })).items
          expect(entries.map((e) => e.summary).sort()).toEqual([
            `registered 20-KH/TU on behalf of unit vn-37: ${plan20.title}`,
            `registered 771-KH/BDVTƯ on behalf of unit vn-37: ${plan771.title}`
          ])
        })
      )
    )

    it.effect("consolidation cannot read a unit's later reports through an older hierarchy", () =>
      run(
        Effect.gen(function* () {
          yield* seed
          // Xã Gia Thủy sits under Gia Viễn until the reform, then under another province: a change
          // that concerns two provinces, so an administrator of the central level imports it.
          const centre = person("vn-bdvtw", "Quản trị Ban Dân vận Trung ương", "administrator")
          yield* Units.importUnits(centre, {
            units: [
              {
                id: "vn-36",
                type: "province",
                name: "Nam Định",
                code: "36",
                validFrom: since,
                parents: [],
                version: 0
              },
              {
                id: "vn-14470",
                type: "commune",
                name: "Gia Thủy",
                code: "14470",
                validFrom: since,
                parents: [
                  { parentId: "vn-373", from: since, until: twoTier },
                  { parentId: "vn-36", from: twoTier }
                ],
                version: 0
              }
            ],
            successions: []
          }).pipe(
            Effect.provideService(Policy.CurrentPolicy, {
              ...Policy.defaults,
              centralUnits: [UnitId.make("vn-bdvtw")]
            })
          )
          yield* at("2026-07-03T09:00:00")
          const giaThuy = person("vn-14470", "Đảng ủy xã Gia Thủy", "officer")
          const created = yield* Reports.createReport(giaThuy, {
            id: "dvk-2026S1-gia-thuy",
            unitId: "vn-14470",
            programme: "DVK",
            periodId: "2026S1",
            regimeId: regime.id,
            content: dvkContent([5, 4, 3, 2])
          })
          const submitted = yield* Reports.submitReport(giaThuy, {
            reportId: "dvk-2026S1-gia-thuy",
            version: created.version
          })
          yield* Reports.approveReport(person("vn-36", "Ban Dân vận Tỉnh ủy Nam Định", "leader"), {
            reportId: "dvk-2026S1-gia-thuy",
            version: submitted.report.version
          })
          // Ninh Bình's officer names a hierarchy of 2024, when Gia Thủy was in the province.
          const looking = yield* Effect.flip(
            Consolidate.consolidateReport(province, {
              rootId: "vn-37",
              periodId: "2026S1",
              programme: "DVK",
              regimeId: regime.id,
              asOf: "2024-01-01"
            })
          )
          expect(looking._tag).toBe("InvalidInput")
          // As of the end of the period, the report counts where the commune then is, not in Ninh Bình.
          const own = yield* Consolidate.consolidateReport(province, {
            rootId: "vn-37",
            periodId: "2026S1",
            programme: "DVK",
            regimeId: regime.id
          })
          expect(own.consolidation.contributions).toEqual([])
        })
      )
    )

    it.effect("configuration: a regime whose lower level is due after the level above is refused", () =>
      run(
        Effect.gen(function* () {
          yield* seed
          const encoded = {
            id: "nb-late-communes",
            name: "Chế độ báo cáo thử",
            calendar: "decree09Cutoff" as const,
            // Communes due after the districts they report to (the deadlines row of docs/rules.md).
            deadlines: { grassroots: 1, commune: 5, district: 3, province: 6 },
            holidays: [],
            version: 0
          }
          const error = yield* Effect.flip(Configuration.putRegime(provinceAdmin, encoded))
          expect(error._tag).toBe("InvalidRegime")
          if (error._tag === "InvalidRegime") {
            expect(error.violations.map((v) => [v.level, v.parentLevel])).toEqual([["commune", "district"]])
          }
          expect(error.message).toContain("commune")
          const refused = yield* Effect.flip((yield* ReferenceData).regime(RegimeId.make("nb-late-communes")))
          expect(refused._tag).toBe("NotFound")
          const stored = yield* Configuration.putRegime(provinceAdmin, {
            ...encoded,
            deadlines: { grassroots: 1, commune: 2, district: 3, province: 6 }
          })
          expect(stored.version).toBe(1)
        })
      )
    )

    it.effect("directives: registration keeps the rules of numbers and replacement chains", () =>
      run(
        Effect.gen(function* () {
          yield* seed
          yield* at("2021-03-01T09:00:00")
          const decree = (
            id: string,
            n: number,
            year: number,
            issuedOn: string,
            replaces: Array<string> = []
          ) => ({
            id,
            number: { _tag: "State" as const, number: n, year, typeCode: "NĐ", issuer: "CP" },
            issuedBy: { _tag: "Central" as const, body: "government" as const },
            title: `Nghị định ${n}/${year}/NĐ-CP`,
            programme: "QCDC" as const,
            issuedOn,
            effectiveFrom: issuedOn,
            replaces,
            tasks: []
          })
          yield* Directives.registerDirective(province, decree("60-2013", 60, 2013, "2013-06-19"))
          yield* Directives.registerDirective(
            province,
            decree("149-2018", 149, 2018, "2018-11-07", ["60-2013"])
          )
          const refused = [
            // The year in a state number is the year of issue (Decree 30/2020/NĐ-CP, Appendix III).
            decree("145-2020", 145, 2019, "2020-12-14", ["149-2018"]),
            // A directive cannot replace itself.
            decree("self", 7, 2020, "2020-12-14", ["self"]),
            // 60/2013 is already replaced by 149/2018: a second whole replacement would put two
            // links of the chain in force at once (the directives row of docs/rules.md).
            decree("again", 8, 2020, "2020-12-14", ["60-2013"]),
            // A replacement cannot take effect before what it replaces.
            decree("early", 9, 2018, "2018-01-01", ["149-2018"]),
            // Task ids are unique within a directive.
            {
              ...decree("tasks", 10, 2020, "2020-12-14"),
              tasks: [
                { id: "t", description: "Một", assignees: [] },
                { id: "t", description: "Hai", assignees: [] }
              ]
            }
          ]
          // One error naming the directive, with each rule it breaks as a violation.
          const expected = [
            "NumberYearMismatch",
            "ReplacementCycle",
            "ReplacedTwice",
            "ReplacementOutOfOrder",
            "DuplicateTaskId"
          ]
          for (const [k, input] of refused.entries()) {
            const error = yield* Effect.flip(Directives.registerDirective(province, input))
            expect(error._tag, input.id).toBe("InvalidDirective")
            if (error._tag === "InvalidDirective") {
              expect(error.directiveId).toBe(input.id)
              expect(error.violations.map((v) => v._tag)).toEqual([expected[k]])
            }
          }
          yield* Directives.registerDirective(
            province,
            decree("145-2020", 145, 2020, "2020-12-14", ["149-2018"])
          )
          const inForce = yield* Directives.directivesInForce({ on: "2021-03-01", programme: "QCDC" })
          expect(inForce.map((d) => d.id)).toEqual(["145-2020"])
          const registered = (yield* (yield* AuditLog).list({ subjectKind: "directive" })).items
          expect(registered.map((e) => e.subjectId).sort()).toEqual(["145-2020", "149-2018", "60-2013"])
        })
      )
    )
  })

suite("use cases on the in-memory store", () => StoreMemory.layer())
suite("use cases on SQLite", () => StoreSqlite.layer({ filename: ":memory:" }))
