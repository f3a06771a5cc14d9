/**
 * What every part of the suite shares: how a test gets a fresh store, and assertions on errors.
 *
 * @since 0.1.0
 */
import { type Page, Store, type StoreError } from "@danvan/core"
import { expect, it } from "@effect/vitest"
import { Effect, type Layer, Result, type Scope } from "effect"

/** The options of the suite, with defaults applied. @since 0.1.0 */
export interface Settings {
  readonly numRuns: number
  readonly maxCommands: number
  readonly seed: number | undefined
  readonly path: string | undefined
  readonly propertyRuns: number
  readonly fibers: number
  readonly timeout: number
  readonly concurrentReadsDuringTransaction: boolean
}

/** @since 0.1.0 */
export interface Suite {
  readonly makeLayer: () => Layer.Layer<Store.Store, StoreError.StoreFailure>
  readonly settings: Settings
}

/** Registers a test that runs against a fresh, empty store. @since 0.1.0 */
export const test = <E>(
  suite: Suite,
  name: string,
  body: Effect.Effect<void, E, Store.Store | Scope.Scope>,
  timeout?: number
): void => {
  it.effect(name, () => body.pipe(Effect.provide(suite.makeLayer())), timeout ?? suite.settings.timeout)
}

/** Registers a test that runs only when `condition` holds (and is reported as skipped otherwise). @since 0.1.0 */
export const testIf = <E>(
  suite: Suite,
  condition: boolean,
  name: string,
  body: Effect.Effect<void, E, Store.Store | Scope.Scope>
): void => {
  it.effect.runIf(condition)(name, () => body.pipe(Effect.provide(suite.makeLayer())), suite.settings.timeout)
}

/**
 * The services of the port, by name (`Store.Services`).
 *
 * @category models
 * @since 0.1.0
 */
export type Services = Store.Services

/**
 * Every service of the port (`Store.services`).
 *
 * @category services
 * @since 0.1.0
 */
export const services: Effect.Effect<Services, never, Store.Store> = Store.services

type Tagged = { readonly _tag: string; readonly message?: string }

/**
 * Runs an effect expected to fail with the error of a tag, and returns that error; a success or
 * another error fails the test with what happened instead.
 *
 * @since 0.1.0
 */
export const failsWith = <const Tag extends string, A, E extends Tagged, R>(
  tag: Tag,
  effect: Effect.Effect<A, E, R>
): Effect.Effect<Extract<E, { readonly _tag: Tag }>, never, R> =>
  Effect.map(Effect.result(effect), (r) => {
    if (Result.isSuccess(r)) {
      expect.fail(`expected a ${tag}, but the operation succeeded with ${safeString(r.success)}`)
    }
    const error = (r as Result.Failure<A, E>).failure
    expect(error._tag, `expected a ${tag}, got ${error._tag}: ${error.message ?? ""}`).toBe(tag)
    return error as Extract<E, { readonly _tag: Tag }>
  })

/**
 * Runs a write expected to be refused with `ConstraintViolation` for the rule `constraint`, and
 * returns the error; a success, another error or another rule fails the test with what happened
 * instead. The name is part of the contract: every adapter names a rule the same way.
 *
 * @since 0.1.0
 */
export const violates = <A, E extends Tagged, R>(
  constraint: StoreError.ConstraintName,
  effect: Effect.Effect<A, E, R>
): Effect.Effect<StoreError.ConstraintViolation, never, R> =>
  Effect.map(failsWith("ConstraintViolation", effect), (error) => {
    const violation = error as unknown as StoreError.ConstraintViolation
    expect(
      violation.constraint,
      `expected a ConstraintViolation of "${constraint}", got "${violation.constraint}": ${violation.message}`
    ).toBe(constraint)
    return violation
  })

const safeString = (u: unknown): string => {
  try {
    return JSON.stringify(u)?.slice(0, 300) ?? String(u)
  } catch {
    return String(u)
  }
}

/**
 * Every item of a paged query, fetched page by page with a small limit, checking that each page
 * respects the limit and that a page with a `next` cursor is not empty.
 *
 * @since 0.1.0
 */
export const allPages = <A, E, R>(
  limit: number,
  query: (page: Page.PageRequest) => Effect.Effect<Page.Page<A>, E, R>
): Effect.Effect<{ readonly items: ReadonlyArray<A>; readonly pages: number }, E, R> =>
  Effect.gen(function* () {
    const items: Array<A> = []
    let after: string | undefined
    for (let pages = 1; pages <= 10_000; pages++) {
      const page = yield* query(after === undefined ? { limit } : { after, limit })
      expect(page.items.length).toBeLessThanOrEqual(limit)
      items.push(...page.items)
      if (page.next === undefined) return { items, pages }
      expect(page.items.length).toBeGreaterThan(0)
      after = page.next
    }
    return expect.fail("more than 10000 pages")
  })

/** The ids of records. @since 0.1.0 */
export const ids = (records: ReadonlyArray<{ readonly id: string }>): ReadonlyArray<string> =>
  records.map((r) => r.id)
