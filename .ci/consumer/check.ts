/**
 * The consumer check: the packages as users receive them (issue 12).
 *
 * Builds the workspace, packs every publishable package, and installs the tarballs (and only them,
 * with their declared peers from the registry) into a fresh app in a temporary folder outside the
 * workspace, once with npm and once with pnpm. In each app it then:
 *
 * - type-checks every TypeScript sample of `docs/*.md` and of the READMEs, the end-to-end script (`e2e.ts`) and a
 *   CommonJS file under `moduleResolution` NodeNext with the current TypeScript; the npm app also
 *   under Bundler, under NodeNext with the oldest TypeScript the packages support, and with
 *   `skipLibCheck` off (no error may come from danvan's own declarations);
 * - compiles them and runs every sample (those that register the conformance suite under vitest)
 *   and the end-to-end script four times: SQLite file and PostgreSQL, Effect API and Promise facade,
 *   the store chosen by `DANVAN_STORE`;
 * - requires every entry point from CommonJS (`require`), on this Node and on the oldest Node the
 *   packages support (22.19, fetched from the npm registry into the system's temporary folder once);
 * - runs the installed `danvan` command (`@danvan/cli`): `init` twice and `check` on a SQLite file.
 *
 * It fails at the first step that fails, naming it, and ends with the time each step took.
 *
 *   bash .ci/dev node .ci/consumer/check.ts [--skip-build] [--pm npm|pnpm] [--keep] [--no-node22]
 *
 * PostgreSQL: the server at `DANVAN_PG_URL` (default `postgres://postgres@127.0.0.1:5432/postgres`);
 * the check creates a database of its own and drops it at the end.
 */
import { spawnSync } from "node:child_process"
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync
} from "node:fs"
import { createRequire } from "node:module"
import { tmpdir } from "node:os"
import { basename, join, relative } from "node:path"
import { fileURLToPath } from "node:url"
import { collectSamples } from "../../examples/scripts/check-doc-samples.ts"

const root = fileURLToPath(new URL("../..", import.meta.url))
const here = fileURLToPath(new URL(".", import.meta.url))
const args = new Set(process.argv.slice(2))
const only = process.argv.includes("--pm") ? process.argv[process.argv.indexOf("--pm") + 1] : undefined
const managers = (only === undefined ? ["npm", "pnpm"] : [only]) as ReadonlyArray<"npm" | "pnpm">
const pgUrl = process.env.DANVAN_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres"

/** The TypeScript versions the check compiles with: the current one and the oldest supported. */
export const typescript = { current: "6.0.3", oldest: "5.8.3" } as const
/** The oldest Node the packages support (their `engines`), run for the CommonJS and SQLite checks. */
export const oldestNode = "22.19.0"

// ---------------------------------------------------------------------------------------------
// running commands, timing steps
// ---------------------------------------------------------------------------------------------

const timings: Array<readonly [string, number]> = []

const step = <A>(name: string, run: () => A): A => {
  process.stdout.write(`\n==> ${name}\n`)
  const start = performance.now()
  try {
    return run()
  } finally {
    timings.push([name, (performance.now() - start) / 1000])
  }
}

const fail = (message: string): never => {
  process.stderr.write(`\n[consumer] FAILED: ${message}\n`)
  process.exit(1)
}

interface RunOptions {
  readonly cwd: string
  readonly env?: Record<string, string>
  readonly timeoutSeconds?: number
  /** Keep stdout quiet unless the command fails. */
  readonly quiet?: boolean
}

const run = (
  what: string,
  command: string,
  commandArgs: ReadonlyArray<string>,
  options: RunOptions
): string => {
  const result = spawnSync(command, commandArgs, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    encoding: "utf8",
    timeout: (options.timeoutSeconds ?? 600) * 1000,
    maxBuffer: 64 * 1024 * 1024
  })
  const output = `${result.stdout ?? ""}${result.stderr ?? ""}`
  if (result.status !== 0) {
    process.stderr.write(output)
    fail(
      `${what} (${command} ${commandArgs.join(" ")} in ${options.cwd}) exited with ${result.status ?? result.signal ?? result.error?.message}`
    )
  }
  if (options.quiet !== true) process.stdout.write(output)
  return output
}

