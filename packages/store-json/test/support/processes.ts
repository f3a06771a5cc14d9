/**
 * Running `child.ts` in separate processes, with the toolchain's node, reading what it prints.
 */
import { type ChildProcess, spawn } from "node:child_process"
import { fileURLToPath } from "node:url"

const script = fileURLToPath(new URL("./child.ts", import.meta.url))

export interface Child {
  readonly process: ChildProcess
  readonly pid: number
  /** Every line printed so far. */
  readonly lines: ReadonlyArray<string>
  /** Resolves with the first line (already printed or to come) that satisfies `test`. */
  readonly waitFor: (test: (line: string) => boolean, timeoutMillis?: number) => Promise<string>
  /** Resolves when the process has exited and been reaped (so its pid is free). */
  readonly exited: Promise<number | null>
  readonly kill: () => Promise<void>
}

export const spawnChild = (
  mode: "writer" | "hold" | "try",
  directory: string,
  prefix = "tx",
  compactAfter = 5
): Child => {
  const child = spawn(
    process.execPath,
    ["--conditions=@danvan/source", "--no-warnings", script, mode, directory, prefix, String(compactAfter)],
    { stdio: ["ignore", "pipe", "pipe"] }
  )
  const lines: Array<string> = []
  const waiters: Array<{ test: (line: string) => boolean; resolve: (line: string) => void }> = []
  let partial = ""
  let stderr = ""
  child.stdout!.setEncoding("utf8")
  child.stdout!.on("data", (chunk: string) => {
    const parts = (partial + chunk).split("\n")
    partial = parts.pop()!
    for (const line of parts) {
      lines.push(line)
      for (const w of waiters.filter((w) => w.test(line))) {
        waiters.splice(waiters.indexOf(w), 1)
        w.resolve(line)
      }
    }
  })
  child.stderr!.setEncoding("utf8")
  child.stderr!.on("data", (chunk: string) => {
    stderr += chunk
  })
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)))
  const waitFor = (test: (line: string) => boolean, timeoutMillis = 20_000) => {
    const found = lines.find(test)
    if (found !== undefined) return Promise.resolve(found)
    return new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`timed out; the child printed ${JSON.stringify(lines)}; stderr ${stderr}`)),
        timeoutMillis
      )
      waiters.push({
        test,
        resolve: (line) => {
          clearTimeout(timer)
          resolve(line)
        }
      })
      void exited.then(() =>
        setTimeout(
          () => reject(new Error(`the child exited; it printed ${JSON.stringify(lines)}; stderr ${stderr}`)),
          50
        )
      )
    })
  }
  return {
    process: child,
    pid: child.pid!,
    lines,
    waitFor,
    exited,
    kill: async () => {
      child.kill("SIGKILL")
      await exited
    }
  }
}
