/**
 * Issue 12: "every danvan error prints its message with `console.error`, `String(e)` and
 * `JSON.stringify(e)`"; issue 15: rule violations are plain tagged data (not errors) that print
 * their message too.
 *
 * The classes under test are found, not listed: every exported class of the package entry that is
 * both a schema and an `Error`, and every one made with `Violation.TaggedClass`, so a class added
 * later is covered without touching this file. Each field of an instance is drawn from the field's own schema; where no generator can
 * meet a field's checks (a date pattern, an identifier), a value that meets them is used.
 */
import { inspect } from "node:util"
import { describe, expect, it } from "@effect/vitest"
import { Arbitrary, Effect, Equal, Schema } from "effect"
import * as Core from "../src/index.ts"

type Printed = { readonly _tag: string; readonly message: string }

type SchemaClass<A> = Schema.Top & { readonly fields: Schema.Struct.Fields } & (new (
    fields: never,
    options?: Schema.MakeOptions
  ) => A)

/** Every exported class of the package entry that is a schema and whose prototype passes `keep`. */
const classes = <A>(
  keep: (prototype: unknown) => boolean
): ReadonlyArray<readonly [string, SchemaClass<A>]> =>
  Object.entries(Core).flatMap(([ns, mod]) =>
    typeof mod === "object" && mod !== null
      ? Object.entries(mod).flatMap(([name, value]) =>
          typeof value === "function" && Schema.isSchema(value) && keep(value.prototype)
            ? [[`${ns}.${name}`, value as unknown as SchemaClass<A>] as const]
            : []
        )
      : []
  )

const errorClasses = classes<Error & Printed>((p) => p instanceof Error)
const violationClasses = classes<Printed>(Core.Violation.isViolation)

/** A value of a field: drawn from its schema, or one that meets the checks no generator meets. */
const valueOf = (field: Schema.Top, seed: number): Effect.Effect<unknown> =>
  Arbitrary.sampleEffect(Arbitrary.schema(field), { count: 1, seed }).pipe(
    Effect.map((values) => values[0]),
    Effect.catch((): Effect.Effect<unknown> => {
      const ast = field.ast
      if ("fields" in field && typeof field === "function")
        return instanceOf(field as unknown as SchemaClass<unknown>, seed)
      // A list of violations that may not be empty: one of its first kind.
      if ("value" in field && Schema.isSchema(field.value))
        return Effect.map(valueOf(field.value, seed), (v) => [v])
      if ("members" in field && Array.isArray(field.members))
        return valueOf(field.members[0] as Schema.Top, seed)
      // A calendar date is also a valid identifier, a period-free name and a code.
      if (ast._tag === "String") return Effect.succeed("2020-01-01")
      if (ast._tag === "Number") return Effect.succeed(1)
      if (ast._tag === "Arrays") return Effect.succeed([])
      return Effect.die(`no value for a field of kind ${ast._tag}`)
    })
  )

/** An instance of a schema class with every field filled, checks off (any instance must print). */
const instanceOf = <A>(cls: SchemaClass<A>, seed: number): Effect.Effect<A> =>
  Effect.gen(function* () {
    const fields: Record<string, unknown> = {}
    for (const [key, field] of Object.entries(cls.fields)) {
      if (key !== "_tag") fields[key] = yield* valueOf(field as Schema.Top, seed)
    }
    return new cls(fields as never, { disableChecks: true })
  })

describe("danvan errors print their message", () => {
  it("finds the error classes of the package entry", () => {
    // About 45 today; a broken discovery would find none and prove nothing.
    expect(errorClasses.length).toBeGreaterThan(35)
  })

  it.effect.each(errorClasses)("%s: console.error, String and JSON.stringify show the message", ([, cls]) =>
    Effect.gen(function* () {
      for (const seed of [1, 2, 3]) {
        const error = yield* instanceOf(cls, seed)
        expect(error.message).not.toBe("")
        // console.error prints what util.inspect gives.
        expect(inspect(error).startsWith(`${error._tag}: ${error.message}`)).toBe(true)
        expect(String(error)).toBe(`${error._tag}: ${error.message}`)
        const json = JSON.parse(JSON.stringify(error)) as Printed
        expect(json._tag).toBe(error._tag)
        expect(json.message).toBe(error.message)
      }
    })
  )
})

describe("rule violations are plain data that print their message", () => {
  it("finds the violation classes of the package entry", () => {
    // About 45 today, none of them an error.
    expect(violationClasses.length).toBeGreaterThan(40)
    expect(violationClasses.filter(([, cls]) => cls.prototype instanceof Error)).toEqual([])
  })

  it.effect.each(violationClasses)(
    "%s: String, JSON.stringify and util.inspect show the message",
    ([, cls]) =>
      Effect.gen(function* () {
        for (const seed of [1, 2, 3]) {
          const violation = yield* instanceOf(cls, seed)
          expect(violation.message).not.toBe("")
          expect(String(violation)).toBe(`${violation._tag}: ${violation.message}`)
          const json = JSON.parse(JSON.stringify(violation)) as Printed
          expect(json._tag).toBe(violation._tag)
          expect(json.message).toBe(violation.message)
          expect(inspect(violation)).toContain(inspect(violation.message))
          // Data: equal fields make equal values, and the message is not a field.
          expect(Equal.equals(violation, yield* instanceOf(cls, seed))).toBe(true)
          expect(Object.keys(violation)).not.toContain("message")
          expect(Object.hasOwn(violation, "stack")).toBe(false)
        }
      })
  )
})
