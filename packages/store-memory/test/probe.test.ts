import { Probe } from "@danvan/core"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Schema } from "effect"

describe("probe", () => {
  it.effect("decodes", () =>
    Effect.gen(function* () {
      const n = yield* Schema.decodeUnknownEffect(Probe.Name)("x")
      expect(n).toBe("x")
    })
  )
})
