/**
 * Issue 12: "`layerConfig` for each store from Effect `Config` (`DANVAN_STORE=sqlite:…`,
 * `postgres://…`, `json:dir`, `memory`)": the one grammar every adapter reads.
 */
import { describe, expect, it } from "@effect/vitest"
import { ConfigProvider, Effect, Redacted, Result } from "effect"
import * as fc from "fast-check"
import { StoreConfig } from "../src/index.ts"

const read = (env: Record<string, string>, name?: string) =>
  StoreConfig.location(name).parse(ConfigProvider.fromEnvRecord(env))

describe("StoreConfig", () => {
  it("reads each form", () => {
    const parse = (text: string) => Result.getOrThrow(StoreConfig.parse(text))
    expect(parse("memory")).toEqual(new StoreConfig.Memory({}))
    expect(parse("sqlite:data/danvan.db")).toEqual(new StoreConfig.Sqlite({ filename: "data/danvan.db" }))
    expect(parse("sqlite::memory:")).toEqual(new StoreConfig.Sqlite({ filename: ":memory:" }))
    expect(parse("json:./data/ninh-binh")).toEqual(new StoreConfig.Json({ directory: "./data/ninh-binh" }))
    const pg = parse("postgresql://danvan:secret@db.example:5432/danvan")
    expect(pg._tag === "Postgres" && Redacted.value(pg.url)).toBe(
      "postgresql://danvan:secret@db.example:5432/danvan"
    )
  })

  it("refuses anything else, saying what is accepted, without a password", () => {
    for (const text of ["", "mysql://x", "sqlite:", "json:", "memory:x", "postgres:db", "postgres://"]) {
      const parsed = StoreConfig.parse(text)
      expect(Result.isFailure(parsed)).toBe(true)
      if (Result.isFailure(parsed)) expect(parsed.failure).toContain("expected memory, sqlite:<file>")
    }
    const parsed = StoreConfig.parse("mongodb://admin:hunter2@db.example/x")
    expect(Result.isFailure(parsed) && parsed.failure).toContain("admin:***@")
    expect(Result.isFailure(parsed) && parsed.failure).not.toContain("hunter2")
  })

  it("parse(format(l)) is l, and parse never throws", () => {
    const location = fc.oneof(
      fc.constant(new StoreConfig.Memory({})),
      fc
        .string({ minLength: 1 })
        .filter((s) => s.trim() === s)
        .map((filename) => new StoreConfig.Sqlite({ filename })),
      fc
        .webUrl()
        .map((u) => u.replace(/^https?:/, "postgres:"))
        .map((url) => new StoreConfig.Postgres({ url: Redacted.make(url) })),
      fc
        .string({ minLength: 1 })
        .filter((s) => s.trim() === s)
        .map((directory) => new StoreConfig.Json({ directory }))
    )
    fc.assert(
      fc.property(location, (l) => {
        const again = Result.getOrThrow(StoreConfig.parse(StoreConfig.format(l)))
        expect(StoreConfig.format(again)).toBe(StoreConfig.format(l))
        expect(again._tag).toBe(l._tag)
      })
    )
    fc.assert(fc.property(fc.string(), (s) => void StoreConfig.parse(s)))
  })

  it.effect("is read from DANVAN_STORE, or the variable given; a bad value is a ConfigError naming it", () =>
    Effect.gen(function* () {
      expect((yield* read({ DANVAN_STORE: "sqlite:x.db" }))._tag).toBe("Sqlite")
      expect((yield* read({ APP_STORE: "memory" }, "APP_STORE"))._tag).toBe("Memory")
      const error = yield* Effect.flip(read({ DANVAN_STORE: "oracle:x" }))
      expect(error.message).toContain("DANVAN_STORE")
      expect(error.message).toContain("expected memory, sqlite:<file>")
      expect((yield* Effect.flip(read({})))._tag).toBe("ConfigError")
    })
  )
})
