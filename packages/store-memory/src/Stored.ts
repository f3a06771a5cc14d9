/**
 * A stored record: the domain value (a class instance), deeply frozen, so nothing a caller holds
 * (what it passed in, or what a read handed out) can change the store.
 *
 * One form per record (decision record 0033): the engine keeps the decoded value only, and
 * encodes a record when something asks for its JSON (a commit's changes for an adapter that
 * persists them, a snapshot). A record written over a previous one shares every part whose
 * content did not change with it (`share`): a report's content across status changes, its earlier
 * events, and a revision's content with its report's.
 *
 * @since 0.1.0
 */
import { Actor, Checked } from "@danvan/core"
import { Result, Schema, SchemaAST } from "effect"
import type { Entity, Records } from "./Tables.ts"
import { tables } from "./Tables.ts"

/** @since 0.1.0 */
export interface Stored<E extends Entity = Entity> {
  readonly entity: E
  readonly key: string
  readonly record: Records[E]
}

/**
 * The JSON encoding of a stored record (what a snapshot lists and a commit's changes carry).
 * Every stored record was encoded on its way in, so this does not fail.
 *
 * @since 0.1.0
 */
export const encode = (stored: Stored): Schema.Json =>
  Schema.encodeUnknownSync(tables[stored.entity].schema)(stored.record, noChecks) as Schema.Json

/**
 * Encoding a stored record does not run the schema's checks again: every stored record passed
 * them on its way in (decoded with them, or checked by `Checked` before it was handed over), and
 * it is frozen since. The structure is still walked, so the encoding is the schema's.
 */
const noChecks = { disableChecks: true } as const

/**
 * The encoding each record was copied through on its way in (`fromRecord`), until the commit that
 * stores the record takes it (`takeEncoded`) or drops it (`dropEncoded`): an adapter that persists
 * a commit's changes (the JSON file store) gets the JSON the write already made instead of
 * encoding the record a second time. Weak, so a write that is discarded drops its encoding with
 * it; a committed record holds none (one form per record, decision record 0033).
 */
const encodings = new WeakMap<Stored, Schema.Json>()

/**
 * The JSON encoding of a record a commit stores: the one its write made when there is one (it is
 * handed over once), else `encode`.
 *
 * @since 0.1.0
 */
export const takeEncoded = (stored: Stored): Schema.Json => {
  const json = encodings.get(stored)
  if (json === undefined) return encode(stored)
  encodings.delete(stored)
  return json
}

/** Drops the encoding a write made of a record, when its commit does not need it. @since 0.1.0 */
export const dropEncoded = (stored: Stored): void => {
  encodings.delete(stored)
}

/** Prototypes of values with internal state that fields alone do not describe. */
const opaque = (value: object): boolean =>
  value instanceof Date ||
  value instanceof Map ||
  value instanceof Set ||
  value instanceof RegExp ||
  ArrayBuffer.isView(value) ||
  value instanceof ArrayBuffer

/** Whether two decoded values have the same content: same prototype, same fields, same values. */
const same = (a: unknown, b: unknown): boolean => {
  if (a === b) return true
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b) || opaque(a) || opaque(b)) return false
  const ka = Object.keys(a)
  if (ka.length !== Object.keys(b).length) return false
  for (const k of ka) {
    if (!Object.hasOwn(b, k)) return false
    if (!same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false
  }
  return true
}

/**
 * Points the parts of a freshly decoded (not yet frozen) value at the equal parts of `like`, a
 * stored (frozen) record, field by field and array element by array element, so unchanged
 * content is held once. Only fields both have are compared; `like` is never changed.
 */
