/**
 * `DirectiveRepository.insertMany`, the import of directives in one write: it stores what
 * `insert` one at a time stores, reads back the same, and refuses a batch with the rule
 * `Contract.check` names for it, writing nothing (a batch that fails in the middle leaves none of
 * the directives before it).
 *
 * @since 0.1.0
 */
import {
  Contract,
  Directive,
  DirectiveRepository,
  Ids,
  Page,
  type Store,
  type StoreError,
  UnitOfWork
} from "@danvan/core"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Result } from "effect"
import * as fc from "fast-check"
import * as Arb from "../arbitraries.ts"
import * as F from "../fixtures.ts"
import { failsWith, type Suite, services, test, violates } from "./helpers.ts"

/** What a store reads back of its directives: each one by `list`, by `get`, and by its number. */
const readBack = Effect.gen(function* () {
  const repo = yield* DirectiveRepository
  const all = yield* Page.collect((p) => repo.list({}, p))
  const out = []
  for (const d of all) {
    out.push({
      directive: d,
      got: yield* repo.get(d.id),
      byNumber: (yield* repo.findByNumber(d.number)).map((x) => x.id),
      replacedBy: (yield* repo.replacementsOf(d.id)).map((x) => x.id)
    })
  }
  return out
})

const stored = <A>(effect: Effect.Effect<A, unknown, Store.Store>, suite: Suite) =>
  Effect.runPromise(Effect.provide(effect, suite.makeLayer()) as Effect.Effect<A>)

/** Directives with distinct ids and numbering keys, each replacing only directives before it. */
const valid = fc
  .uniqueArray(Arb.directive, {
    selector: (d) => Directive.numberingKey(d),
    maxLength: 12
  })
  .chain((list) =>
    fc.tuple(
      ...list.map((d, i) =>
        fc.subarray(list.slice(0, i).map((_, j) => `d-${j}`)).map(
          (replaces) =>
            new Directive.Directive({
              ...d,
              id: Ids.DirectiveId.make(`d-${i}`),
              replaces: replaces.map((r) => Ids.DirectiveId.make(r))
            })
        )
      )
    )
  )
  .map((list) => list as ReadonlyArray<Directive.Directive>)

/**
 * Directives already stored, and a batch that may break the contract anywhere: ids used twice
 * (in the batch or with the store), numbers taken, replaced directives missing or later in the
 * batch.
 */
const hostile = fc.record({
  before: fc.array(
    fc
      .tuple(Arb.directive, fc.constantFrom("s-0", "s-1"))
      .map(([d, id]) => new Directive.Directive({ ...d, id: Ids.DirectiveId.make(id) })),
    { maxLength: 2 }
  ),
  batch: fc.array(
    fc.record({
      directive: Arb.directive,
      id: fc.constantFrom("r-0", "r-1", "r-2", "r-3", "s-0"),
      replaces: fc.subarray(["r-0", "r-2", "s-1", "missing"], { maxLength: 2 }),
      // Take the number and issuer of another directive of the batch or the store.
      copyNumberOf: fc.option(fc.nat(), { nil: undefined })
    }),
    { minLength: 1, maxLength: 6 }
  )
})

