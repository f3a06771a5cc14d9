/**
 * The jurisdiction's walk over the committed state reads each parent's children in a compact form
 * (`Children`: slots, and the days a child stands under the parent as integers, decision record
 * 0060). Whatever the units' dated links (overlapping, several to one parent, dates it cannot read
 * as numbers) and whatever writes came before, it must answer what the definition answers: the
 * root if valid, then every unit valid that day whose `Unit.parentOn` that day is a unit already
 * in, each once; and what the walk inside a transaction (over the `unitParent` index) answers.
 */
import type { CalendarDate, Unit } from "@danvan/core"
import { Unit as UnitNs } from "@danvan/core"
import { describe, expect, it } from "@effect/vitest"
import * as fc from "fast-check"
import { spansUnder } from "../src/Children.ts"
import * as Hierarchy from "../src/Hierarchy.ts"
import { Base, Overlay } from "../src/State.ts"
import type { Stored } from "../src/Stored.ts"

const keys = ["a", "b", "c", "d", "e", "f"]
/** Dates a link or a unit starts or ends on; "2010-1-1" is not `YYYY-MM-DD`, so it is checked on the record. */
const days = ["2000-01-01", "2010-01-01", "2010-1-1", "2020-01-01", "2025-07-01"]
const asOfs = [
  "1999-12-31",
  "2000-01-01",
  "2005-06-01",
  "2010-01-01",
  "2015-03-03",
  "2022-01-01",
  "2030-01-01"
]

const end = fc.option(fc.constantFrom(...days), { nil: undefined })
const link = fc.record({ parentId: fc.constantFrom(...keys), from: fc.constantFrom(...days), until: end })
const unitRecord = (key: string) =>
  fc
    .record({
      validFrom: fc.constantFrom(...days),
      validUntil: end,
      parents: fc.array(link, { maxLength: 3 })
    })
    .map(({ parents, validFrom, validUntil }) => ({
      id: key,
      validFrom,
      ...(validUntil === undefined ? {} : { validUntil }),
      parents: parents.map((l) => ({
        parentId: l.parentId,
        from: l.from,
        ...(l.until === undefined ? {} : { until: l.until })
      }))
    }))
const write = fc
  .constantFrom(...keys)
  .chain((key) => fc.record({ key: fc.constant(key), unit: fc.option(unitRecord(key), { nil: null }) }))

const stored = (unit: object & { readonly id: string }): Stored =>
  ({ entity: "unit", key: unit.id, record: unit }) as unknown as Stored

/** The definition: breadth first from the root, over every stored unit, with `Unit` in `@danvan/core`. */
const reference = (base: Base, rootId: string, asOf: CalendarDate.CalendarDate): Array<string> => {
  const all = base.keys("unit").map((k) => base.get("unit", k)!.record as Unit.Unit)
  const root = all.find((u) => u.id === rootId)
  if (root === undefined || !UnitNs.isValidOn(root, asOf)) return []
  const inside = new Set([rootId])
  const queue = [rootId]
  for (let i = 0; i < queue.length; i++) {
    for (const u of all) {
      if (inside.has(u.id) || !UnitNs.isValidOn(u, asOf) || UnitNs.parentOn(u, asOf) !== queue[i]) continue
      inside.add(u.id)
      queue.push(u.id)
    }
  }
  return [...inside].sort()
}

describe("the jurisdiction's walk over the committed state's compact children", () => {
  it("answers the definition, and the walk over the index, after any commits", () => {
    fc.assert(
      fc.property(fc.array(fc.array(write, { maxLength: 4 }), { minLength: 1, maxLength: 12 }), (commits) => {
        const base = new Base()
        for (const commit of commits) {
          base.apply(
            commit.map((w) => ({ entity: "unit" as const, key: w.key, stored: w.unit && stored(w.unit) }))
          )
        }
        const overlay = new Overlay(base)
        for (const root of keys) {
          for (const day of asOfs) {
            const asOf = day as CalendarDate.CalendarDate
            const expected = reference(base, root, asOf)
            expect([...Hierarchy.jurisdictionIds(base, root, asOf)].sort()).toEqual(expected)
            expect([...Hierarchy.jurisdictionIds(overlay, root, asOf)].sort()).toEqual(expected)
          }
        }
      }),
      { numRuns: 400 }
    )
  })

  it("puts a day inside a child's spans under a parent exactly when the child stands under it that day", () => {
    fc.assert(
      fc.property(
        unitRecord("c"),
        fc.constantFrom(...keys),
        fc.constantFrom(...asOfs),
        (unit, parentId, day) => {
          const spans = spansUnder(unit as unknown as Unit.Unit, parentId)
          fc.pre(spans !== undefined)
          const n = Number(day.replaceAll("-", ""))
          const asOf = day as CalendarDate.CalendarDate
          const under =
            UnitNs.isValidOn(unit as unknown as Unit.Unit, asOf) &&
            UnitNs.parentOn(unit as unknown as Unit.Unit, asOf) === parentId
          expect(spans!.some(([from, until]) => from <= n && n < until)).toBe(under)
        }
      ),
      { numRuns: 3000 }
    )
  })
})
