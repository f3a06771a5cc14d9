/**
 * Snapshots: the whole content of a store as JSON-safe data, and the changes a commit makes.
 *
 * A snapshot lists, per record kind, the records encoded with their domain schemas (what
 * `Schema.encode` of the record gives: plain objects, strings, numbers, booleans and arrays), in
 * key order. It is what `StoreMemory.make({ initial })` loads, what `Snapshots.snapshot` returns,
 * and what an adapter that persists the store (the JSON-file adapter) writes: `applyChanges`
 * brings a snapshot up to date with the changes `onCommit` receives.
 *
 * @since 0.1.0
 */
import { Directive, type Ids, StoreError, Unit } from "@danvan/core"
import { Result, type Schema } from "effect"
import * as Constraints from "./Constraints.ts"
import { Base } from "./State.ts"
import type { Stored } from "./Stored.ts"
import { encode, fromEncoded, fromRecord } from "./Stored.ts"
import type { Entity, Records } from "./Tables.ts"
import { entities, isEntity, revisionKey, tables } from "./Tables.ts"

/** JSON-safe encoded records, per kind. @since 0.1.0 */
export type Snapshot = { readonly [E in Entity]?: ReadonlyArray<Schema.Json> }

/**
 * One change of a commit: a record stored (`put`, with its encoded form) or deleted. `key` is
 * the record's key within its kind (its id; `<reportId>#<revision>` for a report revision).
 *
 * @since 0.1.0
 */
export interface Change {
  readonly entity: Entity
  readonly op: "put" | "delete"
  readonly key: string
  readonly record?: Schema.Json
}

/** The snapshot of an empty store. @since 0.1.0 */
export const empty: Snapshot = {}

/** Domain records, per kind, to seed a store with. @since 0.1.0 */
export type Seed = { readonly [E in Entity]?: ReadonlyArray<Records[E]> }

/**
 * A snapshot of domain records, for seeding a store from code (tests, examples), in key order
 * as snapshots are. Records keep their version when it is at least 1; a record at version 0 (not stored yet) is stored at
 * version 1, as `insert` would. Fails with `StoreCorrupt` naming a record that does not encode.
 *
 * @since 0.1.0
 */
export const fromRecords = (seed: Seed): Result.Result<Snapshot, StoreError.StoreCorrupt> => {
  const out: { [E in Entity]?: Array<Schema.Json> } = {}
  for (const entity of entities) {
    const records = seed[entity] as ReadonlyArray<Records[Entity]> | undefined
    if (records === undefined) continue
    const list: Array<Stored> = []
    for (const [i, record] of records.entries()) {
      const version = (record as { readonly version?: number }).version
      const stored = fromRecord(
        entity,
        record,
        tables[entity].versioned && version === 0 ? { version: 1 } : undefined
      )
      if (Result.isFailure(stored)) return Result.fail(corrupt(`${entity}[${i}]`, stored.failure))
      list.push(stored.success)
    }
    out[entity] = list.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).map(encode)
  }
  return Result.succeed(out)
}

const corrupt = (location: string, reason: string) => new StoreError.StoreCorrupt({ location, reason })

const isRecord = (u: unknown): u is Readonly<Record<string, unknown>> =>
  typeof u === "object" && u !== null && !Array.isArray(u)

/**
 * The key of an encoded record, read from its fields (`id`, or `reportId` and `revision`).
 * `undefined` when the fields are missing.
 *
 * @since 0.1.0
 */
export const keyOfEncoded = (entity: Entity, record: unknown): string | undefined => {
  if (!isRecord(record)) return undefined
  if (entity === "reportRevision") {
    return typeof record.reportId === "string" && typeof record.revision === "number"
      ? revisionKey(record.reportId, record.revision)
      : undefined
  }
  return typeof record.id === "string" ? record.id : undefined
}

/**
 * A snapshot with changes applied, in order (what a store that persists snapshots writes after a
 * commit). Records stay in key order.
 *
 * @since 0.1.0
 */
export const applyChanges = (snapshot: Snapshot, changes: ReadonlyArray<Change>): Snapshot => {
  const touched = new Map<Entity, Map<string, Schema.Json>>()
  for (const change of changes) {
    let byKey = touched.get(change.entity)
    if (byKey === undefined) {
      byKey = new Map()
      for (const record of snapshot[change.entity] ?? []) {
        const key = keyOfEncoded(change.entity, record)
        if (key !== undefined) byKey.set(key, record)
      }
      touched.set(change.entity, byKey)
    }
    if (change.op === "delete" || change.record === undefined) byKey.delete(change.key)
    else byKey.set(change.key, change.record)
  }
  const out: { [E in Entity]?: ReadonlyArray<Schema.Json> } = { ...snapshot }
  for (const [entity, byKey] of touched) {
    out[entity] = [...byKey.keys()].sort().map((k) => byKey.get(k)!)
  }
  return out
}

/**
 * Reads a snapshot (from code or from a file: any value) into a committed state, decoding every
 * record with its domain schema and checking what a write would check: unique keys, versions of
 * at least 1, references to records that exist, unique document numbers and one report per unit,
 * period and programme. The first problem is a `StoreCorrupt` whose `location` names the record
 * (`report[3] "r-17"`).
 *
 * @since 0.1.0
 */
