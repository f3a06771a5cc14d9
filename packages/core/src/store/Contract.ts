/**
 * The storage contract as one executable definition: for a record, which records it refers to
 * (and the rule a missing one breaks), which of its values must be unique, and the order in which
 * a store checks them. Every adapter enforces its constraints with this module, or diagnoses a
 * refusal of its database with it, so every adapter refuses the same writes with the same
 * {@link StoreError.ConstraintName}; the conformance suite's reference model checks with it too.
 *
 * The module is pure: a store hands it a {@link View} of what it holds (which keys exist, which
 * records hold a unique value) and the records a write stores, and gets the first
 * `ConstraintViolation` back, or `undefined`.
 *
 * The order is part of the contract, so that a write breaking several rules is refused with the
 * same one everywhere: first a key already taken by an inserted record (in the order given), then,
 * record by record, its references in the order {@link references} lists them, then its unique
 * values ({@link uniqueKeys}). References and unique values are checked against the state as it
 * would be after the write, so records written together may refer to one another.
 *
 * @example Checking a write against an empty store
 * ```ts
 * import { Contract, Unit } from "@danvan/core"
 * import { Schema } from "effect"
 *
 * const commune = Schema.decodeUnknownSync(Unit.Unit)({
 *   id: "vn-14533", type: "commune", name: "Trường Yên", code: "14533", validFrom: "2025-07-01",
 *   parents: [{ parentId: "vn-37", from: "2025-07-01" }], version: 0
 * })
 *
 * // What a unit refers to: its parents, each under the rule "parent unit exists".
 * console.log(Contract.references("unit", commune).map((r) => `${r.entity} ${r.id}: ${r.constraint}`))
 * // ["unit vn-37: parent unit exists"]
 *
 * // Against an empty store the parent is missing, so the insert is refused.
 * const empty: Contract.View = { has: () => false, holders: () => [] }
 * const refused = Contract.check(empty, [Contract.write("unit", [commune], true)])
 * console.log(refused?.constraint) // "parent unit exists"
 *
 * // The same insert with its parent in the store passes.
 * const withProvince: Contract.View = { has: (entity, key) => entity === "unit" && key === "vn-37", holders: () => [] }
 * console.log(Contract.check(withProvince, [Contract.write("unit", [commune], true)])) // undefined
 * ```
 *
 * @since 0.1.0
 */
import type * as AuditEntry from "../audit/AuditEntry.ts"
import type * as Regime from "../calendar/Regime.ts"
import type * as SteeringCommittee from "../committee/SteeringCommittee.ts"
import * as Directive from "../directive/Directive.ts"
import * as DocumentNumber from "../directive/DocumentNumber.ts"
import type * as Programme from "../kernel/Programme.ts"
import type * as Coordination from "../model/Coordination.ts"
import type * as DvkModel from "../model/DvkModel.ts"
import type * as ModelField from "../model/ModelField.ts"
import type * as Report from "../report/Report.ts"
import type * as ValidationRule from "../report/ValidationRule.ts"
import type * as Succession from "../unit/Succession.ts"
import type * as Unit from "../unit/Unit.ts"
import { type ConstraintName, ConstraintViolation, type Entity } from "./StoreError.ts"

/**
 * The record type of each kind a store keeps.
 *
 * @category models
 * @since 0.1.0
 */
export interface Records {
  readonly unit: Unit.Unit
  readonly succession: Succession.Succession
  readonly directive: Directive.Directive
  readonly committee: SteeringCommittee.SteeringCommittee
  readonly model: DvkModel.DvkModel
  readonly coordination: Coordination.CoordinationProgramme
  readonly report: Report.Report
  readonly reportRevision: Report.ReportRevision
  readonly modelField: ModelField.ModelField
  readonly regime: Regime.ReportingRegime
  readonly validationRule: ValidationRule.ValidationRule
  readonly audit: AuditEntry.AuditEntry
}

/**
 * The key of a report revision: `<reportId>#<revision>` (ids are printable ASCII and the revision
 * is read after the last `#`, so the key is unambiguous). It is the `id` of a revision's
 * `NotFound`.
 *
 * @category conversions
 * @since 0.1.0
 */
export const revisionKey = (reportId: string, revision: number): string => `${reportId}#${revision}`

/**
 * The key that identifies a record within its kind: its id, or for a report revision
 * {@link revisionKey}.
 *
 * @category conversions
 * @since 0.1.0
 */