// ---------------------------------------------------------------------------------------------
// the packages
// ---------------------------------------------------------------------------------------------

interface Packed {
  readonly name: string
  readonly tarball: string
  readonly peers: Record<string, string>
}

const publishable = (): ReadonlyArray<{ readonly dir: string; readonly manifest: Record<string, unknown> }> =>
  readdirSync(join(root, "packages"))
    .map((name) => join(root, "packages", name))
    .filter((dir) => existsSync(join(dir, "package.json")))
    .map((dir) => ({ dir, manifest: JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) }))
    .filter((p) => p.manifest.private !== true)

const pack = (into: string): ReadonlyArray<Packed> =>
  publishable().map(({ dir, manifest }) => {
    const output = run(`pack ${manifest.name}`, "pnpm", ["pack", "--pack-destination", into], {
      cwd: dir,
      quiet: true
    })
    const tarball = output
      .split("\n")
      .map((l) => l.trim())
      .findLast((l) => l.endsWith(".tgz"))
    if (tarball === undefined) return fail(`pnpm pack printed no tarball for ${String(manifest.name)}`)
    const listing = run("list the tarball", "tar", ["-tzf", tarball], { cwd: into, quiet: true })
    for (const needed of ["package/README.md", "package/dist/index.js", "package/dist/index.d.ts"]) {
      if (!listing.includes(needed)) fail(`${basename(tarball)} has no ${needed}`)
    }
    if (listing.includes(".tsbuildinfo")) fail(`${basename(tarball)} ships a .tsbuildinfo`)
    return {
      name: String(manifest.name),
      tarball: join(into, basename(tarball)),
      peers: (manifest.peerDependencies ?? {}) as Record<string, string>
    }
  })

// ---------------------------------------------------------------------------------------------
// the app
// ---------------------------------------------------------------------------------------------

const tsconfig = (compilerOptions: Record<string, unknown>, include: ReadonlyArray<string>) =>
  `${JSON.stringify(
    {
      compilerOptions: {
        target: "ES2023",
        lib: ["ES2023"],
        types: ["node"],
        strict: true,
        exactOptionalPropertyTypes: true,
        noUncheckedIndexedAccess: true,
        skipLibCheck: true,
        ...compilerOptions
      },
      include
    },
    null,
    2
  )}\n`

/** A CommonJS program requiring every entry point, as an app that is not ES modules does. */
const requireSmoke = `const { Ids, StoreError } = require("@danvan/core")
const { StoreMemory } = require("@danvan/store-memory")
const { StoreJson } = require("@danvan/store-json")
const { StoreSql } = require("@danvan/store-sql")
const { StoreSqlite } = require("@danvan/store-sql/sqlite")
const { StorePg } = require("@danvan/store-sql/pg")
const id = Ids.UnitId.make("vn-37")
const error = new StoreError.NotFound({ entity: "unit", id })
if (JSON.parse(JSON.stringify(error)).message !== 'no unit with id "vn-37"') throw new Error("the error lost its message")
for (const [name, value] of Object.entries({ StoreMemory, StoreJson, StoreSql, StoreSqlite, StorePg })) {
  if (typeof value.layer !== "function" && typeof value.layerConfig !== "function") throw new Error(name + " has no layer")
}
console.log("require: every entry point loads from CommonJS on Node " + process.version)
`

/** The vitest setup of the app, for samples that register the conformance suite. */
const vitestConfig = `import { defineConfig } from "vitest/config"
export default defineConfig({ test: { include: ["out/samples/**/*.test.js"], testTimeout: 120000 } })
`

interface Sample {
  readonly file: string
  readonly doc: string
  readonly line: number
  readonly underVitest: boolean
}

