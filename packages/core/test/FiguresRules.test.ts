import { describe, expect, it } from "@effect/vitest"
import { Result } from "effect"
import * as fc from "fast-check"
import { FieldId } from "../src/kernel/Ids.ts"
import type { ModelStatus } from "../src/model/DvkModel.ts"
import * as Figures from "../src/report/Figures.ts"
import * as FiguresRules from "../src/report/FiguresRules.ts"
import { revoked, thrower } from "./support/Hostile.ts"

// ---------------------------------------------------------------------------------------------
// generators
// ---------------------------------------------------------------------------------------------

const statuses: ReadonlyArray<ModelStatus> = [
  "registered",
  "inProgress",
  "evaluated",
  "commended",
  "replicated",
  "discontinued"
]
const fieldPool = [
  "economy",
  "culture-society",
  "security-defence",
  "political-system",
  "nong-thon-moi",
  "__proto__"
]
const extraPool = ["hoGiaDinh", "dienHinh.caNhan", "__proto__", "toString"]

const count = fc.nat({ max: 1000 })
const record = <K extends string>(keys: ReadonlyArray<K>, value: fc.Arbitrary<number>) =>
  fc
    .tuple(...keys.map(() => value))
    .map((vs) => Object.fromEntries(keys.map((k, i) => [k, vs[i]!])) as Record<K, number>)
const subset = (pool: ReadonlyArray<string>) => fc.subarray([...pool])
const extraArb = subset(extraPool).chain((keys) => record(keys, count))

/** Any DVK figures with valid counts, consistent or not. */
const anyDvk: fc.Arbitrary<Figures.DvkFigures> = fc
  .record({
    models: count,
    byField: subset(fieldPool).chain((keys) => record(keys as Array<FieldId>, count)),
    byStatus: record(statuses, count),
    newModels: count,
    effective: count,
    commended: count,
    replicated: count,
    exemplaryCases: count,
    extra: extraArb
  })
  .map((r) => ({ _tag: "DVK" as const, ...r }))

const share = fc.integer({ min: 0, max: 100 })

/** Consistent DVK figures: built from a list of models, each in a field and a status. */
const consistentDvk: fc.Arbitrary<Figures.DvkFigures> = fc
  .record({
    fields: subset(fieldPool).filter((f) => f.length > 0),
    items: fc.array(fc.tuple(fc.nat(), fc.constantFrom(...statuses)), { maxLength: 60 }),
    shares: fc.tuple(share, share, share, share),
    exemplaryCases: count,
    extra: extraArb
  })
  .map(({ fields, items, shares: [e, c, r, n], exemplaryCases, extra }) => {
    const byField: Record<string, number> = Object.fromEntries(fields.map((f) => [f, 0]))
    const byStatus: Record<string, number> = Object.fromEntries(statuses.map((s) => [s, 0]))
    for (const [f, s] of items) {
      const key = fields[f % fields.length]!
      Object.defineProperty(byField, key, {
        value: byField[key]! + 1,
        enumerable: true,
        writable: true,
        configurable: true
      })
      byStatus[s] = byStatus[s]! + 1
    }
    const models = items.length
    const effective = Math.floor((models * e) / 100)
    return {
      _tag: "DVK" as const,
      models,
      byField: byField as Record<FieldId, number>,
      byStatus: byStatus as Record<ModelStatus, number>,
      effective,
      commended: Math.floor((effective * c) / 100),
      replicated: Math.floor((models * r) / 100),
      newModels: Math.floor((models * n) / 100),
      exemplaryCases,
      extra
    }
  })

const qcdcKeys = [
  "citizenReceptions",
  "directDialogues",
  "complaintsReceived",
  "complaintsResolved",
  "denunciationsReceived",
  "denunciationsResolved",
  "supervisionSessions",
  "questioningSessions"
] as const

const anyQcdc: fc.Arbitrary<Figures.QcdcFigures> = fc
  .tuple(record(qcdcKeys, count), extraArb)
  .map(([r, extra]) => ({ _tag: "QCDC" as const, ...r, extra }))

