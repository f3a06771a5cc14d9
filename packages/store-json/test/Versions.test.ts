/**
 * Format versions: a store written by a newer version is refused, untouched; a version 0 store
 * (one pretty-printed `store.json`, rewritten whole on every commit) is read as it is by a
 * reader and migrated by a writer.
 */
import * as fs from "node:fs"
import * as path from "node:path"
import {
  Directive,
  DirectiveRepository,
  type DocumentNumber,
  Ids,
  Page,
  ReportRepository
} from "@danvan/core"
import { Fixtures as F } from "@danvan/store-testkit"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Exit, Schema } from "effect"
import * as Format from "../src/Format.ts"
import { StoreJson } from "../src/index.ts"
import {
  encodeAudit,
  encodeReport,
  encodeUnit,
  journalText,
  sampleStore,
  snapshotText,
  writeFiles
} from "./support/files.ts"
import { failureOf, filesOf, openAndRead, tempDir } from "./support/store.ts"

/** The file with its header rewritten (with a valid checksum) to claim format version `to`. */
const bumpVersion = (text: string, to: number) => {
  const [header, ...rest] = text.split("\n")
  const body = header!
    .replace(/,"sha256":"[0-9a-f]{64}"\}$/u, "")
    .replace(`"formatVersion":${Format.formatVersion}`, `"formatVersion":${to}`)
  return [Format.checksummed(body).slice(0, -1), ...rest].join("\n")
}

describe("a newer format version", () => {
  const { snapshot, journal } = sampleStore()
  for (const file of ["snapshot.jsonl", "journal.jsonl"] as const) {
    it(`in ${file} is refused with a clear error, and the files are left as they are`, async () => {
      const directory = tempDir("newer")
      writeFiles(directory, {
        "snapshot.jsonl":
          file === "snapshot.jsonl" ? bumpVersion(snapshot, Format.formatVersion + 1) : snapshot,
        "journal.jsonl": file === "journal.jsonl" ? bumpVersion(journal, Format.formatVersion + 1) : journal
      })
      const before = filesOf(directory)
      for (const readOnly of [false, true]) {
        const error = failureOf(await openAndRead({ directory, readOnly }))
        expect(error._tag).toBe("StoreCorrupt")
        expect(error.message).toBe(
          `store corrupt at ${path.join(directory, file)} line 1: written in format version ${Format.formatVersion + 1} by a newer version of @danvan/store-json; this version reads up to ${Format.formatVersion}: upgrade @danvan/store-json to open it (the file is left as it is)`
        )
      }
      expect(filesOf(directory)).toEqual(before)
    })
  }
})

/** A version 0 store: one pretty-printed file, records by kind and key. */
const v0 = (entities: Record<string, Record<string, unknown>>, formatVersion = 0) =>
  `${JSON.stringify({ format: "danvan-store-json", formatVersion, entities }, null, 2)}\n`

const v0Store = v0({
  unit: { "vn-37": encodeUnit("vn-37", 3) },
  report: { "r-1": encodeReport("r-1", "vn-37", 12, 2) },
  audit: { "a-1": encodeAudit("a-1") }
})

