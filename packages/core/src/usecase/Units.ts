/**
 * Use cases of units: import units and their succession links (a province's units from the
 * statistics office's list, the 2025 rearrangement), in one transaction, and read them.
 *
 * The imported units, together with the stored units they hang from, must pass `Hierarchy.validate`
 * (parents valid whenever their children are, no district level from 01/07/2025, codes of the
 * right length: the units row of docs/rules.md), and the succession links, with those already
 * stored for the same predecessors, must pass `SuccessionRules.validate` (both ends exist, exactly
 * one link carries a predecessor's history, so history is never lost or counted twice). Anything
 * wrong is reported in full (`InvalidUnits`) and nothing is written.
 *
 * Who may import: an administrator (`units.maintain`) of a unit at or above every unit affected,
 * each imported unit on the first day of each of its parent links and the two ends of every
 * succession on the days around it (`Jurisdiction.canMaintainUnits`), or of a central unit. A
 * succession decides whose history a unit carries, and so whose records it reads: a commune may
 * not record another commune's merger into itself. Every unit and link imported leaves an audit
 * entry.
 *
 * The unit list and the succession links are public (the statistics office publishes them), so
 * reading them takes no actor.
 *
 * @since 0.1.0
 */
import { Array as Arr, Effect, Option, Schema } from "effect"
import type * as Actor from "../access/Actor.ts"
import * as Jurisdiction from "../access/Jurisdiction.ts"
import * as CalendarDate from "../kernel/CalendarDate.ts"
import * as DanvanError from "../kernel/DanvanError.ts"
import * as Ids from "../kernel/Ids.ts"
import * as Violation from "../kernel/Violation.ts"
import * as Page from "../store/Page.ts"
import { UnitRepository } from "../store/UnitRepository.ts"
import * as SearchKey from "../text/SearchKey.ts"
import * as Hierarchy from "../unit/Hierarchy.ts"
import { Succession } from "../unit/Succession.ts"
import * as SuccessionRules from "../unit/SuccessionRules.ts"
import { StatisticsCode, Unit, UnitLevel, UnitType } from "../unit/Unit.ts"
import { beginWith } from "./Access.ts"
import { record } from "./Audit.ts"
import { cursorIsInput, decode } from "./Errors.ts"
import { inTransaction } from "./Transaction.ts"

/**
 * @category schemas
 * @since 0.1.0
 */
export const ImportUnitsInput = Schema.Struct({
  units: Schema.Array(Unit),
  successions: Schema.Array(Succession)
})
/**
 * @category models
 * @since 0.1.0
 */
export type ImportUnitsInput = typeof ImportUnitsInput.Encoded

/**
 * The units or succession links imported break the rules of the administrative structure
 * (`Hierarchy.validate`, `SuccessionRules.validate`); `violations` lists every breach that
 * concerns them.
 *
 * @category errors
 * @since 0.1.0
 */
export class InvalidUnits extends DanvanError.TaggedError<InvalidUnits>()("InvalidUnits", {
  violations: Schema.NonEmptyArray(
    Schema.Union([Hierarchy.HierarchyViolation, SuccessionRules.SuccessionViolation])
  )
}) {
  override get message(): string {
    return `the units cannot be imported: ${Violation.format(this.violations)}`
  }
}

/**
 * The stored units the given ones hang from, transitively (parents, their parents, …), and the
 * stored units among `also`, with their ancestry too.
 */
const storedAncestry = (imported: ReadonlyArray<Unit>, also: ReadonlyArray<Ids.UnitId> = []) =>
  Effect.gen(function* () {
    const units = yield* UnitRepository
    const known = new Set<Ids.UnitId>(imported.map((u) => u.id))
    const found: Array<Unit> = []
    let wanted = [...new Set([...imported.flatMap((u) => u.parents.map((l) => l.parentId)), ...also])].filter(
      (id) => !known.has(id)
    )
    while (wanted.length > 0) {
      for (const id of wanted) known.add(id)
      const got = yield* units.getMany(wanted)
      found.push(...got)
      wanted = [...new Set(got.flatMap((u) => u.parents.map((l) => l.parentId)))].filter(
        (id) => !known.has(id)
      )
    }
    return found
  })

/**
 * The units an import touches, each with the day its place is judged on: every imported unit on
 * the first day of each of its parent links (or of its validity, for a province), and the two ends
 * of every succession, the predecessor on the day before the link takes effect and the successor
 * on that day.
 */
const affected = (units: ReadonlyArray<Unit>, successions: ReadonlyArray<Succession>) => [
  ...units.flatMap(
    (u): ReadonlyArray<Jurisdiction.Affected> =>
      u.parents.length === 0
        ? [{ unitId: u.id, on: u.validFrom }]
        : u.parents.map((l) => ({ unitId: u.id, on: l.from }))
  ),
  ...successions.flatMap(
    (s): ReadonlyArray<Jurisdiction.Affected> => [
      { unitId: s.predecessorId, on: CalendarDate.addDays(s.effectiveDate, -1) },
      { unitId: s.successorId, on: s.effectiveDate }
    ]
  )
]

