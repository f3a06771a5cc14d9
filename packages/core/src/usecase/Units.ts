/**
 * Use cases of units: import units and their succession links (a province's units from the
 * statistics office's list, the 2025 rearrangement), in one transaction.
 *
 * The imported units, together with the stored units they hang from, must pass `Hierarchy.validate`
 * (parents valid whenever their children are, no district level from 01/07/2025, codes of the
 * right length: facts.md, law 4), and the succession links, with those already stored for the same
 * predecessors, must pass `SuccessionRules.validate` (both ends exist, exactly one link carries a
 * predecessor's history, so history is never lost or counted twice). Anything wrong is reported in
 * full (`InvalidUnits`) and nothing is written.
 *
 * Units are reference data maintained for the whole system, not records of one unit, so importing
 * them is not limited to a jurisdiction; every unit and link imported leaves an audit entry.
 *
 * @since 0.1.0
 */
import { Effect, Schema } from "effect"
import type { Actor } from "../access/Actor.ts"
import * as DanvanError from "../kernel/DanvanError.ts"
import type { UnitId } from "../kernel/Ids.ts"
import { UnitRepository } from "../store/UnitRepository.ts"
import * as Hierarchy from "../unit/Hierarchy.ts"
import { Succession } from "../unit/Succession.ts"
import * as SuccessionRules from "../unit/SuccessionRules.ts"
import { Unit } from "../unit/Unit.ts"
import { today } from "./Access.ts"
import { record } from "./Audit.ts"
import { decode } from "./Errors.ts"
import { inTransaction } from "./Transaction.ts"

/** @since 0.1.0 */
export const ImportUnitsInput = Schema.Struct({
  units: Schema.Array(Unit),
  successions: Schema.Array(Succession)
})
/** @since 0.1.0 */
export type ImportUnitsInput = typeof ImportUnitsInput.Encoded

/**
 * The units or succession links imported break the rules of the administrative structure; every
 * violation is listed.
 *
 * @since 0.1.0
 */
export class InvalidUnits extends DanvanError.TaggedError<InvalidUnits>()("InvalidUnits", {
  problems: Schema.NonEmptyArray(Schema.String)
}) {
  override get message(): string {
    return `the units cannot be imported: ${this.problems.join("; ")}`
  }
}

/** The stored units the imported ones hang from, transitively (parents, their parents, …). */
const storedAncestry = (imported: ReadonlyArray<Unit>) =>
  Effect.gen(function* () {
    const units = yield* UnitRepository
    const known = new Set<UnitId>(imported.map((u) => u.id))
    const found: Array<Unit> = []
    let wanted = [...new Set(imported.flatMap((u) => u.parents.map((l) => l.parentId)))].filter(
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
 * Imports units and succession links, all or nothing. Returns them as stored.
 *
 * @since 0.1.0
 */
export const importUnits = (actor: Actor, input: ImportUnitsInput) =>
  Effect.gen(function* () {
    const i = yield* decode(ImportUnitsInput, "importUnits")(input)
    return yield* inTransaction(
      Effect.gen(function* () {
        const repo = yield* UnitRepository
        const ancestry = yield* storedAncestry(i.units)
        const importedIds = new Set<string>(i.units.map((u) => u.id))
        const unitProblems = Hierarchy.validate([...i.units, ...ancestry]).filter((v) =>
          "unitId" in v ? importedIds.has(v.unitId) : v.unitIds.some((id) => importedIds.has(id))
        )
        // The links are checked with the units at both ends and the links already stored for the
        // same predecessors, so a history carried once before is not carried again.
        const ends = [...new Set(i.successions.flatMap((s) => [s.predecessorId, s.successorId]))]
        const endUnits = [...i.units, ...(yield* repo.getMany(ends.filter((id) => !importedIds.has(id))))]
        const stored: Array<Succession> = []
        for (const predecessorId of new Set(i.successions.map((s) => s.predecessorId))) {
          stored.push(...(yield* repo.successions({ predecessorId })))
        }
        const newIds = new Set<string>(i.successions.map((s) => s.id))
        const successionProblems = SuccessionRules.validate(endUnits, [
          ...stored.filter((s) => !newIds.has(s.id)),
          ...i.successions
        ])
        const [first, ...rest] = [...unitProblems, ...successionProblems].map((v) => v.message)
        if (first !== undefined) return yield* new InvalidUnits({ problems: [first, ...rest] })
        const units = yield* repo.insert(i.units)
        const successions = yield* repo.insertSuccessions(i.successions)
        const { at } = yield* today
        yield* record(actor, at, [
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
