/**
 * One writer across processes: the lock file, stale lock recovery (also by several processes
 * at once), and readers beside a writer.
 */
import { spawn } from "node:child_process"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { UnitRepository } from "@danvan/core"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Exit } from "effect"
import { StoreJson } from "../src/index.ts"
import * as Lock from "../src/Lock.ts"
import { type Child, spawnChild } from "./support/processes.ts"
import * as Records from "./support/records.ts"
import { readAll, tempDir } from "./support/store.ts"

const lockFile = (directory: string) => path.join(directory, "writer.lock")

/** A pid that is certainly not running: a child that has exited and been reaped. */
const deadPid = async (): Promise<number> => {
  const child = spawn(process.execPath, ["-e", ""], { stdio: "ignore" })
  await new Promise((resolve) => child.on("exit", resolve))
  return child.pid!
}

const writeLock = (directory: string, holder: Partial<Lock.Holder>) =>
  fs.writeFileSync(
    lockFile(directory),
    `${JSON.stringify({
      pid: 1,
      host: os.hostname(),
      startedAt: "2026-01-01T00:00:00.000Z",
      acquiredAt: "2026-01-01T00:00:00.000Z",
      token: globalThis.crypto.randomUUID(),
      ...holder
    })}\n`
  )

const openExit = (directory: string, readOnly = false) =>
  Effect.runPromiseExit(
    Effect.gen(function* () {
      const units = yield* UnitRepository
      return (yield* units.list({})).items.map((u) => u.id as string)
    }).pipe(Effect.provide(StoreJson.layer({ directory, readOnly })))
  )

const failureMessage = (exit: Exit.Exit<unknown, { readonly _tag: string; readonly message: string }>) => {
  if (Exit.isSuccess(exit)) return "succeeded"
  const error = exit.cause.reasons.find((r) => r._tag === "Fail")
  return error?._tag === "Fail"
    ? `${error.error._tag}: ${error.error.message}`
    : `died: ${String(exit.cause)}`
}

const seed = async (directory: string) =>
  Effect.runPromise(
    Effect.gen(function* () {
      const units = yield* UnitRepository
      yield* units.insert([Records.unit("vn-37")])
    }).pipe(Effect.provide(StoreJson.layer({ directory })))
  )

describe("the writer lock across processes", () => {
  it("lets one process write; a second opener fails at once naming the holder; a reader reads", async () => {
    const directory = tempDir("lock")
    await seed(directory)
    const holder = spawnChild("hold", directory)
    let second: Child | undefined
    try {
      await holder.waitFor((l) => l === "ready")
      second = spawnChild("try", directory)
      const line = await second.waitFor((l) => l.startsWith("failed") || l === "opened")
      expect(line).toMatch(new RegExp(`^failed StoreUnavailable .*process ${holder.pid} on ${os.hostname()}`))
      expect(await second.exited).toBe(2)
      // In this process too, and it fails fast.
      const started = Date.now()
      const exit = await openExit(directory)
      expect(failureMessage(exit)).toContain(`open for writing by process ${holder.pid}`)
      expect(Date.now() - started).toBeLessThan(2000)
      // Reading beside the writer is fine.
      expect(await openExit(directory, true)).toEqual(Exit.succeed(["vn-37"]))
      expect(JSON.parse(fs.readFileSync(lockFile(directory), "utf8")).pid).toBe(holder.pid)
    } finally {
      await holder.kill()
      await second?.kill()
    }
    // The holder was killed: its lock is stale and the next opener recovers it.
    expect(fs.existsSync(lockFile(directory))).toBe(true)
    expect(await openExit(directory)).toEqual(Exit.succeed(["vn-37"]))
    expect(fs.existsSync(lockFile(directory))).toBe(false)
  }, 60_000)

  it("lets exactly one of several processes recover a stale lock at once", async () => {
    const directory = tempDir("recover")
    await seed(directory)
    const dead = spawnChild("hold", directory)
    await dead.waitFor((l) => l === "ready")
    await dead.kill()
    const racers = Array.from({ length: 4 }, () => spawnChild("try", directory))
    try {
      const outcomes = await Promise.all(
        racers.map((r) => r.waitFor((l) => l.startsWith("failed") || l === "opened"))
      )
      const winners = racers.filter((_, i) => outcomes[i] === "opened")
      expect(winners).toHaveLength(1)
      for (const [i, outcome] of outcomes.entries()) {
        if (outcome !== "opened") expect(outcome).toContain(`open for writing by process ${winners[0]!.pid}`)
        else expect(JSON.parse(fs.readFileSync(lockFile(directory), "utf8")).pid).toBe(racers[i]!.pid)
      }
      expect(fs.readdirSync(directory).filter((n) => n.endsWith(".recover"))).toEqual([])
    } finally {
      await Promise.all(racers.map((r) => r.kill()))
    }
  }, 60_000)
})

