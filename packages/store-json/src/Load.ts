/**
 * Reading a store directory into a snapshot the in-memory engine loads, checking everything that
 * can be checked without the domain schemas (which the engine applies): the format and its
 * version, the shape of every line, the journal's checksums and sequence, and that snapshot and
 * journal fit together. Every problem is a `StoreCorrupt` naming the file, the line and the
 * record; nothing here writes.
 *
 * A torn write is the one thing left out without an error: a last journal line with no line end
 * whose bytes are not a whole, verified transaction (a write cut short by a crash, so never
 * acknowledged). It is reported in `JournalState.tornBytes`, so that a writer sets it aside before
 * appending. A last line that is a whole, verified transaction without its line end is kept. Any
 * other damage, a last line that ends with its line end and fails its checksum included, is a
 * `StoreCorrupt`.
 *
 * @since 0.1.0
 */
import * as path from "node:path"
import type { StoreError } from "@danvan/core"
import type { StoreMemory } from "@danvan/store-memory"
import { Effect, Option, Result, type Schema } from "effect"
import * as Canonical from "./Canonical.ts"
import { readIfExists } from "./Files.ts"
import * as Format from "./Format.ts"

type Entity = StoreError.Entity

/**
 * What a directory holds: nothing yet, a version 0 `store.json`, or a snapshot and a journal
 * (format version 1 or 2).
 *
 * @since 0.1.0
 */
export type Layout = "empty" | "v0" | "lines"

/** The journal as found, for the writer that continues it. @since 0.1.0 */
export interface JournalState {
  readonly base: number
  /** The journal's format version. */
  readonly formatVersion: Format.LinesVersion
  /** Bytes up to the end of the last whole, valid transaction (its line end included, if it has one). */
  readonly validBytes: number
  /** Bytes after it: a torn write, to set aside before appending (0 when none). */
  readonly tornBytes: number
  /** Those bytes. */
  readonly torn: Uint8Array
  /** The last transaction is whole but lacks its line end: the next append writes one first. */
  readonly missingNewline: boolean
  /** Transactions already in the snapshot (left by a compaction cut short). */
  readonly stale: number
  /** The raw lines (each with a line end) of the transactions after the snapshot. */
  readonly live: ReadonlyArray<Uint8Array>
}

/** A directory read and checked. @since 0.1.0 */
export interface Loaded {
  readonly layout: Layout
  /** The records, per entity in key order: what `StoreMemory.make({ initial })` loads. */
  readonly snapshot: StoreMemory.Snapshot
  /** Where the record at `snapshot[entity][index]` was read from. */
  readonly locate: (entity: Entity, index: number) => string | undefined
  /** The `seq` of the snapshot file (0 for an empty or version 0 store). */
  readonly snapshotSeq: number
  /** The snapshot file's format version (the current one for an empty or version 0 store). */
  readonly snapshotVersion: Format.LinesVersion
  /** The `seq` of the last committed transaction. */
  readonly seq: number
  readonly journal: JournalState | undefined
}

/** The raw files of a store directory (absent ones as none). @since 0.1.0 */
export interface Files {
  readonly snapshot: Option.Option<Uint8Array>
  readonly journal: Option.Option<Uint8Array>
  readonly v0: Option.Option<Uint8Array>
}

/** Where a record was read: a snapshot line, a journal line (with its transaction), a version 0 key. */
type Where =
  | { readonly file: "snapshot"; readonly line: number }
  | { readonly file: "journal"; readonly line: number; readonly seq: number }
  | { readonly file: "v0" }

interface Held {
  readonly record: Record<string, unknown>
  readonly where: Where
}

const describeWhere = (directory: string, entity: Entity, key: string, where: Where): string => {
  const what = Format.describe(entity, key)
  switch (where.file) {
    case "snapshot":
      return Format.at(path.join(directory, Format.files.snapshot), where.line, what)
    case "journal":
      return Format.at(
        path.join(directory, Format.files.journal),
        where.line,
        `transaction ${where.seq}, ${what}`
      )
    case "v0":
      return Format.at(
        path.join(directory, Format.files.v0),
        undefined,
        `entities.${entity}[${JSON.stringify(key)}]`
      )
  }
}

