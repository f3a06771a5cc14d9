/**
 * Opening a store directory in tests, and reading all of it back.
 */
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import {
  type AuditEntry,
  AuditLog,
  Page,
  type Report,
  ReportRepository,
  type StoreError,
  type Unit,
  UnitRepository
} from "@danvan/core"
import { afterAll } from "@effect/vitest"
import { Effect, Exit } from "effect"
import { StoreJson } from "../../src/index.ts"

const created: Array<string> = []

// Registered in the root suite of the test file that imports this module.
afterAll(() => {
  for (const directory of created.splice(0)) fs.rmSync(directory, { recursive: true, force: true })
})

/** A fresh, empty temporary directory, removed after the test file. */
export const tempDir = (label = "store"): string => {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), `danvan-json-${label}-`))
  created.push(directory)
  return directory
}

/** Everything of the store the tests look at. */
export interface Contents {
  readonly units: ReadonlyArray<Unit.Unit>
  readonly audit: ReadonlyArray<AuditEntry.AuditEntry>
  readonly reports: ReadonlyArray<Report.Report>
}

/** Every unit, audit entry and report of the store in context. */
export const readAll: Effect.Effect<
  Contents,
  StoreError.StoreFailure,
  UnitRepository | AuditLog | ReportRepository
> = Effect.gen(function* () {
  const units = yield* UnitRepository
  const log = yield* AuditLog
  const reports = yield* ReportRepository
  return {
    units: yield* Page.collect((page) => units.list({}, page)),
    audit: yield* Page.collect((page) => log.list({}, page)),
    reports: yield* Page.collect((page) => reports.list({}, page))
  }
})

/** The bytes of every file in a directory, by name. */
export const filesOf = (directory: string): Record<string, string> =>
  Object.fromEntries(
    fs
      .readdirSync(directory)
      .sort()
      .map((name) => [name, fs.readFileSync(path.join(directory, name)).toString("base64")])
  )

/** Opens the store, reads everything, closes it: the exit, for tests of failures. */
export const openAndRead = (
  options: StoreJson.Options
): Promise<Exit.Exit<Contents, StoreError.StoreFailure>> =>
  Effect.runPromiseExit(readAll.pipe(Effect.provide(StoreJson.layer(options))))

/** The typed failure of an exit (or a description of how it did not fail). */
export const failureOf = <A>(exit: Exit.Exit<A, StoreError.StoreFailure>) => {
  if (Exit.isSuccess(exit)) throw new Error("expected a failure, the store opened")
  const reason = exit.cause.reasons.find((r) => r._tag === "Fail")
  if (reason?._tag !== "Fail") throw new Error(`expected a typed failure, got ${String(exit.cause)}`)
  return reason.error
}
