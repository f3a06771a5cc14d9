/**
 * The on-disk format, version 4. A store is a directory:
 *
 * - `snapshot.jsonl`: the state as of transaction `seq`. Line 1 is the header
 *   `{"file":"snapshot","format":"danvan-store-json","formatVersion":4,"records":N,"seq":S,"sha256":"…"}`;
 *   each further line is one record `{"entity":"unit","key":"vn-37","record":{…},"sha256":"…"}`,
 *   sorted by entity (in the port's order) then key, keys of every object sorted, UTF-8, no
 *   whitespace. Written whole to a temporary file, synced, and renamed over the old one, so it is
 *   never torn.
 * - `journal.jsonl`: the transactions committed since. Line 1 is the header
 *   `{"base":B,"file":"journal","format":"danvan-store-json","formatVersion":4,"sha256":"…"}`; each
 *   further line is one transaction `{"seq":N,"at":"…","changes":[…],"sha256":"…"}`, appended and
 *   synced before the commit returns.
 * - `writer.lock`: present while a process has the store open for writing (see `Lock`).
 *
 * Every line ends with its checksum: `sha256` is the SHA-256 (hex) of the line's bytes up to the
 * `,"sha256"` field followed by `}` (the line's JSON without its checksum, byte for byte). So any
 * damaged line (a flipped bit, a zeroed stretch, two lines run together) is found and named.
 *
 * Older versions are read, and migrated by the first writer. Version 3 had the same lines, but its
 * reports had no task follow-up (`ReportContent.taskProgress`): they read with none. The version
 * moved so that version 3 code, which would drop a report's task follow-up when it rewrites the
 * store, refuses a version 4 file instead (decision record 0030). Version 2 had the same lines, but its
 * directives had no issuing unit (`Directive.issuedBy`): on reading, each gets the one decision
 * record 0029 gives it (the centre for a central issuer code, else the store's only province; a
 * store with local directives and no single province is refused, naming one, rather than guessed
 * at). Version 1 was version 2 without checksums on the headers and on the snapshot's records;
 * version 0 was one pretty-printed `store.json`.
 *
 * @since 0.1.0
 */
import { createHash, hash } from "node:crypto"
import { StoreError } from "@danvan/core"
import { Result, Schema } from "effect"
import * as Canonical from "./Canonical.ts"

/** The `format` every header carries. @since 0.1.0 */
export const formatName = "danvan-store-json"

/** The format version this code writes; it reads this one and migrates older ones. @since 0.1.0 */
export const formatVersion = 4

/** A version of the line-oriented format this code reads. @since 0.1.0 */
export type LinesVersion = 1 | 2 | 3 | 4

/** File names inside a store directory. @since 0.1.0 */
export const files = {
  snapshot: "snapshot.jsonl",
  journal: "journal.jsonl",
  lock: "writer.lock",
  /** The single file of format version 0, replaced on migration. */
  v0: "store.json",
  /** Where a migrated version 0 file is kept. */
  v0Backup: "store.json.v0"
} as const

/** The suffix of the temporary file a file is written to before it is renamed into place. @since 0.1.0 */
export const tmpSuffix = ".tmp"

/** The order entities are written in: the port's order. @since 0.1.0 */
export const entityOrder: ReadonlyArray<StoreError.Entity> = StoreError.Entity.literals

const isEntity = Schema.is(StoreError.Entity)

/**
 * One change of a committed transaction: a record stored (`put`, with its JSON-safe encoded
 * form) or removed (`delete`) under its key.
 *
 * @since 0.1.0
 */
export interface Change {
  readonly entity: StoreError.Entity
  readonly op: "put" | "delete"
  readonly key: string
  readonly record?: unknown
}

/** Where in the store's files something was found, for error messages. @since 0.1.0 */
export const at = (file: string, line?: number, what?: string): string =>
  `${file}${line === undefined ? "" : ` line ${line}`}${what === undefined ? "" : ` (${what})`}`

