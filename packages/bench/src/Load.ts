/**
 * The `load` scenario: many officers submitting at once. Every submission of a batch starts
 * together (each its own report, of its own unit, as that unit's officer); a call the target says
 * may succeed if made again (`Target.retryable`: for danvan a `StoreUnavailable` whose reason
 * `isRetryable`, such as `Locked`) is made again after a short pause, as an app would, and counted.
 * Afterwards the stored reports are read back and checked against what the generator knows: each
 * one submitted exactly once (status `submitted`, revision and revision count one more than
 * imported), none lost.
 *
 * @since 0.1.0
 */
import { fork } from "node:child_process"
import { createHash } from "node:crypto"
import * as path from "node:path"
import { fileURLToPath } from "node:url"
import type { Ids } from "@danvan/core"
import * as Actors from "./generate/Actors.ts"
import * as Stats from "./measure/Stats.ts"
import type { Implementation, Location, ReportState, Target } from "./targets/Target.ts"

/** A draft report to submit, with what it held when imported. @since 0.1.0 */
export interface Draft {
  readonly reportId: Ids.ReportId
  readonly unitId: Ids.UnitId
  readonly revision: number
  readonly revisions: number
}

/**
 * The drafts of distinct units, in the order given (each unit's first draft): many officers,
 * each submitting their own unit's report.
 *
 * @since 0.1.0
 */
export const ofDistinctUnits = <D extends { readonly unitId: string }>(
  drafts: ReadonlyArray<D>
): Array<D> => {
  const seen = new Set<string>()
  return drafts.filter((d) => !seen.has(d.unitId) && seen.add(d.unitId) !== undefined)
}

/** What a batch of concurrent submissions measured. @since 0.1.0 */
export interface Batch {
  readonly submissions: number
  /** From the first call's start to the last one's end. */
  readonly wallMs: number
  /** Each submission's time, retries included. */
  readonly samples: ReadonlyArray<number>
  /** Calls made again after a retryable failure. */
  readonly retries: number
  /** Submissions that failed for good (the check then fails too), with the first error. */
  readonly failed: number
  readonly firstError?: string
}

/** How many times a submission is tried in all before it counts as failed. @since 0.1.0 */
export const maxAttempts = 20

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

const describe = (e: unknown) => (e instanceof Error ? e.message : String(e))

/**
 * Submits every draft at once on the target, each as its unit's officer, retrying what the target
 * says is retryable (up to {@link maxAttempts} tries, pausing 5–25 ms times the attempt).
 *
 * @since 0.1.0
 */
export const submitAll = async (
  target: Target,
  seed: number,
  drafts: ReadonlyArray<Draft>
): Promise<Batch> => {
  let retries = 0
  let failed = 0
  let firstError: string | undefined
  const samples: Array<number> = []
  const start = Stats.now()
  await Promise.all(
    drafts.map(async (d) => {
      const actor = Actors.actorOf(seed, d.unitId)
      const t0 = Stats.now()
      for (let attempt = 1; ; attempt++) {
        try {
          await target.submit(actor, d.reportId)
          samples.push(Stats.now() - t0)
          return
        } catch (e) {
          if (attempt < maxAttempts && target.retryable(e)) {
            retries++
            await pause((5 + Math.random() * 20) * attempt)
            continue
          }
          failed++
          firstError ??= `${d.reportId}: ${describe(e)}`
          return
        }
      }
    })
  )
  const wallMs = Stats.now() - start
  return {
    submissions: drafts.length,
    wallMs,
    samples,
    retries,
    failed,
    ...(firstError === undefined ? {} : { firstError })
  }
}

/** What the store must hold after the drafts were each submitted once. @since 0.1.0 */
export const expected = (drafts: ReadonlyArray<Draft>): ReadonlyArray<ReportState> =>
  drafts.map((d) => ({
    id: d.reportId,
    status: "submitted",
    revision: d.revision + 1,
    revisions: d.revisions + 1
  }))

const byId = (states: ReadonlyArray<ReportState>) =>
  [...states].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))

/** A digest of reports' states, in id order. @since 0.1.0 */
export const digest = (states: ReadonlyArray<ReportState>): string =>
  createHash("sha256")
    .update(JSON.stringify(byId(states).map((s) => [s.id, s.status, s.revision, s.revisions])))
    .digest("hex")
    .slice(0, 12)

/**
 * The differences between what is stored and what is expected, in words (at most 5 named, then
 * a count): a report missing, not submitted (a lost submission), or submitted more than once.
 *
 * @since 0.1.0
 */
