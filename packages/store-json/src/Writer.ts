/**
 * The writing side of a store directory: appending each commit to the journal durably, and
 * compacting (rewriting the snapshot, then starting a fresh journal) when the journal grows.
 *
 * Crash safety, step by step (S = snapshot, J = journal):
 * - commit n: append line n to J, `fdatasync`, then return. A crash before the sync completes
 *   leaves at most a torn last line (without its line end, which is the last byte written), which
 *   opening leaves out (it was never acknowledged) and a writer sets aside.
 * - group commit (decision record 0045): the commits queued while one group is being written form
 *   the next group, written as one append of their lines (in commit order) and one `fdatasync`;
 *   none is acknowledged before that sync. A crash mid-append leaves whole lines of the group and at
 *   most one torn line after them: none of them was acknowledged, and what opening keeps is a prefix
 *   of the commits in order, so every commit it keeps only read what it keeps too.
 * - compaction at n: (1) write S' (seq n) to `snapshot.jsonl.tmp`, sync, rename over S, sync the
 *   directory; (2) write J' (header base n, no lines) to `journal.jsonl.tmp`, sync, rename over J,
 *   sync the directory. Between (1) and (2), S' holds n and J still holds lines up to n, which
 *   opening skips as already in the snapshot: the same state. A crash inside (1) or (2) leaves a
 *   `.tmp` file that opening ignores and a writer removes. The directory sync after (1) is what
 *   makes S' durable before J' can replace J: without it a power cut could keep J' but not S'.
 * - if any step of a compaction fails, the store keeps appending to whichever journal is in
 *   place (both are valid after S'), and tries again at the next commit.
 * - a failed append is cut off again (`ftruncate` to the last good length); when that fails too,
 *   or when a sync fails (after which the kernel may have dropped the unsynced pages), the writer
 *   refuses further commits: reopen the store.
 *
 * @since 0.1.0
 */
import type { FileHandle } from "node:fs/promises"
import * as fs from "node:fs/promises"
import * as path from "node:path"
import { StoreError } from "@danvan/core"
import type { StoreMemory } from "@danvan/store-memory"
import { Clock, Deferred, Effect, Option, Result, type Scope, Semaphore } from "effect"
import * as Canonical from "./Canonical.ts"
import {
  attempt,
  codeOf,
  readIfExists,
  removeIfExists,
  replaceFile,
  syncDirectory,
  unavailable,
  writeAll
} from "./Files.ts"
import * as Format from "./Format.ts"
import type { Loaded } from "./Load.ts"
import * as Load from "./Load.ts"

type Entity = StoreError.Entity

/** What a writer reports about itself (for tests, benchmarks and tools). @since 0.1.0 */
export interface Status {
  readonly seq: number
  readonly snapshotSeq: number
  readonly journalTransactions: number
  readonly journalBytes: number
  readonly compactions: number
  /**
   * Appends made since the store opened, each one `fdatasync`: fewer than the transactions when
   * commits that waited for the same sync were written together (group commit).
   */
  readonly groups: number
}

/** @since 0.1.0 */
export interface Writer {
  /** Appends a commit to the journal and syncs it; compacts afterwards when due. */
  readonly commit: (changes: ReadonlyArray<Format.Change>) => Effect.Effect<void, StoreError.StoreFailure>
  /**
   * Group commit (the engine's `onAppend`): queues a commit, to be written with the commits
   * queued while the previous group is written, in one append and one `fdatasync`.
   */
  readonly append: (
    changes: ReadonlyArray<Format.Change>,
    settle: (failure: StoreError.StoreFailure | undefined) => void
  ) => Effect.Effect<void, StoreError.StoreFailure>
  /** Rewrites the snapshot and starts a fresh journal now. */
  readonly compact: Effect.Effect<void, StoreError.StoreFailure>
  readonly status: Effect.Effect<Status>
}

/** @since 0.1.0 */
export interface Options {
  /** Compact once the journal holds this many transactions. */
  readonly compactAfter: number
}

