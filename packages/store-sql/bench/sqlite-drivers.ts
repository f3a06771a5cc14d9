/**
 * Benchmark behind decision record 0008: Node's built-in `node:sqlite` against `better-sqlite3` on
 * the statements the SQL adapter runs most (a unit by id, a page of units, the jurisdiction of a
 * district and of a province as recursive CTEs over dated parent links, a sum of report figures by
 * indicator, a versioned update in its own transaction, and an import of 100 units with their links
 * in one transaction), on a file with the adapter's settings: WAL, foreign keys, `synchronous =
 * FULL`, a 16 MB page cache.
 *
 * Run: `node bench/sqlite-drivers.ts [rounds] [cache KiB]` from `packages/store-sql` (better-sqlite3 is a
 * development dependency here). Each round runs every statement on both drivers, in alternating
 * order; the table gives the median of the rounds (default 5) in microseconds per operation and the
 * ratio node:sqlite / better-sqlite3. The machine may be shared: read the ratios, not the digits.
 */
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { performance } from "node:perf_hooks"
import { DatabaseSync } from "node:sqlite"
import BetterSqlite from "better-sqlite3"

const rounds = Number(process.argv[2] ?? 5)
/** The page cache in KiB (`PRAGMA cache_size = -N`): the adapter's 16,000 unless given (SQLite's default is 2,000). */
const cacheKib = Number(process.argv[3] ?? 16_000)
const communesPerDistrict = 170
const units = 10_000

interface Driver {
  readonly name: string
  exec(sql: string): void
  prepare(sql: string): {
    run(...params: Array<unknown>): unknown
    all(...params: Array<unknown>): Array<unknown>
    get(...params: Array<unknown>): unknown
  }
  close(): void
}

const open = (name: "node:sqlite" | "better-sqlite3", file: string): Driver => {
  if (name === "node:sqlite") {
    const db = new DatabaseSync(file)
    return {
      name,
      exec: (sql) => db.exec(sql),
      prepare: (sql) => {
        const s = db.prepare(sql)
        return {
          run: (...p) => s.run(...(p as Array<never>)),
          all: (...p) => s.all(...(p as Array<never>)),
          get: (...p) => s.get(...(p as Array<never>))
        }
      },
      close: () => db.close()
    }
  }
  const db = new BetterSqlite(file)
  return {
    name,
    exec: (sql) => db.exec(sql),
    prepare: (sql) => {
      const s = db.prepare(sql)
      return { run: (...p) => s.run(...p), all: (...p) => s.all(...p), get: (...p) => s.get(...p) }
    },
    close: () => db.close()
  }
}

const schema = () => `
PRAGMA journal_mode = WAL;
PRAGMA foreign_keys = ON;
PRAGMA synchronous = FULL;
PRAGMA cache_size = -${cacheKib};
CREATE TABLE units (id TEXT PRIMARY KEY, type TEXT NOT NULL, level TEXT NOT NULL, name TEXT NOT NULL, code TEXT,
  valid_from TEXT NOT NULL, valid_until TEXT, version INTEGER NOT NULL);
CREATE TABLE unit_parent (unit_id TEXT NOT NULL REFERENCES units (id), ordinal INTEGER NOT NULL,
  parent_id TEXT NOT NULL REFERENCES units (id), valid_from TEXT NOT NULL, valid_until TEXT, PRIMARY KEY (unit_id, ordinal));
CREATE INDEX unit_parent_parent_idx ON unit_parent (parent_id, valid_from, unit_id);
CREATE TABLE report_figures (report_id TEXT NOT NULL, path TEXT NOT NULL, value INTEGER NOT NULL, PRIMARY KEY (report_id, path));`

const unitId = (n: number) => `u-${String(n).padStart(5, "0")}`
const parentOf = (n: number) => (n === 0 ? undefined : n <= 60 ? 0 : 1 + ((n - 61) % 60))

