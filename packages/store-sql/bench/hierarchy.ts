/**
 * Benchmark behind decision record 0003: hierarchy queries and the rollup in the database, with a
 * recursive CTE over dated parent links (what the adapter does) against a closure table and a
 * materialised path, and against one query per unit.
 *
 * Data: the 63 provinces, 696 district-level units and 10,035 communes of
 * `../shared/domain/units/units-2024-three-tier.json` (read in place), with dated links as the
 * 2025 reform made them (districts end on 2025-07-01, communes then sit under their province), and
 * one approved DVK report per unit for 2024S1 (about 160,000 figure rows).
 *
 * Run: `node --conditions=@danvan/source bench/hierarchy.ts [sqlite|pg|all] [runs]` from
 * `packages/store-sql` (PostgreSQL at `DANVAN_PG_URL`, default
 * `postgres://postgres@127.0.0.1:5432/postgres`, in a schema created and dropped for the run).
 * Timings are medians of `runs` (default 15) after 3 warm-up runs; the machine is shared, so read
 * them as orders of magnitude.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { performance } from "node:perf_hooks"
import {
  Actor,
  CalendarDate,
  Ids,
  type Period,
  Report,
  ReportRepository,
  type Store,
  Timestamp,
  Unit,
  UnitOfWork,
  UnitRepository
} from "@danvan/core"
import { PgClient } from "@effect/sql-pg"
import { Effect, Layer, Redacted } from "effect"
import * as Reactivity from "effect/reactivity/Reactivity"
import * as SqlClient from "effect/sql/SqlClient"
import { StoreSql } from "../src/index.ts"
import { StorePg } from "../src/pg.ts"
import { SqliteClient } from "../src/sqlite.ts"

const unitsFile = new URL("../../../../shared/domain/units/units-2024-three-tier.json", import.meta.url)
const pgUrl = process.env.DANVAN_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres"
const which = process.argv[2] ?? "all"
const runs = Number(process.argv[3] ?? 15)

interface Ward {
  readonly Code: string
  readonly Name: string
  readonly FullName: string
}
interface District extends Ward {
  readonly Ward: ReadonlyArray<Ward> | null
}
interface Province extends Ward {
  readonly District: ReadonlyArray<District>
}

const d = CalendarDate.unsafeFromString
const since = d("2000-01-01")
const reform = d("2025-07-01")
const before = d("2024-06-01")
const after = d("2026-01-01")

const typeOf = (level: "province" | "district" | "commune", fullName: string): Unit.UnitType => {
  const starts = (s: string) => fullName.startsWith(s)
  if (level === "province") return starts("Thành phố") ? "centralCity" : "province"
  if (level === "district") {
    return starts("Quận")
      ? "urbanDistrict"
      : starts("Thị xã")
        ? "districtTown"
        : starts("Thành phố")
          ? "provincialCity"
          : "ruralDistrict"
  }
  return starts("Phường") ? "ward" : starts("Thị trấn") ? "townlet" : "commune"
}

const link = (parent: string, from: CalendarDate.CalendarDate, until?: CalendarDate.CalendarDate) =>
  new Unit.ParentLink({ parentId: Ids.UnitId.make(parent), from, ...(until === undefined ? {} : { until }) })

const loadUnits = (): ReadonlyArray<Unit.Unit> => {
  const provinces = JSON.parse(readFileSync(unitsFile, "utf8")) as ReadonlyArray<Province>
  const out: Array<Unit.Unit> = []
  const make = (
    id: string,
    level: "province" | "district" | "commune",
    w: Ward,
    parents: ReadonlyArray<Unit.ParentLink>,
    validUntil?: CalendarDate.CalendarDate
  ) =>
    new Unit.Unit({
      id: Ids.UnitId.make(id),
      type: typeOf(level, w.FullName),
      name: w.Name,
      code: Unit.StatisticsCode.make(w.Code),
      validFrom: since,
      ...(validUntil === undefined ? {} : { validUntil }),
      parents,
      version: 0
    })
  for (const p of provinces) {
    const pid = `vn-${p.Code}`
    out.push(make(pid, "province", p, []))
    for (const dist of p.District) {
      const did = `vn-${dist.Code}`
      out.push(make(did, "district", dist, [link(pid, since, reform)], reform))
      for (const w of dist.Ward ?? []) {
        out.push(make(`vn-${w.Code}`, "commune", w, [link(did, since, reform), link(pid, reform)]))
      }
    }
  }
  return out
}

const actor = (unitId: string) =>
  new Actor.Actor({ personId: Ids.PersonId.make("bench"), name: "Cán bộ", unitId: Ids.UnitId.make(unitId) })

const report = (unit: Unit.Unit, i: number) =>
  new Report.Report({
    id: Ids.ReportId.make(`r-${unit.id}`),
    unitId: unit.id,
    programme: "DVK",
    periodId: "2024S1" as Period.PeriodId,
    regimeId: Ids.RegimeId.make("party"),
    status: "approved",
    content: new Report.ReportContent({
      figures: {
        _tag: "DVK",
        models: i % 7,
        byField: {
          [Ids.FieldId.make("economy")]: i % 3,
          [Ids.FieldId.make("culture-society")]: i % 4
        },
        byStatus: {
          registered: 0,
          inProgress: i % 7,
          evaluated: 0,
          commended: 0,
          replicated: 0,
          discontinued: 0
        },
        newModels: i % 2,
        effective: i % 5,
        commended: i % 3,
        replicated: i % 2,
        exemplaryCases: i % 4,
        extra: { hoGiaDinh: i % 100 }
      },
      achievements: "",
      shortcomings: "",
      nextTasks: ""
    }),
    revision: 1,
    events: [
      { _tag: "Created", at: Timestamp.Timestamp.make("2024-06-20T02:00:00.000Z"), by: actor(unit.id) }
    ],
    version: 0
  })

const median = (xs: ReadonlyArray<number>) => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)] as number
}

/** Median wall time of an effect in milliseconds. */
const time = <A, E, R>(effect: Effect.Effect<A, E, R>, n = runs) =>
  Effect.gen(function* () {
    for (let i = 0; i < 3; i++) yield* effect
    const samples: Array<number> = []
    for (let i = 0; i < n; i++) {
      const t = performance.now()
      yield* effect
      samples.push(performance.now() - t)
    }
    return median(samples)
  })

