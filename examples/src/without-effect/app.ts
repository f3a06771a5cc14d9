/**
 * danvan without Effect: a plain async/await app over the Promise facade (`Danvan.open`). Nothing
 * here imports `effect`; the use cases are methods that return Promises, and a refused step
 * rejects with the same typed error the use case fails with, told apart by its `_tag`.
 *
 * The story: a district and two communes, the default model fields and the Party reporting
 * regime; a commune registers a DVK model; both communes report their first six months of 2017,
 * one of them late; the district approves, lists and consolidates. Each person acts in a role
 * (officer, leader, administrator), and each change names the version of the record it was based
 * on, so a stale change is refused rather than applied over someone else's.
 */
import { type Actor, Danvan, ModelField, Regime } from "@danvan/core"
import { StoreMemory } from "@danvan/store-memory"

const province = "we-province"
const district = "we-district-yen-mo"
const yenThang = "we-commune-yen-thang"
const yenPhong = "we-commune-yen-phong"

const until2025 = { validUntil: "2025-07-01" }
const under = (parentId: string) => [{ parentId, from: "2016-01-01", until: "2025-07-01" }]
const units = [
  {
    id: province,
    type: "province",
    name: "Ninh Bình",
    code: "37",
    validFrom: "2016-01-01",
    parents: [],
    version: 0
  },
  {
    id: district,
    type: "ruralDistrict",
    name: "Yên Mô",
    code: "377",
    validFrom: "2016-01-01",
    ...until2025,
    parents: under(province),
    version: 0
  },
  {
    id: yenThang,
    type: "commune",
    name: "Yên Thắng",
    code: "14725",
    validFrom: "2016-01-01",
    ...until2025,
    parents: under(district),
    version: 0
  },
  {
    id: yenPhong,
    type: "commune",
    name: "Yên Phong",
    code: "14719",
    validFrom: "2016-01-01",
    ...until2025,
    parents: under(district),
    version: 0
  }
] as const

/** A person acting for a unit in a role: what the app's sign-in gives it (the library does not sign anyone in). */
const person = (unitId: string, name: string, role: string): Actor.ActorInput => ({
  personId: `we-${unitId}-${role}`,
  name,
  unitId,
  role
})
const admin = person(province, "Quản trị hệ thống", "administrator")
const districtOfficer = person(district, "Ban Dân vận Huyện ủy Yên Mô", "officer")
const districtLeader = person(district, "Trưởng Ban Dân vận Huyện ủy Yên Mô", "leader")
const yenThangOfficer = person(yenThang, "Cán bộ xã Yên Thắng", "officer")
const yenPhongOfficer = person(yenPhong, "Cán bộ xã Yên Phong", "officer")

/** DVK figures of a commune's report: models by the four default fields, all being carried out. */
const figures = (byField: readonly [number, number, number, number], effective: number) => {
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
    effective,
    commended: 0,
    replicated: 0,
    exemplaryCases: 0,
    extra: {}
  }
}

/** How an app tells a refused submission apart: the error's `_tag`, checked by TypeScript. */
const explain = (error: Danvan.ErrorOf<"submitReport">): string => {
  switch (error._tag) {
    case "InconsistentFigures":
      // One error, and every problem in it as plain data: a kind (`_tag`), fields and a message.
      return `the figures do not add up: ${error.violations.map((v) => `${v._tag} (${v.message})`).join("; ")}`
    case "InvalidReportTransition":
    case "ReportLocked":
      return `the report cannot be submitted now: ${error.message}`
    case "OutsideJurisdiction":
    case "NotPermitted":
      return `not allowed: ${error.message}`
    case "NotFound":
      // Outside what the actor may read, a report is indistinguishable from a missing one.
      return `no such report: ${error.message}`
    case "VersionConflict":
      return `someone changed the report meanwhile: reload it and try again`
    default:
      return error.message
  }
}