const writeApp = (
  app: string,
  packed: ReadonlyArray<Packed>,
  manager: "npm" | "pnpm"
): ReadonlyArray<Sample> => {
  mkdirSync(join(app, "src", "samples"), { recursive: true })
  const tarballs = Object.fromEntries(packed.map((p) => [p.name, `file:${relative(app, p.tarball)}`]))
  const peers: Record<string, string> = {}
  for (const p of packed)
    for (const [name, range] of Object.entries(p.peers)) if (!(name in tarballs)) peers[name] = range
  const manifest = {
    name: "danvan-consumer",
    private: true,
    type: "module",
    dependencies: { ...tarballs, ...peers },
    devDependencies: { typescript: typescript.current, "@types/node": "^24" },
    ...(manager === "npm" ? { overrides: tarballs } : {})
  }
  writeFileSync(join(app, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`)
  if (manager === "pnpm") {
    // The tarballs depend on one another by version (^0.0.0, not on the registry yet): point those at the files.
    const overrides = Object.entries(tarballs)
      .map(([name, spec]) => `  "${name}": "${spec}"`)
      .join("\n")
    writeFileSync(join(app, "pnpm-workspace.yaml"), `overrides:\n${overrides}\n`)
  }
  writeFileSync(
    join(app, "tsconfig.json"),
    tsconfig({ module: "NodeNext", moduleResolution: "NodeNext", rootDir: "src", outDir: "out" }, ["src"])
  )
  writeFileSync(
    join(app, "tsconfig.bundler.json"),
    tsconfig({ module: "Preserve", moduleResolution: "Bundler", noEmit: true }, ["src"])
  )
  writeFileSync(join(app, "vitest.config.js"), vitestConfig)
  copyFileSync(join(here, "e2e.ts"), join(app, "src", "e2e.ts"))
  writeFileSync(join(app, "src", "require.cjs"), requireSmoke)
  const samples: Array<Sample> = []
  for (const s of collectSamples(root)) {
    const underVitest = s.code.includes("@danvan/store-testkit")
    const file = underVitest ? s.file.replace(/\.ts$/u, ".test.ts") : s.file
    writeFileSync(join(app, "src", "samples", file), `${s.code}\n\nexport {}\n`)
    samples.push({ file, doc: s.doc, line: s.line, underVitest })
  }
  return samples
}

const install = (app: string, manager: "npm" | "pnpm") =>
  manager === "npm"
    ? run("npm install", "npm", ["install", "--no-audit", "--no-fund", "--loglevel=error"], { cwd: app })
    : run("pnpm install", "pnpm", ["install"], { cwd: app })

/** Type-check errors point back at the Markdown line of the sample. */
const typecheck = (what: string, app: string, tsc: ReadonlyArray<string>, samples: ReadonlyArray<Sample>) => {
  const result = spawnSync(tsc[0] as string, [...tsc.slice(1)], {
    cwd: app,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024
  })
  if (result.status === 0) return
  const byFile = new Map(samples.map((s) => [s.file, s]))
  const lines = `${result.stdout}${result.stderr}`.split("\n").map((l) => {
    const m = /^src\/samples\/(.*?)\((\d+),(\d+)\): (.*)$/u.exec(l)
    const sample = m === null ? undefined : byFile.get(m[1] ?? "")
    return m === null || sample === undefined
      ? l
      : `${sample.doc}:${sample.line + Number(m[2]) - 1}:${m[3]}: ${m[4]}`
  })
  process.stderr.write(`${lines.join("\n")}\n`)
  fail(`${what}: the packed declarations do not compile the code above`)
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL: a database of the check's own
// ---------------------------------------------------------------------------------------------

const postgres = async () => {
  const workspace = createRequire(join(root, "packages", "store-sql", "package.json"))
  const { PgClient } = (await import(workspace.resolve("@effect/sql-pg"))) as typeof import("@effect/sql-pg")
  const { Effect, Redacted } = (await import(workspace.resolve("effect"))) as typeof import("effect")
  const Reactivity = (await import(
    workspace.resolve("effect/reactivity/Reactivity")
  )) as typeof import("effect/reactivity/Reactivity")
  const admin = (statement: string) =>
    Effect.runPromise(
      Effect.scoped(
        Effect.flatMap(PgClient.make({ url: Redacted.make(pgUrl), maxConnections: 1 }), (sql) =>
          sql.unsafe(statement)
        )
      ).pipe(Effect.provide(Reactivity.layer))
    )
  const created: Array<string> = []
  return {
    /** A new, empty database; its URL. */
    fresh: async (label: string): Promise<string> => {
      const name = `danvan_consumer_${process.pid}_${label}`
      await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      await admin(`CREATE DATABASE ${name}`)
      created.push(name)
      const url = new URL(pgUrl)
      url.pathname = `/${name}`
      return url.toString()
    },
    dropAll: async () => {
      for (const name of created) await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
    }
  }
}

// ---------------------------------------------------------------------------------------------
// the oldest Node
// ---------------------------------------------------------------------------------------------

/** The oldest supported Node, fetched from the npm registry into the temporary folder the first time. */
const node22 = (): string => {
  const dir = join(tmpdir(), `danvan-node-${oldestNode}`)
  const binary = join(dir, "node_modules", ".bin", "node")
  if (!existsSync(binary)) {
    mkdirSync(dir, { recursive: true })
    writeFileSync(join(dir, "package.json"), '{ "private": true }\n')
    run(
      `fetch Node ${oldestNode}`,
      "npm",
      ["install", "--no-audit", "--no-fund", "--loglevel=error", "--save-exact", `node@${oldestNode}`],
      {
        cwd: dir
      }
    )
  }
  return binary
}

// ---------------------------------------------------------------------------------------------
// one engine only: what a SQLite app and a PostgreSQL app install and load
// ---------------------------------------------------------------------------------------------

/** Every file under `dir` whose name ends with `suffix`. */
const filesEndingWith = (dir: string, suffix: string): ReadonlyArray<string> =>
  readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(suffix))

/** A module hook that fails the process if it loads `specifier`. */
const forbid = (specifier: string) =>
  `data:text/javascript,${encodeURIComponent(`import { registerHooks } from "node:module"
registerHooks({ resolve(s, c, next) { if (s === ${JSON.stringify(specifier)}) throw new Error("loaded ${specifier}"); return next(s, c) } })`)}`

/**
 * Installs, as the getting-started guide says (one npm command, the tarballs by path), an app with
 * only one SQL engine's packages, and runs the end-to-end script on it with the other engine's
 * driver forbidden.
 */
const oneEngine = (
  work: string,
  packed: ReadonlyArray<Packed>,
  compiled: string,
  engine: "sqlite" | "pg",
  database: string
) => {
  const app = join(work, `app-${engine}-only`)
  mkdirSync(join(app, "out"), { recursive: true })
  writeFileSync(
    join(app, "package.json"),
    '{ "name": "danvan-one-engine", "private": true, "type": "module" }\n'
  )
  const tarball = (name: string) =>
    packed.find((p) => p.name === name)?.tarball ?? fail(`no tarball for ${name}`)
  run(
    `npm install (${engine} only)`,
    "npm",
    [
      "install",
      "--no-audit",
      "--no-fund",
      "--loglevel=error",
      "effect@^4.1.0",
      ...(engine === "pg" ? ["@effect/sql-pg@^4.0.5"] : []),
      tarball("@danvan/core"),
      tarball("@danvan/store-sql")
    ],
    { cwd: app, quiet: true }
  )
  const modules = join(app, "node_modules")
  const native = filesEndingWith(modules, ".node")
  if (native.length > 0) fail(`the ${engine}-only app installed native modules: ${native.join(", ")}`)
  if (engine === "sqlite" && existsSync(join(modules, "@effect", "sql-pg")))
    fail("the SQLite-only app installed @effect/sql-pg")
  copyFileSync(compiled, join(app, "out", "e2e.js"))
  const forbidden = engine === "sqlite" ? "@effect/sql-pg" : "node:sqlite"
  const store = engine === "sqlite" ? "sqlite:data/danvan.db" : database
  run(`e2e (${engine} only)`, process.execPath, ["--import", forbid(forbidden), "out/e2e.js", "effect"], {
    cwd: app,
    env: { DANVAN_STORE: store }
  })
}

// ---------------------------------------------------------------------------------------------
// main
// ---------------------------------------------------------------------------------------------

const main = async () => {
  const started = performance.now()
  if (!args.has("--skip-build"))
    step("build (pnpm build)", () => run("build", "pnpm", ["build"], { cwd: root, quiet: true }))
  const work = mkdtempSync(join(tmpdir(), "danvan-consumer-"))
  if (work.startsWith(root)) fail(`the temporary folder ${work} is inside the workspace`)
  const tarballs = join(work, "tarballs")
  mkdirSync(tarballs)
  const packed = step("pack every publishable package", () => pack(tarballs))
  process.stdout.write(`${packed.map((p) => `  ${basename(p.tarball)}`).join("\n")}\n`)
  const pg = await step("PostgreSQL: a database for the check", () => postgres())
  try {
    for (const manager of managers) {
      const app = join(work, `app-${manager}`)
      const samples = writeApp(app, packed, manager)
      // vitest and @effect/vitest come in as store-testkit's peers; the samples that register the suite run under them.
      step(`${manager}: install the tarballs and their peers`, () => install(app, manager))
      const tsc = join(app, "node_modules", "typescript", "bin", "tsc")
      step(`${manager}: type-check (TypeScript ${typescript.current}, NodeNext)`, () =>
        typecheck("NodeNext", app, [process.execPath, tsc, "-p", "tsconfig.json", "--noEmit"], samples)
      )
      if (manager === "npm") {
        step(`${manager}: type-check (TypeScript ${typescript.current}, Bundler)`, () =>
          typecheck("Bundler", app, [process.execPath, tsc, "-p", "tsconfig.bundler.json"], samples)
        )
        step(`${manager}: type-check danvan's declarations themselves (skipLibCheck off)`, () => {
          writeFileSync(
            join(app, "tsconfig.libcheck.json"),
            tsconfig(
              { module: "NodeNext", moduleResolution: "NodeNext", noEmit: true, skipLibCheck: false },
              ["src"]
            )
          )
          const result = spawnSync(process.execPath, [tsc, "-p", "tsconfig.libcheck.json"], {
            cwd: app,
            encoding: "utf8",
            maxBuffer: 64 * 1024 * 1024
          })
          // Effect's and Node's declarations are theirs to keep; danvan's must have no error.
          const ours = `${result.stdout}${result.stderr}`
            .split("\n")
            .filter((l) => l.includes("node_modules/@danvan/") || l.startsWith("src/"))
          if (ours.length > 0) {
            process.stderr.write(`${ours.join("\n")}\n`)
            fail("danvan's declarations do not compile with skipLibCheck off")
          }
        })
        step(`${manager}: type-check (TypeScript ${typescript.oldest}, the oldest supported, NodeNext)`, () =>
          typecheck(
            `TypeScript ${typescript.oldest}`,
            app,
            [
              "npm",
              "exec",
              "--yes",
              `--package=typescript@${typescript.oldest}`,
              "--",
              "tsc",
              "-p",
              "tsconfig.json",
              "--noEmit"
            ],
            samples
          )
        )
      }
      step(`${manager}: compile`, () =>
        run("tsc", process.execPath, [tsc, "-p", "tsconfig.json"], { cwd: app, quiet: true })
      )
      const samplesDb = await pg.fresh(`${manager}_samples`)
      const env = { DATABASE_URL: samplesDb, DANVAN_PG_URL: samplesDb, DANVAN_DB_PASSWORD: "" }
      step(`${manager}: run the ${samples.length} samples of the docs and READMEs`, () => {
        for (const s of samples.filter((s) => !s.underVitest)) {
          run(
            `sample ${s.doc}:${s.line}`,
            process.execPath,
            [join("out", "samples", s.file.replace(/\.ts$/u, ".js"))],
            {
              cwd: app,
              env,
              timeoutSeconds: 120,
              quiet: true
            }
          )
        }
        if (samples.some((s) => s.underVitest)) {
          run(
            "samples under vitest",
            process.execPath,
            [join("node_modules", "vitest", "vitest.mjs"), "run"],
            {
              cwd: app,
              env,
              quiet: true
            }
          )
        }
      })
      for (const api of ["effect", "promise"]) {
        step(`${manager}: end-to-end, ${api} API, SQLite file`, () =>
          run("e2e", process.execPath, ["out/e2e.js", api], {
            cwd: app,
            env: { DANVAN_STORE: `sqlite:data/${api}/danvan.db` }
          })
        )
        const database = await pg.fresh(`${manager}_${api}`)
        step(`${manager}: end-to-end, ${api} API, PostgreSQL`, () =>
          run("e2e", process.execPath, ["out/e2e.js", api], { cwd: app, env: { DANVAN_STORE: database } })
        )
      }
      step(`${manager}: CommonJS require, Node ${process.version}`, () =>
        run("require", process.execPath, ["src/require.cjs"], { cwd: app })
      )
      step(`${manager}: the danvan command: init (twice) and check a SQLite store`, () => {
        const danvan = join(app, "node_modules", ".bin", "danvan")
        const store = "sqlite:data/cli/danvan.db"
        const expect = (output: string, wanted: string) => {
          if (!output.includes(wanted))
            fail(`danvan printed ${JSON.stringify(output)}, expected ${JSON.stringify(wanted)}`)
        }
        expect(run("danvan init", danvan, ["init", "--store", store], { cwd: app }), "created a danvan store")
        expect(
          run("danvan init", danvan, ["init", "--store", store], { cwd: app }),
          "is already a danvan store"
        )
        expect(run("danvan check", danvan, ["check", "--store", store], { cwd: app }), "no problems found")
      })
      if (manager === "npm") {
        const compiled = join(app, "out", "e2e.js")
        step(
          "SQLite only: install, no native module, no PostgreSQL driver; end-to-end without @effect/sql-pg",
          () => oneEngine(work, packed, compiled, "sqlite", "")
        )
        const database = await pg.fresh("pg_only")
        step("PostgreSQL only: install, no native module; end-to-end without loading node:sqlite", () =>
          oneEngine(work, packed, compiled, "pg", database)
        )
      }
      if (manager === "npm" && !args.has("--no-node22")) {
        const old = step(`Node ${oldestNode}: fetch`, () => node22())
        step(`${manager}: CommonJS require, Node ${oldestNode}`, () =>
          run("require", old, ["src/require.cjs"], { cwd: app })
        )
        step(`${manager}: end-to-end, effect API, SQLite file, Node ${oldestNode}`, () =>
          run("e2e", old, ["out/e2e.js", "effect"], {
            cwd: app,
            env: { DANVAN_STORE: "sqlite:data/node22/danvan.db" }
          })
        )
      }
    }
  } finally {
    await pg.dropAll()
    if (!args.has("--keep")) rmSync(work, { recursive: true, force: true })
    else process.stdout.write(`\nkept ${work}\n`)
  }
  const total = (performance.now() - started) / 1000
  process.stdout.write("\nconsumer check: every step passed\n")
  for (const [name, seconds] of timings)
    process.stdout.write(`  ${seconds.toFixed(1).padStart(6)} s  ${name}\n`)
  process.stdout.write(`  ${total.toFixed(1).padStart(6)} s  in all\n`)
}

await main()
