/**
 * Small helpers the integration tests share: actors in a role, and the version of a stored record
 * as a caller reads it before changing it.
 */
import {
  CommitteeRepository,
  Ids,
  ModelField,
  ModelRepository,
  ReferenceData,
  Regime,
  ReportRepository,
  type StoreError,
  UnitRepository,
  Units
} from "@danvan/core"
import { Effect, Schema } from "effect"

/** A person acting for `unitId` in `role`; the same unit and role always give the same person. */
export const person = (unitId: string, name: string, role: string) => ({
  personId: `p-${unitId}-${role}`,
  name,
  unitId,
  role
})

/** A report as a caller names it to change it: its id and the version it read. */
export const reportAt = (
  reportId: string
): Effect.Effect<{ reportId: string; version: number }, StoreError.StoreError, ReportRepository> =>
  Effect.map(
    Effect.flatMap(ReportRepository, (r) => r.get(Ids.ReportId.make(reportId))),
    (r) => ({ reportId, version: r.version })
  )

/** A model as a caller names it to change it. */
export const modelAt = (
  modelId: string
): Effect.Effect<{ modelId: string; version: number }, StoreError.StoreError, ModelRepository> =>
  Effect.map(
    Effect.flatMap(ModelRepository, (r) => r.get(Ids.ModelId.make(modelId))),
    (m) => ({ modelId, version: m.version })
  )

/** A committee as a caller names it to change it. */
export const committeeAt = (
  committeeId: string
): Effect.Effect<{ committeeId: string; version: number }, StoreError.StoreError, CommitteeRepository> =>
  Effect.map(
    Effect.flatMap(CommitteeRepository, (r) => r.get(Ids.CommitteeId.make(committeeId))),
    (c) => ({ committeeId, version: c.version })
  )

// ---------------------------------------------------------------------------------------------
// A small province across the 2025 reform
// ---------------------------------------------------------------------------------------------

/** The first day of the two-tier structure. */
export const reform = "2025-07-01"
const since = "2000-01-01"

/**
 * Ninh Bình (`vn-37`) with two districts until the reform, Gia Viễn (`vn-373`: the communes Gia
 * Hòa `vn-14467` and Gia Thủy `vn-14470`) and Hoa Lư (`vn-374`: Trường Yên `vn-14533`); from
 * the reform Gia Hòa and Gia Thủy are merged into Gia Viễn commune (`vn-gia-vien`, carrying both
 * histories) directly under the province, and Trường Yên is a commune of the province. Nam Định
 * (`vn-36`) with its commune Nam Phong (`vn-13660`) is another province.
 */
export const ids = {
  province: "vn-37",
  giaVien: "vn-373",
  hoaLu: "vn-374",
  giaHoa: "vn-14467",
  giaThuy: "vn-14470",
  truongYen: "vn-14533",
  newCommune: "vn-gia-vien",
  otherProvince: "vn-36",
  namPhong: "vn-13660"
} as const

const territorial = (
  id: string,
  type: string,
  name: string,
  code: string,
  links: ReadonlyArray<{ parentId: string; from: string; until?: string }>,
  validFrom = since,
  validUntil?: string
) => ({
  id,
  type,
  name,
  code,
  validFrom,
  ...(validUntil === undefined ? {} : { validUntil }),
  parents: links,
  version: 0
})

/** The units of {@link ids}, as `Units.importUnits` takes them. */
export const worldUnits = {
  units: [
    territorial(ids.province, "province", "Ninh Bình", "37", []),
    territorial(ids.otherProvince, "province", "Nam Định", "36", []),
    territorial(
      ids.giaVien,
      "ruralDistrict",
      "Gia Viễn",
      "373",
      [{ parentId: ids.province, from: since, until: reform }],
      since,
      reform
    ),
    territorial(
      ids.hoaLu,
      "ruralDistrict",
      "Hoa Lư",
      "374",
      [{ parentId: ids.province, from: since, until: reform }],
      since,
      reform
    ),
    territorial(
      ids.giaHoa,
      "commune",
      "Gia Hòa",
      "14467",
      [{ parentId: ids.giaVien, from: since, until: reform }],
      since,
      reform
    ),
    territorial(
      ids.giaThuy,
      "commune",
      "Gia Thủy",
      "14470",
      [{ parentId: ids.giaVien, from: since, until: reform }],
      since,
      reform
    ),
    territorial(ids.truongYen, "commune", "Trường Yên", "14533", [
      { parentId: ids.hoaLu, from: since, until: reform },
      { parentId: ids.province, from: reform }
    ]),
    territorial(
      ids.newCommune,
      "commune",
      "Gia Viễn",
      "14468",
      [{ parentId: ids.province, from: reform }],
      reform
    ),
    territorial(ids.namPhong, "commune", "Nam Phong", "13660", [{ parentId: ids.otherProvince, from: since }])
  ],
  successions: [ids.giaHoa, ids.giaThuy].map((predecessorId) => ({
    id: `s-${predecessorId}`,
    kind: "merge" as const,
    effectiveDate: reform,
    predecessorId,
    successorId: ids.newCommune,
    carriesHistory: true,
    version: 0
  }))
}

/** Who acts in the world: an officer, a leader and an administrator of each unit. */
export const officer = (unitId: string) => person(unitId, `Cán bộ ${unitId}`, "officer")
export const leader = (unitId: string) => person(unitId, `Trưởng ban ${unitId}`, "leader")
export const admin = (unitId: string) => person(unitId, `Quản trị ${unitId}`, "administrator")

/**
 * Stores the world's units, successions and reference data (the party regime, the default model
 * fields) straight through the storage port, as an app's set-up script would.
 */
export const seedWorld = Effect.gen(function* () {
  const { units, successions } = Schema.decodeUnknownSync(Units.ImportUnitsInput)(worldUnits)
  const repo = yield* UnitRepository
  yield* repo.insert(units)
  yield* repo.insertSuccessions(successions)
  const reference = yield* ReferenceData
  yield* reference.putRegime(Regime.defaults.party)
  for (const field of ModelField.defaults) yield* reference.putField(field)
})

const fieldIds = ModelField.defaults.map((f) => f.id)

/**
 * Consistent DVK figures: `byField` models in the default fields, in that order, all being carried
 * out, with the other counts given (0 by default).
 */
export const dvkFigures = (
  byField: ReadonlyArray<number>,
  counts: Partial<
    Record<"newModels" | "effective" | "commended" | "replicated" | "exemplaryCases", number>
  > = {}
) => {
  const models = byField.reduce((a, b) => a + b, 0)
  return {
    _tag: "DVK" as const,
    models,
    byField: Object.fromEntries(fieldIds.map((f, i) => [f, byField[i] ?? 0])),
    byStatus: {
      registered: 0,
      inProgress: models,
      evaluated: 0,
      commended: 0,
      replicated: 0,
      discontinued: 0
    },
    newModels: 0,
    effective: 0,
    commended: 0,
    replicated: 0,
    exemplaryCases: 0,
    ...counts,
    extra: {}
  }
}

/** A report's content: `models` models in the first field, and `note` as its achievements. */
export const dvkContent = (models: number, note = "") => ({
  figures: dvkFigures([models]),
  achievements: note,
  shortcomings: "",
  nextTasks: ""
})
