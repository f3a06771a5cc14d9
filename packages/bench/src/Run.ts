/**
 * Runs the scenarios on one target (an adapter, danvan or its baseline), in the process the
 * harness started for it, and returns what it measured and the digests of what it answered.
 *
 * Scenarios, in order (each later one runs on the store the import filled):
 * 1. `import`: reference data and national directives, then province by province its units and
 *    successions, models, reports with their revisions, directives (one transaction per province
 *    and kind), then whatever finishes the import (the JSON file's write or compaction). Always
 *    runs: the other scenarios need the data.
 * 2. `rollup`: the approved DVK reports of the rollup period consolidated for the whole country
 *    (every selected province's jurisdiction; danvan has no national unit, so it consolidates
 *    each province and adds the totals) and for the largest province; and the consolidation use
 *    case for that province (rollup, completeness, validation rules).
 * 3. `queries`: the largest province's and its largest district's jurisdiction as of the
 *    scenarios' date, and the directives in force that day.
 * 4. `submit`: draft reports of the open period submitted one by one by their units' officers.
 * 5. `load`: other drafts of the open period, of distinct units, submitted all at once (`Load`): `--load` of them in
 *    this process, and on the SQL adapters as many again from 4 worker processes with their own
 *    connections; then every one read back and checked against the generator.
 *
 * Peak RSS is taken for each scenario (see `measure/Memory`).
 *
 * @since 0.1.0
 */
import { createHash } from "node:crypto"
import * as fs from "node:fs"
import * as os from "node:os"
import type { Ids } from "@danvan/core"
import { Directive, Figures, Rollup } from "@danvan/core"
import * as Actors from "./generate/Actors.ts"
import { asOf, rollupPeriod } from "./generate/Calendar.ts"
import * as Plan from "./generate/Plan.ts"
import * as Province from "./generate/Province.ts"
import * as Random from "./generate/Random.ts"
import * as Load from "./Load.ts"
import * as Memory from "./measure/Memory.ts"
import * as Pauses from "./measure/Pauses.ts"
import * as Progress from "./measure/Progress.ts"
import * as Stats from "./measure/Stats.ts"
import type { Scenario } from "./Scenarios.ts"
import * as BaselineJson from "./targets/BaselineJson.ts"
import * as BaselineMemory from "./targets/BaselineMemory.ts"
import * as BaselinePg from "./targets/BaselinePg.ts"
import * as BaselineSqlite from "./targets/BaselineSqlite.ts"
import * as Danvan from "./targets/Danvan.ts"
import type { AdapterName, Implementation, RollupResult, Target } from "./targets/Target.ts"

/** @since 0.1.0 */
export interface RunOptions {
  readonly adapter: AdapterName
  readonly implementation: Implementation
  readonly scale: number
  readonly seed: number
  readonly unitsFile?: string
  readonly pgUrl: string
  readonly scenarios: ReadonlyArray<Scenario>
  readonly submissions: number
  /** Drafts submitted at once in the `load` scenario (per phase). */
  readonly load: number
}

/**
 * What an answer was: its size and a digest of its content; for a rollup also the digest of the
 * totals alone, which the generator knows in advance.
 *
 * @since 0.1.0
 */
export interface Answer {
  readonly size: number
  readonly digest: string
  readonly totals?: string
}

/** @since 0.1.0 */
export interface Timing {
  readonly ms: Stats.Summary
  /**
   * The first call, left out of `ms`: what a read costs before anything it reads has been read
   * (a store that remembers decoded rows pays for decoding here only).
   */
  readonly firstMs?: number
  readonly answer: Answer
}

/** @since 0.1.0 */
export interface KindResult {
  readonly records: number
  readonly ms: number
}

