/**
 * Storage port for directives.
 *
 * @since 0.1.0
 */
import type { Effect } from "effect"
import { Context } from "effect"
import type { Directive } from "../directive/Directive.ts"
import type { DocumentNumber } from "../directive/DocumentNumber.ts"
import type { CalendarDate } from "../kernel/CalendarDate.ts"
import type { DirectiveId, UnitId } from "../kernel/Ids.ts"
import type { DirectiveProgramme } from "../kernel/Programme.ts"
import type { Page, PageRequest } from "./Page.ts"
import type { ConstraintViolation, NotFound, StoreFailure, VersionConflict } from "./StoreError.ts"

/** @category models @since 0.1.0 */
export interface DirectiveQuery {
  readonly programme?: DirectiveProgramme
}

/**
 * Directives. `insert` fails with `ConstraintViolation` on a duplicate id, on a document number
 * already used in the same numbering scope (`Directive.numberingKey`: per issuing unit), or when a directive it
 * replaces does not exist.
 *
 * @category services
 * @since 0.1.0
 */
export class DirectiveRepository extends Context.Service<
  DirectiveRepository,
  {
    readonly get: (id: DirectiveId) => Effect.Effect<Directive, NotFound | StoreFailure>
    readonly insert: (directive: Directive) => Effect.Effect<Directive, ConstraintViolation | StoreFailure>
    /**
     * Imports directives in one atomic write (all or nothing), each stored at version 1 as
     * `insert` stores it. The storage contract applies exactly as for one write holding the
     * directives one at a time (`Contract.check`: ids already taken, in the batch or the store,
     * then each directive's replaced directives, which may be in the batch, then one document number
     * per numbering scope), with the same `ConstraintViolation`; nothing is written when any
     * directive fails. SQL adapters write it in multi-row statements. Returns the directives as
     * stored, in the order given.
     *
     * @since 0.1.0
     */
    readonly insertMany: (
      directives: ReadonlyArray<Directive>
    ) => Effect.Effect<ReadonlyArray<Directive>, ConstraintViolation | StoreFailure>
    readonly update: (
      directive: Directive
    ) => Effect.Effect<Directive, NotFound | VersionConflict | ConstraintViolation | StoreFailure>
    /**
     * Directives whose number matches (issuer spellings compare equal; `Directive.numberQueryKeys`),
     * whichever unit issued them, by issue date then id.
     */
    readonly findByNumber: (number: DocumentNumber) => Effect.Effect<ReadonlyArray<Directive>, StoreFailure>
    /**
     * Directives in force on a date: effective on it, not ended, and not replaced by a directive
     * that has taken effect by then. Ordered by effective date then id.
     */
    readonly inForce: (
      on: CalendarDate,
      programme?: DirectiveProgramme
    ) => Effect.Effect<ReadonlyArray<Directive>, StoreFailure>
    /**
     * Directives that apply to a unit on a date (`Directive.applicableOn`): in force on the date
     * and issued by the centre, by the unit, or by one of its ancestors as of that date (the
     * dated parent links, as `UnitRepository.ancestors`). Ordered by effective date then id; a
     * unit that does not exist or is not valid that day gets the centre's directives and its own.
     */
    readonly applicableTo: (
      unitId: UnitId,
      on: CalendarDate,
      programme?: DirectiveProgramme
    ) => Effect.Effect<ReadonlyArray<Directive>, StoreFailure>
    /** Directives that name `id` in `replaces`. */
    readonly replacementsOf: (id: DirectiveId) => Effect.Effect<ReadonlyArray<Directive>, StoreFailure>
    readonly list: (query: DirectiveQuery, page?: PageRequest) => Effect.Effect<Page<Directive>, StoreFailure>
  }
>()("@danvan/core/DirectiveRepository") {}
