/**
 * What the app's tests share: the app started as its users start it (`src/main.ts` in its own
 * Node process, on a fresh SQLite file or PostgreSQL database), and Debian's Chromium driven by
 * playwright-core.
 */
import { type ChildProcess, spawn } from "node:child_process"
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { type Browser, chromium } from "playwright-core"

const appDir = fileURLToPath(new URL("../", import.meta.url))

/** Where the screenshots of the main screens are kept (ignored by git). */
export const screenshots = join(appDir, "test-results", "screenshots")

/** The demonstration accounts' password (see `src/seed.ts`). */
export const password = "danvan-demo"

/** A running app: its address, what it printed, and how to stop it. */
export interface RunningApp {
  readonly url: string
  readonly output: () => string
  readonly stop: () => Promise<void>
}

/**
 * Starts the app in its own process, as `pnpm app` does, on any free port; resolves once it
 * listens (the first start seeds the database, which takes a while on a busy machine).
 */
export const startApp = (env: Record<string, string>, timeoutMs = 240_000): Promise<RunningApp> =>
  new Promise((resolve, reject) => {
    let output = ""
    const child: ChildProcess = spawn(process.execPath, ["--conditions=@danvan/source", "src/main.ts"], {
      cwd: appDir,
      env: { ...process.env, PORT: "0", HOST: "127.0.0.1", ...env },
      stdio: ["ignore", "pipe", "pipe"]
    })
    const stop = () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null) return done()
        child.once("exit", () => done())
        child.kill("SIGTERM")
        setTimeout(() => child.kill("SIGKILL"), 5000).unref()
      })
    const timer = setTimeout(() => {
      void stop()
      reject(new Error(`the app did not start within ${timeoutMs} ms:\n${output}`))
    }, timeoutMs)
    const read = (chunk: Buffer) => {
      output += chunk.toString()
      const match = /Listening on (http:\/\/[0-9.]+:\d+)/u.exec(output)
      if (match?.[1] !== undefined) {
        clearTimeout(timer)
        resolve({ url: match[1], output: () => output, stop })
      }
    }
    child.stdout?.on("data", read)
    child.stderr?.on("data", read)
    child.once("exit", (code) => {
      clearTimeout(timer)
      reject(new Error(`the app exited with code ${code} before it listened:\n${output}`))
    })
  })

/** A fresh folder for one test file's database, removed by the returned function. */
export const scratch = (prefix: string) => {
  const dir = mkdtempSync(join(tmpdir(), `${prefix}-`))
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) }
}

/** Debian's Chromium. */
export const chromiumPath = "/usr/bin/chromium"

/**
 * Whether the browser tests can run: without Debian's Chromium they are skipped with one line
 * saying how to install it, except on CI (`CI` set), where its absence fails the run.
 */
export const hasChromium = existsSync(chromiumPath)
if (!hasChromium && process.env.CI !== undefined) {
  throw new Error(`${chromiumPath} is missing: run \`bash .ci/browser-deps\` (installs Debian's chromium)`)
}
if (!hasChromium)
  console.warn(
    `skipping the app's browser tests: ${chromiumPath} is missing (bash .ci/browser-deps installs it)`
  )

/** Launches headless Chromium; fails with the command that installs it when it is missing. */
export const launchBrowser = async (): Promise<Browser> => {
  if (!existsSync(chromiumPath)) {
    throw new Error(`${chromiumPath} is missing: run \`bash .ci/browser-deps\` (installs Debian's chromium)`)
  }
  mkdirSync(screenshots, { recursive: true })
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run"
    ]
  })
}

/** The two screen sizes every main screen is looked at in. */
export const viewports = {
  desktop: { width: 1280, height: 900 },
  phone: { width: 390, height: 844 }
} as const
