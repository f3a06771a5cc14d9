/**
 * The rules the store enforces on every write (and on every record of a snapshot it loads):
 * references to records that must exist, and values that must be unique. Each check looks at the
 * state as it would be after the write, so records written together may refer to one another.
 *
 * @since 0.1.0
 */
import { Directive, StoreError } from "@danvan/core"
import type { IndexName } from "./Indexes.ts"
import { composite } from "./Indexes.ts"
import type { View } from "./State.ts"
import type { Stored } from "./Stored.ts"
import type { Entity } from "./Tables.ts"

type Violation = StoreError.ConstraintViolation

const violation = (entity: Entity, constraint: string, detail: string): Violation =>
  new StoreError.ConstraintViolation({ entity, constraint, detail })

const missing = (
  view: View,
  from: Stored,
  target: Entity,
  key: string,
  role: string
): Violation | undefined =>
  view.get(target, key) === undefined
    ? violation(
        from.entity,
        `${role} exists`,
        `${from.entity} ${JSON.stringify(from.key)} refers to ${role} ${JSON.stringify(key)}, which does not exist`
      )
    : undefined

const first = <A>(items: ReadonlyArray<A>, check: (a: A) => Violation | undefined): Violation | undefined => {
  for (const item of items) {
    const v = check(item)
    if (v !== undefined) return v
  }
  return undefined
}

/**
 * The first missing reference of a record, if any: a unit's parents; a succession's two ends; the
 * directives a directive replaces; a committee's, model's or report's unit; a model's source
 * model; the parties of a coordination programme; a revision's report.
 *
 * @since 0.1.0
 */
export const references = (view: View, stored: Stored): Violation | undefined => {
  const s = stored as Stored<Entity>
  switch (s.entity) {
    case "unit": {
      const unit = (s as Stored<"unit">).record
      return first(unit.parents, (l) => missing(view, s, "unit", l.parentId, "parent unit"))
    }
    case "succession": {
      const r = (s as Stored<"succession">).record
      return (
        missing(view, s, "unit", r.predecessorId, "predecessor unit") ??
        missing(view, s, "unit", r.successorId, "successor unit")
      )
    }
    case "directive":
      return first((s as Stored<"directive">).record.replaces, (id) =>
        missing(view, s, "directive", id, "replaced directive")
      )
    case "committee":
      return missing(view, s, "unit", (s as Stored<"committee">).record.unitId, "unit")
    case "model": {
      const m = (s as Stored<"model">).record
      return (
        missing(view, s, "unit", m.unitId, "unit") ??
        (m.replicaOf === undefined ? undefined : missing(view, s, "model", m.replicaOf, "source model"))
      )
    }
    case "coordination":
      return first((s as Stored<"coordination">).record.parties, (id) =>
        missing(view, s, "unit", id, "party unit")
      )
    case "report":
      return missing(view, s, "unit", (s as Stored<"report">).record.unitId, "unit")
    case "reportRevision":
      return missing(view, s, "report", (s as Stored<"reportRevision">).record.reportId, "report")
    default:
      return undefined
  }
}

const unique = (
  view: View,
  stored: Stored,
  index: IndexName,
  value: string,
  constraint: string,
  what: string
): Violation | undefined => {
  for (const key of view.lookup(index, value)) {
    if (key !== stored.key) {
      return violation(
        stored.entity,
        constraint,
        `${stored.entity} ${JSON.stringify(stored.key)} has ${what}, already used by ${stored.entity} ${JSON.stringify(key)}`
      )
    }
  }
  return undefined
}

/**
 * The first uniqueness rule a record breaks, if any: a directive's document number within its
 * numbering scope (`Directive.numberingKey`: per issuing unit, and per year for state documents, Decree
 * 30/2020/NĐ-CP, Appendix III; per type and Party committee term for Party documents, Guidance
 * 36-HD/VPTW), and one report per unit, period and programme.
 *
 * @since 0.1.0
 */
export const uniqueness = (view: View, stored: Stored): Violation | undefined => {
  switch (stored.entity) {
    case "directive": {
      const d = (stored as Stored<"directive">).record
      return unique(
        view,
        stored,
        "directiveNumbering",
        Directive.numberingKey(d),
        "unique document number",
        "a document number already used in the same numbering scope (same issuing unit, number, type and issuer in the same year or Party term)"
      )
    }
    case "report": {
      const r = (stored as Stored<"report">).record
      return unique(
        view,
        stored,
        "reportSlot",
        composite(r.unitId, r.periodId, r.programme),
        "one report per unit, period and programme",
        `the unit ${r.unitId}, period ${r.periodId} and programme ${r.programme}`
      )
    }
    default:
      return undefined
  }
}

/** A record violates a rule, else `undefined`. @since 0.1.0 */
export const check = (view: View, stored: Stored): Violation | undefined =>
  references(view, stored) ?? uniqueness(view, stored)

/** The violation for a key already taken by another record. @since 0.1.0 */
export const duplicateKey = (entity: Entity, key: string): Violation =>
  violation(entity, "unique id", `a ${entity} with id ${JSON.stringify(key)} already exists`)
