/**
 * The hierarchy of units as of a date, and the rules a set of units must keep.
 *
 * A {@link Hierarchy} is a pure in-memory index over a set of units. Every query is "as of a date":
 * it sees the units valid that day (`validFrom <= date < validUntil`) linked by the parent links
 * valid that day (`from <= date < until`), the same semantics as `UnitRepository`. Because the
 * tiers of local government changed on 01/07/2025 (Resolution 202/2025/QH15; Law 72/2025/QH15 on
 * Organisation of Local Government), the answer depends on the date: a commune's parent is its
 * district before that day and its province from then.
 *
 * {@link validate} checks a whole set of units at once and returns every violation it finds, as
 * typed errors whose `message` says what is wrong.
 *
 * @since 0.1.0
 */
import { Order, Schema } from "effect"
import * as CalendarDate from "../kernel/CalendarDate.ts"
import * as Cycles from "../kernel/Cycles.ts"
import { UnitId } from "../kernel/Ids.ts"
import * as Interval from "../kernel/Interval.ts"
import * as Violation from "../kernel/Violation.ts"
import {
  allowedParentLevels,
  codeLength,
  isValidOn,
  levelOf,
  linkCovers,
  type ParentLink,
  twoTierSince,
  type Unit,
  UnitLevel
} from "./Unit.ts"

// ---------------------------------------------------------------------------------------------
// The index
// ---------------------------------------------------------------------------------------------

/**
 * A link from a child to the parent it names, as the index keeps it.
 *
 * @category models
 * @since 0.1.0
 */
export interface ChildLink {
  readonly child: Unit
  readonly link: ParentLink
}

/**
 * An index over a set of units: by id, and from each unit to the links that name it as parent.
 * Build it once with {@link make}; it never changes.
 *
 * @category models
 * @since 0.1.0
 */
export interface Hierarchy {
  readonly byId: ReadonlyMap<UnitId, Unit>
  readonly childLinks: ReadonlyMap<UnitId, ReadonlyArray<ChildLink>>
  readonly byCode: ReadonlyMap<string, ReadonlyArray<Unit>>
}

/**
 * The order units are listed in: by id.
 *
 * @category orders
 * @since 0.1.0
 */
export const byId: Order.Order<Pick<Unit, "id">> = Order.mapInput(Order.String, (u: Pick<Unit, "id">) => u.id)

/**
 * Indexes a set of units. When two records share an id the first one wins (see
 * {@link validate}, which reports duplicates).
 *
 * @example Asking where a commune sat before and after the 2025 reform
 * ```ts
 * import { CalendarDate, Hierarchy, Ids, Unit } from "@danvan/core"
 * import { Schema } from "effect"
 *
 * const units = Schema.decodeUnknownSync(Schema.Array(Unit.Unit))([
 *   { id: "vn-37", type: "province", name: "Ninh Bình", code: "37", validFrom: "2016-01-01", parents: [], version: 0 },
 *   {
 *     id: "vn-374", type: "ruralDistrict", name: "Hoa Lư", code: "374", validFrom: "2016-01-01", validUntil: "2025-07-01",
 *     parents: [{ parentId: "vn-37", from: "2016-01-01", until: "2025-07-01" }], version: 0
 *   },
 *   // Under its district until the district level ended, under the province from 01/07/2025.
 *   {
 *     id: "vn-14533", type: "commune", name: "Trường Yên", code: "14533", validFrom: "2016-01-01",
 *     parents: [{ parentId: "vn-374", from: "2016-01-01", until: "2025-07-01" }, { parentId: "vn-37", from: "2025-07-01" }],
 *     version: 0
 *   }
 * ])
 * const h = Hierarchy.make(units)
 * const truongYen = Ids.UnitId.make("vn-14533")
 * const names = (found: ReadonlyArray<Unit.Unit>) => found.map((u) => u.name)
 * console.log(names(Hierarchy.ancestors(h, truongYen, CalendarDate.make(2017, 6, 30)))) // ["Hoa Lư", "Ninh Bình"]
 * console.log(names(Hierarchy.ancestors(h, truongYen, CalendarDate.make(2025, 7, 1)))) // ["Ninh Bình"]
 * console.log(names(Hierarchy.children(h, Ids.UnitId.make("vn-37"), CalendarDate.make(2025, 7, 1)))) // ["Trường Yên"]
 * console.log(Hierarchy.validate(units)) // []: the set keeps the rules of the administrative structure
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const make = (units: Iterable<Unit>): Hierarchy => {
  const byId = new Map<UnitId, Unit>()
  for (const unit of units) if (!byId.has(unit.id)) byId.set(unit.id, unit)
  const childLinks = new Map<UnitId, Array<ChildLink>>()
  for (const child of byId.values()) {
    for (const link of child.parents) {
      const list = childLinks.get(link.parentId)
      if (list === undefined) childLinks.set(link.parentId, [{ child, link }])
      else list.push({ child, link })
    }
  }
  const byCode = new Map<string, Array<Unit>>()
  for (const unit of byId.values()) {
    if (unit.code === undefined) continue
    const list = byCode.get(unit.code)
    if (list === undefined) byCode.set(unit.code, [unit])
    else list.push(unit)
  }
  return { byId, childLinks, byCode }
}

/**
 * The unit with that id if it is valid on the date.
 *
 * @category queries
 * @since 0.1.0
 */