describe("format version 0", () => {
  it("is read as it is by a reader, which changes nothing", async () => {
    const directory = tempDir("v0-read")
    writeFiles(directory, { "store.json": v0Store })
    const before = filesOf(directory)
    const exit = await openAndRead({ directory, readOnly: true })
    expect(Exit.isSuccess(exit) && exit.value.units.map((u) => [u.id, u.version])).toEqual([["vn-37", 3]])
    expect(filesOf(directory)).toEqual(before)
  })

  it("is migrated by a writer to a snapshot and a journal, keeping the old file aside", async () => {
    const directory = tempDir("v0-migrate")
    writeFiles(directory, { "store.json": v0Store })
    const first = await openAndRead({ directory })
    expect(fs.readdirSync(directory).sort()).toEqual(["journal.jsonl", "snapshot.jsonl", "store.json.v0"])
    expect(fs.readFileSync(path.join(directory, "store.json.v0"), "utf8")).toBe(v0Store)
    expect(fs.readFileSync(path.join(directory, "journal.jsonl"), "utf8")).toBe(journalText(0, []))
    const snapshot = fs.readFileSync(path.join(directory, "snapshot.jsonl"), "utf8").split("\n")
    expect(JSON.parse(snapshot[0]!)).toEqual({
      file: "snapshot",
      format: "danvan-store-json",
      formatVersion: Format.formatVersion,
      records: 3,
      seq: 0,
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/)
    })
    expect(snapshot.slice(1, -1).map((l) => `${JSON.parse(l).entity} ${JSON.parse(l).key}`)).toEqual([
      "unit vn-37",
      "report r-1",
      "audit a-1"
    ])
    const second = await openAndRead({ directory })
    expect(Exit.isSuccess(first) && Exit.isSuccess(second)).toBe(true)
    if (Exit.isSuccess(first) && Exit.isSuccess(second)) {
      expect(second.value).toEqual(first.value)
      expect(second.value.reports.map((r) => [r.id, r.version, r.content.figures])).toEqual([
        ["r-1", 2, expect.objectContaining({ _tag: "QCDC", citizenReceptions: 12 })]
      ])
    }
  })

  it("cut short after writing the new files: the new files win, and a writer finishes the migration", async () => {
    // What a migration of v0Store writes before it renames store.json aside.
    const migrated = tempDir("v0-migrated")
    writeFiles(migrated, { "store.json": v0Store })
    await openAndRead({ directory: migrated })
    const directory = tempDir("v0-half")
    writeFiles(directory, {
      "store.json": v0Store,
      "snapshot.jsonl": fs.readFileSync(path.join(migrated, "snapshot.jsonl")),
      "journal.jsonl": fs.readFileSync(path.join(migrated, "journal.jsonl"))
    })
    const before = filesOf(directory)
    const read = await openAndRead({ directory, readOnly: true })
    expect(Exit.isSuccess(read) && read.value.units.map((u) => u.id)).toEqual(["vn-37"])
    expect(filesOf(directory)).toEqual(before)
    const written = await openAndRead({ directory })
    expect(Exit.isSuccess(written) && written.value).toEqual(Exit.isSuccess(read) && read.value)
    expect(fs.readdirSync(directory).sort()).toEqual(["journal.jsonl", "snapshot.jsonl", "store.json.v0"])
  })

  it("with a bad record is refused naming it, and is not migrated", async () => {
    const directory = tempDir("v0-bad")
    writeFiles(directory, {
      "store.json": v0({
        unit: { "vn-37": encodeUnit("vn-37") },
        report: { "r-1": encodeReport("r-1", "vn-37", -1) }
      })
    })
    const before = filesOf(directory)
    const error = failureOf(await openAndRead({ directory }))
    expect(error._tag === "StoreCorrupt" && error.location).toBe(
      `${path.join(directory, "store.json")} (entities.report["r-1"])`
    )
    expect(filesOf(directory)).toEqual(before)
  })

  it("a store.json claiming a newer version is refused", async () => {
    const directory = tempDir("v0-newer")
    writeFiles(directory, { "store.json": v0({}, 5) })
    const error = failureOf(await openAndRead({ directory }))
    expect(error.message).toContain("written in format version 5 by a newer version")
    expect(fs.readdirSync(directory)).toEqual(["store.json"])
  })
})

/** A directive as format version 2 stored it: no issuing unit. */
const legacyDirective = (id: string, number: DocumentNumber.DocumentNumber): Record<string, unknown> => {
  const { issuedBy: _, ...rest } = Schema.encodeSync(Directive.Directive)(
    new Directive.Directive({ ...F.directive(id, number, { issuedOn: "2024-01-05" }), version: 1 })
  ) as Record<string, unknown>
  return rest
}

