/**
 * What a rule finds wrong, as plain tagged data: a violation is a value, not an error.
 *
 * The pure rules (`Hierarchy.validate`, `CommitteeRules.validate`, `FiguresRules.check`, …) return
 * every problem they find as a list of violations, the way Effect's schemas describe what failed
 * to decode as `SchemaIssue` values. A violation is a `Schema.TaggedClass`: its `_tag` tells the
 * kinds apart, its fields say what is wrong with which record, two violations with the same fields
 * are `Equal`, and it has no stack trace, because nothing failed yet. Each kind derives its
 * `message` in plain words from its fields, with the one function given where the kind is
 * defined, and prints it: `String(v)` is `NoHead: … has no head …`, `JSON.stringify(v)` carries
 * `message`, and `console.log(v)` shows it with the fields.
 *
 * The error comes at the boundary: an operation that must refuse (a use case, or a rule operation
 * that returns a changed record such as `CommitteeRules.appoint`) fails with ONE error of its
 * own, a `DanvanError.TaggedError` whose `violations` field carries the whole list
 * (`CommitteeRules.InvalidCommittee`, `Units.InvalidUnits`, …), as `Schema.SchemaError` carries
 * its `issue`. An app catches that one tag and lists `error.violations`, each with its own `_tag`
 * and fields.
 *
 * @example Defining a kind of violation
 * ```ts
 * import { Violation } from "@danvan/core"
 * import { Schema } from "effect"
 *
 * class TooFewParties extends Violation.TaggedClass<TooFewParties>()(
 *   "TooFewParties",
 *   { programme: Schema.String, parties: Schema.Int },
 *   (v) => `${v.programme} needs at least two parties, and has ${v.parties}`
 * ) {}
 *
 * const violation = new TooFewParties({ programme: "phối hợp 01", parties: 1 })
 * console.log(String(violation)) // TooFewParties: phối hợp 01 needs at least two parties, and has 1
 * console.log(Violation.isViolation(violation)) // true
 * ```
 *
 * @since 0.1.0
 */
import { Predicate, Schema } from "effect"
import { NodeInspectSymbol } from "effect/Inspectable"

const TypeId = "~@danvan/core/Violation"

/**
 * What every violation has: a `_tag` naming its kind and a `message` in plain words.
 *
 * @category models
 * @since 0.1.0
 */
export interface Violation {
  readonly _tag: string
  readonly message: string
}

/**
 * What a violation class adds to its fields: the message and the ways of printing it.
 *
 * @category models
 * @since 0.1.0
 */
export interface Printable extends Violation {
  readonly [TypeId]: typeof TypeId
  toString(): string
  toJSON(): object
}

/**
 * Whether a value is a violation made with {@link TaggedClass}.
 *
 * @category guards
 * @since 0.1.0
 */
export const isViolation = (u: unknown): u is Printable => Predicate.hasProperty(u, TypeId)

/**
 * Defines a kind of violation: a `Schema.TaggedClass` with `tag` and `fields`, whose `message` is
 * `message` applied to the instance's fields. The class is a schema (so an error can carry a list
 * of violations as a field and be encoded), and its instances print their message with `String`,
 * `JSON.stringify` and `console.log`.
 *
 * @example
 * ```ts
 * import { CalendarDate, Violation } from "@danvan/core"
 * import { Schema } from "effect"
 *
 * class EndsBeforeStart extends Violation.TaggedClass<EndsBeforeStart>()(
 *   "EndsBeforeStart",
 *   { from: CalendarDate.CalendarDate, until: CalendarDate.CalendarDate },
 *   (v) => `it ends on ${v.until}, which is not after it starts (${v.from})`
 * ) {}
 *
 * const v = new EndsBeforeStart({ from: CalendarDate.make(2025, 7, 1), until: CalendarDate.make(2025, 6, 30) })
 * console.log(JSON.stringify(v))
 * // {"_tag":"EndsBeforeStart","message":"it ends on 2025-06-30, which is not after it starts (2025-07-01)","from":"2025-07-01","until":"2025-06-30"}
 * ```
 *
 * @category constructors
 * @since 0.1.0
 */
export const TaggedClass =
  <Self>(identifier?: string) =>
  <Tag extends string, const Fields extends Schema.Struct.Fields>(
    tag: Tag,
    fields: Fields,
    message: (violation: Schema.Struct.Type<Fields>) => string
  ): Schema.Class<Self, Schema.TaggedStruct<Tag, Fields>, Printable> => {
    const Base = Schema.TaggedClass<Self>(identifier)(tag, fields) as unknown as new (
      ...args: ReadonlyArray<unknown>
    ) => { readonly _tag: string }
    class Kind extends Base {
      declare readonly [TypeId]: typeof TypeId
      get message(): string {
        return message(this as unknown as Schema.Struct.Type<Fields>)
      }
      override toString(): string {
        return `${this._tag}: ${this.message}`
      }
      toJSON(): object {
        const { _tag, [TypeId]: _, ...rest } = this as unknown as Record<PropertyKey, unknown>
        return { _tag, message: this.message, ...rest }
      }
      [NodeInspectSymbol](): unknown {
        return this.toJSON()
      }
    }
    // The brand is not a field: keep it out of `Object.keys`, equality and encoding.
    Object.defineProperty(Kind.prototype, TypeId, { value: TypeId, enumerable: false })
    return Kind as unknown as Schema.Class<Self, Schema.TaggedStruct<Tag, Fields>, Printable>
  }

/**
 * The messages of a list of violations in one line, each followed by the next after "; ": how a
 * boundary error says everything that is wrong.
 *
 * @example
 * ```ts
 * import { Regime, Violation } from "@danvan/core"
 *
 * const lenient = { ...Regime.defaults.party, deadlines: { grassroots: 9, commune: 3, district: 5, province: 7 } }
 * console.log(Violation.format(Regime.validate(lenient)))
 * // in regime party-calendar-months the grassroots level is due 9 working days after …
 * ```
 *
 * @category formatting
 * @since 0.1.0
 */
export const format = (violations: ReadonlyArray<Violation>): string =>
  violations.map((v) => v.message).join("; ")
