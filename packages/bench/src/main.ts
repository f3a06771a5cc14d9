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
import * as CsvImport from "./csv/CsvImport.ts"
import * as CsvList from "./csv/CsvList.ts"
import * as Options from "./Options.ts"
import * as Output from "./Output.ts"
import type { RunOptions, TargetResult } from "./Run.ts"
import { storeScenarios } from "./Scenarios.ts"
import * as Pg from "./targets/Pg.ts"

const here = path.dirname(fileURLToPath(import.meta.url))
const child = path.join(here, "child.ts")
const csvChild = path.join(here, "csvChild.ts")

type Message =
  | { readonly ok: true; readonly result: TargetResult }
  | { readonly ok: false; readonly error: string }

const fork_ = <M>(script: string, args: ReadonlyArray<string>): Promise<M | { ok: false; error: string }> =>
  new Promise((resolve) => {
    let message: M | undefined
    const p = fork(script, [...args], {
      execArgv: ["--expose-gc", "--conditions=@danvan/source", "--max-old-space-size=16384"],
      stdio: ["ignore", "inherit", "inherit", "ipc"]
    })
    p.on("message", (m) => {
      message = m as M
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

const runChild = (options: RunOptions): Promise<Message> => fork_<Message>(child, [JSON.stringify(options)])

type CsvMessage =
  | { readonly ok: true; readonly result: CsvImport.VariantResult }
  | { readonly ok: false; readonly error: string }

/** Writes a CSV list of the chosen size and measures each variant of its import in a process of its own. */
const runCsv = async (options: Options.Options): Promise<Output.CsvReport | Output.Failure> => {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), "danvan-bench-csv-"))
  try {
    const file = path.join(directory, "danh-muc-hanh-chinh.csv")
    const t0 = performance.now()
    const list = CsvList.write(file, options.csvMegabytes * 1_000_000, options.seed)
    process.stderr.write(
      `[csv] wrote ${(list.bytes / 1e6).toFixed(1)} MB, ${list.rows} rows in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`
    )
    const results: Array<CsvImport.VariantResult> = []
    for (const variant of CsvImport.variants) {
      const message = await fork_<CsvMessage>(csvChild, [variant, file])
      if (!message.ok) return { adapter: "csv", implementation: variant, error: message.error }
      results.push(message.result)
      process.stderr.write(
        `[csv ${variant}] ${(message.result.ms / 1000).toFixed(1)} s, peak RSS ${Math.round(message.result.peakRss / 2 ** 20)} MiB\n`
      )
    }
    return { list, results }
  } finally {
    fs.rmSync(directory, { recursive: true, force: true })
  }
}

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
  const storeRun = options.scenarios.some((s) => storeScenarios.includes(s))
  for (const adapter of storeRun ? options.adapters : []) {
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
        submissions: options.submissions,
        load: options.load
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
  let csv: Output.CsvReport | undefined
  if (options.scenarios.includes("csv")) {
    const outcome = await runCsv(options)
    if ("error" in outcome) {
      failures.push(outcome)
      process.stderr.write(`[csv ${outcome.implementation}] FAILED: ${outcome.error}\n`)
    } else csv = outcome
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
    ...(csv === undefined ? {} : { csv }),
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
