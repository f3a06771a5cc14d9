/**
 * The store's state and transaction overlays.
 *
 * `Base` is the committed state: one map per kind, plus the secondary indexes of `Indexes.ts`.
 * It changes only in `Base.apply`, which is synchronous, so a reader (itself synchronous) never
 * sees half a commit. An `Overlay` records writes on top of another view (the base, or another
 * overlay) without touching it: a transaction writes into one, and each repository operation writes
 * into a child overlay that is merged into the transaction's only when the whole operation
 * succeeded, which makes every operation all-or-nothing even inside a transaction.
 *
 * @since 0.1.0
 */
import { StoreError } from "@danvan/core"
import { Result } from "effect"
import { Children } from "./Children.ts"
import type { IndexName } from "./Indexes.ts"
import { indexes, indexesOf, valuesOf } from "./Indexes.ts"
import type { Stored } from "./Stored.ts"
import type { Entity, Records } from "./Tables.ts"
import { entities } from "./Tables.ts"

/** Read access to a state. @since 0.1.0 */
export interface View {
  readonly get: <E extends Entity>(entity: E, key: string) => Stored<E> | undefined
  /** The keys of the records with `value` in an index, in no particular order. */
  readonly lookup: (index: IndexName, value: string) => ReadonlySet<string>
  /** Every key of a kind, ascending (UTF-16 code unit order). */
  readonly keys: (entity: Entity) => ReadonlyArray<string>
}

/** A change to one record: the new stored record, or `null` for a deletion. @since 0.1.0 */
export interface Write {
  readonly entity: Entity
  readonly key: string
  readonly stored: Stored | null
}

const empty: ReadonlySet<string> = new Set()

/** Key order: UTF-16 code units, the order every listing of the store follows. @since 0.1.0 */
export const ascending = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

/** The record of a kind with a key, or `NotFound`. @since 0.1.0 */
export const found = <E extends Entity>(
  view: View,
  entity: E,
  key: string
): Result.Result<Records[E], StoreError.NotFound> => {
  const stored = view.get(entity, key)
  return stored === undefined
    ? Result.fail(new StoreError.NotFound({ entity, id: key }))
    : Result.succeed(stored.record)
}

/**
 * The keys holding one value in an index: a key alone while it is the only one (most index values
 * are: a report's slot, a unit's code, a report's revisions), a set once there are more. A set per
 * value cost about 150 bytes a record at national scale (docs/benchmarks.md, "In-memory engine:
 * indexing once").
 */
type Holders = string | Set<string>

/** One index: value → the keys of the records holding it. */
type Postings = Map<string, Holders>

/** Every index of a state, by name; an index no record has touched yet is absent. */
type IndexMap = Map<IndexName, Postings>

const addHolder = (postings: Postings, value: string, key: string): void => {
  const holders = postings.get(value)
  if (holders === undefined) postings.set(value, key)
  else if (typeof holders === "string") {
    if (holders !== key) postings.set(value, new Set([holders, key]))
  } else holders.add(key)
}

const removeHolder = (postings: Postings, value: string, key: string): void => {
  const holders = postings.get(value)
  if (holders === undefined) return
  if (typeof holders === "string") {
    if (holders === key) postings.delete(value)
    return
  }
  holders.delete(key)
  if (holders.size === 1) postings.set(value, holders.values().next().value!)
  else if (holders.size === 0) postings.delete(value)
}

/** The keys holding a value, as a set (a fresh one when a key is held alone). */
const holdersOf = (postings: Postings | undefined, value: string): ReadonlySet<string> => {
  const holders = postings?.get(value)
  return holders === undefined ? empty : typeof holders === "string" ? new Set([holders]) : holders
}

const postingsOf = (index: IndexMap, name: IndexName): Postings => {
  let postings = index.get(name)
  if (postings === undefined) {
    postings = new Map()
    index.set(name, postings)
  }
  return postings
}

/** Adds a record's values to the named indexes (every index of its kind by default). */
const indexRecord = (index: IndexMap, stored: Stored, names = indexesOf(stored.entity)): void => {
  for (const name of names) {
    const postings = postingsOf(index, name)
    for (const value of valuesOf(name, stored.record)) addHolder(postings, value, stored.key)
  }
}

/** Removes a record's values from the named indexes (every index of its kind by default). */
const unindexRecord = (index: IndexMap, stored: Stored, names = indexesOf(stored.entity)): void => {
  for (const name of names) {
    const postings = index.get(name)
    if (postings === undefined) continue
    for (const value of valuesOf(name, stored.record)) removeHolder(postings, value, stored.key)
  }
}

