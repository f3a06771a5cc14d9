/**
 * The `danvan` command run as a user runs it: a child process (`node --conditions=@danvan/source
 * src/bin.ts`), against real SQLite files, JSON store directories and PostgreSQL schemas, with its
 * output files opened and read back.
 */
import { execFile, spawn } from "node:child_process"
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { DatabaseSync } from "node:sqlite"
import { fileURLToPath } from "node:url"
import { type Actor, Configuration, FiguresRules, Ids, Policy, Regime, Reports } from "@danvan/core"
import { Migrations } from "@danvan/store-sql"
import { StoreSqlite } from "@danvan/store-sql/sqlite"
import * as PgClient from "@effect/sql-pg/PgClient"
import { afterAll, describe, expect, it } from "@effect/vitest"
import { Effect, Layer, Redacted } from "effect"
import * as SqlClient from "effect/sql/SqlClient"
import ExcelJS from "exceljs"
import { strFromU8, unzipSync } from "fflate"

const bin = fileURLToPath(new URL("../src/bin.ts", import.meta.url))
const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url))

interface Run {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
}

const danvan = (...args: ReadonlyArray<string>): Promise<Run> =>
  new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--conditions=@danvan/source", bin, ...args],
      { encoding: "utf8", env: { ...process.env, NO_COLOR: "1" }, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === "number" ? error.code : -1
        resolve({ code, stdout, stderr })
      }
    )
  })

const dirs: Array<string> = []
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), "danvan-cli-"))
  dirs.push(dir)
  return dir
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})

const province = "vn-37-2025-07-01"
const wards = ["vn-14335-2025-07-01", "vn-14533-2025-07-01"] as const
const centralAdmin: Actor.ActorInput = {
  personId: "tw-quan-tri",
  name: "Quản trị hệ thống",
  unitId: "danvan-console",
  role: "administrator"
}
const leader: Actor.ActorInput = {
  personId: "lanh-dao-37",
  name: "Trưởng ban",
  unitId: province,
  role: "leader"
}
const officer = (unitId: string): Actor.ActorInput => ({
  personId: `can-bo-${unitId}`,
  name: "Cán bộ phường",
  unitId,
  role: "officer"
})

/** Stores a regime and two approved QCDC reports of 2025S2 through the library, as an app would. */
const seedReports = (filename: string) =>
  Effect.runPromise(
    Effect.gen(function* () {
      yield* Configuration.putRegime(centralAdmin, Regime.defaults.party)
      for (const [i, unitId] of wards.entries()) {
        const draft = yield* Reports.createReport(officer(unitId), {
          unitId,
          programme: "QCDC",
          periodId: "2025S2",
          regimeId: Regime.defaults.party.id,
          content: {
            figures: { ...FiguresRules.emptyQcdc(), citizenReceptions: 12 + i * 30, directDialogues: 3 },
            achievements: "Tổ chức tốt việc tiếp công dân.",
            shortcomings: "",
            nextTasks: ""
          }
        })
        const submitted = yield* Reports.submitReport(officer(unitId), {
          reportId: draft.id,
          version: draft.version
        })
        yield* Reports.approveReport(leader, { reportId: draft.id, version: submitted.report.version })
      }
    }).pipe(
      Effect.provide(
        Layer.mergeAll(
          StoreSqlite.layer({ filename, migrate: false }),
          Policy.layer({ ...Policy.defaults, centralUnits: [Ids.UnitId.make("danvan-console")] })
        )
      )
    )
  )