export const keyOf = <E extends Entity>(entity: E, record: Records[E]): string =>
  entity === "reportRevision"
    ? revisionKey(
        (record as Records["reportRevision"]).reportId,
        (record as Records["reportRevision"]).revision
      )
    : (record as { readonly id: string }).id

/**
 * The rule a second record with the same key breaks: `unique revision per report` for a report
 * revision, `unique id` for every other kind.
 *
 * @category conversions
 * @since 0.1.0
 */
export const identity = (entity: Entity): ConstraintName =>
  entity === "reportRevision" ? "unique revision per report" : "unique id"

/**
 * A record another one refers to: its kind and key, the role it plays (`parent unit`), and the
 * rule the write breaks when it does not exist.
 *
 * @category models
 * @since 0.1.0
 */
export interface Reference {
  readonly entity: Entity
  readonly id: string
  readonly role: string
  readonly constraint: ConstraintName
}

const ref = (entity: Entity, id: string, role: string, constraint: ConstraintName): Reference => ({
  entity,
  id,
  role,
  constraint
})

/**
 * The kinds that refer to exactly one record: the field naming it and the rule's words, defined
 * once for {@link references} and for the import's check of one reference per record.
 */
const soleReferences: {
  readonly [K in "committee" | "report" | "reportRevision"]: {
    readonly entity: Entity
    readonly id: (record: Records[K]) => string
    readonly role: string
    readonly constraint: ConstraintName
  }
} = {
  committee: { entity: "unit", id: (c) => c.unitId, role: "unit", constraint: "unit exists" },
  report: { entity: "unit", id: (r) => r.unitId, role: "unit", constraint: "unit exists" },
  reportRevision: { entity: "report", id: (r) => r.reportId, role: "report", constraint: "report exists" }
}

type SoleKind = keyof typeof soleReferences

const soleOf = (entity: Entity) =>
  entity === "committee" || entity === "report" || entity === "reportRevision"
    ? (soleReferences[entity] as (typeof soleReferences)[SoleKind] & { id: (record: unknown) => string })
    : undefined

/**
 * What a record refers to, in the order a store checks them: a unit's parents; a succession's
 * predecessor, then its successor; the directives a directive replaces; a committee's, model's or
 * report's unit, then a model's source model; the parties of a coordination programme; a
 * revision's report. Other kinds refer to nothing the store checks.
 *
 * @category rules
 * @since 0.1.0
 */
export const references = <E extends Entity>(entity: E, record: Records[E]): ReadonlyArray<Reference> => {
  switch (entity) {
    case "unit":
      return (record as Records["unit"]).parents.map((l) =>
        ref("unit", l.parentId, "parent unit", "parent unit exists")
      )
    case "succession": {
      const s = record as Records["succession"]
      return [
        ref("unit", s.predecessorId, "predecessor unit", "predecessor unit exists"),
        ref("unit", s.successorId, "successor unit", "successor unit exists")
      ]
    }
    case "directive":
      return (record as Records["directive"]).replaces.map((id) =>
        ref("directive", id, "replaced directive", "replaced directive exists")
      )
    case "model": {
      const m = record as Records["model"]
      return [
        ref("unit", m.unitId, "unit", "unit exists"),
        ...(m.replicaOf === undefined
          ? []
          : [ref("model", m.replicaOf, "source model", "source model exists")])
      ]
    }
    case "coordination":
      return (record as Records["coordination"]).parties.map((id) =>
        ref("unit", id, "party unit", "party unit exists")
      )
    default: {
      const sole = soleOf(entity)
      return sole === undefined ? [] : [ref(sole.entity, sole.id(record), sole.role, sole.constraint)]
    }
  }
}

/**
 * The first of a record's {@link references} for which `exists` is false, or `undefined`. The
 * kinds with one reference (a report's unit, a revision's report, a committee's unit) are asked
 * without building the list: an import checks one per record, hundreds of thousands in a batch.
 */
const firstMissing = <E extends Entity>(
  entity: E,
  record: Records[E],
  exists: (entity: Entity, key: string) => boolean
): Reference | undefined => {
  const sole = soleOf(entity)
  if (sole !== undefined) {
    const id = sole.id(record)
    return exists(sole.entity, id) ? undefined : ref(sole.entity, id, sole.role, sole.constraint)
  }
  for (const reference of references(entity, record)) {
    if (!exists(reference.entity, reference.id)) return reference
  }
  return undefined
}

