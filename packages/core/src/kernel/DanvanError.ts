/**
 * The one base of every danvan error: `Schema.TaggedError` that prints its message wherever an app
 * shows it.
 *
 * A danvan error's message is a getter computed from its fields ("no unit with id "x""), so the
 * usual ways of showing an error lose it with a plain `Schema.TaggedError`: `console.error` and
 * `util.inspect` print only the fields, and `JSON.stringify` (a log line, an HTTP response) drops
 * the message. Errors made with {@link TaggedError} print like any JavaScript error:
 *
 * - `console.error(e)` / `util.inspect(e)`: `NotFound: no unit with id "x"`, the stack, then the
 *   fields;
 * - `String(e)`: `NotFound: no unit with id "x"`;
 * - `JSON.stringify(e)`: `{"_tag":"NotFound","message":"no unit with id \"x\"","entity":"unit",…}`.
 *
 * Everything else is `Schema.TaggedError`'s: the class is a schema, `_tag` tells errors apart,
 * `yield* new NotFound(…)` fails an effect, `instanceof` works.
 *
 * @since 0.1.0
 */
import { type Cause, Schema } from "effect"
import { NodeInspectSymbol } from "effect/Inspectable"

/**
 * Defines an error class, exactly as `Schema.TaggedError` does, that prints its message with
 * `console.error`, `String` and `JSON.stringify`:
 *
 * ```ts
 * import { DanvanError } from "@danvan/core"
 * import { Schema } from "effect"
 *
 * export class NotFound extends DanvanError.TaggedError<NotFound>()("NotFound", { id: Schema.String }) {
 *   override get message(): string {
 *     return `no record with id ${JSON.stringify(this.id)}`
 *   }
 * }
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const TaggedError =
  <Self>(identifier?: string) =>
  <Tag extends string, const Fields extends Schema.Struct.Fields>(
    tag: Tag,
    fields: Fields
  ): Schema.Class<Self, Schema.TaggedStruct<Tag, Fields>, Cause.YieldableError> => {
    const Base = Schema.TaggedError<Self>(identifier)(tag, fields) as unknown as new (
      ...args: ReadonlyArray<unknown>
    ) => Cause.YieldableError & { readonly _tag: string; toJSON(): object }
    class Printable extends Base {
      override toString(): string {
        return `${this.name}: ${this.message}`
      }
      override toJSON(): object {
        const { _tag, ...fields } = super.toJSON() as { readonly _tag?: string }
        return { _tag: _tag ?? this._tag, message: this.message, ...fields }
      }
      // Effect's errors inspect as their fields only; returning the error itself lets Node print it
      // as an Error: its stack (whose first line is `name: message`) and then its fields.
      override [NodeInspectSymbol](): unknown {
        return this
      }
    }
    return Printable as unknown as Schema.Class<Self, Schema.TaggedStruct<Tag, Fields>, Cause.YieldableError>
  }
