import { describe, expect, it } from "@effect/vitest"
import * as fc from "fast-check"
import * as Options from "../src/Options.ts"

const parse = (args: ReadonlyArray<string>, env: Record<string, string> = {}) => Options.parse(args, env)

describe("Options.parse", () => {
  it("defaults to 1% of the country, every adapter and scenario, seed 1", () => {
    const o = parse([])
    if (o === "help") throw new Error("help")
    expect(o.scale).toBe(0.01)
    expect(o.seed).toBe(1)
    expect(o.adapters).toEqual(["memory", "sqlite", "postgres", "json"])
    expect(o.scenarios).toEqual(["import", "rollup", "queries", "submit", "load", "csv"])
    expect(o.submissions).toBe(200)
    expect(o.load).toBe(1000)
    expect(o.csvMegabytes).toBe(50)
    expect(o.pgUrl).toBe("postgres://postgres@127.0.0.1:5432/postgres")
  })

  it("reads lists, both option spellings, and DANVAN_PG_URL", () => {
    const o = parse(["--scale", "0.1", "--adapters=json,memory", "--scenarios", "submit", "--seed", "7"], {
      DANVAN_PG_URL: "postgres://x@127.0.0.1/y"
    })
    if (o === "help") throw new Error("help")
    expect(o.scale).toBe(0.1)
    expect(o.adapters).toEqual(["memory", "json"])
    expect(o.scenarios).toEqual(["submit"])
    expect(o.seed).toBe(7)
    expect(o.pgUrl).toBe("postgres://x@127.0.0.1/y")
  })

  it("refuses what it cannot run, saying why", () => {
    expect(() => parse(["--scale", "2"])).toThrow(/--scale must be in \(0, 1\]/)
    expect(() => parse(["--scale", "0"])).toThrow(Options.UsageError)
    expect(() => parse(["--adapters", "oracle"])).toThrow(/unknown adapter oracle/)
    expect(() => parse(["--seed", "-1"])).toThrow(/--seed/)
    expect(() => parse(["--frobnicate", "1"])).toThrow(/unknown option --frobnicate/)
    expect(() => parse(["--scale"])).toThrow(/needs a value/)
    expect(parse(["--help"])).toBe("help")
  })

  it("any argument list gives options, help, or a UsageError", () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.string(), fc.constantFrom("--scale", "--seed", "--adapters", "0.5", "sqlite")), {
          maxLength: 6
        }),
        (args) => {
          try {
            const o = parse(args)
            if (o !== "help") expect(o.scale > 0 && o.scale <= 1).toBe(true)
          } catch (e) {
            expect(e).toBeInstanceOf(Options.UsageError)
          }
        }
      )
    )
  })
})