/** A `StoreCorrupt` for a place in a file. @since 0.1.0 */
export const corrupt = (file: string, line: number | undefined, reason: string, what?: string) =>
  new StoreError.StoreCorrupt({ location: at(file, line, what), reason })

/** Names a record in messages: `report "r-1"`. @since 0.1.0 */
export const describe = (entity: string, key: string): string => `${entity} ${JSON.stringify(key)}`

// checksummed lines ----------------------------------------------------------------------------

const checksumField = ',"sha256":"'
/** Bytes after the checksummed part of a line: `,"sha256":"<64 hex>"}`. */
const suffixLength = checksumField.length + 64 + 2
const hex64 = /^[0-9a-f]{64}$/

/** SHA-256 (hex) of bytes. @since 0.1.0 */
export const sha256 = (data: Uint8Array | string): string => hash("sha256", data, "hex")

/**
 * A line with its checksum and line end, from its JSON without the closing brace (`{"seq":1,…`).
 *
 * @since 0.1.0
 */
export const checksummed = (body: string): string => `${body}${checksumField}${sha256(`${body}}`)}"}\n`

/**
 * The most bytes {@link writeChecksummed} writes for a body of this many UTF-16 code units (at
 * most 3 UTF-8 bytes each, then the checksum and line end).
 *
 * @since 0.1.0
 */
export const maxLineBytes = (bodyLength: number): number => bodyLength * 3 + suffixLength + 1

/**
 * Writes the bytes of `checksummed(body)` into `target` at `offset` and returns where they end:
 * the body is encoded to UTF-8 once, and its checksum taken over those bytes, where building the
 * line as text encoded it twice (once to hash it, once to write it) and copied it twice more.
 * `target` must have {@link maxLineBytes} bytes free at `offset`.
 *
 * @since 0.1.0
 */
export const writeChecksummed = (target: Buffer, offset: number, body: string): number => {
  let end = offset + target.write(body, offset, "utf8")
  // The checksum covers the body and a closing brace, which the checksum field then replaces.
  target[end] = 0x7d
  const digest = hash("sha256", target.subarray(offset, end + 1), "hex")
  end += target.write(`${checksumField}${digest}"}\n`, end, "latin1")
  return end
}

/**
 * Verifies a line's checksum over its raw bytes (without the line end): `undefined` when it
 * matches, else why not.
 *
 * @since 0.1.0
 */
export const checksumProblem = (bytes: Uint8Array): string | undefined => {
  if (bytes.length <= suffixLength) return "too short to end with its checksum"
  const suffix = Buffer.from(bytes.subarray(bytes.length - suffixLength)).toString("latin1")
  const digest = suffix.slice(checksumField.length, checksumField.length + 64)
  if (!suffix.startsWith(checksumField) || !suffix.endsWith('"}') || !hex64.test(digest)) {
    return 'does not end with its "sha256" checksum'
  }
  const actual = createHash("sha256")
    .update(bytes.subarray(0, bytes.length - suffixLength))
    .update("}")
    .digest("hex")
  return actual === digest
    ? undefined
    : `checksum mismatch: the line says ${digest}, its content has ${actual}`
}

const utf8 = new TextDecoder("utf-8", { fatal: true })

/** The text of a line's bytes, or why they are not UTF-8. @since 0.1.0 */
export const decodeUtf8 = (bytes: Uint8Array): Result.Result<string, string> => {
  try {
    return Result.succeed(utf8.decode(bytes))
  } catch {
    return Result.fail("not valid UTF-8")
  }
}

// headers ---------------------------------------------------------------------------------------

const NonNegativeInt = Schema.Int.pipe(Schema.check(Schema.isGreaterThanOrEqualTo(0)))

const Version = Schema.Struct({ format: Schema.String, formatVersion: Schema.Int })

