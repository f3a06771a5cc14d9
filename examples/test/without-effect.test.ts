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
      'Yên Thắng submitting Yên Phong\'s report: no such report: no report with id "we-report-yen-phong"',
      'the district submitting Yên Phong\'s report: not allowed: Ban Dân vận Huyện ủy Yên Mô (acting for unit "we-district-yen-mo") may not submit a report of unit "we-commune-yen-phong": an actor acts only for its own unit',
      "Yên Thắng submitting its report: the figures do not add up: ExceedsBound (commended (4) exceeds effective (3))",
      "Yên Thắng submitted on time, Yên Phong late",
      "approving Yên Thắng's report again: someone changed the report meanwhile: reload it and try again",
      "Yên Mô's reports for 2017S1: we-commune-yen-phong approved, we-commune-yen-thang approved",
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
