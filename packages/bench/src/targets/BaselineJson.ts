/**
 * The JSON-file baseline: the in-memory baseline's records and loops, written to one file with
 * `JSON.stringify` and a single write stream when the import ends (then `fsync`), and each
 * submission appended to a journal file as one JSON line and `fdatasync`ed, the least a durable
 * JSON store can do per commit.
 *
 * The whole country does not fit one `JSON.stringify` call: the result would pass V8's maximum
 * string length (2^29 − 24 characters, about 512 MiB). The baseline therefore stringifies each
 * table in slices of 20,000 records and writes them one after the other into the same file, which
 * reads back as one JSON document.
 *
 * @since 0.1.0
 */
import * as fs from "node:fs"
import * as path from "node:path"
import type { CalendarDate } from "@danvan/core"
import { State } from "./BaselineMemory.ts"
import type { Target } from "./Target.ts"

const slice = 20_000

/** Writes `{"units":[...],"models":[...],...}` through one stream, a slice at a time. */
const writeDocument = async (
  file: string,
  tables: ReadonlyArray<readonly [string, ReadonlyArray<unknown>]>
) => {
  const handle = await fs.promises.open(file, "w")
  try {
    const write = (text: string) => handle.write(text)
    await write("{")
    let firstTable = true
    for (const [name, rows] of tables) {
      await write(`${firstTable ? "" : ","}${JSON.stringify(name)}:[`)
      firstTable = false
      for (let i = 0; i < rows.length; i += slice) {
        const text = JSON.stringify(rows.slice(i, i + slice))
        await write(`${i === 0 ? "" : ","}${text.slice(1, -1)}`)
      }
      await write("]")
    }
    await write("}")
    await handle.sync()
  } finally {
    await handle.close()
  }
}

/**
 * The JSON-file baseline target.
 *
 * @since 0.1.0
 */
export const make = (directory: string): Target => {
  const state = new State()
  const file = path.join(directory, "store.json")
  const journal = path.join(directory, "journal.jsonl")
  let journalHandle: fs.promises.FileHandle | undefined
  return {
    adapter: "json",
    implementation: "baseline",
    importStatic: async (plan) => state.addStatic(plan),
    importUnits: async (chunk) => state.addUnits(chunk),
    importModels: async (chunk) => state.addModels(chunk),
    importReports: async (chunk) => state.addReports(chunk),
    importDirectives: async (chunk) => state.addDirectives(chunk),
    finishImport: async () => {
      await writeDocument(file, [
        ["reference", state.reference],
        ["units", [...state.units.values()]],
        ["successions", [...state.successionsFrom.values()].flat()],
        ["directives", state.directives],
        ["models", [...state.models.values()]],
        ["reports", [...state.reports.values()]],
        ["revisions", [...state.revisions.values()].flat()]
      ])
      journalHandle = await fs.promises.open(journal, "a")
    },
    settle: async () => {},
    rollup: async (query) => state.rollup(query),
    consolidate: async (_actor, query) => state.consolidate(query),
    jurisdiction: async (root, asOf: CalendarDate.CalendarDate) => state.jurisdiction(root, asOf),
    directivesInForce: async (on) => state.directivesInForce(on),
    submit: async (actor, reportId) => {
      const written = state.submit(actor, reportId, new Date())
      journalHandle ??= await fs.promises.open(journal, "a")
      const handle = journalHandle
      await handle.write(`${JSON.stringify(written)}\n`)
      await handle.datasync()
    },
    states: async (ids) => state.states(ids),
    // One process owns the file: nothing can be busy.
    retryable: () => false,
    close: async () => {
      await journalHandle?.close()
    }
  }
}
