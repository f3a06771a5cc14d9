/**
 * An instant, as an ISO 8601 UTC string (`2017-06-16T02:30:00.000Z`). Used where the moment matters
 * (a submission, an audit entry); rules about days use {@link CalendarDate} in Vietnam's time.
 *
 * @since 0.1.0
 */
import { Clock, Effect, Schema } from "effect"
import * as CalendarDate from "./CalendarDate.ts"

const pattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/

/** @since 0.1.0 */
export const Timestamp = Schema.String.pipe(
  Schema.check(
    Schema.makeFilter((s: string) =>
      pattern.test(s) && !Number.isNaN(Date.parse(s)) && new Date(s).toISOString() === s
        ? undefined
        : `expected an instant written YYYY-MM-DDTHH:mm:ss.sssZ, got ${JSON.stringify(s)}`
    )
  ),
  Schema.brand("Timestamp")
)

/** @since 0.1.0 */
export type Timestamp = typeof Timestamp.Type

/** @since 0.1.0 */
export const fromDate = (date: Date): Timestamp => date.toISOString() as Timestamp

/** @since 0.1.0 */
export const fromMillis = (millis: number): Timestamp => fromDate(new Date(millis))

/** The current instant from Effect's `Clock`, so tests can control time. @since 0.1.0 */
export const now: Effect.Effect<Timestamp> = Effect.map(Clock.currentTimeMillis, fromMillis)

/** The calendar day in Vietnam (UTC+7) of an instant. @since 0.1.0 */
export const dateInVietnam = (t: Timestamp): CalendarDate.CalendarDate => CalendarDate.inVietnam(new Date(t))

/**
 * The first instant of a Vietnamese calendar day (00:00 at UTC+7), for tests and examples that
 * act "on" a day.
 *
 * @since 0.1.0
 */
export const startOfDayInVietnam = (date: CalendarDate.CalendarDate): Timestamp =>
  fromMillis(CalendarDate.toDayNumber(date) * 86_400_000 - 7 * 3_600_000)
