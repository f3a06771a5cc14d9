/**
 * Every state a crash can leave the files in opens as the last committed state or the one
 * before: torn journal tails, compactions cut short at each step, a creation cut short.
 * A reader changes nothing; a writer tidies up and carries on.
 */
import * as fs from "node:fs"
import * as path from "node:path"
import { UnitOfWork, UnitRepository } from "@danvan/core"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Exit } from "effect"
import * as Format from "../src/Format.ts"
import { StoreJson } from "../src/index.ts"
import {
  encodeAudit,
  journalText,
  put,
  sampleCommitted,
  sampleStore,
  txLine,
  writeFiles
} from "./support/files.ts"
import * as Records from "./support/records.ts"
import {
  appendAudit,
  compact,
  failureOf,
  filesOf,
  openAndRead,
  readAll,
  summary,
  tempDir
} from "./support/store.ts"

const { snapshot, journal } = sampleStore()

const names = (directory: string) => fs.readdirSync(directory).sort()

const committed = sampleCommitted

describe("a torn last journal line", () => {
  const whole = txLine(6, [put("audit", "a-2", encodeAudit("a-2"))])
  for (const [label, tail] of [
    ["cut short", whole.slice(0, 57)],
    ["cut short before its checksum ends", whole.slice(0, -3)],
    ["without its line end and failing its checksum", whole.slice(0, -1).replace("a-2", "a-3")]
  ] as const) {
    it(`${label}: is left out; a reader leaves it, a writer cuts it off and appends after it`, async () => {
      const directory = tempDir("torn")
      writeFiles(directory, { "snapshot.jsonl": snapshot, "journal.jsonl": journal + tail })
      const before = filesOf(directory)
      expect(await summary(directory, true)).toEqual(committed)
      expect(filesOf(directory)).toEqual(before)
      await appendAudit(directory, "a-9")
      const after = fs.readFileSync(path.join(directory, "journal.jsonl"), "utf8")
      expect(after.startsWith(journal)).toBe(true)
      const appended = after.slice(journal.length).split("\n")
      expect(appended).toHaveLength(2) // one whole line, then the end
      expect(JSON.parse(appended[0]!)).toMatchObject({ seq: 6, changes: [{ entity: "audit", key: "a-9" }] })
      expect(await summary(directory)).toEqual({ ...committed, audit: ["a-1", "a-9"] })
    })
  }
})

describe("a compaction cut short", () => {
  // The state after transaction 5, as a compaction writes it.
  const compacted = async () => {
    const directory = tempDir("compacted")
    writeFiles(directory, { "snapshot.jsonl": snapshot, "journal.jsonl": journal })
    await compact(directory)
    expect(fs.readFileSync(path.join(directory, "journal.jsonl"), "utf8")).toBe(journalText(5, []))
    return fs.readFileSync(path.join(directory, "snapshot.jsonl"), "utf8")
  }

  it("while writing the new snapshot: the temporary file is ignored, then removed by a writer", async () => {
    const directory = tempDir("step1")
    writeFiles(directory, {
      "snapshot.jsonl": snapshot,
      "journal.jsonl": journal,
      "snapshot.jsonl.tmp": (await compacted()).slice(0, 100)
    })
    const before = filesOf(directory)
    expect(await summary(directory, true)).toEqual(committed)
    expect(filesOf(directory)).toEqual(before)
    expect(await summary(directory)).toEqual(committed)
    expect(names(directory)).toEqual(["journal.jsonl", "snapshot.jsonl"])
  })

  it("after the new snapshot, before the new journal: the old journal's transactions are skipped", async () => {
    const directory = tempDir("step2")
    const newSnapshot = await compacted()
    writeFiles(directory, {
      "snapshot.jsonl": newSnapshot,
      "journal.jsonl": journal,
      "journal.jsonl.tmp": journalText(5, []).slice(0, 30)
    })
    const before = filesOf(directory)
    expect(await summary(directory, true)).toEqual(committed)
    expect(filesOf(directory)).toEqual(before)
    expect(await summary(directory)).toEqual(committed)
    expect(names(directory)).toEqual(["journal.jsonl", "snapshot.jsonl"])
    expect(fs.readFileSync(path.join(directory, "journal.jsonl"), "utf8")).toBe(journalText(5, []))
  })

  it("and commits appended to the old journal after it are kept", async () => {
    const directory = tempDir("step2b")
    const newSnapshot = await compacted()
    const extra = txLine(6, [put("audit", "a-2", encodeAudit("a-2"))])
    writeFiles(directory, { "snapshot.jsonl": newSnapshot, "journal.jsonl": journal + extra })
    expect(await summary(directory, true)).toEqual({ ...committed, audit: ["a-1", "a-2"] })
    expect(await summary(directory)).toEqual({ ...committed, audit: ["a-1", "a-2"] })
    expect(fs.readFileSync(path.join(directory, "journal.jsonl"), "utf8")).toBe(
      Buffer.from(journalText(5, [])).toString() + extra
    )
  })

  it("a compaction gives the same state, a readable snapshot, and an empty journal", async () => {
    const newSnapshot = await compacted()
    expect(JSON.parse(newSnapshot.split("\n")[0]!)).toEqual({
      file: "snapshot",
      format: "danvan-store-json",
      formatVersion: Format.formatVersion,
      records: 4,
      seq: 5,
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/)
    })
    expect(
      newSnapshot
        .split("\n")
        .slice(1, -1)
        .map((l) => JSON.parse(l).key)
    ).toEqual(["vn-01", "vn-37", "r-1", "a-1"])
  })
})

