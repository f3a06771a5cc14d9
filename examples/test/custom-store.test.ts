/**
 * Bring your own store: the single-file adapter of the example passes the same conformance suite
 * as danvan's own adapters, and keeps what one process wrote for the next.
 */
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { conformance } from "@danvan/store-testkit"
import { Effect } from "effect"
import { afterAll, describe, expect, it } from "vitest"
import { once } from "../src/custom-store/main.ts"
import * as SingleFileStore from "../src/custom-store/SingleFileStore.ts"

const scratch = mkdtempSync(join(tmpdir(), "danvan-custom-store-"))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

let stores = 0
conformance(
  "custom-store (one JSON file)",
  () => SingleFileStore.layer({ file: join(scratch, `store-${++stores}.json`) }),
  {
    modelBased: { numRuns: 100 },
    propertyRuns: 50
  }
)

describe("custom-store example", () => {
  it("creates the file on the first run and finds the model on the next ones", async () => {
    const file = join(scratch, "demo.json")
    const first = await Effect.runPromise(once(file))
    expect(first).toEqual([
      `created ${file} and registered "Du lịch cộng đồng gắn với giữ gìn cảnh quan Tràng An" (version 1)`
    ])
    const second = await Effect.runPromise(once(file))
    expect(second[0]).toBe(
      `found 1 model in ${file}: "Du lịch cộng đồng gắn với giữ gìn cảnh quan Tràng An", 1 events`
    )
    expect(second[1]).toBe("started it: now at version 2, 2 events")
    const third = await Effect.runPromise(once(file))
    expect(third).toEqual([
      `found 1 model in ${file}: "Du lịch cộng đồng gắn với giữ gìn cảnh quan Tràng An", 2 events`
    ])
  })
})
