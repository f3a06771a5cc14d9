/**
 * `pnpm bench`: runs every scenario on every selected adapter, for danvan and for its baseline,
 * each in a process of its own (one after the other, so they never compete for the two cores and
 * each one's memory is its own), then prints the Markdown table and writes it, with the JSON of
 * everything measured, under `bench-results/`.
 *
 * See `docs/benchmarks.md` for the method.
 *
 * @since 0.1.0
 */
import { fork } from "node:child_process"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { fileURLToPath } from "node:url"
import * as Options from "./Options.ts"
import * as Output from "./Output.ts"
import type { RunOptions, TargetResult } from "./Run.ts"
import * as Pg from "./targets/Pg.ts"

const child = path.join(path.dirname(fileURLToPath(import.meta.url)), "child.ts")

type Message =
  | { readonly ok: true; readonly result: TargetResult }
  | { readonly ok: false; readonly error: string }

const runChild = (options: RunOptions): Promise<Message> =>
  new Promise((resolve) => {
    let message: Message | undefined
    const p = fork(child, [JSON.stringify(options)], {
      execArgv: ["--expose-gc", "--conditions=@danvan/source", "--max-old-space-size=16384"],
      stdio: ["ignore", "inherit", "inherit", "ipc"]
    })
    p.on("message", (m) => {
      message = m as Message
    })
    p.on("exit", (code, signal) => {
      resolve(
        message ?? {
          ok: false,
          error: `the process ended (${signal ?? `exit code ${code}`}) without a result`
        }
      )
    })
  })

const pgReachable = async (url: string): Promise<string | undefined> => {
  const client = new Pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 })
  try {
    await client.connect()
    await client.query("SELECT 1")
    return undefined
  } catch (e) {
    return e instanceof Error ? e.message : String(e)
  } finally {
    await client.end().catch(() => undefined)
  }
}

const main = async () => {
  let options: Options.Options | "help"
  try {
    options = Options.parse(process.argv.slice(2), process.env)
  } catch (e) {
    if (e instanceof Options.UsageError) {
      process.stderr.write(`${e.message}\n\n${Options.usage}\n`)
      process.exit(2)
    }
    throw e
  }
  if (options === "help") {
    process.stdout.write(`${Options.usage}\n`)
    return
  }
  const startedAt = new Date()
  const started = performance.now()
  const results: Array<TargetResult> = []
  const failures: Array<Output.Failure> = []
  for (const adapter of options.adapters) {
    if (adapter === "postgres") {
      const problem = await pgReachable(options.pgUrl)
      if (problem !== undefined) {
        const error = `PostgreSQL at DANVAN_PG_URL is not reachable: ${problem}`
        process.stderr.write(`[postgres] skipped: ${error}\n`)
        for (const implementation of options.implementations)
          failures.push({ adapter, implementation, error })
        continue
      }
    }
    for (const implementation of options.implementations) {
      const t0 = performance.now()
      process.stderr.write(
        `[${adapter} ${implementation}] starting (scale ${options.scale}, seed ${options.seed})\n`
      )
      const message = await runChild({
        adapter,
        implementation,
        scale: options.scale,
        seed: options.seed,
        ...(options.unitsFile === undefined ? {} : { unitsFile: options.unitsFile }),
        pgUrl: options.pgUrl,
        scenarios: options.scenarios,
        submissions: options.submissions
      })
      if (message.ok) results.push(message.result)
      else {
        failures.push({ adapter, implementation, error: message.error })
        process.stderr.write(`[${adapter} ${implementation}] FAILED: ${message.error}\n`)
      }
      process.stderr.write(
        `[${adapter} ${implementation}] finished in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`
      )
    }
  }
  const { pgUrl: _pgUrl, out, ...shown } = options
  const report: Output.RunReport = {
    startedAt: startedAt.toISOString(),
    options: shown,
    machine: {
      node: process.version,
      cpus: os.cpus()[0]?.model ?? "unknown CPU",
      cores: os.cpus().length,
      memory: os.totalmem(),
      platform: `${os.platform()} ${os.release()}`
    },
    wallSeconds: (performance.now() - started) / 1000,
    results,
    failures
  }
  const markdown = Output.markdown(report)
  fs.mkdirSync(out, { recursive: true })
  const stamp = startedAt.toISOString().replace(/[:.]/gu, "-")
  const base = path.join(out, `bench-scale-${options.scale}-${stamp}`)
  fs.writeFileSync(`${base}.md`, markdown)
  fs.writeFileSync(`${base}.json`, `${JSON.stringify(report, null, 2)}\n`)
  fs.writeFileSync(path.join(out, `latest-scale-${options.scale}.md`), markdown)
  fs.writeFileSync(
    path.join(out, `latest-scale-${options.scale}.json`),
    `${JSON.stringify(report, null, 2)}\n`
  )
  process.stdout.write(`${markdown}\nWritten: ${base}.md and .json\n`)
  if (failures.length > 0) process.exitCode = 1
}

void main()
