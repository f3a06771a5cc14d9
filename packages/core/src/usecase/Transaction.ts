/**
 * The transaction every use case writes in: the records it changes and their audit entries are
 * stored together or not at all (`UnitOfWork.transaction`).
 *
 * @since 0.1.0
 */
import { Effect } from "effect"
import { UnitOfWork } from "../store/UnitOfWork.ts"

/**
 * Runs `effect` in one transaction of the store in context (joining the current one, if any).
 *
 * @category combinators
 * @since 0.1.0
 */
export const inTransaction = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  Effect.flatMap(UnitOfWork, (uow) => uow.transaction(effect))
