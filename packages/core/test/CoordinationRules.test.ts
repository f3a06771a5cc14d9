import { describe, expect, it } from "@effect/vitest"
import * as fc from "fast-check"
import * as CalendarDate from "../src/kernel/CalendarDate.ts"
import { CoordinationId, UnitId } from "../src/kernel/Ids.ts"
import { CoordinationProgramme } from "../src/model/Coordination.ts"
import * as CoordinationRules from "../src/model/CoordinationRules.ts"

const base = CalendarDate.make(2017, 1, 1)
const day = (n: number) => CalendarDate.addDays(base, n)

const programme = (
  parties: ReadonlyArray<string>,
  signedOn: number,
  validFrom: number,
  validUntil?: number
) =>
  new CoordinationProgramme({
    id: CoordinationId.make("ctpp-1"),
    title: "Chương trình phối hợp thực hiện phong trào thi đua “Dân vận khéo”",
    programme: "DVK",
    parties: parties.map((p) => UnitId.make(p)),
    signedOn: day(signedOn),
    validFrom: day(validFrom),
    ...(validUntil === undefined ? {} : { validUntil: day(validUntil) }),
    version: 0
  })

describe("CoordinationRules.validate", () => {
  it("reports exactly the rules a programme breaks: two distinct parties, signed ≤ in force < ends", () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom("bdv-tu-37", "ca-37", "ubnd-37"), { minLength: 2, maxLength: 4 }),
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 0, max: 60 }),
        fc.option(fc.integer({ min: 0, max: 60 }), { nil: undefined }),
        (parties, signedOn, validFrom, validUntil) => {
          const tags = CoordinationRules.validate(programme(parties, signedOn, validFrom, validUntil)).map(
            (v) => v._tag
          )
          const expected = [
            ...(new Set(parties).size < 2 ? ["TooFewParties"] : []),
            ...(validFrom < signedOn ? ["EffectiveBeforeSigned"] : []),
            ...(validUntil !== undefined && validUntil <= validFrom ? ["EndsBeforeStart"] : [])
          ]
          expect(tags).toEqual(expected)
        }
      )
    )
  })

  it("says what is wrong in plain words", () => {
    const vs = CoordinationRules.validate(programme(["ca-37", "ca-37"], 10, 5, 5))
    expect(vs.map((v) => v.message)).toEqual([
      "coordination programme ctpp-1 has 1 distinct party; it is signed between at least two units",
      "coordination programme ctpp-1 takes effect on 2017-01-06, before it was signed on 2017-01-11",
      "coordination programme ctpp-1 ends on 2017-01-06, which is not after it takes effect (2017-01-06)"
    ])
    expect(CoordinationRules.validate(programme(["bdv-tu-37", "ca-37"], 0, 0))).toEqual([])
  })

  it("is in force from validFrom until validUntil (exclusive)", () => {
    const p = programme(["bdv-tu-37", "ca-37"], 0, 5, 10)
    expect([4, 5, 9, 10].map((n) => CoordinationRules.inForceOn(p, day(n)))).toEqual([
      false,
      true,
      true,
      false
    ])
  })
})