type State = Map<Entity, Map<string, Held>>

/** Lines of a buffer: `[start, end)` without the `\n`, and whether the line was ended. */
function* lines(
  bytes: Uint8Array
): Generator<{ start: number; end: number; ended: boolean; number: number }> {
  let start = 0
  let number = 1
  while (start < bytes.length) {
    const newline = bytes.indexOf(10, start)
    if (newline === -1) {
      yield { start, end: bytes.length, ended: false, number }
      return
    }
    yield { start, end: newline, ended: true, number }
    start = newline + 1
    number++
  }
}

/**
 * The key the in-memory engine gives an encoded record (`Change.key`): its `id`, or
 * `<reportId>#<revision>` for a report revision. `undefined` when the fields are missing (the
 * engine's decoding then says what is wrong).
 *
 * @since 0.1.0
 */
export const keyOf = (entity: Entity, record: Record<string, unknown>): string | undefined => {
  if (entity === "reportRevision") {
    return typeof record.reportId === "string" && typeof record.revision === "number"
      ? `${record.reportId}#${record.revision}`
      : undefined
  }
  return typeof record.id === "string" ? record.id : undefined
}

const keyMismatch = (entity: Entity, key: string, record: Record<string, unknown>): string | undefined => {
  const actual = keyOf(entity, record)
  return actual === undefined || actual === key
    ? undefined
    : `the line files the record under key ${JSON.stringify(key)}, but the record's own key is ${JSON.stringify(actual)}`
}

const emptyState = (): State => new Map(Format.entityOrder.map((e) => [e, new Map()]))

const parseSnapshot = (
  bytes: Uint8Array,
  file: string
): Result.Result<
  { readonly seq: number; readonly version: Format.LinesVersion; readonly state: State },
  StoreError.StoreCorrupt
> => {
  const state = emptyState()
  let header: Format.SnapshotHeader | undefined
  let count = 0
  for (const line of lines(bytes)) {
    const raw = bytes.subarray(line.start, line.end)
    if (header === undefined) {
      const decoded = Format.decodeHeader("snapshot", file, raw)
      if (Result.isFailure(decoded)) return Result.fail(decoded.failure)
      header = decoded.success
      continue
    }
    if (header.formatVersion === 1 && raw.every((b) => b === 0x20 || b === 0x09 || b === 0x0d)) continue
    const entry = Format.decodeSnapshotLine(raw, header.formatVersion)
    if (Result.isFailure(entry)) return Result.fail(Format.corrupt(file, line.number, entry.failure))
    const { entity, key, record } = entry.success
    const what = Format.describe(entity, key)
    const mismatch = keyMismatch(entity, key, record)
    if (mismatch !== undefined) return Result.fail(Format.corrupt(file, line.number, mismatch, what))
    const table = state.get(entity)!
    const first = table.get(key)
    if (first !== undefined) {
      return Result.fail(
        Format.corrupt(
          file,
          line.number,
          `a second record with this key (the first is at line ${(first.where as { line: number }).line})`,
          what
        )
      )
    }
    table.set(key, { record, where: { file: "snapshot", line: line.number } })
    count++
  }
  if (header === undefined)
    return Result.fail(Format.corrupt(file, undefined, "the file is empty: it has no header"))
  if (count !== header.records) {
    return Result.fail(
      Format.corrupt(
        file,
        undefined,
        `the header says ${header.records} records, the file holds ${count}: the file was cut short or edited`
      )
    )
  }
  return Result.succeed({ seq: header.seq, version: header.formatVersion, state })
}