describe("danvan on SQLite", { timeout: 120_000 }, () => {
  const dir = tempDir()
  const file = join(dir, "data", "danvan.db")
  const store = `sqlite:${file}`

  it("creates a store, idempotently", async () => {
    const first = await danvan("init", "--store", store)
    expect(first.code).toBe(0)
    expect(first.stdout).toMatch(
      /created a danvan store at SQLite file .*danvan\.db \(schema migration \d+\)/
    )
    const again = await danvan("init", "--store", store)
    expect(again.code).toBe(0)
    expect(again.stdout).toContain("is already a danvan store")
  })

  it("imports the public dataset and the statistics office's CSV, then reports them unchanged", async () => {
    const dataset = await danvan(
      "import",
      "units",
      "--store",
      store,
      "--dataset",
      fixture("units-two-tier.json"),
      "--as-of",
      "2025-07-01"
    )
    expect(dataset.stderr).toContain("built 3 units: 3 new")
    expect(dataset.stdout.trim()).toBe("added 3, changed 0 (not applied), unchanged 0, rejected 0")
    expect(dataset.code).toBe(0)
    const csv = await danvan(
      "import",
      "units",
      "--store",
      store,
      "--csv",
      fixture("units-two-tier.csv"),
      "--as-of",
      "2025-07-01"
    )
    expect(csv.code).toBe(0)
    expect(csv.stderr).toMatch(/read 2\d\d bytes/)
    expect(csv.stdout.trim()).toBe("added 3, changed 0 (not applied), unchanged 0, rejected 0")
    const again = await danvan(
      "import",
      "units",
      "--store",
      store,
      "--dataset",
      fixture("units-two-tier.json"),
      "--as-of",
      "2025-07-01"
    )
    expect(again.code).toBe(0)
    expect(again.stdout.trim()).toBe("added 0, changed 0 (not applied), unchanged 3, rejected 0")
    // The names are stored in NFC, as read.
    const db = new DatabaseSync(file, { readOnly: true })
    const names = (db.prepare("SELECT name FROM units ORDER BY id").all() as Array<{ name: string }>).map(
      (r) => r.name
    )
    db.close()
    expect(names).toContain("Trường Yên".normalize("NFC"))
    expect(names).toContain("Phủ Lý")
    expect(names.every((n) => n === n.normalize("NFC"))).toBe(true)
  })

  it("finds no problem in a sound store", async () => {
    const run = await danvan("check", "--store", store)
    expect(run.stderr).toBe("")
    expect(run.code).toBe(0)
    expect(run.stdout).toContain("no problems found in 12 records (unit 6, audit 6)")
  })

  it("exports the consolidation and the report in every format", async () => {
    await seedReports(file)
    const common = [
      "--store",
      store,
      "--period",
      "2025S2",
      "--unit",
      province,
      "--programme",
      "QCDC",
      "--date",
      "2025-12-20"
    ]
    const xlsx = join(dir, "out", "bao-cao.xlsx")
    const x = await danvan("export", ...common, "--format", "xlsx", "--out", xlsx)
    expect(x.stderr).toBe("")
    expect(x.code).toBe(0)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(readFileSync(xlsx) as unknown as ArrayBuffer)
    const cells: Array<string> = []
    workbook.eachSheet((sheet) =>
      sheet.eachRow((row) =>
        row.eachCell((cell) =>
          cells.push(
            String(
              cell.value && typeof cell.value === "object" && "result" in cell.value
                ? cell.value.result
                : cell.value
            )
          )
        )
      )
    )
    expect(cells.some((c) => c.includes("Hoa Lư"))).toBe(true)
    // The two approved reports' citizen receptions, 12 and 42, and their total 54.
    expect(cells).toContain("12")
    expect(cells).toContain("42")

    const docx = join(dir, "out", "bao-cao.docx")
    const d = await danvan("export", ...common, "--format", "docx", "--out", docx)
    expect(d.stderr).toBe("")
    expect(d.code).toBe(0)
    const xml = strFromU8(unzipSync(readFileSync(docx))["word/document.xml"]!)
    expect(xml).toContain("Ninh Bình")
    expect(xml).toContain("BÁO CÁO")

    // A letterhead written by an editor that saved decomposed letters is stored in NFC.
    const letterhead = join(dir, "letterhead.json")
    writeFileSync(
      letterhead,
      JSON.stringify({
        body: "BAN DÂN VẬN TỈNH ỦY".normalize("NFD"),
        number: "35-BC/BDVTU",
        place: "Ninh Bình".normalize("NFD"),
        signer: {
          capacity: "TM.",
          authority: "BAN THƯỜNG VỤ",
          title: "TRƯỞNG BAN",
          name: "Nguyễn Thị Hoa".normalize("NFD")
        },
        recipients: ["Ban Dân vận Trung ương (b/c)"]
      })
    )
    const signed = join(dir, "out", "bao-cao-ky.docx")
    const s = await danvan(
      "export",
      ...common,
      "--format",
      "docx",
      "--letterhead",
      letterhead,
      "--out",
      signed
    )
    expect(s.code).toBe(0)
    const signedXml = strFromU8(unzipSync(readFileSync(signed))["word/document.xml"]!)
    expect(signedXml).toContain("35-BC/BDVTU")
    expect(signedXml).toContain("Nguyễn Thị Hoa".normalize("NFC"))
    expect(signedXml).not.toContain("Nguyễn Thị Hoa".normalize("NFD"))
    writeFileSync(letterhead, JSON.stringify({ body: "BAN DÂN VẬN" }))
    const incomplete = await danvan(
      "export",
      ...common,
      "--format",
      "docx",
      "--letterhead",
      letterhead,
      "--out",
      signed
    )
    expect(incomplete.code).toBe(2)
    expect(incomplete.stderr).toContain("--letterhead")

    const md = join(dir, "out", "bao-cao.md")
    const m = await danvan("export", ...common, "--format", "md", "--out", md)
    expect(m.code).toBe(0)
    const markdown = readFileSync(md, "utf8")
    expect(markdown).toMatch(/^# /m)
    expect(markdown).toContain("Trường Yên")
    // The document tells how the units reported: both sent theirs, after the deadline.
    expect(markdown).toContain("Gửi muộn: Phường Hoa Lư")
    expect(markdown).toContain("Gửi muộn: Xã Trường Yên")

    const csvDir = join(dir, "out", "csv")
    const c = await danvan("export", ...common, "--format", "csv", "--out", csvDir)
    expect(c.code).toBe(0)
    const files = readdirSync(csvDir)
    expect(files.length).toBeGreaterThan(1)
    const all = files.map((f) => readFileSync(join(csvDir, f), "utf8")).join("\n")
    expect(all).toContain("Hoa Lư")
    expect(all).toMatch(/(^|,)54(,|\r?$)/m)
  })

  it("refuses an export the actor may not read, in plain words", async () => {
    const run = await danvan(
      "export",
      "--store",
      store,
      "--period",
      "2025S2",
      "--unit",
      province,
      "--format",
      "md",
      "--out",
      join(dir, "x.md"),
      "--as",
      wards[0],
      "--role",
      "officer"
    )
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/^danvan: /)
    expect(run.stderr).not.toMatch(/\n\s+at /)
  })

  it("fails check with exit 1 and the problem when the store is damaged", async () => {
    const db = new DatabaseSync(file)
    db.exec("PRAGMA foreign_keys = OFF")
    db.prepare("UPDATE unit_parent SET parent_id = 'vn-99-2025-07-01' WHERE unit_id = ?").run(wards[1])
    db.close()
    const run = await danvan("check", "--store", store)
    expect(run.code).toBe(1)
    expect(run.stdout).toContain(`unit "${wards[1]}"`)
    expect(run.stdout).toContain("parent unit exists")
    expect(run.stderr).toContain("1 problem found")
    // A row that no longer decodes is named by its table and key.
    const db2 = new DatabaseSync(file)
    db2.prepare("UPDATE units SET type = 'bogus' WHERE id = ?").run(wards[0])
    db2.close()
    const undecodable = await danvan("check", "--store", store)
    expect(undecodable.code).toBe(1)
    expect(undecodable.stdout).toContain(`table units, key ${wards[0]}:`)
    expect(undecodable.stdout).toContain('"ward"')
  })

  it("exits 130 when interrupted, leaving the store as it was", async () => {
    const other = join(dir, "interrupted.db")
    expect((await danvan("init", "--store", `sqlite:${other}`)).code).toBe(0)
    // Another process holds the write lock, so the import waits for it, and is interrupted there.
    const holder = new DatabaseSync(other)
    holder.exec("BEGIN IMMEDIATE")
    try {
      const child = spawn(
        process.execPath,
        [
          "--conditions=@danvan/source",
          bin,
          "import",
          "units",
          "--store",
          `sqlite:${other}`,
          "--csv",
          fixture("units-two-tier.csv"),
          "--as-of",
          "2025-07-01"
        ],
        { stdio: ["ignore", "pipe", "pipe"] }
      )
      let stderr = ""
      const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)))
      await new Promise<void>((resolve) =>
        child.stderr.on("data", (chunk: Buffer) => {
          stderr += chunk.toString("utf8")
          if (stderr.includes("storing 3 units")) resolve()
        })
      )
      child.kill("SIGINT")
      expect(await exited).toBe(130)
    } finally {
      holder.exec("ROLLBACK")
      holder.close()
    }
    const check = await danvan("check", "--store", `sqlite:${other}`)
    expect(check.code).toBe(0)
    expect(check.stdout).toContain("(the store is empty)")
  })

  it("refuses to create a store over a file that is not one", async () => {
    const other = join(dir, "notes.txt")
    writeFileSync(other, "ghi chú")
    const run = await danvan("init", "--store", `sqlite:${other}`)
    expect(run.code).toBe(2)
    expect(run.stderr).toContain("not a SQLite database")
    expect(readFileSync(other, "utf8")).toBe("ghi chú")
  })
})

