/**
 * Issue 14, each fault the hostile-input properties (`HostileFacade.test.ts`,
 * `HostileUseCases.test.ts`) found, as an example named after it, on the in-memory store and on
 * SQLite. Before the fixes each of these was a throw of an untyped error (a defect: "Schema
 * validation failed", "hostile getter"), a message of megabytes, an outage reported for bad input,
 * or bad text stored.
 */
import { inspect } from "node:util"
import { Danvan, Regime, type Store, UseCaseErrors } from "@danvan/core"
import { StoreMemory } from "@danvan/store-memory"
import { StoreSqlite } from "@danvan/store-sql/sqlite"
import { Cause, Hash, type Layer } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { trapped } from "./support/hostile.ts"
import { differences, type Snapshot, seedHostileWorld, snapshot, today } from "./support/hostileWorld.ts"
import { admin, ids, leader, officer } from "./support/world.ts"

const rejection = async (promise: Promise<unknown>): Promise<Error & { readonly _tag?: string }> => {
  try {
    await promise
  } catch (error) {
    return error as Error & { readonly _tag?: string }
  }
  throw new Error("expected the promise to reject")
}

const stores: ReadonlyArray<readonly [string, () => Layer.Layer<Store.Store, unknown>]> = [
  ["in memory", () => StoreMemory.layer()],
  ["SQLite", () => StoreSqlite.layer({ filename: ":memory:" })]
]

