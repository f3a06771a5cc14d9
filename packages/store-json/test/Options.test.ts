/**
 * Opening a store with whatever options a caller passes gives a store or a typed error, never a
 * thrown exception or a defect.
 */
import * as path from "node:path"
import { describe, expect, it } from "@effect/vitest"
import { Exit } from "effect"
import * as fc from "fast-check"
import { openAndRead, tempDir } from "./support/store.ts"

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
    const options = fc.oneof(
      fc.record(
        {
          directory,
          readOnly: fc.oneof(fc.boolean(), fc.anything()),
          compactAfter: fc.oneof(fc.integer(), fc.anything())
        },
        { requiredKeys: ["directory"] }
      ),
      fc.anything(),
      fc.constant(throwing),
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
})