/**
 * The records a snapshot holds, as the engine lists them (`StoreMemory.Snapshots.listings`): each
 * is encoded while the snapshot is written, so the writer holds no copy of the store beside the
 * engine's (decision record 0050; it used to keep every record's encoded form).
 */
type Listings = ReadonlyArray<StoreMemory.Listing>

/**
 * The canonical JSON of records put since the snapshot, by entity and key, as their commits wrote
 * it to the journal: the next compaction writes these records without serialising them again
 * (after an import, that is every record). Dropped once a snapshot holds them.
 */
type Written = Map<Entity, Map<string, string>>

/**
 * How many characters of `Written` a writer keeps at most (128 Mi: up to 256 MiB of strings).
 * Records put beyond it are serialised again when compacting, as every record once was: the cache
 * only saves time, so a huge import must not make it hold a second copy of the store.
 */
const writtenBudget = 1 << 27

/** The size of the pieces a snapshot is written in. */
const chunkBytes = 1 << 20

/**
 * The snapshot's bytes in pieces of about {@link chunkBytes}: each record line is encoded straight
 * into the piece and checksummed there (`Format.writeChecksummed`); a line longer than a piece
 * gets a piece of its own.
 */
function* snapshotChunks(
  listings: Listings,
  seq: number,
  written: ReadonlyMap<Entity, ReadonlyMap<string, string>> | undefined
): Generator<Uint8Array> {
  let count = 0
  for (const listing of listings) count += listing.keys.length
  let chunk = Buffer.allocUnsafe(chunkBytes)
  let used = chunk.write(Format.snapshotHeaderLine(seq, count), 0, "utf8")
  for (const entity of Format.entityOrder) {
    const listing = listings.find((l) => l.entity === entity)
    if (listing === undefined) continue
    const known = written?.get(entity)
    const { keys } = listing
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!
      let json = known?.get(key)
      if (json === undefined) {
        const fresh = Canonical.stringify(listing.encoded(i))
        if (Result.isFailure(fresh))
          throw new Error(`cannot write ${Format.describe(entity, key)}: ${fresh.failure}`)
        json = fresh.success
      }
      const body = Format.snapshotBody(entity, key, json)
      const room = Format.maxLineBytes(body.length)
      if (used + room > chunk.length) {
        yield chunk.subarray(0, used)
        chunk = Buffer.allocUnsafe(Math.max(chunkBytes, room))
        used = 0
      }
      used = Format.writeChecksummed(chunk, used, body)
    }
  }
  yield chunk.subarray(0, used)
}

/**
 * Writes a whole snapshot file (atomically, durably) from the engine's listings, encoding each
 * record as it is written. Used by compaction and by migration. `written` holds the canonical JSON
 * of some of the records already (that of the listed record under the same key, byte for byte).
 *
 * @since 0.1.0
 */
export const writeSnapshot = (
  directory: string,
  listings: Listings,
  seq: number,
  written?: ReadonlyMap<Entity, ReadonlyMap<string, string>>
): Effect.Effect<void, StoreError.StoreUnavailable> =>
  replaceFile(path.join(directory, Format.files.snapshot), snapshotChunks(listings, seq, written))

/** Opens a fresh journal at `<journal>.tmp` for appending, with its header and `lines`, synced. */
const freshJournal = (directory: string, base: number, lines: ReadonlyArray<Uint8Array>) =>
  attempt(`cannot write a new journal in ${directory}`, async () => {
    const tmp = path.join(directory, `${Format.files.journal}${Format.tmpSuffix}`)
    await fs.unlink(tmp).catch(() => undefined)
    const handle = await fs.open(tmp, "a")
    try {
      const header = Buffer.from(Format.journalHeaderLine(base), "utf8")
      await writeAll(handle, header)
      let bytes = header.length
      for (const line of lines) {
        await writeAll(handle, line)
        bytes += line.length
      }
      await handle.sync()
      return { handle, tmp, bytes }
    } catch (error) {
      await handle.close().catch(() => undefined)
      await fs.unlink(tmp).catch(() => undefined)
      throw error
    }
  })

const v0Path = (directory: string) => path.join(directory, Format.files.v0)