const share = (fresh: unknown, like: unknown): void => {
  if (typeof fresh !== "object" || fresh === null || Object.isFrozen(fresh) || opaque(fresh)) return
  if (typeof like !== "object" || like === null) return
  const target = fresh as Record<string, unknown>
  const source = like as Record<string, unknown>
  for (const k of Object.keys(target)) {
    if (!Object.hasOwn(source, k)) continue
    const next = target[k]
    const previous = source[k]
    if (typeof next !== "object" || next === null || next === previous) continue
    if (same(next, previous)) {
      const descriptor = Object.getOwnPropertyDescriptor(target, k)
      if (descriptor?.writable === true) target[k] = previous
    } else if (Array.isArray(next) && Array.isArray(previous)) {
      // Append-only lists (a report's events): the elements already stored are held once.
      for (let i = 0; i < next.length && i < previous.length; i++) {
        if (same(next[i], previous[i])) next[i] = previous[i]
        else share(next[i], previous[i])
      }
    } else share(next, previous)
  }
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
  const stored = decoded(entity, encoded)
  if (Result.isFailure(stored)) return stored
  // A value read from outside (a snapshot, a file) must also encode, as every stored record does.
  const reencoded = Schema.encodeUnknownResult(tables[entity].schema)(stored.success.record)
  if (Result.isFailure(reencoded)) return Result.fail(issue(reencoded.failure))
  return stored
}

/**
 * Actors held once: the same officer signs many reports' events and revisions, and each decoded
 * record would otherwise hold its own copy. Found by person id, then by unit (a person may act for
 * many units), then by name and role (`sameActor`): no key string is built per actor met.
 * Entries are weak, so an actor no stored record holds any more is collected, and its entry with
 * it.
 */
const actors = new Map<string, Map<string, Array<WeakRef<Actor.Actor>>>>()

interface Slot {
  readonly personId: string
  readonly unitId: string
}

const forget = new FinalizationRegistry<Slot>(({ personId, unitId }) => {
  const byUnit = actors.get(personId)
  const refs = byUnit?.get(unitId)
  if (byUnit === undefined || refs === undefined) return
  const live = refs.filter((ref) => ref.deref() !== undefined)
  if (live.length > 0) byUnit.set(unitId, live)
  else {
    byUnit.delete(unitId)
    if (byUnit.size === 0) actors.delete(personId)
  }
})

/**
 * Whether two actors of the same person and unit are the same actor: same class, name and role, and
 * `role` present on both or neither (a record made before roles existed has none).
 */
const sameActor = (a: Actor.Actor, b: Actor.Actor): boolean =>
  a.name === b.name &&
  a.role === b.role &&
  Object.hasOwn(a, "role") === Object.hasOwn(b, "role") &&
  Object.getPrototypeOf(a) === Object.getPrototypeOf(b)

/**
 * The actor `holdActor` returned last: a report's events and its revisions are often signed by
 * one officer in a row, who is then found without the two map look-ups. Held strongly (one actor).
 */
let lastHeld: Actor.Actor | undefined

/** The actor held already with the same content as `actor`, else `actor`, frozen and held from now on. */
const holdActor = (actor: Actor.Actor): Actor.Actor => {
  const last = lastHeld
  if (
    last !== undefined &&
    last.personId === actor.personId &&
    last.unitId === actor.unitId &&
    sameActor(last, actor)
  )
    return last
  const held = findOrHold(actor)
  lastHeld = held
  return held
}

const findOrHold = (actor: Actor.Actor): Actor.Actor => {
  let byUnit = actors.get(actor.personId)
  const refs = byUnit?.get(actor.unitId)
  if (refs !== undefined) {
    for (const ref of refs) {
      const held = ref.deref()
      if (held !== undefined && sameActor(held, actor)) return held
    }
  }
  deepFreeze(actor)
  const ref = new WeakRef(actor)
  if (refs !== undefined) refs.push(ref)
  else {
    if (byUnit === undefined) {
      byUnit = new Map()
      actors.set(actor.personId, byUnit)
    }
    byUnit.set(actor.unitId, [ref])
  }
  forget.register(actor, { personId: actor.personId, unitId: actor.unitId })
  return actor
}