/** Runs the story and returns what it prints. */
export const run = async (): Promise<ReadonlyArray<string>> => {
  const out: Array<string> = []
  // Submissions are stamped with `now`: here the days of July 2017 the story happens on.
  let today = "2017-03-01"
  const danvan = await Danvan.open(StoreMemory.layer(), { now: () => new Date(`${today}T02:00:00.000Z`) })
  try {
    // The province's administrator sets the store up: its units first, then its reference data.
    const imported = await danvan.importUnits(admin, { units, successions: [] })
    out.push(`imported ${imported.units.length} units`)
    for (const field of ModelField.defaults) await danvan.putField(admin, field)
    await danvan.putRegime(admin, Regime.defaults.party)

    const commune = danvan.as(yenThangOfficer)
    const model = await commune.registerModel({
      unitId: yenThang,
      phaseId: "2016-2020",
      fieldId: "security-defence",
      registeredOn: today,
      content: {
        name: "Tổ hòa giải giỏi ở thôn, xóm",
        objectives: "Hòa giải thành các mâu thuẫn nhỏ tại cơ sở"
      }
    })
    out.push(`registered "${model.content.name}"`)

    try {
      // The district assesses its communes' models; a model not yet rated effective cannot be commended.
      await danvan.as(districtLeader).commendModel({
        modelId: model.id,
        version: model.version,
        on: "2017-03-02",
        level: "district",
        form: "letterOfCommendation"
      })
    } catch (error) {
      const tag = (error as { _tag?: string })._tag
      out.push(`commending it now is refused: ${tag}`)
    }

    today = "2017-06-28"
    const reportOf = async (
      officer: Actor.ActorInput,
      unitId: string,
      byField: readonly [number, number, number, number]
    ) =>
      danvan.as(officer).createReport({
        id: unitId.replace("we-commune", "we-report"),
        unitId,
        programme: "DVK",
        periodId: "2017S1",
        regimeId: Regime.defaults.party.id,
        content: { figures: figures(byField, 3), achievements: "", shortcomings: "", nextTasks: "" }
      })
    const thang = await reportOf(yenThangOfficer, yenThang, [4, 3, 5, 2])
    const phong = await reportOf(yenPhongOfficer, yenPhong, [2, 2, 1, 1])

    // Every change names the version it was based on (here, the version just created).
    for (const [who, label] of [
      [yenThangOfficer, "Yên Thắng"],
      [districtOfficer, "the district"]
    ] as const) {
      try {
        await danvan.as(who).submitReport({ reportId: phong.id, version: phong.version })
      } catch (error) {
        out.push(
          `${label} submitting Yên Phong's report: ${explain(error as Danvan.ErrorOf<"submitReport">)}`
        )
      }
    }

    today = "2017-07-03"
    // A slip of the pen: more models commended than rated effective. Submitting refuses it.
    const slip = await danvan.as(yenThangOfficer).editReport({
      reportId: thang.id,
      version: thang.version,
      content: { ...thang.content, figures: { ...figures([4, 3, 5, 2], 3), commended: 4 } }
    })
    try {
      await danvan.as(yenThangOfficer).submitReport({ reportId: thang.id, version: slip.version })
    } catch (error) {
      out.push(`Yên Thắng submitting its report: ${explain(error as Danvan.ErrorOf<"submitReport">)}`)
    }
    const corrected = await danvan
      .as(yenThangOfficer)
      .editReport({ reportId: thang.id, version: slip.version, content: thang.content })
    const first = await danvan
      .as(yenThangOfficer)
      .submitReport({ reportId: thang.id, version: corrected.version })
    today = "2017-07-10"
    const second = await danvan
      .as(yenPhongOfficer)
      .submitReport({ reportId: phong.id, version: phong.version })
    out.push(
      `Yên Thắng submitted ${first.revision.onTime ? "on time" : "late"}, Yên Phong ${second.revision.onTime ? "on time" : "late"}`
    )

    today = "2017-07-11"
    const reviewer = danvan.as(districtLeader)
    await reviewer.approveReport({ reportId: thang.id, version: first.report.version })
    // A second approval based on the same, now stale, version is refused, not applied twice.
    try {
      await reviewer.approveReport({ reportId: thang.id, version: first.report.version })
    } catch (error) {
      out.push(`approving Yên Thắng's report again: ${explain(error as Danvan.ErrorOf<"submitReport">)}`)
    }
    await reviewer.approveReport({ reportId: phong.id, version: second.report.version })
    const listed = await reviewer.reports({ periodId: "2017S1", programme: "DVK" })
    out.push(`Yên Mô's reports for 2017S1: ${listed.items.map((r) => `${r.unitId} ${r.status}`).join(", ")}`)
    const result = await reviewer.consolidateReport({
      rootId: district,
      periodId: "2017S1",
      programme: "DVK",
      regimeId: Regime.defaults.party.id
    })
    out.push(
      `Yên Mô, first six months of 2017: ${result.consolidation.totals.models} models from ${result.consolidation.contributions.length} reports; late: ${result.completeness.late.join(", ")}`
    )
    return out
  } finally {
    await danvan.close()
  }
}
