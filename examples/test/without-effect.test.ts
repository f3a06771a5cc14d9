/**
 * The without-Effect example: a plain async/await app over the Promise facade.
 */
import { readFileSync } from "node:fs"
import { describe, expect, it } from "vitest"
import { run } from "../src/without-effect/app.ts"

describe("without-effect example", () => {
  it("runs the use cases as Promises and tells refusals apart by their tagged errors", async () => {
    expect(await run()).toEqual([
      "imported 4 units",
      'registered "Tổ hòa giải giỏi ở thôn, xóm"',
      "commending it now is refused: InvalidTransition",
      'Yên Thắng submitting Yên Phong\'s report: not allowed: Cán bộ xã Yên Thắng (acting for unit "we-commune-yen-thang") may not submit a report of unit "we-commune-yen-phong": an actor acts only for its own unit',
      "Yên Thắng submitted on time, Yên Phong late",
      "Yên Mô, first six months of 2017: 20 models from 2 reports; late: we-commune-yen-phong"
    ])
  })

  it("imports nothing from effect", () => {
    for (const file of ["app.ts", "main.ts"]) {
      const source = readFileSync(new URL(`../src/without-effect/${file}`, import.meta.url), "utf8")
      expect(source).not.toMatch(/from "effect/u)
    }
  })
})
