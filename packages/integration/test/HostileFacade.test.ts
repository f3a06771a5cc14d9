/**
 * Issue 14, hostile input against the Promise facade: for every operation of `Danvan.open`, calls
 * with arbitrary and adversarial arguments give a typed result, a success or a rejection with one
 * of danvan's error classes (a `_tag`, a message in plain words, printable), and never a
 * synchronous throw, an untyped rejection, a defect, or a hang; and no call leaves the store
 * changed when it failed (or when it only reads), nor unable to open.
 *
 * Each call is one of:
 * - `raw`: every argument hostile, actor included;
 * - `actor`: a valid input with a hostile actor, or a valid actor spoiled at one place;
 * - `input`: the valid actor with the valid arguments spoiled at one place (a value replaced, a
 *   key removed or added, a throwing getter, a getter that changes its answer, a proxy with a
 *   throwing trap, inherited or null-prototype fields, an own `__proto__` key);
 * - `clock`: a valid call while the client's `now` throws or gives no sensible instant;
 * and goes through the client or through a session (`client.as(actor)`).
 *
 * Before and after each call the whole store is read through its port; a failed call or a read
 * must leave it exactly as it was; a store on disk is then closed and opened again and must hold
 * the same. It runs on the in-memory store, SQLite (a file) and the JSON store. The count of
 * hostile inputs tried is printed per store; `DANVAN_HOSTILE_RUNS` sets the calls per operation
 * (default 6) and `DANVAN_HOSTILE_SEED` replays a run.
 */
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { inspect } from "node:util"
import { Danvan, type Store } from "@danvan/core"
import { StoreJson } from "@danvan/store-json"
import { StoreMemory } from "@danvan/store-memory"
import { StoreSqlite } from "@danvan/store-sql/sqlite"
import type { Layer } from "effect"
import * as fc from "fast-check"
import { afterAll, describe, expect, it } from "vitest"
import { type Hostile, hostileNow, hostileValue, type Spoiler, spoil, spoiler } from "./support/hostile.ts"
import {
  actingCalls,
  differences,
  openCalls,
  type Snapshot,
  seedHostileWorld,
  snapshot,
  Tally,
  today,
  untyped,
  type ValidCall,
  wrongFailure
} from "./support/hostileWorld.ts"

const runsPerOperation = Math.max(1, Number(process.env.DANVAN_HOSTILE_RUNS ?? 6))
const seed =
  process.env.DANVAN_HOSTILE_SEED === undefined ? Date.now() : Number(process.env.DANVAN_HOSTILE_SEED)
/** A call that takes longer than this has hung (a call with megabytes of input takes well under a second). */
const hangAfterMs = 30_000

type Shape =
  | { readonly kind: "raw"; readonly args: ReadonlyArray<Hostile> }
  | { readonly kind: "actor"; readonly actor: Hostile | Spoiler }
  | { readonly kind: "input"; readonly spoiler: Spoiler }
  | { readonly kind: "clock"; readonly now: Hostile }

interface HostileCall {
  readonly shape: Shape
  readonly viaSession: boolean
}

const isSpoiler = (x: Hostile | Spoiler): x is Spoiler => "action" in x

const hostileCall = (acting: boolean): fc.Arbitrary<HostileCall> =>
  fc.record({
    shape: fc.oneof(
      fc.record({ kind: fc.constant("raw" as const), args: fc.array(hostileValue, { maxLength: 3 }) }),
      ...(acting
        ? [fc.record({ kind: fc.constant("actor" as const), actor: fc.oneof(hostileValue, spoiler) })]
        : []),
      fc.record({ kind: fc.constant("input" as const), spoiler }),
      fc.record({ kind: fc.constant("clock" as const), now: hostileNow })
    ),
    viaSession: fc.boolean()
  })

/** The client's clock: today, or a hostile `now` for one call. */
let now: () => unknown = () => today

type Outcome =
  | { readonly _tag: "Success"; readonly value: unknown }
  | { readonly _tag: "Failure"; readonly error: unknown }

/** Calls `f`, which must return a Promise at once (a throw is a failure of the property) and settle in time. */
const settle = async (f: () => unknown): Promise<Outcome> => {
  let promise: unknown
  try {
    promise = f()
  } catch (error) {
    throw new Error(`the method threw synchronously instead of rejecting: ${inspect(error).slice(0, 500)}`)
  }
  if (!(promise instanceof Promise)) throw new Error("the method returned no Promise")
  let timer: ReturnType<typeof setTimeout> | undefined
  const started = Date.now()
  try {
    const outcome = await Promise.race([
      promise.then(
        (value): Outcome => ({ _tag: "Success", value }),
        (error): Outcome => ({ _tag: "Failure", error })
      ),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`the call hung for ${hangAfterMs} ms`)), hangAfterMs)
      })
    ])
    const took = Date.now() - started
    if (took > hangAfterMs) throw new Error(`the call blocked for ${took} ms`)
    return outcome
  } finally {
    clearTimeout(timer)
  }
}

/** Each store: its name, a layer for its `n`th fresh store, and whether it lives on disk. */
const stores = (
  dir: string
): ReadonlyArray<readonly [string, (n: number) => Layer.Layer<Store.Store, unknown>, boolean]> => [
  ["in memory", () => StoreMemory.layer(), false],
  ["SQLite file", (n) => StoreSqlite.layer({ filename: join(dir, `hostile-${n}.sqlite`) }), true],
  ["JSON", (n) => StoreJson.layer({ directory: join(dir, `json-${n}`) }), true]
]

const dir = mkdtempSync(join(tmpdir(), "danvan-hostile-"))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

