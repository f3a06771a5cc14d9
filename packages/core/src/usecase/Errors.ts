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
import * as Text from "../kernel/Text.ts"
import type { StoreCorrupt } from "../store/StoreError.ts"

/**
 * The input of a use case could not be read; `detail` says where and why.
 *
 * @category errors
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

/** The longest `detail` an {@link InvalidInput} carries: it names what is wrong, never echoes megabytes. */
const maxDetail = 2_000

/** `text` cut to {@link maxDetail} characters, saying how long it was. */
const bounded = (text: string): string =>
  text.length <= maxDetail
    ? text
    : `${text.slice(0, maxDetail)}… (${text.length.toLocaleString("en-US")} characters in all)`

/** `value[key]` if it is a string; `undefined` if it is not or reading it throws. */
const stringField = (value: unknown, key: "name" | "stack"): string | undefined => {
  try {
    const field: unknown = value instanceof Error ? value[key] : undefined
    return typeof field === "string" ? field : undefined
  } catch {
    return undefined
  }
}

/**
 * What an input threw, in words, without trusting it (`Text.describeThrown`), after the name of
 * the error, if it is one.
 */
const describeThrown = (thrown: unknown): string => {
  const name = stringField(thrown, "name")
  return name === undefined ? Text.describeThrown(thrown) : `${name}: ${Text.describeThrown(thrown)}`
}

/**
 * What was thrown, as a plain `Error` made here: its name, message (in words, see
 * `Text.describeThrown`) and stack, read once and safely. Never the thrown value itself: a proxy
 * or an object with throwing getters kept as a `cause` throws again wherever the error is walked
 * (Effect hashes a failure's fields when causes are combined, and `Cause.pretty` reads the cause
 * chain), which made a typed failure a defect.
 */
const copyOfThrown = (thrown: unknown): Error => {
  const copy = new Error(Text.describeThrown(thrown))
  const name = stringField(thrown, "name")
  const stack = stringField(thrown, "stack")
  if (name !== undefined) copy.name = name
  if (stack !== undefined) copy.stack = stack
  return copy
}

/**
 * An {@link InvalidInput} for input that threw while it was read, keeping a copy of what was thrown
 * (its name, message and stack, never the value itself) as the error's standard `cause` (not
 * enumerable, as `new Error(message, { cause })` makes it), so it shows where the input failed
 * without being serialised with the error.
 *
 * @category constructors
 * @since 0.1.0
 */
export const inputThrew = (useCase: string, thrown: unknown): InvalidInput => {
  const error = new InvalidInput({
    useCase,
    detail: bounded(`reading the input threw ${describeThrown(thrown)}`)
  })
  Object.defineProperty(error, "cause", {
    value: copyOfThrown(thrown),
    configurable: true,
    writable: true,
    enumerable: false
  })
  return error
}

/**
 * Decodes plain input with a schema, failing with {@link InvalidInput} for `useCase`, whatever the
 * input is: input whose reading throws (a getter, a proxy's trap, a conversion to text) is an
 * `InvalidInput` too ({@link inputThrew}), and the detail is bounded, so an input of megabytes
 * gives a message of a few lines.
 *
 * Decoding is where a use case first touches what it was given, and the only place it touches it:
 * everything after works on the decoded value, which decoding built afresh.
 *
 * @category parsing
 * @since 0.1.0
 */
export const decode =
  <A, I>(schema: Schema.Codec<A, I, never, unknown>, useCase: string) =>
  (input: unknown): Effect.Effect<A, InvalidInput> =>
    Effect.suspend(() => Schema.decodeUnknownEffect(schema)(input)).pipe(
      Effect.mapError((e) => {
        try {
          return new InvalidInput({ useCase, detail: bounded(e.message) })
        } catch (thrown) {
          return inputThrew(useCase, thrown)
        }
      }),
      Effect.catchDefect((thrown) => Effect.fail(inputThrew(useCase, thrown)))
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