interface ParsedJournal {
  readonly header: Format.JournalHeader
  readonly transactions: ReadonlyArray<{
    readonly tx: Format.Transaction
    readonly line: number
    readonly raw: Uint8Array
  }>
  readonly validBytes: number
  readonly tornBytes: number
  readonly torn: Uint8Array
  readonly missingNewline: boolean
}

const newline = new Uint8Array([10])

/** A line's bytes with its line end, whether or not the file had one. */
const withNewline = (bytes: Uint8Array, line: { start: number; end: number; ended: boolean }) =>
  line.ended
    ? bytes.subarray(line.start, line.end + 1)
    : Buffer.concat([bytes.subarray(line.start, line.end), newline])

const parseJournal = (
  bytes: Uint8Array,
  file: string
): Result.Result<ParsedJournal, StoreError.StoreCorrupt> => {
  let header: Format.JournalHeader | undefined
  const transactions: Array<ParsedJournal["transactions"][number]> = []
  let validBytes = 0
  let missingNewline = false
  for (const line of lines(bytes)) {
    const raw = bytes.subarray(line.start, line.end)
    if (header === undefined) {
      if (!line.ended) return Result.fail(Format.corrupt(file, 1, "the header is incomplete"))
      const decoded = Format.decodeHeader("journal", file, raw)
      if (Result.isFailure(decoded)) return Result.fail(decoded.failure)
      header = decoded.success
      validBytes = line.end + 1
      continue
    }
    const decoded = Format.decodeTransactionLine(raw)
    if (Result.isFailure(decoded)) {
      // Only a last line without its line end can be a write cut short (the line end is the last
      // byte of the one write that appends a transaction): left out, unless it holds a whole,
      // verified transaction followed by more bytes (two lines joined by a damaged line end).
      if (!line.ended && decoded.failure.kind === "Checksum" && !Format.startsWithTransaction(raw)) break
      const where = line.ended && line.end + 1 === bytes.length ? "the last transaction" : "a transaction"
      return Result.fail(
        Format.corrupt(
          file,
          line.number,
          decoded.failure.kind === "Checksum"
            ? `${where} is damaged (${decoded.failure.reason}); it was complete, so it may have been acknowledged: restore the file from a copy, or remove the line if you are sure it was never acknowledged`
            : decoded.failure.reason
        )
      )
    }
    const tx = decoded.success
    const expected = (transactions.at(-1)?.tx.seq ?? header.base) + 1
    if (tx.seq !== expected) {
      return Result.fail(
        Format.corrupt(
          file,
          line.number,
          `transaction ${tx.seq} where ${expected} was expected: transactions are missing or repeated`
        )
      )
    }
    transactions.push({ tx, line: line.number, raw: withNewline(bytes, line) })
    validBytes = line.ended ? line.end + 1 : line.end
    missingNewline = !line.ended
  }
  if (header === undefined)
    return Result.fail(Format.corrupt(file, undefined, "the file is empty: it has no header"))
  return Result.succeed({
    header,
    transactions,
    validBytes,
    tornBytes: bytes.length - validBytes,
    torn: bytes.subarray(validBytes),
    missingNewline
  })
}

const replay = (
  state: State,
  snapshotSeq: number,
  journal: ParsedJournal,
  file: string
): Result.Result<{ readonly seq: number; readonly journal: JournalState }, StoreError.StoreCorrupt> => {
  const live = journal.transactions.filter((t) => t.tx.seq > snapshotSeq)
  if (journal.header.base > snapshotSeq) {
    return Result.fail(
      Format.corrupt(
        file,
        1,
        `the journal continues from transaction ${journal.header.base}, but the snapshot holds only up to ${snapshotSeq}: transactions ${snapshotSeq + 1} to ${journal.header.base} are missing`
      )
    )
  }
  for (const { tx, line } of live) {
    for (const change of tx.changes) {
      const what = Format.describe(change.entity, change.key)
      const table = state.get(change.entity)!
      if (change.op === "delete") {
        if (!table.delete(change.key)) {
          return Result.fail(
            Format.corrupt(file, line, `transaction ${tx.seq} deletes a record that does not exist`, what)
          )
        }
        continue
      }
      const mismatch = keyMismatch(change.entity, change.key, change.record)
      if (mismatch !== undefined) return Result.fail(Format.corrupt(file, line, mismatch, what))
      table.set(change.key, { record: change.record, where: { file: "journal", line, seq: tx.seq } })
    }
  }
  return Result.succeed({
    seq: Math.max(snapshotSeq, journal.transactions.at(-1)?.tx.seq ?? 0),
    journal: {
      base: journal.header.base,
      formatVersion: journal.header.formatVersion,
      validBytes: journal.validBytes,
      tornBytes: journal.tornBytes,
      torn: journal.torn,
      missingNewline: journal.missingNewline,
      stale: journal.transactions.length - live.length,
      live: live.map((t) => t.raw)
    }
  })
}