/** Renames a migrated version 0 file aside, durably. */
const setAsideV0 = (directory: string) =>
  Effect.andThen(
    attempt(`cannot set aside ${Format.files.v0} after migrating it`, () =>
      fs.rename(v0Path(directory), path.join(directory, Format.files.v0Backup))
    ),
    syncDirectory(directory)
  )

/**
 * A `store.json` beside a snapshot and a journal: the leftover of a migration cut short after its
 * snapshot was written (then the migration is finished), or a file that is not the store's (then
 * it is left as it is, and reported). It is a leftover only if it reads as a version 0 store
 * holding exactly the records of the snapshot, before any transaction.
 */
const checkLeftoverV0 = (directory: string, loaded: Loaded) =>
  Effect.gen(function* () {
    const bytes = yield* readIfExists(v0Path(directory))
    if (Option.isNone(bytes)) return
    const old = Load.parse({ snapshot: Option.none(), journal: Option.none(), v0: bytes }, directory)
    const same =
      Result.isSuccess(old) &&
      loaded.seq === 0 &&
      Format.entityOrder.every(
        (entity) =>
          Result.getOrUndefined(Canonical.stringify(old.success.snapshot[entity] ?? [])) ===
          Result.getOrUndefined(Canonical.stringify(loaded.snapshot[entity] ?? []))
      )
    if (same) return yield* setAsideV0(directory)
    yield* Effect.logWarning(
      `@danvan/store-json: ${v0Path(directory)} is not a version 0 store with this store's records (${Result.isFailure(old) ? old.failure.reason : "its records differ"}); it was left as it is: move it out of the store's directory`
    )
  })

/** Keeps the bytes of a torn write in `journal.jsonl.torn-<time>` before they are cut off. */
const setAsideTorn = (directory: string, torn: Uint8Array) =>
  Effect.gen(function* () {
    const now = yield* Clock.currentTimeMillis
    const file = path.join(
      directory,
      `${Format.files.journal}.torn-${new Date(now).toISOString().replace(/[:.]/gu, "-")}`
    )
    yield* attempt(`cannot set aside the torn end of the journal in ${file}`, async () => {
      const handle = await fs.open(file, "wx")
      try {
        await writeAll(handle, torn)
        await handle.sync()
      } finally {
        await handle.close()
      }
    })
    yield* syncDirectory(directory)
    yield* Effect.logWarning(
      `@danvan/store-json: the journal ended in ${torn.length} bytes of a write cut short (never acknowledged); they were cut off and kept in ${file}`
    )
  })

/** What a writer starts from, once the directory is in order (see {@link prepare}). */
interface Prepared {
  readonly snapshotSeq: number
  readonly seq: number
  readonly journalTransactions: number
  /** The journal's last transaction lacks its line end: the next append writes it first. */
  readonly needsNewline: boolean
  /** The files are in an older line format: compact now, which writes the current one. */
  readonly olderFormat: boolean
}

/**
 * Puts the directory in order for writing: creates a new store, migrates a version 0 one (and
 * one of format version 1, by compacting it), sets a torn last line aside and cuts it off, drops
 * transactions a cut-short compaction left in the journal, removes temporary files. A last
 * transaction that only lacks its line end is kept as it is (the next commit writes the line end
 * first). Apart from {@link open}'s writer, so that the writer does not keep `loaded` (the file's
 * records, decoded into the engine already) alive.
 */
