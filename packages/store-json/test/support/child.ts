/**
 * A child process for the multi-process tests, run as
 * `node --conditions=@danvan/source child.ts <mode> <directory> [prefix] [compactAfter]`.
 *
 * - `writer`: opens the store for writing and commits transactions in a loop; each transaction
 *   inserts a unit `<prefix>-<n>`, appends an audit entry `a-<prefix>-<n>` and updates the unit
 *   `counter`. After a transaction's call returns it prints `ack <prefix>-<n>` (with a
 *   synchronous write, so a printed ack was really acknowledged).
 * - `hold`: opens the store for writing, prints `ready`, and waits to be killed.
 * - `try`: opens the store for writing and prints `opened` (then waits to be killed) or
 *   `failed <tag> <message>` and exits.
 */
import { writeSync } from "node:fs"
import { AuditLog, Ids, UnitOfWork, UnitRepository } from "@danvan/core"
import { Effect } from "effect"
import { StoreJson } from "../../src/index.ts"
import * as Records from "./records.ts"

const [mode, directory, prefix = "tx", compactAfter = "5"] = process.argv.slice(2)
if (directory === undefined) throw new Error("usage: child.ts <mode> <directory> [prefix] [compactAfter]")

const say = (line: string) => writeSync(1, `${line}\n`)

const writeLoop = Effect.gen(function* () {
  const units = yield* UnitRepository
  const log = yield* AuditLog
  const uow = yield* UnitOfWork
  say("ready")
  for (let n = 1; ; n++) {
    const id = `${prefix}-${n}`
    yield* uow.transaction(
      Effect.gen(function* () {
        yield* units.insert([Records.unit(id, `Tỉnh thử ${n}`)])
        yield* log.append([Records.audit(`a-${id}`, id)])
        const counter = yield* units.get(Ids.UnitId.make("counter"))
        yield* units.update(counter)
      })
    )
    say(`ack ${id}`)
  }
})

// `Effect.never` alone does not keep Node's event loop alive: a timer does.
const holdForever = Effect.andThen(
  Effect.sync(() => say(mode === "try" ? "opened" : "ready")),
  Effect.callback<never>(() => {
    setInterval(() => undefined, 1 << 30)
  })
)

const program = mode === "writer" ? writeLoop : holdForever

Effect.runPromise(
  Effect.provide(program, StoreJson.layer({ directory, compactAfter: Number(compactAfter) })).pipe(
    Effect.catch((error) =>
      Effect.sync(() => {
        say(`failed ${error._tag} ${error.message}`)
        process.exitCode = 2
      })
    )
  )
)
