/**
 * The JSON store never loses an acknowledged transaction to damage: a torn write is only an
 * incomplete last record (no line end, and not a whole verified transaction); a complete record
 * that fails its checksum is corruption, reported naming the file and the line, with no file
 * changed; a last record missing only its line end is kept; read-only opens never change a byte;
 * the snapshot is checksummed too (format version 2, version 1 still read); nothing foreign is
 * renamed or cut without being read and reported.
 */
import * as fs from "node:fs"
import * as path from "node:path"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Logger, Option, Result } from "effect"
import * as fc from "fast-check"
import * as Format from "../src/Format.ts"
import { StoreJson } from "../src/index.ts"
import * as Load from "../src/Load.ts"
import { encodeAudit, put, sampleCommitted, sampleStore, txLine, writeFiles } from "./support/files.ts"
import {
  appendAudit,
  compact,
  expectCorrupt,
  filesOf,
  openAndRead,
  readAll,
  summary,
  tempDir
} from "./support/store.ts"

const { snapshot, journal } = sampleStore()
const committed = sampleCommitted

const bytes = (s: string) => new Uint8Array(Buffer.from(s, "utf8"))
const xor = (b: Uint8Array, at: number, mask: number) => {
  b[at] = (b[at] ?? 0) ^ mask
}
const lastLineStart = Buffer.byteLength(journal.slice(0, journal.lastIndexOf("\n", journal.length - 2) + 1))

/** Parses the files' bytes as a store (the pure reader every open uses). */
const parse = (s: Uint8Array, j: Uint8Array) =>
  Load.parse({ snapshot: Option.some(s), journal: Option.some(j), v0: Option.none() }, "/s")

