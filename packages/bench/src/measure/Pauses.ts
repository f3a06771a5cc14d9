/**
 * Garbage-collection pauses over a stretch of work, and which timed operations they fell into.
 *
 * A slow operation is one of three things: work that grew, a collection that paused the thread
 * (`PerformanceObserver` with `entryTypes: ["gc"]`, Node's `perf_hooks`), or the scheduler giving
 * the process no core (its CPU time, `process.cpuUsage`, is then well below its wall time). The
 * submit scenario records all three, so that a p95 can be attributed from one run.
 *
 * @since 0.1.0
 */
import { constants, type PerformanceEntry, PerformanceObserver } from "node:perf_hooks"

/** @since 0.1.0 */
export interface Pause {
  readonly start: number
  readonly ms: number
  readonly kind: "minor" | "major" | "incremental" | "weak callbacks" | "other"
}

const kindOf = (kind: number | undefined): Pause["kind"] => {
  switch (kind) {
    case constants.NODE_PERFORMANCE_GC_MINOR:
      return "minor"
    case constants.NODE_PERFORMANCE_GC_MAJOR:
      return "major"
    case constants.NODE_PERFORMANCE_GC_INCREMENTAL:
      return "incremental"
    case constants.NODE_PERFORMANCE_GC_WEAKCB:
      return "weak callbacks"
    default:
      return "other"
  }
}

/** @since 0.1.0 */
export interface Recorder {
  /** Stops recording and returns the pauses seen, in order (entries arrive asynchronously). */
  readonly stop: () => Promise<ReadonlyArray<Pause>>
}

/** Starts recording pauses (times on `performance.now()`'s clock). @since 0.1.0 */
export const record = (): Recorder => {
  const pauses: Array<Pause> = []
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      // Node's `gc` entries carry their kind in `detail` (`PerformanceEntry` does not declare it).
      const detail = (e as PerformanceEntry & { readonly detail?: { readonly kind?: number } }).detail
      pauses.push({ start: e.startTime, ms: e.duration, kind: kindOf(detail?.kind) })
    }
  })
  observer.observe({ entryTypes: ["gc"] })
  return {
    stop: async () => {
      // Entries are delivered on a later turn of the event loop.
      await new Promise((resolve) => setTimeout(resolve, 50))
      observer.disconnect()
      return pauses.sort((a, b) => a.start - b.start)
    }
  }
}

/** The milliseconds of `pauses` that fall between `start` and `end`. @since 0.1.0 */
export const within = (pauses: ReadonlyArray<Pause>, start: number, end: number): number => {
  let ms = 0
  for (const p of pauses) {
    const overlap = Math.min(end, p.start + p.ms) - Math.max(start, p.start)
    if (overlap > 0) ms += overlap
  }
  return ms
}
