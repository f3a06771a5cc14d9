import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import * as fc from "fast-check"
import { Page } from "../src/index.ts"

/** A paged query over sorted numbers, as a store pages by key, recording the limits asked for. */
const over = (items: ReadonlyArray<number>, asked: Array<number>) => (request: Page.PageRequest) => {
  const limit = Page.limitOf(request)
  asked.push(request.limit ?? Number.NaN)
  const from = request.after === undefined ? 0 : items.findIndex((n) => n > Number(request.after))
  const start = from === -1 ? items.length : from
  const slice = items.slice(start, start + limit)
  return Effect.succeed(
    start + limit < items.length ? { items: slice, next: String(slice[slice.length - 1]) } : { items: slice }
  )
}

describe("Page.collect", () => {
  it.effect("asks for pages of the largest size a store returns unless told otherwise", () =>
    Effect.gen(function* () {
      const items = Array.from({ length: Page.maxLimit + 5 }, (_, i) => i)
      const asked: Array<number> = []
      expect(yield* Page.collect(over(items, asked))).toEqual(items)
      expect(asked).toEqual([Page.maxLimit, Page.maxLimit])
    })
  )

  it("returns every item once, in order, whatever the page size", () =>
    fc.assert(
      fc.property(fc.uniqueArray(fc.nat(10_000)), fc.integer({ min: 1, max: 50 }), (raw, limit) => {
        const items = [...raw].sort((a, b) => a - b)
        const asked: Array<number> = []
        const all = Effect.runSync(Page.collect(over(items, asked), limit))
        expect(all).toEqual(items)
        expect(asked.length).toBe(Math.max(1, Math.ceil(items.length / limit)))
      })
    ))
})
