import { describe, expect, it } from "@effect/vitest"
import * as fc from "fast-check"
import * as CalendarDate from "../src/kernel/CalendarDate.ts"
import { SuccessionId, UnitId } from "../src/kernel/Ids.ts"
import { historyCarrier, Succession, type SuccessionKind } from "../src/unit/Succession.ts"
import * as SuccessionRules from "../src/unit/SuccessionRules.ts"
import { Unit } from "../src/unit/Unit.ts"

const day = CalendarDate.unsafeFromString

const unit = (id: string, from: string, until?: string) =>
  new Unit({
    id: UnitId.make(id),
    type: "commune",
    name: `Xã ${id}`,
    validFrom: day(from),
    ...(until === undefined ? {} : { validUntil: day(until) }),
    parents: [],
    version: 1
  })

let serial = 0
const edge = (kind: SuccessionKind, on: string, from: string, to: string, carries: boolean) =>
  new Succession({
    id: SuccessionId.make(`s${++serial}`),
    kind,
    effectiveDate: day(on),
    predecessorId: UnitId.make(from),
    successorId: UnitId.make(to),
    carriesHistory: carries,
    version: 1
  })

const tags = (units: ReadonlyArray<Unit>, successions: ReadonlyArray<Succession>) =>
  SuccessionRules.validate(units, successions).map((v) => v._tag)

