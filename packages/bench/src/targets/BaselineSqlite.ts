/**
 * The SQLite baseline: `node:sqlite` (the adapter's driver) directly, the hand-written schema of
 * `SqlBaseline`, prepared statements (multi-row inserts of up to 100 rows, the same statement
 * reused), one transaction per province and record kind, WAL, foreign keys and
 * `synchronous = FULL` as in the adapter, the rollup as one statement with a recursive CTE.
 *
 * @since 0.1.0
 */
import * as path from "node:path"
import { DatabaseSync, type SQLInputValue, type StatementSync } from "node:sqlite"
import type { Actor, CalendarDate, Report } from "@danvan/core"
import type { Plan } from "../generate/Plan.ts"
import * as Hand from "./Hand.ts"
import * as Sql from "./SqlBaseline.ts"
import type { ConsolidationResult, Counted, RollupResult, Target } from "./Target.ts"

const batch = 100

/**
 * The SQLite baseline target, in a file of `directory`.
 *
 * @since 0.1.0
 */
export const make = (directory: string): Target => open(path.join(directory, "baseline.sqlite"), true)

/**
 * The SQLite baseline on a file another process made (the `load` scenario's workers): its own
 * connection, nothing created.
 *
 * @since 0.1.0
 */
export const attach = (filename: string): Target => open(filename, false)