const snapshotFields = {
  file: Schema.Literal("snapshot"),
  format: Schema.Literal(formatName),
  records: NonNegativeInt,
  seq: NonNegativeInt
}
const journalFields = {
  base: NonNegativeInt,
  file: Schema.Literal("journal"),
  format: Schema.Literal(formatName)
}

/** The snapshot's header. @since 0.1.0 */
export const SnapshotHeader = Schema.Struct({
  ...snapshotFields,
  formatVersion: Schema.Literals([1, 2, 3, 4])
})
/** @since 0.1.0 */
export type SnapshotHeader = typeof SnapshotHeader.Type

/** The journal's header: `base` is the `seq` of the snapshot it was started after. @since 0.1.0 */
export const JournalHeader = Schema.Struct({ ...journalFields, formatVersion: Schema.Literals([1, 2, 3, 4]) })
/** @since 0.1.0 */
export type JournalHeader = typeof JournalHeader.Type

const headerSchemas = {
  snapshot: {
    1: Schema.Struct({ ...snapshotFields, formatVersion: Schema.Literal(1) }),
    2: Schema.Struct({ ...snapshotFields, formatVersion: Schema.Literal(2), sha256: Schema.String }),
    3: Schema.Struct({ ...snapshotFields, formatVersion: Schema.Literal(3), sha256: Schema.String }),
    4: Schema.Struct({ ...snapshotFields, formatVersion: Schema.Literal(4), sha256: Schema.String })
  },
  journal: {
    1: Schema.Struct({ ...journalFields, formatVersion: Schema.Literal(1) }),
    2: Schema.Struct({ ...journalFields, formatVersion: Schema.Literal(2), sha256: Schema.String }),
    3: Schema.Struct({ ...journalFields, formatVersion: Schema.Literal(3), sha256: Schema.String }),
    4: Schema.Struct({ ...journalFields, formatVersion: Schema.Literal(4), sha256: Schema.String })
  }
} as const

const strict = { onExcessProperty: "error" } as const

/**
 * Decodes a header line (its raw bytes, without the line end): checks its checksum when it has
 * one (a damaged header is corruption, whatever it now claims), then the format name, then the
 * version (a newer one is refused, version 0 never had these files), then the shape.
 *
 * @since 0.1.0
 */
export const decodeHeader = <K extends "snapshot" | "journal">(
  kind: K,
  file: string,
  bytes: Uint8Array
): Result.Result<K extends "snapshot" ? SnapshotHeader : JournalHeader, StoreError.StoreCorrupt> => {
  const text = decodeUtf8(bytes)
  if (Result.isFailure(text)) return Result.fail(corrupt(file, 1, `the header is ${text.failure}`))
  const json = Canonical.parse(text.success)
  if (Result.isFailure(json))
    return Result.fail(corrupt(file, 1, `the header is not valid JSON: ${json.failure}`))
  const hasChecksum = Canonical.isObject(json.success) && "sha256" in json.success
  const damaged = hasChecksum ? checksumProblem(bytes) : undefined
  if (damaged !== undefined) return Result.fail(corrupt(file, 1, `the header is damaged (${damaged})`))
  const version = Schema.decodeUnknownResult(Version)(json.success)
  if (Result.isFailure(version) || version.success.format !== formatName) {
    return Result.fail(
      corrupt(file, 1, `not a ${formatName} file: the first line must be a header naming the format`)
    )
  }
  const found = version.success.formatVersion
  if (found > formatVersion) return Result.fail(newerVersion(file, found))
  if (found < 1) {
    return Result.fail(corrupt(file, 1, `format version ${found} never had a ${kind}.jsonl`))
  }
  const schema = headerSchemas[kind][found as LinesVersion] as Schema.Codec<unknown, unknown>
  const header = Schema.decodeUnknownResult(schema)(json.success, strict)
  if (Result.isFailure(header)) {
    return Result.fail(corrupt(file, 1, `bad header: ${header.failure.message.replaceAll("\n", " ")}`))
  }
  const { sha256: _, ...fields } = header.success as Record<string, unknown>
  return Result.succeed(fields as K extends "snapshot" ? SnapshotHeader : JournalHeader)
}

