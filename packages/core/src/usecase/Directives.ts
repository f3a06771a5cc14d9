/**
 * Use cases of directives (văn bản chỉ đạo): register a directive, read one, list them and ask
 * which were in force on a date.
 *
 * The store refuses a document number already used in the same numbering scope (state documents:
 * per year, Decree 30/2020/NĐ-CP; Party documents: per type and committee term, Hướng dẫn
 * 36-HD/VPTW) and a replacement of a directive it does not hold, so a registration either keeps
 * the register consistent or changes nothing. "In force on D" follows `Directive.inForceOn`: a
 * replacement ends its predecessor from its own effective date.
 *
 * Who may register: an officer (`directives.register`) registers a directive on behalf of its own
 * unit, a stored unit that has not ended by that day; the audit entry of the registration records
 * that unit. A
 * directive may replace only directives registered on behalf of the same unit (or of a unit whose
 * history it carries), or, from a central unit, any: a commune cannot make the province's plan
 * stop being in force. The unit that registered a directive (which may differ from its issuing
 * unit, `Directive.issuedBy`: a province enters the Government's decrees it works under) is read
 * from its registration entry in the audit trail, and a directive without one (stored by other
 * means) is replaced only centrally. Directives are public documents: reading them takes
 * no actor.
 *
 * @since 0.1.0
 */
import { Array as Arr, Effect, Option, Schema, Struct } from "effect"
import type * as Actor from "../access/Actor.ts"
import * as Jurisdiction from "../access/Jurisdiction.ts"
import { Directive } from "../directive/Directive.ts"
import * as DirectiveRules from "../directive/DirectiveRules.ts"
import * as DocumentNumber from "../directive/DocumentNumber.ts"
import * as CalendarDate from "../kernel/CalendarDate.ts"
import * as Ids from "../kernel/Ids.ts"
import { DirectiveProgramme } from "../kernel/Programme.ts"
import { AuditLog } from "../store/AuditLog.ts"
import { DirectiveRepository } from "../store/DirectiveRepository.ts"
import * as Page from "../store/Page.ts"
import { UnitRepository } from "../store/UnitRepository.ts"
import { beginWith, type Call, sceneOf } from "./Access.ts"
import { record } from "./Audit.ts"
import { cursorIsInput, decode } from "./Errors.ts"
import { inTransaction } from "./Transaction.ts"

/**
 * A directive to register; the id may be left to `Ids.random("directive")`.
 *
 * @category schemas
 * @since 0.1.0
 */
export const RegisterDirectiveInput = Directive.mapFields((fields) => ({
  ...Struct.omit(fields, ["version", "id"]),
  id: Schema.optionalKey(Ids.DirectiveId)
}))
/**
 * @category models
 * @since 0.1.0
 */
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

/** The unit a stored directive was registered on behalf of, from its registration's audit entry. */
const registeringUnit = (id: Ids.DirectiveId) =>
  Effect.gen(function* () {
    const page = yield* (yield* AuditLog).list({ subjectKind: "directive", subjectId: id }, { limit: 50 })
    return page.items.find((e) => e.action === "directive.registered")?.actor.unitId
  })

/**
 * Fails unless the actor may register a directive on behalf of its unit (a stored unit that has
 * not ended, or a central one), issued by the centre or by its unit or a unit below it, replacing
 * `directive.replaces`: each stored one it replaces was
 * registered on behalf of its unit, or of a unit whose history its unit carries
 * (`Jurisdiction.canReplace`).
 */
