/**
 * The file format: canonical JSON, checksummed transaction lines, and reading arbitrary bytes.
 */
import { describe, expect, it } from "@effect/vitest"
import { Cause, Effect, Exit, Option, Result } from "effect"
import * as fc from "fast-check"
import * as Canonical from "../src/Canonical.ts"
import * as Files from "../src/Files.ts"
import * as Format from "../src/Format.ts"
import * as Load from "../src/Load.ts"
import {
  encodeAudit,
  encodeUnit,
  journalText,
  put,
  sampleStore,
  snapshotText,
  txLine
} from "./support/files.ts"

const bytes = (s: string) => new Uint8Array(Buffer.from(s, "utf8"))

const shuffleKeys = (value: unknown, seed: number): unknown => {
  if (Array.isArray(value)) return value.map((v) => shuffleKeys(v, seed))
  if (Canonical.isObject(value)) {
    const entries = Object.entries(value)
    const rotated = entries
      .slice(seed % (entries.length || 1))
      .concat(entries.slice(0, seed % (entries.length || 1)))
    return Object.fromEntries(rotated.reverse().map(([k, v]) => [k, shuffleKeys(v, seed)]))
  }
  return value
}

describe("canonical JSON", () => {
  it("writes JSON that reads back to the same value, on one line", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = Result.getOrThrow(Canonical.stringify(value))
        expect(text).not.toContain("\n")
        expect(Result.getOrThrow(Canonical.stringify(JSON.parse(text)))).toBe(text)
        expect(JSON.parse(text)).toStrictEqual(JSON.parse(JSON.stringify(value)))
      })
    )
  })

  it("does not depend on the order of keys", () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.nat(20), (value, seed) => {
        expect(Canonical.stringify(shuffleKeys(value, seed))).toEqual(Canonical.stringify(value))
      })
    )
  })

  it("refuses what JSON cannot hold instead of writing something else", () => {
    const cyclic: Record<string, unknown> = {}
    cyclic.self = cyclic
    for (const bad of [
      Number.NaN,
      Number.POSITIVE_INFINITY,
      1n,
      () => 1,
      new Date(0),
      { a: [Symbol("x")] },
      cyclic
    ]) {
      expect(Result.isFailure(Canonical.stringify(bad))).toBe(true)
    }
    expect(Canonical.stringify({ b: 1, a: undefined, c: "Ninh Bình\n" })).toEqual(
      Result.succeed('{"b":1,"c":"Ninh Bình\\n"}')
    )
  })

  it("a value whose getter throws what cannot be shown is a failure, not a TypeError", () => {
    const throwing = (thrown: unknown) =>
      Object.defineProperty({}, "a", {
        enumerable: true,
        get: () => {
          throw thrown
        }
      })
    // `String(error)` of what the getter threw threw again out of `stringify`.
    expect(Canonical.stringify(throwing({ toString: "" }))).toEqual(Result.fail("an object"))
    expect(Canonical.stringify(throwing(new Error("no field")))).toEqual(Result.fail("no field"))
  })

  it.effect(
    "a file operation that rejects with what cannot be shown is a StoreUnavailable, not a defect",
    () =>
      Effect.gen(function* () {
        const exit = yield* Effect.exit(
          Files.attempt("cannot read x", () => Promise.reject({ toString: "" }))
        )
        expect(Exit.isFailure(exit) && Cause.squash(exit.cause)).toMatchObject({
          _tag: "StoreUnavailable",
          detail: "cannot read x: an object"
        })
      })
  )
})

describe("transaction lines", () => {
  const changes = fc.array(
    fc
      .record({ id: fc.stringMatching(/^[a-z0-9-]{1,12}$/), name: fc.string({ minLength: 1 }) })
      .map(({ id, name }) => put("unit", id, { id, name })),
    { minLength: 1, maxLength: 4 }
  )

  it("read back what they were written with", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e9 }), changes, (seq, cs) => {
        const line = txLine(seq, cs)
        expect(line.endsWith("\n")).toBe(true)
        expect(line.slice(0, -1)).not.toContain("\n")
        const decoded = Format.decodeTransactionLine(bytes(line.slice(0, -1)))
        expect(Result.isSuccess(decoded)).toBe(true)
        if (Result.isSuccess(decoded)) {
          expect(decoded.success.seq).toBe(seq)
          expect(decoded.success.changes.map((c) => [c.key, c.record])).toEqual(
            cs.map((c) => [c.key, c.record])
          )
        }
      })
    )
  })

  it("fail their checksum when any byte changes", () => {
    fc.assert(
      fc.property(changes, fc.nat(), fc.integer({ min: 1, max: 255 }), (cs, at, delta) => {
        const line = bytes(txLine(7, cs).slice(0, -1))
        const i = at % line.length
        const damaged = line.slice()
        damaged[i] = (damaged[i]! + delta) % 256
        const decoded = Format.decodeTransactionLine(damaged)
        expect(Result.isFailure(decoded) && decoded.failure.kind).toBe("Checksum")
      })
    )
  })
})

