/**
 * The errors every storage adapter reports, so use cases and apps can tell them apart whatever the
 * store: a missing record, a stale write, a violated constraint, and a store that cannot be used.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import * as DanvanError from "../kernel/DanvanError.ts"
import * as Text from "../kernel/Text.ts"

/**
 * The kinds of record a store keeps.
 *
 * @category models
 * @since 0.1.0
 */
export const Entity = Schema.Literals([
  "unit",
  "succession",
  "directive",
  "committee",
  "model",
  "coordination",
  "report",
  "reportRevision",
  "modelField",
  "regime",
  "validationRule",
  "audit"
])
/**
 * @category models
 * @since 0.1.0
 */
export type Entity = typeof Entity.Type

/**
 * No record of that kind has that id.
 *
 * @category errors
 * @since 0.1.0
 */
export class NotFound extends DanvanError.TaggedError<NotFound>()("NotFound", {
  entity: Entity,
  id: Schema.String
}) {
  override get message(): string {
    return `no ${this.entity} with id ${JSON.stringify(this.id)}`
  }
}

/**
 * A write was based on a stale version: someone else changed the record since it was read.
 * Nothing was written; read the record again and retry.
 *
 * @category errors
 * @since 0.1.0
 */
export class VersionConflict extends DanvanError.TaggedError<VersionConflict>()("VersionConflict", {
  entity: Entity,
  id: Schema.String,
  expected: Schema.Int,
  actual: Schema.Int
}) {
  override get message(): string {
    return `${this.entity} ${JSON.stringify(this.id)} was changed by someone else: the write expected version ${this.expected}, the store has ${this.actual}`
  }
}

/**
 * The rules a store enforces on writes, as a closed set of names in plain words, so an app can
 * tell one refusal from another whatever the adapter (`ConstraintViolation.constraint`). Every
 * adapter names a rule the same way: the names come from one place, `Contract` (which record
 * refers to which, which values are unique), and the conformance suite checks the name of every
 * refusal.
 *
 * | name | the write is refused because |
 * | --- | --- |
 * | `unique id` | a record of that kind already has the id (stored, or twice in one batch) |
 * | `unique revision per report` | the report already has a revision with that number; revisions are never overwritten |
 * | `unique document number` | a directive already has the number in its numbering scope (`Directive.numberingKey`) |
 * | `one report per unit, period and programme` | the unit already has a report for the period under the programme |
 * | `parent unit exists` | a unit names a parent that does not exist |
 * | `predecessor unit exists` | a succession's predecessor does not exist |
 * | `successor unit exists` | a succession's successor does not exist |
 * | `replaced directive exists` | a directive replaces one that does not exist |
 * | `unit exists` | a committee, model or report belongs to a unit that does not exist |
 * | `source model exists` | a model is a replica of a model that does not exist |
 * | `party unit exists` | a party of a coordination programme does not exist |
 * | `report exists` | a revision belongs to a report that does not exist |
 * | `revision belongs to the updated report` | the new revision given with a report update is another report's |
 * | `only a never-submitted draft can be removed` | the report was submitted at least once, so every revision stays readable |
 * | `valid record` | the record does not encode with its schema (built around the schema's constructors) |
 * | `text the database can store` | the database cannot store a character of the record's text (PostgreSQL and U+0000) |
 * | `database constraint` | the database refused the write for a rule of its own that none of the above names; `detail` gives the database's words |
 *
 * @category models
 * @since 0.1.0
 */
export const ConstraintName = Schema.Literals([
  "unique id",
  "unique revision per report",
  "unique document number",
  "one report per unit, period and programme",
  "parent unit exists",
  "predecessor unit exists",
  "successor unit exists",
  "replaced directive exists",
  "unit exists",
  "source model exists",
  "party unit exists",
  "report exists",
  "revision belongs to the updated report",
  "only a never-submitted draft can be removed",
  "valid record",
  "text the database can store",
  "database constraint"
])
/**
 * @category models
 * @since 0.1.0
 */
