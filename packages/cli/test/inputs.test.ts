/**
 * The command line's own readings of what a user types, under hostile input: `--store` (and
 * `--schema`), the actor flags, and the mapping of the library's errors to exit codes.
 */
import { StoreError } from "@danvan/core"
import { describe, expect, it } from "@effect/vitest"
import { Option, Redacted, Result } from "effect"
import * as fc from "fast-check"
import { Actor, ExitCode, Location } from "../src/index.ts"

describe("--store", () => {
  it("reads every accepted form, and nothing that would be gone when the command ends", () => {
    expect(Result.getOrThrow(Location.parse("sqlite:data/danvan.db", Option.none()))._tag).toBe("Sqlite")
    expect(Result.getOrThrow(Location.parse("json:data/ninh-binh", Option.none()))._tag).toBe("Json")
    const pg = Result.getOrThrow(Location.parse("postgres://u:secret@db:5432/danvan", Option.some("tinh_37")))
    expect(pg._tag === "Postgres" && pg.schema).toBe("tinh_37")
    expect(Location.describe(pg)).not.toContain("secret")
    expect(Result.isFailure(Location.parse("memory", Option.none()))).toBe(true)
    expect(Result.isFailure(Location.parse("sqlite::memory:", Option.none()))).toBe(true)
    expect(Result.isFailure(Location.parse("sqlite:a.db", Option.some("s")))).toBe(true)
  })

  it("never throws, and never repeats a password, whatever is typed", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), fc.option(fc.string()), (text, schema) => {
        const secret = "s3cr3t-pass"
        const typed = text.startsWith("postgres") ? text : `postgres://user:${secret}@${text}`
        for (const input of [text, typed]) {
          const parsed = Location.parse(input, Option.fromNullishOr(schema))
          if (Result.isFailure(parsed)) {
            expect(parsed.failure.length).toBeGreaterThan(0)
            expect(parsed.failure).not.toContain(secret)
          } else {
            expect(Location.describe(parsed.success)).not.toContain(secret)
          }
        }
      })
    )
  })
})

describe("the actor", () => {
  it("is the console's central administrator unless --as and --role both say otherwise", () => {
    expect(Actor.fromFlags({ as: Option.none(), role: Option.none() })).toEqual(Actor.defaultActor)
    expect(Actor.policy.centralUnits).toContain(Actor.defaultActor.unitId)
    expect(typeof Actor.fromFlags({ as: Option.some("vn-37"), role: Option.none() })).toBe("string")
    expect(typeof Actor.fromFlags({ as: Option.none(), role: Option.some("leader") })).toBe("string")
    fc.assert(
      fc.property(fc.string(), fc.string(), (unitId, role) => {
        const actor = Actor.fromFlags({ as: Option.some(unitId), role: Option.some(role) })
        expect(typeof actor).toBe("object")
        if (typeof actor === "object") {
          // The unit is taken as typed, in NFC; the library decodes it and the role.
          expect(actor.unitId).toBe(unitId.normalize("NFC"))
          expect(actor.role).toBe(role)
        }
      })
    )
  })
})

describe("exit codes", () => {
  it("sends a store that cannot be used to 70 and every other typed error to 2", () => {
    expect(ExitCode.ofError(new StoreError.StoreUnavailable({ reason: "Unknown", detail: "down" }))).toBe(70)
    expect(ExitCode.ofError(new StoreError.StoreCorrupt({ location: "x", reason: "y" }))).toBe(70)
    expect(ExitCode.ofError(new StoreError.NotFound({ entity: "unit", id: "vn-1" }))).toBe(2)
    expect(ExitCode.ofError(new ExitCode.CliFailure({ code: 1, message: "problems" }))).toBe(1)
    fc.assert(
      fc.property(fc.string(), (tag) => {
        const code = ExitCode.ofError({ _tag: tag })
        expect(code).toBe(["StoreUnavailable", "StoreCorrupt", "OfficeError"].includes(tag) ? 70 : 2)
      })
    )
  })

  it("keeps a PostgreSQL URL redacted in the parsed location", () => {
    const pg = Result.getOrThrow(Location.parse("postgresql://a:b@h/d", Option.none()))
    expect(pg._tag === "Postgres" && Redacted.isRedacted(pg.url)).toBe(true)
  })
})