/**
 * Moves a record's index entries from its previous version to its next one, touching only the
 * values that differ: a status change (submit, return, approve) keeps a report's unit, period and
 * slot, so the commit leaves those postings alone instead of removing the key from them and adding
 * it back. Some postings hold a large share of the store (every report of a period and
 * programme), and taking a key out of such a set and putting it back is work that grows with it.
 */
const reindexRecord = (
  index: IndexMap,
  previous: Stored,
  next: Stored,
  names = indexesOf(next.entity)
): void => {
  for (const name of names) {
    const before = valuesOf(name, previous.record)
    const after = valuesOf(name, next.record)
    if (before.length === after.length && before.every((v, i) => v === after[i])) continue
    const postings = postingsOf(index, name)
    for (const value of before) if (!after.includes(value)) removeHolder(postings, value, previous.key)
    for (const value of after) if (!before.includes(value)) addHolder(postings, value, next.key)
  }
}

/** The committed state. @since 0.1.0 */
export class Base implements View {
  private readonly tables = new Map<Entity, Map<string, Stored>>(entities.map((e) => [e, new Map()]))
  private readonly index: IndexMap = new Map()
  private readonly sorted = new Map<Entity, ReadonlyArray<string>>()
  private readonly changes = new Map<Entity, number>()
  private readonly children = new Children()

  /** The stored units with a parent link to a unit, at any time (see `Children`). */
  childrenOf(parentId: string): ReadonlyArray<Stored<"unit">> {
    return this.children.of(parentId)
  }

  /** Every unit's children, in the compact form the jurisdiction's walk reads (see `Children`). */
  get tree(): Children {
    return this.children
  }

  /**
   * How many writes of a kind have been applied so far: a result derived from that kind's records
   * alone (a jurisdiction's walk, from the units) stays valid while this number does.
   */
  changesOf(entity: Entity): number {
    return this.changes.get(entity) ?? 0
  }

  get<E extends Entity>(entity: E, key: string): Stored<E> | undefined {
    return this.tables.get(entity)!.get(key) as Stored<E> | undefined
  }

  lookup(name: IndexName, value: string): ReadonlySet<string> {
    return holdersOf(this.index.get(name), value)
  }

  keys(entity: Entity): ReadonlyArray<string> {
    let keys = this.sorted.get(entity)
    if (keys === undefined) {
      keys = [...this.tables.get(entity)!.keys()].sort(ascending)
      this.sorted.set(entity, keys)
    }
    return keys
  }

  /** How many records of a kind are stored. */
  size(entity: Entity): number {
    return this.tables.get(entity)!.size
  }

  /**
   * Applies writes, in order. Synchronous: a reader never sees part of it. The only place a
   * committed record is indexed: the overlays a transaction wrote through index their records
   * only when a read inside the transaction asks (`Overlay.lookup`).
   */
  apply(writes: Iterable<Write>): void {
    for (const w of writes) this.applyTo(w.entity, this.tables.get(w.entity)!, w.key, w.stored)
  }

  /**
   * Applies an overlay's writes (see {@link apply}), kind by kind, straight from its maps: an
   * import's commit makes no `Write` per record to apply it (docs/benchmarks.md, "In-memory
   * import: fewer hash operations per record", sixth pass). `each` is called with every record
   * stored.
   */
  applyOverlay(overlay: Overlay, each?: (stored: Stored) => void): void {
    for (const [entity, chunks] of overlay.ownInserts()) this.insertAll(entity, chunks, each)
    for (const [entity, writes] of overlay.ownWrites()) {
      const table = this.tables.get(entity)!
      for (const [key, stored] of writes) {
        this.applyTo(entity, table, key, stored)
        if (stored !== null) each?.(stored)
      }
    }
  }

