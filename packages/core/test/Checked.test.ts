import { describe, expect, it } from "@effect/vitest"
import { Result, Schema } from "effect"
import * as fc from "fast-check"
import * as Actor from "../src/access/Actor.ts"
import * as Checked from "../src/kernel/Checked.ts"

const input = (name: string) => ({ personId: "cb-1", name, unitId: "vn-37", role: "officer" })

describe("Checked", () => {
  it("vouches, with the schema that decoded it, for a frozen value it decoded with every check", () => {
    fc.assert(
      fc.property(fc.constantFrom("Nguyễn Văn A", "Trần Thị Bình", "Lê Đức Thọ"), (name) => {
        const actor = Checked.decodeUnknownSync(Actor.Actor)(input(name.normalize("NFD")))
        expect(actor.name).toBe(name.normalize("NFC"))
        expect(Object.isFrozen(actor)).toBe(true)
        expect(Checked.isCheckedBy(Actor.Actor, actor)).toBe(true)
        expect(Checked.isCheckedBy(Schema.Unknown, actor)).toBe(false)
      })
    )
  })

  it("vouches for nothing built by hand or refused by the schema", () => {
    const checked = Checked.decodeUnknownSync(Actor.Actor)(input("Nguyễn Văn A"))
    const byHand = Object.freeze(new Actor.Actor({ ...checked }))
    expect(Checked.isCheckedBy(Actor.Actor, byHand)).toBe(false)
    expect(Checked.isCheckedBy(Actor.Actor, { ...checked })).toBe(false)
    expect(Checked.isCheckedBy(Actor.Actor, Object.create(checked))).toBe(false)
    const refused = Checked.decodeUnknownResult(Actor.Actor)(input("bad\u0000name"))
    expect(Result.isFailure(refused)).toBe(true)
    expect(() => Checked.decodeUnknownSync(Actor.Actor)({ ...input("A"), unitId: 37 })).toThrow()
  })

  it("does not vouch for a value holding a part freezing cannot protect", () => {
    const WithDate = Schema.Struct({ at: Schema.Date })
    const value = Checked.decodeUnknownSync(WithDate)({ at: new Date(0) })
    expect(Checked.isCheckedBy(WithDate, value)).toBe(false)
  })
})
