/**
 * The engine's state layers (`State.ts`): the committed base indexes every record it applies, and
 * an overlay indexes its own records only when a read through it asks (and keeps that index up to
 * date afterwards). Whatever the order of writes, merges, commits and lookups, every layer's
 * `lookup` must answer what a scan of that layer's records answers.
 */
import { describe, expect, it } from "@effect/vitest"
import * as fc from "fast-check"
import { Base, Overlay, type View } from "../src/State.ts"
import type { Stored } from "../src/Stored.ts"

/** A succession as far as its indexes read it (`successionPredecessor`, `successionSuccessor`). */
const succession = (id: string, predecessorId: string, successorId: string): Stored =>
  ({ entity: "succession", key: id, record: { id, predecessorId, successorId } }) as unknown as Stored

const ids = ["a", "b", "c", "d", "e"]
const units = ["u1", "u2", "u3"]

type Layer = "scratch" | "tx" | "base"

type Command =
  | { readonly _tag: "put"; readonly key: string; readonly from: string; readonly to: string }
  | {
      readonly _tag: "insertNew"
      readonly keys: ReadonlyArray<string>
      readonly from: string
      readonly to: string
    }
  | { readonly _tag: "delete"; readonly key: string }
  | { readonly _tag: "lookup"; readonly layer: Layer; readonly unit: string }
  | { readonly _tag: "merge" }
  | { readonly _tag: "commit"; readonly overlay: boolean }

const command: fc.Arbitrary<Command> = fc.oneof(
  fc.record({
    _tag: fc.constant("put" as const),
    key: fc.constantFrom(...ids),
    from: fc.constantFrom(...units),
    to: fc.constantFrom(...units)
  }),
  fc.record({
    _tag: fc.constant("insertNew" as const),
    keys: fc.uniqueArray(fc.constantFrom(...ids), { maxLength: 3 }),
    from: fc.constantFrom(...units),
    to: fc.constantFrom(...units)
  }),
  fc.record({ _tag: fc.constant("delete" as const), key: fc.constantFrom(...ids) }),
  fc.record({
    _tag: fc.constant("lookup" as const),
    layer: fc.constantFrom<Layer>("scratch", "tx", "base"),
    unit: fc.constantFrom(...units)
  }),
  fc.constant({ _tag: "merge" as const }),
  fc.record({ _tag: fc.constant("commit" as const), overlay: fc.boolean() })
)

/** The records a layer holds, by key (`null`: deleted in that layer). */
type Model = Map<string, { readonly from: string; readonly to: string } | null>

const resolve = (
  layers: ReadonlyArray<Model>
): Map<string, { readonly from: string; readonly to: string }> => {
  const out = new Map<string, { readonly from: string; readonly to: string }>()
  for (const layer of layers) {
    for (const [key, value] of layer) {
      if (value === null) out.delete(key)
      else out.set(key, value)
    }
  }
  return out
}

const expected = (records: ReturnType<typeof resolve>, field: "from" | "to", unit: string): Array<string> =>
  [...records].flatMap(([key, r]) => (r[field] === unit ? [key] : [])).sort()

const answered = (view: View, field: "from" | "to", unit: string): Array<string> =>
  [...view.lookup(field === "from" ? "successionPredecessor" : "successionSuccessor", unit)].sort()

