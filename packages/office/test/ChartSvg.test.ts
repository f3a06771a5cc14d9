import { SixMonthReport } from "@danvan/core"
import { describe, expect, it } from "@effect/vitest"
import * as fc from "fast-check"
import { ChartSvg } from "../src/index.ts"
import { report } from "./fixture.ts"

describe("ChartSvg", () => {
  it("draws each chart of the report as SVG with its title, categories and values", () => {
    const [fields, , completeness] = SixMonthReport.charts(report)
    const svg = ChartSvg.render(fields!)
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true)
    expect(svg).toContain("<title>Số mô hình theo lĩnh vực</title>")
    expect(svg).toContain(">Phát triển kinh tế</text>")
    expect(svg).toContain(">1.200</text>")
    expect(ChartSvg.render(completeness!)).toContain(">Chưa gửi</text>")
  })

  it("escapes text and picks round ticks (property)", () => {
    fc.assert(
      fc.property(fc.string(), fc.nat(10_000_000), (name, max) => {
        const svg = ChartSvg.render({
          id: "x",
          title: name,
          valueTitle: "v",
          categories: [name],
          series: [{ name, values: [max] }],
          stacked: false
        })
        expect(svg).not.toMatch(/<(?!\/?(svg|title|rect|text|line)\b)/u)
        const step = ChartSvg.tickStep(max)
        expect(step * 10 >= max / 5 || max === 0).toBe(true)
        expect(/^(1|2|5)0*$/u.test(String(step))).toBe(true)
      })
    )
  })
})