const consistentQcdc: fc.Arbitrary<Figures.QcdcFigures> = fc
  .tuple(anyQcdc, fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 }))
  .map(([q, a, b]) => ({
    ...q,
    complaintsResolved: Math.floor((q.complaintsReceived * a) / 100),
    denunciationsResolved: Math.floor((q.denunciationsReceived * b) / 100)
  }))

const anyFigures: fc.Arbitrary<Figures.Figures> = fc.oneof(anyDvk, anyQcdc)

const sumOf = (xs: Readonly<Record<string, number>>) => Object.values(xs).reduce((a, b) => a + b, 0)

/** The rules each figure breaks, worked out directly. */
const expectedBreaches = (f: Figures.Figures): ReadonlyArray<string> => {
  if (f._tag === "QCDC") {
    return [
      ...(f.complaintsResolved > f.complaintsReceived ? ["ExceedsBound:complaintsResolved"] : []),
      ...(f.denunciationsResolved > f.denunciationsReceived ? ["ExceedsBound:denunciationsResolved"] : [])
    ]
  }
  return [
    ...(sumOf(f.byField) !== f.models ? ["BreakdownMismatch:byField"] : []),
    ...(sumOf(f.byStatus) !== f.models ? ["BreakdownMismatch:byStatus"] : []),
    ...(f.commended > f.effective ? ["ExceedsBound:commended"] : []),
    ...(f.effective > f.models ? ["ExceedsBound:effective"] : []),
    ...(f.replicated > f.models ? ["ExceedsBound:replicated"] : []),
    ...(f.newModels > f.models ? ["ExceedsBound:newModels"] : [])
  ]
}

const breachKey = (v: FiguresRules.FiguresViolation) =>
  v._tag === "BreakdownMismatch" ? `${v._tag}:${v.breakdown}` : `${v._tag}:${v.indicator}`

const ok = <A, E>(r: Result.Result<A, E>): A => Result.getOrThrow(r)

// ---------------------------------------------------------------------------------------------
// tests
// ---------------------------------------------------------------------------------------------

describe("FiguresRules.check", () => {
  it("finds no breach in consistent figures", () => {
    fc.assert(
      fc.property(fc.oneof(consistentDvk, consistentQcdc), (f) => {
        expect(FiguresRules.check(f)).toEqual([])
        expect(FiguresRules.isConsistent(f)).toBe(true)
      })
    )
  })

  it("reports exactly the rules any figures break", () => {
    fc.assert(
      fc.property(anyFigures, (f) => {
        expect(FiguresRules.check(f).map(breachKey).sort()).toEqual([...expectedBreaches(f)].sort())
      }),
      { numRuns: 300 }
    )
  })

  it("reports values that are not counts, and says what is wrong", () => {
    const f = {
      ...FiguresRules.emptyDvk([FieldId.make("economy")]),
      models: 3,
      byField: { economy: 2 }
    } as Figures.DvkFigures
    expect(FiguresRules.check(f).map((v) => v.message)).toEqual([
      "the byField breakdown sums to 2, but models is 3",
      "the byStatus breakdown sums to 0, but models is 3"
    ])
    const bad = {
      ...FiguresRules.emptyQcdc(),
      complaintsReceived: -1,
      directDialogues: 1.5
    } as Figures.QcdcFigures
    expect(FiguresRules.check(bad).map(breachKey)).toEqual([
      "InvalidCount:directDialogues",
      "InvalidCount:complaintsReceived",
      "ExceedsBound:complaintsResolved"
    ])
    const q = { ...FiguresRules.emptyQcdc(), denunciationsReceived: 4, denunciationsResolved: 5 }
    expect(FiguresRules.check(q)[0]?.message).toBe(
      "denunciationsResolved (5) exceeds denunciationsReceived (4)"
    )
  })
})

