/**
 * Pages and cursors. Every paged query has a total order (documented on the port); a cursor is the
 * sort key of the last item of a page, encoded as base64url JSON so callers treat it as opaque.
 * The next page holds the items whose sort key is greater, so pages stay stable while records are
 * added or removed elsewhere in the order.
 *
 * @since 0.1.0
 */
import { Page, StoreError } from "@danvan/core"
import { Result } from "effect"

/** A sort key: compared element by element, strings by UTF-16 code units. @since 0.1.0 */
export type SortKey = ReadonlyArray<string | number>

const toBase64Url = (text: string): string => {
  let binary = ""
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte)
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "")
}

const fromBase64Url = (text: string): string | undefined => {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return undefined
  try {
    const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"))
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0))
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes)
  } catch {
    return undefined
  }
}

/** @since 0.1.0 */
export const encodeCursor = (key: SortKey): string => toBase64Url(JSON.stringify(key))

/**
 * Reads a cursor this store issued. The port has no error for a bad cursor, so one that does not
 * read is reported as `StoreCorrupt` at location `page cursor`, never as a defect.
 *
 * @since 0.1.0
 */
export const decodeCursor = (cursor: string): Result.Result<SortKey, StoreError.StoreCorrupt> => {
  const json = fromBase64Url(cursor)
  let parsed: unknown
  try {
    parsed = json === undefined ? undefined : JSON.parse(json)
  } catch {
    parsed = undefined
  }
  return Array.isArray(parsed) && parsed.every((p) => typeof p === "string" || typeof p === "number")
    ? Result.succeed(parsed as SortKey)
    : Result.fail(
        new StoreError.StoreCorrupt({
          location: "page cursor",
          reason: `${JSON.stringify(cursor.slice(0, 80))} is not a cursor this store issued`
        })
      )
}

/** @since 0.1.0 */
export const compareKeys = (a: SortKey, b: SortKey): number => {
  const n = Math.min(a.length, b.length)
  for (let i = 0; i < n; i++) {
    const x = a[i]!
    const y = b[i]!
    if (x < y) return -1
    if (x > y) return 1
  }
  return a.length - b.length
}

/**
 * Where a page starts: 0 without a cursor, else the index of the first of `length` sorted items
 * (their sort keys read by `keyAt`) whose key is greater than the cursor's.
 */
const start = (
  length: number,
  keyAt: (index: number) => SortKey,
  request: Page.PageRequest | undefined
): Result.Result<number, StoreError.StoreCorrupt> => {
  if (request?.after === undefined) return Result.succeed(0)
  const after = decodeCursor(request.after)
  if (Result.isFailure(after)) return Result.fail(after.failure)
  let lo = 0
  let hi = length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (compareKeys(keyAt(mid), after.success) <= 0) lo = mid + 1
    else hi = mid
  }
  return Result.succeed(lo)
}

/**
 * A page of `items`, which must be sorted by `sortKey`.
 *
 * @since 0.1.0
 */
export const fromSorted = <A>(
  items: ReadonlyArray<A>,
  sortKey: (a: A) => SortKey,
  request?: Page.PageRequest
): Result.Result<Page.Page<A>, StoreError.StoreCorrupt> => {
  const limit = Page.limitOf(request)
  return Result.map(
    start(items.length, (i) => sortKey(items[i]!), request),
    (from) => {
      const slice = items.slice(from, from + limit)
      return from + limit < items.length
        ? { items: slice, next: encodeCursor(sortKey(slice[slice.length - 1]!)) }
        : { items: slice }
    }
  )
}

/**
 * A page over ascending keys, where `accept` turns a key into an item or rejects it (a filter):
 * only as many keys are looked at as the page needs, so paging through a kind is linear.
 *
 * @since 0.1.0
 */
export const fromKeys = <A>(
  keys: ReadonlyArray<string>,
  accept: (key: string) => A | undefined,
  request?: Page.PageRequest
): Result.Result<Page.Page<A>, StoreError.StoreCorrupt> => {
  const limit = Page.limitOf(request)
  const from = start(keys.length, (i) => [keys[i]!], request)
  if (Result.isFailure(from)) return Result.fail(from.failure)
  const items: Array<A> = []
  let lastKey = ""
  for (let i = from.success; i < keys.length; i++) {
    const item = accept(keys[i]!)
    if (item === undefined) continue
    if (items.length === limit) return Result.succeed({ items, next: encodeCursor([lastKey]) })
    items.push(item)
    lastKey = keys[i]!
  }
  return Result.succeed({ items })
}
