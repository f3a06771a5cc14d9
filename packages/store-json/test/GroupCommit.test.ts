/**
 * Group commit (decision record 0045): commits made at once are appended and synced together,
 * each is acknowledged only once durable, and every acknowledged one is there after reopening; a
 * commit that fails fails alone.
 */
import { Ids, Report, ReportRepository, Unit, UnitRepository } from "@danvan/core"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Exit } from "effect"
import { StoreJson } from "../src/index.ts"
import * as Records from "./support/records.ts"
import { readAll, tempDir } from "./support/store.ts"

const id = (i: number) => `vn-${String(i).padStart(3, "0")}`

describe("commits made at once", () => {
  it.effect("are written in fewer syncs, all durable, and a failing one loses none of the others", () =>
    Effect.gen(function* () {
      const directory = tempDir("group")
      const count = 120
      const { outcomes, status, seen } = yield* Effect.gen(function* () {
        const units = yield* UnitRepository
        const maintenance = yield* StoreJson.Maintenance
        // Every tenth insert repeats the one before it: it must see that queued commit and fail.
        const outcomes = yield* Effect.all(
          Array.from({ length: count }, (_, i) =>
            Effect.exit(units.insert([Records.unit(id(i % 10 === 9 ? i - 1 : i), `Tỉnh ${i}`)]))
          ),
          { concurrency: "unbounded" }
        )
        return { outcomes, status: yield* maintenance.status, seen: yield* readAll }
      }).pipe(Effect.provide(StoreJson.layer({ directory, compactAfter: 50 })))
      const stored = Array.from({ length: count }, (_, i) => i)
        .filter((i) => i % 10 !== 9)
        .map(id)
      expect(outcomes.map(Exit.isSuccess)).toEqual(outcomes.map((_, i) => i % 10 !== 9))
      expect(seen.units.map((u) => u.id)).toEqual(stored)
      expect(status?.seq).toBe(stored.length)
      expect(status!.groups).toBeLessThan(stored.length)
      // The status waits for the compaction the last groups made due.
      expect(status!.compactions).toBeGreaterThan(0)
      const reopened = yield* readAll.pipe(Effect.provide(StoreJson.layer({ directory, readOnly: true })))
      expect(reopened.units.map((u) => u.id)).toEqual(stored)
      // Reopened for writing: the snapshot the compactions wrote, and the journal after it.
      const after = yield* Effect.flatMap(StoreJson.Maintenance, (m) => m.status).pipe(
        Effect.provide(StoreJson.layer({ directory, compactAfter: 50 }))
      )
      expect(after?.seq).toBe(stored.length)
      expect(after!.snapshotSeq).toBeGreaterThan(0)
      expect(after!.journalTransactions).toBe(stored.length - after!.snapshotSeq)
    })
  )

  // Every 2 transactions: compactions amid the groups; every 40: records put again between two.
  it.effect.each([2, 40])(
    "updated and deleted while compactions run (every %i), reopen as left (0050)",
    (compactAfter) =>
      Effect.gen(function* () {
        const directory = tempDir("group-compact")
        const count = 12
        const { live, status } = yield* Effect.gen(function* () {
          const units = yield* UnitRepository
          const reports = yield* ReportRepository
          const maintenance = yield* StoreJson.Maintenance
          yield* units.insert(Array.from({ length: count }, (_, i) => Records.unit(id(i), `Tỉnh ${i}`)))
          // Each chain writes one report and renames one unit, step by step; the chains run at once,
          // so compactions (every 2 transactions) fall between and amid their groups.
          // With compactions every 2, more asked for while the chains run (`Maintenance.compact`);
          // with every 40, none, so that records are put again between two compactions.
          const asked =
            compactAfter === 2
              ? Effect.repeat(Effect.andThen(Effect.yieldNow, maintenance.compact), { times: 5 })
              : Effect.void
          yield* Effect.all(
            [
              asked,
              ...Array.from({ length: count }, (_, i) =>
                Effect.gen(function* () {
                  const rid = Ids.ReportId.make(`r-${i}`)
                  yield* reports.insert(Records.report(`r-${i}`, id(i)))
                  for (let step = 1; step <= 3; step++) {
                    const stored = yield* reports.get(rid)
                    yield* reports.update(
                      new Report.Report({
                        ...stored,
                        content: new Report.ReportContent({
                          ...stored.content,
                          figures: Records.qcdc(step * 10 + i)
                        })
                      })
                    )
                    const unit = yield* units.get(Ids.UnitId.make(id(i)))
                    yield* units.update(new Unit.Unit({ ...unit, name: `Tỉnh ${i}, lần ${step}` }))
                  }
                  if (i % 3 === 0) yield* reports.remove(rid, (yield* reports.get(rid)).version)
                })
              )
            ],
            { concurrency: "unbounded", discard: true }
          )
          return { live: yield* readAll, status: yield* maintenance.status }
        }).pipe(Effect.provide(StoreJson.layer({ directory, compactAfter })))
        expect(status!.compactions).toBeGreaterThan(1)
        expect(live.reports.map((r) => r.id).sort()).toEqual(
          Array.from({ length: count }, (_, i) => i)
            .filter((i) => i % 3 !== 0)
            .map((i) => `r-${i}`)
            .sort()
        )
        expect(live.units.every((u) => u.name.endsWith("lần 3"))).toBe(true)
        const reopened = yield* readAll.pipe(Effect.provide(StoreJson.layer({ directory, readOnly: true })))
        expect(reopened).toEqual(live)
        // From the snapshot alone: compacted once more, then read.
        yield* Effect.flatMap(StoreJson.Maintenance, (m) => m.compact).pipe(
          Effect.provide(StoreJson.layer({ directory, compactAfter }))
        )
        const compacted = yield* readAll.pipe(Effect.provide(StoreJson.layer({ directory, readOnly: true })))
        expect(compacted).toEqual(live)
      })
  )
})