/** @since 0.1.0 */
export const register = (suite: Suite): void => {
  describe("DirectiveRepository.insertMany (directive import)", () => {
    test(
      suite,
      "imports directives at version 1, a replacement before or after what it replaces; an empty import writes nothing",
      Effect.gen(function* () {
        const { directives } = yield* services
        expect(yield* directives.insertMany([])).toEqual([])
        const [first, second, ...rest] = F.directiveChain()
        // The replacement comes first: the batch is one write, as `Contract.check` reads it.
        const imported = yield* directives.insertMany([
          second!,
          new Directive.Directive({ ...first!, version: 4 }),
          ...rest
        ])
        expect(imported.map((d) => [d.id, d.version])).toEqual(
          [second!, first!, ...rest].map((d) => [d.id, 1])
        )
        expect(imported[0]).toBeInstanceOf(Directive.Directive)
        expect({ ...(yield* directives.get(first!.id)), version: 0 }).toEqual({ ...first! })
        expect((yield* directives.replacementsOf(first!.id)).map((d) => d.id)).toEqual([second!.id])
        // An imported directive is an ordinary one: it updates at its version.
        const v2 = yield* directives.update(new Directive.Directive({ ...imported[0]!, title: "Sửa đổi" }))
        expect(v2.version).toBe(2)
      })
    )

    test(
      suite,
      "a batch failing in the middle is refused with the contract's rule and leaves nothing",
      Effect.gen(function* () {
        const { directives } = yield* services
        const kept = yield* directives.insert(
          F.directive("kh-771", F.partyNumber(771, "KH", "BDVTƯ"), { issuedOn: "2017-03-08" })
        )
        const first = F.directive("qd-1-2024", F.stateNumber(1, "UBND", { type: "QĐ" }), {
          issuedOn: "2024-05-01"
        })
        const last = F.directive("qd-2-2024", F.stateNumber(2, "UBND", { type: "QĐ" }), {
          issuedOn: "2024-05-02",
          replaces: ["qd-1-2024"]
        })
        const nothingNew = Effect.gen(function* () {
          const all = yield* Page.collect((p) => directives.list({}, p))
          expect(all.map((d) => [d.id, d.version])).toEqual([[kept.id, 1]])
          expect(yield* directives.replacementsOf(first.id)).toEqual([])
        })
        const cases: ReadonlyArray<readonly [StoreError.ConstraintName, Directive.Directive]> = [
          [
            "unique document number",
            F.directive("kh-771-bis", F.partyNumber(771, "KH", "BDVTW"), { issuedOn: "2017-09-01" })
          ],
          [
            "unique document number",
            F.directive("qd-1-bis", F.stateNumber(1, "UBND", { type: "QĐ" }), { issuedOn: "2024-12-31" })
          ],
          [
            "replaced directive exists",
            F.directive("qd-3-2024", F.stateNumber(3, "UBND", { type: "QĐ" }), {
              issuedOn: "2024-06-01",
              replaces: ["nd-60-2013"]
            })
          ],
          ["unique id", F.directive("kh-771", F.partyNumber(9, "KH", "TU"), { issuedOn: "2024-12-31" })],
          ["unique id", F.directive("qd-1-2024", F.partyNumber(9, "KH", "TU"), { issuedOn: "2024-12-31" })]
        ]
        for (const [constraint, middle] of cases) {
          const v = yield* violates(constraint, directives.insertMany([first, middle, last]))
          expect(v.entity).toBe("directive")
          yield* nothingNew
        }
        // Inside a caller's transaction the refused import leaves the transaction usable.
        const uow = yield* UnitOfWork
        yield* uow.transaction(
          Effect.gen(function* () {
            yield* failsWith("ConstraintViolation", directives.insertMany([first, first]))
            yield* directives.insertMany([first, last])
          })
        )
        expect((yield* directives.replacementsOf(first.id)).map((d) => d.id)).toEqual([last.id])
      })
    )

    test(
      suite,
      "an import larger than one statement of each table is stored whole, or refused whole",
      Effect.gen(function* () {
        const { directives } = yield* services
        // 2,400 directives of 19 columns (over 1,500 rows a statement) and 2,399 replacement rows.
        const list = Array.from({ length: 2400 }, (_, i) =>
          F.directive(`cv-${i}`, F.partyNumber(i + 1, "CV", "TU"), {
            issuedOn: "2024-03-01",
            ...(i === 0 ? {} : { replaces: [`cv-${i - 1}`] })
          })
        )
        const clash = F.directive("cv-last", F.partyNumber(1, "CV", "TU"), { issuedOn: "2024-04-01" })
        yield* violates("unique document number", directives.insertMany([...list, clash]))
        expect(yield* Page.collect((p) => directives.list({}, p))).toEqual([])
        const imported = yield* directives.insertMany(list)
        expect(imported.length).toBe(2400)
        expect((yield* Page.collect((p) => directives.list({}, p))).length).toBe(2400)
        expect((yield* directives.replacementsOf(Ids.DirectiveId.make("cv-2398"))).map((d) => d.id)).toEqual([
          "cv-2399"
        ])
        expect((yield* directives.get(Ids.DirectiveId.make("cv-2399"))).replaces).toEqual(["cv-2398"])
      }),
      suite.settings.timeout * 4
    )

    it(
      `an import stores and reads back what insert one at a time stores, on ${suite.settings.propertyRuns} random imports`,
      async () => {
        await fc.assert(
          fc.asyncProperty(valid, async (list) => {
            const batch = await stored(
              Effect.gen(function* () {
                const imported = yield* (yield* DirectiveRepository).insertMany(list)
                expect(imported.map((d) => d.version)).toEqual(list.map(() => 1))
                return yield* readBack
              }),
              suite
            )
            const single = await stored(
              Effect.gen(function* () {
                const repo = yield* DirectiveRepository
                for (const d of list) yield* repo.insert(d)
                return yield* readBack
              }),
              suite
            )
            expect(batch).toEqual(single)
            expect(batch.length).toBe(list.length)
          }),
          { numRuns: suite.settings.propertyRuns }
        )
      },
      suite.settings.timeout * 10
    )

    it(
      `a refused import names the rule Contract.check names and leaves the store as it was, on ${suite.settings.propertyRuns} hostile imports`,
      async () => {
        await fc.assert(
          fc.asyncProperty(hostile, async ({ before, batch }) => {
            await stored(
              Effect.gen(function* () {
                const repo = yield* DirectiveRepository
                for (const d of before) yield* Effect.result(repo.insert(d))
                const prior = yield* readBack
                const pool = [...prior.map((p) => p.directive), ...batch.map((e) => e.directive)]
                const directives = batch.map(
                  (e) =>
                    new Directive.Directive({
                      ...e.directive,
                      id: Ids.DirectiveId.make(e.id),
                      replaces: e.replaces.map((r) => Ids.DirectiveId.make(r)),
                      ...(e.copyNumberOf === undefined
                        ? {}
                        : {
                            number: pool[e.copyNumberOf % pool.length]!.number,
                            issuedBy: pool[e.copyNumberOf % pool.length]!.issuedBy,
                            issuedOn: pool[e.copyNumberOf % pool.length]!.issuedOn
                          })
                    })
                )
                const storedIds = new Set(prior.map((p) => p.directive.id as string))
                const holders = new Map<string, Array<string>>()
                for (const p of prior)
                  holders.set(Directive.numberingKey(p.directive), [
                    ...(holders.get(Directive.numberingKey(p.directive)) ?? []),
                    p.directive.id
                  ])
                const expected = Contract.check(
                  {
                    has: (entity, key) => entity === "directive" && storedIds.has(key),
                    holders: (u) => (u._tag === "DocumentNumber" ? (holders.get(u.value) ?? []) : [])
                  },
                  [Contract.write("directive", directives, true)]
                )
                const result = yield* Effect.result(repo.insertMany(directives))
                if (expected === undefined) {
                  expect(Result.isSuccess(result)).toBe(true)
                  expect((yield* readBack).length).toBe(prior.length + directives.length)
                } else {
                  expect(Result.isFailure(result)).toBe(true)
                  const failure = (result as Result.Failure<unknown, StoreError.ConstraintViolation>).failure
                  expect([failure._tag, failure.constraint, failure.entity]).toEqual([
                    "ConstraintViolation",
                    expected.constraint,
                    expected.entity
                  ])
                  expect(yield* readBack).toEqual(prior)
                }
              }),
              suite
            )
          }),
          { numRuns: suite.settings.propertyRuns }
        )
      },
      suite.settings.timeout * 10
    )
  })
}
