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
import { afterAll, expect } from "@effect/vitest"
import { Effect, Exit } from "effect"
import { StoreJson } from "../../src/index.ts"
import { writeFiles } from "./files.ts"
import * as Records from "./records.ts"

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

/**
 * Writes the files, opens the store for writing and read-only, checks both fail alike with
 * `StoreCorrupt` and change nothing, and returns the error with the directory left out.
 */
export const expectCorrupt = async (files: Record<string, string | Uint8Array>) => {
  const directory = tempDir("corrupt")
  writeFiles(directory, files)
  const before = filesOf(directory)
  const writer = failureOf(await openAndRead({ directory }))
  expect(filesOf(directory)).toEqual(before)
  const reader = failureOf(await openAndRead({ directory, readOnly: true }))
  expect(filesOf(directory)).toEqual(before)
  expect(writer._tag).toBe("StoreCorrupt")
  expect(reader).toEqual(writer)
  if (writer._tag !== "StoreCorrupt") throw new Error("unreachable")
  return {
    location: writer.location.replace(`${directory}${path.sep}`, ""),
    reason: writer.reason,
    message: writer.message
  }
}

/** The units (id, version, name), reports (id, version) and audit ids of the store, opened and closed. */
export const summary = async (directory: string, readOnly = false) => {
  const exit = await openAndRead({ directory, readOnly })
  if (Exit.isFailure(exit)) throw new Error(`did not open: ${String(exit.cause)}`)
  return {
    units: exit.value.units.map((u) => `${u.id}@${u.version} ${u.name}`),
    reports: exit.value.reports.map((r) => `${r.id}@${r.version}`),
    audit: exit.value.audit.map((a) => a.id as string)
  }
}

/** Opens the store for writing, appends one audit entry, closes it. */
export const appendAudit = (directory: string, id: string) =>
  Effect.runPromise(
    Effect.gen(function* () {
      const log = yield* AuditLog
      yield* log.append([Records.audit(id)])
    }).pipe(Effect.provide(StoreJson.layer({ directory })))
  )

/** Opens the store for writing, compacts it, closes it. */
export const compact = (directory: string) =>
  Effect.runPromise(
    Effect.gen(function* () {
      const maintenance = yield* StoreJson.Maintenance
      yield* maintenance.compact
    }).pipe(Effect.provide(StoreJson.layer({ directory })))
  )