describe("danvan on a JSON store", { timeout: 120_000 }, () => {
  const dir = tempDir()
  const store = `json:${join(dir, "store")}`

  it("creates, imports, checks, and finds a damaged line", async () => {
    expect((await danvan("init", "--store", store)).code).toBe(0)
    const imported = await danvan(
      "import",
      "units",
      "--store",
      store,
      "--csv",
      fixture("units-two-tier.csv"),
      "--as-of",
      "2025-07-01"
    )
    expect(imported.code).toBe(0)
    expect(imported.stdout).toContain("added 3")
    const sound = await danvan("check", "--store", store)
    expect(sound.code).toBe(0)
    expect(sound.stdout).toContain("no problems found in 6 records (unit 3, audit 3)")
    const journal = join(dir, "store", "journal.jsonl")
    const text = readFileSync(journal, "utf8")
    writeFileSync(journal, text.replace("Phủ Lý", "Phủ Lx"))
    const damaged = await danvan("check", "--store", store)
    expect(damaged.code).toBe(1)
    expect(damaged.stdout).toContain("journal.jsonl")
    const migrate = await danvan("migrate", "--store", `json:${join(tempDir(), "none")}`)
    expect(migrate.code).toBe(70)
    expect(migrate.stderr).toContain("there is no danvan store")
  })
})

