/**
 * The demonstration data the app starts with, on an empty database:
 *
 * - **Ninh Bình, 2017**: the flagship example's seed (`examples/src/conference-2017`): the
 *   province, its districts and communes, reference data, directives, committees, models and the
 *   districts' reports of the first half of 2017. Its accounts work on 05/07/2017, two days before
 *   the districts' deadline, so the first half's reports can still be filed and reviewed as then.
 * - **Ninh Bình from 01/07/2025**: the province formed from Hà Nam, Nam Định and Ninh Bình, whose
 *   communes report straight to it (the `reform-2025` example's units and successions), with
 *   communes' reports of the first half of 2026 (approved, some late) and of the second (some
 *   drafts, some submitted). Its accounts work on today's date.
 * - One account per role of each level (see {@link demoAccounts}), all with the password
 *   {@link demoPassword}.
 *
 * Seeding is idempotent, as the flagship's is: a step finds what is already stored and goes on
 * from there, so a start interrupted half-way finishes the job the next time.
 */
import {
  type Actor,
  CalendarDate,
  FiguresRules,
  Ids,
  ModelField,
  Policy,
  Regime,
  ReportRepository,
  Reports,
  type Store,
  UnitRepository,
  Units
} from "@danvan/core"
import { Effect, Option } from "effect"
import * as Conference from "../../src/conference-2017/seed.ts"
import * as NinhBinh2017 from "../../src/conference-2017/units.ts"
import { centralUnitId } from "../../src/reform-2025/phaseReport.ts"
import * as Reform from "../../src/reform-2025/units.ts"
import { at, morningOf } from "../../src/shared/clock.ts"
import { unitsThreeTier, unitsTwoTier } from "../../src/shared/paths.ts"
import { type Progress, step } from "../../src/shared/progress.ts"
import { type Account, Accounts, type ActorFields } from "./accounts.ts"

/** The app's policy: the default roles, with the Central Mass Mobilisation Commission as a central unit. */
export const policy: Policy.Policy = { ...Policy.defaults, centralUnits: [centralUnitId] }

/** The regime every demonstration report follows (Party reporting, calendar halves). */
export const regime = Regime.defaults.party

/** The password of every demonstration account. */
export const demoPassword = "danvan-demo"

/** The day the Ninh Bình 2017 accounts work on. */
export const replayDay = "2017-07-05"

const commune2017 = (code: string) => Ids.UnitId.make(`vn-${code}-${NinhBinh2017.recordedFrom}`)
const commune2025 = (code: string) => Ids.UnitId.make(`vn-${code}-${Reform.reformDate}`)

/** The units the demonstration accounts act for. */
export const units = {
  giaHoa2017: commune2017("14467"),
  giaVien2017: NinhBinh2017.districtIds["373"],
  hoaLu2017: NinhBinh2017.hoaLuDistrictId,
  province2017: NinhBinh2017.provinceId,
  giaVien2025: commune2025("14464"),
  hoaLu2025: commune2025("14329"),
  province2025: Reform.newProvinceId
} as const

const person = (personId: string, name: string, unitId: Ids.UnitId, role: string): ActorFields => ({
  personId,
  name,
  unitId,
  role
})

/** An actor of the flagship's seed as an account's plain fields. */
const plain = (a: Actor.ActorInput): ActorFields => ({
  personId: a.personId,
  name: a.name,
  unitId: a.unitId,
  role: a.role ?? "viewer"
})

/** A demonstration account, with the unit's name for the sign-in page. */
export interface DemoAccount extends Account {
  readonly unitName: string
}

