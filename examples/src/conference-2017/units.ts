/**
 * Ninh Bình province (statistics code 37) as it was in 2017: the province, its eight district-level
 * units and their communes, read in place from the three-tier unit snapshot with the core
 * importer (`UnitImport.fromDataset`), then adjusted back to 2017, plus some agencies and
 * enterprises.
 *
 * The snapshot is of early 2025, when Ninh Bình city (369) and Hoa Lư district (374) had already
 * been merged into Hoa Lư city, which took the code 374. The 2017 province had both, so the 20
 * communes of Hoa Lư city are split back: the twelve listed in {@link ninhBinhCityCommunes} to
 * Ninh Bình city, the rest to Hoa Lư district, each with a dated second parent link to Hoa Lư
 * city, and each old unit is linked to Hoa Lư city by a merge that carries its history.
 *
 * What is reconstructed, not read from a source:
 * - validity starts: the sources do not date the units, so every unit is recorded from
 *   01/01/2016, the start of the 2016–2020 phase the example covers;
 * - the date Hoa Lư city was formed, 01/01/2025 (the sources say only "before 2025");
 * - the end of everything imported on 01/07/2025, when districts were abolished and Ninh Bình
 *   merged with Hà Nam and Nam Định (see the `reform-2025` example for what came next);
 * - the communes' names and types are the snapshot's: commune-level changes between 2017 and early
 *   2025 (communes that became wards, wards merged into neighbours) are not undone, so some 2017
 *   communes may be missing or typed differently;
 * - the agencies and enterprises are illustrative examples of grassroots units (Law 10/2022/QH15,
 *   Art. 2), attached to the province.
 */
import { readFileSync } from "node:fs"
import { CalendarDate, DanvanError, Ids, Succession, Unit, UnitImport } from "@danvan/core"
import { Effect, Result, Schema } from "effect"

/** The first day the example records units. */
export const recordedFrom = CalendarDate.make(2016, 1, 1)
/** The day Hoa Lư city was formed from Ninh Bình city and Hoa Lư district (reconstructed). */
export const hoaLuCityFrom = CalendarDate.make(2025, 1, 1)
/** The first day of the two-tier structure: districts abolished, provinces merged. */
export const twoTierFrom = Unit.twoTierSince

const districtId = (code: string, validFrom: CalendarDate.CalendarDate) =>
  Ids.UnitId.make(UnitImport.defaultId({ level: "district", code, validFrom }))

/** Ninh Bình province, 2016 to 30/06/2025. */
export const provinceId = Ids.UnitId.make(
  UnitImport.defaultId({ level: "province", code: "37", validFrom: recordedFrom })
)
/** Ninh Bình city (369), until it merged into Hoa Lư city. */
export const ninhBinhCityId = districtId("369", recordedFrom)
/** Hoa Lư district (374), until it merged into Hoa Lư city. */
export const hoaLuDistrictId = districtId("374", recordedFrom)
/** Hoa Lư city (374), from 01/01/2025 until districts were abolished. */
export const hoaLuCityId = districtId("374", hoaLuCityFrom)

/** The 2017 district-level units by statistics code. */
export const districtIds = {
  "369": ninhBinhCityId,
  "370": districtId("370", recordedFrom),
  "372": districtId("372", recordedFrom),
  "373": districtId("373", recordedFrom),
  "374": hoaLuDistrictId,
  "375": districtId("375", recordedFrom),
  "376": districtId("376", recordedFrom),
  "377": districtId("377", recordedFrom)
} as const

/** A 2017 district-level unit's statistics code. */
export type DistrictCode = keyof typeof districtIds

/** The communes of Hoa Lư city (snapshot) that belonged to Ninh Bình city in 2017. */
export const ninhBinhCityCommunes: ReadonlyArray<string> = [
  "Đông Thành",
  "Tân Thành",
  "Vân Giang",
  "Bích Đào",
  "Nam Bình",
  "Nam Thành",
  "Ninh Khánh",
  "Ninh Nhất",
  "Ninh Tiến",
  "Ninh Phúc",
  "Ninh Sơn",
  "Ninh Phong"
]

/** Illustrative grassroots units: agencies, a public service unit, mass organisations, enterprises. */
export const grassroots = [
  { id: "nb-agency-ban-dan-van", type: "agency", name: "Ban Dân vận Tỉnh ủy Ninh Bình" },
  { id: "nb-agency-so-lao-dong", type: "agency", name: "Sở Lao động - Thương binh và Xã hội tỉnh Ninh Bình" },
  { id: "nb-psu-benh-vien", type: "publicServiceUnit", name: "Bệnh viện Đa khoa tỉnh Ninh Bình" },
  { id: "nb-armed-cong-an", type: "armedForcesUnit", name: "Công an tỉnh Ninh Bình" },
  { id: "nb-mass-hoi-nong-dan", type: "massOrganisation", name: "Hội Nông dân tỉnh Ninh Bình" },
  { id: "nb-enterprise-dam", type: "enterprise", name: "Công ty TNHH MTV Đạm Ninh Bình" },
  { id: "nb-enterprise-trang-an", type: "enterprise", name: "Công ty Cổ phần Du lịch Tràng An" }
] as const

/** The unit file could not be read, or the province is not in it, or it imports with rejections. */
export class UnitSourceError extends DanvanError.TaggedError<UnitSourceError>()("UnitSourceError", {
  file: Schema.String,
  reason: Schema.String
}) {
  override get message(): string {
    return `cannot build Ninh Bình 2017 from ${this.file}: ${this.reason}`
  }
}

