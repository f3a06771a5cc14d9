/**
 * Timing and summary statistics.
 *
 * @since 0.1.0
 */

/** Milliseconds since some fixed point, with sub-millisecond resolution. @since 0.1.0 */
export const now = () => performance.now()

/** Runs `f` and returns its result and how long it took, in ms, by `clock`. @since 0.1.0 */
export const timed = async <A>(
  f: () => Promise<A>,
  clock: () => number = now
): Promise<{ readonly value: A; readonly ms: number }> => {
  const start = clock()
  const value = await f()
  return { value, ms: clock() - start }
}

/**
 * How a quick read is timed (decision record 0064): called for `warmMs` first, untimed, then timed
 * as many times as fill `budgetMs` at the warm-up's pace, between `minRuns` and `maxRuns`. A read
 * of well under a millisecond timed 25 times after one warm-up call moved by a tenth from run to
 * run; warmed up, 200 of them give a median that does not.
 *
 * @since 0.1.0
 */
export interface Sampling {
  readonly warmMs: number
  readonly budgetMs: number
  readonly minRuns: number
  readonly maxRuns: number
}

/** The timing of the bench's queries. @since 0.1.0 */
export const readSampling: Sampling = { warmMs: 100, budgetMs: 500, minRuns: 3, maxRuns: 200 }

/**
 * The timing of the bench's rollups, which take tens of milliseconds to seconds: no warm-up but
 * their first call, whose time sets the pace; at least 3 and at most 25 timed calls.
 *
 * @since 0.1.0
 */
export const rollupSampling: Sampling = { warmMs: 0, budgetMs: 500, minRuns: 3, maxRuns: 25 }

/**
 * Times `f` as `sampling` says: its first call (timed alone, what a read costs before anything
 * it reads has been read), the warm-up calls (none when `warmMs` is 0: the first call's time sets
 * the pace), then the timed samples. `each` sees the value of
 * every call after the first, with the first's (to check they all agree). `clock` is
 * `performance.now()` unless a test gives its own.
 *
 * @since 0.1.0
 */
export const warmedSamples = async <A>(
  f: () => Promise<A>,
  each: (value: A, first: A) => void,
  sampling: Sampling,
  clock: () => number = now
): Promise<{
  readonly first: { readonly value: A; readonly ms: number }
  readonly warmCalls: number
  readonly samples: ReadonlyArray<number>
}> => {
  const first = await timed(f, clock)
  const warmStart = clock()
  let warmCalls = 0
  let warmEnd = warmStart
  while (warmEnd - warmStart < sampling.warmMs) {
    each(await f(), first.value)
    warmCalls++
    warmEnd = clock()
  }
  const pace = Math.max(warmCalls === 0 ? first.ms : (warmEnd - warmStart) / warmCalls, 0.001)
  const runs = Math.min(sampling.maxRuns, Math.max(sampling.minRuns, Math.ceil(sampling.budgetMs / pace)))
  const samples: Array<number> = []
  for (let i = 0; i < runs; i++) {
    const t = await timed(f, clock)
    each(t.value, first.value)
    samples.push(t.ms)
  }
  return { first, warmCalls, samples }
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
