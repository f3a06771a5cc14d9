/**
 * Atomic writes across aggregates. A use case that changes several records (a report and its
 * audit entry, a model and its source's replication event) runs them in one transaction: all of
 * them are stored, or none.
 *
 * @since 0.1.0
 */
import type { Effect } from "effect"
import { Context } from "effect"
import type { StoreFailure } from "./StoreError.ts"

/**
 * `transaction(effect)` runs `effect` so that the writes it makes through the repositories of the
 * same store commit together when it succeeds and leave no trace when it fails (with an error or a
 * defect, or when interrupted). Reads inside see the transaction's own writes. A transaction
 * inside a transaction joins the outer one.
 *
 * @category services
 * @since 0.1.0
 */
export class UnitOfWork extends Context.Service<
  UnitOfWork,
  {
    readonly transaction: <A, E, R>(effect: Effect.Effect<A, E, R>) => Effect.Effect<A, E | StoreFailure, R>
  }
>()("@danvan/core/UnitOfWork") {}

/**
 * Set (to `true`) by code that runs inside `UnitOfWork.transaction` and lets every failed write
 * end that transaction: it never catches a failed write and goes on, and it may be run again from
 * its start. The use cases set it for their own transaction (`usecase/Transaction.ts`). An adapter
 * may then run each write directly in the transaction, without the savepoint that otherwise keeps
 * a caught failure from leaving half a write (and, on PostgreSQL, the transaction usable); when
 * such a write fails, the adapter rolls the transaction back and runs the code again with
 * savepoints, so the failure it reports is the same. Adapters without savepoints ignore it.
 * Default `false`: code that may catch a failed write gets the savepoints.
 *
 * @category services
 * @since 0.1.0
 */
export const WritesEndTransaction: Context.Reference<boolean> = Context.Reference<boolean>(
  "@danvan/core/UnitOfWork/WritesEndTransaction",
  { defaultValue: () => false }
)