export const get = (h: Hierarchy, id: UnitId, date: CalendarDate.CalendarDate): Unit | undefined => {
  const unit = h.byId.get(id)
  return unit !== undefined && isValidOn(unit, date) ? unit : undefined
}

/**
 * The parent of a unit as of a date: the unit must be valid that day, the link must cover the day
 * and the parent must be valid that day; otherwise `undefined` (always for a province).
 *
 * @category queries
 * @since 0.1.0
 */
export const parentOf = (h: Hierarchy, id: UnitId, date: CalendarDate.CalendarDate): Unit | undefined => {
  const unit = get(h, id, date)
  if (unit === undefined) return undefined
  for (const link of unit.parents) {
    if (linkCovers(link, date)) return get(h, link.parentId, date)
  }
  return undefined
}

/**
 * The chain of parents of a unit as of a date, nearest first (empty for a province, or for a unit
 * not valid that day). Stops at a repeated unit, so malformed data with a cycle still ends.
 *
 * @category queries
 * @since 0.1.0
 */
export const ancestors = (h: Hierarchy, id: UnitId, date: CalendarDate.CalendarDate): ReadonlyArray<Unit> => {
  const chain: Array<Unit> = []
  const seen = new Set<UnitId>([id])
  let parent = parentOf(h, id, date)
  while (parent !== undefined && !seen.has(parent.id)) {
    chain.push(parent)
    seen.add(parent.id)
    parent = parentOf(h, parent.id, date)
  }
  return chain
}

/**
 * The units directly under a unit as of a date, ordered by id; empty when the unit is not valid
 * that day.
 *
 * @category queries
 * @since 0.1.0
 */
export const children = (h: Hierarchy, id: UnitId, date: CalendarDate.CalendarDate): ReadonlyArray<Unit> => {
  if (get(h, id, date) === undefined) return []
  const result: Array<Unit> = []
  for (const { child, link } of h.childLinks.get(id) ?? []) {
    // The first link covering the day is the one `parentOn` reads, so a child with overlapping
    // links is listed under one parent only.
    if (
      isValidOn(child, date) &&
      linkCovers(link, date) &&
      child.parents.find((l) => linkCovers(l, date)) === link
    ) {
      result.push(child)
    }
  }
  return result.sort(byId)
}

/**
 * Every unit below a unit as of a date (children, their children, …), ordered by id, without the
 * unit itself.
 *
 * @category queries
 * @since 0.1.0
 */
export const descendants = (
  h: Hierarchy,
  id: UnitId,
  date: CalendarDate.CalendarDate
): ReadonlyArray<Unit> => {
  const seen = new Set<UnitId>([id])
  const result: Array<Unit> = []
  const queue: Array<UnitId> = [id]
  for (let i = 0; i < queue.length; i++) {
    for (const child of children(h, queue[i] as UnitId, date)) {
      if (seen.has(child.id)) continue
      seen.add(child.id)
      result.push(child)
      queue.push(child.id)
    }
  }
  return result.sort(byId)
}

