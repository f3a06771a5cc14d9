/**
 * The record kinds the in-memory store keeps: for each `StoreError.Entity`, the domain schema its
 * records decode with and the key that identifies a record within its kind.
 *
 * Keys are strings so a change or a snapshot can name any record the same way: the record's id,
 * or for a report revision `<reportId>#<revision>` (ids are printable ASCII, and the revision
 * is read from after the last `#`, so the key is unambiguous).
 *
 * @since 0.1.0
 */
import {
  AuditEntry,
  Contract,
  Coordination,
  Directive,
  DvkModel,
  ModelField,
  Regime,
  Report,
  SteeringCommittee,
  type StoreError,
  Succession,
  Unit,
  ValidationRule
} from "@danvan/core"
import type { Schema } from "effect"

/** The record kinds, as named by the storage port's errors. @since 0.1.0 */
export type Entity = StoreError.Entity

/** The record type of each kind (`Contract.Records`). @since 0.1.0 */
export type Records = Contract.Records

/** How one kind is stored. @since 0.1.0 */
export interface Table<E extends Entity> {
  readonly entity: E
  /** The domain schema: records are encoded with it on the way in and decoded on load. */
  readonly schema: Schema.Codec<Records[E], unknown>
  /** The key of a record within its kind. */
  readonly key: (record: Records[E]) => string
  /** Whether records carry an optimistic-concurrency `version` (audit entries and revisions do not). */
  readonly versioned: boolean
}

/** The key of a report revision (`Contract.revisionKey`). @since 0.1.0 */
export const revisionKey = Contract.revisionKey

const table = <E extends Entity>(
  entity: E,
  schema: Schema.Codec<Records[E], unknown>,
  versioned: boolean
): Table<E> => ({ entity, schema, key: (record) => Contract.keyOf(entity, record), versioned })

/** Every kind, in the order a snapshot lists them (records referred to come first). @since 0.1.0 */
export const tables: { readonly [E in Entity]: Table<E> } = {
  unit: table("unit", Unit.Unit, true),
  succession: table("succession", Succession.Succession, true),
  directive: table("directive", Directive.Directive, true),
  committee: table("committee", SteeringCommittee.SteeringCommittee, true),
  model: table("model", DvkModel.DvkModel, true),
  coordination: table("coordination", Coordination.CoordinationProgramme, true),
  report: table("report", Report.Report, true),
  reportRevision: table("reportRevision", Report.ReportRevision, false),
  modelField: table("modelField", ModelField.ModelField, true),
  regime: table("regime", Regime.ReportingRegime, true),
  validationRule: table("validationRule", ValidationRule.ValidationRule, true),
  audit: table("audit", AuditEntry.AuditEntry, false)
}

/** The kinds in snapshot order. @since 0.1.0 */
export const entities: ReadonlyArray<Entity> = Object.keys(tables) as Array<Entity>

/** Whether a string names a kind. @since 0.1.0 */
export const isEntity = (s: string): s is Entity => Object.hasOwn(tables, s)