/** The error for a file written by a newer version of this package. @since 0.1.0 */
export const newerVersion = (file: string, found: number) =>
  corrupt(
    file,
    1,
    `written in format version ${found} by a newer version of @danvan/store-json; this version reads up to ${formatVersion}: upgrade @danvan/store-json to open it (the file is left as it is)`
  )

/** The header line of a snapshot (version 1, without checksums, for tests of migration). @since 0.1.0 */
export const snapshotHeaderLine = (
  seq: number,
  records: number,
  version: LinesVersion = formatVersion
): string => {
  const body = `{"file":"snapshot","format":"${formatName}","formatVersion":${version},"records":${records},"seq":${seq}`
  return version === 1 ? `${body}}\n` : checksummed(body)
}

/** The header line of a journal (version 1, without a checksum, for tests of migration). @since 0.1.0 */
export const journalHeaderLine = (base: number, version: LinesVersion = formatVersion): string => {
  const body = `{"base":${base},"file":"journal","format":"${formatName}","formatVersion":${version}`
  return version === 1 ? `${body}}\n` : checksummed(body)
}

// snapshot records ------------------------------------------------------------------------------

/** The line of one record in a snapshot, given its canonical JSON. @since 0.1.0 */
export const snapshotLine = (
  entity: StoreError.Entity,
  key: string,
  recordJson: string,
  version: LinesVersion = formatVersion
): string => {
  const body = snapshotBody(entity, key, recordJson)
  return version === 1 ? `${body}}\n` : checksummed(body)
}

/**
 * The line of one record in a snapshot without its checksum (for {@link writeChecksummed}).
 *
 * @since 0.1.0
 */
export const snapshotBody = (entity: StoreError.Entity, key: string, recordJson: string): string =>
  `{"entity":"${entity}","key":${JSON.stringify(key)},"record":${recordJson}`

/** A record line, decoded. @since 0.1.0 */
export interface Entry {
  readonly entity: StoreError.Entity
  readonly key: string
  readonly record: Record<string, unknown>
}

const entryShape = (value: unknown, allowed: ReadonlyArray<string>): Result.Result<Entry, string> => {
  if (!Canonical.isObject(value)) return Result.fail("expected a JSON object")
  for (const field of Object.keys(value)) {
    if (!allowed.includes(field)) return Result.fail(`unexpected field ${JSON.stringify(field)}`)
  }
  const { entity, key, record } = value
  if (!isEntity(entity)) {
    return Result.fail(`"entity" must be one of ${entityOrder.join(", ")}, got ${JSON.stringify(entity)}`)
  }
  if (typeof key !== "string" || key.length === 0) {
    return Result.fail(`"key" must be a non-empty string, got ${JSON.stringify(key)}`)
  }
  if (record !== undefined && !Canonical.isObject(record)) {
    return Result.fail(`"record" of ${describe(entity, key)} must be a JSON object`)
  }
  return Result.succeed({ entity, key, record: record ?? {} })
}

/**
 * Decodes one record line of a snapshot (its raw bytes, without the line end; structure only, the
 * domain check is separate). From version 2 the line's checksum is verified first.
 *
 * @since 0.1.0
 */
export const decodeSnapshotLine = (
  bytes: Uint8Array,
  version: LinesVersion
): Result.Result<Entry, string> => {
  if (version >= 2) {
    const damaged = checksumProblem(bytes)
    if (damaged !== undefined) return Result.fail(`damaged record (${damaged})`)
  }
  const text = decodeUtf8(bytes)
  if (Result.isFailure(text)) return Result.fail(text.failure)
  const json = Canonical.parse(text.success)
  if (Result.isFailure(json)) return Result.fail(`not valid JSON: ${json.failure}`)
  const entry = entryShape(
    json.success,
    version >= 2 ? ["entity", "key", "record", "sha256"] : ["entity", "key", "record"]
  )
  if (Result.isSuccess(entry) && !(Canonical.isObject(json.success) && "record" in json.success)) {
    return Result.fail(`${describe(entry.success.entity, entry.success.key)} has no "record"`)
  }
  return entry
}