export type ConstraintName = typeof ConstraintName.Type

/**
 * A write would break a rule the store enforces: a duplicate id, a duplicate document number, a
 * reference to a missing record. Nothing was written. `constraint` names the rule, one of a
 * closed set ({@link ConstraintName}) that every adapter shares; `detail` says which records in
 * words.
 *
 * @category errors
 * @since 0.1.0
 */
export class ConstraintViolation extends DanvanError.TaggedError<ConstraintViolation>()(
  "ConstraintViolation",
  {
    entity: Entity,
    constraint: ConstraintName,
    detail: Schema.String
  }
) {
  override get message(): string {
    return `${this.entity}: the rule "${this.constraint}" is broken: ${this.detail}`
  }
}

/**
 * Why a store cannot be used, as a closed set (after the reasons of Effect's `SqlError`), so an
 * app can decide what to do without reading the text: retry ({@link isRetryable}), tell the
 * operator, or fix its configuration.
 *
 * | reason | what happened | retry? |
 * | --- | --- | --- |
 * | `MissingDatabase` | the database, its file or the store's directory does not exist | no |
 * | `MissingFolder` | a folder on the store's path does not exist | no |
 * | `ConnectionRefused` | nothing accepts connections at the address (server down, wrong host or port) | yes |
 * | `ConnectionLost` | the connection dropped during the operation; nothing of it was committed | yes |
 * | `AuthenticationFailed` | the server refused the credentials | no |
 * | `PermissionDenied` | the process or database user lacks a permission (file mode, SQL grant) | no |
 * | `Locked` | another process or connection held the lock longer than the store waits | yes |
 * | `Timeout` | the operation ran longer than the database allows | yes |
 * | `Conflict` | the transaction collided with a concurrent one and was rolled back | yes |
 * | `ReadOnly` | the store, the database or the medium is read-only | no |
 * | `DiskFull` | no space left for the write | no |
 * | `SchemaMismatch` | the schema is not the one this version needs (migrations pending, tables missing) | no |
 * | `Closed` | the store is closed, not open yet, or refuses writes until it is reopened | no |
 * | `Unsupported` | the database or client is not one the adapter supports | no |
 * | `Unknown` | anything else; `detail` and `cause` say what | no |
 *
 * @category models
 * @since 0.1.0
 */
export const UnavailableReason = Schema.Literals([
  "MissingDatabase",
  "MissingFolder",
  "ConnectionRefused",
  "ConnectionLost",
  "AuthenticationFailed",
  "PermissionDenied",
  "Locked",
  "Timeout",
  "Conflict",
  "ReadOnly",
  "DiskFull",
  "SchemaMismatch",
  "Closed",
  "Unsupported",
  "InvalidOptions",
  "Unknown"
])
/**
 * @category models
 * @since 0.1.0
 */
export type UnavailableReason = typeof UnavailableReason.Type

const reasons: {
  readonly [R in UnavailableReason]: { readonly words: string; readonly retryable: boolean }
} = {
  MissingDatabase: { words: "the database does not exist", retryable: false },
  MissingFolder: { words: "a folder on the path does not exist", retryable: false },
  ConnectionRefused: { words: "the database server cannot be reached", retryable: true },
  ConnectionLost: { words: "the connection to the database was lost", retryable: true },
  AuthenticationFailed: { words: "the database refused the credentials", retryable: false },
  PermissionDenied: { words: "permission denied", retryable: false },
  Locked: { words: "locked by another process or connection", retryable: true },
  Timeout: { words: "the operation timed out", retryable: true },
  Conflict: { words: "the transaction collided with a concurrent one", retryable: true },
  ReadOnly: { words: "read-only", retryable: false },
  DiskFull: { words: "the disk is full", retryable: false },
  SchemaMismatch: { words: "the database schema is not the one this version needs", retryable: false },
  Closed: { words: "the store is closed", retryable: false },
  Unsupported: { words: "unsupported database", retryable: false },
  InvalidOptions: { words: "the options given to open the store are not valid", retryable: false },
  Unknown: { words: "unexpected failure", retryable: false }
}