const once = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  Effect.gen(function* () {
    const t = performance.now()
    const a = yield* effect
    return [a, performance.now() - t] as const
  })

const fmt = (ms: number) => (ms < 10 ? ms.toFixed(2) : ms < 100 ? ms.toFixed(1) : ms.toFixed(0))

/** The alternatives, as plain tables next to the adapter's. */
const buildAlternatives = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  const key = sql.onDialectOrElse({ pg: () => 'TEXT COLLATE "C"', orElse: () => "TEXT" })
  yield* sql.unsafe("DROP TABLE IF EXISTS bench_closure")
  yield* sql.unsafe("DROP TABLE IF EXISTS bench_path")
  yield* sql.unsafe(
    `CREATE TABLE bench_closure (ancestor_id ${key} NOT NULL, descendant_id ${key} NOT NULL, depth INTEGER NOT NULL, valid_from ${key} NOT NULL, valid_until ${key} NOT NULL)`
  )
  yield* sql.unsafe(
    `CREATE TABLE bench_path (unit_id ${key} NOT NULL, path ${key} NOT NULL, valid_from ${key} NOT NULL, valid_until ${key} NOT NULL)`
  )
  // Every (ancestor, descendant) pair with the interval on which the whole path holds: the
  // intersection of the units' validity and the links' intervals ('9999-12-31' for no end).
  const [, closureMs] = yield* once(
    sql.unsafe(`INSERT INTO bench_closure (ancestor_id, descendant_id, depth, valid_from, valid_until)
      WITH RECURSIVE paths(ancestor_id, descendant_id, depth, valid_from, valid_until) AS (
        SELECT id, id, 0, valid_from, COALESCE(valid_until, '9999-12-31') FROM units
        UNION ALL
        SELECT l.parent_id, p.descendant_id, p.depth + 1,
          CASE WHEN l.valid_from > p.valid_from THEN l.valid_from ELSE p.valid_from END,
          CASE WHEN COALESCE(l.valid_until, '9999-12-31') < p.valid_until THEN COALESCE(l.valid_until, '9999-12-31') ELSE p.valid_until END
        FROM paths p JOIN unit_parent l ON l.unit_id = p.ancestor_id
        WHERE l.valid_from < p.valid_until AND COALESCE(l.valid_until, '9999-12-31') > p.valid_from AND p.depth < 8
      )
      SELECT ancestor_id, descendant_id, depth, valid_from, valid_until FROM paths`)
  )
  const [, closureIndexMs] = yield* once(
    sql.unsafe("CREATE INDEX bench_closure_idx ON bench_closure (ancestor_id, valid_from, descendant_id)")
  )
  // One path per unit and interval: '/province/district/commune/'.
  const [, pathMs] = yield* once(
    sql.unsafe(`INSERT INTO bench_path (unit_id, path, valid_from, valid_until)
      WITH RECURSIVE paths(unit_id, top_id, path, valid_from, valid_until) AS (
        SELECT id, id, '/' || id || '/', valid_from, COALESCE(valid_until, '9999-12-31') FROM units
        UNION ALL
        SELECT p.unit_id, l.parent_id, '/' || l.parent_id || p.path,
          CASE WHEN l.valid_from > p.valid_from THEN l.valid_from ELSE p.valid_from END,
          CASE WHEN COALESCE(l.valid_until, '9999-12-31') < p.valid_until THEN COALESCE(l.valid_until, '9999-12-31') ELSE p.valid_until END
        FROM paths p JOIN unit_parent l ON l.unit_id = p.top_id
        WHERE l.valid_from < p.valid_until AND COALESCE(l.valid_until, '9999-12-31') > p.valid_from
      )
      SELECT p.unit_id, p.path, p.valid_from, p.valid_until FROM paths p
      WHERE NOT EXISTS (SELECT 1 FROM unit_parent l WHERE l.unit_id = p.top_id)`)
  )
  const [, pathIndexMs] = yield* once(
    sql.unsafe("CREATE INDEX bench_path_idx ON bench_path (path, valid_from)")
  )
  const count = (table: string) =>
    Effect.map(sql.unsafe<{ n: unknown }>(`SELECT COUNT(*) AS n FROM ${table}`), (r) => Number(r[0]?.n))
  return {
    closureRows: yield* count("bench_closure"),
    closureMs: closureMs + closureIndexMs,
    pathRows: yield* count("bench_path"),
    pathMs: pathMs + pathIndexMs,
    linkRows: yield* count("unit_parent")
  }
})