describe("FiguresRules.sum", () => {
  it("is commutative and associative, with zeroFor as identity", () => {
    fc.assert(
      fc.property(anyDvk, anyDvk, anyDvk, (a, b, c) => {
        expect(FiguresRules.sumDvk(a, b)).toEqual(FiguresRules.sumDvk(b, a))
        expect(FiguresRules.sumDvk(FiguresRules.sumDvk(a, b), c)).toEqual(
          FiguresRules.sumDvk(a, FiguresRules.sumDvk(b, c))
        )
        expect(FiguresRules.sumDvk(a, FiguresRules.zeroFor(a))).toEqual(a)
      })
    )
    fc.assert(
      fc.property(anyQcdc, anyQcdc, anyQcdc, (a, b, c) => {
        expect(ok(FiguresRules.sum(a, b))).toEqual(ok(FiguresRules.sum(b, a)))
        expect(ok(FiguresRules.sum(ok(FiguresRules.sum(a, b)), c))).toEqual(
          ok(FiguresRules.sum(a, ok(FiguresRules.sum(b, c))))
        )
        expect(ok(FiguresRules.sum(a, FiguresRules.zeroFor(a)))).toEqual(a)
      })
    )
  })

  it("agrees with addFlat over the flat form", () => {
    fc.assert(
      fc.property(fc.oneof(fc.tuple(anyDvk, anyDvk), fc.tuple(anyQcdc, anyQcdc)), ([a, b]) => {
        const flat = Figures.flatten(ok(FiguresRules.sum(a, b)))
        expect(flat).toEqual(Figures.addFlat({ ...Figures.flatten(a) }, Figures.flatten(b)))
      })
    )
  })

  it("keeps consistent figures consistent", () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.tuple(consistentDvk, consistentDvk), fc.tuple(consistentQcdc, consistentQcdc)),
        ([a, b]) => {
          expect(FiguresRules.check(ok(FiguresRules.sum(a, b)))).toEqual([])
        }
      )
    )
  })

  it("refuses to add figures of different programmes", () => {
    const r = FiguresRules.sum(FiguresRules.emptyDvk([]), FiguresRules.emptyQcdc())
    expect(Result.isFailure(r) && r.failure.message).toBe("cannot add QCDC figures to DVK figures")
  })
})

