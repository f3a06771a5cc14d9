/**
 * Issue 12: "every danvan error prints its message with `console.error`, `String(e)` and
 * `JSON.stringify(e)`".
 *
 * The error classes under test are found, not listed: every exported class of the package entry
 * that is both a schema and an `Error`, so a class added later is covered without touching this
 * file. Each field of an instance is drawn from the field's own schema; where no generator can
 * meet a field's checks (a date pattern, an identifier), a value that meets them is used.
 */
import { inspect } from "node:util"
import { describe, expect, it } from "@effect/vitest"
import { Arbitrary, Effect, Schema } from "effect"
import * as Core from "../src/index.ts"

type ErrorClass = Schema.Top & { readonly fields: Schema.Struct.Fields } & (new (
    fields: never,
    options?: Schema.MakeOptions
  ) => Error & { readonly _tag: string })

const errorClasses: ReadonlyArray<readonly [string, ErrorClass]> = Object.entries(Core).flatMap(
  ([ns, mod]) =>
    typeof mod === "object" && mod !== null
      ? Object.entries(mod).flatMap(([name, value]) =>
          typeof value === "function" && value.prototype instanceof Error && Schema.isSchema(value)
            ? [[`${ns}.${name}`, value as unknown as ErrorClass] as const]
            : []
        )
      : []
)

/** A value of a field: drawn from its schema, or one that meets the checks no generator meets. */
const valueOf = (field: Schema.Top, seed: number): Effect.Effect<unknown> =>
  Arbitrary.sampleEffect(Arbitrary.schema(field), { count: 1, seed }).pipe(
    Effect.map((values) => values[0]),
    Effect.catch((): Effect.Effect<unknown> => {
      const ast = field.ast
      if ("fields" in field && typeof field === "function")
        return instanceOf(field as unknown as ErrorClass, seed)
      // A calendar date is also a valid identifier, a period-free name and a code.
      if (ast._tag === "String") return Effect.succeed("2020-01-01")
      if (ast._tag === "Number") return Effect.succeed(1)
      if (ast._tag === "Arrays") return Effect.succeed([])
      return Effect.die(`no value for a field of kind ${ast._tag}`)
    })
  )

/** An instance of a schema class with every field filled, checks off (any instance must print). */
const instanceOf = (cls: ErrorClass, seed: number): Effect.Effect<Error & { readonly _tag: string }> =>
  Effect.gen(function* () {
    const fields: Record<string, unknown> = {}
    for (const [key, field] of Object.entries(cls.fields)) {
      if (key !== "_tag") fields[key] = yield* valueOf(field as Schema.Top, seed)
    }
    return new cls(fields as never, { disableChecks: true })
  })

describe("danvan errors print their message", () => {
  it("finds the error classes of the package entry", () => {
    // About 80 today; a broken discovery would find none and prove nothing.
    expect(errorClasses.length).toBeGreaterThan(60)
  })

  it.effect.each(errorClasses)("%s: console.error, String and JSON.stringify show the message", ([, cls]) =>
    Effect.gen(function* () {
      for (const seed of [1, 2, 3]) {
        const error = yield* instanceOf(cls, seed)
        expect(error.message).not.toBe("")
        // console.error prints what util.inspect gives.
        expect(inspect(error).startsWith(`${error._tag}: ${error.message}`)).toBe(true)
        expect(String(error)).toBe(`${error._tag}: ${error.message}`)
        const json = JSON.parse(JSON.stringify(error)) as { readonly _tag: string; readonly message: string }
        expect(json._tag).toBe(error._tag)
        expect(json.message).toBe(error.message)
      }
    })
  )
})
