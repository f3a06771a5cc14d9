/**
 * A clock that reads the time from a function, for the Promise facade's `now` option.
 *
 * The use cases stamp submissions and audit entries with the current instant from Effect's
 * `Clock`, and judge a report's timeliness from the day of its submission in Vietnam. An app that
 * back-fills records of an earlier period (entering the 2017 reports in 2026, say) or a test that
 * needs a fixed date supplies its own `now`; sleeping and elapsed time still use the real clock.
 * A `now` that throws or gives something other than a valid `Date` reads as an invalid instant,
 * which the use cases refuse with `InvalidInput`: it never throws inside the runtime.
 *
 * @since 0.1.0
 */
import { Clock, Effect } from "effect"

/**
 * A `Clock` whose wall-clock time is `now()`; monotonic time and sleeping are the live clock's.
 *
 * @category constructors
 * @since 0.1.0
 */
export const fromNow = (now: () => Date): Clock.Clock => {
  const live = Clock.Clock.defaultValue()
  const millis = (): number => {
    try {
      const date: unknown = now()
      return date instanceof Date ? date.getTime() : Number.NaN
    } catch {
      return Number.NaN
    }
  }
  const nanos = () => {
    const ms = millis()
    return Number.isFinite(ms) ? BigInt(Math.trunc(ms)) * 1_000_000n : 0n
  }
  return {
    currentTimeMillisUnsafe: millis,
    currentTimeMillis: Effect.sync(millis),
    currentTimeNanosUnsafe: nanos,
    currentTimeNanos: Effect.sync(nanos),
    monotonicTimeNanosUnsafe: () => live.monotonicTimeNanosUnsafe(),
    monotonicTimeNanos: live.monotonicTimeNanos,
    sleep: (duration) => live.sleep(duration)
  }
}