for (const [storeIndex, [storeName, layer, onDisk]] of stores(dir).entries()) {
  describe(`hostile input against the Promise facade (${storeName})`, () => {
    let client: Danvan.Client | undefined
    let before: Snapshot
    let stored = 0
    const tally = new Tally()
    const open = () => Danvan.open(layer(stored), { now: () => now() as Date })

    /** A new store holding the seeded world, so each operation's calls start from it. */
    const fresh = async () => {
      await client?.close()
      stored++
      client = await open()
      await seedHostileWorld(client)
      before = await client.run(snapshot)
      return client
    }

    afterAll(async () => {
      await client?.close()
      console.log(
        `hostile inputs tried against the facade (${storeName}): ${tally.tried} (seed ${seed}; ${tally})`
      )
    })

    const versions = (kind: string, id: string) => before.get(`${kind} ${id}`)?.version ?? 0

    const check = async (name: string, valid: ValidCall, call: HostileCall) => {
      let current = client ?? (await fresh())
      const args = valid.args(versions)
      let actor: unknown = valid.actor
      let rest: ReadonlyArray<unknown> = args
      const { shape } = call
      if (shape.kind === "raw") [actor, ...rest] = shape.args.map((h) => h.make())
      else if (shape.kind === "actor") {
        actor = isSpoiler(shape.actor) ? spoil(valid.actor, shape.actor) : shape.actor.make()
      } else if (shape.kind === "input") {
        // One argument spoiled: the list of arguments itself is the caller's own array.
        const at = shape.spoiler.at % Math.max(1, args.length)
        rest =
          args.length === 0
            ? [shape.spoiler.value.make()]
            : args.map((a, i) => (i === at ? spoil(a, shape.spoiler) : a))
      }
      const acting = valid.actor !== undefined
      const method = (target: object) =>
        (target as Record<string, (...a: ReadonlyArray<unknown>) => unknown>)[name] as (
          ...a: ReadonlyArray<unknown>
        ) => unknown
      if (shape.kind === "clock") now = shape.now.make as () => unknown
      let outcome: Outcome
      try {
        outcome = await settle(() => {
          if (!acting) return method(current)(...(shape.kind === "raw" ? [actor, ...rest] : rest))
          if (call.viaSession) return method(current.as(actor as never))(...rest)
          return method(current)(actor, ...rest)
        })
      } finally {
        now = () => today
      }
      tally.add(outcome._tag === "Success" ? "success" : String((outcome.error as { _tag?: unknown })?._tag))
      if (outcome._tag === "Failure") {
        const problem = wrongFailure(outcome.error, inspect)
        expect(problem, `${name}: ${inspect(outcome.error, { depth: 3 }).slice(0, 2000)}`).toBeUndefined()
      }
      if (onDisk) {
        await current.close()
        current = client = await open()
      }
      const after = await current.run(snapshot)
      const changed = differences(before, after)
      if (outcome._tag === "Failure" || valid.reads === true) {
        expect(changed, `${name} ${outcome._tag} changed the store`).toEqual([])
      } else {
        // A change keeps every record it did not touch and leaves an audit entry; the next call
        // starts from the seeded world again, so it reaches as far as this one did.
        expect(
          [...before.keys()].filter((k) => !after.has(k)),
          `${name} removed records`
        ).toEqual([])
        expect(
          changed.some((k) => k.startsWith("audit entry ")),
          `${name} left no audit entry`
        ).toBe(true)
        await fresh()
      }
    }

    const operations: ReadonlyArray<readonly [string, ValidCall]> = [
      ...Object.entries(actingCalls),
      ...Object.entries(openCalls)
    ]
    operations.forEach(([name, valid], index) => {
      it(`${name}: typed outcomes only, nothing stored changed by a failure`, async () => {
        await fresh()
        await fc.assert(
          fc.asyncProperty(hostileCall(valid.actor !== undefined), (call) => check(name, valid, call)),
          { numRuns: runsPerOperation, seed: seed + 1000 * storeIndex + index, endOnFailure: true }
        )
      }, 120_000)
    })
  })
}

describe("hostile options and layers to Danvan.open", () => {
  it("open resolves with a client or rejects with a typed error, whatever it is given", async () => {
    const tally = new Tally()
    const options = fc.oneof(
      hostileValue.map((h) => ({ label: h.label, make: h.make })),
      fc
        .record({ now: fc.oneof(hostileValue, hostileNow), policy: hostileValue }, { requiredKeys: [] })
        .map((o) => ({
          label: `{ now: ${o.now?.label}, policy: ${o.policy?.label} }`,
          make: () => ({
            ...(o.now === undefined ? {} : { now: o.now.make() }),
            ...(o.policy === undefined ? {} : { policy: o.policy.make() })
          })
        }))
    )
    await fc.assert(
      fc.asyncProperty(options, fc.option(hostileValue), async (given, layer) => {
        const outcome = await settle(() =>
          Danvan.open((layer === null ? StoreMemory.layer() : layer.make()) as never, given.make() as never)
        )
        tally.add(outcome._tag === "Success" ? "success" : String((outcome.error as { _tag?: unknown })._tag))
        if (outcome._tag === "Success") {
          await (outcome.value as Danvan.Client).close()
          return
        }
        expect(
          untyped(outcome.error, inspect),
          `${given.label}, ${layer?.label}: ${inspect(outcome.error)}`
        ).toBeUndefined()
      }),
      { numRuns: 10 * runsPerOperation, seed, endOnFailure: true }
    )
    console.log(`hostile options and layers tried against Danvan.open: ${tally.tried} (${tally})`)
  }, 120_000)
})