describe("FiguresRules.unflatten", () => {
  it("inverts Figures.flatten", () => {
    fc.assert(
      fc.property(anyFigures, (f) => {
        expect(ok(FiguresRules.unflatten(f._tag, Figures.flatten(f)))).toEqual(f)
      }),
      { numRuns: 300 }
    )
  })

  it("reads a partial flat map with the missing indicators as 0, so flatten gives the map back with zeros added", () => {
    fc.assert(
      fc.property(anyFigures, fc.integer({ min: 0, max: 0xffff }), (f, mask) => {
        const full = Figures.flatten(f)
        const partial = Object.fromEntries(
          Object.entries(full).filter((_, i) => ((mask >> (i % 16)) & 1) === 1)
        )
        const back = Figures.flatten(ok(FiguresRules.unflatten(f._tag, partial)))
        for (const [k, v] of Object.entries(back)) expect(v).toBe(Object.hasOwn(partial, k) ? partial[k] : 0)
        for (const k of Object.keys(partial)) expect(Object.hasOwn(back, k)).toBe(true)
      })
    )
  })

  it("refuses unknown indicators and values that are not counts, and never throws on any input", () => {
    const dvk = (flat: Record<string, number>) => FiguresRules.unflatten("DVK", flat)
    const unknown = dvk({ models: 1, citizenReceptions: 2 })
    expect(Result.isFailure(unknown) && unknown.failure.message).toBe(
      'DVK figures: indicator "citizenReceptions" is not an indicator of this programme'
    )
    expect(Result.isFailure(dvk({ "byStatus.archived": 1 }))).toBe(true)
    expect(Result.isFailure(dvk({ "byField.": 1 }))).toBe(true)
    expect(Result.isFailure(dvk({ models: -1 }))).toBe(true)
    expect(Result.isFailure(FiguresRules.unflatten("QCDC", { "byField.economy": 1 }))).toBe(true)
    const hostile = dvk({ "": { toString: "" } } as unknown as Record<string, number>)
    expect(Result.isFailure(hostile) && hostile.failure.message).toBe(
      'DVK figures: indicator "" has the value an object, which is not a count (a whole number from 0 up)'
    )
    // Made in the property, not by fast-check, which cannot show or copy a revoked proxy.
    const hostileValues: ReadonlyArray<() => unknown> = [
      revoked,
      () => new Proxy({}, { get: thrower({ toString: "" }), getPrototypeOf: thrower({ toString: "" }) }),
      () => Object.create(null),
      () => 10n ** 100n
    ]
    fc.assert(
      fc.property(
        fc.constantFrom("DVK" as const, "QCDC" as const),
        fc.dictionary(
          fc.string(),
          fc.anything({
            withNullPrototype: true,
            withBoxedValues: true,
            withObjectString: true,
            withBigInt: true,
            withMap: true,
            withSet: true,
            withTypedArray: true,
            withSparseArray: true
          })
        ),
        fc.array(fc.tuple(fc.string(), fc.nat(hostileValues.length - 1)), { maxLength: 2 }),
        (p, given, spoiled) => {
          const flat: Record<string, unknown> = { ...given }
          for (const [key, i] of spoiled) flat[key] = hostileValues[i]!()
          const r = FiguresRules.unflatten(p, flat as Record<string, number>)
          if (Result.isSuccess(r))
            expect(FiguresRules.check(r.success).filter((v) => v._tag === "InvalidCount")).toEqual([])
        }
      )
    )
  })

  it("gives InvalidFlatFigures, not a TypeError, for a map it cannot read", () => {
    const message = (flat: unknown) => {
      const r = FiguresRules.unflatten("DVK", flat as Record<string, number>)
      return Result.isFailure(r) ? `${r.failure._tag}: ${r.failure.message}` : "a success"
    }
    // Each of these threw a TypeError (or what the input threw) out of unflatten.
    expect(message(null)).toBe(
      'InvalidFlatFigures: DVK figures: indicator "" cannot be read: the figures are null, not a map of indicators to counts'
    )
    expect(message(revoked())).toBe(
      "InvalidFlatFigures: DVK figures: indicator \"\" cannot be read: listing the figures threw Cannot perform 'ownKeys' on a proxy that has been revoked"
    )
    expect(message(new Proxy({}, { ownKeys: thrower({ toString: "" }) }))).toBe(
      'InvalidFlatFigures: DVK figures: indicator "" cannot be read: listing the figures threw an object'
    )
    expect(
      message(Object.defineProperty({}, "models", { enumerable: true, get: thrower({ toString: "" }) }))
    ).toBe('InvalidFlatFigures: DVK figures: indicator "models" cannot be read: reading it threw an object')
    expect(message({ models: revoked() })).toBe(
      'InvalidFlatFigures: DVK figures: indicator "models" has the value an object, which is not a count (a whole number from 0 up)'
    )
    expect(message({ models: 3 })).toBe("a success")
  })
})

describe("FiguresRules.emptyDvk and emptyQcdc", () => {
  it("are consistent and carry every key", () => {
    const e = FiguresRules.emptyDvk(["economy", "culture-society"].map((f) => FieldId.make(f)))
    expect(FiguresRules.check(e)).toEqual([])
    expect(Object.keys(Figures.flatten(e)).sort()).toEqual(
      [
        "byField.culture-society",
        "byField.economy",
        ...statuses.map((s) => `byStatus.${s}`),
        "commended",
        "effective",
        "exemplaryCases",
        "models",
        "newModels",
        "replicated"
      ].sort()
    )
    expect(Object.values(Figures.flatten(FiguresRules.emptyQcdc()))).toEqual(Array(8).fill(0))
    expect(FiguresRules.emptyFor("QCDC", [])).toEqual(FiguresRules.emptyQcdc())
  })
})
