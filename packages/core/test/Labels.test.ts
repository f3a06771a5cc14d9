import { describe, expect, it } from "@effect/vitest"
import * as fc from "fast-check"
import * as Policy from "../src/access/Policy.ts"
import * as Labels from "../src/text/Labels.ts"

const tables = Object.entries(Labels).filter(
  (entry): entry is [string, Readonly<Record<string, string>>] =>
    typeof entry[1] === "object" &&
    entry[1] !== null &&
    Object.values(entry[1]).every((v) => typeof v === "string")
)

describe("Labels", () => {
  it("labels exactly the roles of the default policy", () => {
    expect(Object.keys(Labels.role).sort()).toEqual(Object.keys(Policy.defaults.roles).sort())
  })

  it("labels every permission a policy can grant", () => {
    expect(Object.keys(Labels.permission).sort()).toEqual([...Policy.Permission.literals].sort())
  })

  it("names any role: the app's own label first, then the default's, then the name itself", () => {
    expect(Labels.roleOf("leader")).toBe("Lãnh đạo")
    expect(Labels.roleOf("leader", { leader: "Trưởng ban" })).toBe("Trưởng ban")
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z][A-Za-z]{0,20}$/), (name) => {
        const label = Labels.roleOf(name)
        expect(label).toBe(Object.hasOwn(Labels.role, name) ? Labels.role[name as Labels.DefaultRole] : name)
        expect(label.length).toBeGreaterThan(0)
      })
    )
  })

  it("every label of every table is non-empty NFC text without surrounding spaces", () => {
    expect(tables.length).toBeGreaterThan(10)
    for (const [table, labels] of tables) {
      for (const [key, label] of Object.entries(labels)) {
        expect(label.length, `${table}.${key}`).toBeGreaterThan(0)
        expect(label, `${table}.${key}`).toBe(label.normalize("NFC").trim())
      }
    }
  })
})
