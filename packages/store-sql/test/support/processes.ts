/**
 * Runs `child.ts` in separate Node processes and steps them together: wait until every child is
 * ready, tell them all to go at once, collect what each reports.
 */
import { type ChildProcess, spawn } from "node:child_process"
import { fileURLToPath } from "node:url"
import { Effect } from "effect"

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
