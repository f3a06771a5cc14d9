/**
 * Paged reads. Every query that can return many rows returns a page and a cursor; `stream` turns
 * a paged query into a `Stream` that fetches page by page, so no caller loads a whole table.
 *
 * @since 0.1.0
 */
import { Effect, Option, Stream } from "effect"

/** One page of results; `next` is the cursor of the following page, absent on the last. @since 0.1.0 */
export interface Page<A> {
  readonly items: ReadonlyArray<A>
  readonly next?: string
}

/** Where a page starts and how long it is. @since 0.1.0 */
export interface PageRequest {
  readonly after?: string
  readonly limit?: number
}

/** The page size when a request gives none. @since 0.1.0 */
export const defaultLimit = 500

/** The largest page a store returns. @since 0.1.0 */
export const maxLimit = 10_000

/** The page size a store uses for a request. @since 0.1.0 */
export const limitOf = (request: PageRequest | undefined): number =>
  Math.max(1, Math.min(maxLimit, Math.floor(request?.limit ?? defaultLimit)))

/**
 * All items of a paged query, page by page.
 *
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

/** All items of a paged query, collected (for small results such as one province's units). @since 0.1.0 */
export const collect = <A, E, R>(
  query: (page: PageRequest) => Effect.Effect<Page<A>, E, R>
): Effect.Effect<ReadonlyArray<A>, E, R> =>
  Effect.map(Stream.runCollect(stream(query)), (chunk) => Array.from(chunk))
