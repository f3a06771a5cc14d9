/**
 * How the writer puts bytes on disk: the canonical form and the checksummed lines are what format
 * version 4 always wrote (golden files written before the writer was made faster), a snapshot
 * compacted from the JSON its commits wrote is byte for byte the one re-serialising the records
 * gives, and the byte-level line writer gives the text form's bytes.
 */
import * as fs from "node:fs"
import * as path from "node:path"
import { Ids, ReportRepository, UnitRepository } from "@danvan/core"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Result } from "effect"
import * as fc from "fast-check"
import * as Canonical from "../src/Canonical.ts"
import * as Format from "../src/Format.ts"
import { StoreJson } from "../src/index.ts"
import * as Records from "./support/records.ts"
import { readAll, tempDir } from "./support/store.ts"

const golden = (name: string) => path.join(import.meta.dirname, "golden", name)

/** Commits a fixed history: units, a report import, a deletion (no compaction in between). */
const history = Effect.gen(function* () {
  const units = yield* UnitRepository
  const reports = yield* ReportRepository
  yield* units.insert([
    Records.unit("vn-37", "Ninh Bình"),
    Records.unit("vn-37-01", "Xã Gia Viễn", "vn-37"),
    Records.unit("vn-01", "Hà Nội")
  ])
  yield* reports.insertMany(
    [Records.report("r-2", "vn-37-01", "2024S1", 3), Records.report("r-1", "vn-37", "2024S1", 12)],
    []
  )
  yield* reports.insert(Records.report("r-3", "vn-01", "2024S1"))
  yield* reports.remove(Ids.ReportId.make("r-3"), 1)
})

const read = (directory: string, file: string) => fs.readFileSync(path.join(directory, file))

const compact = Effect.flatMap(StoreJson.Maintenance, (m) => m.compact)

describe("the files the writer writes", () => {
  it.effect("are the bytes format version 4 always wrote (golden journal and snapshot)", () =>
    Effect.gen(function* () {
      const directory = tempDir("golden")
      const store = StoreJson.layer({ directory, compactAfter: 1000 })
      // One store open throughout: the snapshot is compacted from the JSON the commits wrote.
      const journal = yield* Effect.andThen(
        history,
        Effect.sync(() => read(directory, Format.files.journal).toString("utf8"))
      ).pipe(
        Effect.tap(() => compact),
        Effect.provide(store)
      )
      expect(journal).toBe(fs.readFileSync(golden("journal-v4.jsonl"), "utf8"))
      expect(read(directory, Format.files.snapshot).toString("utf8")).toBe(
        fs.readFileSync(golden("snapshot-v4.jsonl"), "utf8")
      )
    })
  )

  it.effect("give the same snapshot from the commits' JSON as from the records, and read back the same", () =>
    Effect.gen(function* () {
      const directory = tempDir("cached")
      const store = StoreJson.layer({ directory, compactAfter: 1000 })
      const written = yield* Effect.andThen(history, Effect.andThen(compact, readAll)).pipe(
        Effect.provide(store)
      )
      const fromCommits = read(directory, Format.files.snapshot)
      // Reopened, the writer knows no record's JSON: compacting serialises every record again.
      const reread = yield* Effect.andThen(compact, readAll).pipe(Effect.provide(store))
      expect(read(directory, Format.files.snapshot).equals(fromCommits)).toBe(true)
      expect(reread).toStrictEqual(written)
      expect(written.units.map((u) => u.id)).toEqual(["vn-01", "vn-37", "vn-37-01"])
      expect(written.reports.map((r) => r.id)).toEqual(["r-1", "r-2"])
    })
  )
})

describe("a checksummed line written as bytes", () => {
  const text = fc.string({ unit: "binary", minLength: 1, maxLength: 200 })

  it("is the UTF-8 of the line written as text, at any offset", () => {
    fc.assert(
      fc.property(text, fc.nat(16), (body, offset) => {
        const target = Buffer.alloc(offset + Format.maxLineBytes(body.length))
        const end = Format.writeChecksummed(target, offset, body)
        expect(target.subarray(offset, end).equals(Buffer.from(Format.checksummed(body), "utf8"))).toBe(true)
        expect(Format.checksumProblem(target.subarray(offset, end - 1))).toBeUndefined()
      })
    )
  })

  it("is the same for a transaction line, after a missing line end or not, across pieces", () => {
    const change = fc.oneof(
      fc
        .record({ key: fc.string({ minLength: 1 }), record: fc.jsonValue() })
        .map(({ key, record }): Format.Change => ({ entity: "report", op: "put", key, record })),
      fc.string({ minLength: 1 }).map((key): Format.Change => ({ entity: "unit", op: "delete", key })),
      // Longer than a piece (1 MiB) once encoded: three bytes a character.
      fc.constant<Format.Change>({ entity: "model", op: "put", key: "m", record: { t: "ệ".repeat(400_000) } })
    )
    fc.assert(
      fc.property(fc.array(change, { minLength: 1, maxLength: 6 }), fc.boolean(), (changes, afterNewline) => {
        const records = changes.map((c) =>
          c.op === "delete" ? undefined : Result.getOrThrow(Canonical.stringify(c.record))
        )
        const line = Format.transactionLine(
          7,
          "2024-06-10T02:00:00.000Z",
          changes.map((c) => Result.getOrThrow(Format.changeJson(c)))
        )
        const bytes = Buffer.concat(
          Format.transactionPieces(7, "2024-06-10T02:00:00.000Z", changes, records, afterNewline)
        )
        expect(bytes.equals(Buffer.from(afterNewline ? `\n${line}` : line, "utf8"))).toBe(true)
      }),
      { numRuns: 60 }
    )
    // Up to six changes of 1.2 MB each, sixty times: seconds of CPU, more on a loaded machine.
  }, 60_000)
})

describe("canonical JSON of many objects of the same shapes", () => {
  /** The canonical form written the plain way: keys sorted at every depth, then `JSON.stringify`. */
  const sorted = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(sorted)
      : Canonical.isObject(value)
        ? Object.fromEntries(
            Object.keys(value)
              .sort()
              .filter((k) => value[k] !== undefined)
              .map((k) => [k, sorted(value[k])])
          )
        : value

  it("is keys sorted at every depth, whichever objects came before", () => {
    // Few key names, so shapes repeat, in every order, and keys that join alike ("a\u0000b").
    const key = fc.constantFrom("a", "b", "a\u0000b", "\u0000", "é", "B", "__proto__x", "")
    const value = fc.letrec((tie) => ({
      json: fc.oneof(
        { depthSize: "small" },
        fc.integer(),
        fc.string({ maxLength: 3 }),
        fc.array(tie("json"), { maxLength: 3 }),
        fc.dictionary(key, tie("json"), { maxKeys: 4 })
      )
    })).json
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 6 }), (values) => {
        for (const v of values) {
          expect(Canonical.stringify(v)).toEqual(Result.succeed(JSON.stringify(sorted(v))))
        }
      })
    )
  })

  it("tells apart objects whose keys join to the same text", () => {
    const first = Canonical.stringify({ "a\u0000b": 1 })
    expect(Canonical.stringify({ a: 1, b: 2 })).toEqual(Result.succeed('{"a":1,"b":2}'))
    expect(first).toEqual(Result.succeed('{"a\\u0000b":1}'))
    expect(Canonical.stringify({ b: 2, a: 1 })).toEqual(Result.succeed('{"a":1,"b":2}'))
    expect(Canonical.stringify({ "a\u0000b": 1 })).toEqual(first)
  })
})
