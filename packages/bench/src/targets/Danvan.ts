/**
 * danvan itself: every operation goes through the storage port (`UnitRepository`,
 * `ModelRepository`, `ReportRepository`, …) or a use case of `@danvan/core`
 * (`Consolidate.consolidateReport`, `Directives.directivesInForce`, `Reports.submitReport`), over
 * one of the four adapters' layers, run by a `ManagedRuntime`.
 *
 * Imports write one transaction (`UnitOfWork.transaction`) per province and record kind. The
 * port inserts units and models in bulk, and reports with their revisions in one batch
 * (`ReportRepository.insertMany`; before 03/12/2026, an insert per report plus an update per
 * revision).
 *
 * @since 0.1.0
 */
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { DatabaseSync } from "node:sqlite"
import type { Store } from "@danvan/core"
import {
  Checked,
  Consolidate,
  Directive,
  DirectiveRepository,
  Directives,
  DvkModel,
  Figures,
  ModelRepository,
  Page,
  ReferenceData,
  Report,
  ReportRepository,
  Reports,
  Rollup,
  StoreError,
  Succession,
  Unit,
  UnitOfWork,
  UnitRepository
} from "@danvan/core"
import { StoreJson } from "@danvan/store-json"
import { StoreMemory } from "@danvan/store-memory"
import { StorePg } from "@danvan/store-sql/pg"
import { StoreSqlite } from "@danvan/store-sql/sqlite"
import { Effect, type Layer, ManagedRuntime, Schema } from "effect"
import type { Receive } from "../generate/Province.ts"
import * as Pg from "./Pg.ts"
import type { AdapterName, Counted, Location, Target } from "./Target.ts"

/** Where the adapters keep their files and which PostgreSQL they use. @since 0.1.0 */
export interface Environment {
  readonly pgUrl: string
  /** A fresh directory for this target's files, removed on close. */
  readonly directory: string
}

/** A fresh temporary directory. @since 0.1.0 */
export const tempDirectory = (name: string) => fs.mkdtempSync(path.join(os.tmpdir(), `danvan-bench-${name}-`))

/** A schema name unique to this process and target. @since 0.1.0 */
export const schemaName = (name: string) => `danvan_bench_${name}_${process.pid}`

const nothing = async () => {}

/** `ANALYZE` on the adapter's SQLite file, through a second connection (WAL lets it in). */
const analyzeSqlite = async (filename: string) => {
  const db = new DatabaseSync(filename, { timeout: 5000 })
  try {
    db.exec("ANALYZE")
  } finally {
    db.close()
  }
}

/** `ANALYZE` on the tables of a PostgreSQL schema. */
const analyzePg = async (url: string, schema: string) => {
  const client = new Pg.Client({ connectionString: url })
  await client.connect()
  try {
    const { rows } = await client.query<{ tablename: string }>(
      "SELECT tablename FROM pg_tables WHERE schemaname = $1",
      [schema]
    )
    for (const r of rows) await client.query(`ANALYZE "${schema}"."${r.tablename}"`)
  } finally {
    await client.end()
  }
}