/**
 * The jurisdiction of a unit as of a date: the unit itself and every unit below it, ordered by id
 * (empty when the unit is not valid that day). An officer of a unit acts within it
 * ([rules: Jurisdiction](https://github.com/danvan-vn/danvan/blob/main/docs/rules.md#jurisdiction-audit-and-storage-law-8)).
 *
 * @category queries
 * @since 0.1.0
 */
export const jurisdiction = (
  h: Hierarchy,
  id: UnitId,
  date: CalendarDate.CalendarDate
): ReadonlyArray<Unit> => {
  const root = get(h, id, date)
  if (root === undefined) return []
  return [root, ...descendants(h, id, date)].sort(byId)
}

/**
 * The unit valid on a date that has a statistics code, if any.
 *
 * @category queries
 * @since 0.1.0
 */
export const findByCode = (h: Hierarchy, code: string, date: CalendarDate.CalendarDate): Unit | undefined => {
  return h.byCode.get(code)?.find((unit) => isValidOn(unit, date))
}

// ---------------------------------------------------------------------------------------------
// Violations
// ---------------------------------------------------------------------------------------------

const OptionalDate = Schema.optionalKey(CalendarDate.CalendarDate)
const showUntil = (until: CalendarDate.CalendarDate | undefined) =>
  until === undefined ? "with no end" : `until ${until}`

/**
 * Two records share one id.
 *
 * @category violations
 * @since 0.1.0
 */
export class DuplicateUnitId extends Violation.TaggedClass<DuplicateUnitId>()(
  "DuplicateUnitId",
  {
    unitId: UnitId,
    count: Schema.Int
  },
  (v) => `the id ${JSON.stringify(v.unitId)} is used by ${v.count} units; an id names one unit`
) {}

/**
 * A unit's validity ends on or before the day it starts.
 *
 * @category violations
 * @since 0.1.0
 */
export class EmptyValidity extends Violation.TaggedClass<EmptyValidity>()(
  "EmptyValidity",
  {
    unitId: UnitId,
    validFrom: CalendarDate.CalendarDate,
    validUntil: CalendarDate.CalendarDate
  },
  (v) =>
    `unit ${v.unitId} is valid from ${v.validFrom} until ${v.validUntil}, which is not a single day: the end must come after the start`
) {}

/**
 * A district-level unit is valid on or after 01/07/2025, when the district level was abolished
 * (Resolution 202/2025/QH15; Law 72/2025/QH15).
 *
 * @category violations
 * @since 0.1.0
 */
export class DistrictAfterTwoTier extends Violation.TaggedClass<DistrictAfterTwoTier>()(
  "DistrictAfterTwoTier",
  {
    unitId: UnitId,
    validFrom: CalendarDate.CalendarDate,
    validUntil: OptionalDate
  },
  (v) =>
    `district-level unit ${v.unitId} is valid from ${v.validFrom} ${showUntil(v.validUntil)}, but there is no district level from ${twoTierSince} (Law 72/2025/QH15): its validity must end on ${twoTierSince} at the latest`
) {}

/**
 * A statistics code whose number of digits does not fit the unit's level (2 province, 3 district,
 * 5 commune; Decision 124/2004/QĐ-TTg, Decision 19/2025/QĐ-TTg), or a code on a grassroots unit,
 * which the statistics office does not code.
 *
 * @category violations
 * @since 0.1.0
 */
export class CodeLevelMismatch extends Violation.TaggedClass<CodeLevelMismatch>()(
  "CodeLevelMismatch",
  {
    unitId: UnitId,
    code: Schema.String,
    level: UnitLevel
  },
  (v) => {
    const digits = codeLength[v.level]
    return digits === undefined
      ? `unit ${v.unitId} is a grassroots unit with statistics code ${v.code}; only territorial units have one`
      : `unit ${v.unitId} is at ${v.level} level, so its statistics code has ${digits} digits, but it is ${JSON.stringify(v.code)}`
  }
) {}

/**
 * Two units valid on the same day share a statistics code.
 *
 * @category violations
 * @since 0.1.0
 */
