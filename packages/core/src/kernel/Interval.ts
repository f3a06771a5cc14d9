/**
 * Half-open intervals of calendar dates, the shape of every validity in the domain: a unit's
 * validity, a parent link, a directive's force, a committee's life and a member's term, a
 * coordination programme. The start is inclusive, the end exclusive (the first day the thing no
 * longer holds), and an absent end means the interval is still open. One module keeps the
 * comparisons in one place, so no rule is off by one day where another is not.
 *
 * @since 0.1.0
 */
import * as CalendarDate from "./CalendarDate.ts"

type Day = CalendarDate.CalendarDate

/**
 * The exclusive end of an interval, `undefined` when it has none.
 *
 * @category models
 * @since 0.1.0
 */
export type End = Day | undefined

/**
 * A half-open interval `[from, end)`.
 *
 * @category models
 * @since 0.1.0
 */
export interface Span {
  readonly from: Day
  readonly end: End
}

/**
 * Whether `date` lies in `[from, until)`: on or after `from`, and before `until` when there is one.
 *
 * @category predicates
 * @since 0.1.0
 */
export const contains = (from: Day, until: End, date: Day): boolean =>
  from <= date && (until === undefined || date < until)

/**
 * Whether end `a` comes before end `b`, an absent end being later than every date.
 *
 * @category predicates
 * @since 0.1.0
 */
export const endsBefore = (a: End, b: End): boolean => a !== undefined && (b === undefined || a < b)

/**
 * The earlier of two ends.
 *
 * @category combinators
 * @since 0.1.0
 */
export const minEnd = (a: End, b: End): End => (endsBefore(a, b) ? a : b)

/**
 * The later of two ends.
 *
 * @category combinators
 * @since 0.1.0
 */
export const maxEnd = (a: End, b: End): End => (endsBefore(a, b) ? b : a)

/**
 * Whether `[from, end)` holds at least one day.
 *
 * @category predicates
 * @since 0.1.0
 */
export const isNonEmpty = (from: Day, end: End): boolean => end === undefined || from < end

/**
 * The days two intervals share, or `undefined` when they share none.
 *
 * @category combinators
 * @since 0.1.0
 */
export const intersect = (a: Span, b: Span): Span | undefined => {
  const from = CalendarDate.max(a.from, b.from)
  const end = minEnd(a.end, b.end)
  return isNonEmpty(from, end) ? { from, end } : undefined
}
