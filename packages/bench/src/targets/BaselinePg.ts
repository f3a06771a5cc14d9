/**
 * The PostgreSQL baseline: the `pg` driver directly on the same server as the adapter, in a fresh
 * schema dropped afterwards; the hand-written schema of `SqlBaseline`; multi-row inserts of up to
 * 1,000 rows (named, so the server parses each shape once); one transaction per province and
 * record kind; the rollup as one statement with a recursive CTE.
 *
 * @since 0.1.0
 */
import type { Actor, CalendarDate, Report } from "@danvan/core"
import type { Plan } from "../generate/Plan.ts"
import * as Hand from "./Hand.ts"
import * as Pg from "./Pg.ts"
import * as Sql from "./SqlBaseline.ts"
import type { ConsolidationResult, Counted, RollupResult, Target } from "./Target.ts"

const maxParameters = 65_535

/** `?` placeholders as `$1, $2, …`. @since 0.1.0 */
export const numbered = (sql: string) => {
  let n = 0
  return sql.replace(/\?/gu, () => `$${++n}`)
}

/**
 * The PostgreSQL baseline target in schema `schema` (created, and dropped on close).
 *
 * @since 0.1.0
 */
export const make = (url: string, schema: string): Promise<Target> => open(url, schema, true)

/**
 * The PostgreSQL baseline on a schema another process made (the `load` scenario's workers): its own
 * connections, nothing created or dropped.
 *
 * @since 0.1.0
 */
export const attach = (url: string, schema: string): Promise<Target> => open(url, schema, false)

/** Connections submissions share, as many as danvan's pool (`@effect/sql-pg`'s default, `pg`'s 10). */
const poolSize = 10