describe("SuccessionRules (examples)", () => {
  // A commune of 2017 renamed in 2020, then merged with a neighbour on 01/07/2025 (Resolution
  // 202/2025/QH15); a third commune gave part of its land to the neighbour in 2019 and goes on.
  const units = [
    unit("A", "2010-01-01", "2020-01-01"),
    unit("A2", "2020-01-01", "2025-07-01"),
    unit("B", "2010-01-01", "2025-07-01"),
    unit("C", "2010-01-01"),
    unit("M", "2025-07-01")
  ]
  const successions = [
    edge("rename", "2020-01-01", "A", "A2", true),
    edge("merge", "2025-07-01", "A2", "M", true),
    edge("merge", "2025-07-01", "B", "M", true),
    edge("transfer", "2019-01-01", "C", "B", false)
  ]

  it("accepts a consistent history", () => {
    expect(SuccessionRules.validate(units, successions)).toEqual([])
  })

  it("carries each unit's history into the unit valid at a date", () => {
    const in2021 = SuccessionRules.carriedInto(units, successions, day("2021-06-30"))
    expect(Object.fromEntries(in2021.carrierOf)).toEqual({ A: "A2", A2: "A2", B: "B", C: "C" })
    expect(in2021.uncarried).toEqual([])
    const in2026 = SuccessionRules.carriedInto(units, successions, day("2026-01-01"))
    expect(Object.fromEntries(in2026.carrierOf)).toEqual({ A: "M", A2: "M", B: "M", C: "C", M: "M" })
    // 2017 figures of A (12) and B (30) and C (7) roll into M and C with nothing counted twice.
    const figures2017: Record<string, number> = { A: 12, B: 30, C: 7 }
    const rolled = new Map<string, number>()
    for (const [id, n] of Object.entries(figures2017)) {
      const carrier = in2026.carrierOf.get(UnitId.make(id)) as string
      rolled.set(carrier, (rolled.get(carrier) ?? 0) + n)
    }
    expect(Object.fromEntries(rolled)).toEqual({ M: 42, C: 7 })
  })

  it("reports a unit dissolved without a carrier as uncarried", () => {
    const r = SuccessionRules.carriedInto([unit("D", "2010-01-01", "2025-07-01")], [], day("2026-01-01"))
    expect(r.carrierOf.size).toBe(0)
    expect(r.uncarried).toEqual(["D"])
  })

  it("reports ends that do not exist", () => {
    const v = SuccessionRules.validate(
      [unit("A", "2010-01-01", "2020-01-01")],
      [edge("rename", "2020-01-01", "A", "Z", true)]
    )
    expect(v.map((x) => x._tag)).toEqual(["UnknownSuccessionEnd"])
    expect(v[0]?.message).toContain("no such unit")
  })

  it("reports a predecessor whose validity does not end on the effective date, or a transfer's that does", () => {
    const v = SuccessionRules.validate(
      [unit("A", "2010-01-01"), unit("B", "2020-01-01")],
      [edge("split", "2020-01-01", "A", "B", true)]
    )
    expect(v.map((x) => x._tag)).toEqual(["PredecessorValidityMismatch"])
    expect(v[0]?.message).toContain("must end that day")
    expect(
      tags(
        [unit("A", "2010-01-01", "2020-01-01"), unit("B", "2010-01-01")],
        [edge("transfer", "2020-01-01", "A", "B", false)]
      )
    ).toEqual(["PredecessorValidityMismatch"])
  })

  it("reports a successor not valid on the effective date", () => {
    expect(
      tags(
        [unit("A", "2010-01-01", "2020-01-01"), unit("B", "2020-01-02")],
        [edge("rename", "2020-01-01", "A", "B", true)]
      )
    ).toEqual(["SuccessorNotValid"])
  })

  it("requires exactly one history-carrying succession per predecessor that ends", () => {
    const parts = [unit("A", "2010-01-01", "2020-01-01"), unit("B", "2020-01-01"), unit("C", "2020-01-01")]
    expect(
      tags(parts, [
        edge("split", "2020-01-01", "A", "B", false),
        edge("split", "2020-01-01", "A", "C", false)
      ])
    ).toEqual(["HistoryCarrierCount"])
    const twice = SuccessionRules.validate(parts, [
      edge("split", "2020-01-01", "A", "B", true),
      edge("split", "2020-01-01", "A", "C", true)
    ])
    expect(twice.map((x) => x._tag)).toEqual(["HistoryCarrierCount"])
    expect(twice[0]?.message).toContain("counted 2 times")
    expect(
      tags(parts, [edge("split", "2020-01-01", "A", "B", true), edge("split", "2020-01-01", "A", "C", false)])
    ).toEqual([])
  })

  it("reports a transfer that carries history", () => {
    expect(
      tags(
        [unit("A", "2010-01-01"), unit("B", "2010-01-01")],
        [edge("transfer", "2020-01-01", "A", "B", true)]
      )
    ).toEqual(["TransferCarriesHistory"])
  })

  it("reports cycles and self-successions, but not transfers back and forth", () => {
    const v = SuccessionRules.validate(
      [unit("A", "2010-01-01", "2020-01-01"), unit("B", "2020-01-01", "2020-01-01")],
      [edge("rename", "2020-01-01", "A", "B", true), edge("rename", "2020-01-01", "B", "A", true)]
    )
    expect(v.filter((x) => x._tag === "SuccessionCycle")).toHaveLength(1)
    expect(tags([unit("A", "2010-01-01")], [edge("transfer", "2020-01-01", "A", "A", false)])).toEqual([
      "SuccessionCycle"
    ])
    expect(
      tags(
        [unit("A", "2010-01-01"), unit("B", "2010-01-01")],
        [edge("transfer", "2019-01-01", "A", "B", false), edge("transfer", "2021-01-01", "B", "A", false)]
      )
    ).toEqual([])
  })

  it("reports duplicate succession ids", () => {
    const s = edge("rename", "2020-01-01", "A", "B", true)
    expect(tags([unit("A", "2010-01-01", "2020-01-01"), unit("B", "2020-01-01")], [s, s])).toContain(
      "DuplicateSuccessionId"
    )
  })
})

// ---------------------------------------------------------------------------------------------
// Random histories of merges, splits, renames and transfers
// ---------------------------------------------------------------------------------------------

const T0 = day("2010-01-01")

