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
import { Effect, Schema, Struct } from "effect"
import type { Actor } from "../access/Actor.ts"
import { Directive } from "../directive/Directive.ts"
import * as DocumentNumber from "../directive/DocumentNumber.ts"
import * as CalendarDate from "../kernel/CalendarDate.ts"
import * as Ids from "../kernel/Ids.ts"
import { DirectiveProgramme } from "../kernel/Programme.ts"
import { DirectiveRepository } from "../store/DirectiveRepository.ts"
import { UnitOfWork } from "../store/UnitOfWork.ts"
import { today } from "./Access.ts"
import { record } from "./Audit.ts"
import { decode, InvalidInput } from "./Errors.ts"

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
 * Registers a directive. Its dates must be in order (issued no later than effective, effective
 * before it ends); the store checks the number and the replaced directives.
 *
 * @since 0.1.0
 */
export const registerDirective = (actor: Actor, input: RegisterDirectiveInput) =>
  Effect.gen(function* () {
    const i = yield* decode(RegisterDirectiveInput, "registerDirective")(input)
    if (i.effectiveUntil !== undefined && i.effectiveUntil <= i.effectiveFrom) {
      return yield* new InvalidInput({
        useCase: "registerDirective",
        detail: `the directive is effective from ${i.effectiveFrom} until ${i.effectiveUntil}, which is not a single day`
      })
    }
    if (i.effectiveFrom < i.issuedOn) {
      return yield* new InvalidInput({
        useCase: "registerDirective",
        detail: `the directive takes effect on ${i.effectiveFrom}, before it was issued on ${i.issuedOn}`
      })
    }
    const directive = new Directive({
      ...i,
      id: i.id ?? Ids.DirectiveId.make(Ids.random("directive")),
      version: 0
    })
    return yield* Effect.flatMap(UnitOfWork, (uow) =>
      uow.transaction(
        Effect.gen(function* () {
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