/** @since 0.1.0 */
export interface TargetResult {
  readonly adapter: AdapterName
  readonly implementation: Implementation
  readonly memoryMethod: string
  readonly provinces: number
  readonly generationMs: number
  readonly rssBeforeImport: number
  readonly import: {
    readonly kinds: Readonly<
      Record<"static" | "units" | "models" | "reports" | "directives" | "finish", KindResult>
    >
    readonly total: KindResult
    readonly peakRss: number
    readonly rssAfter: number
    /** The JavaScript heap the imported store holds (after GC, less the heap before the import). */
    readonly heapRetained: number
  }
  readonly rollup?: {
    readonly country: Timing
    readonly province: Timing
    readonly useCase: Timing & { readonly completeness: string }
    readonly peakRss: number
  }
  readonly queries?: {
    readonly jurisdictionProvince: Timing
    readonly jurisdictionDistrict: Timing
    readonly directives: Timing
    /** How long the scenario waited after the bench's collection for V8's background work (`Memory.settle`). */
    readonly settled?: { readonly waitedMs: number; readonly backgroundCpuMs: number }
    readonly peakRss: number
  }
  readonly submit?: {
    readonly samples: ReadonlyArray<number>
    readonly ms: Stats.Summary
    /** CPU time (user + system) of each submission: far below its wall time, the scheduler. */
    readonly cpuMs?: Stats.Summary
    /** Garbage-collection pauses during the scenario, and how many of the slowest 5% overlap one. */
    readonly gc?: {
      readonly pauses: number
      readonly ms: number
      readonly longestMs: number
      readonly slowest: number
      readonly slowestWithPause: number
    }
    /** How long the scenario waited after the bench's collection for V8's background work (`Memory.settle`). */
    readonly settled?: { readonly waitedMs: number; readonly backgroundCpuMs: number }
    readonly peakRss: number
  }
  /** The `load` scenario (its name: `load` is the machine's load average). */
  readonly concurrency?: {
    /** Every submission of the batch started together, in this process. */
    readonly inProcess: Load.BatchResult
    /** On the SQL adapters: from 4 worker processes at once, each with its own connection(s). */
    readonly processes?: Load.BatchResult
    /** What the generator expects the submitted reports to be, and what was read back. */
    readonly expected: Answer
    readonly stored: Answer
    readonly problems: ReadonlyArray<string>
    readonly peakRss: number
  }
  /** The answers the generator knows are right. */
  readonly expected: {
    readonly country: Answer
    readonly province: Answer
    readonly jurisdictionProvince: number
    readonly jurisdictionDistrict: number
    readonly directives: Answer
  }
  readonly maxRss: number
  /** The machine's 1-minute load average when the target started and ended (2 cores, shared). */
  readonly load: readonly [number, number]
}

const digest = (value: unknown) =>
  createHash("sha256").update(JSON.stringify(value)).digest("hex").slice(0, 12)

const sortedTotals = (totals: Readonly<Record<string, number>>) =>
  Object.entries(totals)
    .filter(([, v]) => v !== 0)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))

/** The answer of a rollup: how many reports were counted, and the digest of the totals and of who was counted. */
const rollupAnswer = (r: RollupResult): Answer => {
  const totals = digest(sortedTotals(r.totals))
  const counted = [...r.counted].sort(Rollup.contributionOrder).map((c) => [c.reportId, c.countedUnder])
  return { size: r.counted.length, digest: digest([totals, counted]), totals }
}

const listAnswer = (ids: ReadonlyArray<string>): Answer => ({ size: ids.length, digest: digest(ids) })

const open = async (options: RunOptions, directory: string): Promise<Target> => {
  if (options.implementation === "danvan")
    return Danvan.make(options.adapter, { pgUrl: options.pgUrl, directory })
  switch (options.adapter) {
    case "memory":
      return BaselineMemory.make()
    case "sqlite":
      return BaselineSqlite.make(directory)
    case "postgres":
      return BaselinePg.make(options.pgUrl, Danvan.schemaName("baseline"))
    case "json":
      return BaselineJson.make(directory)
  }
}

/**
 * Times a query as `sampling` says, danvan's and the baseline's alike: the queries warmed up for
 * 0.1 s and timed up to 200 times (`Stats.readSampling`, decision record 0064), the rollups after
 * their first call alone, at most 25 times (`Stats.rollupSampling`); every answer must agree with
 * the first.
 */
const repeat = async (f: () => Promise<Answer>, sampling: Stats.Sampling): Promise<Timing> => {
  const { first, samples } = await Stats.warmedSamples(
    f,
    (answer, firstAnswer) => {
      if (answer.digest !== firstAnswer.digest)
        throw new Error(`the same query answered differently: ${firstAnswer.digest} then ${answer.digest}`)
    },
    sampling
  )
  return { ms: Stats.summary(samples), firstMs: first.ms, answer: first.value }
}

