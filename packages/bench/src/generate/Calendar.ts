/**
 * The dates the generated country lives in: units valid from 2015 until the two-tier reform of
 * 01/07/2025 (Law 72/2025/QH15), DVK phases 2016–2020 and 2021–2025, and half-year reports for
 * 2023 and 2024.
 *
 * @since 0.1.0
 */
import { Calendar, CalendarDate, Period, Regime } from "@danvan/core"

/** The first day of every generated unit that existed before the phases. @since 0.1.0 */
export const unitsFrom = CalendarDate.make(2015, 1, 1)

/** Every unit ends with the three-tier structure (Resolution 202/2025/QH15). @since 0.1.0 */
export const unitsUntil = CalendarDate.make(2025, 7, 1)

/** The last day anything happens in the generated data. @since 0.1.0 */
export const lastDay = CalendarDate.make(2025, 6, 30)

/** The day some grassroots units merge into a neighbour. @since 0.1.0 */
export const mergeDay = CalendarDate.make(2024, 1, 1)

/** The DVK phases models are registered in. @since 0.1.0 */
export const phases = [Period.id(Period.phase(2016, 2020)), Period.id(Period.phase(2021, 2025))] as const

/** The half-years every unit reports. @since 0.1.0 */
export const periods = [
  Period.id(Period.halfYear(2023, 1)),
  Period.id(Period.halfYear(2023, 2)),
  Period.id(Period.halfYear(2024, 1)),
  Period.id(Period.halfYear(2024, 2))
] as const

/** The period the rollup scenarios consolidate: the last one whose reports are all reviewed. @since 0.1.0 */
export const rollupPeriod = periods[2]

/** The period still open: a quarter of its reports are drafts, which the submission scenario submits. @since 0.1.0 */
export const openPeriod = periods[3]

/** The regime of each programme: Party reporting for DVK, Decree 09/2019 for QCDC. @since 0.1.0 */
export const regimeOf = { DVK: Regime.defaults.party, QCDC: Regime.defaults.state } as const

/** The window of a period under a programme's regime. @since 0.1.0 */
export const windowOf = (programme: "DVK" | "QCDC", periodId: Period.PeriodId) =>
  Calendar.window(regimeOf[programme].calendar, Period.fromId(periodId))

/** The date the scenarios ask "as of": the last day of the rollup period (calendar months). @since 0.1.0 */
export const asOf = windowOf("DVK", rollupPeriod).last

/** The day number of a date, and back. @since 0.1.0 */
export const day = CalendarDate.toDayNumber
/** @since 0.1.0 */
export const date = CalendarDate.fromDayNumber