for (const [storeName, layer] of stores) {
  describe(`faults found by the hostile-input properties (${storeName})`, () => {
    let danvan: Danvan.Client
    let seeded: Snapshot
    beforeAll(async () => {
      danvan = await Danvan.open(layer(), { now: () => today })
      await seedHostileWorld(danvan)
      seeded = await danvan.run(snapshot)
    })
    afterAll(async () => {
      // None of the calls below changed anything.
      expect(differences(seeded, await danvan.run(snapshot))).toEqual([])
      await danvan.close()
    })

    it("input whose reading throws is an InvalidInput keeping a copy of what was thrown as its cause", async () => {
      const thrown = new Error("the form's getter failed")
      const input = Object.defineProperty({ unitId: ids.truongYen }, "phaseId", {
        enumerable: true,
        get: () => {
          throw thrown
        }
      })
      const error = await rejection(danvan.registerModel(officer(ids.truongYen), input as never))
      expect(error).toBeInstanceOf(UseCaseErrors.InvalidInput)
      expect(error.message).toContain("registerModel")
      expect(error.message).toContain("the form's getter failed")
      // A copy made by the library (name, message, stack), never the thrown value itself, which
      // may be a proxy that throws again wherever the error is walked.
      expect(error.cause).not.toBe(thrown)
      expect(error.cause).toBeInstanceOf(Error)
      expect(error.cause).toMatchObject({
        name: "Error",
        message: "the form's getter failed",
        stack: thrown.stack
      })
      // The cause is shown where an error is inspected, not serialised with it.
      expect(inspect(error)).toContain("the form's getter failed")
      expect(JSON.parse(JSON.stringify(error))).not.toHaveProperty("cause")
    })

    it("an actor behind a proxy whose traps throw is an InvalidInput about the actor", async () => {
      const error = await rejection(
        danvan.report(trapped(officer(ids.truongYen), "every") as never, { reportId: "r-draft" })
      )
      expect(error._tag).toBe("InvalidInput")
      expect(error.message).toContain("report (the actor)")
      // What a proxy throws cannot even be shown safely: the message says so and goes on.
      const nasty = new Proxy(
        {},
        {
          get: () => {
            throw new Error("again")
          }
        }
      )
      const error2 = await rejection(
        danvan.report(
          Object.defineProperty({}, "personId", {
            enumerable: true,
            get: () => {
              throw nasty
            }
          }) as never,
          { reportId: "r-draft" }
        )
      )
      expect(error2._tag).toBe("InvalidInput")
      // What a proxy throws is shown by its kind, read safely (`Text.describeUntrusted`).
      expect(String(error2)).toBe(
        "InvalidInput: invalid input to report (the actor): reading the input threw an object"
      )
    })

    it("what the input throws is never kept as the error's cause: walking the error does not throw again", async () => {
      const { proxy: revokedProxy, revoke } = Proxy.revocable({}, {})
      revoke()
      const throwing = (thrown: unknown) =>
        Object.defineProperty({ unitId: ids.truongYen }, "phaseId", {
          enumerable: true,
          get: () => {
            throw thrown
          }
        })
      const hostileError = new Proxy(new Error("a proxy of an error"), {
        get: () => {
          throw new Error("again")
        }
      })
      for (const thrown of [revokedProxy, hostileError, { toString: "" }]) {
        const error = await rejection(danvan.registerModel(officer(ids.truongYen), throwing(thrown) as never))
        expect(error._tag).toBe("InvalidInput")
        // Effect hashes a failure when causes are combined, and `Cause.pretty` follows the cause:
        // with the thrown value kept, both threw a TypeError out of a typed failure.
        expect(() => Hash.hash(error)).not.toThrow()
        expect(Cause.pretty(Cause.fail(error))).toContain("reading the input threw")
      }
    })

    it("an id of megabytes gives a message of a few lines, saying how long the input was", async () => {
      const error = await rejection(danvan.directive({ directiveId: "x".repeat(5_000_000) }))
      expect(error._tag).toBe("InvalidInput")
      expect(error.message.length).toBeLessThan(3_000)
      expect(error.message).toContain("characters in all")
    })

    it("validationRules of a programme that is not one is an InvalidInput, not an outage or an empty list", async () => {
      for (const programme of ["dvk", 7, { programme: "DVK" }]) {
        const error = await rejection(danvan.validationRules(programme as never))
        expect(error._tag, String(programme)).toBe("InvalidInput")
        expect(error.message).toContain("validationRules")
      }
      expect((await danvan.validationRules("DVK")).map((r) => r.id)).toEqual(["r-models"])
      expect(await danvan.validationRules("QCDC")).toEqual([])
    })

    it("a reason holding NUL or half a surrogate pair is an InvalidInput, not a defect", async () => {
      const reviewer = danvan.as(leader(ids.hoaLu))
      const version = seeded.get("report r-submitted")?.version ?? 0
      for (const reason of ["Thiếu\u0000số liệu", "Thiếu \uD800"]) {
        const returned = await rejection(reviewer.returnReport({ reportId: "r-submitted", version, reason }))
        expect(returned._tag).toBe("InvalidInput")
        expect(returned.message).toContain("returnReport")
      }
      const reopened = await rejection(
        reviewer.reopenReport({
          reportId: "r-approved",
          version: seeded.get("report r-approved")?.version ?? 0,
          reason: "Sửa\u0000"
        })
      )
      expect(reopened._tag).toBe("InvalidInput")
      // An empty reason is still the workflow's own refusal.
      expect(
        (await rejection(reviewer.returnReport({ reportId: "r-submitted", version, reason: " " })))._tag
      ).toBe("ReasonRequired")
    })

    it("a document number whose type code holds a control character is an InvalidInput, not a defect", async () => {
      for (const typeCode of ["K\u0000H", "\uD800", "\u202EKH", " "]) {
        const error = await rejection(
          danvan.as(officer(ids.province)).registerDirective({
            id: "kh-x",
            number: { _tag: "Party", number: 5, typeCode, issuer: "TU" },
            issuedBy: { _tag: "Unit", unitId: ids.province, body: "partyCommittee" },
            title: "Kế hoạch",
            programme: "DVK",
            issuedOn: "2025-01-02",
            effectiveFrom: "2025-01-02",
            replaces: [],
            tasks: []
          })
        )
        expect(error._tag, JSON.stringify(typeCode)).toBe("InvalidInput")
      }
    })

    it("a holiday schedule's source and a validation rule's indicator are under the text policy and bounded", async () => {
      const party = JSON.parse(JSON.stringify(Regime.defaults.party))
      const version = seeded.get(`regime ${party.id}`)?.version ?? 0
      for (const source of ["\uD800", "Công văn\u0000", "x".repeat(5_000_000)]) {
        const regime = { ...party, version }
        regime.publicHolidays.schedules[0].source = source
        const error = await rejection(danvan.putRegime(admin(ids.province), regime))
        expect(error._tag).toBe("InvalidInput")
        expect(error.message.length).toBeLessThan(3_000)
      }
      const rule = {
        id: "r-long",
        name: "Chỉ tiêu dài",
        programme: "DVK",
        left: { terms: [{ indicator: "x".repeat(5_000_000), coefficient: 1 }], constant: 0 },
        operator: ">=",
        right: { terms: [], constant: 0 },
        importance: "low",
        scope: "own",
        version: 0
      }
      const error = await rejection(danvan.putValidationRule(admin(ids.province), rule as never))
      expect(error._tag).toBe("InvalidInput")
    })
  })
}

describe("faults found by the hostile-input properties (Danvan.open and run)", () => {
  it("open given no layer or options it cannot read rejects with InvalidInput, not a TypeError", async () => {
    for (const [layer, options] of [
      ["not a layer", {}],
      [
        new Proxy(
          {},
          {
            has: () => {
              throw new Error("trap")
            }
          }
        ),
        {}
      ],
      [StoreMemory.layer(), null],
      [StoreMemory.layer(), trapped({}, "every")],
      [StoreMemory.layer(), { now: "2025-04-02" }]
    ] as const) {
      const error = await rejection(Danvan.open(layer as never, options as never))
      expect(error).toBeInstanceOf(UseCaseErrors.InvalidInput)
      expect(error.message).toContain("Danvan.open")
    }
  })

  it("run given something other than an Effect rejects with InvalidInput", async () => {
    const danvan = await Danvan.open(StoreMemory.layer())
    try {
      for (const value of [42, null, { _tag: "Success" }]) {
        expect((await rejection(danvan.run(value as never)))._tag).toBe("InvalidInput")
      }
    } finally {
      await danvan.close()
    }
  })
})