const parseV0 = (bytes: Uint8Array, file: string): Result.Result<State, StoreError.StoreCorrupt> => {
  const text = Format.decodeUtf8(bytes)
  if (Result.isFailure(text)) return Result.fail(Format.corrupt(file, undefined, text.failure))
  const json = Canonical.parse(text.success)
  if (Result.isFailure(json))
    return Result.fail(Format.corrupt(file, undefined, `not valid JSON: ${json.failure}`))
  const value = json.success
  if (
    !Canonical.isObject(value) ||
    value.format !== Format.formatName ||
    typeof value.formatVersion !== "number"
  ) {
    return Result.fail(Format.corrupt(file, undefined, `not a ${Format.formatName} file`))
  }
  if (value.formatVersion > Format.formatVersion)
    return Result.fail(Format.newerVersion(file, value.formatVersion))
  if (value.formatVersion !== 0) {
    return Result.fail(
      Format.corrupt(
        file,
        undefined,
        `format version ${value.formatVersion} keeps its records in snapshot.jsonl, not ${path.basename(file)}`
      )
    )
  }
  if (!Canonical.isObject(value.entities)) {
    return Result.fail(Format.corrupt(file, undefined, `"entities" must be an object of records by kind`))
  }
  const state = emptyState()
  for (const [entity, records] of Object.entries(value.entities)) {
    const where = `entities.${entity}`
    const table = state.get(entity as Entity)
    if (table === undefined) return Result.fail(Format.corrupt(file, undefined, "unknown record kind", where))
    if (!Canonical.isObject(records)) {
      return Result.fail(Format.corrupt(file, undefined, "expected an object of records by key", where))
    }
    for (const [key, record] of Object.entries(records)) {
      const what = `entities.${entity}[${JSON.stringify(key)}]`
      if (!Canonical.isObject(record))
        return Result.fail(Format.corrupt(file, undefined, "a record is a JSON object", what))
      const mismatch = keyMismatch(entity as Entity, key, record)
      if (mismatch !== undefined) return Result.fail(Format.corrupt(file, undefined, mismatch, what))
      table.set(key, { record, where: { file: "v0" } })
    }
  }
  return Result.succeed(state)
}

const ascending = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

const toLoaded = (
  directory: string,
  layout: Layout,
  state: State,
  snapshotSeq: number,
  snapshotVersion: Format.LinesVersion,
  seq: number,
  journal: JournalState | undefined
): Loaded => {
  const snapshot: { [E in Entity]?: ReadonlyArray<Schema.Json> } = {}
  const keysOf = new Map<Entity, ReadonlyArray<string>>()
  for (const entity of Format.entityOrder) {
    const table = state.get(entity)!
    if (table.size === 0) continue
    const keys = [...table.keys()].sort(ascending)
    snapshot[entity] = keys.map((k) => table.get(k)!.record as Schema.Json)
    keysOf.set(entity, keys)
  }
  const locate = (entity: Entity, index: number): string | undefined => {
    const key = keysOf.get(entity)?.[index]
    const held = key === undefined ? undefined : state.get(entity)?.get(key)
    return key === undefined || held === undefined
      ? undefined
      : describeWhere(directory, entity, key, held.where)
  }
  return { layout, snapshot, locate, snapshotSeq, snapshotVersion, seq, journal }
}