/**
 * A directive's document number in its numbering scope: `value` is `Directive.numberingKey`, the
 * one key of `DocumentNumber` for it (per issuing unit; per year for state documents, Decree
 * 30/2020/NĐ-CP, Appendix III; per type and Party committee term for Party documents, Guidance
 * 36-HD/VPTW).
 *
 * @category models
 * @since 0.1.0
 */
export interface DocumentNumberKey {
  readonly _tag: "DocumentNumber"
  readonly entity: "directive"
  readonly constraint: "unique document number"
  readonly value: string
  readonly number: DocumentNumber.DocumentNumber
  readonly issuedBy: Directive.IssuedBy
}

/**
 * A report's slot: one report per unit, reporting period and programme. `value` is
 * {@link reportSlot}.
 *
 * @category models
 * @since 0.1.0
 */
export interface ReportSlotKey {
  readonly _tag: "ReportSlot"
  readonly entity: "report"
  readonly constraint: "one report per unit, period and programme"
  readonly value: string
  readonly unitId: string
  readonly periodId: string
  readonly programme: Programme.Programme
}

/**
 * A value no two records of a kind may share. `value` is a string: two records collide exactly
 * when their values are equal, so a store can index or look up by it.
 *
 * @category models
 * @since 0.1.0
 */
export type UniqueKey = DocumentNumberKey | ReportSlotKey

/**
 * The value of a report's slot, for one unit, period and programme (what `ReportRepository.find`
 * looks up).
 *
 * @category conversions
 * @since 0.1.0
 */
export const reportSlot = (slot: {
  readonly unitId: string
  readonly periodId: string
  readonly programme: Programme.Programme
}): string => JSON.stringify([slot.unitId, slot.periodId, slot.programme])

/** The unique values of a kind that has none: one list, not a new one per record checked. */
const none: ReadonlyArray<UniqueKey> = Object.freeze([])

/**
 * The values of a record that must be unique among the records of its kind (besides its key): a
 * directive's document number in its numbering scope, a report's slot.
 *
 * @category rules
 * @since 0.1.0
 */
export const uniqueKeys = <E extends Entity>(entity: E, record: Records[E]): ReadonlyArray<UniqueKey> => {
  switch (entity) {
    case "directive": {
      const d = record as Records["directive"]
      return [
        {
          _tag: "DocumentNumber",
          entity: "directive",
          constraint: "unique document number",
          value: Directive.numberingKey(d),
          number: d.number,
          issuedBy: d.issuedBy
        }
      ]
    }
    case "report": {
      const r = record as Records["report"]
      return [
        {
          _tag: "ReportSlot",
          entity: "report",
          constraint: "one report per unit, period and programme",
          value: reportSlot(r),
          unitId: r.unitId,
          periodId: r.periodId,
          programme: r.programme
        }
      ]
    }
    default:
      return none
  }
}

const words: { readonly [E in Entity]: string } = {
  unit: "unit",
  succession: "succession",
  directive: "directive",
  committee: "committee",
  model: "model",
  coordination: "coordination programme",
  report: "report",
  reportRevision: "revision",
  modelField: "model field",
  regime: "reporting regime",
  validationRule: "validation rule",
  audit: "audit entry"
}

const quote = (s: string): string => JSON.stringify(s)

/**
 * The violation for a key already taken: by a stored record, or by an earlier record of the same
 * batch.
 *
 * @category violations
 * @since 0.1.0
 */
export const duplicate = <E extends Entity>(entity: E, record: Records[E]): ConstraintViolation => {
  if (entity === "reportRevision") {
    const r = record as Records["reportRevision"]
    return new ConstraintViolation({
      entity,
      constraint: identity(entity),
      detail: `report ${quote(r.reportId)} already has a revision ${r.revision}; earlier revisions are never overwritten`
    })
  }
  return new ConstraintViolation({
    entity,
    constraint: identity(entity),
    detail: `a ${words[entity]} with the id ${quote(keyOf(entity, record))} already exists`
  })
}

/**
 * The violation for a reference to a record that does not exist.
 *
 * @category violations
 * @since 0.1.0
 */
export const missing = (entity: Entity, key: string, reference: Reference): ConstraintViolation =>
  new ConstraintViolation({
    entity,
    constraint: reference.constraint,
    detail: `${words[entity]} ${quote(key)} refers to the ${reference.role} ${quote(reference.id)}, which does not exist`
  })

/**
 * The violation for a unique value another record already holds.
 *
 * @category violations
 * @since 0.1.0
 */