describe("State", () => {
  it("every layer's lookup answers what a scan of its records answers, whenever its index is built", () =>
    fc.assert(
      fc.property(fc.array(command, { maxLength: 60 }), (commands) => {
        const base = new Base()
        let tx = new Overlay(base)
        let scratch = new Overlay(tx)
        const model = { base: new Map() as Model, tx: new Map() as Model, scratch: new Map() as Model }
        const views = (): Record<Layer, [View, ReturnType<typeof resolve>]> => ({
          base: [base, resolve([model.base])],
          tx: [tx, resolve([model.base, model.tx])],
          scratch: [scratch, resolve([model.base, model.tx, model.scratch])]
        })
        for (const c of commands) {
          switch (c._tag) {
            case "put":
              scratch.put(succession(c.key, c.from, c.to))
              model.scratch.set(c.key, { from: c.from, to: c.to })
              break
            case "insertNew": {
              // What `Contract.check` proves of an accepted insert: keys the view does not hold.
              const held = views().scratch[1]
              const fresh = c.keys.filter((k) => !held.has(k))
              scratch.insertNew(
                "succession",
                fresh.map((k) => succession(k, c.from, c.to))
              )
              for (const k of fresh) model.scratch.set(k, { from: c.from, to: c.to })
              break
            }
            case "delete":
              scratch.delete("succession", c.key)
              model.scratch.set(c.key, null)
              break
            case "lookup": {
              const [view, records] = views()[c.layer]
              for (const field of ["from", "to"] as const) {
                expect(answered(view, field, c.unit)).toEqual(expected(records, field, c.unit))
              }
              expect(view.keys("succession")).toEqual([...records.keys()].sort())
              for (const key of ids) expect(view.get("succession", key)?.key).toBe(records.get(key) && key)
              break
            }
            case "merge":
              scratch.mergeInto(tx)
              for (const [k, v] of model.scratch) model.tx.set(k, v)
              model.scratch = new Map()
              scratch = new Overlay(tx)
              break
            case "commit":
              scratch.mergeInto(tx)
              for (const [k, v] of model.scratch) model.tx.set(k, v)
              if (c.overlay) base.applyOverlay(tx)
              else
                base.apply(
                  tx.writes().filter((w) => w.stored !== null || base.get(w.entity, w.key) !== undefined)
                )
              for (const [k, v] of model.tx) {
                if (v === null) model.base.delete(k)
                else model.base.set(k, v)
              }
              model.tx = new Map()
              model.scratch = new Map()
              tx = new Overlay(base)
              scratch = new Overlay(tx)
              break
          }
        }
        // Finally every layer, every value: the indexes built along the way and those built now.
        for (const [view, records] of Object.values(views())) {
          for (const unit of units) {
            for (const field of ["from", "to"] as const) {
              expect(answered(view, field, unit)).toEqual(expected(records, field, unit))
            }
          }
        }
      }),
      { numRuns: 300 }
    ))

  it("a value held by one record, then two, then one again, answers its holders each time", () => {
    const base = new Base()
    base.apply([{ entity: "succession", key: "a", stored: succession("a", "u1", "u2") }])
    expect([...base.lookup("successionPredecessor", "u1")]).toEqual(["a"])
    base.apply([{ entity: "succession", key: "b", stored: succession("b", "u1", "u3") }])
    expect([...base.lookup("successionPredecessor", "u1")].sort()).toEqual(["a", "b"])
    base.apply([{ entity: "succession", key: "a", stored: null }])
    expect([...base.lookup("successionPredecessor", "u1")]).toEqual(["b"])
    base.apply([{ entity: "succession", key: "b", stored: succession("b", "u2", "u3") }])
    expect(base.lookup("successionPredecessor", "u1").size).toBe(0)
    expect([...base.lookup("successionPredecessor", "u2")]).toEqual(["b"])
  })

  it("an update moves only the index values that changed, and keeps the postings of the others", () => {
    const base = new Base()
    const unit = (key: string, parents: ReadonlyArray<string>): Stored =>
      ({
        entity: "unit",
        key,
        record: { id: key, parents: parents.map((parentId) => ({ parentId })) }
      }) as unknown as Stored
    base.apply([
      { entity: "succession", key: "a", stored: succession("a", "u1", "u2") },
      { entity: "succession", key: "b", stored: succession("b", "u1", "u3") }
    ])
    const held = base.lookup("successionPredecessor", "u1")
    // `a` keeps its predecessor: the postings of `u1` are left as they were (same set, same order:
    // taking `a` out and adding it back would have moved it after `b`).
    base.apply([{ entity: "succession", key: "a", stored: succession("a", "u1", "u3") }])
    expect(base.lookup("successionPredecessor", "u1")).toBe(held)
    expect([...held]).toEqual(["a", "b"])
    expect(base.lookup("successionSuccessor", "u2").size).toBe(0)
    expect([...base.lookup("successionSuccessor", "u3")].sort()).toEqual(["a", "b"])
    // A record with several values in one index: those it keeps stay, the others move.
    base.apply([{ entity: "unit", key: "c", stored: unit("c", ["p1", "p2"]) }])
    base.apply([{ entity: "unit", key: "c", stored: unit("c", ["p2", "p3"]) }])
    expect(base.lookup("unitParent", "p1").size).toBe(0)
    expect([...base.lookup("unitParent", "p2")]).toEqual(["c"])
    expect([...base.lookup("unitParent", "p3")]).toEqual(["c"])
    const overlay = new Overlay(base)
    overlay.put(unit("d", ["p3"]))
    expect([...overlay.lookup("unitParent", "p3")].sort()).toEqual(["c", "d"])
    overlay.put(unit("d", ["p1", "p3"]))
    expect([...overlay.lookup("unitParent", "p1")]).toEqual(["d"])
    expect([...overlay.lookup("unitParent", "p3")].sort()).toEqual(["c", "d"])
  })
})

/** A unit as far as `unitParent` and `Children` read it: its key and its parent links' parents. */
const unitWith = (key: string, parents: ReadonlyArray<string>, version: number): Stored =>
  ({
    entity: "unit",
    key,
    record: { id: key, version, parents: parents.map((parentId) => ({ parentId, from: "1992-01-01" })) }
  }) as unknown as Stored

describe("the committed state's children of each unit", () => {
  it("hold, for every parent, exactly the units the unitParent index holds, as their current records", () => {
    const keys = ["p", "q", "r", "s", "t", "u"]
    const write = fc.record({
      key: fc.constantFrom(...keys),
      parents: fc.option(fc.array(fc.constantFrom(...keys), { maxLength: 3 }), { nil: null })
    })
    fc.assert(
      fc.property(fc.array(fc.array(write, { maxLength: 4 }), { maxLength: 25 }), (commits) => {
        const base = new Base()
        let version = 0
        for (const commit of commits) {
          base.apply(
            commit.map((w) => ({
              entity: "unit" as const,
              key: w.key,
              stored: w.parents === null ? null : unitWith(w.key, w.parents, ++version)
            }))
          )
          for (const parent of keys) {
            const children = base.childrenOf(parent)
            expect(children.map((s) => s.key).sort()).toEqual([...base.lookup("unitParent", parent)].sort())
            for (const s of children) expect(s).toBe(base.get("unit", s.key))
          }
        }
      }),
      { numRuns: 300 }
    )
  })
})
