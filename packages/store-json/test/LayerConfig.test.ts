/** Issue 12: the JSON-file store from the configuration (`DANVAN_STORE=json:<directory>`). */
import { mkdtempSync, readdirSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { UnitRepository } from "@danvan/core"
import { describe, expect, it } from "@effect/vitest"
import { ConfigProvider, Effect, Layer } from "effect"
import { StoreJson } from "../src/index.ts"

const open = (value: string) =>
  Layer.build(
    Layer.provide(
      StoreJson.layerConfig(),
      ConfigProvider.layer(ConfigProvider.fromEnvRecord({ DANVAN_STORE: value }))
    )
  )

describe("StoreJson.layerConfig", () => {
  it.live("DANVAN_STORE=json:<directory> opens a store in that directory", () =>
    Effect.gen(function* () {
      const dir = yield* Effect.acquireRelease(
        Effect.sync(() => mkdtempSync(join(tmpdir(), "danvan-json-config-"))),
        (d) => Effect.sync(() => rmSync(d, { recursive: true, force: true }))
      )
      const directory = join(dir, "ninh-binh")
      const units = yield* Effect.scoped(
        Effect.flatMap(open(`json:${directory}`), (context) =>
          Effect.provideContext(
            Effect.flatMap(UnitRepository, (r) => r.list({})),
            context
          )
        )
      )
      expect(units.items).toEqual([])
      expect(readdirSync(directory).length).toBeGreaterThan(0)
    }).pipe(Effect.scoped)
  )

  it.effect("another location is a ConfigError naming the adapter that serves it", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(Effect.scoped(open("memory")))
      expect(error._tag).toBe("ConfigError")
      expect(error.message).toContain("@danvan/store-memory")
    })
  )
})