export const problems = (
  want: ReadonlyArray<ReportState>,
  stored: ReadonlyArray<ReportState>
): ReadonlyArray<string> => {
  const found = new Map(stored.map((s) => [s.id, s]))
  const out: Array<string> = []
  for (const w of want) {
    const s = found.get(w.id)
    if (s === undefined) out.push(`${w.id} not found`)
    else if (s.status !== w.status || s.revision !== w.revision || s.revisions !== w.revisions)
      out.push(
        `${w.id} is ${s.status} at revision ${s.revision} with ${s.revisions} revisions, expected ${w.status} at ${w.revision} with ${w.revisions}`
      )
  }
  if (stored.length !== want.length) out.push(`${stored.length} reports read back, ${want.length} submitted`)
  return out.length <= 5 ? out : [...out.slice(0, 5), `and ${out.length - 5} more`]
}

/** What a worker process of the `load` scenario is given (as JSON, its first argument). @since 0.1.0 */
export interface WorkerJob {
  readonly adapter: "sqlite" | "postgres"
  readonly implementation: Implementation
  readonly location: Location
  readonly pgUrl: string
  readonly seed: number
  readonly drafts: ReadonlyArray<Draft>
}

/** How many worker processes submit at once on the SQL adapters. @since 0.1.0 */
export const workers = 4

const worker = path.join(path.dirname(fileURLToPath(import.meta.url)), "loadChild.ts")

/**
 * Submits the drafts from {@link workers} processes at once, each with its own connection (or
 * pool) to the store at `location`, each submitting its share all at once. The clock runs from the
 * go, sent once every worker has opened the store, to the last answer.
 *
 * @since 0.1.0
 */
export const submitFromProcesses = async (
  job: Omit<WorkerJob, "drafts">,
  drafts: ReadonlyArray<Draft>
): Promise<Batch> => {
  const shares = Array.from({ length: workers }, (_, w) => drafts.filter((_, i) => i % workers === w))
  const children = shares.map((share) =>
    fork(worker, [JSON.stringify({ ...job, drafts: share })], {
      // The workspace's packages from their sources, as the harness's own processes.
      execArgv: ["--conditions=@danvan/source"],
      stdio: ["ignore", "inherit", "inherit", "ipc"]
    })
  )
  const ready = children.map(
    (c) =>
      new Promise<void>((resolve, reject) => {
        c.once("message", () => resolve())
        c.once("exit", (code) =>
          reject(new Error(`a load worker ended (exit code ${code}) before it was ready`))
        )
      })
  )
  const answers = children.map(
    (c) =>
      new Promise<Batch>((resolve, reject) => {
        let last: unknown
        c.on("message", (m) => {
          last = m
        })
        c.on("exit", (code) => {
          const m = last as { ok?: boolean; result?: Batch; error?: string } | undefined
          if (m?.ok === true && m.result !== undefined) resolve(m.result)
          else reject(new Error(`a load worker failed (exit code ${code}): ${m?.error ?? "no answer"}`))
        })
      })
  )
  try {
    await Promise.all(ready)
  } catch (e) {
    for (const c of children) c.kill()
    await Promise.allSettled(answers)
    throw e
  }
  const start = Stats.now()
  for (const c of children) c.send("go")
  const batches = await Promise.all(answers)
  const wallMs = Stats.now() - start
  const firstError = batches.find((b) => b.firstError !== undefined)?.firstError
  return {
    submissions: drafts.length,
    wallMs,
    samples: batches.flatMap((b) => b.samples),
    retries: batches.reduce((n, b) => n + b.retries, 0),
    failed: batches.reduce((n, b) => n + b.failed, 0),
    ...(firstError === undefined ? {} : { firstError })
  }
}

/** A batch as the results keep it: counts, throughput and the latency summary. @since 0.1.0 */
export interface BatchResult {
  readonly submissions: number
  readonly wallMs: number
  /** Submissions per second over the batch's wall time. */
  readonly throughput: number
  readonly ms: Stats.Summary
  readonly retries: number
  readonly failed: number
  readonly firstError?: string
}

/** @since 0.1.0 */
export const summarize = (b: Batch): BatchResult => ({
  submissions: b.submissions,
  wallMs: b.wallMs,
  throughput: b.wallMs > 0 ? ((b.submissions - b.failed) / b.wallMs) * 1000 : 0,
  ms: Stats.summary(b.samples),
  retries: b.retries,
  failed: b.failed,
  ...(b.firstError === undefined ? {} : { firstError: b.firstError })
})
