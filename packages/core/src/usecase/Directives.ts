/**
 * Use cases of directives (văn bản chỉ đạo): register a directive and ask which were in force on
 * a date.
 *
 * The store refuses a document number already used in the same numbering scope (state documents:
 * per year, Decree 30/2020/NĐ-CP; Party documents: per type and committee term, Hướng dẫn
 * 36-HD/VPTW) and a replacement of a directive it does not hold, so a registration either keeps
 * the register consistent or changes nothing. "In force on D" follows `Directive.inForceOn`: a
 * replacement ends its predecessor from its own effective date.
 *
 * @since 0.1.0
 */
import { Effect, Option, Schema, Struct } from "effect"
import type { Actor } from "../access/Actor.ts"
import { Directive } from "../directive/Directive.ts"
import * as DirectiveRules from "../directive/DirectiveRules.ts"
import * as DocumentNumber from "../directive/DocumentNumber.ts"
import * as CalendarDate from "../kernel/CalendarDate.ts"
import * as Ids from "../kernel/Ids.ts"
import { DirectiveProgramme } from "../kernel/Programme.ts"
import { DirectiveRepository } from "../store/DirectiveRepository.ts"
import { today } from "./Access.ts"
import { record } from "./Audit.ts"
import { decode, InvalidInput } from "./Errors.ts"
import { inTransaction } from "./Transaction.ts"

/**
 * A directive to register; the id may be left to `Ids.random("directive")`.
 *
 * @since 0.1.0
 */
export const RegisterDirectiveInput = Directive.mapFields((fields) => ({
  ...Struct.omit(fields, ["version", "id"]),
  id: Schema.optionalKey(Ids.DirectiveId)
}))
/** @since 0.1.0 */
export type RegisterDirectiveInput = typeof RegisterDirectiveInput.Encoded

/**
 * The rules a new directive breaks, on its own (`DirectiveRules.validateDirective`) and as a link of
 * the replacement chains it joins (`DirectiveRules.validateReplacements` over the directive, those
 * it replaces and the other directives that replace them); only the violations that concern the
 * new directive, since the stored ones were checked when they were registered. A missing replaced
 * directive and a duplicate id are left to the store, which refuses them.
 */
const violationsOf = (directive: Directive) =>
  Effect.gen(function* () {
    const repository = yield* DirectiveRepository
    const replaced = [...new Set(directive.replaces)].filter((id) => id !== directive.id)
    const neighbours: Array<Directive> = []
    for (const id of replaced) {
      neighbours.push(...(yield* Effect.option(repository.get(id))).pipe(Option.toArray))
      neighbours.push(...(yield* repository.replacementsOf(id)))
    }
    const concerns = (v: DirectiveRules.ReplacementViolation): boolean => {
      switch (v._tag) {
        case "ReplacementCycle":
          return v.cycle.includes(directive.id)
        case "ReplacedTwice":
          return v.replacedBy.includes(directive.id)
        case "ReplacementOutOfOrder":
          return v.directiveId === directive.id
        // The store reports these as `ConstraintViolation`s.
        case "MissingReplacedDirective":
        case "DuplicateDirectiveId":
          return false
      }
    }
    const others = neighbours.filter((d) => d.id !== directive.id)
    return [
      ...DirectiveRules.validateDirective(directive),
      ...DirectiveRules.validateReplacements([directive, ...others]).filter(concerns)
    ]
  })

/**
 * Registers a directive, all or nothing. It must keep the rules of one directive (the year in a
 * state number is the year of issue, Decree 30/2020/NĐ-CP, Appendix III; it takes effect no earlier
 * than it is issued and before it ends; its task ids are unique) and of replacement chains (it does
 * not replace itself, a directive already wholly replaced is not replaced again, and a replacement
 * does not take effect before what it replaces, so on any date at most one link of a chain is in
 * force: facts.md, law 3). A breach is an `InvalidInput` listing every problem; the store then
 * checks the document number's uniqueness and that the replaced directives exist.
 *
 * @since 0.1.0
 */
export const registerDirective = (actor: Actor, input: RegisterDirectiveInput) =>
  Effect.gen(function* () {
    const i = yield* decode(RegisterDirectiveInput, "registerDirective")(input)
    const directive = new Directive({
      ...i,
      id: i.id ?? Ids.DirectiveId.make(Ids.random("directive")),
      version: 0
    })
    return yield* inTransaction(
      Effect.gen(function* () {
        const [first, ...rest] = yield* violationsOf(directive)
        if (first !== undefined) {
          return yield* new InvalidInput({
            useCase: "registerDirective",
            detail: [first, ...rest].map((v) => v.message).join("; ")
          })
        }
        const stored = yield* (yield* DirectiveRepository).insert(directive)
        const { at } = yield* today
        yield* record(actor, at, [
          {
            action: "directive.registered",
            subjectKind: "directive",
            subjectId: stored.id,
            summary: `registered ${DocumentNumber.format(stored.number)}: ${stored.title}`
          }
        ])
        return stored
      })
    )
  })

/** @since 0.1.0 */
export const DirectivesInForceInput = Schema.Struct({
  on: CalendarDate.CalendarDate,
  programme: Schema.optionalKey(DirectiveProgramme)
})
/** @since 0.1.0 */
export type DirectivesInForceInput = typeof DirectivesInForceInput.Encoded

/**
 * The directives in force on a date, optionally of one programme, by effective date then id.
 * Directives are public documents, so any actor may read them.
 *
 * @since 0.1.0
 */
export const directivesInForce = (input: DirectivesInForceInput) =>
  Effect.gen(function* () {
    const i = yield* decode(DirectivesInForceInput, "directivesInForce")(input)
    return yield* (yield* DirectiveRepository).inForce(i.on, i.programme)
  })