export const taken = (key: string, unique: UniqueKey, holder: string): ConstraintViolation =>
  new ConstraintViolation({
    entity: unique.entity,
    constraint: unique.constraint,
    detail:
      unique._tag === "DocumentNumber"
        ? `the number ${DocumentNumber.format(unique.number)} of directive ${quote(key)} is already used by directive ${quote(holder)} in the same numbering scope (${unique.issuedBy._tag === "Unit" ? `issued by unit ${quote(unique.issuedBy.unitId)}` : "issued by the centre"}, ${unique.number._tag === "State" ? "calendar year" : "Party committee term"})`
        : `unit ${quote(unique.unitId)} already has report ${quote(holder)} for period ${unique.periodId} under ${unique.programme}, so report ${quote(key)} cannot take its place`
  })

/**
 * A report update's new revision must be a revision of that report.
 *
 * @category violations
 * @since 0.1.0
 */
export const revisionOf = (
  report: Pick<Report.Report, "id">,
  revision: Pick<Report.ReportRevision, "reportId">
): ConstraintViolation | undefined =>
  revision.reportId === report.id
    ? undefined
    : new ConstraintViolation({
        entity: "reportRevision",
        constraint: "revision belongs to the updated report",
        detail: `the new revision belongs to report ${quote(revision.reportId)}, not to ${quote(report.id)}`
      })

/**
 * The ids of an import's reports, as a store that has them keyed already passes them to
 * {@link revisionsOf} (a `Set` or a `Map` by id): no second set is built over a province's reports.
 *
 * @category models
 * @since 0.1.0
 */
export interface ReportIds {
  readonly has: (id: string) => boolean
}

/**
 * The first revision of an import (`ReportRepository.insertMany`) that does not belong to one of
 * the imported reports: an import brings reports with their own histories, and a stored report
 * gains revisions only through an update that checks its version.
 *
 * @category violations
 * @since 0.1.0
 */
export const revisionsOf = (
  reports: ReadonlyArray<Pick<Report.Report, "id">> | ReportIds,
  revisions: ReadonlyArray<Pick<Report.ReportRevision, "reportId" | "revision">>
): ConstraintViolation | undefined => {
  if (revisions.length === 0) return undefined
  const ids: ReportIds = Array.isArray(reports)
    ? new Set<string>((reports as ReadonlyArray<Pick<Report.Report, "id">>).map((r) => r.id))
    : (reports as ReportIds)
  const foreign = revisions.find((r) => !ids.has(r.reportId))
  return foreign === undefined
    ? undefined
    : new ConstraintViolation({
        entity: "reportRevision",
        constraint: "revision belongs to the updated report",
        detail: `revision ${foreign.revision} belongs to report ${quote(foreign.reportId)}, which is not among the imported reports; a stored report gains revisions only through an update`
      })
}

/**
 * The writes of an import of reports with their revisions (`ReportRepository.insertMany`), in
 * the order the contract checks them.
 *
 * @category constructors
 * @since 0.1.0
 */
export const reportImport = (
  reports: ReadonlyArray<Report.Report>,
  revisions: ReadonlyArray<Report.ReportRevision>
): ReadonlyArray<Write> => [write("report", reports, true), write("reportRevision", revisions, true)]

/**
 * Only a report never submitted (a draft at revision 0) can be removed, so that every submitted
 * revision stays readable (docs/rules.md, report workflow).
 *
 * @category violations
 * @since 0.1.0
 */
export const removable = (
  report: Pick<Report.Report, "id" | "status" | "revision">
): ConstraintViolation | undefined =>
  report.status === "draft" && report.revision === 0
    ? undefined
    : new ConstraintViolation({
        entity: "report",
        constraint: "only a never-submitted draft can be removed",
        detail: `report ${quote(report.id)} is ${report.status} at revision ${report.revision}; only a draft never submitted (revision 0) can be removed, so that every submitted revision stays readable`
      })

/**
 * What a store holds before a write, as the checks need it.
 *
 * @category models
 * @since 0.1.0
 */
export interface View {
  /** Whether a record of the kind has the key ({@link keyOf}). */
  readonly has: (entity: Entity, key: string) => boolean
  /** The keys of the records of `unique.entity` whose unique value is `unique.value`. */
  readonly holders: (unique: UniqueKey) => Iterable<string>
}

/**
 * Records a write stores: inserted (new keys) or updated (keys the store has).
 *
 * @category models
 * @since 0.1.0
 */