/** Replaces every actor in a freshly decoded (not yet frozen) value with the one held already. */
const intern = (fresh: unknown): void => {
  if (typeof fresh !== "object" || fresh === null || Object.isFrozen(fresh) || opaque(fresh)) return
  const target = fresh as Record<string, unknown>
  for (const k of Object.keys(target)) {
    const value = target[k]
    if (typeof value !== "object" || value === null) continue
    if (value instanceof Actor.Actor) {
      const held = holdActor(value)
      if (held !== value && Object.getOwnPropertyDescriptor(target, k)?.writable === true) target[k] = held
    } else intern(value)
  }
}

/** Decodes an encoded record into a frozen stored record sharing unchanged parts with `like`. */
const decoded = <E extends Entity>(
  entity: E,
  encoded: unknown,
  like?: unknown
): Result.Result<Stored<E>, string> => {
  const table = tables[entity]
  const result = Schema.decodeUnknownResult(table.schema)(encoded)
  if (Result.isFailure(result)) return Result.fail(issue(result.failure))
  if (like !== undefined) share(result.success, like)
  intern(result.success)
  return Result.succeed({ entity, key: table.key(result.success), record: deepFreeze(result.success) })
}

/** Thrown out of `held` when a part is not plain data; the checked path is then not taken. */
const notPlain: unique symbol = Symbol("notPlain")

/**
 * A new, unfrozen object with `value`'s prototype and own fields (its parts are not copied).
 * Plain objects (most of a record: events, figures) are spread, which V8 lays out as compactly as
 * a literal; class instances get their prototype back.
 */
const shallow = <A extends object>(value: A): Record<string, unknown> => {
  const proto = Object.getPrototypeOf(value)
  return (proto === Object.prototype ? { ...value } : Object.assign(Object.create(proto), value)) as Record<
    string,
    unknown
  >
}

/** `like` when it is an object of `value`'s prototype whose parts can be compared field by field. */
const comparable = (value: object, like: unknown): object | undefined =>
  typeof like === "object" &&
  like !== null &&
  !opaque(like) &&
  Object.getPrototypeOf(like) === Object.getPrototypeOf(value)
    ? like
    : undefined

/**
 * `value` (a part of a record `Checked` vouches for: frozen, checked) as the store holds it, in one
 * walk: `like` (the matching part of a stored record, or `undefined`) itself when their contents are
 * equal, else `value` with every part equal to `like`'s pointed at it and every other actor replaced
 * by the one held already (`holdActor`). `value` itself when nothing in it changes; otherwise frozen
 * copies of the objects on the way to a replaced part only. Equality is decided bottom-up from the
 * parts' results, so each part is visited once. Lists are compared element by element from the
 * start (a report's events only grow). Throws `notPlain` on a part with internal state.
 */
const held = (value: unknown, like: unknown): unknown => {
  if (typeof value !== "object" || value === null || value === like) return value
  if (value instanceof Actor.Actor)
    return like instanceof Actor.Actor &&
      like.personId === value.personId &&
      like.unitId === value.unitId &&
      sameActor(value, like)
      ? like
      : holdActor(value)
  if (opaque(value)) throw notPlain
  const previous = comparable(value, like)
  if (Array.isArray(value)) {
    const before = previous as ReadonlyArray<unknown> | undefined
    let equal = before !== undefined && before.length === value.length
    let out: Array<unknown> | undefined
    for (let i = 0; i < value.length; i++) {
      const part = value[i]
      const was = before !== undefined && i < before.length ? before[i] : undefined
      const next = held(part, was)
      if (next !== was) equal = false
      if (next !== part) {
        out ??= value.slice()
        out[i] = next
      }
    }
    if (equal) return before
    return out === undefined ? value : Object.freeze(out)
  }
  const before = previous as Record<string, unknown> | undefined
  const keys = Object.keys(value)
  let equal = before !== undefined && Object.keys(before).length === keys.length
  let out: Record<string, unknown> | undefined
  for (const k of keys) {
    const part = (value as Record<string, unknown>)[k]
    const has = before !== undefined && Object.hasOwn(before, k)
    const was = has ? before[k] : undefined
    if (typeof part !== "object" || part === null) {
      if (!has || part !== was) equal = false
      continue
    }
    const next = held(part, was)
    if (next !== was) equal = false
    if (next !== part) {
      out ??= shallow(value)
      out[k] = next
    }
  }
  if (equal) return before
  return out === undefined ? value : Object.freeze(out)
}

