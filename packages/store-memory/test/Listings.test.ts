/**
 * `Snapshots.listings`: the committed state listed without encoding it, each record encoded when
 * read (what the JSON-file adapter writes its snapshot from, decision record 0050). It must list
 * exactly what `snapshot` gives, and keep the state it was taken from while the store moves on.
 */
import { Ids, ReportRepository, UnitRepository } from "@danvan/core"
import { Fixtures as F } from "@danvan/store-testkit"
import { describe, expect, it } from "@effect/vitest"
import { Context, Effect, Result } from "effect"
import { StoreMemory } from "../src/index.ts"

const reform = F.reformProvince()

const initial = Result.getOrThrow(
  StoreMemory.fromRecords({
    unit: reform.units,
    succession: reform.successions,
    report: [
      F.report("r-a", "c-14434", "2025", "DVK", { status: "approved", revision: 1 }),
      F.report("r-c", "c-14435", "2025", "DVK")
    ],
    directive: F.directiveChain()
  })
)

/** A snapshot read from listings: every record encoded, in the listed order. */
const read = (listings: ReadonlyArray<StoreMemory.Listing>): StoreMemory.Snapshot =>
  Object.fromEntries(listings.map((l) => [l.entity, l.keys.map((_, i) => l.encoded(i))]))

describe("Snapshots.listings", () => {
  it.effect("lists the snapshot's records, in its order, and stays the state it was taken from", () =>
    Effect.gen(function* () {
      const context = yield* StoreMemory.make({ initial })
      const snapshots = Context.get(context, StoreMemory.Snapshots)
      const before = yield* snapshots.listings
      const snapshot = yield* snapshots.snapshot
      expect(read(before)).toEqual(snapshot)
      expect(before.every((l) => l.keys.length > 0)).toBe(true)

      // The store moves on: a new unit, a report removed.
      yield* Effect.gen(function* () {
        const units = yield* UnitRepository
        const reports = yield* ReportRepository
        yield* units.insert([F.unit("vn-99", "province", "Tạm")])
        const report = yield* reports.get(Ids.ReportId.make("r-c"))
        yield* reports.remove(report.id, report.version)
      }).pipe(Effect.provideContext(context))

      expect(read(before)).toEqual(snapshot)
      const after = yield* snapshots.listings
      expect(read(after)).toEqual(yield* snapshots.snapshot)
      expect(read(after)).not.toEqual(snapshot)
      expect(after.find((l) => l.entity === "report")?.keys).toEqual(["r-a"])
    })
  )
})