export const load = (input: unknown): Result.Result<Base, StoreError.StoreCorrupt> => {
  if (!isRecord(input))
    return Result.fail(corrupt("snapshot", "a snapshot is an object of record lists by kind"))
  const upgraded = upgradeDirectives(input)
  if (Result.isFailure(upgraded)) return Result.fail(upgraded.failure)
  const snapshot = upgraded.success
  const base = new Base()
  const where = new Map<string, string>()
  const loaded: Array<Stored> = []
  for (const [name, records] of Object.entries(snapshot)) {
    if (!isEntity(name)) {
      return Result.fail(
        corrupt(`snapshot.${name}`, `unknown record kind; the kinds are ${entities.map((e) => e).join(", ")}`)
      )
    }
    if (records === undefined) continue
    if (!Array.isArray(records)) return Result.fail(corrupt(`snapshot.${name}`, "expected a list of records"))
    for (const [i, encoded] of (records as ReadonlyArray<unknown>).entries()) {
      const raw = keyOfEncoded(name, encoded)
      const location = raw === undefined ? `${name}[${i}]` : `${name}[${i}] ${JSON.stringify(raw)}`
      const stored = fromEncoded(name, encoded)
      if (Result.isFailure(stored)) return Result.fail(corrupt(location, stored.failure))
      const s = stored.success
      const key = `${name} ${s.key}`
      const seen = where.get(key)
      if (seen !== undefined) {
        return Result.fail(
          corrupt(location, `a second ${name} with key ${JSON.stringify(s.key)} (the first is ${seen})`)
        )
      }
      if (tables[name].versioned && (s.record as { readonly version: number }).version < 1) {
        return Result.fail(corrupt(location, "a stored record has version 1 or more"))
      }
      where.set(key, location)
      loaded.push(s)
    }
  }
  base.apply(loaded.map((stored) => ({ entity: stored.entity, key: stored.key, stored })))
  for (const stored of loaded) {
    const violation = Constraints.checkStored(base, stored)
    if (violation !== undefined) {
      return Result.fail(corrupt(where.get(`${stored.entity} ${stored.key}`)!, violation.detail))
    }
  }
  return Result.succeed(base)
}

/**
 * A snapshot whose directives all carry their issuer (`Directive.issuedBy`). A directive written
 * before directives had one gets `Directive.legacyIssuer`: the centre for a central issuer code,
 * else the snapshot's only province, since such a store could hold one province's own documents
 * only (decision record 0029). With local directives and no single province to give them to, the
 * snapshot is refused, naming the first such directive, rather than guessed at.
 *
 * @since 0.1.0
 */
export const upgradeDirectives = (
  snapshot: Readonly<Record<string, unknown>>
): Result.Result<Readonly<Record<string, unknown>>, StoreError.StoreCorrupt> => {
  const directives = snapshot.directive
  if (!Array.isArray(directives) || directives.every((d) => !isRecord(d) || "issuedBy" in d)) {
    return Result.succeed(snapshot)
  }
  const units = Array.isArray(snapshot.unit) ? (snapshot.unit as ReadonlyArray<unknown>) : []
  const provinces = new Set<string>()
  for (const u of units) {
    if (isRecord(u) && typeof u.id === "string" && typeof u.type === "string") {
      if (Unit.levelOf[u.type as Unit.UnitType] === "province") provinces.add(u.id)
    }
  }
  const only = provinces.size === 1 ? ([...provinces][0] as Ids.UnitId) : undefined
  const out: Array<unknown> = []
  for (const [i, d] of (directives as ReadonlyArray<unknown>).entries()) {
    if (!isRecord(d) || "issuedBy" in d || !isRecord(d.number) || typeof d.number.issuer !== "string") {
      out.push(d)
      continue
    }
    const issuedBy = Directive.legacyIssuer(d.number as unknown as Directive.Directive["number"], only)
    if (issuedBy === undefined) {
      return Result.fail(
        corrupt(
          `directive[${i}] ${JSON.stringify(d.id)}`,
          `written before directives carried their issuing unit, its issuer ${JSON.stringify(d.number.issuer)} is not a central body, and the store holds ${provinces.size} provinces, so which unit issued it cannot be told; add its issuedBy (a Unit issuer naming its unit) to each local directive, as decision record 0029 describes`
        )
      )
    }
    out.push({ ...d, issuedBy })
  }
  return Result.succeed({ ...snapshot, directive: out })
}

/**
 * The records of one kind at one moment, each encoded only when asked for (`encoded(i)` is the
 * encoding of the record under `keys[i]`). Stored records are frozen, so a listing stays the state
 * it was taken from while the store moves on, and a consumer that streams it (the JSON-file
 * adapter writing its snapshot) holds one encoded record at a time instead of a second copy of the
 * store (decision record 0050).
 *
 * @since 0.1.0
 */
export interface Listing {
  readonly entity: Entity
  /** Ascending (UTF-16 code units), as in a snapshot. */
  readonly keys: ReadonlyArray<string>
  readonly encoded: (i: number) => Schema.Json
}

/** The listings of a state's non-empty kinds, in the kinds' order. @since 0.1.0 */
export const listingsOfView = (view: {
  readonly keys: (entity: Entity) => ReadonlyArray<string>
  readonly get: (entity: Entity, key: string) => Stored | undefined
}): ReadonlyArray<Listing> => {
  const out: Array<Listing> = []
  for (const entity of entities) {
    // A copy of the keys: the view's own list may change with the state.
    const keys = [...view.keys(entity)]
    if (keys.length === 0) continue
    const records = keys.map((k) => view.get(entity, k)!)
    out.push({ entity, keys, encoded: (i) => encode(records[i]!) })
  }
  return out
}

/** The snapshot of a state. @since 0.1.0 */
export const ofView = (view: {
  readonly keys: (entity: Entity) => ReadonlyArray<string>
  readonly get: (entity: Entity, key: string) => Stored | undefined
}): Snapshot => {
  const out: { [E in Entity]?: ReadonlyArray<Schema.Json> } = {}
  for (const entity of entities) {
    const keys = view.keys(entity)
    if (keys.length > 0) out[entity] = keys.map((k) => encode(view.get(entity, k)!))
  }
  return out
}
