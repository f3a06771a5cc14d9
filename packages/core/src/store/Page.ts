/**
 * Paged reads. Every query that can return many rows returns a page and a cursor; `stream` turns
 * a paged query into a `Stream` that fetches page by page, so no caller loads a whole table.
 *
 * @since 0.1.0
 */
import { Effect, Option, Schema, Stream } from "effect"

/** One page of results; `next` is the cursor of the following page, absent on the last. @category models @since 0.1.0 */
export interface Page<A> {
  readonly items: ReadonlyArray<A>
  readonly next?: string
}

/** The page size when a request gives none. @category constants @since 0.1.0 */
export const defaultLimit = 500

/** The largest page a store returns. @category constants @since 0.1.0 */
export const maxLimit = 10_000

/**
 * Where a page starts and how long it is: `after` is the `next` cursor of the previous page (an
 * opaque base64url string the store issued), `limit` a whole number from 1 to {@link maxLimit}
 * (by default {@link defaultLimit}). The use cases decode every page request with this schema, so
 * a bad one is an `InvalidInput`, not a store failure or a silently empty page.
 *
 * @category schemas
 * @since 0.1.0
 */
export const PageRequest = Schema.Struct({
  after: Schema.optionalKey(
    Schema.String.pipe(
      Schema.check(
        Schema.makeFilter((s: string) =>
          /^[A-Za-z0-9_-]{1,4096}$/.test(s)
            ? undefined
            : `a page cursor is the "next" of an earlier page (1 to 4096 base64url characters), got ${JSON.stringify(s.slice(0, 80))}`
        )
      )
    )
  ),
  limit: Schema.optionalKey(
    Schema.Int.pipe(Schema.check(Schema.isGreaterThanOrEqualTo(1), Schema.isLessThanOrEqualTo(maxLimit)))
  )
})
/** @category models @since 0.1.0 */
export type PageRequest = typeof PageRequest.Type

/** The page size a store uses for a request. @category rules @since 0.1.0 */
export const limitOf = (request: PageRequest | undefined): number =>
  Math.max(1, Math.min(maxLimit, Math.floor(request?.limit ?? defaultLimit)))

/**
 * All items of a paged query, page by page.
 *
 * @category combinators
 * @since 0.1.0
 */
export const stream = <A, E, R>(
  query: (page: PageRequest) => Effect.Effect<Page<A>, E, R>,
  limit: number = defaultLimit
): Stream.Stream<A, E, R> =>
  Stream.paginate(Option.none<string>(), (cursor: Option.Option<string>) =>
    Effect.map(
      query(Option.isSome(cursor) ? { after: cursor.value, limit } : { limit }),
      (page): readonly [ReadonlyArray<A>, Option.Option<Option.Option<string>>] => [
        page.items,
        page.next === undefined ? Option.none() : Option.some(Option.some(page.next))
      ]
    )
  )

/**
 * All items of a paged query (for bounded results such as one province's units), collected in
 * pages of `limit`, by default the largest a store returns: every item is held in memory anyway,
 * so smaller pages only add round trips, and a store that recomputes the whole result for every
 * page (the SQL adapters' recursive jurisdiction query) would run it once per page. Use
 * {@link stream} to hold one page at a time.
 *
 * @category combinators
 * @since 0.1.0
 */
export const collect = <A, E, R>(
  query: (page: PageRequest) => Effect.Effect<Page<A>, E, R>,
  limit: number = maxLimit
): Effect.Effect<ReadonlyArray<A>, E, R> =>
  Effect.map(Stream.runCollect(stream(query, limit)), (chunk) => Array.from(chunk))
