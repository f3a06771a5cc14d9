/**
 * The engine under every service of the store: committed state, the write lock, transactions.
 *
 * - Readers outside a transaction read the committed state, without a lock: commits are applied
 *   synchronously, so a read sees a whole commit or none of it.
 * - Writers are serialised by a semaphore of one permit. A transaction holds it from start to end
 *   and writes into an overlay; a write outside a transaction is a transaction of its own.
 * - A transaction commits only when its effect succeeds: `onCommit` receives the changes under the
 *   lock, and only when it succeeds are they applied. A failure, a defect or an interruption
 *   discards the overlay, so nothing of the transaction is ever seen.
 * - A transaction inside a transaction (the same store, the same fiber or a fiber it forked) joins
 *   the outer one: the current transaction travels in the fiber's context, under a key unique to
 *   the store, so two stores in one program never mix their transactions.
 *
 * @since 0.1.0
 */
import type { StoreError } from "@danvan/core"
import { Context, Effect, Exit, Result, Semaphore } from "effect"
import type { Change } from "./Snapshot.ts"
import * as Snapshot from "./Snapshot.ts"
import type { Base, View } from "./State.ts"
import { Overlay } from "./State.ts"
import { dropEncoded, takeEncoded } from "./Stored.ts"

/** What runs under the write lock before a commit becomes visible. @since 0.1.0 */
export type OnCommit = (changes: ReadonlyArray<Change>) => Effect.Effect<void, StoreError.StoreFailure>

interface Transaction {
  /** The transaction's writes; replaced by the first operation's own overlay (see `write`). */
  overlay: Overlay
  open: boolean
}

/** @since 0.1.0 */
export interface Engine {
  /** Runs a synchronous read against the current transaction's view, or the committed state. */
  readonly read: <A>(f: (view: View) => A) => Effect.Effect<A>
  /** Like {@link read}, for reads that can fail with a typed error. */
  readonly readResult: <A, E>(f: (view: View) => Result.Result<A, E>) => Effect.Effect<A, E>
  /**
   * Runs one operation: `f` writes into a fresh overlay and returns a result; on success the
   * writes join the current transaction (or commit as a transaction of their own), on failure
   * they are dropped. So every operation is all-or-nothing.
   */
  readonly write: <A, E>(
    f: (overlay: Overlay) => Result.Result<A, E>
  ) => Effect.Effect<A, E | StoreError.StoreFailure>
  readonly transaction: <A, E, R>(
    effect: Effect.Effect<A, E, R>
  ) => Effect.Effect<A, E | StoreError.StoreFailure, R>
  /** The committed state, as a snapshot. */
  readonly snapshot: Effect.Effect<Snapshot.Snapshot>
}

let stores = 0

/** An engine over a committed state. @since 0.1.0 */
export const make = (base: Base, onCommit?: OnCommit): Effect.Effect<Engine> =>
  Effect.map(Semaphore.make(1), (lock) => {
    const Current = Context.Reference<Transaction | undefined>(
      `@danvan/store-memory/Transaction/${++stores}`,
      {
        defaultValue: () => undefined
      }
    )

    const current = Effect.map(Current, (tx) => (tx?.open ? tx : undefined))

    const commit = (overlay: Overlay): Effect.Effect<void, StoreError.StoreFailure> => {
      const writes = overlay
        .writes()
        .filter((w) => w.stored !== null || base.get(w.entity, w.key) !== undefined)
      if (writes.length === 0) return Effect.void
      const apply = Effect.sync(() => base.apply(writes))
      if (onCommit === undefined) {
        for (const w of writes) if (w.stored !== null) dropEncoded(w.stored)
        return apply
      }
      // Only the records this commit wrote are encoded, and only for an adapter that persists
      // them: with the JSON each write made on the way in (`takeEncoded`), not a second encoding.
      const changes: ReadonlyArray<Change> = writes.map((w) =>
        w.stored === null
          ? { entity: w.entity, op: "delete", key: w.key }
          : { entity: w.entity, op: "put", key: w.key, record: takeEncoded(w.stored) }
      )
      return Effect.andThen(onCommit(changes), apply)
    }

    const begin = <A, E, R>(
      effect: Effect.Effect<A, E, R>
    ): Effect.Effect<A, E | StoreError.StoreFailure, R> =>
      lock.withPermits(1)(
        Effect.uninterruptibleMask((restore) => {
          const tx: Transaction = { overlay: new Overlay(base), open: true }
          return Effect.flatMap(
            Effect.exit(restore(Effect.provideService(effect, Current, tx))),
            (exit): Effect.Effect<A, E | StoreError.StoreFailure> => {
              tx.open = false
              if (Exit.isFailure(exit)) return exit
              return Effect.as(commit(tx.overlay), exit.value)
            }
          )
        })
      )

    const transaction = <A, E, R>(
      effect: Effect.Effect<A, E, R>
    ): Effect.Effect<A, E | StoreError.StoreFailure, R> =>
      Effect.flatMap(current, (tx) => (tx === undefined ? begin(effect) : effect))

    const view: Effect.Effect<View> = Effect.map(current, (tx) => tx?.overlay ?? base)

    const write = <A, E>(
      f: (overlay: Overlay) => Result.Result<A, E>
    ): Effect.Effect<A, E | StoreError.StoreFailure> =>
      transaction(
        Effect.flatMap(current, (tx) =>
          Effect.suspend(() => {
            const target = tx!.overlay
            const scratch = new Overlay(target)
            const result = f(scratch)
            if (Result.isSuccess(result)) {
              // Into a transaction that has written nothing yet (an import's one batch), the
              // operation's overlay becomes the transaction's, instead of being copied and
              // indexed into it record by record.
              if (target.isEmpty) tx!.overlay = scratch
              else scratch.mergeInto(target)
            }
            return Effect.fromResult(result)
          })
        )
      )

    return {
      read: (f) => Effect.map(view, f),
      readResult: (f) => Effect.flatMap(view, (v) => Effect.fromResult(f(v))),
      write,
      transaction,
      snapshot: Effect.sync(() => Snapshot.ofView(base))
    }
  })
