/**
 * The units under each unit in the committed state, as their stored records: every unit one of
 * whose parent links, at any time, names the parent (the `unitParent` index's values). A
 * jurisdiction's walk reads a unit's children from here, without a lookup of each child in the
 * table of units and without the index's set of keys: at 100% of the country those two lookups in
 * maps of a hundred thousand entries were 40% of a province's walk (docs/benchmarks.md, sixth pass).
 *
 * @since 0.1.0
 */
import { valuesOf } from "./Indexes.ts"
import type { Stored } from "./Stored.ts"

const none: ReadonlyArray<Stored<"unit">> = []

/** @since 0.1.0 */
export class Children {
  private readonly byParent = new Map<string, Array<Stored<"unit">>>()

  /** The stored units with a link to the parent, in no particular order. */
  of(parentId: string): ReadonlyArray<Stored<"unit">> {
    return this.byParent.get(parentId) ?? none
  }

  /** Follows one write of a unit: its previous version out, its next one in (either may be absent). */
  move(previous: Stored<"unit"> | undefined, next: Stored<"unit"> | undefined): void {
    const before = previous === undefined ? [] : valuesOf("unitParent", previous.record)
    const after = next === undefined ? [] : valuesOf("unitParent", next.record)
    for (const parentId of before) {
      if (after.includes(parentId)) continue
      const list = this.byParent.get(parentId)
      if (list === undefined) continue
      const at = list.findIndex((s) => s.key === previous!.key)
      if (at >= 0) list.splice(at, 1)
      if (list.length === 0) this.byParent.delete(parentId)
    }
    for (const parentId of after) {
      const list = this.byParent.get(parentId)
      if (list === undefined) this.byParent.set(parentId, [next!])
      else if (!before.includes(parentId)) list.push(next!)
      else {
        const at = list.findIndex((s) => s.key === next!.key)
        if (at >= 0) list[at] = next!
        else list.push(next!)
      }
    }
  }
}