// journal transactions --------------------------------------------------------------------------

/**
 * The canonical JSON of one change, or why the record cannot be written.
 *
 * @since 0.1.0
 */
export const changeJson = (change: Change): Result.Result<string, string> => {
  if (change.op === "delete") return Result.succeed(`${changeHead(change)}}`)
  const record = recordJson(change)
  return Result.isFailure(record)
    ? record
    : Result.succeed(`${changeHead(change)},"record":${record.success}}`)
}

/** A change in a transaction line up to its record: `{"entity":…,"op":…,"key":…`. */
const changeHead = (change: Change): string =>
  `{"entity":"${change.entity}","op":"${change.op}","key":${JSON.stringify(change.key)}`

/**
 * The canonical JSON of a change's record, or why it cannot be written (naming the record).
 *
 * @since 0.1.0
 */
export const recordJson = (change: Change): Result.Result<string, string> => {
  const record = Canonical.stringify(change.record)
  return Result.isFailure(record)
    ? Result.fail(`${describe(change.entity, change.key)}: ${record.failure}`)
    : record
}

/**
 * The journal line of a transaction, from its changes' canonical JSON, with its checksum and
 * line end.
 *
 * @since 0.1.0
 */
export const transactionLine = (seq: number, at: string, changesJson: ReadonlyArray<string>): string =>
  checksummed(`{"seq":${seq},"at":${JSON.stringify(at)},"changes":[${changesJson.join(",")}]`)

/** The size of the pieces a long line is built in. */
const pieceBytes = 1 << 20

/**
 * The bytes of {@link transactionLine} (after a line end when `afterNewline`: a journal whose
 * last line lacks its own), given each change's record as canonical JSON (`undefined` for a
 * delete), in pieces of about 1 MiB. An import's transaction is one line of many megabytes:
 * each record's JSON is encoded into a piece as it comes and the checksum taken piece by piece,
 * where building the line as one string copied every record into it, then encoded it twice
 * (once to hash it, once to write it).
 *
 * @since 0.1.0
 */
export const transactionPieces = (
  seq: number,
  at: string,
  changes: ReadonlyArray<Change>,
  recordJsons: ReadonlyArray<string | undefined>,
  afterNewline = false
): Array<Buffer> => {
  const pieces: Array<Buffer> = afterNewline ? [Buffer.from("\n", "latin1")] : []
  const digest = createHash("sha256")
  // A commit of a few records gets a piece of its size, not a whole megabyte.
  let most = 64 + suffixLength
  for (let i = 0; i < changes.length && most < pieceBytes; i++) {
    most += 64 + changes[i]!.key.length * 6 + (recordJsons[i]?.length ?? 0) * 3
  }
  let piece = Buffer.allocUnsafe(Math.min(pieceBytes, most))
  let used = 0
  /** Makes room for `bytes` more bytes, passing the full piece to the checksum. */
  const reserve = (bytes: number) => {
    if (used + bytes <= piece.length) return
    const full = piece.subarray(0, used)
    digest.update(full)
    pieces.push(full)
    piece = Buffer.allocUnsafe(Math.max(pieceBytes, bytes))
    used = 0
  }
  const put = (text: string) => {
    reserve(text.length * 3)
    used += piece.write(text, used, "utf8")
  }
  put(`{"seq":${seq},"at":${JSON.stringify(at)},"changes":[`)
  for (let i = 0; i < changes.length; i++) {
    const change = changes[i]!
    const record = recordJsons[i]
    put(i === 0 ? changeHead(change) : `,${changeHead(change)}`)
    if (record !== undefined) {
      put(',"record":')
      put(record)
    }
    put("}")
  }
  put("]")
  // The checksum field goes in the same piece, after the part it checks (the line's last bytes).
  reserve(suffixLength + 1)
  digest.update(piece.subarray(0, used)).update("}")
  used += piece.write(`${checksumField}${digest.digest("hex")}"}\n`, used, "latin1")
  pieces.push(piece.subarray(0, used))
  return pieces
}