const requireRegistrar = (call: Call, directive: Directive) =>
  Effect.gen(function* () {
    const central = call.policy.centralUnits.includes(call.actor.unitId)
    const unit = yield* Effect.option((yield* UnitRepository).get(call.actor.unitId))
    // A unit that has ended registers nothing more; one recorded only from a later date may still
    // enter the older documents it holds (a province back-filling the decrees it works under).
    const ended =
      Option.isNone(unit) || (unit.value.validUntil !== undefined && unit.value.validUntil <= call.on)
    if (!central && ended) {
      return yield* new Jurisdiction.OutsideJurisdiction({
        actor: call.actor,
        unitId: call.actor.unitId,
        action: "register a directive on behalf of",
        rule: "activeUnit"
      })
    }
    // A unit's numbering scope is its own: only the unit or a unit above it registers a directive
    // that unit issued, so no one takes another province's `01/2024/QĐ-UBND` before it does.
    // The centre's documents are entered by any unit that works under them.
    if (!central && directive.issuedBy._tag === "Unit") {
      const scene = yield* sceneOf(call, [directive.issuedBy.unitId])
      yield* Effect.fromResult(
        Jurisdiction.canRead(call.actor, directive.issuedBy.unitId, scene, "register a directive issued by")
      )
    }
    const repository = yield* DirectiveRepository
    for (const id of new Set(directive.replaces)) {
      if (Option.isNone(yield* Effect.option(repository.get(id)))) continue
      const registeredBy = yield* registeringUnit(id)
      const scene = yield* sceneOf(call, registeredBy === undefined ? [] : [registeredBy])
      yield* Effect.fromResult(
        Jurisdiction.canReplace(
          call.actor,
          registeredBy,
          scene,
          registeredBy === undefined
            ? `replace directive ${JSON.stringify(id)}, whose registering unit is not recorded, on behalf of`
            : `replace directive ${JSON.stringify(id)} of`
        )
      )
    }
  })

/**
 * Registers a directive on behalf of the actor's unit (`directives.register`), all or nothing.
 * It must keep the rules of one directive (the year in a
 * state number is the year of issue, Decree 30/2020/NĐ-CP, Appendix III; it takes effect no earlier
 * than it is issued and before it ends; its task ids are unique) and of replacement chains (it does
 * not replace itself, a directive already wholly replaced is not replaced again, and a replacement
 * does not take effect before what it replaces, so on any date at most one link of a chain is in
 * force: the directives row of docs/rules.md). A breach is a `DirectiveRules.InvalidDirective`
 * listing every violation; the store then checks the document number's uniqueness and that the
 * replaced directives exist.
 *
 * @example Registering a plan, and a replacement that takes effect too early
 * ```ts
 * import { type Actor, Directives, Units } from "@danvan/core"
 * import { StoreMemory } from "@danvan/store-memory"
 * import { Effect } from "effect"
 *
 * const admin: Actor.ActorInput = { personId: "admin-37", name: "Quản trị hệ thống tỉnh", unitId: "vn-37", role: "administrator" }
 * const officer: Actor.ActorInput = { personId: "can-bo-37", name: "Cán bộ Ban Dân vận Tỉnh ủy", unitId: "vn-37", role: "officer" }
 * const plan = (id: string, number: number, issuedOn: string, replaces: Array<string> = []) => ({
 *   id,
 *   number: { _tag: "Party" as const, number, typeCode: "KH", issuer: "TU" },
 *   issuedBy: { _tag: "Unit" as const, unitId: "vn-37", body: "partyCommittee" as const },
 *   title: 'Kế hoạch thực hiện phong trào thi đua "Dân vận khéo"',
 *   programme: "DVK" as const,
 *   issuedOn,
 *   effectiveFrom: issuedOn,
 *   replaces,
 *   tasks: []
 * })
 *
 * const program = Effect.gen(function* () {
 *   yield* Units.importUnits(admin, {
 *     units: [{ id: "vn-37", type: "province", name: "Ninh Bình", code: "37", validFrom: "2016-01-01", parents: [], version: 0 }],
 *     successions: []
 *   })
 *   yield* Directives.registerDirective(officer, plan("kh-20-2016", 20, "2016-08-12"))
 *   const inForce = yield* Directives.directivesInForce({ on: "2017-06-30", programme: "DVK" })
 *   console.log(inForce.map((d) => d.id)) // ["kh-20-2016"]
 *   // A replacement may not take effect before what it replaces.
 *   const refused = yield* Effect.flip(Directives.registerDirective(officer, plan("kh-05-2016", 5, "2016-01-05", ["kh-20-2016"])))
 *   if (refused._tag === "InvalidDirective") console.log(refused.violations.map((v) => v._tag)) // ["ReplacementOutOfOrder"]
 * })
 *
 * await Effect.runPromise(Effect.provide(program, StoreMemory.layer()))
 * ```
 *
 * @category use cases
 * @since 0.1.0
 */
