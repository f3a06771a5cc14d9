/**
 * The 2025 reform of the administrative structure, as units and successions.
 *
 * On 01/07/2025 districts were abolished (Law 72/2025/QH15) and provinces merged (Resolution
 * 202/2025/QH15): Hà Nam (35), Nam Định (36) and Ninh Bình (37) became the new Ninh Bình province,
 * whose 129 communes and wards are read from the two-tier snapshot, valid from 01/07/2025. The units
 * before the reform are the three provinces of the three-tier snapshot, recorded from 01/01/2016 to
 * 01/07/2025 (Ninh Bình with Ninh Bình city and Hoa Lư district split back out of Hoa Lư city, as
 * in the `conference-2017` example, whose notes on what is reconstructed apply here too).
 *
 * Successions, all on 01/07/2025 and each carrying its predecessor's history, so every record of
 * an old unit is counted once in the new structure:
 * - each old province into the new province (a merge);
 * - each old district-level unit into the new province: the district level is gone, and its
 *   records (its own models and reports) are the province's to keep;
 * - each old commune into the new commune that took over its statistics code: under Decision
 *   19/2025/QĐ-TTg every new commune kept the code of one of the communes it was formed from;
 * - every other old commune into the new province. The snapshots do not say which new commune took
 *   over a commune whose code was not kept (the resolutions of the National Assembly Standing
 *   Committee that rearranged each province do): with that list, these links would point at the
 *   right communes instead, and nothing else here would change;
 * - the old province's agencies and enterprises into the new province.
 */
import { readFileSync } from "node:fs"
import { CalendarDate, DanvanError, Ids, Succession, Unit, UnitImport } from "@danvan/core"
import { Effect, Result, Schema } from "effect"
import * as NinhBinh2017 from "../conference-2017/units.ts"

/** The first day of the two-tier structure. */
export const reformDate = Unit.twoTierSince

/** The new Ninh Bình province. */
export const newProvinceId = Ids.UnitId.make(
  UnitImport.defaultId({ level: "province", code: "37", validFrom: reformDate })
)

/** The old provinces merged into the new one, by code. */
export const oldProvinces = {
  "35": Ids.UnitId.make(
    UnitImport.defaultId({ level: "province", code: "35", validFrom: NinhBinh2017.recordedFrom })
  ),
  "36": Ids.UnitId.make(
    UnitImport.defaultId({ level: "province", code: "36", validFrom: NinhBinh2017.recordedFrom })
  ),
  "37": NinhBinh2017.provinceId
} as const

/** A unit file could not be read or does not hold what the reform needs. */
export class ReformSourceError extends DanvanError.TaggedError<ReformSourceError>()("ReformSourceError", {
  file: Schema.String,
  reason: Schema.String
}) {
  override get message(): string {
    return `cannot build the 2025 reform from ${this.file}: ${this.reason}`
  }
}

/** The units before and after the reform and the successions between them. */
export interface Reform {
  readonly before: ReadonlyArray<Unit.Unit>
  readonly after: ReadonlyArray<Unit.Unit>
  /** The successions of 01/01/2025 (Hoa Lư city) and of 01/07/2025. */
  readonly successions: ReadonlyArray<Succession.Succession>
  /** Old communes whose code no new commune kept, carried at province level. */
  readonly carriedAtProvince: ReadonlyArray<Ids.UnitId>
}

const readJson = (file: string) =>
  Effect.try({
    try: () => JSON.parse(readFileSync(file, "utf8")) as unknown,
    catch: (e) => new ReformSourceError({ file, reason: e instanceof Error ? e.message : String(e) })
  })

const provincesWithCode = (json: unknown, codes: ReadonlyArray<string>) =>
  Array.isArray(json) ? json.filter((p) => codes.includes((p as { Code?: unknown }).Code as string)) : []

const merge = (predecessorId: Ids.UnitId, successorId: Ids.UnitId) =>
  new Succession.Succession({
    id: Ids.SuccessionId.make(`${predecessorId}-into-${successorId}`),
    kind: "merge",
    effectiveDate: reformDate,
    predecessorId,
    successorId,
    carriesHistory: true,
    version: 0
  })

/** Builds the reform from the two snapshots. */
export const build = (
  threeTier: unknown,
  twoTier: unknown,
  files: { readonly threeTier: string; readonly twoTier: string }
) =>
  Effect.gen(function* () {
    const fail = (file: string, reason: string) => Effect.fail(new ReformSourceError({ file, reason }))
    const ninhBinh = yield* Effect.fromResult(NinhBinh2017.fromDataset(threeTier, files.threeTier)).pipe(
      Effect.mapError((e) => new ReformSourceError({ file: e.file, reason: e.reason }))
    )
    const others = UnitImport.fromDataset(provincesWithCode(threeTier, ["35", "36"]), {
      validFrom: NinhBinh2017.recordedFrom,
      validUntil: reformDate
    })
    if (Result.isFailure(others)) return yield* fail(files.threeTier, others.failure.message)
    if (others.success.imported.filter((u) => u.level === "province").length !== 2) {
      return yield* fail(files.threeTier, "Hà Nam (35) or Nam Định (36) is missing")
    }
    const fresh = UnitImport.fromDataset(provincesWithCode(twoTier, ["37"]), { validFrom: reformDate })
    if (Result.isFailure(fresh)) return yield* fail(files.twoTier, fresh.failure.message)
    const after = fresh.success.imported
    if (!after.some((u) => u.id === newProvinceId)) return yield* fail(files.twoTier, "it has no province 37")
    const before = [...ninhBinh.units, ...others.success.imported]

    const newByCode = new Map(after.filter((u) => u.level === "commune").map((u) => [u.code as string, u.id]))
    const successions: Array<Succession.Succession> = [...ninhBinh.successions]
    const carriedAtProvince: Array<Ids.UnitId> = []
    for (const unit of before) {
      if (unit.validUntil !== reformDate) continue // Ninh Bình city and Hoa Lư district went into Hoa Lư city
      const successor =
        unit.level === "commune" ? (newByCode.get(unit.code as string) ?? newProvinceId) : newProvinceId
      if (unit.level === "commune" && successor === newProvinceId) carriedAtProvince.push(unit.id)
      successions.push(merge(unit.id, successor))
    }
    return { before, after, successions, carriedAtProvince } satisfies Reform
  })

/** Reads both snapshots and builds the reform. */
export const load = (threeTierFile: string, twoTierFile: string) =>
  Effect.gen(function* () {
    const threeTier = yield* readJson(threeTierFile)
    const twoTier = yield* readJson(twoTierFile)
    return yield* build(threeTier, twoTier, { threeTier: threeTierFile, twoTier: twoTierFile })
  })

/** Days after 01/01/2021, as a date (for spreading registrations over the phase). */
export const dayOfPhase = (n: number) => CalendarDate.addDays(CalendarDate.make(2021, 1, 1), n)
