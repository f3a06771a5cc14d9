/**
 * Damaged files open to a typed `StoreCorrupt` naming the file, the line and the record, and are
 * never changed by the attempt (for writers and readers alike).
 */
import * as fs from "node:fs"
import { describe, expect, it } from "@effect/vitest"
import * as Format from "../src/Format.ts"
import {
  encodeAudit,
  encodeReport,
  encodeUnit,
  journalText,
  put,
  sampleStore,
  snapshotText,
  txLine,
  writeFiles
} from "./support/files.ts"
import { expectCorrupt, openAndRead, tempDir } from "./support/store.ts"

const { snapshot, journal } = sampleStore()
const snapshotLines = snapshot.split("\n")

describe("a damaged snapshot", () => {
  it("cut in the middle of a line: which line, and that it is damaged", async () => {
    const error = await expectCorrupt({
      "snapshot.jsonl": snapshot.slice(0, snapshot.length - 40),
      "journal.jsonl": journal
    })
    expect(error.location).toBe("snapshot.jsonl line 4")
    expect(error.reason).toMatch(/^damaged record \(/)
  })

  it("cut at a line end: the header's record count gives it away", async () => {
    const error = await expectCorrupt({
      "snapshot.jsonl": snapshotLines.slice(0, 3).join("\n"),
      "journal.jsonl": journal
    })
    expect(error.location).toBe("snapshot.jsonl")
    expect(error.reason).toBe("the header says 3 records, the file holds 2: the file was cut short or edited")
  })

  it("with a line that is not JSON (edited, its checksum fails; or written with its checksum)", async () => {
    const damaged = snapshot.replace('"key":"vn-37"', '"key":vn-37"')
    const error = await expectCorrupt({ "snapshot.jsonl": damaged, "journal.jsonl": journal })
    expect(error.location).toBe("snapshot.jsonl line 3")
    expect(error.reason).toMatch(/^damaged record \(checksum mismatch/)
    const checksummed = [
      snapshotLines[0],
      snapshotLines[1],
      Format.checksummed('{"entity":"unit","key":vn-37"').slice(0, -1),
      ...snapshotLines.slice(3)
    ].join("\n")
    const notJson = await expectCorrupt({ "snapshot.jsonl": checksummed, "journal.jsonl": journal })
    expect(notJson.location).toBe("snapshot.jsonl line 3")
    expect(notJson.reason).toMatch(/^not valid JSON/)
  })

  it("with a record whose count is negative: the record and the field", async () => {
    const damaged = snapshotText(3, [
      { entity: "unit", key: "vn-01", record: encodeUnit("vn-01", 1, "Hà Nội") },
      { entity: "unit", key: "vn-37", record: encodeUnit("vn-37") },
      { entity: "report", key: "r-1", record: encodeReport("r-1", "vn-37", -3) }
    ])
    const error = await expectCorrupt({ "snapshot.jsonl": damaged, "journal.jsonl": journalText(3, []) })
    expect(error.location).toBe('snapshot.jsonl line 4 (report "r-1")')
    expect(error.reason).toContain("citizenReceptions")
    expect(error.reason).toContain("greater than or equal to 0")
  })

  it("with the wrong shape: an unknown kind of record, a record filed under another key, a key twice", async () => {
    const unknownKind = await expectCorrupt({
      "snapshot.jsonl": snapshotText(3, [
        { entity: "province" as never, key: "vn-01", record: encodeUnit("vn-01") },
        { entity: "unit", key: "vn-37", record: encodeUnit("vn-37") },
        { entity: "report", key: "r-1", record: encodeReport("r-1", "vn-37", 5) }
      ]),
      "journal.jsonl": journal
    })
    expect(unknownKind.location).toBe("snapshot.jsonl line 2")
    expect(unknownKind.reason).toContain('"entity" must be one of unit, succession')
    const wrongKey = await expectCorrupt({
      "snapshot.jsonl": snapshotText(3, [
        { entity: "unit", key: "vn-02", record: encodeUnit("vn-01") },
        { entity: "unit", key: "vn-37", record: encodeUnit("vn-37") },
        { entity: "report", key: "r-1", record: encodeReport("r-1", "vn-37", 5) }
      ]),
      "journal.jsonl": journal
    })
    expect(wrongKey.location).toBe('snapshot.jsonl line 2 (unit "vn-02")')
    expect(wrongKey.reason).toContain('the record\'s own key is "vn-01"')
    const twice = await expectCorrupt({
      "snapshot.jsonl": snapshotText(0, [
        { entity: "unit", key: "vn-37", record: encodeUnit("vn-37") },
        { entity: "unit", key: "vn-37", record: encodeUnit("vn-37", 2) }
      ]),
      "journal.jsonl": journalText(0, [])
    })
    expect(twice.location).toBe('snapshot.jsonl line 3 (unit "vn-37")')
    expect(twice.reason).toContain("the first is at")
  })

  it("not a store file at all", async () => {
    const error = await expectCorrupt({ "snapshot.jsonl": "# my notes\n", "journal.jsonl": journal })
    expect(error.location).toBe("snapshot.jsonl line 1")
    expect(error.reason).toMatch(/header is not valid JSON/)
  })

  it("whose records break the store's rules (a report of a unit that does not exist)", async () => {
    const error = await expectCorrupt({
      "snapshot.jsonl": snapshotText(0, [
        { entity: "report", key: "r-9", record: encodeReport("r-9", "vn-99") }
      ]),
      "journal.jsonl": journalText(0, [])
    })
    expect(error.location).toBe('snapshot.jsonl line 2 (report "r-9")')
    expect(error.reason).toContain("vn-99")
  })
})

describe("a damaged journal", () => {
  const lines = journal.split("\n")

  it("with a bad checksum before its last line", async () => {
    const damaged = [
      lines[0],
      lines[1]!.replace('"citizenReceptions":7', '"citizenReceptions":8'),
      ...lines.slice(2)
    ].join("\n")
    const error = await expectCorrupt({ "snapshot.jsonl": snapshot, "journal.jsonl": damaged })
    expect(error.location).toBe("journal.jsonl line 2")
    expect(error.reason).toMatch(/^a transaction is damaged \(checksum mismatch/)
  })

  it("with a checksummed transaction whose record has a negative count", async () => {
    const bad = journalText(3, [
      [put("audit", "a-1", encodeAudit("a-1"))],
      [put("report", "r-1", encodeReport("r-1", "vn-37", -3, 2))],
      [put("audit", "a-2", encodeAudit("a-2"))]
    ])
    const error = await expectCorrupt({ "snapshot.jsonl": snapshot, "journal.jsonl": bad })
    expect(error.location).toBe('journal.jsonl line 3 (transaction 5, report "r-1")')
    expect(error.reason).toContain("greater than or equal to 0")
  })

  it("with a transaction missing", async () => {
    const gap = [lines[0], lines[2], ""].join("\n")
    const error = await expectCorrupt({ "snapshot.jsonl": snapshot, "journal.jsonl": gap })
    expect(error.location).toBe("journal.jsonl line 2")
    expect(error.reason).toBe("transaction 5 where 4 was expected: transactions are missing or repeated")
  })

  it("starting after the snapshot's last transaction", async () => {
    const error = await expectCorrupt({ "snapshot.jsonl": snapshot, "journal.jsonl": journalText(7, []) })
    expect(error.location).toBe("journal.jsonl line 1")
    expect(error.reason).toContain("transactions 4 to 7 are missing")
  })

  it("missing while the snapshot exists", async () => {
    const error = await expectCorrupt({ "snapshot.jsonl": snapshot })
    expect(error.location).toBe("journal.jsonl")
    expect(error.reason).toContain("missing")
  })

  it("deleting a record that is not there", async () => {
    const error = await expectCorrupt({
      "snapshot.jsonl": snapshot,
      "journal.jsonl": journalText(3, [[{ entity: "unit", op: "delete", key: "vn-99" }]])
    })
    expect(error.location).toBe('journal.jsonl line 2 (unit "vn-99")')
  })

  it("a snapshot missing while the journal holds transactions", async () => {
    const error = await expectCorrupt({
      "journal.jsonl": journalText(0, [[put("audit", "a-1", encodeAudit("a-1"))]])
    })
    expect(error.location).toBe("snapshot.jsonl")
  })

  it("a damaged line is reported even when followed only by a torn one", async () => {
    const damaged = `${lines[0]}\n${lines[1]!.replace("7", "8")}\n${txLine(6, []).slice(0, 20)}`
    const error = await expectCorrupt({ "snapshot.jsonl": snapshot, "journal.jsonl": damaged })
    expect(error.location).toBe("journal.jsonl line 2")
  })

  it("leaves the store's files and no lock behind", async () => {
    const directory = tempDir("nolock")
    writeFiles(directory, { "snapshot.jsonl": "x\n", "journal.jsonl": journal })
    await openAndRead({ directory })
    expect(fs.readdirSync(directory).sort()).toEqual(["journal.jsonl", "snapshot.jsonl"])
  })
})