/**
 * How to find the actors in a value of some schema, without `like`: the value with every actor
 * replaced by the one held already (copies of the objects on the way to one only, as `held`), or
 * `undefined` for a schema whose values hold no actor (a report's figures and texts), which are
 * then not visited at all. Most of a record is such parts: walking them to find no actor was the
 * largest cost of an import (docs/benchmarks.md, "In-memory import and submission", fourth pass).
 */
type Walk = ((value: unknown) => unknown) | undefined

/** Every part visited (`held` without `like`), for what the schema does not describe closely. */
const generic: Walk = (value) => held(value, undefined)

/** Nodes whose values are never objects, so never hold an actor. */
const primitive = new Set<SchemaAST.AST["_tag"]>([
  "Null",
  "Undefined",
  "Void",
  "Never",
  "String",
  "Number",
  "Boolean",
  "BigInt",
  "Symbol",
  "Literal",
  "UniqueSymbol",
  "Enum",
  "TemplateLiteral"
])

const walks = new WeakMap<SchemaAST.AST, { readonly walk: Walk }>()

/**
 * The walk for values of `ast` (a type-side node), decided once per node from the schema: a value
 * `Checked` vouches for has the shape its schema describes, so a part whose schema admits only
 * primitives cannot hold an actor. What the AST does not describe closely (unions with objects,
 * declarations other than classes, recursion, `Unknown`) is walked part by part (`generic`), and
 * an actor is recognised by its class wherever it is met, as before: the schema only decides what
 * need not be visited.
 */
const walkOf = (ast: SchemaAST.AST): Walk => {
  const known = walks.get(ast)
  if (known !== undefined) return known.walk
  const walk = makeWalk(ast)
  walks.set(ast, { walk })
  return walk
}

/**
 * Whether a declaration is a `Schema.Class` (its instances have the fields of its one type
 * parameter): the annotation `Schema.Class` puts on its declaration, and no other declaration has.
 */
const isClass = (ast: SchemaAST.Declaration): boolean =>
  typeof ast.annotations?.["~constructor"] === "function"

