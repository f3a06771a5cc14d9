/**
 * Peak resident memory (RSS) of this process over a stretch of work.
 *
 * On Linux the kernel keeps the peak itself (`VmHWM` in `/proc/self/status`), and writing `5` to
 * `/proc/self/clear_refs` resets it (Linux 4.0+): the peak of each scenario is then exact, however
 * short the spike and however busy the main thread. Where that is not possible, a worker thread
 * samples `process.memoryUsage.rss()` every 5 ms instead (a worker keeps sampling while the main
 * thread runs synchronous code).
 *
 * @since 0.1.0
 */
import * as fs from "node:fs"
import { Worker } from "node:worker_threads"

const statusFile = "/proc/self/status"
const clearRefs = "/proc/self/clear_refs"

const kernelPeak = (): number | undefined => {
  try {
    const m = /VmHWM:\s+(\d+)\s+kB/u.exec(fs.readFileSync(statusFile, "utf8"))
    return m === null ? undefined : Number(m[1]) * 1024
  } catch {
    return undefined
  }
}

const canReset = (() => {
  try {
    if (kernelPeak() === undefined) return false
    fs.writeFileSync(clearRefs, "5")
    return true
  } catch {
    return false
  }
})()

/** How peaks are measured, for the report. @since 0.1.0 */
export const method = canReset
  ? "kernel peak RSS (VmHWM), reset per scenario through /proc/self/clear_refs"
  : "process.memoryUsage.rss() sampled every 5 ms by a worker thread"

let sampler: { readonly worker: Worker; readonly cell: Int32Array } | undefined

const startSampler = () => {
  const shared = new SharedArrayBuffer(4)
  const cell = new Int32Array(shared)
  const worker = new Worker(
    `const { workerData } = require("node:worker_threads");
     const cell = new Int32Array(workerData);
     setInterval(() => {
       const kib = Math.ceil(process.memoryUsage.rss() / 1024);
       if (kib > Atomics.load(cell, 0)) Atomics.store(cell, 0, kib);
     }, 5);`,
    { eval: true, workerData: shared }
  )
  worker.unref()
  return { worker, cell }
}

/** Starts a new peak from now. @since 0.1.0 */
export const resetPeak = () => {
  if (canReset) {
    fs.writeFileSync(clearRefs, "5")
    return
  }
  sampler ??= startSampler()
  Atomics.store(sampler.cell, 0, Math.ceil(process.memoryUsage.rss() / 1024))
}

/** The peak RSS since the last {@link resetPeak}, in bytes. @since 0.1.0 */
export const peak = (): number => {
  const now = process.memoryUsage.rss()
  if (canReset) return Math.max(kernelPeak() ?? now, now)
  return Math.max(sampler === undefined ? 0 : Atomics.load(sampler.cell, 0) * 1024, now)
}

/** Collects garbage when the process runs with `--expose-gc`, so a baseline starts clean. @since 0.1.0 */
export const collect = () => {
  const gc = (globalThis as { gc?: () => void }).gc
  if (gc !== undefined) {
    gc()
    gc()
  }
}

/**
 * Waits until V8's background threads have finished the work a {@link collect} left them (sweeping
 * the heap's pages, which on a heap of 2 GiB goes on for a second or more while the main thread
 * runs), so that a scenario timed call by call does not pay for the collection the bench itself
 * forced. Settled when the process's other threads used under 2 ms of CPU in the last 100 ms, or
 * after 10 s. Gives how long it waited and the other threads' CPU time meanwhile (decision 0053).
 * @since 0.1.0
 */
export const settle = async (): Promise<{ readonly waitedMs: number; readonly backgroundCpuMs: number }> => {
  const others = () => {
    const all = process.cpuUsage()
    const main = process.threadCpuUsage()
    return (all.user + all.system - main.user - main.system) / 1000
  }
  const start = performance.now()
  const first = others()
  let last = first
  while (performance.now() - start < 10_000) {
    await new Promise((resolve) => setTimeout(resolve, 100))
    const now = others()
    const used = now - last
    last = now
    if (used < 2) break
  }
  return { waitedMs: performance.now() - start, backgroundCpuMs: last - first }
}

/** The RSS now, in bytes. @since 0.1.0 */
export const rss = () => process.memoryUsage.rss()

/** Bytes as MiB. @since 0.1.0 */
export const mib = (bytes: number) => bytes / 2 ** 20
