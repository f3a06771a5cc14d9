/**
 * Issue 14, hostile input against the Effect API: every use case behind the facade, called as an
 * Effect with its valid input spoiled in every place by every kind of hostile value (see
 * `support/hostile.ts`, `variants`), with a spoiled actor, and with each hostile clock. Each call
 * either succeeds or fails with a typed error; its cause holds no defect and no interruption; and
 * calling the use case never throws (the Effect is built lazily or from decoded input only).
 *
 * Each call runs in a transaction that is then rolled back, so every call sees the same seeded
 * world and gets as far as its spoiled input lets it (a successful change would otherwise turn
 * the next call into a version conflict); the store is read whole at the end and must be
 * unchanged. It runs on the in-memory store, SQLite (a file) and the JSON store. The count of
 * hostile inputs tried is printed per store; `DANVAN_HOSTILE_SWEEP=all` tries every variant (about
 * 38,600 per store), by default every `DANVAN_HOSTILE_STRIDE`th (7) of each operation's, from an
 * offset (`DANVAN_HOSTILE_OFFSET`) that changes with each run.
 */
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { inspect } from "node:util"
import { Danvan, type Store, UnitOfWork } from "@danvan/core"
import { StoreJson } from "@danvan/store-json"
import { StoreMemory } from "@danvan/store-memory"
import { StoreSqlite } from "@danvan/store-sql/sqlite"
import { Cause, Effect, Exit, type Layer } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { nowValues, type Variant, variants } from "./support/hostile.ts"
import {
  actingCalls,
  differences,
  openCalls,
  type Snapshot,
  seedHostileWorld,
  snapshot,
  Tally,
  today,
  type ValidCall,
  wrongFailure
} from "./support/hostileWorld.ts"

const stride =
  process.env.DANVAN_HOSTILE_SWEEP === "all" ? 1 : Math.max(1, Number(process.env.DANVAN_HOSTILE_STRIDE ?? 7))
const offset = Number(process.env.DANVAN_HOSTILE_OFFSET ?? Date.now() % stride)

/** A use case's outcome, carried out of the transaction that is then rolled back. */
class Rollback {
  readonly _tag = "Rollback"
  readonly exit: Exit.Exit<unknown, unknown>
  constructor(exit: Exit.Exit<unknown, unknown>) {
    this.exit = exit
  }
}

type UseCase = (...args: ReadonlyArray<unknown>) => Effect.Effect<unknown, unknown, Store.Store>

let now: () => unknown = () => today

const dir = mkdtempSync(join(tmpdir(), "danvan-hostile-effect-"))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const stores: ReadonlyArray<readonly [string, () => Layer.Layer<Store.Store, unknown>]> = [
  ["in memory", () => StoreMemory.layer()],
  ["SQLite file", () => StoreSqlite.layer({ filename: join(dir, "sweep.sqlite") })],
  ["JSON", () => StoreJson.layer({ directory: join(dir, "json") })]
]

const useCases = { ...Danvan.actingUseCases, ...Danvan.openUseCases } as unknown as Record<string, UseCase>
const calls: Record<string, ValidCall> = { ...actingCalls, ...openCalls }

for (const [storeName, layer] of stores) {
  describe(`hostile input against the use cases as Effects (${storeName})`, () => {
    let client: Danvan.Client
    let seeded: Snapshot
    const tally = new Tally()

    beforeAll(async () => {
      client = await Danvan.open(layer(), { now: () => now() as Date })
      await seedHostileWorld(client)
      seeded = await client.run(snapshot)
    }, 60_000)
    afterAll(async () => {
      // Every call was rolled back: the store holds exactly the seeded world.
      expect(differences(seeded, await client.run(snapshot))).toEqual([])
      await client.close()
      console.log(
        `hostile inputs tried against the use cases (${storeName}): ${tally.tried} (every ${stride}th variant from ${offset}; ${tally})`
      )
    })

    /** Runs one call in a transaction rolled back after it, and checks its outcome is typed. */
    const attempt = async (
      name: string,
      label: string,
      args: () => ReadonlyArray<unknown>,
      clock?: () => unknown
    ) => {
      const useCase = useCases[name] as UseCase
      let effect: Effect.Effect<unknown, unknown, Store.Store>
      try {
        effect = useCase(...args())
      } catch (error) {
        throw new Error(`${name} (${label}) threw when called: ${inspect(error).slice(0, 500)}`)
      }
      if (clock !== undefined) now = clock
      let outer: Exit.Exit<unknown, unknown>
      try {
        outer = await client.run(
          Effect.exit(
            Effect.flatMap(UnitOfWork, (uow) =>
              uow.transaction(Effect.flatMap(Effect.exit(effect), (exit) => Effect.fail(new Rollback(exit))))
            )
          )
        )
      } finally {
        now = () => today
      }
      const rolled = Exit.isFailure(outer) ? Cause.squash(outer.cause) : undefined
      if (!(rolled instanceof Rollback)) {
        throw new Error(`${name} (${label}): the transaction ended with ${inspect(outer).slice(0, 1000)}`)
      }
      const { exit } = rolled
      if (Exit.isSuccess(exit)) {
        tally.add("success")
        return
      }
      const context = `${name} (${label}): ${Cause.pretty(exit.cause).slice(0, 2000)}`
      expect(Cause.hasDies(exit.cause), context).toBe(false)
      expect(Cause.hasInterrupts(exit.cause), context).toBe(false)
      const error = Cause.squash(exit.cause)
      expect(wrongFailure(error, inspect), context).toBeUndefined()
      tally.add((error as { _tag: string })._tag)
    }

    for (const [name, valid] of Object.entries(calls)) {
      it(`${name}: every place of its input, its actor and its clock spoiled, typed outcomes only`, async () => {
        const v = (kind: string, id: string) => seeded.get(`${kind} ${id}`)?.version ?? 0
        const args = valid.args(v)
        const actor = valid.actor
        const withActor = (rest: ReadonlyArray<unknown>, ...a: ReadonlyArray<unknown>) =>
          actor === undefined ? rest : [a.length === 0 ? actor : a[0], ...rest]
        const chosen = <A>(all: ReadonlyArray<A>) => all.filter((_, i) => i % stride === offset % stride)
        await attempt(name, "valid", () => withActor(args))
        for (const variant of chosen<Variant>(variants(args))) {
          await attempt(name, variant.label, () => withActor(variant.make() as ReadonlyArray<unknown>))
        }
        if (actor !== undefined) {
          for (const variant of chosen<Variant>(variants([actor]))) {
            await attempt(name, `actor ${variant.label}`, () =>
              withActor(args, (variant.make() as Array<unknown>)[0])
            )
          }
        }
        for (const clock of nowValues)
          await attempt(name, clock.label, () => withActor(args), clock.make as () => unknown)
      }, 300_000)
    }
  })
}