const makeWalk = (ast: SchemaAST.AST): Walk => {
  if (primitive.has(ast._tag)) return undefined
  switch (ast._tag) {
    case "Objects": {
      if (ast.indexSignatures.some((s) => walkOf(s.type) !== undefined)) return generic
      return fieldsWalk(ast.propertySignatures.map((p) => [p.name, walkOf(p.type)] as const))
    }
    case "Arrays": {
      const parts = [...ast.elements, ...ast.rest].map(walkOf)
      if (parts.every((w) => w === undefined)) return undefined
      if (ast.rest.length > 1) return generic
      const elements = parts.slice(0, ast.elements.length)
      const rest = ast.rest.length === 1 ? parts[parts.length - 1] : undefined
      return (value) => {
        if (!Array.isArray(value)) return generic(value)
        let out: Array<unknown> | undefined
        for (let i = 0; i < value.length; i++) {
          const walk = i < elements.length ? elements[i] : rest
          const part = value[i]
          if (walk === undefined || typeof part !== "object" || part === null) continue
          const next = walk(part)
          if (next !== part) {
            out ??= value.slice()
            out[i] = next
          }
        }
        return out === undefined ? value : Object.freeze(out)
      }
    }
    case "Union": {
      if (ast.types.every((t) => walkOf(t) === undefined)) return undefined
      // A union of structs (a report's events): a value is one member, so each field name is
      // walked as the members that hold an actor there say; a member where the field is a
      // primitive is skipped by the walk itself.
      if (!ast.types.every((t) => SchemaAST.isObjects(t) && t.indexSignatures.length === 0)) return generic
      const byName = new Map<PropertyKey, Walk>()
      for (const t of ast.types as ReadonlyArray<SchemaAST.Objects>) {
        for (const p of t.propertySignatures) {
          const walk = walkOf(p.type)
          if (walk === undefined) continue
          const other = byName.get(p.name)
          byName.set(p.name, other === undefined || other === walk ? walk : generic)
        }
      }
      return fieldsWalk([...byName])
    }
    case "Declaration": {
      const fields = ast.typeParameters.length === 1 ? ast.typeParameters[0] : undefined
      if (!isClass(ast) || fields === undefined || !SchemaAST.isObjects(fields)) return generic
      const inner = walkOf(fields)
      return (value) =>
        value instanceof Actor.Actor
          ? holdActor(value as Actor.Actor)
          : inner === undefined
            ? value
            : inner(value)
    }
    default:
      return generic
  }
}

/** The walk of an object whose fields each have a walk (`undefined` when none can hold an actor). */
const fieldsWalk = (fields: ReadonlyArray<readonly [PropertyKey, Walk]>): Walk => {
  const walked = fields.filter(
    (f): f is readonly [PropertyKey, (value: unknown) => unknown] => f[1] !== undefined
  )
  if (walked.length === 0) return undefined
  // Names and walks side by side: the walk runs once per event of every report imported.
  const names = walked.map((f) => f[0])
  const fieldWalk = walked.map((f) => f[1])
  return (value) => {
    if (typeof value !== "object" || value === null) return generic(value)
    // A plain object (an event) is neither an array nor opaque: the common case asks one question.
    if (Object.getPrototypeOf(value) !== Object.prototype && (Array.isArray(value) || opaque(value)))
      return generic(value)
    let out: Record<PropertyKey, unknown> | undefined
    for (let i = 0; i < names.length; i++) {
      const name = names[i]!
      const part = (value as Record<PropertyKey, unknown>)[name]
      if (typeof part !== "object" || part === null) continue
      const next = fieldWalk[i]!(part)
      if (next !== part) {
        out ??= shallow(value)
        out[name] = next
      }
    }
    return out === undefined ? value : Object.freeze(out)
  }
}

/**
 * How a kind's records are walked without `like`: the fields whose schema can hold an actor, each
 * with its walk (a report's `events`; not its ids, status or `content`), from the kind's schema.
 * `undefined` when the schema is not a class of known fields: every field is then walked.
 */
interface RecordWalk {
  /** Every field of the schema, walked or not. */
  readonly fields: ReadonlySet<string>
  readonly names: ReadonlyArray<string>
  readonly walks: ReadonlyArray<(value: unknown) => unknown>
}

const recordWalks = new Map<Entity, RecordWalk | undefined>()

const recordWalk = (entity: Entity): RecordWalk | undefined => {
  if (recordWalks.has(entity)) return recordWalks.get(entity)
  const ast = tables[entity].schema.ast
  const fields =
    SchemaAST.isDeclaration(ast) && ast.typeParameters.length === 1 ? ast.typeParameters[0] : undefined
  let plan: RecordWalk | undefined
  if (
    fields !== undefined &&
    SchemaAST.isObjects(fields) &&
    fields.indexSignatures.length === 0 &&
    fields.propertySignatures.every((p) => typeof p.name === "string")
  ) {
    const names: Array<string> = []
    const walks: Array<(value: unknown) => unknown> = []
    for (const p of fields.propertySignatures) {
      const walk = walkOf(p.type)
      if (walk === undefined) continue
      names.push(p.name as string)
      walks.push(walk)
    }
    plan = { fields: new Set(fields.propertySignatures.map((p) => p.name as string)), names, walks }
  }
  recordWalks.set(entity, plan)
  return plan
}