/**
 * Imports units and succession links, all or nothing (`units.maintain`, for units at or below the
 * actor's). Returns them as stored.
 *
 * @example Importing units, and what a refused import says
 * ```ts
 * import { type Actor, Units } from "@danvan/core"
 * import { StoreMemory } from "@danvan/store-memory"
 * import { Effect } from "effect"
 *
 * const admin: Actor.ActorInput = { personId: "admin-37", name: "Quản trị hệ thống tỉnh", unitId: "vn-37", role: "administrator" }
 * const province = { id: "vn-37", type: "province", name: "Ninh Bình", code: "37", validFrom: "2016-01-01", parents: [], version: 0 } as const
 * // A district valid after 01/07/2025, when the district level was abolished.
 * const district = {
 *   id: "vn-374", type: "ruralDistrict", name: "Hoa Lư", code: "374", validFrom: "2016-01-01",
 *   parents: [{ parentId: "vn-37", from: "2016-01-01" }], version: 0
 * } as const
 *
 * const program = Effect.gen(function* () {
 *   const imported = yield* Units.importUnits(admin, { units: [province], successions: [] })
 *   console.log(imported.units.map((u) => u.name)) // ["Ninh Bình"]
 *   // All or nothing: one error carries every violation, each plain data with its own tag.
 *   const refused = yield* Effect.flip(Units.importUnits(admin, { units: [district], successions: [] }))
 *   if (refused._tag === "InvalidUnits") console.log(refused.violations.map((v) => v._tag)) // ["DistrictAfterTwoTier"]
 * })
 *
 * await Effect.runPromise(Effect.provide(program, StoreMemory.layer()))
 * ```
 *
 * @category use cases
 * @since 0.1.0
 */
export const importUnits = (actor: Actor.ActorInput, input: ImportUnitsInput) =>
  Effect.gen(function* () {
    const { call, i } = yield* beginWith("importUnits", actor, "units.maintain", ImportUnitsInput, input)
    return yield* inTransaction(
      Effect.gen(function* () {
        const repo = yield* UnitRepository
        const ends = [...new Set(i.successions.flatMap((s) => [s.predecessorId, s.successorId]))]
        const ancestry = yield* storedAncestry(i.units, ends)
        yield* Effect.fromResult(
          Jurisdiction.canMaintainUnits(
            call.actor,
            affected(i.units, i.successions),
            Jurisdiction.scene({
              on: call.on,
              units: [...i.units, ...ancestry],
              central: call.policy.centralUnits
            }),
            "import units or successions concerning"
          )
        )
        const importedIds = new Set<string>(i.units.map((u) => u.id))
        const unitViolations = Hierarchy.validate([...i.units, ...ancestry]).filter((v) =>
          "unitId" in v ? importedIds.has(v.unitId) : v.unitIds.some((id) => importedIds.has(id))
        )
        // The links are checked with the links already stored for the same predecessors, so a
        // history carried once before is not carried again, and with the units at both ends of
        // all of them; a violation of a stored link alone was reported when it was imported.
        const newIds = new Set<string>(i.successions.map((s) => s.id))
        const stored: Array<Succession> = []
        for (const predecessorId of new Set(i.successions.map((s) => s.predecessorId))) {
          stored.push(...(yield* repo.successions({ predecessorId })).filter((s) => !newIds.has(s.id)))
        }
        const storedEnds = stored.flatMap((s) => [s.predecessorId, s.successorId])
        const endUnits = [
          ...i.units,
          ...(yield* repo.getMany(
            [...new Set([...ends, ...storedEnds])].filter((id) => !importedIds.has(id))
          ))
        ]
        const successionViolations = SuccessionRules.validate(endUnits, [...stored, ...i.successions]).filter(
          (v) => !("successionId" in v) || newIds.has(v.successionId)
        )
        const violations = [...unitViolations, ...successionViolations]
        if (Arr.isReadonlyArrayNonEmpty(violations)) return yield* new InvalidUnits({ violations })
        const units = yield* repo.insert(i.units)
        const successions = yield* repo.insertSuccessions(i.successions)
        yield* record(call.actor, call.at, [
          ...units.map((u) => ({
            action: "unit.imported",
            subjectKind: "unit" as const,
            subjectId: u.id,
            summary: `imported unit ${u.name} (${u.type}${u.code === undefined ? "" : `, code ${u.code}`}) valid from ${u.validFrom}`
          })),
          ...successions.map((s) => ({
            action: "succession.imported",
            subjectKind: "succession" as const,
            subjectId: s.id,
            summary: `imported ${s.kind} of unit ${s.predecessorId} into ${s.successorId} on ${s.effectiveDate}${s.carriesHistory ? ", carrying its history" : ""}`
          }))
        ])
        return { units, successions }
      })
    )
  })

/**
 * @category schemas
 * @since 0.1.0
 */
export const UnitRef = Schema.Struct({ unitId: Ids.UnitId })
/**
 * @category models
 * @since 0.1.0
 */
export type UnitRef = typeof UnitRef.Encoded

