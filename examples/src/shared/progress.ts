/**
 * Progress output for steps that can take more than a second (reading a 1.7 MB unit file, a
 * hundred inserts against PostgreSQL): a line when a step starts and one when it ends with its
 * duration, on standard error so that standard output carries only the result.
 */
import { Effect } from "effect"

/** Where progress lines go. */
export interface Progress {
  readonly line: (text: string) => void
}

/** Progress on standard error. */
export const stderr: Progress = { line: (text) => process.stderr.write(`${text}\n`) }

/** No progress (for tests that only look at results). */
export const silent: Progress = { line: () => {} }

/** Collects progress lines (for tests that look at them). */
export const collecting = (): Progress & { readonly lines: Array<string> } => {
  const lines: Array<string> = []
  return { lines, line: (text) => lines.push(text) }
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`

/** Runs `effect` as a named step: "… label" when it starts, "✓ label (1.2 s)" when it ends. */
export const step =
  (progress: Progress, label: string) =>
  <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
    Effect.suspend(() => {
      const started = performance.now()
      progress.line(`… ${label}`)
      return Effect.tap(effect, () =>
        Effect.sync(() => progress.line(`✓ ${label} (${seconds(performance.now() - started)})`))
      )
    })

/** Reports "label i/n" for each item of a long loop, at most every `every` items and at the last. */
export const counter = (progress: Progress, label: string, total: number, every = 10) => {
  let done = 0
  return Effect.sync(() => {
    done++
    if (done === total || done % every === 0) progress.line(`  ${label} ${done}/${total}`)
  })
}