/**
 * Reads the files of a store directory (given as bytes), or says what is wrong with them.
 * Pure: never throws, whatever the bytes.
 *
 * @since 0.1.0
 */
export const parse = (input: Files, directory: string): Result.Result<Loaded, StoreError.StoreCorrupt> => {
  const name = (file: string) => path.join(directory, file)
  if (Option.isSome(input.snapshot)) {
    if (Option.isNone(input.journal)) {
      return Result.fail(
        Format.corrupt(
          name(Format.files.journal),
          undefined,
          `the file is missing, but ${Format.files.snapshot} exists: transactions may have been lost`
        )
      )
    }
    const snapshot = parseSnapshot(input.snapshot.value, name(Format.files.snapshot))
    if (Result.isFailure(snapshot)) return Result.fail(snapshot.failure)
    const journal = parseJournal(input.journal.value, name(Format.files.journal))
    if (Result.isFailure(journal)) return Result.fail(journal.failure)
    const replayed = replay(
      snapshot.success.state,
      snapshot.success.seq,
      journal.success,
      name(Format.files.journal)
    )
    if (Result.isFailure(replayed)) return Result.fail(replayed.failure)
    return Result.succeed(
      toLoaded(
        directory,
        "lines",
        snapshot.success.state,
        snapshot.success.seq,
        snapshot.success.version,
        replayed.success.seq,
        replayed.success.journal
      )
    )
  }
  if (Option.isSome(input.v0)) {
    const state = parseV0(input.v0.value, name(Format.files.v0))
    return Result.map(state, (s) => toLoaded(directory, "v0", s, 0, Format.formatVersion, 0, undefined))
  }
  if (Option.isSome(input.journal)) {
    // Creating a store writes the journal first, so a journal alone is a creation cut short,
    // unless it holds transactions.
    const journal = parseJournal(input.journal.value, name(Format.files.journal))
    if (Result.isSuccess(journal) && journal.success.transactions.length === 0) {
      return Result.succeed(toLoaded(directory, "empty", emptyState(), 0, Format.formatVersion, 0, undefined))
    }
    return Result.fail(
      Format.corrupt(
        name(Format.files.snapshot),
        undefined,
        `the file is missing, but ${Format.files.journal} holds transactions`
      )
    )
  }
  return Result.succeed(toLoaded(directory, "empty", emptyState(), 0, Format.formatVersion, 0, undefined))
}

/**
 * Reads a store directory: the journal first, then the snapshot, so that a compaction by a
 * writer in between is harmless (the newer snapshot covers every transaction of the older
 * journal). A reader that still finds the two inconsistent (a second compaction in between)
 * reads again before reporting corruption.
 *
 * @since 0.1.0
 */
export const load = (
  directory: string,
  options: { readonly retries: number }
): Effect.Effect<Loaded, StoreError.StoreCorrupt | StoreError.StoreUnavailable> => {
  const once = Effect.gen(function* () {
    const journal = yield* readIfExists(path.join(directory, Format.files.journal))
    const snapshot = yield* readIfExists(path.join(directory, Format.files.snapshot))
    const v0 = Option.isNone(snapshot)
      ? yield* readIfExists(path.join(directory, Format.files.v0))
      : Option.none<Buffer>()
    return yield* Effect.fromResult(parse({ snapshot, journal, v0 }, directory))
  })
  const attempt = (
    left: number
  ): Effect.Effect<Loaded, StoreError.StoreCorrupt | StoreError.StoreUnavailable> =>
    left <= 0
      ? once
      : Effect.catchTag(once, "StoreCorrupt", () => Effect.andThen(Effect.sleep(25), attempt(left - 1)))
  return attempt(options.retries)
}