export class DuplicateCode extends Violation.TaggedClass<DuplicateCode>()(
  "DuplicateCode",
  {
    code: Schema.String,
    unitIds: Schema.Array(UnitId),
    on: CalendarDate.CalendarDate
  },
  (v) =>
    `statistics code ${v.code} is used by units ${v.unitIds.join(" and ")}, both valid on ${v.on}; a code names one unit on any day`
) {}

/**
 * A parent link names a unit that is not in the set.
 *
 * @category violations
 * @since 0.1.0
 */
export class MissingParent extends Violation.TaggedClass<MissingParent>()(
  "MissingParent",
  {
    unitId: UnitId,
    parentId: UnitId
  },
  (v) => `unit ${v.unitId} names parent ${v.parentId}, which does not exist`
) {}

/**
 * A parent link covers days on which the parent is not valid: a unit's parent is valid whenever
 * the unit is (Constitution 2013, Art. 110; the Law on Organisation of Local Government).
 *
 * @category violations
 * @since 0.1.0
 */
export class ParentNotValid extends Violation.TaggedClass<ParentNotValid>()(
  "ParentNotValid",
  {
    unitId: UnitId,
    parentId: UnitId,
    from: CalendarDate.CalendarDate,
    until: OptionalDate
  },
  (v) =>
    `unit ${v.unitId} sits under ${v.parentId} from ${v.from} ${showUntil(v.until)}, but ${v.parentId} is not valid on all those days; a unit's parent is valid whenever the unit is`
) {}

/**
 * The parent links of a unit leave part of its validity uncovered (a gap, a late start, an early
 * end, a unit below the province level with no link at all, or a link that ends before it starts).
 *
 * @category violations
 * @since 0.1.0
 */
export class ParentLinksNotContiguous extends Violation.TaggedClass<ParentLinksNotContiguous>()(
  "ParentLinksNotContiguous",
  {
    unitId: UnitId,
    detail: Schema.String
  },
  (v) => `the parent links of unit ${v.unitId} must cover its whole validity one after another: ${v.detail}`
) {}

/**
 * Two parent links of a unit cover the same day, so the unit would have two parents.
 *
 * @category violations
 * @since 0.1.0
 */
export class ParentLinksOverlap extends Violation.TaggedClass<ParentLinksOverlap>()(
  "ParentLinksOverlap",
  {
    unitId: UnitId,
    on: CalendarDate.CalendarDate
  },
  (v) => `unit ${v.unitId} has two parent links covering ${v.on}; a unit has one parent on any day`
) {}

/**
 * A parent of a level the unit may not sit under: a province has no parent; a district-level unit
 * sits under a province; a commune under a district-level unit before 01/07/2025 and under a
 * province from then (Law 72/2025/QH15); a grassroots unit under a territorial unit (Law
 * 10/2022/QH15, Art. 2).
 *
 * @category violations
 * @since 0.1.0
 */
export class WrongParentLevel extends Violation.TaggedClass<WrongParentLevel>()(
  "WrongParentLevel",
  {
    unitId: UnitId,
    level: UnitLevel,
    parentId: UnitId,
    parentLevel: UnitLevel,
    on: CalendarDate.CalendarDate
  },
  (v) => {
    const allowed = allowedParentLevels(v.level, v.on)
    return allowed.length === 0
      ? `unit ${v.unitId} is a province and has no parent, but it names ${v.parentId} from ${v.on}`
      : `unit ${v.unitId} (${v.level} level) sits under ${v.parentId} (${v.parentLevel} level) on ${v.on}, but on that day a ${v.level}-level unit sits under a unit of ${allowed.join(" or ")} level`
  }
) {}

/**
 * Parent links that lead from a unit back to itself on some day.
 *
 * @category violations
 * @since 0.1.0
 */
export class HierarchyCycle extends Violation.TaggedClass<HierarchyCycle>()(
  "HierarchyCycle",
  {
    unitIds: Schema.Array(UnitId),
    on: CalendarDate.CalendarDate
  },
  (v) =>
    `on ${v.on} the parent links form a cycle ${[...v.unitIds, v.unitIds[0]].join(" → ")}; a unit cannot be its own ancestor`
) {}

/**
 * Every violation {@link validate} reports.
 *
 * @category violations
 * @since 0.1.0
 */
