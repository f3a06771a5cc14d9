/**
 * Issue 14: "SQLite contention without blocking the event loop for the timeout, and opening a store
 * whose schema is current without taking the write lock" — against a second process that holds the
 * database's write lock.
 *
 * The event loop's health is watched with a 10 ms interval timer: while the store waits for the
 * lock, the timer must keep firing (the old driver, waiting inside SQLite's busy handler, left it
 * silent for the whole wait). The thresholds are generous, since the machine may be shared: what
 * they rule out is a gap as long as the wait itself.
 */
import { join } from "node:path"
import { UnitRepository } from "@danvan/core"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer } from "effect"
import { StoreSqlite } from "../src/sqlite.ts"
import { tempDir } from "./support/engines.ts"
import * as F from "./support/fixtures.ts"
import { holdWriteLock } from "./support/processes.ts"

/** Runs `effect` while a 10 ms timer ticks; returns its exit, how long it took and the longest gap between ticks. */
const watched = <A, E>(effect: Effect.Effect<A, E>) =>
  Effect.gen(function* () {
    const ticks: Array<number> = []
    const timer = setInterval(() => ticks.push(performance.now()), 10)
    const start = performance.now()
    const exit = yield* Effect.exit(effect)
    const elapsed = performance.now() - start
    clearInterval(timer)
    const marks = [start, ...ticks, start + elapsed]
    const longestGap = Math.max(...marks.slice(1).map((t, i) => t - (marks[i] as number)))
    return { exit, elapsed, ticks: ticks.length, longestGap }
  })

/** A store in a fresh file, migrated, with the units of the fixtures. */
const seededFile = Effect.gen(function* () {
  const filename = join(yield* tempDir, "store.db")
  yield* Effect.scoped(
    Effect.flatMap(Layer.build(StoreSqlite.layer({ filename })), (context) =>
      Effect.provideContext(
        Effect.flatMap(UnitRepository, (units) => units.insert([F.province])),
        context
      )
    )
  )
  return filename
})

const insertCommune = Effect.flatMap(UnitRepository, (units) => units.insert([F.units[1]!]))

describe("SQLite under another process's write lock", () => {
  it.live(
    "a store whose schema is current opens and reads while another process holds the write lock",
    () =>
      Effect.gen(function* () {
        const filename = yield* seededFile
        yield* holdWriteLock(filename)
        const context = yield* Layer.build(StoreSqlite.layer({ filename, busyTimeoutMillis: 200 }))
        const units = yield* Effect.provideContext(
          Effect.flatMap(UnitRepository, (r) => r.list({})),
          context
        )
        expect(units.items.map((u) => u.id)).toEqual([F.province.id])
      }).pipe(Effect.scoped),
    30_000
  )

  it.live(
    "a write waits for the lock without blocking the event loop, and goes through once it is released",
    () =>
      Effect.gen(function* () {
        const filename = yield* seededFile
        const holder = yield* holdWriteLock(filename)
        const context = yield* Layer.build(StoreSqlite.layer({ filename, busyTimeoutMillis: 20_000 }))
        yield* Effect.forkScoped(Effect.andThen(Effect.sleep("1500 millis"), holder.release))
        const { exit, elapsed, ticks, longestGap } = yield* watched(
          Effect.provideContext(insertCommune, context)
        )
        expect(exit._tag).toBe("Success")
        expect(elapsed).toBeGreaterThan(1_400)
        // About 150 ticks in 1.5 s; a blocked loop would give none and one gap of 1.5 s.
        expect(ticks).toBeGreaterThan(30)
        expect(longestGap).toBeLessThan(500)
        const all = yield* Effect.provideContext(
          Effect.flatMap(UnitRepository, (r) => r.list({})),
          context
        )
        expect(all.items).toHaveLength(2)
      }).pipe(Effect.scoped),
    30_000
  )

  it.live(
    "past busyTimeoutMillis a write fails with StoreUnavailable (Locked, retryable), the event loop free all along",
    () =>
      Effect.gen(function* () {
        const filename = yield* seededFile
        yield* holdWriteLock(filename)
        const context = yield* Layer.build(StoreSqlite.layer({ filename, busyTimeoutMillis: 1_000 }))
        const { exit, elapsed, ticks, longestGap } = yield* watched(
          Effect.provideContext(insertCommune, context)
        )
        expect(exit._tag).toBe("Failure")
        const error =
          exit._tag === "Failure" ? (exit.cause.reasons[0] as { readonly error?: unknown }).error : undefined
        expect(error).toMatchObject({ _tag: "StoreUnavailable", reason: "Locked", isRetryable: true })
        expect(String((error as Error).message)).toContain(filename)
        expect(elapsed).toBeGreaterThan(900)
        expect(ticks).toBeGreaterThan(20)
        expect(longestGap).toBeLessThan(500)
      }).pipe(Effect.scoped),
    30_000
  )
})
