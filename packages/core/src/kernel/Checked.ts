/**
 * Values decoded by a domain schema with every check, deeply frozen, and remembered as such, so a
 * store handed one does not run the schema again (decision record 0034).
 *
 * An application decodes its input once, at the boundary (a form, a CSV file, an HTTP body);
 * the store used to copy every record through the same schema again (encode, then decode with all
 * checks), which cost more than everything else an import does. A value decoded here is frozen
 * all the way down before anyone else holds it, so it cannot be changed after its checks ran, and
 * the schema that checked it is recorded in a table only this module writes: nothing a caller
 * builds by hand (a constructor with `disableChecks`, `Object.create`, a frozen look-alike) is
 * ever taken as checked.
 *
 * @since 0.1.0
 */
import { Result, Schema } from "effect"

/** Each checked value and the schema that decoded it. Weak: the table never keeps a value alive. */
const checked = new WeakMap<object, Schema.Top>()

/**
 * Values with internal state that freezing does not protect (a frozen `Date` still has `setTime`):
 * a value holding one is not recorded as checked.
 */
const mutableInside = (value: object): boolean =>
  value instanceof Date ||
  value instanceof Map ||
  value instanceof Set ||
  value instanceof WeakMap ||
  value instanceof WeakSet ||
  ArrayBuffer.isView(value) ||
  value instanceof ArrayBuffer

/** Freezes a freshly decoded value all the way down; false when a part cannot be made immutable. */
const freeze = (value: unknown): boolean => {
  if (typeof value !== "object" || value === null) return true
  if (mutableInside(value)) return false
  if (Object.isFrozen(value)) return true
  Object.freeze(value)
  for (const key of Reflect.ownKeys(value)) {
    if (!freeze((value as Record<PropertyKey, unknown>)[key])) return false
  }
  return true
}

/** Freezes a value `schema` has just decoded and records it as checked by `schema`. */
const mark = <A>(schema: Schema.Top, value: A): A => {
  if (typeof value === "object" && value !== null && freeze(value)) checked.set(value, schema)
  return value
}

/**
 * Decodes with every check of `schema` (no parse option can turn them off here); a success is
 * deeply frozen and recorded as checked by `schema`.
 *
 * @category parsing
 * @since 0.1.0
 */
export const decodeUnknownResult =
  <S extends Schema.Codec<unknown, unknown>>(schema: S) =>
  (input: unknown): Result.Result<S["Type"], Schema.SchemaError> =>
    Result.map(Schema.decodeUnknownResult(schema)(input), (value) => mark(schema, value))

/**
 * {@link decodeUnknownResult}, throwing the schema's error on invalid input.
 *
 * @category parsing
 * @since 0.1.0
 */
export const decodeUnknownSync =
  <S extends Schema.Codec<unknown, unknown>>(schema: S) =>
  (input: unknown): S["Type"] =>
    mark(schema, Schema.decodeUnknownSync(schema)(input))

/**
 * Whether `value` is a value {@link decodeUnknownResult} decoded with `schema` (the same schema
 * object): then every check of `schema` passed on it and nothing in it has changed since.
 *
 * @category guards
 * @since 0.1.0
 */
export const isCheckedBy = (schema: Schema.Top, value: unknown): boolean =>
  typeof value === "object" && value !== null && checked.get(value) === schema
