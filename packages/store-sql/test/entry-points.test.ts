/**
 * Issue 12: "an app that uses only PostgreSQL does not load a SQLite module, and an app that uses
 * only SQLite does not load the PostgreSQL driver"; and each store from the configuration
 * (`DANVAN_STORE`).
 *
 * What a process loads is watched from inside a child Node process, with a module hook that
 * records every module it resolves, so nothing here is a mock of the loader.
 */
import { spawnSync } from "node:child_process"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { UnitRepository } from "@danvan/core"
import { describe, expect, it } from "@effect/vitest"
import { ConfigProvider, Effect, Layer } from "effect"
import { StoreSql } from "../src/index.ts"
import { StorePg } from "../src/pg.ts"
import { StoreSqlite } from "../src/sqlite.ts"
import { describePg, freshSchema, pgUrl, tempDir } from "./support/engines.ts"
import * as F from "./support/fixtures.ts"

const packageRoot = fileURLToPath(new URL("..", import.meta.url))

/** The modules a fresh Node process resolves while it imports `specifiers` (and runs `then`). */
const loadedBy = (specifiers: ReadonlyArray<string>, then = ""): ReadonlyArray<string> => {
  const hook = `import { registerHooks } from "node:module"
const seen = new Set()
registerHooks({ resolve(specifier, context, next) { seen.add(specifier); return next(specifier, context) } })
process.on("exit", () => process.stdout.write(JSON.stringify([...seen])))`
  const program = `${specifiers.map((s) => `await import(${JSON.stringify(s)})`).join("\n")}\n${then}`
  const result = spawnSync(
    process.execPath,
    [
      "--conditions=@danvan/source",
      "--no-warnings",
      "--import",
      `data:text/javascript,${encodeURIComponent(hook)}`,
      "--input-type=module",
      "-e",
      program
    ],
    { cwd: packageRoot, encoding: "utf8" }
  )
  expect(result.status, result.stderr).toBe(0)
  return JSON.parse(result.stdout) as ReadonlyArray<string>
}

const withEnv = (value: string) => ConfigProvider.layer(ConfigProvider.fromEnvRecord({ DANVAN_STORE: value }))

const unitsOf = (layer: Layer.Layer<never, unknown> | ReturnType<typeof StoreSql.layerConfig>, env: string) =>
  Effect.scoped(
    Effect.flatMap(
      Layer.build(Layer.provide(layer as ReturnType<typeof StoreSql.layerConfig>, withEnv(env))),
      (context) =>
        Effect.provideContext(
          Effect.gen(function* () {
            const units = yield* UnitRepository
            yield* units.insert([F.province])
            return (yield* units.list({})).items.map((u) => u.id)
          }),
          context
        )
    )
  )

describe("entry points load only their engine's driver", () => {
  it("the main entry loads neither node:sqlite nor @effect/sql-pg", () => {
    const loaded = loadedBy(["@danvan/store-sql"])
    expect(loaded).not.toContain("node:sqlite")
    expect(loaded).not.toContain("@effect/sql-pg")
  }, 60_000)

  it("a PostgreSQL app (the pg entry) never loads node:sqlite", () => {
    const loaded = loadedBy(["@danvan/store-sql", "@danvan/store-sql/pg"])
    expect(loaded).toContain("@effect/sql-pg")
    expect(loaded).not.toContain("node:sqlite")
  }, 60_000)

  it("a SQLite app (the sqlite entry, or layerConfig on sqlite:) never loads @effect/sql-pg", () => {
    const direct = loadedBy(["@danvan/store-sql", "@danvan/store-sql/sqlite"])
    expect(direct).toContain("node:sqlite")
    expect(direct).not.toContain("@effect/sql-pg")
    const configured = loadedBy(
      ["@danvan/store-sql", "effect"],
      `const { StoreSql } = await import("@danvan/store-sql")
const { ConfigProvider, Effect, Layer } = await import("effect")
const env = ConfigProvider.layer(ConfigProvider.fromEnvRecord({ DANVAN_STORE: "sqlite::memory:" }))
await Effect.runPromise(Effect.scoped(Layer.build(Layer.provide(StoreSql.layerConfig(), env))))`
    )
    expect(configured).toContain("node:sqlite")
    expect(configured).not.toContain("@effect/sql-pg")
  }, 60_000)
})

describe("the store from the configuration", () => {
  it.live(
    "sqlite:<file> opens SQLite in that file, through StoreSql.layerConfig and StoreSqlite.layerConfig",
    () =>
      Effect.gen(function* () {
        const dir = yield* tempDir
        expect(yield* unitsOf(StoreSql.layerConfig(), `sqlite:${join(dir, "a", "store.db")}`)).toEqual([
          F.province.id
        ])
        expect(yield* unitsOf(StoreSqlite.layerConfig(), `sqlite:${join(dir, "b.db")}`)).toEqual([
          F.province.id
        ])
      }).pipe(Effect.scoped)
  )

  it.live("a location another adapter serves is a ConfigError naming that adapter", () =>
    Effect.gen(function* () {
      const json = yield* Effect.flip(unitsOf(StoreSql.layerConfig(), "json:data"))
      expect(json._tag).toBe("ConfigError")
      expect(json.message).toContain("@danvan/store-json")
      const pg = yield* Effect.flip(unitsOf(StoreSqlite.layerConfig(), "postgres://u:secret@db.example/x"))
      expect(pg.message).toContain("@danvan/store-sql (StoreSql.layerConfig or StorePg.layerConfig)")
      // The password never reaches the message.
      expect(pg.message).not.toContain("secret")
      const sqlite = yield* Effect.flip(unitsOf(StorePg.layerConfig(), "sqlite:x.db"))
      expect(sqlite.message).toContain("StoreSqlite.layerConfig")
      const garbage = yield* Effect.flip(unitsOf(StoreSql.layerConfig(), "mysql://db.example/x"))
      expect(garbage.message).toContain("expected memory, sqlite:<file>, postgres://")
    })
  )
})

describePg("the store from the configuration: PostgreSQL", () => {
  it.live("postgres://… opens PostgreSQL, through StoreSql.layerConfig and StorePg.layerConfig", () =>
    Effect.gen(function* () {
      const { schema } = yield* freshSchema
      expect(yield* unitsOf(StoreSql.layerConfig({ pg: { schema } }), pgUrl)).toEqual([F.province.id])
      const other = yield* freshSchema
      expect(yield* unitsOf(StorePg.layerConfig({ schema: other.schema }), pgUrl)).toEqual([F.province.id])
    }).pipe(Effect.scoped)
  )
})
