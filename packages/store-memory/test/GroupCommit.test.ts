/**
 * `onAppend`, the group commit the JSON-file adapter makes commits durable with (decision record
 * 0045): a commit is queued under the lock and becomes visible only once the adapter settles it,
 * in order; later writers build on queued commits; a queued commit that fails takes every commit
 * queued after it, and the transactions that read it, with it.
 */
import { StoreError, UnitOfWork, UnitRepository } from "@danvan/core"
import { Fixtures as F } from "@danvan/store-testkit"
import { describe, expect, it } from "@effect/vitest"
import { Context, Deferred, Effect, Exit, Fiber } from "effect"
import { StoreMemory } from "../src/index.ts"

type Settle = (failure: StoreError.StoreFailure | undefined) => void

/** A store whose adapter holds every commit until the test settles it. */
const held = Effect.gen(function* () {
  const queued: Array<{ readonly keys: ReadonlyArray<string>; readonly settle: Settle }> = []
  const ctx = yield* StoreMemory.make({
    onAppend: (changes, settle) =>
      Effect.sync(() => void queued.push({ keys: changes.map((c) => c.key), settle }))
  })
  const waitFor = (n: number) =>
    Effect.gen(function* () {
      while (queued.length < n) yield* Effect.yieldNow
    })
  return { ctx, queued, waitFor }
})

const names = Effect.map(
  Effect.flatMap(UnitRepository, (units) => units.list({})),
  (page) => page.items.map((u) => u.id)
)

const lost = new StoreError.StoreUnavailable({ reason: "DiskFull", detail: "the disk is full (test)" })

