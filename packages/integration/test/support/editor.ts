/**
 * A second officer, in a process of its own: opens the store with the Promise facade, says it is
 * ready, waits for `go` on stdin, then saves its own content into the draft at the version both
 * officers read, and prints what happened as one line of JSON.
 *
 *     node --conditions=@danvan/source editor.ts <sqlite|pg|json> <location> <reportId> <version> <name>
 *
 * The JSON store takes one writer at a time: this editor opens it only when told to go, and while
 * the other holds it, waits and opens it again (`StoreUnavailable` says the lock is taken).
 */
import { createInterface } from "node:readline"
import { Danvan, type Store } from "@danvan/core"
import { StoreJson } from "@danvan/store-json"
import { StorePg } from "@danvan/store-sql/pg"
import { StoreSqlite } from "@danvan/store-sql/sqlite"
import type { Layer } from "effect"
import { dvkContent, officer } from "./world.ts"

const [engine, location, reportId, version, name] = process.argv.slice(2) as [
  string,
  string,
  string,
  string,
  string
]
const pgUrl = process.env.DANVAN_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres"

const layer = (): Layer.Layer<Store.Store, unknown> =>
  engine === "pg"
    ? StorePg.layer({ url: pgUrl, schema: location, maxConnections: 2 })
    : engine === "json"
      ? StoreJson.layer({ directory: location })
      : StoreSqlite.layer({ filename: location })

const say = (value: unknown) => process.stdout.write(`${JSON.stringify(value)}\n`)
const go = new Promise<void>((resolve) => {
  createInterface({ input: process.stdin }).on("line", (line) => {
    if (line.trim() === "go") resolve()
  })
})

const openStore = async (): Promise<Danvan.Client> => {
  for (let attempt = 0; ; attempt++) {
    try {
      return await Danvan.open(layer())
    } catch (error) {
      const tag = (error as { _tag?: string })._tag
      if (tag !== "StoreUnavailable" || attempt > 2000) throw error
      await new Promise((resolve) => setTimeout(resolve, 10))
    }
  }
}

const main = async () => {
  let danvan = engine === "json" ? undefined : await openStore()
  say({ ready: true })
  await go
  danvan ??= await openStore()
  let outcome: Record<string, unknown>
  try {
    const saved = await danvan.editReport(officer("vn-14533"), {
      reportId,
      version: Number(version),
      content: dvkContent(1, `bản của cán bộ ${name}`)
    })
    outcome = { done: true, won: true, version: saved.version }
  } catch (error) {
    const e = error as { _tag?: string; expected?: number; actual?: number; message?: string }
    outcome = {
      done: true,
      won: false,
      error: e._tag,
      expected: e.expected,
      actual: e.actual,
      message: e.message
    }
  } finally {
    await danvan.close()
  }
  // Said once the store is closed, so whoever reads it next finds it free.
  say(outcome)
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    say({ done: true, crashed: String(error) })
    process.exit(1)
  }
)
