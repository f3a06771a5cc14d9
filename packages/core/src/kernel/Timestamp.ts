/**
 * An instant, as an ISO 8601 UTC string (`2017-06-16T02:30:00.000Z`). Used where the moment matters
 * (a submission, an audit entry); rules about days use {@link CalendarDate} in Vietnam's time.
 *
 * @since 0.1.0
 */
import { Clock, Effect, Schema } from "effect"
import * as CalendarDate from "./CalendarDate.ts"

const pattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/

/** The first and last instants whose day in Vietnam (UTC+7) is a `CalendarDate` (years 1 to 9999). */
const firstMillis = Date.parse("0000-12-31T17:00:00.000Z")
const lastMillis = Date.parse("9999-12-31T16:59:59.999Z")

/**
 * An instant written `YYYY-MM-DDTHH:mm:ss.sssZ`, whose day in Vietnam is a `CalendarDate.CalendarDate`
 * (so {@link dateInVietnam} is always a real date: from 01/01/0001 to 31/12/9999 at UTC+7).
 *
 * @category schemas
 * @since 0.1.0
 */
export const Timestamp = Schema.String.pipe(
  Schema.check(
    Schema.makeFilter((s: string) => {
      if (!pattern.test(s))
        return `expected an instant written YYYY-MM-DDTHH:mm:ss.sssZ, got ${JSON.stringify(s)}`
      const millis = Date.parse(s)
      if (Number.isNaN(millis) || new Date(millis).toISOString() !== s) {
        return `expected a real instant written YYYY-MM-DDTHH:mm:ss.sssZ, got ${JSON.stringify(s)}`
      }
      return millis >= firstMillis && millis <= lastMillis
        ? undefined
        : `${s} falls outside the years 0001 to 9999 in Vietnam's time (UTC+7)`
    })
  ),
  Schema.brand("Timestamp")
)

/**
 * @category models
 * @since 0.1.0
 */
export type Timestamp = typeof Timestamp.Type

/**
 * @category constructors
 * @since 0.1.0
 */
export const fromDate = (date: Date): Timestamp => date.toISOString() as Timestamp

/**
 * @category constructors
 * @since 0.1.0
 */
export const fromMillis = (millis: number): Timestamp => fromDate(new Date(millis))

/**
 * The current instant from Effect's `Clock`, so tests can control time.
 *
 * @category constructors
 * @since 0.1.0
 */
export const now: Effect.Effect<Timestamp> = Effect.map(Clock.currentTimeMillis, fromMillis)

/**
 * The calendar day in Vietnam (UTC+7) of an instant.
 *
 * @category conversions
 * @since 0.1.0
 */
export const dateInVietnam = (t: Timestamp): CalendarDate.CalendarDate => CalendarDate.inVietnam(new Date(t))

/**
 * The first instant of a Vietnamese calendar day (00:00 at UTC+7), for tests and examples that
 * act "on" a day.
 *
 * @category conversions
 * @since 0.1.0
 */
export const startOfDayInVietnam = (date: CalendarDate.CalendarDate): Timestamp =>
  fromMillis(CalendarDate.toDayNumber(date) * 86_400_000 - 7 * 3_600_000)
