/**
 * Runs `child.ts` in separate Node processes and steps them together: wait until every child is
 * ready, tell them all to go at once, collect what each reports.
 */
import { type ChildProcess, spawn } from "node:child_process"
import { fileURLToPath } from "node:url"
import { Effect, type Scope } from "effect"

const childScript = fileURLToPath(new URL("./child.ts", import.meta.url))

interface Child {
  readonly process: ChildProcess
  readonly messages: Array<Record<string, unknown>>
  readonly waiters: Array<() => void>
  stderr: string
}

const start = (args: ReadonlyArray<string>): Child => {
  const child: Child = {
    process: spawn(process.execPath, ["--conditions=@danvan/source", "--no-warnings", childScript, ...args], {
      stdio: ["pipe", "pipe", "pipe"],
      env: process.env
    }),
    messages: [],
    waiters: [],
    stderr: ""
  }
  let buffer = ""
  child.process.stdout?.on("data", (chunk: Buffer) => {
    buffer += chunk.toString("utf8")
    let newline = buffer.indexOf("\n")
    while (newline >= 0) {
      const line = buffer.slice(0, newline)
      buffer = buffer.slice(newline + 1)
      newline = buffer.indexOf("\n")
      try {
        child.messages.push(JSON.parse(line) as Record<string, unknown>)
      } catch {
        child.stderr += `${line}\n`
      }
      for (const w of child.waiters.splice(0)) w()
    }
  })
  child.process.stderr?.on("data", (chunk: Buffer) => {
    child.stderr += chunk.toString("utf8")
  })
  child.process.on("exit", () => {
    for (const w of child.waiters.splice(0)) w()
  })
  return child
}

const next = (child: Child, key: "ready" | "done") =>
  new Promise<Record<string, unknown>>((resolve, reject) => {
    const check = () => {
      const found = child.messages.find((m) => key in m)
      if (found !== undefined) return resolve(found)
      if (child.process.exitCode !== null) {
        return reject(new Error(`child exited (${child.process.exitCode}) before "${key}": ${child.stderr}`))
      }
      child.waiters.push(check)
    }
    check()
  })

/**
 * Starts one child per argument list, waits until all are ready, releases them together, and
 * returns what each reported when done (in the order given).
 */
export const runTogether = (
  argLists: ReadonlyArray<ReadonlyArray<string>>
): Effect.Effect<
  ReadonlyArray<{ readonly ready: Record<string, unknown>; readonly done: Record<string, unknown> }>
> =>
  Effect.acquireUseRelease(
    Effect.sync(() => argLists.map(start)),
    (children) =>
      Effect.promise(async () => {
        const ready = await Promise.all(children.map((c) => next(c, "ready")))
        for (const c of children) c.process.stdin?.write("go\n")
        const done = await Promise.all(children.map((c) => next(c, "done")))
        return children.map((_, i) => ({ ready: ready[i]!, done: done[i]! }))
      }),
    (children) =>
      Effect.sync(() => {
        for (const c of children) if (c.process.exitCode === null) c.process.kill()
      })
  )

const lockHolderScript = fileURLToPath(new URL("./lock-holder.ts", import.meta.url))

/**
 * Another process holding the write lock of an SQLite file, from when the effect succeeds until
 * `release` is called or the scope closes.
 */
export const holdWriteLock = (
  filename: string
): Effect.Effect<{ readonly release: Effect.Effect<void> }, never, Scope.Scope> =>
  Effect.gen(function* () {
    const child = yield* Effect.acquireRelease(
      Effect.sync(() =>
        spawn(process.execPath, ["--no-warnings", lockHolderScript, filename], {
          stdio: ["pipe", "pipe", "pipe"]
        })
      ),
      (child) => Effect.sync(() => child.exitCode === null && child.kill())
    )
    let output = ""
    const saw = (word: string) =>
      Effect.promise(
        () =>
          new Promise<void>((resolve, reject) => {
            const check = () => {
              if (output.includes(word)) resolve()
              else if (child.exitCode !== null) reject(new Error(`the lock holder exited before "${word}"`))
            }
            child.stdout?.on("data", (chunk: Buffer) => {
              output += chunk.toString("utf8")
              check()
            })
            child.on("exit", check)
            check()
          })
      )
    yield* saw("locked")
    return {
      release: Effect.andThen(
        Effect.sync(() => child.stdin?.write("release\n")),
        saw("released")
      )
    }
  })