describe("the JSON store never loses an acknowledged transaction to damage", () => {
  it("a complete last transaction with a flipped byte is corruption naming file and line; no file changed", async () => {
    const damaged = bytes(journal)
    xor(damaged, lastLineStart + 20, 0x04)
    const error = await expectCorrupt({ "snapshot.jsonl": snapshot, "journal.jsonl": damaged })
    expect(error.location).toBe("journal.jsonl line 3")
    expect(error.reason).toMatch(/^the last transaction is damaged \(checksum mismatch/)
  })

  it("a complete last transaction with a zeroed tail (its line end kept) is corruption; no file changed", async () => {
    for (const zeros of [1, 10, 66, 200]) {
      const damaged = bytes(journal)
      damaged.fill(0, damaged.length - 1 - zeros, damaged.length - 1)
      const error = await expectCorrupt({ "snapshot.jsonl": snapshot, "journal.jsonl": damaged })
      expect(error.location).toBe("journal.jsonl line 3")
      expect(error.reason).toContain("damaged")
    }
  })

  it("any single byte changed anywhere in the journal is corruption, never a torn write (property)", () => {
    const s = bytes(snapshot)
    const j = bytes(journal)
    fc.assert(
      fc.property(fc.nat(j.length - 1), fc.integer({ min: 1, max: 255 }), (at, delta) => {
        const damaged = j.slice()
        damaged[at] = (damaged[at]! + delta) % 256
        const r = parse(s, damaged)
        expect(Result.isFailure(r)).toBe(true)
        if (Result.isFailure(r)) expect(r.failure.location).toMatch(/^\/s\/journal\.jsonl line \d+/)
      }),
      { numRuns: 1000 }
    )
  })

  it("a last transaction missing only its line end is kept, and not a reason to rewrite the file", async () => {
    const directory = tempDir("no-newline")
    const cut = journal.slice(0, -1)
    writeFiles(directory, { "snapshot.jsonl": snapshot, "journal.jsonl": cut })
    const before = filesOf(directory)
    expect(await summary(directory, true)).toEqual(committed)
    expect(filesOf(directory)).toEqual(before)
    // A writer that commits nothing changes nothing.
    expect(await summary(directory)).toEqual(committed)
    expect(filesOf(directory)).toEqual(before)
    // The next commit writes the line end, then its own line: the file grows, nothing is rewritten.
    await appendAudit(directory, "a-9")
    const after = fs.readFileSync(path.join(directory, "journal.jsonl"), "utf8")
    expect(after.startsWith(journal)).toBe(true)
    expect(JSON.parse(after.slice(journal.length))).toMatchObject({ seq: 6, changes: [{ key: "a-9" }] })
    expect(await summary(directory, true)).toEqual({ ...committed, audit: ["a-1", "a-9"] })
  })

  it("a torn write (an incomplete last line, not a whole transaction) is left out by a reader, and set aside by a writer", async () => {
    const whole = txLine(6, [put("audit", "a-2", encodeAudit("a-2"))])
    for (const tail of [
      whole.slice(0, 40),
      whole.slice(0, -2),
      `${whole.slice(0, -30)}${"\u0000".repeat(29)}`
    ]) {
      const directory = tempDir("torn")
      writeFiles(directory, { "snapshot.jsonl": snapshot, "journal.jsonl": journal + tail })
      const before = filesOf(directory)
      expect(await summary(directory, true)).toEqual(committed)
      expect(filesOf(directory)).toEqual(before)
      const warnings: Array<string> = []
      const logger = Logger.make((o) => {
        warnings.push(String(o.message))
      })
      await Effect.runPromise(
        readAll.pipe(Effect.provide(StoreJson.layer({ directory })), Effect.provide(Logger.layer([logger])))
      )
      expect(fs.readFileSync(path.join(directory, "journal.jsonl"), "utf8")).toBe(journal)
      const aside = fs.readdirSync(directory).filter((n) => n.startsWith("journal.jsonl.torn-"))
      expect(aside).toHaveLength(1)
      expect(fs.readFileSync(path.join(directory, aside[0]!), "utf8")).toBe(tail)
      expect(warnings.join("\n")).toContain(aside[0])
    }
  })

  it("read-only opens never change a byte, whatever the files hold (property)", async () => {
    const directory = tempDir("readonly")
    const j = bytes(journal)
    await fc.assert(
      fc.asyncProperty(
        fc.nat(j.length),
        fc.oneof(fc.constant(-1), fc.nat(j.length - 1)),
        async (cut, flip) => {
          const damaged = j.slice(0, cut)
          if (flip >= 0 && flip < damaged.length) xor(damaged, flip, 0x20)
          writeFiles(directory, { "snapshot.jsonl": snapshot, "journal.jsonl": damaged })
          const before = filesOf(directory)
          await openAndRead({ directory, readOnly: true })
          expect(filesOf(directory)).toEqual(before)
        }
      ),
      { numRuns: 40 }
    )
  })
})

describe("checksums for the snapshot too (format version 2, version 1 still read)", () => {
  it("random bit flips anywhere in the snapshot are all detected (property)", () => {
    const s = bytes(snapshot)
    const j = bytes(journal)
    fc.assert(
      fc.property(fc.array(fc.nat(s.length * 8 - 1), { minLength: 1, maxLength: 3 }), (bits) => {
        const damaged = s.slice()
        for (const bit of new Set(bits)) xor(damaged, bit >> 3, 1 << (bit & 7))
        const r = parse(damaged, j)
        expect(Result.isFailure(r)).toBe(true)
        if (Result.isFailure(r)) expect(r.failure.location).toMatch(/^\/s\/snapshot\.jsonl/)
      }),
      { numRuns: 2000 }
    )
  })

  it("twenty random bit flips through the store: each refused naming the snapshot's line, no file changed", async () => {
    const rng = fc.sample(fc.nat(Buffer.byteLength(snapshot) * 8 - 1), { numRuns: 20, seed: 42 })
    for (const bit of rng) {
      const damaged = bytes(snapshot)
      xor(damaged, bit >> 3, 1 << (bit & 7))
      const error = await expectCorrupt({ "snapshot.jsonl": damaged, "journal.jsonl": journal })
      expect(error.location).toMatch(/^snapshot\.jsonl( line \d+)?/)
    }
  })

  it("every line the store writes carries its checksum", async () => {
    const directory = tempDir("v2")
    writeFiles(directory, { "snapshot.jsonl": snapshot, "journal.jsonl": journal })
    await compact(directory)
    for (const file of ["snapshot.jsonl", "journal.jsonl"]) {
      const lines = fs.readFileSync(path.join(directory, file), "utf8").split("\n").slice(0, -1)
      expect(lines.length).toBeGreaterThan(0)
      for (const line of lines) {
        expect(JSON.parse(line)).toMatchObject({ sha256: expect.stringMatching(/^[0-9a-f]{64}$/) })
        expect(Format.checksumProblem(bytes(line))).toBeUndefined()
      }
      expect(JSON.parse(lines[0]!).formatVersion).toBe(Format.formatVersion)
    }
  })

  it("a version 1 store is read as it is (no byte changed), and a writer migrates it to version 2", async () => {
    const old = sampleStore(1)
    expect(old.snapshot).not.toContain("sha256")
    const directory = tempDir("v1")
    writeFiles(directory, { "snapshot.jsonl": old.snapshot, "journal.jsonl": old.journal })
    const before = filesOf(directory)
    expect(await summary(directory, true)).toEqual(committed)
    expect(filesOf(directory)).toEqual(before)
    expect(await summary(directory)).toEqual(committed)
    for (const file of ["snapshot.jsonl", "journal.jsonl"]) {
      const header = JSON.parse(fs.readFileSync(path.join(directory, file), "utf8").split("\n")[0]!)
      expect(header).toMatchObject({ formatVersion: Format.formatVersion, sha256: expect.any(String) })
    }
    expect(await summary(directory, true)).toEqual(committed)
  })
})

describe("nothing foreign is renamed or cut without being read and reported", () => {
  for (const [label, content] of [
    ["garbage", "not a store at all\n"],
    [
      "a version 0 store with other records",
      `${JSON.stringify({ format: "danvan-store-json", formatVersion: 0, entities: { unit: {} } })}\n`
    ]
  ] as const) {
    it(`a store.json (${label}) beside a current store is left as it is, and reported`, async () => {
      const directory = tempDir("foreign")
      writeFiles(directory, { "snapshot.jsonl": snapshot, "journal.jsonl": journal, "store.json": content })
      const warnings: Array<string> = []
      const logger = Logger.make((o) => {
        warnings.push(String(o.message))
      })
      const read = await Effect.runPromise(
        readAll.pipe(Effect.provide(StoreJson.layer({ directory })), Effect.provide(Logger.layer([logger])))
      )
      expect(read.units.map((u) => u.id)).toEqual(["vn-01", "vn-37"])
      expect(fs.readFileSync(path.join(directory, "store.json"), "utf8")).toBe(content)
      expect(fs.existsSync(path.join(directory, "store.json.v0"))).toBe(false)
      expect(warnings.join("\n")).toContain(
        `${path.join(directory, "store.json")} is not a version 0 store with this store's records`
      )
    })
  }
})
