/**
 * Administrative and grassroots units (đơn vị) and their place in a hierarchy that changes over
 * time.
 *
 * Territorial units follow the Constitution 2013 (Art. 110) and the Law on Organisation of Local
 * Government: before 01/07/2025 three tiers (province, district, commune); from 01/07/2025 two tiers
 * (Resolution 202/2025/QH15 merged provinces; the amended Constitution and Law 72/2025/QH15
 * abolished the district level). Grassroots units that are not territorial (agencies, public
 * service units, enterprises: the three kinds of grassroots unit of Law 10/2022/QH15, Art. 2,
 * plus armed-forces units and mass organisations) are attached to a territorial unit.
 *
 * A unit's parent is not a single field but a list of dated links, because a commune can move
 * between districts (transfer) without losing its identity or statistics code.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import * as CalendarDate from "../kernel/CalendarDate.ts"
import { UnitId } from "../kernel/Ids.ts"
import * as Interval from "../kernel/Interval.ts"
import { VietnameseName } from "../kernel/Text.ts"

/**
 * The tier of a unit. `grassroots` is every non-territorial unit.
 *
 * @category schemas
 * @since 0.1.0
 */
export const UnitLevel = Schema.Literals(["province", "district", "commune", "grassroots"])
/**
 * @category models
 * @since 0.1.0
 */
export type UnitLevel = typeof UnitLevel.Type

/**
 * The unit types. Territorial ones are the ten of the three-tier structure plus `specialZone`
 * (đặc khu, from 2025):
 * - province level: `province` (tỉnh), `centralCity` (thành phố trực thuộc trung ương);
 * - district level: `ruralDistrict` (huyện), `urbanDistrict` (quận), `districtTown` (thị xã),
 *   `provincialCity` (thành phố thuộc tỉnh), `municipalCity` (thành phố thuộc thành phố trực thuộc
 *   trung ương);
 * - commune level: `commune` (xã), `ward` (phường), `townlet` (thị trấn), `specialZone` (đặc khu).
 * Grassroots, non-territorial: `agency` (cơ quan), `publicServiceUnit` (đơn vị sự nghiệp công lập),
 * `enterprise` (doanh nghiệp), `armedForcesUnit` (đơn vị lực lượng vũ trang), `massOrganisation`
 * (tổ chức chính trị - xã hội).
 *
 * @category schemas
 * @since 0.1.0
 */
export const UnitType = Schema.Literals([
  "province",
  "centralCity",
  "ruralDistrict",
  "urbanDistrict",
  "districtTown",
  "provincialCity",
  "municipalCity",
  "commune",
  "ward",
  "townlet",
  "specialZone",
  "agency",
  "publicServiceUnit",
  "enterprise",
  "armedForcesUnit",
  "massOrganisation"
])
/**
 * @category models
 * @since 0.1.0
 */
export type UnitType = typeof UnitType.Type

/**
 * The level of each unit type.
 *
 * @category constants
 * @since 0.1.0
 */
export const levelOf: Readonly<Record<UnitType, UnitLevel>> = {
  province: "province",
  centralCity: "province",
  ruralDistrict: "district",
  urbanDistrict: "district",
  districtTown: "district",
  provincialCity: "district",
  municipalCity: "district",
  commune: "commune",
  ward: "commune",
  townlet: "commune",
  specialZone: "commune",
  agency: "grassroots",
  publicServiceUnit: "grassroots",
  enterprise: "grassroots",
  armedForcesUnit: "grassroots",
  massOrganisation: "grassroots"
}

/**
 * The statistics office's code of a territorial unit: 2 digits for a province, 3 for a district,
 * 5 for a commune (Decision 124/2004/QĐ-TTg; from 2025, Decision 19/2025/QĐ-TTg). Codes are
 * national, not prefixed by the parent's code, so the parent is stored, never derived from it.
 *
 * @category schemas
 * @since 0.1.0
 */
export const StatisticsCode = Schema.String.pipe(
  Schema.check(
    Schema.makeFilter((s: string) =>
      /^(\d{2}|\d{3}|\d{5})$/.test(s)
        ? undefined
        : `a statistics code has 2 (province), 3 (district) or 5 (commune) digits, got ${JSON.stringify(s)}`
    )
  ),
  Schema.brand("StatisticsCode")
)
/**
 * @category models
 * @since 0.1.0
 */
export type StatisticsCode = typeof StatisticsCode.Type

/**
 * Digits a statistics code has at each territorial level.
 *
 * @category constants
 * @since 0.1.0
 */
export const codeLength: Readonly<Partial<Record<UnitLevel, number>>> = {
  province: 2,
  district: 3,
  commune: 5
}

/**
 * A dated link to a parent: the unit sits under `parentId` from `from` (inclusive) until `until`
 * (exclusive; absent while still current).
 *
 * @category models
 * @since 0.1.0
 */
export class ParentLink extends Schema.Class<ParentLink>("ParentLink")({
  parentId: UnitId,
  from: CalendarDate.CalendarDate,
  until: Schema.optionalKey(CalendarDate.CalendarDate)
}) {}