export const HierarchyViolation = Schema.Union([
  DuplicateUnitId,
  EmptyValidity,
  DistrictAfterTwoTier,
  CodeLevelMismatch,
  DuplicateCode,
  MissingParent,
  ParentNotValid,
  ParentLinksNotContiguous,
  ParentLinksOverlap,
  WrongParentLevel,
  HierarchyCycle
])
/**
 * @category violations
 * @since 0.1.0
 */
export type HierarchyViolation = typeof HierarchyViolation.Type

// ---------------------------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------------------------

/** Whether end `a` is later than end `b`, an absent end being later than every date. */
const after = (a: Interval.End, b: Interval.End) => Interval.endsBefore(b, a)

const checkCoverage = (unit: Unit, out: Array<HierarchyViolation>): void => {
  const level = levelOf[unit.type]
  const links = [...unit.parents].sort((a, b) => CalendarDate.compare(a.from, b.from))
  if (level === "province") return
  if (links.length === 0) {
    out.push(
      new ParentLinksNotContiguous({
        unitId: unit.id,
        detail: `a ${level}-level unit needs a parent, and it has no parent link`
      })
    )
    return
  }
  for (const link of links) {
    if (link.until !== undefined && link.until <= link.from) {
      out.push(
        new ParentLinksNotContiguous({
          unitId: unit.id,
          detail: `the link to ${link.parentId} runs from ${link.from} until ${link.until}, which is not a single day`
        })
      )
    }
  }
  const first = links[0] as ParentLink
  if (first.from !== unit.validFrom) {
    out.push(
      new ParentLinksNotContiguous({
        unitId: unit.id,
        detail: `the unit is valid from ${unit.validFrom} but its first link starts on ${first.from}`
      })
    )
  }
  for (let i = 1; i < links.length; i++) {
    const prev = links[i - 1] as ParentLink
    const next = links[i] as ParentLink
    if (prev.until === undefined || next.from < prev.until) {
      out.push(new ParentLinksOverlap({ unitId: unit.id, on: next.from }))
    } else if (next.from > prev.until) {
      out.push(
        new ParentLinksNotContiguous({
          unitId: unit.id,
          detail: `no link covers ${prev.until} to ${CalendarDate.addDays(next.from, -1)}`
        })
      )
    }
  }
  const last = links[links.length - 1] as ParentLink
  if (last.until !== unit.validUntil) {
    out.push(
      new ParentLinksNotContiguous({
        unitId: unit.id,
        detail: `the unit is valid ${showUntil(unit.validUntil)} but its last link ends ${last.until === undefined ? "never" : `on ${last.until}`}`
      })
    )
  }
}

const checkParents = (unit: Unit, byId: ReadonlyMap<UnitId, Unit>, out: Array<HierarchyViolation>): void => {
  const level = levelOf[unit.type]
  for (const link of unit.parents) {
    const parent = byId.get(link.parentId)
    if (parent === undefined) {
      out.push(new MissingParent({ unitId: unit.id, parentId: link.parentId }))
      continue
    }
    // The days the link matters: where it meets the unit's own validity.
    const from = CalendarDate.max(link.from, unit.validFrom)
    const until = Interval.minEnd(link.until, unit.validUntil)
    if (!Interval.isNonEmpty(from, until)) continue
    if (parent.validFrom > from || after(until, parent.validUntil)) {
      out.push(
        new ParentNotValid({
          unitId: unit.id,
          parentId: parent.id,
          from,
          ...(until === undefined ? {} : { until })
        })
      )
    }
    const parentLevel = levelOf[parent.type]
    // Allowed levels change only on `twoTierSince`, so checking both sides of that day suffices.
    const sides = [from]
    if (from < twoTierSince && Interval.endsBefore(twoTierSince, until)) sides.push(twoTierSince)
    for (const on of sides) {
      if (!allowedParentLevels(level, on).includes(parentLevel)) {
        out.push(new WrongParentLevel({ unitId: unit.id, level, parentId: parent.id, parentLevel, on }))
        break
      }
    }
  }
}