const open = async (url: string, schema: string, create: boolean): Promise<Target> => {
  const connect = async () => {
    const c = new Pg.Client({ connectionString: url, application_name: "danvan-bench-baseline" })
    await c.connect()
    await c.query(`SET search_path TO "${schema}"`)
    return c
  }
  const client = new Pg.Client({ connectionString: url, application_name: "danvan-bench-baseline" })
  await client.connect()
  if (create) {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`)
    await client.query(`CREATE SCHEMA "${schema}"`)
  }
  await client.query(`SET search_path TO "${schema}"`)
  if (create) for (const ddl of Sql.schema()) await client.query(ddl)
  // Concurrent submissions each need a connection of their own for their transaction (one
  // client's queries would interleave): a small pool, opened as needed, as an app would keep.
  const idle: Array<Pg.Client> = []
  const all: Array<Pg.Client> = []
  let opened = 0
  const waiting: Array<(c: Pg.Client) => void> = []
  const acquire = async (): Promise<Pg.Client> => {
    const c = idle.pop()
    if (c !== undefined) return c
    if (opened < poolSize) {
      opened++
      const fresh = await connect()
      all.push(fresh)
      return fresh
    }
    return new Promise((resolve) => waiting.push(resolve))
  }
  const release = (c: Pg.Client) => {
    const next = waiting.shift()
    if (next !== undefined) next(c)
    else idle.push(c)
  }
  const deadline = Hand.deadlines()
  let rules: Plan["rules"] = []
  const names = new Map<string, string>()
  const query = <R extends Pg.QueryResultRow>(
    sql: string,
    values: ReadonlyArray<unknown>,
    on: Pg.Client = client
  ) => {
    const text = numbered(sql)
    let name = names.get(text)
    if (name === undefined) {
      name = `q${names.size + 1}`
      names.set(text, name)
    }
    return on.query<R>({ name, text, values: values as Array<unknown> })
  }
  const insert = async (table: Sql.Table, rows: ReadonlyArray<ReadonlyArray<unknown>>) => {
    const arity = Sql.inserts[table][2]
    const per = Math.min(1000, Math.floor(maxParameters / arity))
    for (let i = 0; i < rows.length; i += per) {
      const part = rows.slice(i, i + per)
      await query(Sql.insertSql(table, part.length), part.flat())
    }
    return rows.length
  }
  const tx = async <A>(f: () => Promise<A>): Promise<A> => {
    await client.query("BEGIN")
    try {
      const a = await f()
      await client.query("COMMIT")
      return a
    } catch (e) {
      await client.query("ROLLBACK")
      throw e
    }
  }

  const rollup = async (
    roots: ReadonlyArray<string>,
    asOf: string,
    periodId: string,
    programme: string
  ): Promise<RollupResult> => {
    const { rows } = await query<{
      kind: string
      report_id: string
      unit_id: string
      counted_under: string
      indicator: string
      total: string
    }>(Sql.rollupSql(roots.length), Sql.rollupParams(roots, asOf, periodId, programme))
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
    adapter: "postgres",
    implementation: "baseline",
    importStatic: (plan) =>
      tx(async () => {
        rules = plan.rules
        const n = await insert("reference", [
          ...plan.fields.map((f) => ["field", f.id, JSON.stringify(f)]),
          ...plan.regimes.map((r) => ["regime", r.id, JSON.stringify(r)]),
          ...plan.rules.map((r) => ["rule", r.id, JSON.stringify(r)])
        ])
        await insert("directives", plan.directives.map(Sql.directiveRow))
        await insert("replaces", plan.directives.flatMap(Sql.replaceRows))
        return n + plan.directives.length
      }),
    importUnits: (chunk) =>
      tx(async () => {
        await insert("units", chunk.units.map(Sql.unitRow))
        await insert("parents", chunk.units.flatMap(Sql.parentRows))
        await insert("successions", chunk.successions.map(Sql.successionRow))
        return chunk.units.length + chunk.successions.length
      }),
    importModels: (chunk) => tx(() => insert("models", chunk.models.map(Sql.modelRow))),
    importReports: (chunk) =>
      tx(async () => {
        await insert(
          "reports",
          chunk.reports.map((e) => Sql.reportRow(e.report))
        )
        await insert(
          "figures",
          chunk.reports.flatMap((e) => Sql.figureRows(e.report))
        )
        return (
          chunk.reports.length +
          (await insert(
            "revisions",
            chunk.reports.flatMap((e) => e.revisions.map(Sql.revisionRow))
          ))
        )
      }),
    importDirectives: (chunk) =>
      tx(async () => {
        await insert("directives", chunk.directives.map(Sql.directiveRow))
        await insert("replaces", chunk.directives.flatMap(Sql.replaceRows))
        return chunk.directives.length
      }),
    finishImport: async () => {},
    settle: async () => {
      const { rows } = await client.query<{ tablename: string }>(
        "SELECT tablename FROM pg_tables WHERE schemaname = $1",
        [schema]
      )
      for (const r of rows) await client.query(`ANALYZE "${schema}"."${r.tablename}"`)
    },
    rollup: (q) => rollup(q.roots, q.asOf, q.periodId, q.programme),
    consolidate: (_actor, q): Promise<ConsolidationResult> =>
      tx(async () => {
        const r = await rollup([q.root], q.asOf, q.periodId, q.programme)
        const { rows } = await query<Sql.CompletenessRow>(
          `WITH RECURSIVE ${Sql.jurisdictionCte(1)} ${Sql.completenessSql}`,
          [...Sql.jurisdictionParams([q.root], q.asOf), q.periodId, q.programme, q.root]
        )
        return Sql.consolidation(r, rows, q, deadline, rules)
      }),
    jurisdiction: async (root, asOf: CalendarDate.CalendarDate) =>
      (await query<{ id: string }>(Sql.jurisdictionSql(1), Sql.jurisdictionParams([root], asOf))).rows.map(
        (r) => r.id
      ),
    directivesInForce: async (on) =>
      (await query<{ id: string }>(Sql.inForceSql, [on, on, on])).rows.map((r) => r.id),
    submit: async (actor: Actor.Actor, reportId) => {
      const c = await acquire()
      try {
        await c.query("BEGIN")
        try {
          const { rows } = await query<{
            doc: string
            version: number
            type: Parameters<typeof Hand.levelOf>[0]
          }>(
            "SELECT r.doc, r.version, u.type FROM reports r JOIN units u ON u.id = r.unit_id WHERE r.id = ? FOR UPDATE OF r",
            [reportId],
            c
          )
          const row = rows[0]
          if (row === undefined) throw new Error(`no report ${reportId}`)
          const doc = { ...(JSON.parse(row.doc) as Report.Report), version: row.version }
          const s = Sql.submission(doc, actor, actor.unitId, Hand.levelOf(row.type), deadline, new Date())
          const changed = await query(
            "UPDATE reports SET status = 'submitted', revision = ?, first_submitted_at = COALESCE(first_submitted_at, ?), version = version + 1, doc = ? WHERE id = ? AND version = ?",
            [s.revision, s.at, JSON.stringify(s.report), reportId, doc.version],
            c
          )
          if (changed.rowCount !== 1) throw new Error(`report ${reportId} changed meanwhile`)
          await query(Sql.insertSql("revisions", 1), [reportId, s.revision, JSON.stringify(s.rev)], c)
          await query(Sql.insertSql("audit", 1), [s.audit.id, s.at, reportId, JSON.stringify(s.audit)], c)
          await c.query("COMMIT")
        } catch (e) {
          await c.query("ROLLBACK")
          throw e
        }
      } finally {
        release(c)
      }
    },
    states: async (ids) => {
      const out = []
      for (const id of ids) {
        const { rows } = await query<{ status: string; revision: number; revisions: string }>(Sql.stateSql, [
          id
        ])
        const row = rows[0]
        if (row === undefined) throw new Error(`no report ${id}`)
        out.push({ id, status: row.status, revision: Number(row.revision), revisions: Number(row.revisions) })
      }
      return out
    },
    // Serialization failure and deadlock: PostgreSQL's own advice is to run the transaction again.
    retryable: (error) => {
      const code = (error as { code?: unknown } | null)?.code
      return code === "40001" || code === "40P01"
    },
    location: { schema },
    close: async () => {
      try {
        for (const c of all) await c.end()
        if (create) await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`)
      } finally {
        await client.end()
      }
    }
  }
}
