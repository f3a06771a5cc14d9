/**
 * The units under each unit in the committed state: every unit one of whose parent links, at any
 * time, names the parent (the `unitParent` index's values), as their stored records, and, for the
 * jurisdiction's walk, the same children in a compact form.
 *
 * The walk reads a unit's children from here, without a lookup of each child in the table of
 * units and without the index's set of keys: at 100% of the country those two lookups in maps of a
 * hundred thousand entries were 40% of a province's walk (docs/benchmarks.md, sixth pass). What was
 * left was a chain of objects per child, each likely a cache miss in a 2 GiB heap (stored record,
 * unit, its links array, each link, each date string, the id string for the visited set), against
 * the baseline's arrays of ids. So each unit also gets a number (`slot`), and each parent's children
 * are kept as parallel arrays of numbers: the child's slot and the days on which it stands under
 * this parent (valid that day, and the parent is `Unit.parentOn` that day), dates as `YYYYMMDD`
 * integers; the visited set is an array of stamps indexed by slot (decision record 0060).
 *
 * @since 0.1.0
 */
import type { Unit } from "@danvan/core"
import { valuesOf } from "./Indexes.ts"
import type { Stored } from "./Stored.ts"

const none: ReadonlyArray<Stored<"unit">> = []

/** An end no date reaches: an absent `until`. */
const open = 2 ** 30 - 1

/** A span's start when a date of the child's could not be read as `YYYY-MM-DD`: check its record. */
export const unread = -1

/**
 * `YYYY-MM-DD` as the integer `YYYYMMDD`, which orders as the strings do; `undefined` for any other
 * text (such a record is then checked with `Unit.isValidOn` / `Unit.parentOn` instead).
 */
export const dayNumber = (date: unknown): number | undefined => {
  if (typeof date !== "string" || date.length !== 10 || date[4] !== "-" || date[7] !== "-") return undefined
  let n = 0
  for (let i = 0; i < 10; i++) {
    if (i === 4 || i === 7) continue
    const d = date.charCodeAt(i) - 48
    if (d < 0 || d > 9) return undefined
    n = n * 10 + d
  }
  return n
}

type Span = readonly [from: number, until: number]

/** The spans of `[from, until)` not covered by any of `covered`. */
const subtract = (spans: ReadonlyArray<Span>, covered: Span): ReadonlyArray<Span> =>
  spans.flatMap(([from, until]): Array<Span> => {
    const [cf, cu] = covered
    if (cu <= from || until <= cf) return [[from, until]]
    const out: Array<Span> = []
    if (from < cf) out.push([from, cf])
    if (cu < until) out.push([cu, until])
    return out
  })

/**
 * The days on which `unit` stands under `parentId`: valid that day, and `parentId` the parent of
 * the first link covering that day (`Unit.parentOn`), as disjoint spans; `undefined` when a date
 * cannot be read.
 */
export const spansUnder = (unit: Unit.Unit, parentId: string): ReadonlyArray<Span> | undefined => {
  const validFrom = dayNumber(unit.validFrom)
  const validUntil = unit.validUntil === undefined ? open : dayNumber(unit.validUntil)
  if (validFrom === undefined || validUntil === undefined) return undefined
  const earlier: Array<Span> = []
  const out: Array<Span> = []
  for (const link of unit.parents) {
    const from = dayNumber(link.from)
    const until = link.until === undefined ? open : dayNumber(link.until)
    if (from === undefined || until === undefined) return undefined
    if (link.parentId === parentId) {
      let spans: ReadonlyArray<Span> = [[Math.max(from, validFrom), Math.min(until, validUntil)]]
      for (const e of earlier) spans = subtract(spans, e)
      for (const s of spans) if (s[0] < s[1]) out.push(s)
    }
    earlier.push([from, until])
  }
  return out
}

/** One parent's children: their stored records, and their spans under it as parallel arrays. */
export class Brood {
  readonly members: Array<Stored<"unit">> = []
  /** Per span: the child's slot, its record, the first day and the day after the last ({@link unread}: check the record). */
  readonly slots: Array<number> = []
  readonly units: Array<Unit.Unit> = []
  readonly froms: Array<number> = []
  readonly untils: Array<number> = []

  remove(key: string, slot: number): void {
    const i = this.members.findIndex((s) => s.key === key)
    if (i >= 0) this.members.splice(i, 1)
    this.dropSpans(slot)
  }