export interface Write<E extends Entity = Entity> {
  readonly entity: E
  readonly records: ReadonlyArray<Records[E]>
  readonly insert: boolean
  /**
   * Each record's {@link keyOf}, in order, when the store has worked them out already (the
   * in-memory engine keys every record it copies): `check` then builds none (a revision's key is a
   * new string). Left out, `check` works them out.
   */
  readonly keys?: ReadonlyArray<string> | undefined
}

/**
 * A write of `records` of one kind, typed by the kind.
 *
 * @category constructors
 * @since 0.1.0
 */
export const write = <E extends Entity>(
  entity: E,
  records: ReadonlyArray<Records[E]>,
  insert: boolean,
  keys?: ReadonlyArray<string>
): Write => (keys === undefined ? { entity, records, insert } : { entity, records, insert, keys }) as Write

/**
 * The first rule a write breaks against what the store holds before it, in the contract's order
 * (see the module's comment), or `undefined` when the store may apply it.
 *
 * @category rules
 * @since 0.1.0
 */
export const check = (view: View, writes: ReadonlyArray<Write>): ConstraintViolation | undefined => {
  // Each record's key and unique values are worked out once, in the first pass, and reused by the
  // others: an import checks hundreds of thousands of records in one batch, so the passes keep to
  // one set operation per key and build no list where one holder is the rule (docs/benchmarks.md,
  // "In-memory import: fewer hash operations per record", sixth pass).
  const keys = writes.map((w) => w.keys ?? w.records.map((r) => keyOf(w.entity, r)))
  const written = new Map<Entity, Set<string>>()
  for (let i = 0; i < writes.length; i++) {
    const w = writes[i]!
    const ks = keys[i]!
    let seen = written.get(w.entity)
    if (seen === undefined) {
      seen = new Set<string>()
      written.set(w.entity, seen)
    }
    if (!w.insert) {
      for (const key of ks) seen.add(key)
      continue
    }
    for (let j = 0; j < ks.length; j++) {
      const key = ks[j]!
      // Added first: a key the batch already had leaves the set's size as it was.
      const size = seen.size
      seen.add(key)
      if (seen.size === size || view.has(w.entity, key)) return duplicate(w.entity, w.records[j]!)
    }
  }
  const uniques = writes.map((w) => w.records.map((r) => uniqueKeys(w.entity, r)))
  // By kind, then value: the key holding it, or the keys when the batch has more than one.
  const holders = new Map<Entity, Map<string, string | Array<string>>>()
  for (let i = 0; i < writes.length; i++) {
    const us = uniques[i]!
    const ks = keys[i]!
    for (let j = 0; j < us.length; j++) {
      for (const u of us[j]!) {
        let byValue = holders.get(u.entity)
        if (byValue === undefined) {
          byValue = new Map()
          holders.set(u.entity, byValue)
        }
        const held = byValue.get(u.value)
        if (held === undefined) byValue.set(u.value, ks[j]!)
        else if (typeof held === "string") byValue.set(u.value, [held, ks[j]!])
        else held.push(ks[j]!)
      }
    }
  }
  const exists = (entity: Entity, key: string): boolean =>
    (written.get(entity)?.has(key) ?? false) || view.has(entity, key)
  const otherHolder = (key: string, unique: UniqueKey): string | undefined => {
    const held = holders.get(unique.entity)?.get(unique.value)
    if (typeof held === "string") {
      if (held !== key) return held
    } else if (held !== undefined) {
      for (const k of held) if (k !== key) return k
    }
    const rewritten = written.get(unique.entity)
    for (const k of view.holders(unique)) if (k !== key && !rewritten?.has(k)) return k
    return undefined
  }
  for (let i = 0; i < writes.length; i++) {
    const w = writes[i]!
    const ks = keys[i]!
    const us = uniques[i]!
    for (let j = 0; j < w.records.length; j++) {
      const key = ks[j]!
      const absent = firstMissing(w.entity, w.records[j]!, exists)
      if (absent !== undefined) return missing(w.entity, key, absent)
      for (const unique of us[j]!) {
        const holder = otherHolder(key, unique)
        if (holder !== undefined) return taken(key, unique, holder)
      }
    }
  }
  return undefined
}

/**
 * The first rule a record breaks against a state that already holds it (a store being loaded
 * from a snapshot): a missing reference, or a unique value another record holds.
 *
 * @category rules
 * @since 0.1.0
 */
export const checkStored = <E extends Entity>(
  view: View,
  entity: E,
  record: Records[E]
): ConstraintViolation | undefined => check(view, [write(entity, [record], false)])