export const registerDirective = (actor: Actor.ActorInput, input: RegisterDirectiveInput) =>
  Effect.gen(function* () {
    const { call, i } = yield* beginWith(
      "registerDirective",
      actor,
      "directives.register",
      RegisterDirectiveInput,
      input
    )
    const directive = new Directive({
      ...i,
      id: i.id ?? Ids.DirectiveId.make(Ids.random("directive")),
      version: 0
    })
    return yield* inTransaction(
      Effect.gen(function* () {
        yield* requireRegistrar(call, directive)
        const violations = yield* violationsOf(directive)
        if (Arr.isReadonlyArrayNonEmpty(violations)) {
          return yield* new DirectiveRules.InvalidDirective({ directiveId: directive.id, violations })
        }
        const stored = yield* (yield* DirectiveRepository).insert(directive)
        yield* record(call.actor, call.at, [
          {
            action: "directive.registered",
            subjectKind: "directive",
            subjectId: stored.id,
            summary: `registered ${DocumentNumber.format(stored.number)} on behalf of unit ${call.actor.unitId}: ${stored.title}`
          }
        ])
        return stored
      })
    )
  })

/**
 * @category schemas
 * @since 0.1.0
 */
export const DirectivesInForceInput = Schema.Struct({
  on: CalendarDate.CalendarDate,
  programme: Schema.optionalKey(DirectiveProgramme)
})
/**
 * @category models
 * @since 0.1.0
 */
export type DirectivesInForceInput = typeof DirectivesInForceInput.Encoded

/**
 * The directives in force on a date, optionally of one programme, by effective date then id.
 * Directives are public documents, so any actor may read them.
 *
 * @category use cases
 * @since 0.1.0
 */
export const directivesInForce = (input: DirectivesInForceInput) =>
  Effect.gen(function* () {
    const i = yield* decode(DirectivesInForceInput, "directivesInForce")(input)
    return yield* (yield* DirectiveRepository).inForce(i.on, i.programme)
  })

/**
 * @category schemas
 * @since 0.1.0
 */
export const DirectivesApplicableInput = Schema.Struct({
  unitId: Ids.UnitId,
  on: CalendarDate.CalendarDate,
  programme: Schema.optionalKey(DirectiveProgramme)
})
/**
 * @category models
 * @since 0.1.0
 */
export type DirectivesApplicableInput = typeof DirectivesApplicableInput.Encoded

/**
 * The directives that apply to a unit on a date (`Directive.applicableOn`): in force, and issued
 * by the centre, by the unit, or by one of its ancestors as of that date, so a commune moved to a
 * new province on 01/07/2025 reads its old district's and province's directives before and its new
 * province's after. Optionally of one programme; by effective date then id. Directives are public
 * documents, so any actor may read them.
 *
 * @category use cases
 * @since 0.1.0
 */
export const directivesApplicable = (input: DirectivesApplicableInput) =>
  Effect.gen(function* () {
    const i = yield* decode(DirectivesApplicableInput, "directivesApplicable")(input)
    return yield* (yield* DirectiveRepository).applicableTo(i.unitId, i.on, i.programme)
  })

/**
 * @category schemas
 * @since 0.1.0
 */
export const DirectiveRef = Schema.Struct({ directiveId: Ids.DirectiveId })
/**
 * @category models
 * @since 0.1.0
 */
export type DirectiveRef = typeof DirectiveRef.Encoded

/**
 * A directive; `NotFound` when there is none.
 *
 * @category use cases
 * @since 0.1.0
 */
export const directive = (input: DirectiveRef) =>
  Effect.flatMap(decode(DirectiveRef, "directive")(input), (i) =>
    Effect.flatMap(DirectiveRepository, (r) => r.get(i.directiveId))
  )

/**
 * @category schemas
 * @since 0.1.0
 */
export const ListDirectivesInput = Schema.Struct({
  programme: Schema.optionalKey(DirectiveProgramme),
  page: Schema.optionalKey(Page.PageRequest)
})
/**
 * @category models
 * @since 0.1.0
 */
export type ListDirectivesInput = typeof ListDirectivesInput.Encoded

/**
 * One page of the register of directives, optionally of one programme.
 *
 * @category use cases
 * @since 0.1.0
 */
export const directives = (input: ListDirectivesInput = {}) =>
  Effect.gen(function* () {
    const i = yield* decode(ListDirectivesInput, "directives")(input)
    const query = i.programme === undefined ? {} : { programme: i.programme }
    return yield* cursorIsInput("directives")((yield* DirectiveRepository).list(query, i.page))
  })