const opArb = fc.record({
  kind: fc.constantFrom("merge", "mergeInto", "split", "rename", "transfer"),
  picks: fc.array(fc.nat(), { minLength: 1, maxLength: 4 }),
  parts: fc.integer({ min: 2, max: 4 }),
  carrier: fc.nat()
})

const historyArb = fc.record({
  initial: fc.integer({ min: 1, max: 12 }),
  steps: fc.array(fc.array(opArb, { maxLength: 3 }), { minLength: 1, maxLength: 6 }),
  gaps: fc.array(fc.integer({ min: 1, max: 400 }), { minLength: 6, maxLength: 6 })
})

interface History {
  readonly units: ReadonlyArray<Unit>
  readonly successions: ReadonlyArray<Succession>
  readonly lastDate: CalendarDate.CalendarDate
}

/** Plays a random history: at each date, ops on distinct units among those still valid. */
type Plan = typeof historyArb extends fc.Arbitrary<infer T> ? T : never

const play = (h: Plan): History => {
  const validity = new Map<string, { from: CalendarDate.CalendarDate; until?: CalendarDate.CalendarDate }>()
  const successions: Array<Succession> = []
  let n = 0
  let s = 0
  const fresh = (from: CalendarDate.CalendarDate) => {
    const id = `u${n++}`
    validity.set(id, { from })
    return id
  }
  const link = (
    kind: SuccessionKind,
    on: CalendarDate.CalendarDate,
    from: string,
    to: string,
    carries: boolean
  ) =>
    successions.push(
      new Succession({
        id: SuccessionId.make(`s${s++}`),
        kind,
        effectiveDate: on,
        predecessorId: UnitId.make(from),
        successorId: UnitId.make(to),
        carriesHistory: carries,
        version: 1
      })
    )
  for (let i = 0; i < h.initial; i++) fresh(T0)
  let date = T0
  h.steps.forEach((ops, stepIndex) => {
    date = CalendarDate.addDays(date, h.gaps[stepIndex] ?? 100)
    const on = date
    // Units valid the day before and not yet touched today.
    const free = [...validity.entries()]
      .filter(([, v]) => v.until === undefined && v.from < on)
      .map(([id]) => id)
    const take = (k: number, picks: ReadonlyArray<number>) => {
      const out: Array<string> = []
      for (let j = 0; j < k && free.length > 0; j++) {
        const pick = (picks[j % picks.length] ?? 0) % free.length
        out.push(...free.splice(pick, 1))
      }
      return out
    }
    const end = (id: string) => {
      const v = validity.get(id)
      if (v !== undefined) validity.set(id, { from: v.from, until: on })
    }
    for (const op of ops) {
      switch (op.kind) {
        case "merge": {
          const preds = take(Math.max(2, op.picks.length), op.picks)
          if (preds.length < 2) break
          const merged = fresh(on)
          for (const p of preds) {
            end(p)
            link("merge", on, p, merged, true)
          }
          break
        }
        case "mergeInto": {
          const [target, ...preds] = take(Math.max(2, op.picks.length), op.picks)
          if (target === undefined || preds.length === 0) break
          for (const p of preds) {
            end(p)
            link("merge", on, p, target, true)
          }
          break
        }
        case "split": {
          const [pred] = take(1, op.picks)
          if (pred === undefined) break
          end(pred)
          const parts = Array.from({ length: op.parts }, () => fresh(on))
          for (const [k, part] of parts.entries())
            link("split", on, pred, part, k === op.carrier % parts.length)
          break
        }
        case "rename": {
          const [pred] = take(1, op.picks)
          if (pred === undefined) break
          end(pred)
          link("rename", on, pred, fresh(on), true)
          break
        }
        case "transfer": {
          const [from, to] = take(2, op.picks)
          if (from === undefined || to === undefined) break
          link("transfer", on, from, to, false)
          break
        }
      }
    }
  })
  const units = [...validity.entries()].map(
    ([id, v]) =>
      new Unit({
        id: UnitId.make(id),
        type: "commune",
        name: `Xã ${id}`,
        validFrom: v.from,
        ...(v.until === undefined ? {} : { validUntil: v.until }),
        parents: [],
        version: 1
      })
  )
  return { units, successions, lastDate: date }
}