describe("the writer lock in one process", () => {
  it.effect("refuses a second writer in the same process, and frees the lock on close", () =>
    Effect.gen(function* () {
      const directory = tempDir("same")
      yield* Effect.scoped(
        Effect.gen(function* () {
          const mine = yield* Lock.acquire(directory)
          expect(mine.pid).toBe(process.pid)
          const second = yield* Effect.exit(Effect.scoped(Lock.acquire(directory)))
          expect(failureMessage(second)).toContain(`open for writing by process ${process.pid}`)
          expect((yield* Lock.holderOf(directory))?.token).toBe(mine.token)
        })
      )
      expect(yield* Lock.holderOf(directory)).toBeUndefined()
      // Free again.
      yield* Effect.scoped(Lock.acquire(directory))
    })
  )

  it.effect("gives the lock to exactly one of many fibers racing for a stale lock", () =>
    Effect.gen(function* () {
      for (let round = 0; round < 10; round++) {
        const directory = tempDir("race")
        writeLock(directory, { pid: yield* Effect.promise(deadPid) })
        const results = yield* Effect.scoped(
          Effect.forEach(Array.from({ length: 6 }), () => Effect.exit(Lock.acquire(directory)), {
            concurrency: "unbounded"
          })
        )
        expect(results.filter(Exit.isSuccess)).toHaveLength(1)
        for (const r of results.filter(Exit.isFailure))
          expect(failureMessage(r)).toContain(`process ${process.pid}`)
        expect(fs.readdirSync(directory).filter((n) => n !== "writer.lock")).toEqual([])
      }
    })
  )

  it.effect("recovers a lock left by an earlier process with this very pid (containers reuse pids)", () =>
    Effect.gen(function* () {
      const directory = tempDir("samepid")
      writeLock(directory, { pid: process.pid })
      const holder = yield* Effect.scoped(Lock.acquire(directory))
      expect(holder.pid).toBe(process.pid)
    })
  )

  it.effect("refuses a lock held on another host, which it cannot check", () =>
    Effect.gen(function* () {
      const directory = tempDir("host")
      writeLock(directory, { pid: 4242, host: "laptop-of-the-commune" })
      const exit = yield* Effect.exit(Effect.scoped(Lock.acquire(directory)))
      expect(failureMessage(exit)).toMatch(/process 4242 on laptop-of-the-commune.*another host/)
      expect(fs.existsSync(lockFile(directory))).toBe(true)
    })
  )

  it.effect("treats a lock file left empty (a crash between creating and writing it) as stale", () =>
    Effect.gen(function* () {
      const directory = tempDir("empty-lock")
      fs.writeFileSync(lockFile(directory), "")
      const holder = yield* Effect.scoped(Lock.acquire(directory))
      expect(holder.pid).toBe(process.pid)
    })
  )

  it.effect("recovers past a recovery marker abandoned by a crashed recoverer", () =>
    Effect.gen(function* () {
      const directory = tempDir("marker")
      const pid = yield* Effect.promise(deadPid)
      const token = globalThis.crypto.randomUUID()
      writeLock(directory, { pid, token })
      fs.writeFileSync(
        path.join(directory, `writer.lock.${token}.recover`),
        JSON.stringify({
          pid,
          host: os.hostname(),
          startedAt: "x",
          acquiredAt: "x",
          token: globalThis.crypto.randomUUID()
        })
      )
      yield* Effect.scoped(Lock.acquire(directory))
      expect(fs.readdirSync(directory)).toEqual([])
    })
  )

  it.effect("never removes a lock it does not hold when closing", () =>
    Effect.gen(function* () {
      const directory = tempDir("steal")
      yield* Effect.scoped(
        Effect.gen(function* () {
          yield* Lock.acquire(directory)
          writeLock(directory, { pid: 4242, host: "elsewhere" }) // replaced by hand
        })
      )
      expect(JSON.parse(fs.readFileSync(lockFile(directory), "utf8")).host).toBe("elsewhere")
    })
  )

  it.effect("lets a read-only store open beside a writer and refuse writes", () =>
    Effect.gen(function* () {
      const directory = tempDir("reader")
      yield* Effect.promise(() => seed(directory))
      yield* Effect.scoped(
        Effect.gen(function* () {
          yield* Lock.acquire(directory)
          const { units } = yield* readAll.pipe(
            Effect.provide(StoreJson.layer({ directory, readOnly: true }))
          )
          expect(units.map((u) => u.id)).toEqual(["vn-37"])
          const write = yield* Effect.exit(
            Effect.gen(function* () {
              const repo = yield* UnitRepository
              yield* repo.insert([Records.unit("vn-01", "Hà Nội")])
            }).pipe(Effect.provide(StoreJson.layer({ directory, readOnly: true })))
          )
          expect(failureMessage(write)).toContain("read-only")
        })
      )
    })
  )
})