  /**
   * Applies records an overlay took as new (`Overlay.insertNew`): the kind's postings and its
   * count of changes are found once for the whole list, not once per record and index (an
   * import's commit applies a province's reports and revisions here). The table is not asked
   * whether it holds a key: the overlay's records were shown new against a view over this state
   * (`Contract.check` through the overlay), and this state has not changed since, since it
   * changes only in a commit, under the write lock the transaction holds from its first check to
   * this commit (`Engine.ts`, without group commit: the only caller).
   */
  private insertAll(
    entity: Entity,
    chunks: ReadonlyArray<ReadonlyArray<Stored>>,
    each: ((stored: Stored) => void) | undefined
  ): void {
    const table = this.tables.get(entity)!
    if (entity === "unit") {
      for (const chunk of chunks)
        for (const s of chunk) {
          this.applyTo(entity, table, s.key, s)
          each?.(s)
        }
      return
    }
    const names = indexesOf(entity)
    const postings = names.map((name) => postingsOf(this.index, name))
    const values = names.map((name) => indexes[name].values as (record: unknown) => ReadonlyArray<string>)
    let inserted = 0
    for (const chunk of chunks) {
      for (const s of chunk) {
        for (let i = 0; i < postings.length; i++) {
          for (const value of values[i]!(s.record)) addHolder(postings[i]!, value, s.key)
        }
        table.set(s.key, s)
        inserted++
        each?.(s)
      }
    }
    if (inserted === 0) return
    this.changes.set(entity, this.changesOf(entity) + inserted)
    if (this.sorted.size > 0) this.sorted.delete(entity)
  }

  private applyTo(entity: Entity, table: Map<string, Stored>, key: string, stored: Stored | null): void {
    const old = table.get(key)
    this.changes.set(entity, this.changesOf(entity) + 1)
    if (entity === "unit") {
      this.children.move(
        old as Stored<"unit"> | undefined,
        (stored ?? undefined) as Stored<"unit"> | undefined
      )
    }
    if (stored === null) {
      if (old === undefined) return
      unindexRecord(this.index, old)
      table.delete(key)
    } else {
      if (old === undefined) indexRecord(this.index, stored)
      else reindexRecord(this.index, old, stored)
      table.set(key, stored)
      if (old !== undefined) return
    }
    if (this.sorted.size > 0) this.sorted.delete(entity)
  }
}

/**
 * Writes on top of another view, invisible to it until merged or applied.
 *
 * An overlay indexes its own records lazily: an index is built from them the first time a read
 * through this overlay asks it (`lookup`), and kept up to date from then on. An import, which
 * writes and does not query what it wrote, so indexes each record once, when the commit applies it
 * to the base, instead of in every overlay it passed through.
 *
 * @since 0.1.0
 */
export class Overlay implements View {
  private readonly own = new Map<Entity, Map<string, Stored | null>>()
  /**
   * Per kind, records inserted under keys shown new to this overlay and every view below it
   * (`insertNew`), in order, not yet keyed in `own`: an import's batch is kept as the list it came
   * in, and keyed only if a read or another write of the kind in this overlay needs it. A kind is
   * either here or in `own`, never both.
   */
  private readonly fresh = new Map<Entity, Array<ReadonlyArray<Stored>>>()
  /** The indexes built so far over this overlay's own records (see `lookup`). */
  private readonly ownIndex: IndexMap = new Map()
  private readonly sorted = new Map<Entity, ReadonlyArray<string>>()
  readonly parent: View

  constructor(parent: View) {
    this.parent = parent
  }

  /** The kind's own writes by key, keying its `fresh` records first when it has some. */
  private mine(entity: Entity): Map<string, Stored | null> | undefined {
    const chunks = this.fresh.get(entity)
    if (chunks === undefined) return this.own.get(entity)
    this.fresh.delete(entity)
    const mine = new Map<string, Stored | null>()
    for (const chunk of chunks) for (const s of chunk) mine.set(s.key, s)
    this.own.set(entity, mine)
    return mine
  }

  /** Keys every kind's `fresh` records (before the writes are listed or moved as a whole). */
  private keyAll(): void {
    for (const entity of [...this.fresh.keys()]) this.mine(entity)
  }

  get<E extends Entity>(entity: E, key: string): Stored<E> | undefined {
    const mine = this.mine(entity)
    if (mine?.has(key)) return (mine.get(key) ?? undefined) as Stored<E> | undefined
    return this.parent.get(entity, key)
  }

  lookup(name: IndexName, value: string): ReadonlySet<string> {
    const mine = this.mine(indexes[name].entity)
    const inherited = this.parent.lookup(name, value)
    if (mine === undefined || mine.size === 0) return inherited
    const added = holdersOf(this.built(name, mine), value)
    const out = new Set<string>()
    for (const key of inherited) if (!mine.has(key)) out.add(key)
    for (const key of added) out.add(key)
    return out
  }

  /** The index `name` over this overlay's own records, built on first use. */
  private built(name: IndexName, mine: Map<string, Stored | null>): Postings {
    let postings = this.ownIndex.get(name)
    if (postings === undefined) {
      postings = new Map()
      this.ownIndex.set(name, postings)
      for (const stored of mine.values()) {
        if (stored !== null)
          for (const value of valuesOf(name, stored.record)) addHolder(postings, value, stored.key)
      }
    }
    return postings
  }