const withAsOf = historyArb.chain((h) => {
  const history = play(h)
  return fc.tuple(
    fc.constant(history),
    fc
      .integer({ min: 0, max: CalendarDate.daysBetween(T0, history.lastDate) + 200 })
      .map((k) => CalendarDate.addDays(T0, k)),
    fc.array(fc.nat(1000), { minLength: history.units.length, maxLength: history.units.length })
  )
})

describe("SuccessionRules (properties)", () => {
  it("random histories of merges, splits, renames and transfers are valid", () => {
    fc.assert(
      fc.property(historyArb, (h) => {
        const { units, successions } = play(h)
        expect(SuccessionRules.validate(units, successions)).toEqual([])
      })
    )
  })

  it("every unit of the past maps to exactly one carrier valid at asOf: no double counting, nothing lost", () => {
    fc.assert(
      fc.property(withAsOf, ([{ units, successions }, asOf, counts]) => {
        const { carrierOf, uncarried } = SuccessionRules.carriedInto(units, successions, asOf)
        expect(uncarried).toEqual([])
        const past = units.filter((u) => u.validFrom <= asOf)
        expect(carrierOf.size).toBe(past.length)
        const byId = new Map(units.map((u) => [u.id as string, u]))
        for (const u of past) {
          const carrier = byId.get(carrierOf.get(u.id) as string) as Unit
          expect(
            carrier.validFrom <= asOf && (carrier.validUntil === undefined || asOf < carrier.validUntil)
          ).toBe(true)
          // A unit valid at asOf carries its own history.
          if (u.validUntil === undefined || asOf < u.validUntil) expect(carrier.id).toBe(u.id)
        }
        // Sum any per-unit counts over the carriers: the total is the same.
        const total = past.reduce((sum, u) => sum + (counts[units.indexOf(u)] ?? 0), 0)
        const rolled = new Map<string, number>()
        for (const u of past) {
          const c = carrierOf.get(u.id) as string
          rolled.set(c, (rolled.get(c) ?? 0) + (counts[units.indexOf(u)] ?? 0))
        }
        expect([...rolled.values()].reduce((a, b) => a + b, 0)).toBe(total)
        for (const c of rolled.keys()) expect(carrierOf.get(UnitId.make(c))).toBe(c)
      })
    )
  })

  it("carriedInto agrees with Succession.historyCarrier unit by unit", () => {
    fc.assert(
      fc.property(withAsOf, ([{ units, successions }, asOf]) => {
        const { carrierOf } = SuccessionRules.carriedInto(units, successions, asOf)
        for (const [id, carrier] of carrierOf) expect(historyCarrier(successions, id, asOf)).toBe(carrier)
      })
    )
  })

  it("dropping or doubling a history-carrying link is always reported", () => {
    fc.assert(
      fc.property(
        historyArb.map(play).filter((h) => h.successions.some((s) => s.carriesHistory)),
        fc.nat(),
        fc.boolean(),
        ({ units, successions }, pick, drop) => {
          const carrying = successions.filter((s) => s.carriesHistory)
          const target = carrying[pick % carrying.length] as Succession
          const mutated = drop
            ? successions.map((s) =>
                s === target ? new Succession({ ...target, carriesHistory: false }) : s
              )
            : [...successions, new Succession({ ...target, id: SuccessionId.make("extra") })]
          const v = SuccessionRules.validate(units, mutated)
          expect(
            v.some(
              (x) =>
                x._tag === "HistoryCarrierCount" &&
                x.predecessorId === target.predecessorId &&
                x.count === (drop ? 0 : 2)
            )
          ).toBe(true)
        }
      )
    )
  })
})