const bench = (
  engine: string,
  store: Layer.Layer<Store.Store | SqlClient.SqlClient, unknown>,
  size: () => string
) =>
  Effect.gen(function* () {
    const units = loadUnits()
    const reportsOf = units.map(report)
    const unitRepo = yield* UnitRepository
    const reportRepo = yield* ReportRepository
    const uow = yield* UnitOfWork
    const sql = yield* SqlClient.SqlClient

    const [, loadUnitsMs] = yield* once(uow.transaction(unitRepo.insert(units)))
    const [, loadReportsMs] = yield* once(
      uow.transaction(Effect.forEach(reportsOf, (r) => reportRepo.insert(r), { discard: true }))
    )
    yield* sql`ANALYZE`
    const alternatives = yield* buildAlternatives

    const root = Ids.UnitId.make("vn-38") // Thanh Hóa: 26 districts, 547 communes, the largest.
    const commune = Ids.UnitId.make("vn-16279")
    const q = {
      periodId: "2024S1" as Period.PeriodId,
      programme: "DVK" as const,
      statuses: ["approved" as const]
    }

    const cteCount = (asOf: CalendarDate.CalendarDate) =>
      sql`WITH RECURSIVE jurisdiction(id) AS (
          SELECT r.id FROM units r WHERE r.id = ${root} AND r.valid_from <= ${asOf} AND (r.valid_until IS NULL OR r.valid_until > ${asOf})
          UNION
          SELECT l.unit_id FROM jurisdiction j JOIN unit_parent l ON l.parent_id = j.id JOIN units c ON c.id = l.unit_id
          WHERE l.valid_from <= ${asOf} AND (l.valid_until IS NULL OR l.valid_until > ${asOf})
            AND NOT EXISTS (SELECT 1 FROM unit_parent e WHERE e.unit_id = l.unit_id AND e.ordinal < l.ordinal AND e.valid_from <= ${asOf} AND (e.valid_until IS NULL OR e.valid_until > ${asOf}))
            AND c.valid_from <= ${asOf} AND (c.valid_until IS NULL OR c.valid_until > ${asOf})
        ) SELECT COUNT(*) AS n FROM jurisdiction`
    const closureCount = (asOf: CalendarDate.CalendarDate) =>
      sql`SELECT COUNT(*) AS n FROM bench_closure WHERE ancestor_id = ${root} AND valid_from <= ${asOf} AND valid_until > ${asOf}`
    const pathCount = (asOf: CalendarDate.CalendarDate) =>
      sql`SELECT COUNT(*) AS n FROM bench_path WHERE path >= ${`/${root}/`} AND path < ${`/${root}/\u007f`} AND valid_from <= ${asOf} AND valid_until > ${asOf}`
    const rollupWith = (units: Effect.Effect<unknown, unknown>, from: string) =>
      Effect.andThen(
        units,
        sql.unsafe(`SELECT f.indicator, SUM(f.value) AS total FROM reports r JOIN report_figures f ON f.report_id = r.id
          WHERE r.period_id = '2024S1' AND r.programme = 'DVK' AND r.status = 'approved' AND r.unit_id IN (${from})
          GROUP BY f.indicator`)
      )
    const asOfSql = before
    const cteRollup = Effect.suspend(
      () =>
        sql`WITH RECURSIVE jurisdiction(id) AS (
          SELECT r.id FROM units r WHERE r.id = ${root} AND r.valid_from <= ${before} AND (r.valid_until IS NULL OR r.valid_until > ${before})
          UNION
          SELECT l.unit_id FROM jurisdiction j JOIN unit_parent l ON l.parent_id = j.id JOIN units c ON c.id = l.unit_id
          WHERE l.valid_from <= ${before} AND (l.valid_until IS NULL OR l.valid_until > ${before})
            AND NOT EXISTS (SELECT 1 FROM unit_parent e WHERE e.unit_id = l.unit_id AND e.ordinal < l.ordinal AND e.valid_from <= ${before} AND (e.valid_until IS NULL OR e.valid_until > ${before}))
            AND c.valid_from <= ${before} AND (c.valid_until IS NULL OR c.valid_until > ${before})
        )
        SELECT f.indicator, SUM(f.value) AS total FROM reports r JOIN report_figures f ON f.report_id = r.id
        WHERE r.period_id = '2024S1' AND r.programme = 'DVK' AND r.status = 'approved'
          AND r.unit_id IN (SELECT id FROM jurisdiction)
        GROUP BY f.indicator`
    )
    const closureRollup = rollupWith(
      Effect.void,
      `SELECT descendant_id FROM bench_closure WHERE ancestor_id = '${root}' AND valid_from <= '${asOfSql}' AND valid_until > '${asOfSql}'`
    )
    const pathRollup = rollupWith(
      Effect.void,
      `SELECT unit_id FROM bench_path WHERE path >= '/${root}/' AND path < '/${root}/\u007f' AND valid_from <= '${asOfSql}' AND valid_until > '${asOfSql}'`
    )
    /** One query per unit: the children of each unit, walked from the client. */
    const perUnit = Effect.gen(function* () {
      const queue: Array<string> = [root]
      for (let i = 0; i < queue.length; i++) {
        const rows = yield* sql<{
          unit_id: string
        }>`SELECT l.unit_id FROM unit_parent l JOIN units c ON c.id = l.unit_id
          WHERE l.parent_id = ${queue[i]!} AND l.valid_from <= ${before} AND (l.valid_until IS NULL OR l.valid_until > ${before})
          AND c.valid_from <= ${before} AND (c.valid_until IS NULL OR c.valid_until > ${before})`
        for (const r of rows) queue.push(r.unit_id)
      }
      return queue.length
    })

    const sizes = {
      cte: Number((yield* cteCount(before))[0]?.n),
      cteAfter: Number((yield* cteCount(after))[0]?.n),
      closure: Number((yield* closureCount(before))[0]?.n),
      path: Number((yield* pathCount(before))[0]?.n),
      perUnit: yield* perUnit
    }
    const provinces = units.filter((u) => u.type === "province" || u.type === "centralCity")
    const results = {
      "jurisdiction, SQL only (count), recursive CTE, 2024": yield* time(cteCount(before)),
      "jurisdiction, SQL only (count), recursive CTE, 2026": yield* time(cteCount(after)),
      "jurisdiction, SQL only (count), closure table": yield* time(closureCount(before)),
      "jurisdiction, SQL only (count), materialised path": yield* time(pathCount(before)),
      "jurisdiction, one query per unit from the client": yield* time(perUnit, 5),
      "UnitRepository.jurisdiction (CTE + decode 574 units)": yield* time(
        unitRepo.jurisdiction(root, before, { limit: 10_000 })
      ),
      "UnitRepository.ancestors of a commune": yield* time(unitRepo.ancestors(commune, before)),
      "rollup of the province, SQL only, recursive CTE": yield* time(cteRollup),
      "rollup of the province, SQL only, closure table": yield* time(closureRollup),
      "rollup of the province, SQL only, materialised path": yield* time(pathRollup),
      "ReportRepository.consolidate (recursive CTEs, one statement), province": yield* time(
        reportRepo.consolidate({ ...q, rootId: root, asOf: before })
      ),
      "ReportRepository.consolidate, all 63 provinces one after another": yield* time(
        Effect.forEach(provinces, (p) => reportRepo.consolidate({ ...q, rootId: p.id, asOf: before }), {
          discard: true
        }),
        3
      )
    }
    const lines = [
      `## ${engine}`,
      "",
      `Loaded ${units.length} units (${alternatives.linkRows} dated parent links) in ${fmt(loadUnitsMs)} ms and ${reportsOf.length} reports in ${fmt(loadReportsMs)} ms${size()}.`,
      `Jurisdiction of Thanh Hóa: ${sizes.cte} units in 2024 (${sizes.cteAfter} in 2026); closure ${sizes.closure}, path ${sizes.path}, per-unit walk ${sizes.perUnit}.`,
      "",
      "| structure | extra rows | build from scratch (ms) |",
      "| --- | --- | --- |",
      "| recursive CTE over `unit_parent` | 0 | 0 |",
      `| closure table (ancestor, descendant, interval) | ${alternatives.closureRows} | ${fmt(alternatives.closureMs)} |`,
      `| materialised path (unit, path, interval) | ${alternatives.pathRows} | ${fmt(alternatives.pathMs)} |`,
      "",
      `| query | median ms (of ${runs}) |`,
      "| --- | --- |",
      ...Object.entries(results).map(([k, v]) => `| ${k} | ${fmt(v)} |`),
      ""
    ]
    console.log(lines.join("\n"))
  }).pipe(Effect.provide(store))

