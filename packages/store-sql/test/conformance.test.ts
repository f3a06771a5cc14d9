/**
 * The conformance suite of `@danvan/store-testkit`, unchanged, on SQLite in memory, SQLite in a
 * temporary file, and PostgreSQL in a fresh schema per store (dropped afterwards).
 *
 * SQLite holds one connection, so a read outside an open transaction waits for it: the test that
 * reads concurrently with a transaction is skipped there, as the suite's option provides.
 * Every store is a new database with its migrations run, which costs more on PostgreSQL than in
 * memory, so the property tests run fewer cases there.
 */
import { conformance } from "@danvan/store-testkit"
import { describePg, freshStore } from "./support/engines.ts"

conformance("sqlite-memory", () => freshStore("sqlite-memory"), { concurrentReadsDuringTransaction: false })

conformance("sqlite-file", () => freshStore("sqlite-file"), {
  concurrentReadsDuringTransaction: false,
  modelBased: { numRuns: 50 },
  propertyRuns: 40
})

describePg("PostgreSQL", () =>
  conformance("pg", () => freshStore("pg"), {
    modelBased: { numRuns: 25 },
    propertyRuns: 15,
    timeout: 60_000
  })
)