  keys(entity: Entity): ReadonlyArray<string> {
    const mine = this.mine(entity)
    if (mine === undefined || mine.size === 0) return this.parent.keys(entity)
    let keys = this.sorted.get(entity)
    if (keys === undefined) {
      const inherited = this.parent.keys(entity).filter((k) => !mine.has(k))
      const added = [...mine].flatMap(([k, s]) => (s === null ? [] : [k])).sort(ascending)
      keys = merge(inherited, added)
      this.sorted.set(entity, keys)
    }
    return keys
  }

  /** Stores a record (an insert or an update). */
  put(stored: Stored): void {
    this.write(stored.entity, stored.key, stored)
  }

  /** Deletes a record. */
  delete(entity: Entity, key: string): void {
    this.write(entity, key, null)
  }

  /** Records a write (a record, or `null` for a deletion). */
  putWrite(w: Write): void {
    this.write(w.entity, w.key, w.stored)
  }

  /**
   * Stores records under keys the caller has shown new: absent from this overlay and every view
   * below it, and each given once (what `Contract.check` proves of an insert it accepts, against
   * this overlay as its view, before anything is stored). They are kept as the list given (which
   * the overlay now owns) until a read or another write of the kind keys them.
   */
  insertNew(entity: Entity, stored: ReadonlyArray<Stored>): void {
    if (stored.length === 0) return
    const chunks = this.fresh.get(entity)
    if (chunks !== undefined) chunks.push(stored)
    else if (this.own.has(entity) || this.ownIndex.size > 0) for (const s of stored) this.put(s)
    else this.fresh.set(entity, [stored])
  }

  /** Whether this overlay has any write. */
  get isEmpty(): boolean {
    if (this.fresh.size > 0) return false
    for (const m of this.own.values()) if (m.size > 0) return false
    return true
  }

  /** The records of each kind this overlay took as new (`insertNew`) and has not keyed. */
  ownInserts(): ReadonlyMap<Entity, ReadonlyArray<ReadonlyArray<Stored>>> {
    return this.fresh
  }

  /**
   * This overlay's other writes by kind: key → the record, or `null` for a deletion. With
   * {@link ownInserts}, every write; no kind is in both.
   */
  ownWrites(): ReadonlyMap<Entity, ReadonlyMap<string, Stored | null>> {
    return this.own
  }

  /** This overlay's writes, in the order their records were first written. */
  writes(): ReadonlyArray<Write> {
    this.keyAll()
    const out: Array<Write> = []
    for (const [entity, m] of this.own) for (const [key, stored] of m) out.push({ entity, key, stored })
    return out
  }

  /**
   * Moves this overlay's writes into the overlay below it. Records taken as new here are new
   * there too (this overlay's view includes it), so they move as they are.
   */
  mergeInto(target: Overlay): void {
    for (const [entity, m] of this.own) for (const [key, stored] of m) target.write(entity, key, stored)
    for (const [entity, chunks] of this.fresh) for (const chunk of chunks) target.insertNew(entity, chunk)
  }

  private write(entity: Entity, key: string, stored: Stored | null): void {
    this.mine(entity)
    let mine = this.own.get(entity)
    if (mine === undefined) {
      mine = new Map()
      this.own.set(entity, mine)
    }
    if (this.ownIndex.size > 0) {
      // Only the indexes a read has built need keeping up to date.
      const names = indexesOf(entity).filter((name) => this.ownIndex.has(name))
      if (names.length > 0) {
        const previous = mine.get(key)
        if (previous === undefined || previous === null) {
          if (stored !== null) indexRecord(this.ownIndex, stored, names)
        } else if (stored === null) unindexRecord(this.ownIndex, previous, names)
        else reindexRecord(this.ownIndex, previous, stored, names)
      }
    }
    mine.set(key, stored)
    // Only a listing read in this overlay sorts its keys: an import writes without one.
    if (this.sorted.size > 0) this.sorted.delete(entity)
  }
}

const merge = (a: ReadonlyArray<string>, b: ReadonlyArray<string>): ReadonlyArray<string> => {
  if (b.length === 0) return a
  const out: Array<string> = []
  let i = 0
  let j = 0
  while (i < a.length && j < b.length) out.push(a[i]! < b[j]! ? a[i++]! : b[j++]!)
  while (i < a.length) out.push(a[i++]!)
  while (j < b.length) out.push(b[j++]!)
  return out
}