/**
 * A unit, with every version of its parent links; `NotFound` when there is none.
 *
 * @category use cases
 * @since 0.1.0
 */
export const unit = (input: UnitRef) =>
  Effect.flatMap(decode(UnitRef, "unit")(input), (i) =>
    Effect.flatMap(UnitRepository, (r) => r.get(i.unitId))
  )

/**
 * @category schemas
 * @since 0.1.0
 */
export const JurisdictionInput = Schema.Struct({
  rootId: Ids.UnitId,
  asOf: CalendarDate.CalendarDate,
  page: Schema.optionalKey(Page.PageRequest)
})
/**
 * @category models
 * @since 0.1.0
 */
export type JurisdictionInput = typeof JurisdictionInput.Encoded

/**
 * One page of the units of a jurisdiction as of a date: the root and every unit below it, by id.
 * `NotFound` when the root does not exist on that date.
 *
 * @category use cases
 * @since 0.1.0
 */
export const unitsInJurisdiction = (input: JurisdictionInput) =>
  Effect.gen(function* () {
    const i = yield* decode(JurisdictionInput, "unitsInJurisdiction")(input)
    return yield* cursorIsInput("unitsInJurisdiction")(
      (yield* UnitRepository).jurisdiction(i.rootId, i.asOf, i.page)
    )
  })

/**
 * Which units to find: as of a date (by default every version), of some levels or types, directly
 * under a unit (which needs `asOf`), with a statistics code, or whose name contains `name`
 * ignoring tones, diacritics and case (`SearchKey.matches`: "ninh binh" finds "Ninh Bình").
 *
 * @category schemas
 * @since 0.1.0
 */
export const SearchUnitsInput = Schema.Struct({
  asOf: Schema.optionalKey(CalendarDate.CalendarDate),
  levels: Schema.optionalKey(Schema.Array(UnitLevel)),
  types: Schema.optionalKey(Schema.Array(UnitType)),
  parentId: Schema.optionalKey(Ids.UnitId),
  code: Schema.optionalKey(StatisticsCode),
  name: Schema.optionalKey(Schema.String.pipe(Schema.check(Schema.isMaxLength(500)))),
  page: Schema.optionalKey(Page.PageRequest)
}).pipe(
  Schema.check(
    Schema.makeFilter((q: { readonly parentId?: string; readonly asOf?: string }) =>
      q.parentId !== undefined && q.asOf === undefined ? "a search by parent needs asOf" : undefined
    )
  )
)
/**
 * @category models
 * @since 0.1.0
 */
export type SearchUnitsInput = typeof SearchUnitsInput.Encoded

/**
 * One page of the units matching the search, by id. A name search reads the store's pages in
 * order and keeps the matches, so a page may hold fewer than `limit` units while `next` says more
 * may follow.
 *
 * @category use cases
 * @since 0.1.0
 */
export const searchUnits = (input: SearchUnitsInput = {}) =>
  Effect.gen(function* () {
    const i = yield* decode(SearchUnitsInput, "searchUnits")(input)
    const repo = yield* UnitRepository
    const matches = i.name === undefined ? () => true : SearchKey.matcher(i.name)
    const keep = (u: Unit) => (i.code === undefined || u.code === i.code) && matches(u.name)
    if (i.code !== undefined && i.asOf !== undefined && i.parentId === undefined) {
      const found = Option.filter(
        yield* repo.findByCode(i.code, i.asOf),
        (u) =>
          keep(u) &&
          (i.levels === undefined || i.levels.includes(u.level)) &&
          (i.types === undefined || i.types.includes(u.type))
      )
      return { items: Option.toArray(found) } as Page.Page<Unit>
    }
    const query = {
      ...(i.asOf === undefined ? {} : { asOf: i.asOf }),
      ...(i.levels === undefined ? {} : { levels: i.levels }),
      ...(i.types === undefined ? {} : { types: i.types }),
      ...(i.parentId === undefined ? {} : { parentId: i.parentId })
    }
    let request = i.page
    for (;;) {
      const page = yield* cursorIsInput("searchUnits")(repo.list(query, request))
      const items = page.items.filter(keep)
      if (items.length > 0 || page.next === undefined) {
        return (page.next === undefined ? { items } : { items, next: page.next }) as Page.Page<Unit>
      }
      request = { ...i.page, after: page.next }
    }
  })

/**
 * @category schemas
 * @since 0.1.0
 */
export const SuccessionsInput = Schema.Struct({
  predecessorId: Schema.optionalKey(Ids.UnitId),
  successorId: Schema.optionalKey(Ids.UnitId)
})
/**
 * @category models
 * @since 0.1.0
 */
export type SuccessionsInput = typeof SuccessionsInput.Encoded

/**
 * The succession links leaving `predecessorId` or reaching `successorId` (every link without a
 * filter), by effective date then id.
 *
 * @category use cases
 * @since 0.1.0
 */
export const successions = (input: SuccessionsInput = {}) =>
  Effect.flatMap(decode(SuccessionsInput, "successions")(input), (i) =>
    Effect.flatMap(UnitRepository, (r) => r.successions(i))
  )
