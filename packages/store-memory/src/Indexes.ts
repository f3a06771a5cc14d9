/**
 * Secondary indexes: for each, the kind it indexes and the index values of a record. A query asks
 * an index for the keys of the records with a value instead of scanning the whole kind.
 *
 * @since 0.1.0
 */
import { Contract, Directive } from "@danvan/core"
import type { Entity, Records } from "./Tables.ts"

/** @since 0.1.0 */
export interface IndexDef<E extends Entity> {
  readonly entity: E
  readonly values: (record: Records[E]) => ReadonlyArray<string>
}

const index = <E extends Entity>(
  entity: E,
  values: (record: Records[E]) => ReadonlyArray<string>
): IndexDef<E> => ({
  entity,
  values
})

const distinct = (values: ReadonlyArray<string>): ReadonlyArray<string> =>
  values.length < 2 ? values : [...new Set(values)]

/** Joins the parts of a composite index value (ids hold no spaces). @since 0.1.0 */
export const composite = (...parts: ReadonlyArray<string>): string => parts.join(" ")

/** Every secondary index. @since 0.1.0 */
export const indexes = {
  /** Units by every parent they have ever had (the "as of" filter is applied on top). */
  unitParent: index("unit", (u) => distinct(u.parents.map((l) => l.parentId))),
  unitCode: index("unit", (u) => (u.code === undefined ? [] : [u.code])),
  successionPredecessor: index("succession", (s) => [s.predecessorId]),
  successionSuccessor: index("succession", (s) => [s.successorId]),
  /** The uniqueness scope of a document number (the contract's unique value, `Contract.uniqueKeys`). */
  directiveNumbering: index("directive", (d) => Contract.uniqueKeys("directive", d).map((k) => k.value)),
  /** What `findByNumber` matches on (`Directive.numberMatchKey`). */
  directiveNumber: index("directive", (d) => [Directive.numberMatchKey(d)]),
  directiveReplaces: index("directive", (d) => distinct(d.replaces)),
  committeeUnit: index("committee", (c) => [c.unitId]),
  modelUnit: index("model", (m) => [m.unitId]),
  modelReplicaOf: index("model", (m) => (m.replicaOf === undefined ? [] : [m.replicaOf])),
  coordinationParty: index("coordination", (c) => distinct(c.parties)),
  reportUnit: index("report", (r) => [r.unitId]),
  reportPeriodProgramme: index("report", (r) => [composite(r.periodId, r.programme)]),
  /** One report per unit, period and programme (`Contract.reportSlot`). */
  reportSlot: index("report", (r) => [Contract.reportSlot(r)]),
  revisionReport: index("reportRevision", (r) => [r.reportId]),
  auditSubject: index("audit", (e) => [e.subjectId]),
  auditActorUnit: index("audit", (e) => [e.actor.unitId])
} as const

/** @since 0.1.0 */
export type IndexName = keyof typeof indexes

const byEntity = new Map<Entity, Array<IndexName>>()
for (const name of Object.keys(indexes) as Array<IndexName>) {
  const list = byEntity.get(indexes[name].entity)
  if (list === undefined) byEntity.set(indexes[name].entity, [name])
  else list.push(name)
}

/** The indexes of each kind. @since 0.1.0 */
export const indexesOf = (entity: Entity): ReadonlyArray<IndexName> => byEntity.get(entity) ?? []

/** The values a record has in an index. @since 0.1.0 */
export const valuesOf = (name: IndexName, record: unknown): ReadonlyArray<string> =>
  (indexes[name].values as (r: unknown) => ReadonlyArray<string>)(record)