describe("bad arguments", { timeout: 120_000 }, () => {
  const dir = tempDir()
  it.each([
    [["init"], /--store/],
    [["init", "--store", "memory"], /gone when the command ends/],
    [["init", "--store", "ftp://x"], /expected memory, sqlite:<file>/],
    [
      [
        "export",
        "--store",
        "sqlite:x.db",
        "--period",
        "2025S2",
        "--unit",
        "u",
        "--format",
        "pdf",
        "--out",
        "x"
      ],
      /pdf/
    ],
    [["import", "units", "--store", "sqlite:x.db"], /--dataset <file.json> or --csv <file.csv>/],
    [["import", "units", "--store", "sqlite:x.db", "--csv", "missing.csv"], /missing\.csv/],
    [
      ["import", "units", "--store", "sqlite:x.db", "--dataset", "f.json", "--as", "vn-37"],
      /--as needs --role/
    ],
    [["import", "units", "--store", "sqlite:x.db", "--csv", "f.csv", "--as-of", "2025-13-01"], /--as-of/],
    [["frobnicate"], /frobnicate/]
  ])("%j exits 2", async (args, message) => {
    writeFileSync(join(dir, "f.json"), "[]")
    writeFileSync(join(dir, "f.csv"), "")
    const run = await danvan(...args.map((a) => (a === "f.json" || a === "f.csv" ? join(dir, a) : a)))
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(message)
    expect(run.stderr).not.toMatch(/\n\s+at /)
  })

  it("prints the installed version, and help, with exit 0", async () => {
    const manifest = JSON.parse(
      readFileSync(fileURLToPath(new URL("../package.json", import.meta.url)), "utf8")
    )
    const version = await danvan("--version")
    expect(version.code).toBe(0)
    expect(version.stdout).toContain(manifest.version)
    const help = await danvan("export", "--help")
    expect(help.code).toBe(0)
    expect(help.stdout).toContain("--letterhead")
  })

  it("exits 70 when the store cannot be reached, saying where", async () => {
    const run = await danvan("check", "--store", "postgres://postgres:hunter2@127.0.0.1:1/none")
    expect(run.code).toBe(70)
    expect(run.stderr).toMatch(
      /^danvan: store unavailable \(.*\): cannot reach postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:1\/none \(.+\)/
    )
    expect(run.stderr).not.toContain("hunter2")
  })

  it("says what a refused import breaks, with exit 2", async () => {
    const store = `sqlite:${join(dir, "a.db")}`
    expect((await danvan("init", "--store", store)).code).toBe(0)
    const viewer = await danvan(
      "import",
      "units",
      "--store",
      store,
      "--dataset",
      fixture("units-two-tier.json"),
      "--as-of",
      "2025-07-01",
      "--as",
      "vn-37-2025-07-01",
      "--role",
      "viewer"
    )
    expect(viewer.code).toBe(2)
    expect(viewer.stderr).toMatch(/danvan: .*(not permitted|may not|units\.maintain)/)
    const malformed = await danvan(
      "import",
      "units",
      "--store",
      store,
      "--dataset",
      join(dir, "f.json").replace("f.json", "a.db")
    )
    expect(malformed.code).toBe(2)
    expect(malformed.stderr).toContain("cannot import units")
  })
})