/** The demonstration accounts, by username. */
export const demoAccounts: ReadonlyArray<DemoAccount> = [
  {
    username: "xa.giahoa",
    unitName: "xã Gia Hòa (huyện Gia Viễn, tỉnh Ninh Bình cũ)",
    actor: person("nb17-xa-gia-hoa-1", "Nguyễn Thị Lan", units.giaHoa2017, "officer"),
    worksOn: replayDay
  },
  {
    username: "xa.giahoa.2",
    unitName: "xã Gia Hòa (huyện Gia Viễn, tỉnh Ninh Bình cũ)",
    actor: person("nb17-xa-gia-hoa-2", "Trần Văn Minh", units.giaHoa2017, "officer"),
    worksOn: replayDay
  },
  {
    username: "huyen.giavien",
    unitName: "huyện Gia Viễn",
    actor: person("nb17-huyen-gia-vien-1", "Phạm Văn Hùng", units.giaVien2017, "leader"),
    worksOn: replayDay
  },
  {
    username: "huyen.giavien.canbo",
    unitName: "huyện Gia Viễn",
    actor: plain(Conference.officerOf(units.giaVien2017)),
    worksOn: replayDay
  },
  {
    username: "huyen.hoalu",
    unitName: "huyện Hoa Lư",
    actor: person("nb17-huyen-hoa-lu-1", "Đinh Thị Hoa", units.hoaLu2017, "leader"),
    worksOn: replayDay
  },
  {
    username: "tinh.ninhbinh",
    unitName: "tỉnh Ninh Bình (đến 30/6/2025)",
    actor: plain(Conference.provinceLeader),
    worksOn: replayDay
  },
  {
    username: "tinh.ninhbinh.canbo",
    unitName: "tỉnh Ninh Bình (đến 30/6/2025)",
    actor: plain(Conference.provinceOfficer),
    worksOn: replayDay
  },
  {
    username: "xa.giavien",
    unitName: "xã Gia Viễn (từ 01/7/2025)",
    actor: person("nb25-xa-gia-vien-1", "Lê Thị Thu", units.giaVien2025, "officer")
  },
  {
    username: "phuong.hoalu",
    unitName: "phường Hoa Lư (từ 01/7/2025)",
    actor: person("nb25-phuong-hoa-lu-1", "Vũ Văn Nam", units.hoaLu2025, "officer")
  },
  {
    username: "tinh.ninhbinh.moi",
    unitName: "tỉnh Ninh Bình (từ 01/7/2025)",
    actor: person("nb25-tinh-lanh-dao", "Hoàng Văn Đức", units.province2025, "leader")
  },
  {
    username: "tinh.ninhbinh.moi.canbo",
    unitName: "tỉnh Ninh Bình (từ 01/7/2025)",
    actor: person("nb25-tinh-can-bo", "Bùi Thị Mai", units.province2025, "officer")
  }
]

const centralAdmin: Actor.ActorInput = {
  personId: "tw-quan-tri",
  name: "Quản trị hệ thống, Ban Dân vận Trung ương",
  unitId: centralUnitId,
  role: "administrator"
}

/** The units of the 2025 reform that the flagship's seed did not store, and the new links. */
const seedReform = Effect.gen(function* () {
  const repo = yield* UnitRepository
  if ((yield* repo.getMany([Reform.newProvinceId])).length > 0) return
  const reform = yield* Reform.load(unitsThreeTier, unitsTwoTier)
  const stored = new Set<string>(
    (yield* repo.getMany(reform.before.map((u) => u.id))).map((u) => u.id as string)
  )
  const storedLinks = new Set<string>(
    (yield* repo.successions({ successorId: NinhBinh2017.hoaLuCityId })).map((s) => s.id as string)
  )
  yield* Units.importUnits(centralAdmin, {
    units: [...reform.before.filter((u) => !stored.has(u.id)), ...reform.after],
    successions: reform.successions.filter((s) => !storedLinks.has(s.id))
  }).pipe(at(morningOf(Reform.reformDate)))
})

/** DVK figures: `models` models in the economy field, all being carried out, `effective` of them effective. */
const figures = (models: number, effective: number) => {
  const zero = FiguresRules.emptyDvk(ModelField.defaults.map((f) => f.id))
  return {
    ...zero,
    models,
    byField: { ...zero.byField, economy: models },
    byStatus: { ...zero.byStatus, inProgress: models },
    newModels: Math.min(models, 2),
    effective,
    exemplaryCases: Math.min(effective, 1)
  }
}

