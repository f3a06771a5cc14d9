/**
 * The committed directives are kept in `Directive.byEffectiveDate` order between commits
 * (`Directives.byEffectiveDate`, decision record 0064). These check that no read of the directives
 * in force, or of those applicable to a unit, answers from a list a write has made stale: after
 * every write, committed or inside a transaction (one of which fails), the store answers what
 * `Directive.inForceOn` and `Directive.applicableOn` give over the records it holds.
 */
import { CalendarDate, Directive, DirectiveRepository, Ids, UnitOfWork, UnitRepository } from "@danvan/core"
import { Fixtures as F } from "@danvan/store-testkit"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Option } from "effect"
import * as fc from "fast-check"
import { StoreMemory } from "../src/index.ts"

const pool = 6
const idOf = (n: number) => Ids.DirectiveId.make(`d-${n}`)
const start = F.date("2020-01-01")
const days = Array.from({ length: 22 }, (_, i) => CalendarDate.addDays(start, i * 4))
const province = Ids.UnitId.make("vn-37")
const commune = Ids.UnitId.make("vn-37-001")

const issuers: ReadonlyArray<Directive.IssuedBy> = [
  { _tag: "Central", body: "government" },
  { _tag: "Unit", unitId: province, body: "peoplesCommittee" },
  { _tag: "Unit", unitId: Ids.UnitId.make("vn-36"), body: "peoplesCommittee" }
]

/** What a write sets on a directive: when it takes effect and ends, what it replaces, its programme. */
interface Terms {
  readonly from: number
  readonly span: number | undefined
  readonly replaces: ReadonlyArray<number>
  readonly programme: Directive.Directive["programme"]
}

const terms: fc.Arbitrary<Terms> = fc.record({
  from: fc.integer({ min: 0, max: 60 }),
  span: fc.option(fc.integer({ min: 1, max: 40 }), { nil: undefined }),
  replaces: fc.uniqueArray(fc.integer({ min: 0, max: pool - 1 }), { maxLength: 2 }),
  programme: fc.constantFrom("QCDC" as const, "DVK" as const)
})

type Write =
  | { readonly _tag: "insert"; readonly n: number; readonly issuer: number; readonly terms: Terms }
  | { readonly _tag: "insertMany"; readonly ns: ReadonlyArray<number>; readonly terms: Terms }
  | { readonly _tag: "update"; readonly n: number; readonly terms: Terms }

type Step =
  | Write
  | { readonly _tag: "transaction"; readonly writes: ReadonlyArray<Write>; readonly fails: boolean }

const n = fc.integer({ min: 0, max: pool - 1 })
const write: fc.Arbitrary<Write> = fc.oneof(
  fc.record({ _tag: fc.constant("insert" as const), n, issuer: fc.integer({ min: 0, max: 2 }), terms }),
  fc.record({ _tag: fc.constant("insertMany" as const), ns: fc.uniqueArray(n, { maxLength: 3 }), terms }),
  fc.record({ _tag: fc.constant("update" as const), n, terms })
)
const step: fc.Arbitrary<Step> = fc.oneof(
  { arbitrary: write, weight: 3 },
  fc.record({
    _tag: fc.constant("transaction" as const),
    writes: fc.array(write, { maxLength: 4 }),
    fails: fc.boolean()
  })
)

const dated = (t: Terms) => ({
  effectiveFrom: CalendarDate.addDays(start, t.from),
  ...(t.span === undefined ? {} : { effectiveUntil: CalendarDate.addDays(start, t.from + t.span) }),
  replaces: t.replaces.map(idOf),
  programme: t.programme
})

const fresh = (n: number, issuer: number, t: Terms): Directive.Directive =>
  new Directive.Directive({
    ...F.directive(`d-${n}`, F.stateNumber(n + 1, "UBND", { year: 2019, type: "QĐ" }), {
      issuedOn: "2019-12-01",
      issuedBy: issuers[issuer]!
    }),
    ...dated(t)
  })

const show = (ds: ReadonlyArray<Directive.Directive>) => ds.map((d) => `${d.id}@${d.version}`)

const program = (steps: ReadonlyArray<Step>) =>
  Effect.gen(function* () {
    const directives = yield* DirectiveRepository
    const units = yield* UnitRepository
    const uow = yield* UnitOfWork
    yield* units.insert([
      F.unit("vn-37", "province", "Ninh Bình"),
      F.unit("vn-37-001", "commune", "Xã Một", { parents: [["vn-37", "1992-01-01"]] })
    ])

    // Writes the store refuses (a replaced directive that does not exist, a version conflict) are
    // steps too: they must leave the order as it was.
    const write = (w: Write): Effect.Effect<unknown, unknown> =>
      w._tag === "insert"
        ? directives.insert(fresh(w.n, w.issuer, w.terms))
        : w._tag === "insertMany"
          ? directives.insertMany(w.ns.map((n) => fresh(n, n % 3, w.terms)))
          : Effect.flatMap(directives.get(idOf(w.n)), (d) => {
              const { effectiveUntil: _, ...rest } = d
              return directives.update(new Directive.Directive({ ...rest, ...dated(w.terms) }))
            })
    const apply = (w: Write) => Effect.exit(write(w))

    // The store's answers against the pure functions over the records it holds (read with `get`,
    // which never goes through the ordered list).
    const check = Effect.gen(function* () {
      const held: Array<Directive.Directive> = []
      for (let i = 0; i < pool; i++) {
        const d = yield* Effect.option(directives.get(idOf(i)))
        if (Option.isSome(d)) held.push(d.value)
      }
      for (const on of days) {
        for (const programme of [undefined, "DVK" as const]) {
          expect(show(yield* directives.inForce(on, programme))).toEqual(
            show(Directive.inForceOn(held, on, programme))
          )
        }
        expect(show(yield* directives.applicableTo(commune, on))).toEqual(
          show(Directive.applicableOn(held, commune, [province], on))
        )
      }
      return held.length
    })

    let stored = 0
    for (const s of steps) {
      if (s._tag === "transaction") {
        yield* Effect.exit(
          uow.transaction(
            Effect.gen(function* () {
              for (const w of s.writes) {
                yield* apply(w)
                yield* check
              }
              if (s.fails) return yield* Effect.fail("rolled back" as const)
            })
          )
        )
      } else yield* apply(s)
      stored = yield* check
    }
    return stored
  }).pipe(Effect.provide(StoreMemory.layer()))

describe("the directives in force over directives kept in effective-date order", () => {
  it.effect("answer as the pure functions over the stored records after every write", () =>
    Effect.promise(() =>
      fc.assert(
        fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 25 }), (steps) =>
          Effect.runPromise(program(steps)).then(() => undefined)
        ),
        { numRuns: 80 }
      )
    )
  )

  it.effect("an update that moves a directive's effective date moves it in the answer", () =>
    Effect.gen(function* () {
      const directives = yield* DirectiveRepository
      const base: Terms = { from: 0, span: undefined, replaces: [], programme: "QCDC" }
      yield* directives.insertMany([fresh(0, 0, { ...base, from: 1 }), fresh(1, 0, { ...base, from: 2 })])
      const on = CalendarDate.addDays(start, 30)
      expect(show(yield* directives.inForce(on))).toEqual(["d-0@1", "d-1@1"])
      const d0 = yield* directives.get(idOf(0))
      yield* directives.update(
        new Directive.Directive({ ...d0, effectiveFrom: CalendarDate.addDays(start, 3) })
      )
      expect(show(yield* directives.inForce(on))).toEqual(["d-1@1", "d-0@2"])
    }).pipe(Effect.provide(StoreMemory.layer()))
  )
})
