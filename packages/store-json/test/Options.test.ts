/**
 * Opening a store with whatever options a caller passes gives a store or a typed error, never a
 * thrown exception or a defect.
 */
import * as path from "node:path"
import { describe, expect, it } from "@effect/vitest"
import { Exit } from "effect"
import * as fc from "fast-check"
import { failureOf, openAndRead, tempDir } from "./support/store.ts"

describe("StoreJson.layer with hostile options", () => {
  it("gives a store or a typed StoreFailure for any options (property)", async () => {
    const parent = tempDir("options")
    let n = 0
    const directory = fc.oneof(
      fc.constant(undefined).map(() => path.join(parent, `s-${++n}`)),
      // Any value; a string is a path, so it is kept under `parent` (with its separators and dots
      // made plain), or the test would make folders wherever it runs.
      fc
        .anything()
        .map((v) =>
          typeof v === "string" ? path.join(parent, `any-${++n}-${v.replace(/[/\\.]/g, "_")}`) : v
        ),
      fc.constantFrom("", "   ", "a\u0000b")
    )
    const throwing = {
      get directory(): never {
        throw new Error("no directory here")
      }
    }
    /** Options whose `readOnly` throws what `String` cannot show. */
    const throwingUnshowable = () =>
      Object.defineProperty({ directory: path.join(parent, `t-${++n}`) }, "readOnly", {
        enumerable: true,
        get: () => {
          throw { toString: "" }
        }
      })
    const options = fc.oneof(
      fc.record(
        {
          directory,
          readOnly: fc.oneof(fc.boolean(), fc.anything()),
          compactAfter: fc.oneof(fc.integer(), fc.anything())
        },
        { requiredKeys: ["directory"] }
      ),
      fc.anything({ withNullPrototype: true, withBoxedValues: true, withObjectString: true }),
      fc.constant(throwing),
      fc.constant(null).map(throwingUnshowable),
      fc.constant(
        new Proxy(
          {},
          {
            get: () => {
              throw new Error("trap")
            }
          }
        )
      )
    )
    await fc.assert(
      fc.asyncProperty(options, async (o) => {
        const exit = await openAndRead(o as never)
        if (Exit.isFailure(exit)) {
          const reason = exit.cause.reasons[0]
          expect(reason?._tag).toBe("Fail")
          if (reason?._tag === "Fail")
            expect(["StoreUnavailable", "StoreCorrupt"]).toContain(reason.error._tag)
        }
      }),
      { numRuns: 60 }
    )
    const bad = await openAndRead({ directory: 42 } as never)
    expect(String(bad)).toContain('"directory" must be a path, got a number')
  })

  it("options whose getter throws what cannot be shown are a StoreUnavailable, not a TypeError", async () => {
    const { proxy: revoked, revoke } = Proxy.revocable({}, {})
    revoke()
    for (const [thrown, shown] of [
      [{ toString: "" }, "an object"],
      [Object.create(null), "an object"],
      [revoked, "a value of type object that cannot be shown"]
    ] as const) {
      const options = Object.defineProperty({}, "directory", {
        get: () => {
          throw thrown
        }
      })
      // `String(thrown)` threw out of the layer before, where a typed failure belongs.
      const error = failureOf(await openAndRead(options as never))
      expect(error._tag).toBe("StoreUnavailable")
      expect(error.message).toContain(`the options cannot be read: ${shown}`)
    }
  })
})
