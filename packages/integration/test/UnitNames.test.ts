/**
 * Issue 14, unit names under the Vietnamese name policy however a unit is created: the use case
 * `importUnits` (and so the facade) refuses a look-alike letter from another script or block as
 * the statistics-office importer does, naming the letter and the one it imitates, and stores
 * nothing; a Vietnamese name in any spelling is stored in NFC.
 */
import { Danvan, StoreError, Text, Unit, UnitRepository, Units } from "@danvan/core"
import { StoreMemory } from "@danvan/store-memory"
import { describe, expect, it } from "@effect/vitest"
import { Clock, Effect, Exit, Schema } from "effect"
import { admin, ids, seedWorld } from "./support/world.ts"

const commune = (id: string, name: string, type: Unit.UnitType = "commune") => ({
  id,
  type,
  name,
  ...(type === "commune" ? { code: "14999" } : {}),
  validFrom: "2025-07-01",
  parents: [{ parentId: ids.province, from: "2025-07-01" }],
  version: 0
})

const importOne = (id: string, name: string, type?: Unit.UnitType) =>
  Units.importUnits(admin(ids.province), { units: [commune(id, name, type)], successions: [] })

const clock = { now: () => new Date("2025-08-01T02:00:00.000Z") }

describe("unit names are Vietnamese names, however the unit is created", () => {
  it.effect("importUnits refuses Ðông Hải (Latin Ð, U+00D0) naming the letter, and stores nothing", () =>
    Effect.gen(function* () {
      yield* seedWorld
      const error = yield* Effect.flip(importOne("vn-dong-hai", "Ðông Hải"))
      expect(error._tag).toBe("InvalidInput")
      expect(error.message).toContain("importUnits")
      expect(error.message).toContain("Ð (U+00D0)")
      expect(error.message).toContain("Đ (U+0110)")
      const missing = yield* Effect.flip((yield* UnitRepository).get("vn-dong-hai" as never))
      expect(missing).toBeInstanceOf(StoreError.NotFound)
      // Cyrillic а in Hà Nội is refused the same way.
      const cyrillic = yield* Effect.flip(importOne("vn-ha-noi", "H\u0430 Nội"))
      expect(cyrillic.message).toContain("U+0430")
    }).pipe(
      Effect.provide(StoreMemory.layer()),
      Effect.provideService(Clock.Clock, Danvan.clockFrom(clock.now))
    )
  )

  it.effect("accepts Đông Hải in any spelling, stored in NFC, and & in an enterprise's name", () =>
    Effect.gen(function* () {
      yield* seedWorld
      const [stored] = (yield* importOne("vn-dong-hai", "Đông Hải".normalize("NFD"))).units
      expect(stored?.name).toBe("Đông Hải")
      expect((yield* (yield* UnitRepository).get("vn-dong-hai" as never)).name).toBe(
        "Đông Hải".normalize("NFC")
      )
      const [enterprise] = (yield* importOne(
        "vn-cty",
        "Công ty TNHH Thương mại & Dịch vụ Đông Hải",
        "enterprise"
      )).units
      expect(enterprise?.name).toContain("&")
    }).pipe(
      Effect.provide(StoreMemory.layer()),
      Effect.provideService(Clock.Clock, Danvan.clockFrom(clock.now))
    )
  )

  it("the facade refuses it with the same typed error", async () => {
    const danvan = await Danvan.open(StoreMemory.layer(), { now: clock.now })
    try {
      await danvan.run(seedWorld)
      const error = await danvan
        .importUnits(admin(ids.province), { units: [commune("vn-dong-hai", "Ðông Hải")], successions: [] })
        .then(
          () => undefined,
          (e: unknown) => e
        )
      expect(error).toMatchObject({ _tag: "InvalidInput", useCase: "importUnits" })
      expect((error as Error).message).toContain("looks like the Vietnamese Đ (U+0110)")
    } finally {
      await danvan.close()
    }
  })

  it("Unit.Unit and Text.VietnameseName refuse it wherever a unit is decoded or made", () => {
    const decoded = Schema.decodeUnknownExit(Unit.Unit)(commune("vn-dong-hai", "Ðông Hải"))
    expect(Exit.isFailure(decoded)).toBe(true)
    expect(String(Exit.isFailure(decoded) && decoded.cause)).toContain("U+00D0")
    expect(
      () =>
        new Unit.Unit({ ...Schema.decodeUnknownSync(Unit.Unit)(commune("x", "Đông Hải")), name: "Ðông Hải" })
    ).toThrow()
    expect(Schema.decodeUnknownSync(Text.VietnameseName)(" Đông Hải ")).toBe("Đông Hải")
    expect(Exit.isFailure(Schema.decodeUnknownExit(Text.VietnameseName)("Hà Nội#1"))).toBe(true)
    expect(Exit.isFailure(Schema.decodeUnknownExit(Text.vietnameseName({ maxLength: 5 }))("Đông Hải"))).toBe(
      true
    )
  })
})
