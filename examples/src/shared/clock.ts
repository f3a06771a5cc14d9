/**
 * Running a step "at" an instant. The use cases stamp submissions and audit entries with the time
 * of Effect's `Clock`; an example that rebuilds 2017 runs each step at the instant it happened, so
 * a report submitted on 10/07/2017 is judged late against its deadline as it was then.
 */
import { Danvan } from "@danvan/core"
import { Clock, Effect } from "effect"

/** Runs `effect` with the clock reading `instant` (an ISO string or a `Date`). */
export const at =
  (instant: string | Date) =>
  <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> => {
    const date = new Date(instant)
    return Effect.provideService(
      effect,
      Clock.Clock,
      Danvan.clockFrom(() => date)
    )
  }

/** 09:00 in Vietnam (UTC+7) on a calendar day, as an instant. */
export const morningOf = (day: string): string => `${day}T02:00:00.000Z`