const open = (filename: string, create: boolean): Target => {
  // Another process may hold the write lock (the `load` scenario): wait for it up to 5 s, as the
  // adapter does (it waits without blocking the event loop; this synchronous driver blocks).
  const db = new DatabaseSync(filename, { timeout: 5000 })
  db.exec("PRAGMA journal_mode = WAL")
  db.exec("PRAGMA foreign_keys = ON")
  db.exec("PRAGMA synchronous = FULL")
  if (create) for (const ddl of Sql.schema()) db.exec(ddl)
  const deadline = Hand.deadlines()
  let rules: Plan["rules"] = []

  const statements = new Map<string, StatementSync>()
  const prepared = (sql: string) => {
    let s = statements.get(sql)
    if (s === undefined) {
      s = db.prepare(sql)
      statements.set(sql, s)
    }
    const statement = s
    const bind = (params: ReadonlyArray<unknown>) => params as Array<SQLInputValue>
    return {
      run: (params: ReadonlyArray<unknown>) => statement.run(...bind(params)),
      all: (params: ReadonlyArray<unknown>) => statement.all(...bind(params)),
      get: (params: ReadonlyArray<unknown>) => statement.get(...bind(params))
    }
  }
  const insert = (table: Sql.Table, rows: ReadonlyArray<ReadonlyArray<unknown>>) => {
    let i = 0
    for (; i + batch <= rows.length; i += batch)
      prepared(Sql.insertSql(table, batch)).run(rows.slice(i, i + batch).flat())
    if (i < rows.length) prepared(Sql.insertSql(table, rows.length - i)).run(rows.slice(i).flat())
    return rows.length
  }
  // `IMMEDIATE` takes the write lock first: a read-then-write transaction begun `DEFERRED` could not
  // upgrade once another process has committed (`SQLITE_BUSY_SNAPSHOT`, no waiting helps).
  const tx = <A>(f: () => A, begin = "BEGIN"): A => {
    db.exec(begin)
    try {
      const result = f()
      db.exec("COMMIT")
      return result
    } catch (error) {
      db.exec("ROLLBACK")
      throw error
    }
  }

  const rollup = (
    roots: ReadonlyArray<string>,
    asOf: string,
    periodId: string,
    programme: string
  ): RollupResult => {
    const rows = prepared(Sql.rollupSql(roots.length)).all(
      Sql.rollupParams(roots, asOf, periodId, programme)
    ) as Array<{
      kind: string
      report_id: string
      unit_id: string
      counted_under: string
      indicator: string
      total: number
    }>
    const totals: Record<string, number> = {}
    const counted: Array<Counted> = []
    for (const r of rows) {
      if (r.kind === "t") totals[r.indicator] = Number(r.total)
      else counted.push({ reportId: r.report_id, unitId: r.unit_id, countedUnder: r.counted_under })
    }
    counted.sort((a, b) => Hand.ascending(a.unitId, b.unitId) || Hand.ascending(a.reportId, b.reportId))
    return { totals, counted }
  }

  return {
    adapter: "sqlite",
    implementation: "baseline",
    importStatic: async (plan) =>
      tx(() => {
        rules = plan.rules
        const n = insert("reference", [
          ...plan.fields.map((f) => ["field", f.id, JSON.stringify(f)]),
          ...plan.regimes.map((r) => ["regime", r.id, JSON.stringify(r)]),
          ...plan.rules.map((r) => ["rule", r.id, JSON.stringify(r)])
        ])
        insert("directives", plan.directives.map(Sql.directiveRow))
        insert("replaces", plan.directives.flatMap(Sql.replaceRows))
        return n + plan.directives.length
      }),
    importUnits: async (chunk) =>
      tx(() => {
        insert("units", chunk.units.map(Sql.unitRow))
        insert("parents", chunk.units.flatMap(Sql.parentRows))
        insert("successions", chunk.successions.map(Sql.successionRow))
        return chunk.units.length + chunk.successions.length
      }),
    importModels: async (chunk) => tx(() => insert("models", chunk.models.map(Sql.modelRow))),
    importReports: async (chunk) =>
      tx(() => {
        insert(
          "reports",
          chunk.reports.map((e) => Sql.reportRow(e.report))
        )
        insert(
          "figures",
          chunk.reports.flatMap((e) => Sql.figureRows(e.report))
        )
        return (
          chunk.reports.length +
          insert(
            "revisions",
            chunk.reports.flatMap((e) => e.revisions.map(Sql.revisionRow))
          )
        )
      }),
    importDirectives: async (chunk) =>
      tx(() => {
        insert("directives", chunk.directives.map(Sql.directiveRow))
        insert("replaces", chunk.directives.flatMap(Sql.replaceRows))
        return chunk.directives.length
      }),
    finishImport: async () => {},
    settle: async () => {
      db.exec("ANALYZE")
    },
    rollup: async (q) => tx(() => rollup(q.roots, q.asOf, q.periodId, q.programme)),
    consolidate: async (_actor, q): Promise<ConsolidationResult> =>
      tx(() => {
        const r = rollup([q.root], q.asOf, q.periodId, q.programme)
        const rows = prepared(`WITH RECURSIVE ${Sql.jurisdictionCte(1)} ${Sql.completenessSql}`).all([
          ...Sql.jurisdictionParams([q.root], q.asOf),
          q.periodId,
          q.programme,
          q.root
        ]) as Array<Sql.CompletenessRow>
        return Sql.consolidation(r, rows, q, deadline, rules)
      }),
    jurisdiction: async (root, asOf: CalendarDate.CalendarDate) =>
      (
        prepared(Sql.jurisdictionSql(1)).all(Sql.jurisdictionParams([root], asOf)) as Array<{ id: string }>
      ).map((r) => r.id),
    directivesInForce: async (on) =>
      (prepared(Sql.inForceSql).all([on, on, on]) as Array<{ id: string }>).map((r) => r.id),
    submit: async (actor: Actor.Actor, reportId) =>
      tx(() => {
        const row = prepared(
          "SELECT r.doc, r.version, u.type FROM reports r JOIN units u ON u.id = r.unit_id WHERE r.id = ?"
        ).get([reportId]) as
          | { doc: string; version: number; type: Parameters<typeof Hand.levelOf>[0] }
          | undefined
        if (row === undefined) throw new Error(`no report ${reportId}`)
        const doc = { ...(JSON.parse(row.doc) as Report.Report), version: row.version }
        const s = Sql.submission(doc, actor, actor.unitId, Hand.levelOf(row.type), deadline, new Date())
        const changed = prepared(
          "UPDATE reports SET status = 'submitted', revision = ?, first_submitted_at = COALESCE(first_submitted_at, ?), version = version + 1, doc = ? WHERE id = ? AND version = ?"
        ).run([s.revision, s.at, JSON.stringify(s.report), reportId, doc.version])
        if (changed.changes !== 1) throw new Error(`report ${reportId} changed meanwhile`)
        prepared(Sql.insertSql("revisions", 1)).run([reportId, s.revision, JSON.stringify(s.rev)])
        prepared(Sql.insertSql("audit", 1)).run([s.audit.id, s.at, reportId, JSON.stringify(s.audit)])
      }, "BEGIN IMMEDIATE"),
    states: async (ids) =>
      ids.map((id) => {
        const row = prepared(Sql.stateSql).get([id]) as
          | { id: string; status: string; revision: number; revisions: number }
          | undefined
        if (row === undefined) throw new Error(`no report ${id}`)
        return { id, status: row.status, revision: Number(row.revision), revisions: Number(row.revisions) }
      }),
    // SQLITE_BUSY (and its extended codes): the lock stayed taken past the busy timeout.
    retryable: (error) =>
      typeof error === "object" &&
      error !== null &&
      typeof (error as { errcode?: unknown }).errcode === "number" &&
      ((error as { errcode: number }).errcode & 0xff) === 5,
    location: { filename },
    close: async () => {
      db.close()
    }
  }
}
