/**
 * Timing and summary statistics.
 *
 * @since 0.1.0
 */

/** Milliseconds since some fixed point, with sub-millisecond resolution. @since 0.1.0 */
export const now = () => performance.now()

/** Runs `f` and returns its result and how long it took, in ms. @since 0.1.0 */
export const timed = async <A>(f: () => Promise<A>): Promise<{ readonly value: A; readonly ms: number }> => {
  const start = now()
  const value = await f()
  return { value, ms: now() - start }
}

/** The nearest-rank percentile `p` (0–100) of the samples. @since 0.1.0 */
export const percentile = (samples: ReadonlyArray<number>, p: number): number => {
  if (samples.length === 0) return Number.NaN
  const sorted = [...samples].sort((a, b) => a - b)
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length))
  return sorted[rank - 1]!
}

/** The median (the mean of the two middle samples for an even count). @since 0.1.0 */
export const median = (samples: ReadonlyArray<number>): number => {
  if (samples.length === 0) return Number.NaN
  const sorted = [...samples].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

/** @since 0.1.0 */
export interface Summary {
  readonly count: number
  readonly median: number
  readonly p95: number
  readonly min: number
  readonly max: number
}

/** @since 0.1.0 */
export const summary = (samples: ReadonlyArray<number>): Summary => ({
  count: samples.length,
  median: median(samples),
  p95: percentile(samples, 95),
  min: samples.length === 0 ? Number.NaN : Math.min(...samples),
  max: samples.length === 0 ? Number.NaN : Math.max(...samples)
})
