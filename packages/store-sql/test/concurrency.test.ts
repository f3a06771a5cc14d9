/**
 * Optimistic concurrency through the version column: two writers that read the same report and
 * update it at the same moment. One wins; the other's `UPDATE ... WHERE version = ?` matches no
 * row and becomes `VersionConflict`; it reads again and applies its change on top, so nothing is
 * lost.
 */
import { join } from "node:path"
import { Ids, Report, ReportRepository, type Store, UnitRepository } from "@danvan/core"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer } from "effect"
import { StorePg } from "../src/pg.ts"
import { StoreSqlite } from "../src/sqlite.ts"
import {
  describePg,
  engines,
  freshSchema,
  freshStore,
  pgAvailable,
  pgUrl,
  tempDir
} from "./support/engines.ts"
import * as F from "./support/fixtures.ts"
import { runTogether } from "./support/processes.ts"

const r1 = Ids.ReportId.make("r1")

const seed = Effect.gen(function* () {
  yield* (yield* UnitRepository).insert(F.units)
  yield* (yield* ReportRepository).insert(
    F.report("r1", "c1", 3, { status: "draft", achievements: "Bắt đầu" })
  )
})

const withStore = <A, E>(layer: Store.StoreLayer, effect: Effect.Effect<A, E, Store.Store>) =>
  Effect.scoped(Effect.flatMap(Layer.build(layer), (context) => Effect.provideContext(effect, context)))

const expectOneWinner = (
  results: ReadonlyArray<{ readonly ready: Record<string, unknown>; readonly done: Record<string, unknown> }>
) => {
  expect(results.map((r) => r.ready.version)).toEqual([1, 1])
  const winners = results.filter((r) => r.done.won === true)
  const losers = results.filter((r) => r.done.won === false)
  expect(winners).toHaveLength(1)
  expect(losers).toHaveLength(1)
  expect(winners[0]?.done.version).toBe(2)
  expect(losers[0]?.done.conflict).toEqual({ expected: 1, actual: 2 })
  expect(losers[0]?.done.version).toBe(3)
}

const expectNothingLost = (report: Report.Report) => {
  expect(report.version).toBe(3)
  expect(report.content.achievements.startsWith("Bắt đầu")).toBe(true)
  expect(report.content.achievements.match(/\[A\]/g)).toHaveLength(1)
  expect(report.content.achievements.match(/\[B\]/g)).toHaveLength(1)
}

describe("two processes update the same report at once", () => {
  it.live(
    "SQLite file: one wins, the other gets VersionConflict, nothing is lost",
    () =>
      Effect.gen(function* () {
        const filename = join(yield* tempDir, "store.db")
        const store = StoreSqlite.layer({ filename })
        yield* withStore(store, seed)
        expectOneWinner(
          yield* runTogether([
            ["sqlite", filename, "update-report", "A"],
            ["sqlite", filename, "update-report", "B"]
          ])
        )
        expectNothingLost(
          yield* withStore(
            store,
            Effect.flatMap(ReportRepository, (r) => r.get(r1))
          )
        )
      }).pipe(Effect.scoped),
    60_000
  )

  it.live.skipIf(!pgAvailable)(
    "PostgreSQL: one wins, the other gets VersionConflict, nothing is lost",
    () =>
      Effect.gen(function* () {
        const { schema } = yield* freshSchema
        const store = StorePg.layer({ url: pgUrl, schema })
        yield* withStore(store, seed)
        expectOneWinner(
          yield* runTogether([
            ["pg", schema, "update-report", "A"],
            ["pg", schema, "update-report", "B"]
          ])
        )
        expectNothingLost(
          yield* withStore(
            store,
            Effect.flatMap(ReportRepository, (r) => r.get(r1))
          )
        )
      }).pipe(Effect.scoped),
    60_000
  )
})

describePg("two connections in one process", () => {
  it.live("PostgreSQL: two pools update one report concurrently; exactly one write per version", () =>
    Effect.gen(function* () {
      const { schema } = yield* freshSchema
      const store = StorePg.layer({ url: pgUrl, schema, maxConnections: 2 })
      yield* withStore(store, seed)
      const read = yield* withStore(
        store,
        Effect.flatMap(ReportRepository, (r) => r.get(r1))
      )
      const write = (name: string) =>
        withStore(
          store,
          Effect.result(
            Effect.flatMap(ReportRepository, (r) =>
              r.update(
                new Report.Report({
                  ...read,
                  content: new Report.ReportContent({ ...read.content, achievements: name })
                })
              )
            )
          )
        )
      const results = yield* Effect.all([write("A"), write("B"), write("C")], { concurrency: "unbounded" })
      const ok = results.filter((r) => r._tag === "Success")
      const conflicts = results.filter((r) => r._tag === "Failure" && r.failure._tag === "VersionConflict")
      expect(ok).toHaveLength(1)
      expect(conflicts).toHaveLength(2)
      const final = yield* withStore(
        store,
        Effect.flatMap(ReportRepository, (r) => r.get(r1))
      )
      expect(final.version).toBe(2)
      expect(ok[0]?._tag === "Success" && ok[0].success.content.achievements).toBe(final.content.achievements)
    }).pipe(Effect.scoped)
  )
})

for (const engine of engines) {
  it.effect.skipIf(engine === "pg" && !pgAvailable)(
    `${engine}: a write from a stale read is VersionConflict and changes nothing`,
    () =>
      Effect.gen(function* () {
        yield* seed
        const reports = yield* ReportRepository
        const read = yield* reports.get(r1)
        const first = yield* reports.update(
          new Report.Report({
            ...read,
            content: new Report.ReportContent({ ...read.content, achievements: "A" })
          })
        )
        const second = yield* Effect.flip(
          reports.update(
            new Report.Report({
              ...read,
              content: new Report.ReportContent({ ...read.content, achievements: "B" })
            })
          )
        )
        expect(second).toMatchObject({
          _tag: "VersionConflict",
          entity: "report",
          id: "r1",
          expected: 1,
          actual: 2
        })
        expect(yield* reports.get(r1)).toEqual(first)
      }).pipe(Effect.provide(freshStore(engine)))
  )
}
