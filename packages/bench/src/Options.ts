/**
 * The command line of `pnpm bench`.
 *
 * @since 0.1.0
 */
import * as path from "node:path"
import { fileURLToPath } from "node:url"
import { type Scenario, scenarios } from "./Scenarios.ts"
import { type AdapterName, adapters, type Implementation, implementations } from "./targets/Target.ts"

/** @since 0.1.0 */
export interface Options {
  readonly scale: number
  readonly seed: number
  readonly adapters: ReadonlyArray<AdapterName>
  readonly implementations: ReadonlyArray<Implementation>
  readonly scenarios: ReadonlyArray<Scenario>
  readonly submissions: number
  /** Drafts submitted at once in the `load` scenario, per phase. */
  readonly load: number
  /** The size of the CSV unit list the `csv` scenario imports, in MB. */
  readonly csvMegabytes: number
  readonly unitsFile?: string
  readonly out: string
  readonly pgUrl: string
}

/** The repository's root. @since 0.1.0 */
export const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..")

/** @since 0.1.0 */
export const usage = `pnpm bench [options]

  --scale S            share of the country: 0.01 (1%, the default), 0.1, 1, or any number in (0, 1]
  --adapters LIST      memory,sqlite,postgres,json (default: all)
  --scenarios LIST     import,rollup,queries,submit,load,csv (default: all; the store import always runs
                       with any store scenario; csv imports a statistics-office CSV list on its own)
  --csv-mb N           the size of that CSV list in MB (default 50)
  --seed N             the data's seed (default 1): same seed, same data
  --submissions N      reports submitted in the submit scenario (default 200)
  --load N             reports submitted all at once in the load scenario (default 1000), and as
                       many again from 4 processes on SQLite and PostgreSQL; fewer when the open
                       period has fewer drafts of distinct units left (at --scale 0.01: see
                       docs/benchmarks.md)
  --implementations L  baseline,danvan (default: both)
  --units FILE         the unit list (default ../shared/domain/units/units-2024-three-tier.json)
  --out DIR            where results go (default bench-results/ at the repository's root)

PostgreSQL: DANVAN_PG_URL (default postgres://postgres@127.0.0.1:5432/postgres); each run uses
fresh schemas and drops them afterwards.`

/** A command line that cannot be run. @since 0.1.0 */
export class UsageError extends Error {}

const list = <A extends string>(value: string, allowed: ReadonlyArray<A>, what: string): ReadonlyArray<A> => {
  const items = value
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "")
  const unknown = items.filter((s) => !(allowed as ReadonlyArray<string>).includes(s))
  if (unknown.length > 0 || items.length === 0) {
    throw new UsageError(
      `unknown ${what} ${unknown.join(", ") || "(none given)"}: choose from ${allowed.join(", ")}`
    )
  }
  return allowed.filter((a) => items.includes(a))
}

const positiveInt = (value: string, what: string) => {
  const n = Number(value)
  if (!Number.isSafeInteger(n) || n < 0)
    throw new UsageError(`${what} must be a whole number ≥ 0, got ${JSON.stringify(value)}`)
  return n
}

/**
 * Reads the command line (without `node` and the script).
 *
 * @since 0.1.0
 */
export const parse = (
  argv: ReadonlyArray<string>,
  env: Readonly<Record<string, string | undefined>>
): Options | "help" => {
  const values = new Map<string, string>()
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    if (arg === "--") continue
    if (arg === "--help" || arg === "-h") return "help"
    const eq = /^--([a-z-]+)=(.*)$/u.exec(arg)
    if (eq !== null) values.set(eq[1]!, eq[2]!)
    else if (arg.startsWith("--")) {
      const value = argv[i + 1]
      if (value === undefined || value.startsWith("--")) throw new UsageError(`${arg} needs a value`)
      values.set(arg.slice(2), value)
      i++
    } else throw new UsageError(`unexpected argument ${JSON.stringify(arg)}`)
  }
  const known = [
    "scale",
    "seed",
    "adapters",
    "scenarios",
    "submissions",
    "load",
    "csv-mb",
    "implementations",
    "units",
    "out"
  ]
  for (const key of values.keys()) if (!known.includes(key)) throw new UsageError(`unknown option --${key}`)
  const scale = Number(values.get("scale") ?? "0.01")
  if (!(scale > 0 && scale <= 1))
    throw new UsageError(`--scale must be in (0, 1], got ${JSON.stringify(values.get("scale"))}`)
  const units = values.get("units")
  return {
    scale,
    seed: positiveInt(values.get("seed") ?? "1", "--seed"),
    adapters: list(values.get("adapters") ?? adapters.join(","), adapters, "adapter"),
    implementations: list(
      values.get("implementations") ?? implementations.join(","),
      implementations,
      "implementation"
    ),
    scenarios: list(values.get("scenarios") ?? scenarios.join(","), scenarios, "scenario"),
    submissions: positiveInt(values.get("submissions") ?? "200", "--submissions"),
    load: positiveInt(values.get("load") ?? "1000", "--load"),
    csvMegabytes: Math.max(1, positiveInt(values.get("csv-mb") ?? "50", "--csv-mb")),
    ...(units === undefined ? {} : { unitsFile: path.resolve(units) }),
    out: path.resolve(values.get("out") ?? path.join(repositoryRoot, "bench-results")),
    pgUrl: env.DANVAN_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres"
  }
}