/** Drops a PostgreSQL schema and everything in it. @since 0.1.0 */
export const dropSchema = async (url: string, schema: string) => {
  const client = new Pg.Client({ connectionString: url })
  await client.connect()
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`)
  } finally {
    await client.end()
  }
}

/** A record as an application holds it after decoding its input once with `Checked`. */
const decodedOnce = <S extends Schema.Codec<unknown, unknown>>(schema: S) => {
  const encode = Schema.encodeUnknownSync(schema)
  const decode = Checked.decodeUnknownSync(schema)
  return (record: S["Type"]): S["Type"] => decode(encode(record))
}

const checkedUnit = decodedOnce(Unit.Unit)
const checkedSuccession = decodedOnce(Succession.Succession)
const checkedModel = decodedOnce(DvkModel.DvkModel)
const checkedReport = decodedOnce(Report.Report)
const checkedRevision = decodedOnce(Report.ReportRevision)
const checkedDirective = decodedOnce(Directive.Directive)

/**
 * The generator's records (built with `disableChecks`) as an application importing a province
 * holds them: decoded with every check at its boundary (a file, a request), through `Checked`, so
 * the memory engine stores them without running the schemas a second time (decision record 0034)
 * and the SQL adapters encode them without running the checks again (decision record 0042).
 * Untimed, like the generation: the baseline checks nothing at all. Each record is decoded as the
 * generator completes it (decision record 0062): decoding a whole generated province afterwards
 * left the generator's copy of it, promoted to the old generation while it was made, as garbage on
 * danvan's side only (the baseline stores the generator's records themselves).
 */
const receive: Receive = {
  unit: checkedUnit,
  succession: checkedSuccession,
  model: checkedModel,
  report: (entry) => ({
    report: checkedReport(entry.report),
    revisions: entry.revisions.map(checkedRevision)
  }),
  directive: checkedDirective
}

/**
 * The danvan target over an adapter.
 *
 * @since 0.1.0
 */
export const make = async (adapter: AdapterName, env: Environment): Promise<Target> => {
  switch (adapter) {
    case "memory":
      return { ...(await over(adapter, StoreMemory.layer(), Effect.void, nothing, nothing)), receive }
    case "sqlite": {
      const filename = path.join(env.directory, "danvan.sqlite")
      return {
        ...(await over(
          adapter,
          StoreSqlite.layer({ filename }),
          Effect.void,
          () => analyzeSqlite(filename),
          nothing,
          { filename }
        )),
        receive
      }
    }
    case "postgres": {
      const schema = schemaName("danvan")
      await dropSchema(env.pgUrl, schema)
      return {
        ...(await over(
          adapter,
          StorePg.layer({ url: env.pgUrl, schema }),
          Effect.void,
          () => analyzePg(env.pgUrl, schema),
          () => dropSchema(env.pgUrl, schema),
          { schema }
        )),
        receive
      }
    }
    case "json":
      return {
        ...(await over(
          adapter,
          StoreJson.layer({ directory: path.join(env.directory, "store") }),
          Effect.flatMap(StoreJson.Maintenance, (m) => m.compact),
          nothing,
          nothing
        )),
        receive
      }
  }
}

/**
 * danvan over a SQL store another process made (the `load` scenario's workers): its own
 * connection (SQLite) or pool (PostgreSQL), nothing created or dropped. `busyTimeoutMillis`: how
 * long the SQLite adapter waits for another process's write lock before it fails with
 * `StoreUnavailable` (`Locked`); the adapter's default unless given.
 *
 * @since 0.1.0
 */
export const attach = (
  adapter: "sqlite" | "postgres",
  location: Location,
  pgUrl: string,
  options: { readonly busyTimeoutMillis?: number } = {}
): Promise<Target> =>
  "filename" in location
    ? over(
        adapter,
        StoreSqlite.layer({ filename: location.filename, busyTimeoutMillis: options.busyTimeoutMillis }),
        Effect.void,
        nothing,
        nothing
      )
    : over(adapter, StorePg.layer({ url: pgUrl, schema: location.schema }), Effect.void, nothing, nothing)

const over = async <X, E1, E2>(
  adapter: AdapterName,
  layer: Layer.Layer<Store.Store | X, E1>,
  finish: Effect.Effect<void, E2, Store.Store | X>,
  settle: () => Promise<void>,
  cleanUp: () => Promise<void>,
  location?: Location
): Promise<Target> => {
  const runtime = ManagedRuntime.make(layer)
  const run = <A, E>(effect: Effect.Effect<A, E, Store.Store | X>): Promise<A> => runtime.runPromise(effect)
  await run(Effect.void)
  const transaction = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
    Effect.flatMap(UnitOfWork, (uow) => uow.transaction(effect))

  return {
    adapter,
    implementation: "danvan",

    importStatic: (plan) =>
      run(
        transaction(
          Effect.gen(function* () {
            const reference = yield* ReferenceData
            for (const field of plan.fields) yield* reference.putField(field)
            for (const regime of plan.regimes) yield* reference.putRegime(regime)
            for (const rule of plan.rules) yield* reference.putValidationRule(rule)
            yield* (yield* DirectiveRepository).insertMany(plan.directives)
            return plan.fields.length + plan.regimes.length + plan.rules.length + plan.directives.length
          })
        )
      ),

    importUnits: (chunk) =>
      run(
        transaction(
          Effect.gen(function* () {
            const units = yield* UnitRepository
            yield* units.insert(chunk.units)
            if (chunk.successions.length > 0) yield* units.insertSuccessions(chunk.successions)
            return chunk.units.length + chunk.successions.length
          })
        )
      ),

    importModels: (chunk) =>
      run(
        transaction(
          Effect.gen(function* () {
            yield* (yield* ModelRepository).insert(chunk.models)
            return chunk.models.length
          })
        )
      ),

    importReports: (chunk) =>
      run(
        transaction(
          Effect.gen(function* () {
            // The province's reports with their revisions in one batch (`insertMany`): multi-row
            // statements on SQL, one commit in memory.
            const revisions = chunk.reports.flatMap((entry) => entry.revisions)
            yield* (yield* ReportRepository).insertMany(
              chunk.reports.map((entry) => entry.report),
              revisions
            )
            return chunk.reports.length + revisions.length
          })
        )
      ),

    importDirectives: (chunk) =>
      run(
        transaction(
          Effect.gen(function* () {
            // The province's directives in one batch (`insertMany`; before 03/12/2026, one
            // insert each).
            yield* (yield* DirectiveRepository).insertMany(chunk.directives)
            return chunk.directives.length
          })
        )
      ),

    finishImport: () => run(finish),
    settle,

    rollup: (query) =>
      run(
        Effect.gen(function* () {
          const reports = yield* ReportRepository
          // The provinces in one pass of the store (`consolidateMany`), each one's totals added.
          const parts = (yield* reports.consolidateMany({
            rootIds: query.roots,
            asOf: query.asOf,
            periodId: query.periodId,
            programme: query.programme,
            statuses: ["approved"]
          })).map((p) => p.consolidation)
          return {
            totals: Rollup.sumTotals(parts.map((p) => p.totals)),
            counted: parts.flatMap((p) => p.contributions.map(counted))
          }
        })
      ),

    consolidate: (actor, query) =>
      run(
        Effect.gen(function* () {
          const regimeId = query.programme === "DVK" ? "party-calendar-months" : "state-decree-09-2019"
          const r = yield* Consolidate.consolidateReport(actor, {
            rootId: query.root,
            periodId: query.periodId,
            programme: query.programme,
            regimeId,
            asOf: query.asOf
          })
          return {
            totals: r.consolidation.totals,
            counted: r.consolidation.contributions.map(counted),
            expected: r.completeness.expected,
            missing: r.completeness.missing.length,
            late: r.completeness.late.length,
            onTime: r.completeness.onTime.length,
            violations: r.violations.consolidated.length
          }
        })
      ),

    jurisdiction: (root, asOf) =>
      run(
        Effect.gen(function* () {
          const units = yield* UnitRepository
          const all = yield* Page.collect((page) => units.jurisdiction(root, asOf, page))
          return all.map((u) => u.id)
        })
      ),

    directivesInForce: (on) =>
      run(Effect.map(Directives.directivesInForce({ on }), (list) => list.map((d) => d.id))),

    // An app submits the report at the version it read, as every change to a stored record does.
    submit: (actor, reportId) =>
      run(
        Effect.asVoid(
          Effect.flatMap(
            Effect.flatMap(ReportRepository, (r) => r.get(reportId)),
            (report) => Reports.submitReport(actor, { reportId, version: report.version })
          )
        )
      ),

    states: (ids) =>
      run(
        Effect.forEach(ids, (id) =>
          Effect.gen(function* () {
            const reports = yield* ReportRepository
            const report = yield* reports.get(id)
            const revisions = yield* reports.revisions(id)
            return { id, status: report.status, revision: report.revision, revisions: revisions.length }
          })
        )
      ),

    // As an app would: run the same call again when the store says a retry may succeed.
    retryable: (error) => error instanceof StoreError.StoreUnavailable && error.isRetryable,
    ...(location === undefined ? {} : { location }),

    close: async () => {
      await runtime.dispose()
      await cleanUp()
    }
  }
}

const counted = (c: {
  readonly reportId: string
  readonly unitId: string
  readonly countedUnder: string
}): Counted => ({
  reportId: c.reportId,
  unitId: c.unitId,
  countedUnder: c.countedUnder
})

/** Flat figures, for checks. @since 0.1.0 */
export const flat = Figures.flatten
