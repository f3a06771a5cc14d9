/** Issue 12: the in-memory store from the configuration (`DANVAN_STORE=memory`). */
import { UnitRepository } from "@danvan/core"
import { describe, expect, it } from "@effect/vitest"
import { ConfigProvider, Effect, Layer } from "effect"
import { StoreMemory } from "../src/index.ts"

const open = (value: string) =>
  Effect.scoped(
    Layer.build(
      Layer.provide(
        StoreMemory.layerConfig(),
        ConfigProvider.layer(ConfigProvider.fromEnvRecord({ DANVAN_STORE: value }))
      )
    )
  )

describe("StoreMemory.layerConfig", () => {
  it.effect("DANVAN_STORE=memory opens an empty store", () =>
    Effect.gen(function* () {
      const context = yield* open("memory")
      const units = yield* Effect.provideContext(
        Effect.flatMap(UnitRepository, (r) => r.list({})),
        context
      )
      expect(units.items).toEqual([])
    })
  )

  it.effect("another location is a ConfigError naming the adapter that serves it", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(open("sqlite:data/x.db"))
      expect(error._tag).toBe("ConfigError")
      expect(error.message).toContain("@danvan/store-sql")
    })
  )
})