const content = (models: number, effective: number) => ({
  figures: figures(models, effective),
  achievements: `Triển khai ${models} mô hình "Dân vận khéo" trên các lĩnh vực; ${effective} mô hình được đánh giá hiệu quả.`,
  shortcomings: "Một số mô hình chưa được sơ kết kịp thời.",
  nextTasks: "Tiếp tục nhân rộng các mô hình hiệu quả."
})

/**
 * A commune's report of the new province: created, then submitted on `submittedOn` and approved
 * the next day when those are given. Each step on the report as just read, at its version.
 */
const communeReport = (
  unitId: Ids.UnitId,
  periodId: string,
  plan: { readonly createdOn: string; readonly submittedOn?: string; readonly approve?: boolean },
  models: number
) =>
  Effect.gen(function* () {
    const reports = yield* ReportRepository
    const officer = {
      personId: `nb25-can-bo-${unitId}`,
      name: "Cán bộ phụ trách dân vận",
      unitId,
      role: "officer"
    }
    const leader = demoAccounts.find((a) => a.username === "tinh.ninhbinh.moi")?.actor as Actor.ActorInput
    let report = Option.getOrUndefined(yield* reports.find(unitId, periodId as never, "DVK"))
    if (report === undefined) {
      report = yield* Reports.createReport(officer, {
        id: `nb25-${periodId.toLowerCase()}-${unitId}`,
        unitId,
        programme: "DVK",
        periodId,
        regimeId: regime.id,
        content: content(models, Math.floor(models / 2))
      }).pipe(at(morningOf(plan.createdOn)))
    }
    if (plan.submittedOn !== undefined && report.status === "draft") {
      const { report: submitted } = yield* Reports.submitReport(officer, {
        reportId: report.id,
        version: report.version
      }).pipe(at(morningOf(plan.submittedOn)))
      report = submitted
    }
    if (plan.approve === true && plan.submittedOn !== undefined && report.status === "submitted") {
      yield* Reports.approveReport(leader, { reportId: report.id, version: report.version }).pipe(
        at(morningOf(CalendarDate.addDays(CalendarDate.unsafeFromString(plan.submittedOn), 1)))
      )
    }
  })

/** Reports of the new province's first communes, by statistics code, for 2026. */
const seedReports2026 = Effect.gen(function* () {
  const communes = (yield* Units.searchUnits({
    asOf: "2026-01-01",
    parentId: Reform.newProvinceId,
    levels: ["commune"],
    page: { limit: 40 }
  })).items.filter((u) => u.id !== units.giaVien2025 && u.id !== units.hoaLu2025)
  for (const [i, unit] of communes.slice(0, 24).entries()) {
    const late = i % 6 === 5
    yield* communeReport(
      unit.id,
      "2026S1",
      { createdOn: "2026-06-22", submittedOn: late ? "2026-07-20" : "2026-07-03", approve: true },
      8 + (i % 5)
    )
  }
  for (const [i, unit] of communes.slice(0, 8).entries()) {
    yield* communeReport(
      unit.id,
      "2026S2",
      { createdOn: "2026-11-20", ...(i < 4 ? { submittedOn: "2026-11-27", approve: i < 2 } : {}) },
      9 + (i % 4)
    )
  }
})

/** Seeds an empty database; reports each part on `progress`. */
export const seed = (progress: Progress): Effect.Effect<void, unknown, SeedServices> =>
  Effect.gen(function* () {
    const accounts = yield* Accounts
    if ((yield* accounts.count) > 0) return
    yield* Conference.seed(unitsThreeTier, progress)
    yield* step(progress, "Ninh Bình from 01/07/2025 (the 2025 reform's units and successions)")(seedReform)
    yield* step(progress, "the new province's communes' reports of 2026")(seedReports2026)
    yield* step(
      progress,
      `${demoAccounts.length} demonstration accounts`
    )(Effect.forEach(demoAccounts, (a) => accounts.put(a, demoPassword), { discard: true }))
  }).pipe(Effect.provideService(Policy.CurrentPolicy, policy))

/** What the store must hold for the app: the type of {@link seed}'s requirements. */
export type SeedServices = Store.Store | Accounts
