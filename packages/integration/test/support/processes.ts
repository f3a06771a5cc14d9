/**
 * Child processes stepped together: start them all, wait until each has printed `{"ready":…}`,
 * write `go` to all at once, and collect the `{"done":…}` line each prints.
 */
import { spawn } from "node:child_process"
import { createInterface } from "node:readline"
import { fileURLToPath } from "node:url"

/** One child's last two messages. */
export interface Outcome {
  readonly ready: Record<string, unknown>
  readonly done: Record<string, unknown>
}

/** Runs `script` (next to this file) once per argument list, all released at the same moment. */
export const runTogether = async (
  script: string,
  argLists: ReadonlyArray<ReadonlyArray<string>>,
  timeoutMs = 60_000
): Promise<ReadonlyArray<Outcome>> => {
  const path = fileURLToPath(new URL(script, import.meta.url))
  const children = argLists.map((args) => {
    const child = spawn(process.execPath, ["--conditions=@danvan/source", "--no-warnings", path, ...args], {
      stdio: ["pipe", "pipe", "pipe"]
    })
    let stderr = ""
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString("utf8")
    })
    const lines = createInterface({ input: child.stdout })
    const message = (key: "ready" | "done") =>
      new Promise<Record<string, unknown>>((resolve, reject) => {
        lines.on("line", (line) => {
          try {
            const parsed = JSON.parse(line) as Record<string, unknown>
            if (key in parsed) resolve(parsed)
          } catch {
            stderr += `${line}\n`
          }
        })
        child.on("exit", (code) => reject(new Error(`child exited (${code}) before "${key}": ${stderr}`)))
      })
    const ready = message("ready")
    const done = message("done")
    // A child that dies early rejects both; whichever is not awaited must not go unhandled.
    ready.catch(() => undefined)
    done.catch(() => undefined)
    const exited = new Promise<void>((resolve) => {
      if (child.exitCode !== null) resolve()
      else child.on("exit", () => resolve())
    })
    return { child, ready, done, exited }
  })
  const timer = setTimeout(() => {
    for (const { child } of children) child.kill()
  }, timeoutMs)
  try {
    const ready = await Promise.all(children.map((c) => c.ready))
    for (const { child } of children) child.stdin.write("go\n")
    const done = await Promise.all(children.map((c) => c.done))
    await Promise.all(children.map((c) => c.exited))
    return ready.map((r, i) => ({ ready: r, done: done[i] as Record<string, unknown> }))
  } finally {
    clearTimeout(timer)
    for (const { child } of children) if (child.exitCode === null) child.kill()
  }
}