/**
 * The stored record for a record `Checked` decoded with this kind's schema: the checks already ran
 * on this very value and it cannot have changed since (it is deeply frozen), so the schema does
 * not run again. The record itself is a new object (it carries the version the store sets); its
 * parts are the caller's own frozen parts, except where an actor is replaced by the one the store
 * holds, and, with `like` (the version being replaced, or a revision's report), where a part
 * equals `like`'s and is pointed at it (`held`). Nothing the caller holds can change what
 * is stored: every part is frozen.
 */
const fromChecked = <E extends Entity>(
  entity: E,
  record: Records[E],
  override?: Readonly<Record<string, unknown>>,
  like?: Records[Entity]
): Stored<E> | undefined => {
  const copy = shallow(record as object)
  const previous = like as unknown as Record<string, unknown> | undefined
  const plan = recordWalk(entity)
  try {
    if (previous === undefined && plan !== undefined) {
      // A value `Checked` vouches for has its schema's fields and no other (decision record 0049):
      // only those that can hold an actor are visited.
      for (let i = 0; i < plan.names.length; i++) {
        const k = plan.names[i]!
        const part = copy[k]
        if (typeof part === "object" && part !== null) copy[k] = plan.walks[i]!(part)
      }
    } else {
      for (const k of Object.keys(copy)) {
        const part = copy[k]
        if (typeof part !== "object" || part === null) continue
        if (previous !== undefined && Object.hasOwn(previous, k)) copy[k] = held(part, previous[k])
        else {
          const at = plan === undefined ? -1 : plan.names.indexOf(k)
          if (at >= 0) copy[k] = plan!.walks[at]!(part)
          else if (plan === undefined || !plan.fields.has(k)) copy[k] = generic!(part)
        }
      }
    }
  } catch (e) {
    if (e === notPlain) return undefined
    throw e
  }
  if (override !== undefined) for (const k of Object.keys(override)) copy[k] = override[k]
  const value = Object.freeze(copy) as unknown as Records[E]
  return { entity, key: tables[entity].key(value), record: value }
}

/**
 * A stored copy of a record given by a caller, with fields overridden (the version a write
 * stores). Copying through the codec (encoded once, decoded once) means the store never shares
 * objects with the caller; a value that does not encode (a plain object passed where a record was
 * expected) is refused. A record `Checked` decoded with this kind's schema is copied structurally
 * instead (decision record 0034): its checks ran once, at the caller's boundary. `like`, a stored
 * record (the version being replaced, or a revision's report), lends the copy its unchanged parts.
 *
 * @since 0.1.0
 */
export const fromRecord = <E extends Entity>(
  entity: E,
  record: Records[E],
  override?: Readonly<Record<string, unknown>>,
  like?: Records[Entity]
): Result.Result<Stored<E>, string> => {
  if (Checked.isCheckedBy(tables[entity].schema, record)) {
    const stored = fromChecked(entity, record, override, like)
    if (stored !== undefined) return Result.succeed(stored)
  }
  const encoded = Schema.encodeUnknownResult(tables[entity].schema)(record)
  if (Result.isFailure(encoded)) return Result.fail(issue(encoded.failure))
  const json = encoded.success as Record<string, unknown>
  const input = override === undefined ? json : { ...json, ...override }
  const stored = decoded(entity, input, like)
  // The encoding of the stored record is `input` itself: the decoded value has the same content
  // (`share` and `intern` only swap parts for equal ones), and the codecs round-trip.
  if (Result.isSuccess(stored)) encodings.set(stored.success, input as Schema.Json)
  return stored
}