const prepare = (
  directory: string,
  loaded: Loaded,
  listings: Effect.Effect<Listings>
): Effect.Effect<Prepared, StoreError.StoreFailure> =>
  Effect.gen(function* () {
    const journalPath = path.join(directory, Format.files.journal)
    let needsNewline = false
    for (const file of [Format.files.snapshot, Format.files.journal]) {
      yield* removeIfExists(path.join(directory, `${file}${Format.tmpSuffix}`))
    }

    const journal = loaded.journal
    if (loaded.layout !== "lines" || journal === undefined) {
      // A new store, or a version 0 one migrating: journal first, so that a snapshot never
      // exists without its journal.
      yield* replaceFile(journalPath, [Format.journalHeaderLine(0)])
      yield* writeSnapshot(directory, yield* listings, 0)
      if (loaded.layout === "v0") yield* setAsideV0(directory)
    } else {
      yield* checkLeftoverV0(directory, loaded)
      // A torn write is set aside (never cut without a trace), then left out of the journal.
      if (journal.tornBytes > 0) yield* setAsideTorn(directory, journal.torn)
      if (journal.stale > 0 || journal.base < loaded.snapshotSeq) {
        const fresh = yield* freshJournal(directory, loaded.snapshotSeq, journal.live)
        yield* attempt(`cannot replace ${journalPath}`, async () => {
          await fresh.handle.close()
          await fs.rename(fresh.tmp, journalPath)
        })
        yield* syncDirectory(directory)
      } else if (journal.tornBytes > 0) {
        yield* attempt(`cannot cut the torn last line off ${journalPath}`, async () => {
          const handle = await fs.open(journalPath, "r+")
          try {
            await handle.truncate(journal.validBytes)
            await handle.sync()
          } finally {
            await handle.close()
          }
        })
      } else if (journal.missingNewline) {
        needsNewline = true
      }
    }
    return {
      snapshotSeq: loaded.snapshotSeq,
      seq: loaded.seq,
      journalTransactions: journal?.live.length ?? 0,
      needsNewline,
      olderFormat:
        loaded.layout === "lines" &&
        (loaded.snapshotVersion < Format.formatVersion ||
          (journal?.formatVersion ?? Format.formatVersion) < Format.formatVersion)
    }
  })

/**
 * Puts the directory in order for writing (see {@link prepare}) and opens the journal for
 * appending. Runs only after everything was read and checked, under the writer lock. `listings`
 * gives the engine's committed state: what a snapshot written now holds.
 *
 * @since 0.1.0
 */
export const open = (
  directory: string,
  loaded: Loaded,
  listings: Effect.Effect<Listings>,
  options: Options
): Effect.Effect<Writer, StoreError.StoreFailure, Scope.Scope> =>
  Effect.flatMap(prepare(directory, loaded, listings), (prepared) =>
    openPrepared(directory, prepared, listings, options)
  )

