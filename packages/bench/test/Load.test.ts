import * as fs from "node:fs"
import { DatabaseSync } from "node:sqlite"
import { type Ids, StoreError } from "@danvan/core"
import { afterAll, beforeAll, describe, expect, it } from "@effect/vitest"
import * as Plan from "../src/generate/Plan.ts"
import * as Province from "../src/generate/Province.ts"
import * as Load from "../src/Load.ts"
import * as Output from "../src/Output.ts"
import type { TargetResult } from "../src/Run.ts"
import * as BaselineSqlite from "../src/targets/BaselineSqlite.ts"
import * as Danvan from "../src/targets/Danvan.ts"
import type { Target } from "../src/targets/Target.ts"

const haveUnits = fs.existsSync(Plan.defaultUnitsFile)

/** A target that drops one submission without a word: the check must see it. */
const losing = (target: Target, lost: Ids.ReportId): Target => ({
  ...target,
  submit: async (actor, reportId) => {
    if (reportId !== lost) await target.submit(actor, reportId)
  }
})

/**
 * The `load` scenario on real SQLite files (danvan's adapter and the baseline): a small batch at
 * once in this process and from 4 worker processes, every report read back and checked; and the
 * check fails when a submission is lost or made twice.
 */
;(haveUnits ? describe : describe.skip)("the load scenario", () => {
  if (!haveUnits) return
  const plan = Plan.make({ scale: 0.01, seed: 5 })
  const chunk = Province.generate(plan, 0)
  const entries = new Map(chunk.reports.map((e) => [e.report.id, e]))
  const drafts: ReadonlyArray<Load.Draft> = Load.ofDistinctUnits(
    chunk.drafts.map((d) => {
      const e = entries.get(d.reportId)!
      return { ...d, revision: e.report.revision, revisions: e.revisions.length }
    })
  )
  const directories: Array<string> = []
  const targets: Array<Target> = []

  beforeAll(async () => {
    for (const implementation of ["danvan", "baseline"] as const) {
      const directory = Danvan.tempDirectory(`load-test-${implementation}`)
      directories.push(directory)
      const target =
        implementation === "danvan"
          ? await Danvan.make("sqlite", { pgUrl: "", directory })
          : BaselineSqlite.make(directory)
      targets.push(target)
      await target.importStatic(plan)
      await target.importUnits(chunk)
      await target.importModels(chunk)
      await target.importReports(chunk)
    }
  }, 120_000)

  afterAll(async () => {
    for (const t of targets) await t.close()
    for (const d of directories) fs.rmSync(d, { recursive: true, force: true })
  })

  it("has drafts of distinct units enough for the test", () => {
    expect(drafts.length).toBeGreaterThanOrEqual(70)
    expect(new Set(drafts.map((d) => d.unitId)).size).toBe(drafts.length)
  })

  it("submits at once, in this process and from 4 processes, and every answer checks", async () => {
    const results: Array<NonNullable<TargetResult["concurrency"]>> = []
    for (const target of targets) {
      const here = drafts.slice(0, 20)
      const there = drafts.slice(20, 36)
      const inProcess = Load.summarize(await Load.submitAll(target, 5, here))
      const processes = Load.summarize(
        await Load.submitFromProcesses(
          {
            adapter: "sqlite",
            implementation: target.implementation,
            location: target.location!,
            pgUrl: "",
            seed: 5
          },
          there
        )
      )
      expect(inProcess.failed).toBe(0)
      expect(processes.failed).toBe(0)
      expect(inProcess.ms.count).toBe(20)
      expect(processes.ms.count).toBe(16)
      expect(processes.throughput).toBeGreaterThan(0)
      const all = [...here, ...there]
      const want = Load.expected(all)
      const stored = await target.states(all.map((d) => d.reportId))
      expect(Load.problems(want, stored)).toEqual([])
      expect(Load.digest(stored)).toBe(Load.digest(want))
      results.push({
        inProcess,
        processes,
        expected: { size: want.length, digest: Load.digest(want) },
        stored: { size: stored.length, digest: Load.digest(stored) },
        problems: Load.problems(want, stored),
        peakRss: 0
      })
    }
    const [d, b] = results as [(typeof results)[0], (typeof results)[0]]
    expect(Output.loadCheck(d, b)).toBe("✓ same")
    // A result whose stored answer was altered (one report back to draft) fails the check.
    const mutated = { ...d, stored: { ...d.stored, digest: "000000000000" } }
    expect(Output.loadCheck(mutated, b)).toMatch(/^✗ danvan ≠ generated.*danvan and baseline differ/u)
  }, 120_000)

  it("retries what an app would: a locked store, not a refused submission", () => {
    const [danvan, baseline] = targets as [Target, Target]
    expect(danvan.retryable(new StoreError.StoreUnavailable({ reason: "Locked", detail: "test" }))).toBe(true)
    expect(danvan.retryable(new StoreError.StoreUnavailable({ reason: "DiskFull", detail: "test" }))).toBe(
      false
    )
    expect(danvan.retryable(new Error("locked"))).toBe(false)
    // SQLITE_BUSY and SQLITE_BUSY_SNAPSHOT; SQLITE_CONSTRAINT is not retryable.
    expect(baseline.retryable(Object.assign(new Error("database is locked"), { errcode: 5 }))).toBe(true)
    expect(baseline.retryable(Object.assign(new Error("busy snapshot"), { errcode: 517 }))).toBe(true)
    expect(baseline.retryable(Object.assign(new Error("constraint"), { errcode: 19 }))).toBe(false)
  })

  it("retries submissions while another process holds the write lock, and counts the retries", async () => {
    const location = targets[0]!.location as { readonly filename: string }
    // Another connection holds SQLite's write lock; danvan waits 50 ms for it, then says Locked.
    const blocker = new DatabaseSync(location.filename, { timeout: 0 })
    const attached = await Danvan.attach("sqlite", location, "", { busyTimeoutMillis: 50 })
    try {
      blocker.exec("BEGIN IMMEDIATE")
      const batch = drafts.slice(60, 64)
      const running = Load.submitAll(attached, 5, batch)
      await new Promise((resolve) => setTimeout(resolve, 400))
      blocker.exec("COMMIT")
      const run = await running
      expect(run.failed).toBe(0)
      expect(run.retries).toBeGreaterThanOrEqual(batch.length)
      const stored = await attached.states(batch.map((d) => d.reportId))
      expect(Load.problems(Load.expected(batch), stored)).toEqual([])
    } finally {
      if (blocker.isTransaction) blocker.exec("ROLLBACK")
      blocker.close()
      await attached.close()
    }
  })

  it("fails the check when a submission is lost", async () => {
    const target = targets[0]!
    const batch = drafts.slice(40, 50)
    const lost = batch[3]!.reportId
    const run = await Load.submitAll(losing(target, lost), 5, batch)
    expect(run.failed).toBe(0)
    const want = Load.expected(batch)
    const stored = await target.states(batch.map((d) => d.reportId))
    const problems = Load.problems(want, stored)
    expect(problems).toHaveLength(1)
    expect(problems[0]).toContain(`${lost} is draft`)
    expect(Load.digest(stored)).not.toBe(Load.digest(want))
  })

  it("fails the check when a report is submitted twice, and counts a refused one as failed", async () => {
    const target = targets[1]!
    const batch = drafts.slice(50, 55)
    await Load.submitAll(target, 5, batch)
    // The same reports again: they are submitted now, so each call is refused (not retryable).
    const again = await Load.submitAll(target, 5, batch)
    expect(again.failed).toBe(batch.length)
    expect(again.retries).toBe(0)
    expect(again.firstError).toMatch(/is submitted/u)
    const stored = await target.states(batch.map((d) => d.reportId))
    expect(Load.problems(Load.expected(batch), stored)).toEqual([])
    // Read back as if a second revision had been written: the check names it.
    const twice = stored.map((s, i) =>
      i === 0 ? { ...s, revision: s.revision + 1, revisions: s.revisions + 1 } : s
    )
    expect(Load.problems(Load.expected(batch), twice)[0]).toMatch(
      /with 2 revisions, expected submitted at 1 with 1/u
    )
  })
})
