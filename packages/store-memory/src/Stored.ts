/**
 * A stored record: the domain value (a class instance) and its JSON encoding, both deeply frozen,
 * so nothing a caller holds (what it passed in, or what a read handed out) can change the store.
 *
 * @since 0.1.0
 */
import { Result, Schema } from "effect"
import type { Entity, Records } from "./Tables.ts"
import { tables } from "./Tables.ts"

/** @since 0.1.0 */
export interface Stored<E extends Entity = Entity> {
  readonly entity: E
  readonly key: string
  readonly record: Records[E]
  readonly encoded: Schema.Json
}

const deepFreeze = <A>(value: A): A => {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const v of Object.values(value)) deepFreeze(v)
  }
  return value
}

const issue = (error: { readonly message: string }): string => error.message

/**
 * Decodes an encoded record with its domain schema into a fresh, frozen stored record, or says
 * why it is not a valid record.
 *
 * @since 0.1.0
 */
export const fromEncoded = <E extends Entity>(
  entity: E,
  encoded: unknown
): Result.Result<Stored<E>, string> => {
  const table = tables[entity]
  const decoded = Schema.decodeUnknownResult(table.schema)(encoded)
  if (Result.isFailure(decoded)) return Result.fail(issue(decoded.failure))
  // Encode the decoded value again so the stored JSON is canonical (NFC text, no unknown keys).
  const reencoded = Schema.encodeUnknownResult(table.schema)(decoded.success)
  if (Result.isFailure(reencoded)) return Result.fail(issue(reencoded.failure))
  return Result.succeed({
    entity,
    key: table.key(decoded.success),
    record: deepFreeze(decoded.success),
    encoded: deepFreeze(reencoded.success as Schema.Json)
  })
}

/**
 * A stored copy of a record given by a caller, with fields overridden (the version a write
 * stores). Copying through the codec means the store never shares objects with the caller; a
 * value that does not encode (a plain object passed where a record was expected) is refused.
 *
 * @since 0.1.0
 */
export const fromRecord = <E extends Entity>(
  entity: E,
  record: Records[E],
  override?: Readonly<Record<string, unknown>>
): Result.Result<Stored<E>, string> => {
  const encoded = Schema.encodeUnknownResult(tables[entity].schema)(record)
  if (Result.isFailure(encoded)) return Result.fail(issue(encoded.failure))
  const json = encoded.success as Record<string, unknown>
  return fromEncoded(entity, override === undefined ? json : { ...json, ...override })
}