  /**
   * Puts a child's current record in. `known`: its previous version was linked to this parent too;
   * only then is it looked for (a new child is appended without a scan, so an import of a
   * province's thousands of children stays linear, as 0056's `push` was).
   */
  put(stored: Stored<"unit">, slot: number, parentId: string, known: boolean): void {
    const i = known ? this.members.findIndex((s) => s.key === stored.key) : -1
    if (i >= 0) {
      this.members[i] = stored
      this.dropSpans(slot)
    } else this.members.push(stored)
    const spans = spansUnder(stored.record, parentId) ?? [[unread, 0] as const]
    for (const [from, until] of spans) {
      this.slots.push(slot)
      this.units.push(stored.record)
      this.froms.push(from)
      this.untils.push(until)
    }
  }

  private dropSpans(slot: number): void {
    let w = 0
    for (let r = 0; r < this.slots.length; r++) {
      if (this.slots[r] === slot) continue
      this.slots[w] = this.slots[r]!
      this.units[w] = this.units[r]!
      this.froms[w] = this.froms[r]!
      this.untils[w] = this.untils[r]!
      w++
    }
    this.slots.length = this.units.length = this.froms.length = this.untils.length = w
  }
}

/** @since 0.1.0 */
export class Children {
  private readonly slotOf = new Map<string, number>()
  private readonly broods: Array<Brood | undefined> = []

  private stamps = new Uint32Array(0)
  private stamp = 0

  /**
   * Starts a walk's visited set: afterwards {@link visit} marks a slot and says whether it was
   * unmarked. One array of stamps for every walk, a new stamp per walk, instead of a set (or an
   * array of a byte per unit, zeroed) per walk: a district's walk of 494 units at 100% of the
   * country spent more on a new 100 KB array than on its units. A walk is synchronous, so two
   * walks never interleave.
   */
  startVisit(): void {
    if (this.stamps.length < this.broods.length) {
      this.stamps = new Uint32Array(Math.max(1024, this.broods.length * 2))
      this.stamp = 0
    }
    if (this.stamp === 0xffffffff) {
      this.stamps.fill(0)
      this.stamp = 0
    }
    this.stamp++
  }

  /** Marks a slot as visited by the current walk; `false` when it already was. */
  visit(slot: number): boolean {
    if (this.stamps[slot] === this.stamp) return false
    this.stamps[slot] = this.stamp
    return true
  }

  /** The unit's slot, given on first sight and never taken back. */
  slot(id: string): number {
    let slot = this.slotOf.get(id)
    if (slot === undefined) {
      slot = this.broods.length
      this.slotOf.set(id, slot)
      this.broods.push(undefined)
    }
    return slot
  }

  /** The unit's slot if it was ever seen, without giving one. */
  slotIfAny(id: string): number | undefined {
    return this.slotOf.get(id)
  }

  /** The children of the unit in a slot, in the compact form; `undefined` when it has none. */
  broodAt(slot: number): Brood | undefined {
    return this.broods[slot]
  }

  /** The stored units with a link to the parent, in no particular order. */
  of(parentId: string): ReadonlyArray<Stored<"unit">> {
    const slot = this.slotOf.get(parentId)
    return (slot === undefined ? undefined : this.broods[slot]?.members) ?? none
  }

  /** Follows one write of a unit: its previous version out, its next one in (either may be absent). */
  move(previous: Stored<"unit"> | undefined, next: Stored<"unit"> | undefined): void {
    const before = previous === undefined ? [] : valuesOf("unitParent", previous.record)
    const after = next === undefined ? [] : valuesOf("unitParent", next.record)
    const key = (previous ?? next)?.key
    if (key === undefined) return
    const slot = this.slot(key)
    for (const parentId of before) {
      if (after.includes(parentId)) continue
      const p = this.slotOf.get(parentId)
      const brood = p === undefined ? undefined : this.broods[p]
      if (brood === undefined) continue
      brood.remove(key, slot)
      if (brood.members.length === 0) this.broods[p!] = undefined
    }
    for (const parentId of after) {
      const p = this.slot(parentId)
      let brood = this.broods[p]
      if (brood === undefined) {
        brood = new Brood()
        this.broods[p] = brood
      }
      brood.put(next!, slot, parentId, before.includes(parentId))
    }
  }
}
