/**
 * The errors every storage adapter reports, so use cases and apps can tell them apart whatever the
 * store: a missing record, a stale write, a violated constraint, and a store that cannot be used.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import * as DanvanError from "../kernel/DanvanError.ts"

/** The kinds of record a store keeps. @since 0.1.0 */
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
/** @since 0.1.0 */
export type Entity = typeof Entity.Type

/** No record of that kind has that id. @since 0.1.0 */
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
 * A write would break a rule the store enforces: a duplicate id, a duplicate document number, a
 * reference to a missing record. Nothing was written.
 *
 * @since 0.1.0
 */
export class ConstraintViolation extends DanvanError.TaggedError<ConstraintViolation>()(
  "ConstraintViolation",
  {
    entity: Entity,
    constraint: Schema.String,
    detail: Schema.String
  }
) {
  override get message(): string {
    return `${this.entity}: ${this.constraint} violated: ${this.detail}`
  }
}

/** The store cannot be reached or opened (a locked file, a down server). @since 0.1.0 */
export class StoreUnavailable extends DanvanError.TaggedError<StoreUnavailable>()("StoreUnavailable", {
  reason: Schema.String,
  cause: Schema.optionalKey(Schema.String)
}) {
  override get message(): string {
    return `store unavailable: ${this.reason}`
  }
}

/**
 * What the store holds cannot be read back as a valid record (a damaged file, a row changed by
 * hand, a database written by a newer version). `location` says where.
 *
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

/** Failures any store operation can have. @since 0.1.0 */
export type StoreFailure = StoreUnavailable | StoreCorrupt

/** Every store error. @since 0.1.0 */
export type StoreError = NotFound | VersionConflict | ConstraintViolation | StoreUnavailable | StoreCorrupt