describe("creating a store", () => {
  it("in an empty or missing directory: a writer creates it; a reader finds no store", async () => {
    const parent = tempDir("create")
    const directory = path.join(parent, "nested", "store")
    const missing = failureOf(await openAndRead({ directory, readOnly: true }))
    expect(missing.message).toContain("there is no store at")
    expect(await summary(directory)).toEqual({ units: [], reports: [], audit: [] })
    expect(names(directory)).toEqual(["journal.jsonl", "snapshot.jsonl"])
    expect(await summary(directory, true)).toEqual({ units: [], reports: [], audit: [] })
  })

  it("cut short after the journal, before the snapshot: opens as empty", async () => {
    const directory = tempDir("half")
    writeFiles(directory, { "journal.jsonl": journalText(0, []) })
    expect(failureOf(await openAndRead({ directory, readOnly: true }))._tag).toBe("StoreUnavailable")
    await appendAudit(directory, "a-1")
    expect((await summary(directory)).audit).toEqual(["a-1"])
  })
})

describe("writing", () => {
  it.effect("compacts after `compactAfter` transactions, and the result reopens the same", () =>
    Effect.gen(function* () {
      const directory = tempDir("compact")
      const statuses = yield* Effect.gen(function* () {
        const units = yield* UnitRepository
        const maintenance = yield* StoreJson.Maintenance
        const seen = []
        for (let i = 1; i <= 7; i++) {
          yield* units.insert([Records.unit(`vn-${String(i).padStart(2, "0")}`, `Tỉnh ${i}`)])
          seen.push(yield* maintenance.status)
        }
        return seen
      }).pipe(Effect.provide(StoreJson.layer({ directory, compactAfter: 3 })))
      expect(statuses.map((s) => [s?.seq, s?.snapshotSeq, s?.journalTransactions])).toEqual([
        [1, 0, 1],
        [2, 0, 2],
        [3, 3, 0],
        [4, 3, 1],
        [5, 3, 2],
        [6, 6, 0],
        [7, 6, 1]
      ])
      const reopened = yield* readAll.pipe(Effect.provide(StoreJson.layer({ directory, readOnly: true })))
      expect(reopened.units.map((u) => u.id)).toEqual([
        "vn-01",
        "vn-02",
        "vn-03",
        "vn-04",
        "vn-05",
        "vn-06",
        "vn-07"
      ])
    })
  )

  it.effect("a failed transaction writes nothing", () =>
    Effect.gen(function* () {
      const directory = tempDir("rollback")
      yield* Effect.gen(function* () {
        const units = yield* UnitRepository
        yield* units.insert([Records.unit("vn-37")])
      }).pipe(Effect.provide(StoreJson.layer({ directory })))
      const before = filesOf(directory)
      const failed = yield* Effect.exit(
        Effect.gen(function* () {
          const units = yield* UnitRepository
          const uow = yield* UnitOfWork
          yield* uow.transaction(
            Effect.gen(function* () {
              yield* units.insert([Records.unit("vn-01", "Hà Nội")])
              yield* units.insert([Records.unit("vn-37")]) // a duplicate: fails
            })
          )
        }).pipe(Effect.provide(StoreJson.layer({ directory })))
      )
      expect(Exit.isFailure(failed)).toBe(true)
      expect(filesOf(directory)).toEqual(before)
    })
  )
})

describe("a compaction that fails", () => {
  for (const blocked of ["snapshot.jsonl.tmp", "journal.jsonl.tmp"]) {
    it(`(${blocked} cannot be written) fails no commit, loses nothing, and is retried later`, async () => {
      const directory = tempDir("compact-fails")
      const outcome = await Effect.runPromise(
        Effect.gen(function* () {
          const units = yield* UnitRepository
          const maintenance = yield* StoreJson.Maintenance
          // A directory where the compaction wants to write its temporary file.
          fs.mkdirSync(path.join(directory, blocked))
          for (let i = 1; i <= 5; i++) yield* units.insert([Records.unit(`vn-0${i}`, `Tỉnh ${i}`)])
          const blockedStatus = yield* maintenance.status
          fs.rmdirSync(path.join(directory, blocked))
          for (let i = 6; i <= 7; i++) yield* units.insert([Records.unit(`vn-0${i}`, `Tỉnh ${i}`)])
          return { blockedStatus, after: yield* maintenance.status }
        }).pipe(Effect.provide(StoreJson.layer({ directory, compactAfter: 2 })))
      )
      // Failed at 2, postponed to 4, failed again, postponed to 6; succeeded at 6 once unblocked.
      expect(outcome.blockedStatus).toMatchObject({ seq: 5, compactions: 0, journalTransactions: 5 })
      expect(outcome.after).toMatchObject({ seq: 7, compactions: 1, journalTransactions: 1, snapshotSeq: 6 })
      expect((await summary(directory)).units).toHaveLength(7)
      expect((await summary(directory, true)).units).toHaveLength(7)
    })
  }
})
