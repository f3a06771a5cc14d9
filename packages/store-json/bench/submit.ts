/**
 * Benchmark for decision record 0004: one report submission (the report updated with a new
 * revision, the frozen revision stored, an audit entry appended: one transaction) against a
 * store of 100,000 records, with the journal (the design) and with a full rewrite of the
 * snapshot on every commit (the alternative), plus what opening and compacting such a store
 * costs.
 *
 *   node --conditions=@danvan/source bench/submit.ts [records=100000] [submissions=40]
 *
 * The store is seeded by writing its snapshot file directly (1,000 units, the rest QCDC and DVK
 * monthly reports), then opened through `StoreJson.layer` like any app would.
 */
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { AuditLog, Ids, Report, ReportRepository, Timestamp, Unit, UnitOfWork } from "@danvan/core"
import { Effect, Result, Schema } from "effect"
import * as Canonical from "../src/Canonical.ts"
import * as Format from "../src/Format.ts"
import { StoreJson } from "../src/index.ts"
import * as Records from "../test/support/records.ts"

const total = Number(process.argv[2] ?? 100_000)
const submissions = Number(process.argv[3] ?? 40)
const unitCount = 1000

const months = (n: number): Array<string> =>
  Array.from({ length: n }, (_, i) => `${2017 + Math.floor(i / 12)}${String((i % 12) + 1).padStart(2, "0")}`)

const encodeUnit = Schema.encodeSync(Unit.Unit)
const encodeReport = Schema.encodeSync(Report.Report)

/** Writes a snapshot of `total` records: units, then reports spread over units, months and programmes. */
const seedStore = (directory: string) => {
  const records: Array<string> = []
  const reportKeys: Array<string> = []
  records.push(
    Format.snapshotLine(
      "unit",
      "vn-37",
      Result.getOrThrow(Canonical.stringify({ ...encodeUnit(Records.unit("vn-37")), version: 1 }))
    )
  )
  for (let u = 1; u < unitCount; u++) {
    const id = `vn-37-${String(u).padStart(5, "0")}`
    records.push(
      Format.snapshotLine(
        "unit",
        id,
        Result.getOrThrow(
          Canonical.stringify({ ...encodeUnit(Records.unit(id, `Xã số ${u}`, "vn-37")), version: 1 })
        )
      )
    )
  }
  const template = encodeReport(Records.report("template", "vn-37")) as Record<string, unknown>
  const periods = months(Math.ceil((total - unitCount) / unitCount / 2))
  const reports: Array<[string, string]> = []
  outer: for (const period of periods) {
    for (let u = 0; u < unitCount; u++) {
      for (const programme of ["QCDC", "DVK"] as const) {
        if (reports.length >= total - unitCount) break outer
        const unitId = u === 0 ? "vn-37" : `vn-37-${String(u).padStart(5, "0")}`
        const id = `r-${unitId}-${period}-${programme}`
        const figures =
          programme === "QCDC"
            ? Records.qcdc(u % 17)
            : {
                _tag: "DVK",
                models: 3,
                byField: { economy: 1, "culture-society": 2 },
                byStatus: {
                  registered: 1,
                  inProgress: 2,
                  evaluated: 0,
                  commended: 0,
                  replicated: 0,
                  discontinued: 0
                },
                newModels: 1,
                effective: 1,
                commended: 0,
                replicated: 0,
                exemplaryCases: 2,
                extra: {}
              }
        const record = {
          ...template,
          id,
          unitId,
          programme,
          periodId: period,
          content: { ...(template.content as object), figures },
          version: 1
        }
        reports.push([id, Result.getOrThrow(Canonical.stringify(record))])
      }
    }
  }
  reports.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
  for (const [id, json] of reports) {
    records.push(Format.snapshotLine("report", id, json))
    reportKeys.push(id)
  }
  fs.writeFileSync(path.join(directory, Format.files.journal), Format.journalHeaderLine(0))
  fs.writeFileSync(
    path.join(directory, Format.files.snapshot),
    Format.snapshotHeaderLine(0, records.length) + records.join("")
  )
  return reportKeys
}

