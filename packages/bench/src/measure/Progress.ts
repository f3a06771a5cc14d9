/**
 * Progress lines on standard error, at most one a second per task, so a long step shows it is
 * moving without flooding the log.
 *
 * @since 0.1.0
 */

/** @since 0.1.0 */
export interface Progress {
  /** Prints `message` when a second has passed since the last line (or `force`). */
  readonly tick: (message: () => string, force?: boolean) => void
  /** Prints a line now. */
  readonly line: (message: string) => void
}

/** Progress for one task, prefixed with its name. @since 0.1.0 */
export const make = (prefix: string, intervalMs = 1000): Progress => {
  let last = performance.now()
  const line = (message: string) => process.stderr.write(`[${prefix}] ${message}\n`)
  return {
    tick: (message, force = false) => {
      const t = performance.now()
      if (force || t - last >= intervalMs) {
        last = t
        line(message())
      }
    },
    line
  }
}

/** A count with thousands separators. @since 0.1.0 */
export const n = (x: number) => Math.round(x).toLocaleString("en-US")