/**
 * Whether a parent link applies on a date (`from <= date < until`).
 *
 * @category predicates
 * @since 0.1.0
 */
export const linkCovers = (
  link: Pick<ParentLink, "from" | "until">,
  date: CalendarDate.CalendarDate
): boolean => Interval.contains(link.from, link.until, date)

/**
 * A unit. Valid from `validFrom` (inclusive) until `validUntil` (exclusive; absent while it
 * exists). `parents` is empty for a province and otherwise covers the whole validity with
 * consecutive links. `version` is the optimistic-concurrency version kept by the store. `name` is
 * the name without the type word ({@link fullName} adds it) and a Vietnamese name
 * (`Text.VietnameseName`), however the unit is created: a look-alike letter from another script is
 * refused naming the letter, as the statistics-office importer refuses it.
 *
 * @category models
 * @since 0.1.0
 */
export class Unit extends Schema.Class<Unit>("Unit")({
  id: UnitId,
  type: UnitType,
  name: VietnameseName,
  code: Schema.optionalKey(StatisticsCode),
  validFrom: CalendarDate.CalendarDate,
  validUntil: Schema.optionalKey(CalendarDate.CalendarDate),
  parents: Schema.Array(ParentLink),
  version: Schema.Int.pipe(Schema.check(Schema.isGreaterThanOrEqualTo(0)))
}) {
  /** @since 0.1.0 */
  get level(): UnitLevel {
    return levelOf[this.type]
  }
}

/**
 * Whether a unit exists on a date (`validFrom <= date < validUntil`).
 *
 * @category predicates
 * @since 0.1.0
 */
export const isValidOn = (
  unit: Pick<Unit, "validFrom" | "validUntil">,
  date: CalendarDate.CalendarDate
): boolean => Interval.contains(unit.validFrom, unit.validUntil, date)

/**
 * The parent of a unit on a date, from its dated links; `undefined` for a province or a date no
 * link covers.
 *
 * @category queries
 * @since 0.1.0
 */
export const parentOn = (
  unit: Pick<Unit, "parents">,
  date: CalendarDate.CalendarDate
): UnitId | undefined => {
  for (const link of unit.parents) if (linkCovers(link, date)) return link.parentId
  return undefined
}

/**
 * The first day of the two-tier structure of local government: from 01/07/2025 there is no
 * district level and communes sit directly under provinces, so a record dated on or after
 * 01/07/2025 names no district: Law 72/2025/QH15 on Organisation of Local Government and Resolution
 * 202/2025/QH15 on rearranging provinces, in force on that day together with the amended
 * Constitution (their articles unconfirmed here; [rules: Units and succession](https://github.com/danvan-vn/danvan/blob/main/docs/rules.md#units-and-succession-law-4)).
 *
 * @category constants
 * @since 0.1.0
 */
export const twoTierSince: CalendarDate.CalendarDate = CalendarDate.make(2025, 7, 1)

/**
 * The levels a unit's parent may have on a date:
 * - a province has no parent;
 * - a district-level unit sits under a province (only before {@link twoTierSince});
 * - a commune sits under a district-level unit before {@link twoTierSince} and under a province
 *   from then (Law 72/2025/QH15);
 * - a grassroots unit (agency, public service unit, enterprise: Law 10/2022/QH15, Art. 2) is
 *   attached to a territorial unit of any level.
 *
 * @category rules
 * @since 0.1.0
 */
export const allowedParentLevels = (
  level: UnitLevel,
  date: CalendarDate.CalendarDate
): ReadonlyArray<UnitLevel> => {
  switch (level) {
    case "province":
      return []
    case "district":
      return ["province"]
    case "commune":
      return date < twoTierSince ? ["district"] : ["province"]
    case "grassroots":
      return ["province", "district", "commune"]
  }
}

/**
 * The Vietnamese word that precedes a unit's name in full (`Tỉnh`, `Thành phố`, `Huyện`, `Quận`,
 * `Thị xã`, `Xã`, `Phường`, `Thị trấn`, `Đặc khu`); empty for grassroots units, whose names are
 * complete already.
 *
 * @category formatting
 * @since 0.1.0
 */
export const typeLabel: Readonly<Record<UnitType, string>> = {
  province: "Tỉnh",
  centralCity: "Thành phố",
  ruralDistrict: "Huyện",
  urbanDistrict: "Quận",
  districtTown: "Thị xã",
  provincialCity: "Thành phố",
  municipalCity: "Thành phố",
  commune: "Xã",
  ward: "Phường",
  townlet: "Thị trấn",
  specialZone: "Đặc khu",
  agency: "",
  publicServiceUnit: "",
  enterprise: "",
  armedForcesUnit: "",
  massOrganisation: ""
}

/**
 * A unit's full name as documents write it: `Phường Phúc Xá`, `Tỉnh Ninh Bình`. Names are stored
 * without the type word, which {@link typeLabel} supplies.
 *
 * @category formatting
 * @since 0.1.0
 */
export const fullName = (unit: Pick<Unit, "type" | "name">): string => {
  const label = typeLabel[unit.type]
  return label === "" ? unit.name : `${label} ${unit.name}`
}
