/**
 * Page cursors: the sort key of the last item of a page (an id, or a tuple such as unit, period
 * and programme), written as base64url JSON so callers treat it as opaque. The next page is the
 * rows whose sort key is greater (keyset paging: a row-value comparison on an index, never an
 * `OFFSET`), so pages stay stable while other rows are added or removed.
 *
 * @internal
 */
import { StoreError } from "@danvan/core"
import { Effect } from "effect"

/** A sort key: strings compared by bytes (the key columns' collation), element by element. */
export type SortKey = ReadonlyArray<string>

/** The cursor for a sort key. */
export const encode = (key: SortKey): string => Buffer.from(JSON.stringify(key), "utf8").toString("base64url")

/**
 * Reads a cursor this store wrote, expecting `length` parts. The port has no error for a bad
 * cursor, so one that does not read is `StoreCorrupt` at `page cursor`, never a defect.
 */
export const decode = (cursor: string, length: number): Effect.Effect<SortKey, StoreError.StoreCorrupt> => {
  let parsed: unknown
  try {
    parsed = /^[A-Za-z0-9_-]*$/.test(cursor)
      ? JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"))
      : undefined
  } catch {
    parsed = undefined
  }
  return Array.isArray(parsed) && parsed.length === length && parsed.every((p) => typeof p === "string")
    ? Effect.succeed(parsed as SortKey)
    : Effect.fail(
        new StoreError.StoreCorrupt({
          location: "page cursor",
          reason: `${JSON.stringify(cursor.slice(0, 80))} is not a cursor this store issued`
        })
      )
}

/** The cursor's single part, for lists ordered by id. */
export const decodeId = (cursor: string): Effect.Effect<string, StoreError.StoreCorrupt> =>
  Effect.map(decode(cursor, 1), (key) => key[0] as string)