/** A transaction line, verified and decoded. @since 0.1.0 */
export interface Transaction {
  readonly seq: number
  readonly at: string
  readonly changes: ReadonlyArray<Entry & { readonly op: "put" | "delete" }>
}

/**
 * Whether bytes begin with a whole, verified transaction line followed by more bytes: what two
 * lines joined by a damaged line end look like. A write cut short never does (a line's checksum
 * ends it), so such a last line is damage, not a torn write.
 *
 * @since 0.1.0
 */
export const startsWithTransaction = (bytes: Uint8Array): boolean => {
  const marker = Buffer.from(checksumField, "latin1")
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length)
  for (let at = buffer.indexOf(marker); at !== -1; at = buffer.indexOf(marker, at + 1)) {
    const end = at + suffixLength
    if (end < bytes.length && Result.isSuccess(decodeTransactionLine(bytes.subarray(0, end)))) return true
  }
  return false
}

/**
 * Verifies a transaction line's checksum (over its raw bytes, without the line end) and decodes
 * it. A `Checksum` failure of a last line without its line end is what a write cut short leaves;
 * any other failure is damage.
 *
 * @since 0.1.0
 */
export const decodeTransactionLine = (
  bytes: Uint8Array
): Result.Result<Transaction, { readonly kind: "Checksum" | "Shape"; readonly reason: string }> => {
  const fail = (kind: "Checksum" | "Shape", reason: string) => Result.fail({ kind, reason })
  const damaged = checksumProblem(bytes)
  if (damaged !== undefined) return fail("Checksum", damaged)
  const text = decodeUtf8(bytes)
  if (Result.isFailure(text)) return fail("Shape", text.failure)
  const json = Canonical.parse(text.success)
  if (Result.isFailure(json)) return fail("Shape", `not valid JSON: ${json.failure}`)
  const value = json.success
  if (!Canonical.isObject(value)) return fail("Shape", "expected a JSON object")
  const { seq, at, changes } = value
  if (!Number.isSafeInteger(seq) || (seq as number) < 1)
    return fail("Shape", `"seq" must be a positive integer`)
  if (typeof at !== "string") return fail("Shape", `"at" must be a string`)
  if (!Array.isArray(changes)) return fail("Shape", `"changes" must be an array`)
  for (const field of Object.keys(value)) {
    if (!["seq", "at", "changes", "sha256"].includes(field)) {
      return fail("Shape", `unexpected field ${JSON.stringify(field)}`)
    }
  }
  const decoded: Array<Entry & { readonly op: "put" | "delete" }> = []
  for (let i = 0; i < changes.length; i++) {
    const change: unknown = changes[i]
    const entry = entryShape(change, ["entity", "op", "key", "record"])
    if (Result.isFailure(entry)) return fail("Shape", `change ${i + 1}: ${entry.failure}`)
    const { op, record } = change as Record<string, unknown>
    if (op === "put" && record !== undefined) decoded.push({ ...entry.success, op })
    else if (op === "delete" && record === undefined) decoded.push({ ...entry.success, op })
    else {
      return fail(
        "Shape",
        `change ${i + 1}: expected "op" "put" with a "record" or "delete" without one, got ${JSON.stringify(op)}`
      )
    }
  }
  return Result.succeed({ seq: seq as number, at, changes: decoded })
}