describe("danvan migrate on a JSON store of format version 0", { timeout: 120_000 }, () => {
  it("is found behind by check, migrated, then sound", async () => {
    const directory = join(tempDir(), "old")
    mkdirSync(directory)
    writeFileSync(
      join(directory, "store.json"),
      `${JSON.stringify({ format: "danvan-store-json", formatVersion: 0, entities: {} }, null, 2)}\n`
    )
    const store = `json:${directory}`
    const behind = await danvan("check", "--store", store)
    expect(behind.code).toBe(1)
    expect(behind.stdout).toContain("format version 0, behind the current")
    const migrated = await danvan("migrate", "--store", store)
    expect(migrated.stderr).toBe("")
    expect(migrated.code).toBe(0)
    expect(migrated.stdout.trim()).toMatch(/^format version 0 → [1-9]\d*$/)
    expect(readdirSync(directory).sort()).toEqual(["journal.jsonl", "snapshot.jsonl", "store.json.v0"])
    expect((await danvan("check", "--store", store)).code).toBe(0)
    const again = await danvan("migrate", "--store", store)
    expect(again.stdout).toContain("already current")
  })
})

const pgUrl = process.env.DANVAN_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres"

/** Runs statements on the test server, outside the command. */
const pgExec = (statements: ReadonlyArray<string>) =>
  Effect.runPromise(
    Effect.gen(function* () {
      const sql = yield* SqlClient.SqlClient
      for (const statement of statements) yield* sql.unsafe(statement)
    }).pipe(Effect.provide(PgClient.layer({ url: Redacted.make(pgUrl) })))
  )

describe.skipIf(process.env.DANVAN_PG_AVAILABLE === "0")("danvan on PostgreSQL", { timeout: 120_000 }, () => {
  const schema = `danvan_cli_${Date.now().toString(36)}_${globalThis.crypto.randomUUID().replaceAll("-", "").slice(0, 8)}`
  const flags = ["--store", pgUrl, "--schema", schema]
  afterAll(() => pgExec([`DROP SCHEMA IF EXISTS "${schema}" CASCADE`]))

  it("creates a store in its own schema, imports, checks, and migrates one left behind", async () => {
    const created = await danvan("init", ...flags)
    expect(created.stderr).toBe("")
    expect(created.code).toBe(0)
    expect(created.stdout).toContain(`(schema ${schema})`)
    const imported = await danvan(
      "import",
      "units",
      ...flags,
      "--dataset",
      fixture("units-two-tier.json"),
      "--as-of",
      "2025-07-01"
    )
    expect(imported.code).toBe(0)
    expect(imported.stdout).toContain("added 3")
    expect((await danvan("check", ...flags)).stdout).toContain(
      "no problems found in 6 records (unit 3, audit 3)"
    )
    // Take the store back to schema migration 2, as an older version of danvan left it: migration
    // 5's stamp (triggers, functions, column, sequence) and 3's columns dropped, and the records of
    // 3, 4 (which changes no table) and 5 removed.
    await pgExec([
      `DROP TRIGGER directives_stamp ON "${schema}".directives`,
      `DROP TRIGGER directive_replaces_stamp ON "${schema}".directive_replaces`,
      `DROP FUNCTION "${schema}".directives_stamp(), "${schema}".directive_replaces_stamp()`,
      `ALTER TABLE "${schema}".directives DROP COLUMN change_stamp`,
      `DROP SEQUENCE "${schema}".directive_change_stamp`,
      `ALTER TABLE "${schema}".directives DROP COLUMN issuer_kind, DROP COLUMN issuer_unit_id, DROP COLUMN issuer_body`,
      `DELETE FROM "${schema}".danvan_store_migrations WHERE migration_id >= 3`
    ])
    const behind = await danvan("check", ...flags)
    expect(behind.code).toBe(1)
    expect(behind.stdout).toContain(
      `schema migration 2, behind the current ${Migrations.latest}: run danvan migrate`
    )
    const migrated = await danvan("migrate", ...flags)
    expect(migrated.stderr).toBe("")
    expect(migrated.stdout.trim()).toBe(`schema migration 2 → ${Migrations.latest}`)
    expect((await danvan("check", ...flags)).code).toBe(0)
  })

  it("refuses to create a store in a schema that holds something else", async () => {
    const other = `${schema}_other`
    await pgExec([`CREATE SCHEMA "${other}"`, `CREATE TABLE "${other}".notes (body text)`])
    try {
      const run = await danvan("init", "--store", pgUrl, "--schema", other)
      expect(run.code).toBe(2)
      expect(run.stderr).toContain("tables notes")
    } finally {
      await pgExec([`DROP SCHEMA "${other}" CASCADE`])
    }
  })
})
