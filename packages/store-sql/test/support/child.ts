/**
 * A second process for the concurrency tests (run with
 * `node --conditions=@danvan/source child.ts <engine> <location> <action> <name>`).
 *
 * It opens the store at `location` (an SQLite file, or a PostgreSQL schema on `DANVAN_PG_URL`),
 * prepares, prints `{"ready":…}` on one line, waits for a `go` line on stdin so that both
 * processes act at the same moment, acts, and prints `{"done":…}`.
 *
 * - `migrate`: runs `StoreSql.migrate` over a raw client and reports the migrations it applied.
 * - `update-report`: reads report `r1`, then updates it from that read; on `VersionConflict` it
 *   reads again and applies its change on top, so nothing is lost.
 */
import { createInterface } from "node:readline"
import { Ids, Report, ReportRepository, type Store, type StoreError } from "@danvan/core"
import { PgClient } from "@effect/sql-pg"
import { Effect, Layer } from "effect"
import * as Reactivity from "effect/reactivity/Reactivity"
import type * as SqlClient from "effect/sql/SqlClient"
import { StoreSql } from "../../src/index.ts"
import { StorePg } from "../../src/pg.ts"
import { SqliteClient } from "../../src/sqlite.ts"

const [engine, location, action, name] = process.argv.slice(2) as [string, string, string, string]
const pgUrl = process.env.DANVAN_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres"

const lines = createInterface({ input: process.stdin })
const go = Effect.promise(
  () =>
    new Promise<void>((resolve) => {
      lines.on("line", (line) => {
        if (line.trim() === "go") resolve()
      })
    })
)
const say = (value: unknown) => Effect.sync(() => process.stdout.write(`${JSON.stringify(value)}\n`))

const client: Layer.Layer<SqlClient.SqlClient, unknown> =
  engine === "pg"
    ? PgClient.layer(StorePg.poolConfig({ url: pgUrl, schema: location, maxConnections: 2 }))
    : SqliteClient.layer({ filename: location })

const migrate = Effect.gen(function* () {
  yield* say({ ready: true })
  yield* go
  const applied = yield* StoreSql.migrate
  yield* say({ done: true, applied: applied.map((m) => m.id) })
}).pipe(Effect.provide(Layer.provide(client, Reactivity.layer)))

const updateReport = Effect.gen(function* () {
  const reports = yield* ReportRepository
  const id = Ids.ReportId.make("r1")
  const read = yield* reports.get(id)
  yield* say({ ready: true, version: read.version })
  yield* go
  const change = (r: Report.Report) =>
    new Report.Report({
      ...r,
      content: new Report.ReportContent({ ...r.content, achievements: `${r.content.achievements} [${name}]` })
    })
  const first = yield* Effect.result(reports.update(change(read)))
  if (first._tag === "Success") {
    yield* say({ done: true, won: true, version: first.success.version })
    return
  }
  const error = first.failure as StoreError.StoreError
  if (error._tag !== "VersionConflict") {
    yield* say({ done: true, error: error._tag, message: error.message })
    return
  }
  // Someone else wrote first: read again and apply the change on top.
  const again = yield* reports.update(change(yield* reports.get(id)))
  yield* say({
    done: true,
    won: false,
    conflict: { expected: error.expected, actual: error.actual },
    version: again.version
  })
}).pipe(
  Effect.provide(
    StoreSql.layerFromClient().pipe(Layer.provide(client), Layer.provide(Reactivity.layer)) as Layer.Layer<
      Store.Store,
      unknown
    >
  )
)

const program = action === "migrate" ? migrate : updateReport

Effect.runPromise(program).then(
  () => {
    lines.close()
    process.exit(0)
  },
  (error) => {
    process.stdout.write(`${JSON.stringify({ done: true, crashed: String(error) })}\n`)
    process.exit(1)
  }
)