describe("reading a directory's bytes", () => {
  const none = Option.none<Uint8Array>()

  it("returns a value or a typed error for any bytes, never throws", () => {
    const anyBytes = fc.oneof(
      fc.uint8Array({ maxLength: 300 }),
      fc.string().map(bytes),
      fc.jsonValue().map((v) => bytes(`${JSON.stringify(v)}\n`)),
      fc.jsonValue().map((v) => bytes(`${Format.snapshotHeaderLine(0, 1)}${JSON.stringify(v)}\n`)),
      fc.jsonValue().map((v) => bytes(`${Format.journalHeaderLine(0)}${JSON.stringify(v)}\n`))
    )
    const slot = fc.option(anyBytes, { nil: undefined }).map((b) => (b === undefined ? none : Option.some(b)))
    fc.assert(
      fc.property(slot, slot, slot, (snapshot, journal, v0) => {
        const result = Load.parse({ snapshot, journal, v0 }, "/store")
        if (Result.isFailure(result)) expect(result.failure._tag).toBe("StoreCorrupt")
      }),
      { numRuns: 500 }
    )
  })

  const transactions = [
    [put("unit", "vn-01", encodeUnit("vn-01"))],
    [put("unit", "vn-02", encodeUnit("vn-02")), put("audit", "a-1", encodeAudit("a-1"))],
    [{ entity: "unit", op: "delete", key: "vn-01" } as const],
    [put("unit", "vn-02", encodeUnit("vn-02", 2, "Hà Giang"))]
  ]
  const journal = journalText(0, transactions)
  const snapshot = bytes(snapshotText(0, []))
  const lineStarts = [...journal.matchAll(/\n/g)].map((m) => Buffer.byteLength(journal.slice(0, m.index + 1)))

  it("keeps the whole transactions before a journal cut short anywhere after its header, and one missing only its line end", () => {
    const full = bytes(journal)
    fc.assert(
      fc.property(fc.integer({ min: lineStarts[0]!, max: full.length }), (cut) => {
        const result = Load.parse(
          { snapshot: Option.some(snapshot), journal: Option.some(full.subarray(0, cut)), v0: none },
          "/s"
        )
        const ended = lineStarts.filter((end) => end <= cut).length - 1
        // A cut that removes only a line end leaves a whole transaction: it is kept.
        const onlyLineEnd = lineStarts.includes(cut + 1)
        const whole = onlyLineEnd ? ended + 1 : ended
        const validBytes = onlyLineEnd ? cut : lineStarts[ended]!
        expect(Result.isSuccess(result)).toBe(true)
        if (Result.isSuccess(result)) {
          expect(result.success.seq).toBe(whole)
          expect(result.success.journal?.validBytes).toBe(validBytes)
          expect(result.success.journal?.tornBytes).toBe(cut - validBytes)
          expect(result.success.journal?.missingNewline).toBe(onlyLineEnd)
        }
      }),
      { numRuns: 300 }
    )
  })

  it("reports a journal damaged before its last line as corrupt, naming the line", () => {
    const full = bytes(journal)
    const lastStart = lineStarts.at(-2)!
    fc.assert(
      fc.property(
        fc.integer({ min: lineStarts[0]!, max: lastStart - 1 }),
        fc.integer({ min: 1, max: 255 }),
        (at, delta) => {
          const damaged = full.slice()
          damaged[at] = (damaged[at]! + delta) % 256
          const result = Load.parse(
            { snapshot: Option.some(snapshot), journal: Option.some(damaged), v0: none },
            "/s"
          )
          const line = lineStarts.filter((end) => end <= at).length + 1
          expect(Result.isFailure(result)).toBe(true)
          if (Result.isFailure(result)) expect(result.failure.location).toBe(`/s/journal.jsonl line ${line}`)
        }
      ),
      { numRuns: 300 }
    )
  })

  it("applies the journal's transactions after the snapshot's, skipping those already in it", () => {
    const { snapshot: s, journal: j } = sampleStore()
    const result = Result.getOrThrow(
      Load.parse({ snapshot: Option.some(bytes(s)), journal: Option.some(bytes(j)), v0: none }, "/s")
    )
    expect(result.seq).toBe(5)
    expect(result.snapshot.unit?.map((u) => (u as { name: string }).name)).toEqual([
      "Hà Nội",
      "Tỉnh Ninh Bình"
    ])
    expect(result.locate("unit", 1)).toBe('/s/journal.jsonl line 3 (transaction 5, unit "vn-37")')
    expect(result.locate("unit", 0)).toBe('/s/snapshot.jsonl line 2 (unit "vn-01")')
  })
})
