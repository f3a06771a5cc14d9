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
 * - With `onAppend` instead (group commit, decision record 0045), `onAppend` only queues the changes
 *   under the lock and returns the wait for their durability, which runs after the lock is released:
 *   the transactions that run meanwhile build on the queued commits (a `pending` overlay over the
 *   committed state) and their changes are made durable with them, in one write and one sync. A
 *   commit is applied to the committed state, in commit order, once it is durable, and only then
 *   acknowledged; readers outside a transaction never see a commit that is not durable. When a
 *   queued commit fails, it and every commit queued after it fail (they may have read it), and a
 *   transaction that ran over it fails with `StoreUnavailable` (`Conflict`, retryable).
 * - A transaction inside a transaction (the same store, the same fiber or a fiber it forked) joins
 *   the outer one: the current transaction travels in the fiber's context, under a key unique to
 *   the store, so two stores in one program never mix their transactions.
 *
 * @since 0.1.0
 */
import { StoreError } from "@danvan/core"
import { Context, Deferred, Effect, Exit, Result, Semaphore } from "effect"
import type { Change } from "./Snapshot.ts"
import * as Snapshot from "./Snapshot.ts"
import type { Base, View, Write } from "./State.ts"
import { Overlay } from "./State.ts"
import { dropEncoded, takeEncoded } from "./Stored.ts"

/** What runs under the write lock before a commit becomes visible. @since 0.1.0 */
export type OnCommit = (changes: ReadonlyArray<Change>) => Effect.Effect<void, StoreError.StoreFailure>

/**
 * Group commit: runs under the write lock with the changes of each commit and queues them to be
 * made durable, in commit order, without waiting for that. It calls `settle` exactly once per
 * commit it queued, synchronously and in commit order: with nothing once the commit is durable,
 * with the error when it failed (then every commit queued after it fails as well). When it fails
 * itself, the commit fails and nothing of it is kept.
 *
 * @since 0.1.0
 */
export type OnAppend = (
  changes: ReadonlyArray<Change>,
  settle: (failure: StoreError.StoreFailure | undefined) => void
) => Effect.Effect<void, StoreError.StoreFailure>

/** A commit queued by `OnAppend`, waiting to be durable before it is applied. */
interface Queued {
  readonly writes: ReadonlyArray<Write>
  readonly durable: Deferred.Deferred<void, StoreError.StoreFailure>
}

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
  /** The committed state, as listings encoded record by record when read. */
  readonly listings: Effect.Effect<ReadonlyArray<Snapshot.Listing>>
}

let stores = 0