/** Statements by name: each runs `n` operations and is timed as a whole. */
const workload = (db: Driver) => {
  const insertUnit = db.prepare(
    "INSERT INTO units (id, type, level, name, code, valid_from, valid_until, version) VALUES (?, ?, ?, ?, ?, ?, ?, 1)"
  )
  const insertLink = db.prepare(
    "INSERT INTO unit_parent (unit_id, ordinal, parent_id, valid_from, valid_until) VALUES (?, 0, ?, '2016-01-01', NULL)"
  )
  let next = 0
  const importBatch = () => {
    db.exec("BEGIN IMMEDIATE")
    for (let i = 0; i < 100; i++, next++) {
      const parent = parentOf(next)
      const level = next === 0 ? "province" : next <= 60 ? "district" : "commune"
      insertUnit.run(
        unitId(next),
        level,
        level,
        `Xã Trường Yên ${next}`,
        String(10_000 + next),
        "2016-01-01",
        null
      )
      if (parent !== undefined) insertLink.run(unitId(next), unitId(parent))
    }
    db.exec("COMMIT")
  }
  const byId = db.prepare("SELECT * FROM units WHERE id = ?")
  const page = db.prepare("SELECT * FROM units WHERE id > ? ORDER BY id LIMIT 101")
  const jurisdiction = db.prepare(`WITH RECURSIVE d (id) AS (SELECT ? UNION
    SELECT p.unit_id FROM unit_parent p JOIN d ON p.parent_id = d.id
    WHERE p.valid_from <= ? AND (p.valid_until IS NULL OR p.valid_until > ?))
    SELECT u.id, u.name, u.level FROM d JOIN units u ON u.id = d.id`)
  const sum = db.prepare("SELECT path, SUM(value) AS total FROM report_figures GROUP BY path ORDER BY path")
  const update = db.prepare(
    "UPDATE units SET name = ?, version = version + 1 WHERE id = ? AND version = ? RETURNING version"
  )
  const versions = new Map<string, number>()
  return {
    seed: () => {
      while (next < units) importBatch()
      const figure = db.prepare("INSERT INTO report_figures (report_id, path, value) VALUES (?, ?, ?)")
      db.exec("BEGIN IMMEDIATE")
      for (let r = 0; r < 2_000; r++)
        for (let f = 0; f < 20; f++) figure.run(`r-${r}`, `byField.f${f}.registered`, r + f)
      db.exec("COMMIT")
    },
    statements: {
      "a unit by id": [20_000, (i: number) => byId.get(unitId(i % units))],
      "a page of 101 units": [2_000, (i: number) => page.all(unitId(i % units))],
      [`jurisdiction of a district (~${communesPerDistrict} units)`]: [
        1_000,
        (i: number) => jurisdiction.all(unitId(1 + (i % 60)), "2020-01-01", "2020-01-01")
      ],
      [`jurisdiction of the province (${units} units)`]: [
        20,
        () => jurisdiction.all(unitId(0), "2020-01-01", "2020-01-01")
      ],
      "sum 40,000 figure rows by indicator": [40, () => sum.all()],
      "a versioned update in its own transaction": [
        300,
        (i: number) => {
          const id = unitId(i % units)
          const version = versions.get(id) ?? 1
          db.exec("BEGIN IMMEDIATE")
          const rows = update.all(`Tên ${i}`, id, version) as Array<{ version: number | bigint }>
          db.exec("COMMIT")
          versions.set(id, Number(rows[0]?.version))
        }
      ]
    } as Record<string, readonly [number, (i: number) => unknown]>,
    importBatch: () => {
      const before = next
      importBatch()
      return next - before
    }
  }
}

const median = (xs: ReadonlyArray<number>) =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number

const main = () => {
  const names = ["node:sqlite", "better-sqlite3"] as const
  const results = new Map<string, Map<string, Array<number>>>()
  const record = (op: string, driver: string, usPerOp: number) => {
    const byDriver = results.get(op) ?? new Map<string, Array<number>>()
    results.set(op, byDriver)
    byDriver.set(driver, [...(byDriver.get(driver) ?? []), usPerOp])
  }
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? names : [...names].reverse()
    for (const name of order) {
      const dir = mkdtempSync(join(tmpdir(), "danvan-sqlite-drivers-"))
      try {
        const db = open(name, join(dir, "bench.db"))
        db.exec(schema())
        const w = workload(db)
        w.seed()
        for (const [op, [n, run]] of Object.entries(w.statements)) {
          for (let i = 0; i < Math.min(n, 50); i++) run(i)
          const start = performance.now()
          for (let i = 0; i < n; i++) run(i)
          record(op, name, ((performance.now() - start) * 1000) / n)
        }
        const start = performance.now()
        for (let i = 0; i < 20; i++) w.importBatch()
        record(
          "import 100 units and their links in one transaction",
          name,
          ((performance.now() - start) * 1000) / 20
        )
        db.close()
      } finally {
        rmSync(dir, { recursive: true, force: true })
      }
    }
  }
  const lines = [
    `Node ${process.version}, ${rounds} rounds, page cache ${cacheKib} KiB, median µs per operation`,
    "",
    "| statement | node:sqlite | better-sqlite3 | node:sqlite / better-sqlite3 |",
    "| --- | ---: | ---: | ---: |"
  ]
  for (const [op, byDriver] of results) {
    const a = median(byDriver.get("node:sqlite") ?? [])
    const b = median(byDriver.get("better-sqlite3") ?? [])
    lines.push(`| ${op} | ${a.toFixed(1)} | ${b.toFixed(1)} | ${(a / b).toFixed(2)} |`)
  }
  process.stdout.write(`${lines.join("\n")}\n`)
}

main()
