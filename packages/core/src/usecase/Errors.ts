/**
 * Errors the use cases add to those of the rules and the store: input that cannot be read.
 *
 * Use cases take plain input (what an app or a form sends) and decode it with the domain schemas,
 * so text is normalised (NFC, trimmed) and identifiers, dates and counts are checked before any
 * rule runs; input that does not decode is an {@link InvalidInput} naming the use case and what is
 * wrong, and nothing is written.
 *
 * @since 0.1.0
 */
import { Effect, Schema } from "effect"
import * as DanvanError from "../kernel/DanvanError.ts"
import type { StoreCorrupt } from "../store/StoreError.ts"

/**
 * The input of a use case could not be read; `detail` says where and why.
 *
 * @since 0.1.0
 */
export class InvalidInput extends DanvanError.TaggedError<InvalidInput>()("InvalidInput", {
  useCase: Schema.String,
  detail: Schema.String
}) {
  override get message(): string {
    return `invalid input to ${this.useCase}: ${this.detail}`
  }
}

/**
 * Decodes plain input with a schema, failing with {@link InvalidInput} for `useCase`.
 *
 * @since 0.1.0
 */
export const decode =
  <A, I>(schema: Schema.Codec<A, I, never, unknown>, useCase: string) =>
  (input: unknown): Effect.Effect<A, InvalidInput> =>
    Schema.decodeUnknownEffect(schema)(input).pipe(
      Effect.mapError((e) => new InvalidInput({ useCase, detail: e.message }))
    )

/**
 * A paged read whose cursor the store did not issue: stores report such a cursor as
 * `StoreError.StoreCorrupt` at location `page cursor` (their port has no error for it), which to
 * a use case is bad input, so it becomes an {@link InvalidInput} for `useCase`.
 *
 * @category combinators
 * @since 0.1.0
 */
export const cursorIsInput =
  (useCase: string) =>
  <A, E, R>(
    effect: Effect.Effect<A, E | StoreCorrupt, R>
  ): Effect.Effect<A, E | StoreCorrupt | InvalidInput, R> =>
    Effect.catchIf(
      effect,
      (e): e is StoreCorrupt =>
        typeof e === "object" &&
        e !== null &&
        (e as { _tag?: unknown })._tag === "StoreCorrupt" &&
        (e as StoreCorrupt).location === "page cursor",
      (e) => Effect.fail(new InvalidInput({ useCase, detail: `page.after: ${e.reason}` }))
    )