const checkCodes = (units: ReadonlyArray<Unit>, out: Array<HierarchyViolation>): void => {
  const byCode = new Map<string, Array<Unit>>()
  for (const unit of units) {
    if (unit.code === undefined) continue
    const level = levelOf[unit.type]
    if (codeLength[level] !== unit.code.length) {
      out.push(new CodeLevelMismatch({ unitId: unit.id, code: unit.code, level }))
    }
    const list = byCode.get(unit.code)
    if (list === undefined) byCode.set(unit.code, [unit])
    else list.push(unit)
  }
  for (const [code, list] of byCode) {
    if (list.length < 2) continue
    list.sort((a, b) => CalendarDate.compare(a.validFrom, b.validFrom))
    // Sweep by start date, remembering the unit whose validity reaches furthest so far.
    let reach = list[0] as Unit
    for (let i = 1; i < list.length; i++) {
      const unit = list[i] as Unit
      const overlaps =
        Interval.isNonEmpty(unit.validFrom, reach.validUntil) &&
        Interval.isNonEmpty(unit.validFrom, unit.validUntil)
      if (overlaps) out.push(new DuplicateCode({ code, unitIds: [reach.id, unit.id], on: unit.validFrom }))
      if (after(unit.validUntil, reach.validUntil)) reach = unit
    }
  }
}

const checkCycles = (units: ReadonlyArray<Unit>, out: Array<HierarchyViolation>): void => {
  // A cycle present on some day is present on the latest start of its links, so it is enough to
  // look at the links in force on each day a link starts.
  const days = new Set<CalendarDate.CalendarDate>()
  for (const unit of units) for (const link of unit.parents) days.add(link.from)
  const reported = new Set<string>()
  for (const day of [...days].sort()) {
    const edges = new Map<UnitId, Array<UnitId>>()
    for (const unit of units) {
      for (const link of unit.parents) {
        if (!linkCovers(link, day)) continue
        const list = edges.get(unit.id)
        if (list === undefined) edges.set(unit.id, [link.parentId])
        else list.push(link.parentId)
      }
    }
    for (const members of Cycles.find(edges.keys(), (id) => edges.get(id) ?? [])) {
      const key = [...members].sort().join("\u0000")
      if (!reported.has(key)) {
        reported.add(key)
        out.push(new HierarchyCycle({ unitIds: members, on: day }))
      }
    }
  }
}

/**
 * Checks a set of units against the rules of the administrative structure and returns every
 * violation, in a stable order (empty when the set is consistent):
 * - ids are unique; validity is at least one day;
 * - no district-level unit is valid on or after 01/07/2025 (Resolution 202/2025/QH15, Law
 *   72/2025/QH15: two tiers from that day);
 * - a statistics code has 2, 3 or 5 digits for a province, district or commune, grassroots units
 *   have none, and no two units valid on the same day share one (Decision 124/2004/QĐ-TTg;
 *   Decision 19/2025/QĐ-TTg);
 * - every unit below the province level has parent links that cover its validity one after
 *   another without overlap, to parents that exist, are valid whenever the link applies (Constitution
 *   2013, Art. 110) and are of an allowed level ({@link allowedParentLevels}); provinces have none;
 * - the parent links never form a cycle on any day.
 *
 * @category rules
 * @since 0.1.0
 */
export const validate = (units: ReadonlyArray<Unit>): ReadonlyArray<HierarchyViolation> => {
  const out: Array<HierarchyViolation> = []
  const counts = new Map<UnitId, number>()
  for (const unit of units) counts.set(unit.id, (counts.get(unit.id) ?? 0) + 1)
  for (const [unitId, count] of counts) if (count > 1) out.push(new DuplicateUnitId({ unitId, count }))
  const byId = make(units).byId
  for (const unit of units) {
    if (unit.validUntil !== undefined && unit.validUntil <= unit.validFrom) {
      out.push(new EmptyValidity({ unitId: unit.id, validFrom: unit.validFrom, validUntil: unit.validUntil }))
    }
    const level = levelOf[unit.type]
    if (level === "district" && Interval.endsBefore(twoTierSince, unit.validUntil)) {
      out.push(
        new DistrictAfterTwoTier({
          unitId: unit.id,
          validFrom: unit.validFrom,
          ...(unit.validUntil === undefined ? {} : { validUntil: unit.validUntil })
        })
      )
    }
    checkCoverage(unit, out)
    checkParents(unit, byId, out)
  }
  checkCodes(units, out)
  checkCycles(units, out)
  return out
}
