/**
 * `@danvan/core`: the typed domain of công tác dân vận, its rules, use cases and storage port.
 *
 * @since 0.1.0
 */
export * as CalendarDate from "./kernel/CalendarDate.ts"
export * as Ids from "./kernel/Ids.ts"
export * as Programme from "./kernel/Programme.ts"
export * as Text from "./kernel/Text.ts"
export * as Timestamp from "./kernel/Timestamp.ts"
