import * as fs from "node:fs"
import { CalendarDate, Directive, Hierarchy, type Ids, Rollup } from "@danvan/core"
import { afterAll, beforeAll, describe, expect, it } from "@effect/vitest"
import * as Actors from "../src/generate/Actors.ts"
import { asOf, rollupPeriod } from "../src/generate/Calendar.ts"
import * as Plan from "../src/generate/Plan.ts"
import * as Province from "../src/generate/Province.ts"
import * as BaselineJson from "../src/targets/BaselineJson.ts"
import * as BaselineMemory from "../src/targets/BaselineMemory.ts"
import * as BaselinePg from "../src/targets/BaselinePg.ts"
import * as BaselineSqlite from "../src/targets/BaselineSqlite.ts"
import * as Danvan from "../src/targets/Danvan.ts"
import * as Pg from "../src/targets/Pg.ts"
import type { RollupResult, Target } from "../src/targets/Target.ts"

const haveUnits = fs.existsSync(Plan.defaultUnitsFile)
const pgUrl = process.env.DANVAN_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres"

const pgReachable = async () => {
  const client = new Pg.Client({ connectionString: pgUrl, connectionTimeoutMillis: 3000 })
  try {
    await client.connect()
    return true
  } catch {
    return false
  } finally {
    await client.end().catch(() => undefined)
  }
}

const sortedCounted = (r: RollupResult) =>
  [...r.counted].sort((a, b) => (a.reportId < b.reportId ? -1 : a.reportId > b.reportId ? 1 : 0))

/**
 * Every target imports the same province and must give the same answers as core's reference
 * semantics (`Rollup.consolidate`, `Hierarchy.jurisdiction`, `Directive.inForceOn`): a baseline
 * that did less work, or an adapter that answered differently, would make the benchmark's ratios
 * meaningless.
 */
;(haveUnits ? describe : describe.skip)("every target answers like the domain's reference semantics", () => {
  // A skipped suite's body still runs to collect its tests: read nothing without the unit list.
  if (!haveUnits) return
  const plan = Plan.make({ scale: 0.01, seed: 3 })
  const chunk = Province.generate(plan, 0)
  const directives = [...plan.directives, ...chunk.directives]
  const reference = Rollup.consolidate({
    units: chunk.units,
    successions: chunk.successions,
    reports: chunk.reports.map((e) => e.report),
    rootId: chunk.province.id,
    asOf,
    periodId: rollupPeriod,
    programme: "DVK",
    statuses: ["approved"]
  })
  const hierarchy = Hierarchy.make(chunk.units)
  const directories: Array<string> = []
  const targets: Array<Target> = []

  beforeAll(async () => {
    const dir = (name: string) => {
      const d = Danvan.tempDirectory(`test-${name}`)
      directories.push(d)
      return d
    }
    targets.push(BaselineMemory.make(), BaselineSqlite.make(dir("sqlite")), BaselineJson.make(dir("json")))
    for (const adapter of ["memory", "sqlite", "json"] as const) {
      targets.push(await Danvan.make(adapter, { pgUrl, directory: dir(`danvan-${adapter}`) }))
    }
    if (await pgReachable()) {
      targets.push(await BaselinePg.make(pgUrl, Danvan.schemaName("test_baseline")))
      targets.push(await Danvan.make("postgres", { pgUrl, directory: dir("danvan-pg") }))
    } else console.warn(`PostgreSQL at ${pgUrl} is not reachable: its targets are left out`)
    for (const t of targets) {
      // As the bench hands them over: decoded once with `Checked` for danvan on memory and JSON.
      const received = t.receive === undefined ? chunk : Province.received(chunk, t.receive)
      await t.importStatic(plan)
      await t.importUnits(received)
      await t.importModels(received)
      await t.importReports(received)
      await t.importDirectives(received)
      await t.finishImport()
      await t.settle()
    }
  }, 300_000)

  afterAll(async () => {
    for (const t of targets) await t.close()
    for (const d of directories) fs.rmSync(d, { recursive: true, force: true })
  })

  it("consolidates the province as Rollup.consolidate does", async () => {
    expect(reference.contributions.length).toBeGreaterThan(0)
    for (const t of targets) {
      const r = await t.rollup({ roots: [chunk.province.id], asOf, periodId: rollupPeriod, programme: "DVK" })
      expect({ who: `${t.adapter} ${t.implementation}`, totals: r.totals }).toEqual({
        who: `${t.adapter} ${t.implementation}`,
        totals: Object.fromEntries(Object.entries(reference.totals))
      })
      expect(sortedCounted(r).map((c) => [c.reportId, c.countedUnder])).toEqual(
        [...reference.contributions]
          .sort((a, b) => (a.reportId < b.reportId ? -1 : 1))
          .map((c) => [c.reportId, c.countedUnder])
      )
    }
  })

  it("agrees on the consolidation use case's completeness", async () => {
    const actor = Actors.actorOf(plan.seed, chunk.province.id)
    const answers = new Set<string>()
    for (const t of targets) {
      const c = await t.consolidate(actor, {
        root: chunk.province.id,
        asOf,
        periodId: rollupPeriod,
        programme: "DVK"
      })
      expect(c.expected).toBe(Hierarchy.jurisdiction(hierarchy, chunk.province.id, asOf).length - 1)
      expect(c.missing + c.late + c.onTime).toBe(c.expected)
      answers.add(JSON.stringify([c.expected, c.missing, c.late, c.onTime, c.violations]))
    }
    expect([...answers]).toHaveLength(1)
  })

  it("lists jurisdictions and directives in force as the domain does", async () => {
    const district = chunk.expected.district.id
    const on = CalendarDate.make(2019, 3, 1)
    for (const t of targets) {
      for (const root of [chunk.province.id, district] as ReadonlyArray<Ids.UnitId>) {
        expect(await t.jurisdiction(root, asOf)).toEqual(
          Hierarchy.jurisdiction(hierarchy, root, asOf).map((u) => u.id)
        )
      }
      for (const d of [asOf, on]) {
        expect(await t.directivesInForce(d)).toEqual(Directive.inForceOn(directives, d).map((x) => x.id))
      }
    }
  })

  it("submits a draft once, and refuses to submit it twice", async () => {
    const draft = chunk.drafts[0]!
    const actor = Actors.actorOf(plan.seed, draft.unitId)
    const entry = chunk.reports.find((e) => e.report.id === draft.reportId)!
    for (const t of targets) {
      const who = `${t.adapter} ${t.implementation}`
      expect({ who, states: await t.states([draft.reportId]) }).toEqual({
        who,
        states: [
          {
            id: draft.reportId,
            status: "draft",
            revision: entry.report.revision,
            revisions: entry.revisions.length
          }
        ]
      })
      await t.submit(actor, draft.reportId)
      const refused = await t.submit(actor, draft.reportId).then(
        () => undefined,
        (e: unknown) => e
      )
      expect(refused).toBeDefined()
      // Refused for good: an app must not retry it.
      expect({ who, retryable: t.retryable(refused) }).toEqual({ who, retryable: false })
      expect({ who, states: await t.states([draft.reportId]) }).toEqual({
        who,
        states: [
          {
            id: draft.reportId,
            status: "submitted",
            revision: entry.report.revision + 1,
            revisions: entry.revisions.length + 1
          }
        ]
      })
    }
  })
})