/**
 * Whether running the operation again, unchanged, may succeed (a lock released, a server back, a
 * conflict gone); `false` when something must change first (a missing database, a permission).
 *
 * @category predicates
 * @since 0.1.0
 */
export const isRetryable = (reason: UnavailableReason): boolean => reasons[reason].retryable

/**
 * The store cannot be used: it cannot be reached or opened, it is locked, or the operation was cut
 * short. Nothing of the operation was written. `reason` says why as one of a closed set
 * ({@link UnavailableReason}), `detail` says it in words with the names involved (the file, the
 * server, the process holding the lock), and `cause` keeps the driver's own words.
 *
 * @category errors
 * @since 0.1.0
 */
export class StoreUnavailable extends DanvanError.TaggedError<StoreUnavailable>()("StoreUnavailable", {
  reason: UnavailableReason,
  detail: Schema.String,
  cause: Schema.optionalKey(Schema.String)
}) {
  override get message(): string {
    const { words, retryable } = reasons[this.reason]
    return `store unavailable (${words}${retryable ? "; a retry may succeed" : ""}): ${this.detail}`
  }
  /** Whether running the operation again, unchanged, may succeed ({@link isRetryable}). */
  get isRetryable(): boolean {
    return isRetryable(this.reason)
  }
}

const systemReasons: { readonly [code: string]: UnavailableReason } = {
  ENOENT: "MissingFolder",
  ENOTDIR: "MissingFolder",
  EACCES: "PermissionDenied",
  EPERM: "PermissionDenied",
  EROFS: "ReadOnly",
  ENOSPC: "DiskFull",
  EDQUOT: "DiskFull",
  EBUSY: "Locked",
  EAGAIN: "Locked",
  ECONNREFUSED: "ConnectionRefused",
  ENOTFOUND: "ConnectionRefused",
  EAI_AGAIN: "ConnectionRefused",
  EHOSTUNREACH: "ConnectionRefused",
  ENETUNREACH: "ConnectionRefused",
  ETIMEDOUT: "ConnectionRefused",
  ECONNRESET: "ConnectionLost",
  EPIPE: "ConnectionLost",
  ECONNABORTED: "ConnectionLost"
}

/**
 * The reason for a Node.js system error (`error.code` such as `ENOENT`, `EACCES`, `ECONNREFUSED`),
 * for adapters over files and sockets; `Unknown` for any other error, and for a value whose
 * `code` cannot be read (it never throws).
 *
 * @category constructors
 * @since 0.1.0
 */
export const reasonOfSystemError = (error: unknown): UnavailableReason => {
  const code = systemCodeOf(error)
  return (code === undefined ? undefined : systemReasons[code]) ?? "Unknown"
}

/** `error.code` if it is a string; `undefined` if not, or if reading it throws (a proxy). */
const systemCodeOf = (error: unknown): string | undefined => Text.untrustedStringField(error, "code")

/**
 * What the store holds cannot be read back as a valid record (a damaged file, a row changed by
 * hand, a database written by a newer version). `location` says where.
 *
 * @category errors
 * @since 0.1.0
 */
export class StoreCorrupt extends DanvanError.TaggedError<StoreCorrupt>()("StoreCorrupt", {
  location: Schema.String,
  reason: Schema.String
}) {
  override get message(): string {
    return `store corrupt at ${this.location}: ${this.reason}`
  }
}

/**
 * Failures any store operation can have.
 *
 * @category errors
 * @since 0.1.0
 */
export type StoreFailure = StoreUnavailable | StoreCorrupt

/**
 * Every store error.
 *
 * @category errors
 * @since 0.1.0
 */
export type StoreError = NotFound | VersionConflict | ConstraintViolation | StoreUnavailable | StoreCorrupt
