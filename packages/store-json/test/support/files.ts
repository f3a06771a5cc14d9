/**
 * Store files built by hand (with the format's own line writers), for tests that need exact
 * bytes: damaged files, crash windows, older and newer format versions.
 */
import * as fs from "node:fs"
import * as path from "node:path"
import { AuditEntry, Report, type StoreError, Unit } from "@danvan/core"
import { Result, Schema } from "effect"
import * as Canonical from "../../src/Canonical.ts"
import * as Format from "../../src/Format.ts"
import * as Records from "./records.ts"

export type Encoded = Record<string, unknown>

export const encodeUnit = (id: string, version = 1, name?: string): Encoded =>
  ({ ...Schema.encodeSync(Unit.Unit)(Records.unit(id, name)), version }) as Encoded

/** An encoded report; `receptions` is written as given, even when invalid (negative). */
export const encodeReport = (id: string, unitId: string, receptions = 0, version = 1): Encoded => {
  const encoded = Schema.encodeSync(Report.Report)(Records.report(id, unitId, "2024S1")) as Encoded
  const content = encoded.content as Encoded
  return {
    ...encoded,
    content: { ...content, figures: { ...(content.figures as Encoded), citizenReceptions: receptions } },
    version
  }
}

export const encodeAudit = (id: string, subjectId = "r-1"): Encoded =>
  Schema.encodeSync(AuditEntry.AuditEntry)(Records.audit(id, subjectId)) as Encoded

export interface Put {
  readonly entity: StoreError.Entity
  readonly key: string
  readonly record: Encoded
}

const json = (value: unknown) => Result.getOrThrow(Canonical.stringify(value))

/** A snapshot file holding `records` at `seq` (in the current format, or the given version). */
export const snapshotText = (
  seq: number,
  records: ReadonlyArray<Put>,
  count = records.length,
  version: Format.LinesVersion = Format.formatVersion
): string =>
  Format.snapshotHeaderLine(seq, count, version) +
  records.map((r) => Format.snapshotLine(r.entity, r.key, json(r.record), version)).join("")

/** A transaction line. */
export const txLine = (seq: number, changes: ReadonlyArray<Format.Change>): string =>
  Format.transactionLine(
    seq,
    "2024-06-14T09:00:00.000Z",
    changes.map((c) => Result.getOrThrow(Format.changeJson(c)))
  )

export const put = (entity: StoreError.Entity, key: string, record: Encoded): Format.Change => ({
  entity,
  op: "put",
  key,
  record
})

/** A journal file after `base` with the given transactions (numbered from base + 1). */
export const journalText = (
  base: number,
  transactions: ReadonlyArray<ReadonlyArray<Format.Change>>,
  version: Format.LinesVersion = Format.formatVersion
): string =>
  Format.journalHeaderLine(base, version) +
  transactions.map((changes, i) => txLine(base + i + 1, changes)).join("")

/** Writes files into a directory. */
export const writeFiles = (directory: string, files: Readonly<Record<string, string | Uint8Array>>) => {
  for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(directory, name), content)
}

/**
 * A small valid store: two units and a report in the snapshot, two transactions in the journal (in
 * the current format, or the given version).
 */
export const sampleStore = (version: Format.LinesVersion = Format.formatVersion) => {
  const snapshot = snapshotText(
    3,
    [
      { entity: "unit", key: "vn-01", record: encodeUnit("vn-01", 1, "Hà Nội") },
      { entity: "unit", key: "vn-37", record: encodeUnit("vn-37") },
      { entity: "report", key: "r-1", record: encodeReport("r-1", "vn-37", 5) }
    ],
    3,
    version
  )
  const journal = journalText(
    3,
    [
      [put("report", "r-1", encodeReport("r-1", "vn-37", 7, 2)), put("audit", "a-1", encodeAudit("a-1"))],
      [put("unit", "vn-37", encodeUnit("vn-37", 2, "Tỉnh Ninh Bình"))]
    ],
    version
  )
  return { snapshot, journal }
}

/** What a store of `sampleStore` holds, as `summary` (in `store.ts`) lists it. */
export const sampleCommitted = {
  units: ["vn-01@1 Hà Nội", "vn-37@2 Tỉnh Ninh Bình"],
  reports: ["r-1@2"],
  audit: ["a-1"]
}