/** One submission, as the submit use case writes it: report, revision and audit entry in one transaction. */
const submit = (reportId: string, n: number) =>
  Effect.gen(function* () {
    const reports = yield* ReportRepository
    const log = yield* AuditLog
    const uow = yield* UnitOfWork
    const at = Timestamp.fromMillis(Date.UTC(2024, 6, 5, 2, 0, 0) + n * 1000)
    yield* uow.transaction(
      Effect.gen(function* () {
        const report = yield* reports.get(Ids.ReportId.make(reportId))
        const by = Records.actor(report.unitId)
        const submitted = new Report.Report({
          ...report,
          status: "submitted",
          revision: report.revision + 1,
          events: [
            ...report.events,
            { _tag: "Submitted", at, by, revision: report.revision + 1, onTime: true }
          ]
        })
        const revision = new Report.ReportRevision({
          reportId: report.id,
          revision: report.revision + 1,
          content: report.content,
          submittedAt: at,
          submittedBy: by,
          onTime: true
        })
        yield* reports.update(submitted, revision)
        yield* log.append([Records.audit(`a-${reportId}-${n}`, reportId, report.unitId)])
      })
    )
  })

const quantile = (sorted: ReadonlyArray<number>, q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!

const run = async (label: string, compactAfter: number, keys: ReadonlyArray<string>, source: string) => {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), "danvan-bench-"))
  for (const name of fs.readdirSync(source))
    fs.copyFileSync(path.join(source, name), path.join(directory, name))
  const opened = performance.now()
  const result = await Effect.runPromise(
    Effect.gen(function* () {
      const openMillis = performance.now() - opened
      const latencies: Array<number> = []
      for (let i = 0; i < submissions; i++) {
        const started = performance.now()
        yield* submit(keys[(i * 7919) % keys.length]!, i)
        latencies.push(performance.now() - started)
      }
      const maintenance = yield* StoreJson.Maintenance
      const compactStarted = performance.now()
      yield* maintenance.compact
      const compactMillis = performance.now() - compactStarted
      return { openMillis, latencies, compactMillis }
    }).pipe(Effect.provide(StoreJson.layer({ directory, compactAfter })))
  )
  const sorted = [...result.latencies].sort((a, b) => a - b)
  const snapshotBytes = fs.statSync(path.join(directory, Format.files.snapshot)).size
  fs.rmSync(directory, { recursive: true, force: true })
  return {
    label,
    open: result.openMillis,
    median: quantile(sorted, 0.5),
    p90: quantile(sorted, 0.9),
    max: sorted.at(-1)!,
    compact: result.compactMillis,
    snapshotBytes
  }
}

const main = async () => {
  const source = fs.mkdtempSync(path.join(os.tmpdir(), "danvan-bench-seed-"))
  const seeded = performance.now()
  const keys = seedStore(source)
  console.log(`seeded ${unitCount + keys.length} records in ${(performance.now() - seeded).toFixed(0)} ms`)
  const rows = [
    await run("journal (append + fdatasync)", 1_000_000, keys, source),
    await run("full rewrite on every commit", 1, keys, source)
  ]
  console.log(
    `\n${unitCount + keys.length} records, ${submissions} single-report submissions each, node ${process.version}, ${os.cpus().length} CPUs\n`
  )
  console.log(
    "| mode | open (ms) | submit median (ms) | p90 (ms) | max (ms) | compaction (ms) | snapshot (MB) |"
  )
  console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
  for (const r of rows) {
    console.log(
      `| ${r.label} | ${r.open.toFixed(0)} | ${r.median.toFixed(2)} | ${r.p90.toFixed(2)} | ${r.max.toFixed(2)} | ${r.compact.toFixed(0)} | ${(r.snapshotBytes / 1e6).toFixed(1)} |`
    )
  }
  fs.rmSync(source, { recursive: true, force: true })
}

if (process.argv[4] === "--seed-only") {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), "danvan-bench-seed-"))
  seedStore(directory)
  console.log(directory)
} else await main()