describe("group commit (onAppend)", () => {
  it.effect("a queued commit is invisible until settled; later writers build on it; settled in order", () =>
    Effect.gen(function* () {
      const { ctx, queued, waitFor } = yield* held
      yield* Effect.provideContext(
        Effect.gen(function* () {
          const units = yield* UnitRepository
          const a = yield* Effect.forkChild(units.insert([F.unit("vn-01", "province", "A")]))
          yield* waitFor(1)
          // The same key again: the second writer sees the queued first one and fails.
          const again = yield* Effect.forkChild(
            Effect.exit(units.insert([F.unit("vn-01", "province", "A lần hai")]))
          )
          const b = yield* Effect.forkChild(units.insert([F.unit("vn-02", "province", "B")]))
          yield* waitFor(2)
          // The committed state (what a reader gets once the queue settles) has neither yet.
          const committed = Effect.map(Context.get(ctx, StoreMemory.Snapshots).snapshot, (s) =>
            (s.unit ?? []).map((u) => (u as { readonly id: string }).id)
          )
          expect(yield* committed).toEqual([])
          queued[0]!.settle(undefined)
          yield* Fiber.join(a)
          expect(Exit.isFailure(yield* Fiber.join(again))).toBe(true)
          expect(yield* committed).toEqual(["vn-01"])
          queued[1]!.settle(undefined)
          yield* Fiber.join(b)
          expect(yield* names).toEqual(["vn-01", "vn-02"])
          expect(queued.map((q) => q.keys)).toEqual([["vn-01"], ["vn-02"]])
        }),
        ctx
      )
    })
  )

  it.effect(
    "a failed commit fails those queued after it and the transaction that read it; earlier ones stay",
    () =>
      Effect.gen(function* () {
        const { ctx, queued, waitFor } = yield* held
        yield* Effect.provideContext(
          Effect.gen(function* () {
            const units = yield* UnitRepository
            const uow = yield* UnitOfWork
            const a = yield* Effect.forkChild(units.insert([F.unit("vn-01", "province", "A")]))
            yield* waitFor(1)
            const b = yield* Effect.forkChild(units.insert([F.unit("vn-02", "province", "B")]))
            yield* waitFor(2)
            const c = yield* Effect.forkChild(units.insert([F.unit("vn-03", "province", "C")]))
            yield* waitFor(3)
            // A transaction that reads the queued B, still running when B fails.
            const gate = yield* Deferred.make<void>()
            const reader = yield* Effect.forkChild(
              uow.transaction(
                Effect.gen(function* () {
                  const seen = yield* names
                  yield* Deferred.await(gate)
                  yield* units.insert([F.unit("vn-04", "province", "D")])
                  return seen
                })
              )
            )
            yield* Effect.yieldNow
            queued[0]!.settle(undefined)
            queued[1]!.settle(lost)
            queued[2]!.settle(lost)
            expect(Exit.isSuccess(yield* Fiber.await(a))).toBe(true)
            expect(yield* Effect.flip(Fiber.join(b))).toBe(lost)
            expect(yield* Effect.flip(Fiber.join(c))).toBe(lost)
            yield* Deferred.succeed(gate, undefined)
            const failed = yield* Effect.flip(Fiber.join(reader))
            expect(failed).toMatchObject({ _tag: "StoreUnavailable", reason: "Conflict" })
            expect(queued).toHaveLength(3)
            expect(yield* names).toEqual(["vn-01"])
            // A commit after the failure builds on what stayed.
            const e = yield* Effect.forkChild(units.insert([F.unit("vn-02", "province", "B lần hai")]))
            yield* waitFor(4)
            queued[3]!.settle(undefined)
            yield* Fiber.join(e)
            expect(yield* names).toEqual(["vn-01", "vn-02"])
          }),
          ctx
        )
      })
  )

  it.effect(
    "a transaction that fails on a queued commit fails only once it is durable; Conflict when it is not",
    () =>
      Effect.gen(function* () {
        const { ctx, queued, waitFor } = yield* held
        yield* Effect.provideContext(
          Effect.gen(function* () {
            const units = yield* UnitRepository
            const a = yield* Effect.forkChild(units.insert([F.unit("vn-01", "province", "A")]))
            yield* waitFor(1)
            // The same key again: refused because of A, which is not durable yet.
            const again = yield* Effect.forkChild(units.insert([F.unit("vn-01", "province", "A lần hai")]))
            for (let i = 0; i < 20; i++) yield* Effect.yieldNow
            // Its answer rests on A: it is not given before A settles...
            expect(again.pollUnsafe()).toBeUndefined()
            queued[0]!.settle(lost)
            expect(yield* Effect.flip(Fiber.join(a))).toBe(lost)
            // ...and A failed, so vn-01 never existed: not "already exists", but run it again.
            const failed = yield* Effect.flip(Fiber.join(again))
            expect(failed).toMatchObject({ _tag: "StoreUnavailable", reason: "Conflict" })
            expect(yield* names).toEqual([])
            // When A is durable, the refusal stands as it was.
            const b = yield* Effect.forkChild(units.insert([F.unit("vn-02", "province", "B")]))
            yield* waitFor(2)
            const dup = yield* Effect.forkChild(units.insert([F.unit("vn-02", "province", "B lần hai")]))
            for (let i = 0; i < 20; i++) yield* Effect.yieldNow
            expect(dup.pollUnsafe()).toBeUndefined()
            queued[1]!.settle(undefined)
            yield* Fiber.join(b)
            expect(yield* Effect.flip(Fiber.join(dup))).toMatchObject({ _tag: "ConstraintViolation" })
          }),
          ctx
        )
      })
  )

  it.effect("a read-only transaction over a commit that then fails gets Conflict, not the disk's error", () =>
    Effect.gen(function* () {
      const { ctx, queued, waitFor } = yield* held
      yield* Effect.provideContext(
        Effect.gen(function* () {
          const units = yield* UnitRepository
          const uow = yield* UnitOfWork
          const a = yield* Effect.forkChild(units.insert([F.unit("vn-01", "province", "A")]))
          yield* waitFor(1)
          const reader = yield* Effect.forkChild(uow.transaction(names))
          for (let i = 0; i < 20; i++) yield* Effect.yieldNow
          expect(reader.pollUnsafe()).toBeUndefined()
          queued[0]!.settle(lost)
          expect(yield* Effect.flip(Fiber.join(a))).toBe(lost)
          const failed = yield* Effect.flip(Fiber.join(reader))
          expect(failed).toMatchObject({ _tag: "StoreUnavailable", reason: "Conflict" })
        }),
        ctx
      )
    })
  )

  it.effect("a read made while an append is under way does not hang when the append fails", () =>
    Effect.gen(function* () {
      const gate = yield* Deferred.make<void>()
      const appending = yield* Deferred.make<void>()
      const ctx = yield* StoreMemory.make({
        // An adapter that refuses the commit, after a while (a read-only store, a broken journal).
        onAppend: () =>
          Effect.andThen(
            Deferred.succeed(appending, undefined),
            Effect.andThen(Deferred.await(gate), Effect.fail(lost))
          )
      })
      yield* Effect.provideContext(
        Effect.gen(function* () {
          const units = yield* UnitRepository
          const write = yield* Effect.forkChild(units.insert([F.unit("vn-01", "province", "A")]))
          yield* Deferred.await(appending)
          const read = yield* Effect.forkChild(names)
          for (let i = 0; i < 20; i++) yield* Effect.yieldNow
          yield* Deferred.succeed(gate, undefined)
          expect(yield* Effect.flip(Fiber.join(write))).toBe(lost)
          for (let i = 0; i < 20; i++) yield* Effect.yieldNow
          // The read has its answer (the state without the refused commit) instead of waiting forever.
          const seen = read.pollUnsafe()
          expect(seen !== undefined && Exit.isSuccess(seen) ? seen.value : seen).toEqual([])
        }),
        ctx
      )
    })
  )

  it.effect("an adapter may settle at once; a failing append keeps nothing of the commit", () =>
    Effect.gen(function* () {
      let refuse = false
      const ctx = yield* StoreMemory.make({
        onAppend: (_, settle) => (refuse ? Effect.fail(lost) : Effect.sync(() => settle(undefined)))
      })
      yield* Effect.provideContext(
        Effect.gen(function* () {
          const units = yield* UnitRepository
          yield* units.insert([F.unit("vn-01", "province", "A")])
          refuse = true
          expect(yield* Effect.flip(units.insert([F.unit("vn-02", "province", "B")]))).toBe(lost)
          refuse = false
          yield* units.insert([F.unit("vn-03", "province", "C")])
          expect(yield* names).toEqual(["vn-01", "vn-03"])
        }),
        ctx
      )
    })
  )
})