/** An engine over a committed state. @since 0.1.0 */
export const make = (base: Base, onCommit?: OnCommit, onAppend?: OnAppend): Effect.Effect<Engine> =>
  Effect.map(Semaphore.make(1), (lock) => {
    const Current = Context.Reference<Transaction | undefined>(
      `@danvan/store-memory/Transaction/${++stores}`,
      {
        defaultValue: () => undefined
      }
    )

    const current = Effect.map(Current, (tx) => (tx?.open ? tx : undefined))

    const commit = (overlay: Overlay): Effect.Effect<void, StoreError.StoreFailure> => {
      // Nothing to hand to an adapter: the overlay's maps are applied as they are, without a
      // `Write` per record (an import's commit applies hundreds of thousands).
      if (onCommit === undefined) return Effect.sync(() => base.applyOverlay(overlay, dropEncoded))
      const writes = overlay
        .writes()
        .filter((w) => w.stored !== null || base.get(w.entity, w.key) !== undefined)
      if (writes.length === 0) return Effect.void
      const apply = Effect.sync(() => base.apply(writes))
      // Only the records this commit wrote are encoded, and only for an adapter that persists
      // them: with the JSON each write made on the way in (`takeEncoded`), not a second encoding.
      const changes: ReadonlyArray<Change> = writes.map((w) =>
        w.stored === null
          ? { entity: w.entity, op: "delete", key: w.key }
          : { entity: w.entity, op: "put", key: w.key, record: takeEncoded(w.stored) }
      )
      return Effect.andThen(onCommit(changes), apply)
    }

    const beginAlone = <A, E, R>(
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

    /** Commits appended (`onAppend`) but not yet durable, in order; writers build on them. */
    const queue: Array<Queued> = []
    /** The queued commits' writes over the committed state; `undefined` when none is queued. */
    let pending: Overlay | undefined
    /** Bumped when a queued commit fails: a transaction that ran over it must fail too. */
    let generation = 0

    const rebuildPending = () => {
      if (queue.length === 0) {
        pending = undefined
        return
      }
      const overlay = new Overlay(base)
      for (const q of queue) for (const w of q.writes) overlay.putWrite(w)
      pending = overlay
    }

    /**
     * Called by the adapter, synchronously and in commit order, once a queued commit is durable
     * (`failure` undefined: applied, with those queued before it) or failed (dropped, with every
     * commit queued after it). Synchronous, so that no transaction starts in between.
     */
    const settle = (entry: Queued, failure: StoreError.StoreFailure | undefined): void => {
      const at = queue.indexOf(entry)
      if (failure === undefined) {
        if (at >= 0) base.apply(queue.splice(0, at + 1).flatMap((q) => q.writes))
        if (queue.length === 0) pending = undefined
        Deferred.doneUnsafe(entry.durable, Effect.void)
        return
      }
      if (at >= 0) {
        queue.splice(at)
        generation++
        rebuildPending()
      }
      Deferred.doneUnsafe(entry.durable, Effect.fail(failure))
    }

    const superseded = () =>
      new StoreError.StoreUnavailable({
        reason: "Conflict",
        detail: "a commit this transaction read could not be made durable; run it again"
      })

    /** `exit`, given once `read` (the newest queued commit a transaction ran over) is durable. */
    const onceDurable = <A, E>(
      read: Queued | undefined,
      exit: Exit.Exit<A, E>
    ): Effect.Effect<A, E | StoreError.StoreFailure> =>
      read === undefined
        ? exit
        : Effect.andThen(Effect.mapError(Deferred.await(read.durable), superseded), exit)

    const beginGrouped = <A, E, R>(
      append: OnAppend,
      effect: Effect.Effect<A, E, R>
    ): Effect.Effect<A, E | StoreError.StoreFailure, R> =>
      Effect.flatten(
        lock.withPermits(1)(
          Effect.uninterruptibleMask((restore) => {
            const parent: View = pending ?? base
            const startedIn = generation
            const tx: Transaction = { overlay: new Overlay(parent), open: true }
            return Effect.flatMap(
              Effect.exit(restore(Effect.provideService(effect, Current, tx))),
              (exit): Effect.Effect<Effect.Effect<A, E | StoreError.StoreFailure>> => {
                tx.open = false
                if (Exit.isFailure(exit)) {
                  // A typed failure over queued commits may rest on one of them (an insert of a
                  // key only a queued commit holds): it is given once they are durable, and
                  // becomes `Conflict` if one is not, as a success would.
                  if (parent === base || !Exit.hasFails(exit)) return Effect.succeed(exit)
                  if (startedIn !== generation) return Effect.succeed(Effect.fail(superseded()))
                  return Effect.succeed(onceDurable(queue.at(-1), exit))
                }
                if (startedIn !== generation) return Effect.succeed(Effect.fail(superseded()))
                const writes = tx.overlay
                  .writes()
                  .filter((w) => w.stored !== null || parent.get(w.entity, w.key) !== undefined)
                if (writes.length === 0) {
                  // A read over queued commits returns only once what it read is durable.
                  return Effect.succeed(onceDurable(parent === base ? undefined : queue.at(-1), exit))
                }
                const changes: ReadonlyArray<Change> = writes.map((w) =>
                  w.stored === null
                    ? { entity: w.entity, op: "delete", key: w.key }
                    : { entity: w.entity, op: "put", key: w.key, record: takeEncoded(w.stored) }
                )
                // Queued before the adapter sees it, so that it may settle at once.
                const entry: Queued = { writes, durable: Deferred.makeUnsafe() }
                queue.push(entry)
                pending ??= new Overlay(base)
                for (const w of writes) pending.putWrite(w)
                return Effect.matchEffect(
                  append(changes, (failure) => settle(entry, failure)),
                  {
                    onFailure: (error) =>
                      Effect.sync(() => {
                        const at = queue.indexOf(entry)
                        if (at >= 0) queue.splice(at, 1)
                        rebuildPending()
                        // A read outside a transaction made while the append ran waits for this.
                        Deferred.doneUnsafe(entry.durable, Effect.fail(error))
                        return Effect.fail(error)
                      }),
                    onSuccess: () =>
                      Effect.sync(() => {
                        // Awaited after the lock is released; the commit completes without this fiber.
                        return Effect.andThen(Deferred.await(entry.durable), exit)
                      })
                  }
                )
              }
            )
          })
        )
      )

    const begin = <A, E, R>(
      effect: Effect.Effect<A, E, R>
    ): Effect.Effect<A, E | StoreError.StoreFailure, R> =>
      onAppend === undefined ? beginAlone(effect) : beginGrouped(onAppend, effect)

    const transaction = <A, E, R>(
      effect: Effect.Effect<A, E, R>
    ): Effect.Effect<A, E | StoreError.StoreFailure, R> =>
      Effect.flatMap(current, (tx) => (tx === undefined ? begin(effect) : effect))

    // Outside a transaction, a read made while commits are queued waits for the newest of them to
    // settle: it then sees what a write made now would build on (else a read-then-update retried on
    // a version conflict would spin until the sync).
    const view: Effect.Effect<View> = Effect.flatMap(current, (tx) => {
      if (tx !== undefined) return Effect.succeed<View>(tx.overlay)
      const last = queue.at(-1)
      return last === undefined
        ? Effect.succeed(base)
        : Effect.as(Effect.exit(Deferred.await(last.durable)), base)
    })

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
      // The committed state: commits queued for durability are not in it until they are durable.
      snapshot: Effect.sync(() => Snapshot.ofView(base)),
      listings: Effect.sync(() => Snapshot.listingsOfView(base))
    }
  })