const link = (parentId: Ids.UnitId, from: CalendarDate.CalendarDate, until: CalendarDate.CalendarDate) =>
  new Unit.ParentLink({ parentId, from, until })

/** The province's units and the successions of 01/01/2025, ready for `Units.importUnits`. */
export interface NinhBinh2017 {
  readonly units: ReadonlyArray<Unit.Unit>
  readonly successions: ReadonlyArray<Succession.Succession>
}

/**
 * Builds Ninh Bình of 2017 from the dataset's provinces (the parsed three-tier file): the
 * snapshot's units from {@link recordedFrom} to {@link twoTierFrom}, with Hoa Lư city split back.
 */
export const fromDataset = (
  provinces: unknown,
  file: string
): Result.Result<NinhBinh2017, UnitSourceError> => {
  const fail = (reason: string) => Result.fail(new UnitSourceError({ file, reason }))
  if (!Array.isArray(provinces)) return fail("it is not an array of provinces")
  const ninhBinh = provinces.filter(
    (p) => typeof p === "object" && p !== null && (p as { Code?: unknown }).Code === "37"
  )
  if (ninhBinh.length !== 1) return fail(`it has ${ninhBinh.length} provinces with code 37, expected one`)
  const imported = UnitImport.fromDataset(ninhBinh, { validFrom: recordedFrom, validUntil: twoTierFrom })
  if (Result.isFailure(imported)) return fail(imported.failure.message)
  const { imported: units, rejected } = imported.success
  if (rejected.length > 0) return fail(rejected.map((r) => `${r.record}: ${r.reason}`).join("; "))
  const snapshotHoaLuCity = units.find((u) => u.code === "374")
  if (snapshotHoaLuCity === undefined || snapshotHoaLuCity.id !== hoaLuDistrictId) {
    return fail("it has no district-level unit 374 (Hoa Lư city)")
  }
  const untilCity = [link(provinceId, recordedFrom, hoaLuCityFrom)]
  const ninhBinhCity = new Unit.Unit({
    id: ninhBinhCityId,
    type: "provincialCity",
    name: "Ninh Bình",
    code: Unit.StatisticsCode.make("369"),
    validFrom: recordedFrom,
    validUntil: hoaLuCityFrom,
    parents: untilCity,
    version: 0
  })
  const hoaLuDistrict = new Unit.Unit({
    ...snapshotHoaLuCity,
    type: "ruralDistrict",
    validUntil: hoaLuCityFrom,
    parents: untilCity
  })
  const hoaLuCity = new Unit.Unit({
    id: hoaLuCityId,
    type: "provincialCity",
    name: "Hoa Lư",
    code: Unit.StatisticsCode.make("374"),
    validFrom: hoaLuCityFrom,
    validUntil: twoTierFrom,
    parents: [link(provinceId, hoaLuCityFrom, twoTierFrom)],
    version: 0
  })
  const cityCommunes = new Set(ninhBinhCityCommunes)
  const adjusted = units.map((u) => {
    if (u.id === hoaLuDistrictId) return hoaLuDistrict
    if (u.level !== "commune" || Unit.parentOn(u, recordedFrom) !== hoaLuDistrictId) return u
    const before = cityCommunes.has(u.name) ? ninhBinhCityId : hoaLuDistrictId
    return new Unit.Unit({
      ...u,
      parents: [link(before, recordedFrom, hoaLuCityFrom), link(hoaLuCityId, hoaLuCityFrom, twoTierFrom)]
    })
  })
  const movedToCity = adjusted.filter((u) => Unit.parentOn(u, recordedFrom) === ninhBinhCityId).length
  if (movedToCity !== ninhBinhCityCommunes.length) {
    return fail(
      `found ${movedToCity} of the ${ninhBinhCityCommunes.length} communes of Ninh Bình city under 374`
    )
  }
  const others = grassroots.map(
    (g) =>
      new Unit.Unit({
        id: Ids.UnitId.make(g.id),
        type: g.type,
        name: g.name,
        validFrom: recordedFrom,
        validUntil: twoTierFrom,
        parents: [link(provinceId, recordedFrom, twoTierFrom)],
        version: 0
      })
  )
  const merge = (predecessorId: Ids.UnitId) =>
    new Succession.Succession({
      id: Ids.SuccessionId.make(`${predecessorId}-into-${hoaLuCityId}`),
      kind: "merge",
      effectiveDate: hoaLuCityFrom,
      predecessorId,
      successorId: hoaLuCityId,
      carriesHistory: true,
      version: 0
    })
  return Result.succeed({
    units: [...adjusted, ninhBinhCity, hoaLuCity, ...others],
    successions: [merge(ninhBinhCityId), merge(hoaLuDistrictId)]
  })
}

/** Reads the three-tier file at `file` and builds Ninh Bình of 2017 from it. */
export const load = (file: string): Effect.Effect<NinhBinh2017, UnitSourceError> =>
  Effect.flatMap(
    Effect.try({
      try: () => JSON.parse(readFileSync(file, "utf8")) as unknown,
      catch: (e) => new UnitSourceError({ file, reason: e instanceof Error ? e.message : String(e) })
    }),
    (json) => Effect.fromResult(fromDataset(json, file))
  )
