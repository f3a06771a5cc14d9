/**
 * Canonical JSON: the one way a value is written to disk, so that the same record always gives
 * the same bytes (a re-save changes no line, and `git diff` shows only real changes).
 *
 * Object keys are sorted by UTF-16 code unit at every depth, there is no whitespace, and text is
 * written as UTF-8 (Vietnamese stays readable; only what JSON requires is escaped, so a record
 * never spans two lines).
 *
 * @since 0.1.0
 */
import { Text } from "@danvan/core"
import { Result } from "effect"

/** A JSON value. @since 0.1.0 */
export type Json = null | boolean | number | string | ReadonlyArray<Json> | { readonly [key: string]: Json }

/** Thrown inside the fast writer; the slow writer then says where and why. */
class NotJson {}
const notJson = new NotJson()

const maxDepth = 512

/** An object's keys in canonical order, each with its quoted form and colon (`"name":`). */
interface Order {
  /** The keys in the order `Object.keys` gave them, to tell a cached order's object apart. */
  readonly given: ReadonlyArray<string>
  readonly keys: ReadonlyArray<string>
  readonly quoted: ReadonlyArray<string>
}

/**
 * Orders already worked out, by the keys as given. A store writes records of a few dozen shapes
 * (the encoded forms of its schemas, whose fields come in the schema's order), so sorting and
 * quoting each object's keys again was most of the writer's time; the cache is bounded so that
 * values of many shapes only make it stop growing.
 */
const orders = new Map<string, Order>()
const maxOrders = 4096

const sameKeys = (a: ReadonlyArray<string>, b: ReadonlyArray<string>): boolean => {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}

const orderOf = (given: Array<string>): Order => {
  // The joined keys only find a candidate; it is used only when its keys are these keys.
  const id = given.join("\u0000")
  const cached = orders.get(id)
  if (cached !== undefined && sameKeys(cached.given, given)) return cached
  const keys = [...given].sort()
  const order: Order = { given, keys, quoted: keys.map((key) => `${JSON.stringify(key)}:`) }
  if (cached === undefined && orders.size < maxOrders) orders.set(id, order)
  return order
}

/** The fast writer: no bookkeeping, throws `notJson` on anything JSON cannot hold. */
const fast = (value: unknown, depth: number): string => {
  if (value === null) return "null"
  switch (typeof value) {
    case "string":
      return JSON.stringify(value)
    case "boolean":
      return value ? "true" : "false"
    case "number":
      if (Number.isFinite(value)) return JSON.stringify(value)
      throw notJson
    case "object": {
      if (depth > maxDepth) throw notJson
      if (Array.isArray(value)) {
        let out = "["
        for (let i = 0; i < value.length; i++) out += (i === 0 ? "" : ",") + fast(value[i], depth + 1)
        return `${out}]`
      }
      const proto = Object.getPrototypeOf(value)
      if (proto !== Object.prototype && proto !== null) throw notJson
      const record = value as Record<string, unknown>
      const order = orderOf(Object.keys(record))
      let out = ""
      for (let i = 0; i < order.keys.length; i++) {
        const field = record[order.keys[i]!]
        if (field === undefined) continue
        out += (out === "" ? "{" : ",") + order.quoted[i]! + fast(field, depth + 1)
      }
      return out === "" ? "{}" : `${out}}`
    }
    default:
      throw notJson
  }
}

/** The slow writer: the same output, or where and why the value is not JSON. */
const write = (value: unknown, path: string, seen: Set<object>): Result.Result<string, string> => {
  if (value === null) return Result.succeed("null")
  switch (typeof value) {
    case "string":
      return Result.succeed(JSON.stringify(value))
    case "boolean":
      return Result.succeed(value ? "true" : "false")
    case "number":
      return Number.isFinite(value)
        ? Result.succeed(JSON.stringify(value))
        : Result.fail(`${path || "the value"} is ${value}, which JSON cannot hold`)
    case "object": {
      if (seen.has(value)) return Result.fail(`${path || "the value"} refers to itself`)
      if (seen.size > maxDepth) return Result.fail(`${path || "the value"} is nested too deeply`)
      seen.add(value)
      const parts: Array<string> = []
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) {
          const item = write(value[i], `${path}[${i}]`, seen)
          if (Result.isFailure(item)) return item
          parts.push(item.success)
        }
        seen.delete(value)
        return Result.succeed(`[${parts.join(",")}]`)
      }
      const proto = Object.getPrototypeOf(value)
      if (proto !== Object.prototype && proto !== null) {
        return Result.fail(`${path || "the value"} is not a plain object`)
      }
      const record = value as Record<string, unknown>
      for (const key of Object.keys(record).sort()) {
        const field = record[key]
        if (field === undefined) continue
        const item = write(field, path === "" ? key : `${path}.${key}`, seen)
        if (Result.isFailure(item)) return item
        parts.push(`${JSON.stringify(key)}:${item.success}`)
      }
      seen.delete(value)
      return Result.succeed(`{${parts.join(",")}}`)
    }
    default:
      return Result.fail(`${path || "the value"} is a ${typeof value}, which JSON cannot hold`)
  }
}

/**
 * The canonical JSON text of a value, or why it has none (a function, a bigint, a non-finite
 * number, a class instance, a cycle). Absent (`undefined`) object fields are left out, as
 * `JSON.stringify` does.
 *
 * @since 0.1.0
 */
export const stringify = (value: unknown): Result.Result<string, string> => {
  try {
    return Result.succeed(fast(value, 0))
  } catch (error) {
    if (error !== notJson) return Result.fail(Text.describeThrown(error))
    return write(value, "", new Set())
  }
}

/**
 * Parses JSON text without throwing.
 *
 * @since 0.1.0
 */
export const parse = (text: string): Result.Result<unknown, string> => {
  try {
    return Result.succeed(JSON.parse(text) as unknown)
  } catch (error) {
    return Result.fail(Text.describeThrown(error))
  }
}

/** Whether a value is a plain JSON object (not an array, not null). @since 0.1.0 */
export const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value)