/**
 * Runs the scenarios on one target.
 *
 * @since 0.1.0
 */
export const run = async (options: RunOptions): Promise<TargetResult> => {
  const loadAtStart = os.loadavg()[0]!
  const name = `${options.adapter} ${options.implementation}`
  const progress = Progress.make(name)
  const plan = Plan.make({
    scale: options.scale,
    seed: options.seed,
    ...(options.unitsFile === undefined ? {} : { unitsFile: options.unitsFile })
  })
  const directory = Danvan.tempDirectory(`${options.adapter}-${options.implementation}`)
  const target = await open(options, directory)
  try {
    // ---- 1. import
    Memory.collect()
    const rssBeforeImport = Memory.rss()
    const heapBeforeImport = process.memoryUsage().heapUsed
    Memory.resetPeak()
    const kinds = {
      static: { records: 0, ms: 0 },
      units: { records: 0, ms: 0 },
      models: { records: 0, ms: 0 },
      reports: { records: 0, ms: 0 },
      directives: { records: 0, ms: 0 },
      finish: { records: 0, ms: 0 }
    }
    const add = async (kind: keyof typeof kinds, f: () => Promise<number>) => {
      const t = await Stats.timed(f)
      kinds[kind].records += t.value
      kinds[kind].ms += t.ms
    }
    let generationMs = 0
    const drafts: Array<Load.Draft> = []
    const country: Record<string, number> = {}
    let countryCount = 0
    let largest: Province.ProvinceChunk["expected"] & { readonly id: Ids.UnitId; readonly units: number } = {
      id: "" as Ids.UnitId,
      units: -1,
      rollup: { DVK: {}, QCDC: {} },
      counted: { DVK: 0, QCDC: 0 },
      jurisdiction: 0,
      district: { id: "" as Ids.UnitId, size: 0 }
    }
    const roots: Array<Ids.UnitId> = []
    const directives: Array<Directive.Directive> = [...plan.directives]
    await add("static", () => target.importStatic(plan))
    for (let i = 0; i < plan.provinces.length; i++) {
      const g = Stats.now()
      const chunk = Province.generate(plan, i, target.receive)
      generationMs += Stats.now() - g
      await add("units", () => target.importUnits(chunk))
      await add("models", () => target.importModels(chunk))
      await add("reports", () => target.importReports(chunk))
      await add("directives", () => target.importDirectives(chunk))
      const entries = new Map(chunk.reports.map((e) => [e.report.id, e]))
      for (const d of chunk.drafts) {
        const e = entries.get(d.reportId)!
        drafts.push({ ...d, revision: e.report.revision, revisions: e.revisions.length })
      }
      Figures.addFlat(country, chunk.expected.rollup.DVK)
      countryCount += chunk.expected.counted.DVK
      roots.push(chunk.province.id)
      directives.push(...chunk.directives)
      if (chunk.units.length > largest.units)
        largest = { ...chunk.expected, id: chunk.province.id, units: chunk.units.length }
      const done = Object.values(kinds).reduce((n, k) => n + k.records, 0)
      const ms = Object.values(kinds).reduce((n, k) => n + k.ms, 0)
      progress.tick(
        () =>
          `import: ${i + 1}/${plan.provinces.length} provinces, ${Progress.n(done)} records, ${Progress.n((done / ms) * 1000)} records/s (generating: ${Progress.n(generationMs / 1000)} s)`,
        i + 1 === plan.provinces.length
      )
    }
    await add("finish", async () => {
      await target.finishImport()
      return 0
    })
    const importPeak = Memory.peak()
    const totalRecords = Object.values(kinds).reduce((n, k) => n + k.records, 0)
    const totalMs = Object.values(kinds).reduce((n, k) => n + k.ms, 0)
    progress.line(
      `import done: ${Progress.n(totalRecords)} records in ${(totalMs / 1000).toFixed(1)} s (${Progress.n((totalRecords / totalMs) * 1000)} records/s)`
    )
    await target.settle()
    Memory.collect()
    const rssAfter = Memory.rss()
    const heapRetained = process.memoryUsage().heapUsed - heapBeforeImport

    const expected: TargetResult["expected"] = {
      country: { size: countryCount, digest: "", totals: digest(sortedTotals(country)) },
      province: { size: largest.counted.DVK, digest: "", totals: digest(sortedTotals(largest.rollup.DVK)) },
      jurisdictionProvince: largest.jurisdiction,
      jurisdictionDistrict: largest.district.size,
      directives: listAnswer(Directive.inForceOn(directives, asOf).map((d) => d.id))
    }
    const result: {
      -readonly [K in keyof TargetResult]: TargetResult[K]
    } = {
      adapter: options.adapter,
      implementation: options.implementation,
      memoryMethod: Memory.method,
      provinces: plan.provinces.length,
      generationMs,
      rssBeforeImport,
      import: {
        kinds,
        total: { records: totalRecords, ms: totalMs },
        peakRss: importPeak,
        rssAfter,
        heapRetained
      },
      expected,
      maxRss: 0,
      load: [loadAtStart, 0]
    }
    const provinceActor = Actors.actorOf(options.seed, largest.id)
    const period = rollupPeriod

    // ---- 2. rollup
    if (options.scenarios.includes("rollup")) {
      Memory.collect()
      Memory.resetPeak()
      progress.line("rollup: country, province, consolidation use case")
      const countryT = await repeat(
        async () => rollupAnswer(await target.rollup({ roots, asOf, periodId: period, programme: "DVK" })),
        Stats.rollupSampling
      )
      progress.line(`rollup: country ${countryT.ms.median.toFixed(1)} ms (median of ${countryT.ms.count})`)
      const provinceT = await repeat(
        async () =>
          rollupAnswer(
            await target.rollup({ roots: [largest.id], asOf, periodId: period, programme: "DVK" })
          ),
        Stats.rollupSampling
      )
      let completeness = ""
      const useCaseT = await repeat(async () => {
        const c = await target.consolidate(provinceActor, {
          root: largest.id,
          asOf,
          periodId: period,
          programme: "DVK"
        })
        completeness = `expected ${c.expected}, missing ${c.missing}, late ${c.late}, on time ${c.onTime}, rules broken ${c.violations}`
        const answer = rollupAnswer(c)
        return { ...answer, digest: digest([answer.digest, completeness]) }
      }, Stats.rollupSampling)
      progress.line(
        `rollup: province ${provinceT.ms.median.toFixed(1)} ms, use case ${useCaseT.ms.median.toFixed(1)} ms`
      )
      result.rollup = {
        country: countryT,
        province: provinceT,
        useCase: { ...useCaseT, completeness },
        peakRss: Memory.peak()
      }
    }

    // ---- 3. queries
    if (options.scenarios.includes("queries")) {
      Memory.collect()
      // As before the submissions (decision 0053): a query timed in the second after the bench's
      // collection paid for the sweeping of a 2-3 GiB heap, for danvan and the baseline alike (the
      // baseline's province read 5.1-62 ms from run to run at 100%; docs/benchmarks.md, 2026-12-03,
      // "in-memory country at 100%").
      const settled = await Memory.settle()
      Memory.resetPeak()
      progress.line("queries: jurisdictions and directives in force")
      const jp = await repeat(
        async () => listAnswer(await target.jurisdiction(largest.id, asOf)),
        Stats.readSampling
      )
      const jd = await repeat(
        async () => listAnswer(await target.jurisdiction(largest.district.id, asOf)),
        Stats.readSampling
      )
      const dir = await repeat(
        async () => listAnswer(await target.directivesInForce(asOf)),
        Stats.readSampling
      )
      result.queries = {
        jurisdictionProvince: jp,
        jurisdictionDistrict: jd,
        directives: dir,
        settled,
        peakRss: Memory.peak()
      }
    }

    // The drafts in a random order of the seed: `submit` takes the first, `load` the next ones.
    const rng = Random.forKey(options.seed, "submissions")
    const shuffled = drafts
      .map((d) => ({ d, key: rng.next() }))
      .sort((a, b) => a.key - b.key)
      .map((x) => x.d)

    // ---- 4. submissions
    if (options.scenarios.includes("submit")) {
      const chosen = shuffled.slice(0, options.submissions)
      Memory.collect()
      const settled = await Memory.settle()
      Memory.resetPeak()
      const samples: Array<number> = []
      const cpu: Array<number> = []
      const starts: Array<number> = []
      const recorder = Pauses.record()
      for (const [k, d] of chosen.entries()) {
        const actor = Actors.actorOf(options.seed, d.unitId)
        const before = process.cpuUsage()
        starts.push(Stats.now())
        const t = await Stats.timed(() => target.submit(actor, d.reportId))
        const used = process.cpuUsage(before)
        samples.push(t.ms)
        cpu.push((used.user + used.system) / 1000)
        progress.tick(
          () => `submit: ${k + 1}/${chosen.length}, median so far ${Stats.median(samples).toFixed(2)} ms`,
          k + 1 === chosen.length
        )
      }
      const peakRss = Memory.peak()
      const pauses = await recorder.stop()
      const ms = Stats.summary(samples)
      const slowest = samples.flatMap((t, i) => (t >= ms.p95 ? [i] : []))
      result.submit = {
        samples,
        ms,
        cpuMs: Stats.summary(cpu),
        gc: {
          pauses: pauses.length,
          ms: pauses.reduce((n, p) => n + p.ms, 0),
          longestMs: pauses.reduce((n, p) => Math.max(n, p.ms), 0),
          slowest: slowest.length,
          slowestWithPause: slowest.filter(
            (i) => Pauses.within(pauses, starts[i]!, starts[i]! + samples[i]!) > 0
          ).length
        },
        settled,
        peakRss
      }
    }

    // ---- 5. load
    if (options.scenarios.includes("load")) {
      const left = Load.ofDistinctUnits(shuffled.slice(options.submissions))
      const sql = options.adapter === "sqlite" || options.adapter === "postgres"
      const n = Math.min(options.load, Math.floor(left.length / (sql ? 2 : 1)))
      const here = left.slice(0, n)
      const there = sql ? left.slice(n, 2 * n) : []
      Memory.collect()
      Memory.resetPeak()
      progress.line(`load: ${n} submissions at once in this process`)
      const inProcess = Load.summarize(await Load.submitAll(target, options.seed, here))
      progress.line(
        `load: ${inProcess.throughput.toFixed(0)} submissions/s, p95 ${inProcess.ms.p95.toFixed(1)} ms, ${inProcess.retries} retries`
      )
      let processes: Load.BatchResult | undefined
      if (there.length > 0) {
        if (target.location === undefined) throw new Error(`${name} cannot be opened from another process`)
        progress.line(`load: ${there.length} submissions at once from ${Load.workers} processes`)
        processes = Load.summarize(
          await Load.submitFromProcesses(
            {
              adapter: options.adapter as "sqlite" | "postgres",
              implementation: options.implementation,
              location: target.location,
              pgUrl: options.pgUrl,
              seed: options.seed
            },
            there
          )
        )
        progress.line(
          `load: ${processes.throughput.toFixed(0)} submissions/s, p95 ${processes.ms.p95.toFixed(1)} ms, ${processes.retries} retries`
        )
      }
      const all = [...here, ...there]
      const want = Load.expected(all)
      const stored = await target.states(all.map((d) => d.reportId))
      result.concurrency = {
        inProcess,
        ...(processes === undefined ? {} : { processes }),
        expected: { size: want.length, digest: Load.digest(want) },
        stored: { size: stored.length, digest: Load.digest(stored) },
        problems: Load.problems(want, stored),
        peakRss: Memory.peak()
      }
    }

    // Resetting the kernel's peak for each scenario resets getrusage's too: take the largest.
    result.maxRss = Math.max(
      process.resourceUsage().maxRSS * 1024,
      importPeak,
      result.rollup?.peakRss ?? 0,
      result.queries?.peakRss ?? 0,
      result.submit?.peakRss ?? 0,
      result.concurrency?.peakRss ?? 0
    )
    result.load = [loadAtStart, os.loadavg()[0]!]
    return result
  } finally {
    await target.close()
    fs.rmSync(directory, { recursive: true, force: true })
  }
}
