/**
 * What an import of units is given and what it returns: options, results and errors, shared by
 * both formats (see `UnitImport`).
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import type * as CalendarDate from "../../kernel/CalendarDate.ts"
import * as DanvanError from "../../kernel/DanvanError.ts"
import type { Unit, UnitLevel } from "../Unit.ts"

/**
 * What an id scheme is given to name a unit.
 *
 * @category models
 * @since 0.1.0
 */
export interface IdKey {
  readonly level: UnitLevel
  readonly code: string
  readonly validFrom: CalendarDate.CalendarDate
}

/**
 * The default id scheme: `vn-<code>-<validFrom>`, for example `vn-00004-2025-07-01`.
 *
 * The validity start is part of the id because the statistics office reuses codes: after the
 * rearrangement of 01/07/2025 (Resolution 202/2025/QH15; codes of Decision 19/2025/QĐ-TTg) all 34
 * province codes and all but a handful of the 3,321 commune codes were codes of units that existed
 * before, for different territories. Importing the 2024 and the 2026 snapshots side by side thus
 * gives distinct units; importing the same snapshot again with the same `validFrom` gives the same
 * ids, so differences show up as `changed`. Codes of different levels have different lengths, so
 * they never collide.
 *
 * @category constructors
 * @since 0.1.0
 */
export const defaultId = (key: IdKey): string => `vn-${key.code}-${key.validFrom}`

/**
 * How to import.
 *
 * @category models
 * @since 0.1.0
 */
export interface ImportOptions {
  /** The first day the imported units are valid. */
  readonly validFrom: CalendarDate.CalendarDate
  /** The day they stop being valid (exclusive); absent for units still current. */
  readonly validUntil?: CalendarDate.CalendarDate
  /** The id of each unit; {@link defaultId} when absent. */
  readonly idOf?: (key: IdKey) => string
  /** Units already stored: imported units with the same id are reported as changed or unchanged. */
  readonly existing?: ReadonlyArray<Unit>
}

/**
 * How to read a CSV export.
 *
 * @category models
 * @since 0.1.0
 */
export interface CsvOptions extends ImportOptions {
  /** The field separator: `,` (default), or `;` for spreadsheets saved with a Vietnamese locale. */
  readonly delimiter?: string
}

/**
 * A record that was not imported, and why.
 *
 * @category models
 * @since 0.1.0
 */
export interface Rejection {
  /** Where the record is: `provinces[3].District[2] (code 004)`, `line 7 (commune 00004)`. */
  readonly record: string
  readonly code?: string
  readonly reason: string
}

/**
 * @category models
 * @since 0.1.0
 */
export type ChangedField = "type" | "name" | "code" | "validFrom" | "validUntil" | "parents"

/**
 * An existing unit the import changes: `after` keeps the version of `before`, ready for
 * `UnitRepository.update`.
 *
 * @category models
 * @since 0.1.0
 */
export interface Change {
  readonly before: Unit
  readonly after: Unit
  readonly fields: ReadonlyArray<ChangedField>
}

/**
 * What an import found.
 *
 * @category models
 * @since 0.1.0
 */
export interface ImportResult {
  /** Units with no existing unit of the same id (version 0: the store assigns 1 on insert). */
  readonly added: ReadonlyArray<Unit>
  readonly changed: ReadonlyArray<Change>
  readonly unchanged: ReadonlyArray<Unit>
  readonly rejected: ReadonlyArray<Rejection>
  /** Every imported unit as it reads after the import, in file order (parents first). */
  readonly imported: ReadonlyArray<Unit>
}

/**
 * The file, or one of its records, does not have the expected shape (or is not text at all).
 * Nothing was imported.
 *
 * @category errors
 * @since 0.1.0
 */
export class MalformedImport extends DanvanError.TaggedError<MalformedImport>()("MalformedImport", {
  record: Schema.String,
  detail: Schema.String
}) {
  override get message(): string {
    return `cannot import units: ${this.record} is malformed: ${this.detail}`
  }
}

/**
 * The options cannot describe an import (a validity that ends on or before it starts, a date that
 * is not a date, a delimiter that cannot separate fields, …).
 *
 * @category errors
 * @since 0.1.0
 */
export class InvalidImportOptions extends DanvanError.TaggedError<InvalidImportOptions>()(
  "InvalidImportOptions",
  {
    reason: Schema.String
  }
) {
  override get message(): string {
    return `cannot import units: ${this.reason}`
  }
}

/**
 * Reading the file failed (the stream of chunks given to `fromStatisticsCsvChunks` threw): not a
 * problem of its content. Nothing was imported.
 *
 * @category errors
 * @since 0.1.0
 */
export class ImportSourceFailed extends DanvanError.TaggedError<ImportSourceFailed>()("ImportSourceFailed", {
  reason: Schema.String
}) {
  override get message(): string {
    return `cannot import units: reading the file failed: ${this.reason}`
  }
}

/**
 * @category errors
 * @since 0.1.0
 */
export type ImportError = MalformedImport | InvalidImportOptions

/**
 * A value for a message: JSON-quoted, cut to `max` characters so that a 100 KB field does not
 * make a 100 KB reason.
 *
 * @category formatting
 * @since 0.1.0
 */
export const show = (value: string, max = 80): string =>
  value.length <= max
    ? JSON.stringify(value)
    : `${JSON.stringify(value.slice(0, max))}… (${value.length} characters)`

/**
 * A code for a message, as it is when short (codes are), cut when a file put something long there.
 *
 * @category formatting
 * @since 0.1.0
 */
export const brief = (code: string, max = 16): string =>
  code.length <= max ? code : `${code.slice(0, max)}…`