const openPrepared = (
  directory: string,
  prepared: Prepared,
  listings: Effect.Effect<Listings>,
  options: Options
): Effect.Effect<Writer, StoreError.StoreFailure, Scope.Scope> =>
  Effect.gen(function* () {
    const journalPath = path.join(directory, Format.files.journal)
    let writtenJson: Written = new Map()
    let writtenChars = 0
    const lock = yield* Semaphore.make(1)
    let snapshotSeq = prepared.snapshotSeq
    let seq = prepared.seq
    let journalTransactions = prepared.journalTransactions
    let compactions = 0
    let groups = 0
    /** The journal length at which to compact next (pushed back after a failed compaction). */
    let compactAt = options.compactAfter
    let broken: string | undefined
    /** The journal's last transaction lacks its line end: the next append writes it first. */
    let needsNewline = prepared.needsNewline

    let handle: FileHandle = yield* attempt(`cannot open ${journalPath}`, () => fs.open(journalPath, "a"))
    /** Completed when the queued commits are all written (see `flush`); `undefined` while idle. */
    let idle: Deferred.Deferred<void> | undefined
    // Closes whichever journal is current when the scope ends, after the commits queued.
    yield* Effect.addFinalizer(() =>
      Effect.andThen(
        Effect.suspend(() => (idle === undefined ? Effect.void : Deferred.await(idle))),
        lock.withPermits(1)(Effect.promise(() => handle.close().catch(() => undefined)))
      )
    )
    let journalBytes = (yield* attempt(`cannot inspect ${journalPath}`, () => handle.stat())).size

    const refuse = (detail: string) => new StoreError.StoreUnavailable({ reason: "Closed", detail })

    const compactNow: Effect.Effect<void, StoreError.StoreFailure> = Effect.gen(function* () {
      if (broken !== undefined) return yield* Effect.fail(refuse(broken))
      const at = seq
      // Under the lock: no group settles meanwhile, so the engine's committed state is the one
      // at `at` (groups apply to it only when they settle, in `flushGroup`).
      yield* writeSnapshot(directory, yield* listings, at, writtenJson)
      snapshotSeq = at
      writtenJson = new Map()
      writtenChars = 0
      const fresh = yield* freshJournal(directory, at, [])
      const renamed = yield* Effect.result(
        attempt(`cannot replace ${journalPath}`, () => fs.rename(fresh.tmp, journalPath))
      )
      if (Result.isFailure(renamed)) {
        yield* Effect.promise(() => fresh.handle.close().catch(() => undefined))
        yield* Effect.promise(() => fs.unlink(fresh.tmp).catch(() => undefined))
        return yield* Effect.fail(renamed.failure)
      }
      const old = handle
      handle = fresh.handle
      needsNewline = false
      journalBytes = fresh.bytes
      journalTransactions = 0
      compactAt = options.compactAfter
      compactions++
      yield* Effect.promise(() => old.close().catch(() => undefined))
      const synced = yield* Effect.result(syncDirectory(directory))
      if (Result.isFailure(synced)) {
        // The new journal's name may not survive a power cut: appending to it is not durable.
        broken = `after compacting, ${synced.failure.reason}; reopen the store`
        return yield* Effect.fail(synced.failure)
      }
    })

    // The commit that triggers a compaction is durable already: a failed compaction must not fail
    // it. Both journals are valid after the new snapshot; try again `compactAfter` commits later.
    const compactOrPostpone = Effect.catch(compactNow, (error) =>
      Effect.andThen(
        Effect.sync(() => {
          compactAt = journalTransactions + options.compactAfter
        }),
        Effect.logWarning(`@danvan/store-json: compaction failed, will retry later: ${error.message}`)
      )
    )

    /** A commit queued for the next group: its changes, their JSON, its time, whom to tell. */
    interface Entry {
      readonly changes: ReadonlyArray<Format.Change>
      readonly records: ReadonlyArray<string | undefined>
      readonly at: string
      readonly settle: (failure: StoreError.StoreFailure | undefined) => void
    }
    /** Commits queued, in commit order, for the group after the one being written. */
    let queued: Array<Entry> = []
    let flushing = false

    /**
     * Writes one group of commits as one append of their lines and one `fdatasync`, then tells
     * each commit, in order. A failure fails the group and every commit queued after it (they may
     * have read it); a failed write is cut off again as before.
     */
    const flushGroup = (group: ReadonlyArray<Entry>): Effect.Effect<void> =>
      Effect.gen(function* () {
        const failAll = (failure: StoreError.StoreFailure) => {
          for (const entry of [...group, ...queued.splice(0)]) entry.settle(failure)
        }
        if (broken !== undefined) return failAll(refuse(broken))
        const pieces: Array<Uint8Array> = []
        for (let i = 0; i < group.length; i++) {
          const entry = group[i]!
          for (const piece of Format.transactionPieces(
            seq + 1 + i,
            entry.at,
            entry.changes,
            entry.records,
            i === 0 && needsNewline
          ))
            pieces.push(piece)
        }
        let length = 0
        for (const piece of pieces) length += piece.length
        // Small lines go out in one write; an import's megabytes stay in their pieces.
        const out = pieces.length > 1 && length <= chunkBytes ? [Buffer.concat(pieces, length)] : pieces
        const h = handle
        const written = yield* Effect.result(
          Effect.tryPromise({
            try: async () => {
              let stage = "write"
              try {
                for (const piece of out) await writeAll(h, piece)
                stage = "sync"
                await h.datasync()
              } catch (error) {
                throw { stage, error }
              }
            },
            catch: (e) => e as { readonly stage: string; readonly error: unknown }
          })
        )
        if (Result.isFailure(written)) {
          const { stage, error } = written.failure
          const cut = yield* Effect.result(
            attempt("cannot cut off a failed append", async () => {
              await h.truncate(journalBytes)
              await h.sync()
            })
          )
          if (stage === "sync" || Result.isFailure(cut)) {
            broken = `a write to ${journalPath} failed (${codeOf(error) ?? String(error)}); the store refuses further writes: reopen it`
          }
          return failAll(unavailable(`cannot ${stage} ${journalPath}`, error))
        }
        seq += group.length
        groups++
        needsNewline = false
        journalBytes += length
        journalTransactions += group.length
        for (const entry of group) {
          remember(entry.changes, entry.records)
          entry.settle(undefined)
        }
        // After the group is acknowledged: its commits do not wait for the compaction they made
        // due (the groups queued meanwhile do). Still under the lock, so `status` waits for it.
        if (journalTransactions >= compactAt) yield* compactOrPostpone
      })

    /** Writes the queued commits, a group at a time, until none is left. */
    const flush: Effect.Effect<void> = Effect.suspend(() => {
      if (queued.length === 0) {
        flushing = false
        if (idle !== undefined) Deferred.doneUnsafe(idle, Effect.void)
        idle = undefined
        return Effect.void
      }
      const group = queued
      queued = []
      return Effect.andThen(lock.withPermits(1)(flushGroup(group)), flush)
    })

    /** The JSON of the records a durable commit put (within budget), for the next snapshot. */
    const remember = (changes: ReadonlyArray<Format.Change>, records: ReadonlyArray<string | undefined>) => {
      for (let i = 0; i < changes.length; i++) {
        const change = changes[i]!
        let jsonByKey = writtenJson.get(change.entity)
        const json = records[i]
        if (json === undefined) {
          jsonByKey?.delete(change.key)
          continue
        }
        // Written as the record it belongs to, or not at all: a record put again past the
        // budget must not leave its older JSON behind.
        if (writtenChars + json.length <= writtenBudget) {
          if (jsonByKey === undefined) {
            jsonByKey = new Map()
            writtenJson.set(change.entity, jsonByKey)
          }
          jsonByKey.set(change.key, json)
          writtenChars += json.length
        } else jsonByKey?.delete(change.key)
      }
    }

    const append: Writer["append"] = (changes, settle) =>
      Effect.gen(function* () {
        if (broken !== undefined) return yield* Effect.fail(refuse(broken))
        const records: Array<string | undefined> = []
        for (const change of changes) {
          if (change.op === "delete") {
            records.push(undefined)
            continue
          }
          const json = Format.recordJson(change)
          if (Result.isFailure(json)) return yield* Effect.fail(refuse(`cannot write ${json.failure}`))
          records.push(json.success)
        }
        const now = yield* Clock.currentTimeMillis
        queued.push({ changes, records, at: new Date(now).toISOString(), settle })
        if (!flushing) {
          flushing = true
          idle = Deferred.makeUnsafe()
          yield* Effect.forkDetach(flush)
        }
      })

    const commit = (changes: ReadonlyArray<Format.Change>): Effect.Effect<void, StoreError.StoreFailure> =>
      changes.length === 0
        ? Effect.void
        : Effect.uninterruptible(
            Effect.flatMap(Deferred.make<void, StoreError.StoreFailure>(), (durable) =>
              Effect.andThen(
                append(changes, (failure) => {
                  Deferred.doneUnsafe(durable, failure === undefined ? Effect.void : Effect.fail(failure))
                }),
                Deferred.await(durable)
              )
            )
          )

    const writer: Writer = {
      commit,
      append,
      compact: Effect.uninterruptible(lock.withPermits(1)(compactNow)),
      // Under the lock: after the group being written and the compaction it made due.
      status: lock.withPermits(1)(
        Effect.sync(() => ({ seq, snapshotSeq, journalTransactions, journalBytes, compactions, groups }))
      )
    }
    // A store in an older line format is migrated by compacting it: the new snapshot and journal
    // are written in the current format (and until then the older files are read as they are).
    if (journalTransactions >= compactAt || prepared.olderFormat)
      yield* Effect.uninterruptible(lock.withPermits(1)(compactOrPostpone))
    return writer
  })