const sqliteStore = Effect.sync(() => {
  const dir = mkdtempSync(join(tmpdir(), "danvan-bench-"))
  const filename = join(dir, "bench.db")
  return {
    layer: StoreSql.layerFromClient().pipe(Layer.provideMerge(SqliteClient.layer({ filename }))),
    size: () => `; database file ${(statSync(filename).size / 1e6).toFixed(1)} MB`,
    cleanup: () => rmSync(dir, { recursive: true, force: true })
  }
})

const pgRun = Effect.gen(function* () {
  const schema = `danvan_bench_${Date.now().toString(36)}`
  const admin = yield* PgClient.make({ url: Redacted.make(pgUrl) })
  yield* admin`CREATE SCHEMA ${admin(schema)}`
  yield* Effect.addFinalizer(() => Effect.ignore(admin`DROP SCHEMA ${admin(schema)} CASCADE`))
  const layer = StoreSql.layerFromClient().pipe(
    Layer.provideMerge(PgClient.layer(StorePg.poolConfig({ url: pgUrl, schema, maxConnections: 2 })))
  )
  yield* bench("pg", layer, () => "")
  const rows = yield* admin<{
    n: unknown
  }>`SELECT COALESCE(SUM(pg_total_relation_size(c.oid)), 0) AS n FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace WHERE s.nspname = ${schema} AND c.relkind = 'r'`
  console.log(
    `PostgreSQL schema size after the run: ${(Number(rows[0]?.n) / 1e6).toFixed(1)} MB (tables and indexes).`
  )
}).pipe(Effect.scoped, Effect.provide(Reactivity.layer))

const program = Effect.gen(function* () {
  console.log(
    `# store-sql hierarchy benchmark (${new Date().toISOString().slice(0, 10)}, Node ${process.version})\n`
  )
  if (which === "sqlite" || which === "all") {
    const s = yield* sqliteStore
    yield* Effect.ensuring(bench("sqlite", s.layer, s.size), Effect.sync(s.cleanup))
  }
  if (which === "pg" || which === "all") yield* pgRun
})

Effect.runPromise(program as Effect.Effect<void, unknown>).then(
  () => process.exit(0),
  (e) => {
    console.error(e)
    process.exit(1)
  }
)