describe("format version 2 (directives without an issuing unit)", () => {
  const decision = F.stateNumber(1, "UBND", { year: 2024, type: "QĐ" })
  const decree = F.stateNumber(59, "CP", { year: 2023, type: "NĐ" })
  const v2 = (units: ReadonlyArray<string>) => {
    const records = [
      ...units.map((id) => ({ entity: "unit" as const, key: id, record: encodeUnit(id) })),
      { entity: "directive" as const, key: "nd-59", record: legacyDirective("nd-59", decree) },
      { entity: "directive" as const, key: "qd-01", record: legacyDirective("qd-01", decision) }
    ]
    return {
      "snapshot.jsonl": snapshotText(0, records, records.length, 2),
      "journal.jsonl": journalText(0, [], 2)
    }
  }
  const directivesOf = (directory: string, readOnly: boolean) =>
    Effect.runPromise(
      Effect.flatMap(DirectiveRepository, (r) => Page.collect((page) => r.list({}, page))).pipe(
        Effect.provide(StoreJson.layer({ directory, readOnly }))
      )
    )

  it("is read with each directive's issuer: the centre for a central code, the only province otherwise", async () => {
    const directory = tempDir("v2-directives")
    writeFiles(directory, v2(["vn-37"]))
    const before = filesOf(directory)
    const read = await directivesOf(directory, true)
    expect(read.map((d) => [d.id, d.issuedBy])).toEqual([
      ["nd-59", { _tag: "Central", body: "government" }],
      ["qd-01", { _tag: "Unit", unitId: "vn-37", body: "peoplesCommittee" }]
    ])
    expect(filesOf(directory)).toEqual(before)
    // A writer migrates the files to the current version, the issuer written out.
    const written = await directivesOf(directory, false)
    expect(written).toEqual(read)
    const snapshot = fs.readFileSync(path.join(directory, "snapshot.jsonl"), "utf8").split("\n")
    expect(JSON.parse(snapshot[0]!).formatVersion).toBe(Format.formatVersion)
    expect(snapshot.filter((l) => l.includes('"issuedBy"'))).toHaveLength(2)
  })

  it("with local directives and two provinces is refused, naming a directive, and left as it is", async () => {
    const directory = tempDir("v2-ambiguous")
    writeFiles(directory, v2(["vn-35", "vn-37"]))
    const before = filesOf(directory)
    for (const readOnly of [true, false]) {
      const error = failureOf(await openAndRead({ directory, readOnly }))
      expect(error._tag).toBe("StoreCorrupt")
      expect(error.message).toContain('"qd-01"')
      expect(error.message).toContain("2 provinces")
    }
    expect(filesOf(directory)).toEqual(before)
  })
})

describe("format version 3 (reports without task follow-up)", () => {
  const v3 = () => {
    const { taskProgress: _, ...content } = encodeReport("r-1", "vn-37").content as Record<string, unknown>
    const records = [
      { entity: "unit" as const, key: "vn-37", record: encodeUnit("vn-37") },
      { entity: "report" as const, key: "r-1", record: { ...encodeReport("r-1", "vn-37"), content } }
    ]
    return {
      "snapshot.jsonl": snapshotText(0, records, records.length, 3),
      "journal.jsonl": journalText(0, [], 3)
    }
  }
  const reportOf = (directory: string, readOnly: boolean) =>
    Effect.runPromise(
      Effect.flatMap(ReportRepository, (r) => r.get(Ids.ReportId.make("r-1"))).pipe(
        Effect.provide(StoreJson.layer({ directory, readOnly }))
      )
    )

  it("is read with no task follow-up, unchanged by a reader, and rewritten in the current version by a writer", async () => {
    const directory = tempDir("v3-reports")
    writeFiles(directory, v3())
    expect(fs.readFileSync(path.join(directory, "snapshot.jsonl"), "utf8")).not.toContain("taskProgress")
    const before = filesOf(directory)
    const read = await reportOf(directory, true)
    expect(read.content.taskProgress).toEqual([])
    expect(filesOf(directory)).toEqual(before)
    const written = await reportOf(directory, false)
    expect(written).toEqual(read)
    const snapshot = fs.readFileSync(path.join(directory, "snapshot.jsonl"), "utf8").split("\n")
    expect(JSON.parse(snapshot[0]!).formatVersion).toBe(4)
    expect(snapshot.filter((l) => l.includes('"taskProgress":[]'))).toHaveLength(1)
  })
})
