/**
 * What is written comes back: after any sequence of commits (with compactions at random
 * points, failed operations and failed transactions among them), reopening the directory,
 * read-only or for writing, gives exactly the committed state, and the same state as the
 * in-memory engine given the same operations.
 */
import { AuditLog, ReportRepository, UnitOfWork, UnitRepository } from "@danvan/core"
import { StoreMemory } from "@danvan/store-memory"
import { Arbitraries } from "@danvan/store-testkit"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Exit, type Layer } from "effect"
import * as fc from "fast-check"
import { StoreJson } from "../src/index.ts"
import { filesOf, tempDir } from "./support/store.ts"

const scenario = Arbitraries.hierarchy({ maxProvinces: 2 }).chain((data) => {
  const unitIds = data.units.map((u) => u.id)
  const slot = fc.record({
    unitId: fc.constantFrom(...unitIds),
    periodId: Arbitraries.periodId,
    programme: Arbitraries.programme
  })
  return fc.record({
    data: fc.constant(data),
    chunk: fc.integer({ min: 1, max: 8 }),
    reports: fc.array(
      slot.chain((s) => Arbitraries.report(s)),
      { maxLength: 6 }
    ),
    audit: fc.array(
      fc.constantFrom(...unitIds).chain((u) => Arbitraries.auditEntry(u)),
      { maxLength: 4 }
    ),
    renames: fc.array(fc.tuple(fc.nat(), Arbitraries.name), { maxLength: 4 }),
    removals: fc.array(fc.nat(), { maxLength: 3 }),
    failing: fc.boolean(),
    compactAfter: fc.integer({ min: 1, max: 6 })
  })
})

type Scenario = typeof scenario extends fc.Arbitrary<infer A> ? A : never

const outcome = <A, E extends { readonly _tag: string }>(exit: Exit.Exit<A, E>): string => {
  if (Exit.isSuccess(exit)) return "ok"
  const reason = exit.cause.reasons[0]
  return reason?._tag === "Fail" ? reason.error._tag : "defect"
}

/** Runs the scenario's operations; returns how each one ended. */
const operations = (s: Scenario) =>
  Effect.gen(function* () {
    const units = yield* UnitRepository
    const reports = yield* ReportRepository
    const log = yield* AuditLog
    const uow = yield* UnitOfWork
    const outcomes: Array<string> = []
    const note = <A, E extends { readonly _tag: string }>(effect: Effect.Effect<A, E>) =>
      Effect.map(Effect.exit(effect), (exit) => {
        outcomes.push(outcome(exit))
      })
    for (let i = 0; i < s.data.units.length; i += s.chunk)
      yield* note(units.insert(s.data.units.slice(i, i + s.chunk)))
    yield* note(units.insertSuccessions(s.data.successions))
    for (const report of s.reports) yield* note(reports.insert(report))
    yield* note(log.append(s.audit))
    for (const [index, name] of s.renames) {
      const unit = s.data.units[index % s.data.units.length]!
      yield* note(
        Effect.flatMap(units.get(unit.id), (stored) => units.update({ ...stored, name } as typeof stored))
      )
    }
    if (s.failing) {
      yield* note(
        uow.transaction(
          Effect.andThen(
            units.update(s.data.units[0]!), // stale version: fails
            log.append(s.audit)
          )
        )
      )
    }
    for (const index of s.removals) {
      const report = s.reports[index % Math.max(1, s.reports.length)]
      if (report !== undefined)
        yield* note(Effect.flatMap(reports.get(report.id), (r) => reports.remove(r.id, r.version)))
    }
    return { outcomes, snapshot: yield* StoreMemory.snapshot }
  })

const run = <A, E>(
  effect: Effect.Effect<A, E, StoreJson.Services>,
  layer: Layer.Layer<StoreJson.Services, unknown>
) => Effect.runPromise(Effect.provide(effect, layer) as Effect.Effect<A, unknown>)

describe("round trip", () => {
  it("reopening gives exactly the committed state, the same as the in-memory engine's", async () => {
    const seen = new Map<string, number>()
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        const directory = tempDir("roundtrip")
        const written = await run(operations(s), StoreJson.layer({ directory, compactAfter: s.compactAfter }))
        const memory = await Effect.runPromise(Effect.provide(operations(s), StoreMemory.layer()))
        expect(written.outcomes).toEqual(memory.outcomes)
        for (const o of written.outcomes) seen.set(o, (seen.get(o) ?? 0) + 1)
        expect(written.snapshot).toEqual(memory.snapshot)
        const files = filesOf(directory)
        const reread = await run(StoreMemory.snapshot, StoreJson.layer({ directory, readOnly: true }))
        expect(reread).toEqual(written.snapshot)
        expect(filesOf(directory)).toEqual(files)
        // Compacting twice writes the same bytes: the snapshot is canonical.
        const compact = Effect.gen(function* () {
          const maintenance = yield* StoreJson.Maintenance
          yield* maintenance.compact
          return yield* StoreMemory.snapshot
        })
        expect(await run(compact, StoreJson.layer({ directory }))).toEqual(written.snapshot)
        const once = filesOf(directory)
        await run(compact, StoreJson.layer({ directory }))
        expect(filesOf(directory)).toEqual(once)
      }),
      { numRuns: 40 }
    )
    // The scenarios commit, and also fail in the ways the store must leave no trace of.
    expect(seen.get("ok")).toBeGreaterThan(100)
    expect(seen.get("VersionConflict")).toBeGreaterThan(0)
  }, 120_000)
})
