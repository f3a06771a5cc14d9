/**
 * The transaction every use case writes in: the records it changes and their audit entries are
 * stored together or not at all (`UnitOfWork.transaction`).
 *
 * @since 0.1.0
 */
import { Effect } from "effect"
import { UnitOfWork, WritesEndTransaction } from "../store/UnitOfWork.ts"

/**
 * Runs `effect` in one transaction of the store in context (joining the current one, if any).
 * A use case never catches a failed write and reads again when run again, so its writes need no
 * savepoint of their own (`WritesEndTransaction`): a submission on SQL is 4 statements fewer,
 * and 4 round trips fewer on PostgreSQL (docs/benchmarks.md, "What one submission costs").
 *
 * @category combinators
 * @since 0.1.0
 */
export const inTransaction = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  Effect.flatMap(UnitOfWork, (uow) =>
    uow.transaction(Effect.provideService(effect, WritesEndTransaction, true))
  )
